import Foundation
import Synchronization
import JSONValues
import WholesaleAPI

/// The API as a playbook sees it, without Lua: the client of the run's target, the dry-run plan
/// that mutating calls go to instead of the wire, and the polling rules of `wait`. Bodies and
/// results are JSON values with the API's own field names. Shared by every coroutine of a run.
final class APISession: Sendable {
    /// The client of the run's target.
    let client: WholesaleClient
    /// What the run talks to, for the first log line and `wholesale.run.target`.
    let target: APITarget
    /// Set when mutating calls are planned instead of sent.
    let plan: DryRunPlan?
    /// How `wait` polls.
    let polling: Polling
    /// Whether an earlier run of the playbook sent a create for this key and never learnt the
    /// outcome (from the journal): such a create looks the resource up before sending.
    let unknownEarlier: @Sendable (_ operation: WholesaleAPI.Operation, _ externalId: String?, _ email: String?, _ scope: String?) -> Bool
    /// Tells the journal that a lookup found what an earlier run's create left unknown.
    let resolvedEarlier: @Sendable (_ operation: WholesaleAPI.Operation, _ externalId: String?, _ email: String?, _ scope: String?) -> Void
    /// Calls in flight, stopping, pending background work.
    let activity = Mutex(SessionActivity())
    /// Warnings found while setting up (a refresh token close to its expiry), for the log and the journal.
    let notices: [String]

    /// How `wait` polls: the first pause, growth and cap, the default timeout, and how much
    /// faster than real time the target's clock runs (the embedded simulator's `--sim-speed`).
    struct Polling: Sendable {
        var firstPause = 1.0
        var growth = 1.5
        var longestPause = 15.0
        var defaultTimeout = 900.0
        /// Target seconds per real second; pauses and timeouts are in target seconds.
        var speed = 1.0
    }

    init(
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

    /// Customer statuses in which background work has ended.
    static let customerEndStatuses: Set<String> = ["provisioned", "provisioned_with_errors", "error"]
    /// Billing report statuses in which background work has ended.
    static let reportEndStatuses: Set<String> = ["COMPLETED", "FAILED"]

    /// Whether mutating calls are planned instead of sent.
    var isDryRun: Bool { plan != nil }

    /// Sleeps for `seconds` of target time; a run that is stopping stops waiting.
    func pause(_ seconds: Double) async throws(WholesaleError) {
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
    func elapsed(since start: ContinuousClock.Instant) -> Double {
        let duration = ContinuousClock.now - start
        return (Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18) * polling.speed
    }
}
