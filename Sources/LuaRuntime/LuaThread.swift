import Foundation

/// Runs Lua work on a thread of its own, so a busy or waiting VM never holds one of Swift's
/// cooperative threads (which the VM's own asynchronous host calls need).
public enum LuaThread {
    /// Stack size of the VM thread: room for Lua's C recursion and Swift conversions.
    static let stackSize = 16 << 20

    /// Runs `body` on a new thread and returns its result to the awaiting caller.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: body())
            }
            thread.stackSize = stackSize
            thread.start()
        }
    }
}
