import Dispatch
import Synchronization

/// Where Swift tasks leave the outcomes of asynchronous host calls for the VM's thread.
final class CompletionQueue: Sendable {
    typealias Completion = (operation: Int64, outcome: Result<LuaResults, any Error>)

    private let items = Mutex<[Completion]>([])
    private let signal = DispatchSemaphore(value: 0)

    /// Adds an outcome and wakes the VM's thread (callable from any thread).
    func post(_ operation: Int64, _ outcome: Result<LuaResults, any Error>) {
        items.withLock { $0.append((operation, outcome)) }
        signal.signal()
    }

    /// Waits until something was posted or the uptime deadline passes, then takes everything posted.
    func take(waitingUntil deadline: UInt64?) -> [Completion] {
        if items.withLock({ $0.isEmpty }) {
            _ = signal.wait(timeout: deadline.map { DispatchTime(uptimeNanoseconds: $0) } ?? .distantFuture)
        }
        return items.withLock { pending in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
    }
}
