import Testing
import JSONValues
import WholesaleAPI
import WholesaleHTTPServer
import WholesaleSimulator

/// How a test reaches the simulator: by a function call, or over HTTP on loopback.
enum SimTarget: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case inProcess
    case loopback
    var testDescription: String { rawValue }
}

/// A simulator, a client talking to it, and the clock that drives it.
struct SimHarness {
    let simulator: Simulator
    let client: WholesaleClient
    let clock: ManualClock
    let baseURL: String

    /// Sends a raw request (for shapes the client would refuse to send), with a bearer token
    /// unless `authorized` is false.
    func raw(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil, headers: [(name: String, value: String)] = [],
             authorized: Bool = true) async throws -> TransportResponse {
        var all = headers
        if body != nil, !all.contains(where: { $0.name == "Content-Type" }) { all.append(("Content-Type", "application/json")) }
        if authorized, !all.contains(where: { $0.name == "Authorization" }) { all.append(bearer) }
        return try await client.transport.send(TransportRequest(method: method, url: baseURL + path, headers: all, body: body?.jsonBytes()))
    }
}

/// Runs `body` against a fresh simulator reached through `target`.
func withSimulator<T>(
    _ target: SimTarget, configure: (inout SimulatorConfiguration) -> Void = { _ in }, store: SimulatorStore = .memory(),
    retry: RetryPolicy = .none, _ body: (SimHarness) async throws -> T
) async throws -> T {
    var configuration = SimulatorConfiguration()
    configure(&configuration)
    let clock = ManualClock()
    let simulator = try Simulator(configuration: configuration, clock: clock, store: store)
    switch target {
    case .inProcess:
        let client = WholesaleClient(baseURL: "http://sim.invalid", transport: simulator.transport, tokens: PlaceholderTokenProvider(), retry: retry)
        return try await body(SimHarness(simulator: simulator, client: client, clock: clock, baseURL: "http://sim.invalid"))
    case .loopback:
        let server = try await HTTPServer.start { request in
            switch await simulator.handle(request) {
            case .response(let response): return .respond(response)
            case .reset: return .closeConnection
            case .stall(let duration): return .stall(duration)
            }
        }
        let transport = HTTPTransport()
        let client = WholesaleClient(baseURL: server.baseURL, transport: transport, tokens: StaticTokenProvider(AccessToken("sim-token-123456")), retry: retry)
        do {
            let result = try await body(SimHarness(simulator: simulator, client: client, clock: clock, baseURL: server.baseURL))
            try await transport.shutdown()
            await server.stop()
            return result
        } catch {
            try? await transport.shutdown()
            await server.stop()
            throw error
        }
    }
}

/// Any bearer token: the simulator, like the API, answers 401 without one, and checks none.
let bearer: (name: String, value: String) = ("Authorization", "Bearer sim-test-token")

/// A customer body that passes validation, with the simulator's first template.
func customerBody(_ externalId: String, packages: [String] = ["webex_meetings"], country: String = "US") -> JSONValue {
    var body: [String: JSONValue] = [
        "provisioningId": .string(SeedData.templates[0]), "externalId": .string(externalId),
        "packages": .array(packages.map(JSONValue.string)),
        "address": ["addressLine1": "1 Main St", "city": "Springfield", "country": .string(country)],
        "customerInfo": ["name": .string("Customer \(externalId)"), "primaryEmail": .string("admin@\(externalId).example.com")],
    ]
    if packages.contains(where: { $0 != "webex_meetings" }) {
        body["provisioningParameters"] = ["calling": ["location": [
            "name": "Head Office", "address": ["addressLine1": "1 Main St", "city": "Springfield", "country": .string(country)],
            "timezone": "America/New_York", "language": "en_us",
        ]]]
    }
    return .object(body)
}
