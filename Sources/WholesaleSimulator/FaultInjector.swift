import Synchronization

/// Draws the faults of each request from a seeded generator, so a seed reproduces the same
/// sequence of faults for the same sequence of requests; the rate limit is a token bucket on
/// real time.
final class FaultInjector: Sendable {
    /// What to do to one request.
    enum Fault: Equatable {
        case none
        case status(Int)
        case rateLimited(seconds: Int)
        case resetBefore
        case resetAfter
        case stall(Duration)
    }

    private struct State {
        var random: SeededGenerator
        var tokens: Double
        var refilled: ContinuousClock.Instant
    }

    let plan: FaultPlan
    private let state: Mutex<State>

    init(plan: FaultPlan, seed: UInt64) {
        self.plan = plan
        state = Mutex(State(random: SeededGenerator(seed: seed ^ 0xFA17_FA17), tokens: plan.burst, refilled: .now))
    }

    /// The latency and fault for the next request.
    func decide(now: ContinuousClock.Instant) -> (latency: Duration?, fault: Fault) {
        guard !plan.isEmpty else { return (nil, .none) }
        return state.withLock { state in
            var latency = plan.latency
            if plan.jitter > .zero {
                let nanos = plan.jitter.components.seconds * 1_000_000_000 + plan.jitter.components.attoseconds / 1_000_000_000
                latency += .nanoseconds(Int64.random(in: 0...nanos, using: &state.random))
            }
            if let rate = plan.ratePerSecond {
                let elapsed = now - state.refilled
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                state.tokens = min(plan.burst, state.tokens + seconds * rate)
                state.refilled = now
                if state.tokens < 1 {
                    return (latency, .rateLimited(seconds: max(1, Int(((1 - state.tokens) / rate).rounded(.up)))))
                }
                state.tokens -= 1
            }
            // One draw per kind, in a fixed order, so the sequence depends only on the seed.
            for status in [429, 423, 500, 502, 503, 504] {
                if let chance = plan.statusChances[status], Double.random(in: 0..<1, using: &state.random) < chance { return (latency, .status(status)) }
            }
            if plan.resetBefore > 0, Double.random(in: 0..<1, using: &state.random) < plan.resetBefore { return (latency, .resetBefore) }
            if plan.resetAfter > 0, Double.random(in: 0..<1, using: &state.random) < plan.resetAfter { return (latency, .resetAfter) }
            if plan.stall > 0, Double.random(in: 0..<1, using: &state.random) < plan.stall { return (latency, .stall(plan.stallDuration)) }
            return (latency, .none)
        }
    }

    /// Whether a new customer's provisioning should end in `error`.
    func backgroundFailure() -> Bool {
        guard plan.backgroundFailure > 0 else { return false }
        return state.withLock { Double.random(in: 0..<1, using: &$0.random) < plan.backgroundFailure }
    }
}
