import Foundation
import JSONValues
import Logging
import Synchronization
import WholesaleAPI
import WholesaleAPITesting

/// A clock whose sleeps return at once and move its time forward, recording each wait.
final class VirtualClock: RetryClock {
    private struct State {
        var offset: Duration = .zero
        var sleeps: [Duration] = []
        var dateOffset: TimeInterval = 0
    }
    private let state = Mutex(State())
    private let origin = ContinuousClock.now
    private let wallOrigin = Date()

    func now() -> ContinuousClock.Instant { origin + state.withLock { $0.offset } }
    func date() -> Date { wallOrigin.addingTimeInterval(state.withLock { Double($0.offset.components.seconds) + $0.dateOffset }) }
    func sleep(for duration: Duration) async throws {
        state.withLock {
            $0.offset += duration
            $0.sleeps.append(duration)
        }
        await Task.yield()
    }

    /// Moves the time forward without a sleep (a token growing old between calls).
    func advance(by duration: Duration) { state.withLock { $0.offset += duration } }
    /// Every wait so far.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }
}

/// Collects every log line (all levels, metadata included) as text.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])
    var text: String { lines.withLock { $0.joined(separator: "\n") } }
    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var logger: Logger {
        var logger = Logger(label: "test") { _ in CapturingHandler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    private struct CapturingHandler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            capture.append("\(event.level) \(event.message) \(metadata.merging(event.metadata ?? [:]) { $1 })")
        }
    }
}

extension TransportResponse {
    /// A JSON response.
    static func json(_ status: Int, _ body: JSONValue, headers: [(name: String, value: String)] = []) -> TransportResponse {
        TransportResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: body.jsonBytes())
    }

    /// The Webex error body.
    static func webexError(_ status: Int, _ message: String, code: Int? = nil, headers: [(name: String, value: String)] = []) -> TransportResponse {
        var error: JSONValue = ["description": .string(message)]
        if let code { error = ["description": .string(message), "errorCode": .integer(Int64(code))] }
        return .json(status, ["message": .string(message), "errors": [error], "trackingId": "ROUTER_TEST"], headers: headers)
    }
}

extension ScriptedServer.Request {
    /// The body as JSON.
    var json: JSONValue? { try? JSONValue(json: body) }
}

/// A fast retry policy for tests: real backoff shape, tiny delays.
var quickRetry: RetryPolicy {
    var policy = RetryPolicy()
    policy.maxAttempts = 4
    policy.baseDelay = .milliseconds(1)
    policy.maxDelay = .milliseconds(5)
    return policy
}

/// Runs `body` with a client talking HTTP to a scripted server, then stops both. The read
/// timeout is long by default: a loaded machine (the whole suite at once on two cores) must not
/// turn a slow first answer into a retry the test did not expect.
func withServer<T>(
    token: String? = "test-token-0123456789", retry: RetryPolicy = quickRetry, clock: any RetryClock = SystemRetryClock(),
    tokens: (any TokenProvider)? = nil, logger: Logger = Logger(label: "test"), readTimeout: Duration = .seconds(20),
    _ handler: @escaping ScriptedServer.Handler,
    _ body: (WholesaleClient, ScriptedServer) async throws -> T
) async throws -> T {
    let server = try await ScriptedServer.start(handler)
    var configuration = HTTPTransport.Configuration()
    configuration.readTimeout = readTimeout
    let transport = HTTPTransport(configuration: configuration)
    let provider = tokens ?? token.map { StaticTokenProvider(AccessToken($0)) }
    let client = WholesaleClient(baseURL: server.baseURL, transport: transport, tokens: provider, retry: retry, clock: clock, logger: logger)
    do {
        let result = try await body(client, server)
        try await transport.shutdown()
        await server.stop()
        return result
    } catch {
        try? await transport.shutdown()
        await server.stop()
        throw error
    }
}

/// A customer body that passes validation.
let validCustomer: JSONValue = [
    "provisioningId": "ZjViMzYxODc", "externalId": "ext-1", "packages": ["webex_meetings"],
    "address": ["addressLine1": "771 Alder Drive", "city": "Milpitas", "country": "US"],
    "customerInfo": ["name": "John's Pizza", "primaryEmail": "john@acme.com"],
]

/// A subscriber body that passes validation.
let validSubscriber: JSONValue = [
    "customerId": "cust-1", "email": "ann+ops@acme.com", "packages": ["webex_meetings"],
    "provisioningParameters": ["firstName": "Ann", "lastName": "Lee"],
]
