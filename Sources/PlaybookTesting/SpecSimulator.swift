import Foundation
import JSONValues
import Synchronization
import WholesaleAPI
import WholesaleSimulator

/// The simulator a spec's runs talk to: an embedded `Simulator` on a fast clock the spec can
/// move, a log of every request it received, and failures the spec asked for on the next calls
/// of an operation (`sim.fail_next`). Runs reach it through `transport(killAt:)`.
final class SpecSimulator: Sendable {
    /// A failure to answer instead of the simulator.
    struct Injected: Sendable {
        let operation: WholesaleAPI.Operation
        let status: Int
        var times: Int
    }

    private struct State {
        var requests: [SpecRequest] = []
        var injected: [Injected] = []
    }

    let simulator: Simulator
    let clock: SpecClock
    /// Simulated seconds per real second.
    let speed: Double
    private let state = Mutex(State())

    /// A simulator starting from `scenario` (the seed data when nil), with `faults` (in
    /// `--sim-faults` syntax), ids from `seed`, its clock `speed` times as fast as real time.
    init(scenario: Scenario?, faults: String, seed: UInt64, speed: Double) throws {
        var configuration = SimulatorConfiguration()
        configuration.seed = seed
        configuration.speed = speed
        if let scenario { configuration = try configuration.applying(scenario) }
        if !faults.isEmpty { configuration.faults = try FaultPlan.parse(faults) }
        clock = SpecClock(speed: speed)
        self.speed = speed
        simulator = try Simulator(configuration: configuration, clock: clock, store: .memory())
    }

    /// The requests received so far, in order.
    var requests: [SpecRequest] { state.withLock { $0.requests } }

    /// Answers the next `times` calls of `operation` with `status` instead of doing them.
    func failNext(_ operation: WholesaleAPI.Operation, status: Int, times: Int) {
        state.withLock { $0.injected.append(Injected(operation: operation, status: status, times: times)) }
    }

    /// A transport to this simulator for one run: every request is logged; after the
    /// `killAt`-th request has reached the simulator, `kill` is called and no answer comes
    /// back, to that request or any later one, as for a process killed at that moment.
    func transport(killAt: Int?, kill: @escaping @Sendable (Int) -> Void) -> InProcessTransport {
        let counter = Mutex(0)
        return InProcessTransport { [self] request async throws(TransportFailure) in
            let number = counter.withLock { count -> Int in
                count += 1
                return count
            }
            if let killAt, number > killAt { return try await Self.never() }
            let logged = SpecRequest(request)
            let index = state.withLock { state -> Int in
                state.requests.append(logged)
                return state.requests.count - 1
            }
            let response: TransportResponse
            if let injected = takeInjected(logged.operation) {
                response = Self.injectedResponse(injected, request: request)
            } else {
                switch await simulator.handle(request) {
                case .response(let answer): response = answer
                case .reset: throw TransportFailure(stage: .outcomeUnknown, timedOut: false, reason: "the server closed the connection")
                case .stall(let duration):
                    try? await Task.sleep(for: duration)
                    throw TransportFailure(stage: .outcomeUnknown, timedOut: true, reason: "no response in time")
                }
            }
            if let killAt, number == killAt {
                kill(number)
                return try await Self.never()
            }
            state.withLock { $0.requests[index].status = response.status }
            return response
        }
    }

    /// The injected failure for the next call of `operation`, if one is due.
    private func takeInjected(_ operation: WholesaleAPI.Operation?) -> Injected? {
        guard let operation else { return nil }
        return state.withLock { state -> Injected? in
            guard let index = state.injected.firstIndex(where: { $0.operation == operation && $0.times > 0 }) else { return nil }
            state.injected[index].times -= 1
            let injected = state.injected[index]
            if injected.times == 0 { state.injected.remove(at: index) }
            return injected
        }
    }

    /// A Webex-shaped error answer for an injected failure.
    private static func injectedResponse(_ injected: Injected, request: TransportRequest) -> TransportResponse {
        let trackingId = request.header("TrackingID") ?? "SPEC_FAIL_NEXT"
        let body: JSONValue = [
            "message": .string("injected by sim.fail_next: HTTP \(injected.status)"),
            "errors": [["errorCode": .integer(Int64(SimulatorCodes.injectedFault)), "description": .string("injected by sim.fail_next")]],
            "trackingId": .string(trackingId),
        ]
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json"), ("TrackingID", trackingId)]
        if injected.status == 429 || injected.status == 423 { headers.append(("Retry-After", "1")) }
        return TransportResponse(status: injected.status, headers: headers, body: body.jsonBytes())
    }

    /// Never answers (a killed process never reads its answers); ends when the task is cancelled.
    private static func never() async throws(TransportFailure) -> TransportResponse {
        try? await Task.sleep(for: .seconds(86_400 * 365))
        throw TransportFailure(stage: .outcomeUnknown, timedOut: false, reason: "the run was killed")
    }

    /// A client reading this simulator's state without logging its requests (`sim.customers`).
    func reader() -> WholesaleClient {
        let simulator = simulator
        let transport = InProcessTransport { request async throws(TransportFailure) in
            switch await simulator.handle(request) {
            case .response(let answer): return answer
            default: throw TransportFailure(stage: .outcomeUnknown, timedOut: false, reason: "the simulator did not answer")
            }
        }
        return WholesaleClient(baseURL: "http://sim.invalid", transport: transport, tokens: PlaceholderTokenProvider())
    }
}
