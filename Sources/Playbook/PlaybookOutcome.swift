/// How a run ended: nothing went wrong, or the failures in the order they happened (a run that
/// failed and then could not be journaled has two). The first failure picks the exit code; the
/// report is every failure's, one after the other.
package struct PlaybookOutcome: Error, Sendable {
    /// What went wrong, first failure first; empty on success.
    package var failures: [Failure]

    /// An outcome with `failures`.
    package init(_ failures: [Failure] = []) {
        self.failures = failures
    }

    /// The run succeeded.
    package static let success = PlaybookOutcome()

    /// Whether nothing went wrong.
    package var succeeded: Bool { failures.isEmpty }

    /// The process's exit code.
    package var exitStatus: ExitStatus { failures.first?.exitStatus ?? .success }

    /// The report for stderr and the journal; empty on success.
    package var report: String { failures.map(\.report).filter { !$0.isEmpty }.joined(separator: "\n") }

    /// The outcome with `failure` first, as the cause of the others (a journal gone away, after
    /// which the playbook saw its changes refused): it picks the exit code.
    package func caused(by failure: Failure) -> PlaybookOutcome {
        PlaybookOutcome([failure] + failures)
    }

    /// The outcome with `failure` after the others.
    package func adding(_ failure: Failure) -> PlaybookOutcome {
        PlaybookOutcome(failures + [failure])
    }
}
