package import JSONValues
package import Synchronization
package import WholesaleAPI

/// What a session is doing: calls in flight, whether it is stopping (no new calls after a
/// SIGINT or SIGTERM), and the background work it started and has not seen finish.
struct SessionActivity: Sendable {
    package var inFlight = 0
    package var stopping: String?
    package var pending: [String: PendingWork] = [:]
    /// Who waits for the calls in flight to end (`drained(within:)`), by a key of their own.
    var idleWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
    var nextWaiter = 0
}

extension APISession {
    /// Starts a call from Lua; refused once the run is stopping.
    package func enter(_ operation: String) throws(WholesaleError) {
        try activity.withLock { activity throws(WholesaleError) in
            if let signal = activity.stopping {
                throw WholesaleError(kind: .usage, operation: operation, message: "the run is stopping (\(signal)); no new requests are sent")
            }
            activity.inFlight += 1
        }
    }

    /// Ends a call from Lua; the last one to end wakes those waiting for the session to drain.
    package func leave() {
        let idle = activity.withLock { activity -> [CheckedContinuation<Void, Never>] in
            activity.inFlight -= 1
            guard activity.inFlight == 0 else { return [] }
            defer { activity.idleWaiters.removeAll() }
            return Array(activity.idleWaiters.values)
        }
        for waiter in idle { waiter.resume() }
    }

    /// Returns once no call from Lua is running, or after `seconds` (real time), whichever
    /// comes first: woken by the last call to end, not by polling.
    package func drained(within seconds: Double) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.idle() }
            group.addTask { try? await Task.sleep(for: .seconds(seconds)) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Returns once no call is in flight, or when the task is cancelled.
    private func idle() async {
        let key = activity.withLock { activity -> Int in
            defer { activity.nextWaiter += 1 }
            return activity.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                let now = activity.withLock { activity -> Bool in
                    // Checked under the lock the cancellation handler takes too, so a waiter is
                    // either resumed here or found there.
                    if activity.inFlight == 0 || Task.isCancelled { return true }
                    activity.idleWaiters[key] = waiter
                    return false
                }
                if now { waiter.resume() }
            }
        } onCancel: {
            activity.withLock { $0.idleWaiters.removeValue(forKey: key) }?.resume()
        }
    }

    /// Refuses new calls from now on; `reason` names the signal.
    package func stop(_ reason: String) {
        activity.withLock { $0.stopping = reason }
    }

    /// Calls from Lua still running.
    package var callsInFlight: Int { activity.withLock { $0.inFlight } }

    /// Notes background work started on `id` (a provision not waited for).
    func noteStarted(_ operation: WholesaleAPI.Operation, id: String, status: String) {
        guard plan == nil else { return }
        activity.withLock { $0.pending[id] = PendingWork(operation: operation, resourceId: id, status: status) }
    }

    /// Notes the status seen for `id`; finished work is no longer pending.
    func noteStatus(_ resource: JSONValue, id: String) {
        let status = resource["status"]?.stringValue ?? ""
        activity.withLock { activity in
            guard let work = activity.pending[id] else { return }
            let done = CustomerStatus(rawValue: status).isTerminal || BillingReportStatus(rawValue: status).isTerminal
            activity.pending[id] = done ? nil : PendingWork(operation: work.operation, resourceId: id, status: status)
        }
    }

    /// Notes that `id` is gone (a removal finished).
    func noteGone(_ id: String) {
        activity.withLock { _ = $0.pending.removeValue(forKey: id) }
    }

    /// The background work still pending, for the journal.
    package var pendingWork: [PendingWork] {
        activity.withLock { Array($0.pending.values) }.sorted { $0.resourceId < $1.resourceId }
    }
}
