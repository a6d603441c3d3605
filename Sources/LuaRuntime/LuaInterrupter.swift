internal import CLuaShims
import Synchronization

/// Stops a running VM from any thread (a signal handler's queue): the running Lua code raises
/// at its next instruction, as for the time limit, `pcall` cannot catch it, and `run` throws a
/// `LuaError` of kind `interrupted`. A VM waiting for Swift work wakes at once. After the VM is
/// gone, `interrupt` does nothing.
public final class LuaInterrupter: Sendable {
    private struct Target: @unchecked Sendable {
        let engine: OpaquePointer
        let completions: CompletionQueue
    }

    private let target: Mutex<Target?>

    init(engine: OpaquePointer, completions: CompletionQueue) {
        target = Mutex(Target(engine: engine, completions: completions))
    }

    /// Stops the VM's Lua code now.
    public func interrupt() {
        target.withLock { target in
            guard let target else { return }
            wl_engine_kill(target.engine, Int32(WL_KILL_INTERRUPT))
            // An operation id nobody waits for: it only wakes the scheduler.
            target.completions.post(-1, .success(.none))
        }
    }

    /// The VM is being freed.
    func detach() {
        target.withLock { $0 = nil }
    }
}
