package import Foundation
package import Synchronization
package import JSONValues
package import WholesaleAPI

/// The API as a playbook sees it, without Lua: the client of the run's target, the dry-run plan
/// that mutating calls go to instead of the wire, and the polling rules of `wait`. Bodies and
/// results are JSON values with the API's own field names. Shared by every coroutine of a run.
package final class APISession: Sendable {
    /// The client of the run's target.
    package let client: WholesaleClient
    /// What the run talks to, for the first log line and `wholesale.run.target`.
    package let target: APITarget
    /// Set when mutating calls are planned instead of sent.
    package let plan: DryRunPlan?
    /// How `wait` polls.
    let polling: Polling
    /// Whether an earlier run of the playbook sent a create for this key and never learnt the
    /// outcome (from the journal): such a create looks the resource up before sending.
    package let unknownEarlier: @Sendable (_ operation: WholesaleAPI.Operation, _ externalId: String?, _ email: String?, _ scope: String?) -> Bool
    /// Tells the journal that a lookup found what an earlier run's create left unknown.
    package let resolvedEarlier: @Sendable (_ operation: WholesaleAPI.Operation, _ externalId: String?, _ email: String?, _ scope: String?) -> Void
    /// Calls in flight, stopping, pending background work.
    let activity = Mutex(SessionActivity())
    /// Warnings found while setting up (a refresh token close to its expiry), for the log and the journal.
    package let notices: [String]

    /// How `wait` polls: the first pause, growth and cap, the default timeout, and how much
    /// faster than real time the target's clock runs (the embedded simulator's `--sim-speed`).
    package struct Polling: Sendable {
        var firstPause = 1.0
        var growth = 1.5
        var longestPause = 15.0
        var defaultTimeout = 900.0
        /// Target seconds per real second; pauses and timeouts are in target seconds.
        package var speed = 1.0
    }

    package init(
        client: WholesaleClient, target: APITarget, plan: DryRunPlan?, polling: Polling,
        unknownEarlier: @escaping @Sendable (WholesaleAPI.Operation, String?, String?, String?) -> Bool = { _, _, _, _ in false },
        resolvedEarlier: @escaping @Sendable (WholesaleAPI.Operation, String?, String?, String?) -> Void = { _, _, _, _ in },
        notices: [String] = []
    ) {
        self.notices = notices
        self.unknownEarlier = unknownEarlier
        self.resolvedEarlier = resolvedEarlier
        self.client = client
        self.target = target
        self.plan = plan
        self.polling = polling
    }

    /// Whether mutating calls are planned instead of sent.
    var isDryRun: Bool { plan != nil }

    /// The plan a call of `operation` goes to instead of the wire: in a dry run, every change
    /// (`Operation.isChange`, the definition the client journals by); `nil` when it is sent.
    func planning(_ operation: WholesaleAPI.Operation) -> DryRunPlan? {
        operation.isChange ? plan : nil
    }

    /// Sleeps for `seconds` of target time; a run that is stopping stops waiting.
    package func pause(_ seconds: Double) async throws(WholesaleError) {
        if let reason = activity.withLock({ $0.stopping }) {
            throw WholesaleError(kind: .timeout, operation: "wait", message: "the run is stopping (\(reason)); stopped waiting")
        }
        do {
            try await Task.sleep(for: .seconds(seconds / polling.speed))
        } catch {
            throw WholesaleError(kind: .timeout, operation: "wait", message: "the run is stopping")
        }
    }

    /// Seconds of target time since `start` (a `ContinuousClock` instant).
    package func elapsed(since start: ContinuousClock.Instant) -> Double {
        let duration = ContinuousClock.now - start
        return (Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18) * polling.speed
    }
}
