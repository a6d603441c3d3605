import Dispatch
package import Synchronization

/// Runs async work to its end from a thread that may block (the main thread of the command,
/// or a `LuaThread`), never from one of Swift's cooperative threads.
package enum Blocking {
    /// The value of `work`, waiting for it on the calling thread.
    package static func run<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
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
}
