import LuaRuntime
package import PlaybookModule
import Synchronization

/// Ends a run as SIGKILL would, from inside the process (`wholesale.test.run`'s `kill_at`):
/// the Lua code stops, nothing more is journaled (not the calls' outcomes, not the run's end)
/// and nothing is reported, so the journal is left as a killed process leaves it.
package final class KillSwitch: Sendable {
    private struct State {
        var killedAfter: Int?
        var interrupter: LuaInterrupter?
    }

    private let state = Mutex(State())

    /// A switch not yet thrown.
    package init() {}

    /// Whether the run was killed.
    package var killed: Bool { state.withLock { $0.killedAfter != nil } }

    /// The request after which it was killed, if it was.
    package var killedAfter: Int? { state.withLock { $0.killedAfter } }

    /// Kills the run after its `request`-th request: from now on nothing is journaled, and the
    /// VM stops.
    package func kill(afterRequest request: Int) {
        let interrupter = state.withLock { state -> LuaInterrupter? in
            if state.killedAfter == nil { state.killedAfter = request }
            return state.interrupter
        }
        interrupter?.interrupt()
    }

    /// The VM to stop; stopped at once if the switch was thrown already.
    func watch(_ interrupter: LuaInterrupter) {
        let killed = state.withLock { state -> Bool in
            state.interrupter = interrupter
            return state.killedAfter != nil
        }
        if killed { interrupter.interrupt() }
    }
}

/// What a run under test has besides a normal run's configuration: where its output goes, the
/// folder that takes its writes, and the switch that kills it.
package struct RunUnderTest: Sendable {
    /// Its stdout and log records.
    package let capture: CapturedOutput
    /// The folder in front of its files (`FileAccess.overlay`).
    package let overlay: String
    /// Kills it as SIGKILL would.
    package let kill: KillSwitch
    /// Under `--coverage`: told how often each line ran, by source, when the run ends.
    package let recordLines: (@Sendable ([String: [Int: Int]]) -> Void)?

    /// A run under test capturing into `capture`, writing into `overlay`, killed by `kill`,
    /// reporting its lines to `recordLines`.
    package init(
        capture: CapturedOutput, overlay: String, kill: KillSwitch, recordLines: (@Sendable ([String: [Int: Int]]) -> Void)? = nil
    ) {
        self.capture = capture
        self.overlay = overlay
        self.kill = kill
        self.recordLines = recordLines
    }
}
