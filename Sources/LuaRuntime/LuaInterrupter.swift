internal import CLuaShims
import Dispatch
import Foundation
import Synchronization

/// Stops a running VM from any thread (a signal handler's queue): the running Lua code raises
/// at its next instruction, as for the time limit, `pcall` cannot catch it, and `run` throws a
/// `LuaError` of kind `interrupted`. A VM waiting for Swift work wakes at once. After the VM is
/// gone, `interrupt` does nothing.
///
/// Lua code inside a long C function (`string.find` with a pathological pattern) never reaches
/// the instruction that raises; `whenUninterruptible` tells the embedder when that happens.
public final class LuaInterrupter: Sendable {
    private struct Target: @unchecked Sendable {
        let engine: OpaquePointer
        let completions: CompletionQueue
    }

    /// What to call when the Lua code outlives a stop by `grace` seconds.
    private struct Watch {
        let grace: Double
        let handler: @Sendable (LuaError) -> Void
    }

    private struct State {
        var target: Target?
        let limits: LuaVM.Configuration
        var watch: Watch?
        /// The current `run` (counted from 1), and whether it is still going.
        var run = 0
        var running = false
        /// The handler was called and has not returned: the run must not end meanwhile.
        var handling = false
    }

    private let state: Mutex<State>

    init(engine: OpaquePointer, completions: CompletionQueue, limits: LuaVM.Configuration) {
        state = Mutex(State(target: Target(engine: engine, completions: completions), limits: limits))
    }

    /// Stops the VM's Lua code now.
    public func interrupt() {
        let armed = state.withLock { state -> Watch? in
            guard let target = state.target else { return nil }
            wl_engine_kill(target.engine, Int32(WL_KILL_INTERRUPT))
            // An operation id nobody waits for: it only wakes the scheduler.
            target.completions.post(-1, .success(.none))
            return state.watch
        }
        if let armed { check(after: armed.grace) }
    }

    /// Calls `handler` on another thread when Lua code keeps running `grace` seconds after it
    /// was told to stop (the time limit passed, or `interrupt`), with the error `run` would
    /// have thrown. It is meant to end the process: `run` does not return while it runs.
    public func whenUninterruptible(grace: Double, _ handler: @escaping @Sendable (LuaError) -> Void) {
        state.withLock { $0.watch = Watch(grace: grace, handler: handler) }
    }

    /// `run` begins; a time limit of `seconds` (if any) is checked `grace` seconds after it.
    func runStarted(timeLimit seconds: Double?) {
        let armed = state.withLock { state -> Watch? in
            state.run += 1
            state.running = true
            return state.watch
        }
        if let armed, let seconds { check(after: seconds + armed.grace) }
    }

    /// `run` ends (waiting, if the handler is running, for it to return).
    func runEnded() {
        while state.withLock({ state in
            if !state.handling { state.running = false }
            return state.handling
        }) {
            usleep(10_000)
        }
    }

    /// After `seconds`, calls the handler if the same run is still going and its engine was stopped.
    private func check(after seconds: Double) {
        let run = state.withLock { $0.run }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [weak self] in
            guard let self else { return }
            let call = state.withLock { state -> (@Sendable (LuaError) -> Void, LuaError)? in
                guard let target = state.target, state.running, state.run == run, let watch = state.watch,
                    let error = LuaError.stopped(target.engine, limits: state.limits)
                else { return nil }
                state.handling = true
                return (watch.handler, error)
            }
            guard let (handler, error) = call else { return }
            handler(error)
            state.withLock { $0.handling = false }
        }
    }

    /// The VM is being freed.
    func detach() {
        state.withLock { $0.target = nil }
    }
}
