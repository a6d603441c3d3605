/// How a run ended: the process exit code and what to tell the user on stderr.
public struct PlaybookOutcome: Sendable, Equatable {
    /// The exit codes of `wholesale run` (lua-api.md §8).
    public enum ExitCode: Int32, Sendable {
        /// The playbook finished.
        case success = 0
        /// The playbook raised an uncaught error or called `wholesale.fail`.
        case failed = 1
        /// Bad usage, configuration or a compile error.
        case usage = 2
        /// Another run of the same playbook holds the lock.
        case locked = 3
        /// A limit (time, memory) stopped the run.
        case limit = 4
        /// The API kept failing in a way that may pass (retries ran out on 429, 5xx, timeouts):
        /// try again later (EX_TEMPFAIL).
        case temporaryFailure = 75
        /// Stopped by SIGINT (Ctrl-C).
        case interrupted = 130
        /// Stopped by SIGTERM.
        case terminated = 143
    }

    /// The exit code.
    public let exitCode: ExitCode
    /// The report for stderr; empty on success.
    public let report: String

    /// Creates an outcome.
    public init(_ exitCode: ExitCode, _ report: String = "") {
        self.exitCode = exitCode
        self.report = report
    }
}
