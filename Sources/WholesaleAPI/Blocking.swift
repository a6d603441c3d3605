import Dispatch
import Synchronization

/// Runs async work to its end from a thread that may block: the main thread of a command, a
/// `LuaThread`, or the thread `HardStop` ends a run from; never from Swift's cooperative
/// threads, where waiting would hold a thread the work itself may need. Every caller is one
/// of those (the command's `run`, the VM's thread before and after the VM runs, the
/// interrupter's thread), and a precondition stops a call made from inside a task.
package enum Blocking {
    /// The value of `work`, waiting for it on the calling thread.
    package static func run<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        precondition(!insideTask, "Blocking.run was called from async code; await the work instead")
        let result = Mutex<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let value = await work()
            result.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return result.withLock { $0! }
    }

    /// Whether the calling code runs as part of a Swift task (on a cooperative thread, or an
    /// actor's executor), where blocking is not allowed.
    static var insideTask: Bool { withUnsafeCurrentTask { $0 != nil } }
}
