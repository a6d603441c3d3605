import Foundation
import LuaRuntime
import PlaybookModule

/// Ends a run whose Lua code cannot be interrupted: C code such as a `string.find` with a
/// pathological pattern never reaches the point where Lua stops, so once a limit or a signal
/// has waited `grace` seconds for it, the host journals the run's end, prints the report the
/// run would have printed with a note, and ends the process with the run's exit code.
enum HardStop {
    /// How long Lua code has to stop after a limit or a signal before the host ends the run.
    static let grace = 5.0

    /// Journals `outcome` with the note through `record` (which returns the outcome as
    /// journaled), shows what `--quiet` held back and the report, and exits.
    static func end(_ outcome: PlaybookOutcome, record: (PlaybookOutcome) -> PlaybookOutcome) -> Never {
        let recorded = record(outcome.adding(.uninterruptible(grace: grace)))
        RunOutput.release(show: true)
        RunOutput.standardError(recorded.report + "\n")
        // Lua's print writes through C's buffered stdout; _exit would drop what it holds.
        fflush(nil)
        _exit(recorded.exitStatus.rawValue)
    }
}
