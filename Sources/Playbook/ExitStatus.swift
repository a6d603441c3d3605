/// The exit codes of every command (lua-api.md §8); `Failure.exitStatus` picks one for each
/// failure.
package enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Done: the playbook finished, the check found nothing.
    case success = 0
    /// The playbook raised an uncaught error or called `wholesale.fail`; a check found problems.
    case failed = 1
    /// Bad usage, configuration, an unusable file or journal, or a compile error.
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
    /// Killed as by SIGKILL (a run under test stopped by `kill_at`; a real SIGKILL never
    /// reaches the process's code).
    case killed = 137
}
