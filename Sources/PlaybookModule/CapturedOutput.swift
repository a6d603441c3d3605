package import LuaRuntime
import Synchronization

/// What a run under test printed and logged, kept instead of written to stdout and stderr
/// (`wholesale.test.run`): the text of `print` and the plan, and each log record with its
/// level, message and fields. Lines are redacted as the process's output is.
package final class CapturedOutput: Sendable {
    /// One log line, as a spec sees it.
    package struct Record: Sendable {
        /// `debug`, `info`, `warn` or `error`.
        package let level: String
        /// The message.
        package let message: String
        /// The fields, typed as they were logged.
        package let fields: [String: LuaValue]
    }

    private struct State {
        var standardOutput = ""
        var records: [Record] = []
    }

    private let state = Mutex(State())

    /// An empty capture.
    package init() {}

    /// Keeps `text` as printed on stdout.
    package func print(_ text: String) {
        state.withLock { $0.standardOutput += text }
    }

    /// Keeps a log record.
    package func log(_ record: Record) {
        state.withLock { $0.records.append(record) }
    }

    /// Everything printed on stdout, in order.
    package var standardOutput: String { state.withLock { $0.standardOutput } }

    /// Every log record, in order.
    package var records: [Record] { state.withLock { $0.records } }
}
