package import Foundation
package import Synchronization
package import WholesaleAPI

/// The run's own output: serialised writes to stderr (so lines from concurrent tasks never
/// interleave) and stdout; under `--quiet` both are held back, then shown only if the run fails.
/// What is held back is a bounded tail (`HeldOutput`): a run that prints without end does not
/// keep it all in memory.
package enum RunOutput {
    private struct State {
        var holding = false
        var held = HeldOutput()
    }

    private static let state = Mutex(State())

    /// Writes `text` on stderr, or holds it back.
    package static func standardError(_ text: String) { write(text, toStandardError: true) }

    /// Writes `text` on stdout, or holds it back.
    package static func standardOutput(_ text: String) { write(text, toStandardError: false) }

    private static func write(_ text: String, toStandardError: Bool) {
        // Every line the run prints passes here: no secret of the run reaches stdout or stderr.
        let text = Secrets.redact(text)
        state.withLock { state in
            if state.holding {
                state.held.append(text, toStandardError: toStandardError)
            } else {
                emit(text, toStandardError: toStandardError)
            }
        }
    }

    private static func emit(_ text: String, toStandardError: Bool) {
        (toStandardError ? FileHandle.standardError : FileHandle.standardOutput).write(Data(text.utf8))
    }

    /// Holds back what is written from now on.
    package static func holdBack() {
        state.withLock { $0.holding = true }
    }

    /// Stops holding back; writes what was held when `show` (first, on stderr, how much earlier
    /// output the tail dropped), else drops it.
    package static func release(show: Bool) {
        state.withLock { state in
            if show {
                if state.held.dropped > 0 {
                    emit(
                        "wholesale: … \(state.held.dropped) bytes of earlier output dropped "
                            + "(--quiet keeps the last \(HeldOutput.capacity >> 20) MB)\n", toStandardError: true)
                }
                for piece in state.held.pieces { emit(piece.text, toStandardError: piece.toStandardError) }
            }
            state = State()
        }
    }
}
