import JSONValues
import Synchronization
import WholesaleAPI

/// What a session is doing: calls in flight, whether it is stopping (no new calls after a
/// SIGINT or SIGTERM), and the background work it started and has not seen finish.
struct SessionActivity: Sendable {
    var inFlight = 0
    var stopping: String?
    var pending: [String: PendingWork] = [:]
}

extension APISession {
    /// Starts a call from Lua; refused once the run is stopping.
    func enter(_ operation: String) throws(WholesaleError) {
        try activity.withLock { activity throws(WholesaleError) in
            if let signal = activity.stopping {
                throw WholesaleError(kind: .usage, operation: operation, message: "the run is stopping (\(signal)); no new requests are sent")
            }
            activity.inFlight += 1
        }
    }

    /// Ends a call from Lua.
    func leave() {
        activity.withLock { $0.inFlight -= 1 }
    }

    /// Refuses new calls from now on; `reason` names the signal.
    func stop(_ reason: String) {
        activity.withLock { $0.stopping = reason }
    }

    /// Calls from Lua still running.
    var callsInFlight: Int { activity.withLock { $0.inFlight } }

    /// Notes background work started on `id` (a provision not waited for).
    func noteStarted(_ operation: WholesaleAPI.Operation, id: String, status: String) {
        guard plan == nil else { return }
        activity.withLock { $0.pending[id] = PendingWork(operation: operation.rawValue, resourceId: id, status: status) }
    }

    /// Notes the status seen for `id`; finished work is no longer pending.
    func noteStatus(_ resource: JSONValue, id: String) {
        let status = resource["status"]?.stringValue ?? ""
        activity.withLock { activity in
            guard let work = activity.pending[id] else { return }
            let done = APISession.customerEndStatuses.contains(status) || APISession.reportEndStatuses.contains(status)
            activity.pending[id] = done ? nil : PendingWork(operation: work.operation, resourceId: id, status: status)
        }
    }

    /// Notes that `id` is gone (a removal finished).
    func noteGone(_ id: String) {
        activity.withLock { _ = $0.pending.removeValue(forKey: id) }
    }

    /// The background work still pending, for the journal.
    var pendingWork: [PendingWork] {
        activity.withLock { Array($0.pending.values) }.sorted { $0.resourceId < $1.resourceId }
    }
}
