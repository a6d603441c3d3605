/// How a run ended: nothing went wrong, or the failures in the order they happened (a run that
/// failed and then could not be journaled has two). The first failure picks the exit code; the
/// report is every failure's, one after the other.
public struct PlaybookOutcome: Error, Sendable {
    /// What went wrong, first failure first; empty on success.
    public var failures: [Failure]

    /// An outcome with `failures`.
    public init(_ failures: [Failure] = []) {
        self.failures = failures
    }

    /// The run succeeded.
    public static let success = PlaybookOutcome()

    /// Whether nothing went wrong.
    public var succeeded: Bool { failures.isEmpty }

    /// The process's exit code.
    public var exitStatus: ExitStatus { failures.first?.exitStatus ?? .success }

    /// The report for stderr and the journal; empty on success.
    public var report: String { failures.map(\.report).filter { !$0.isEmpty }.joined(separator: "\n") }

    /// The outcome with `failure` after the others.
    public func adding(_ failure: Failure) -> PlaybookOutcome {
        PlaybookOutcome(failures + [failure])
    }
}
