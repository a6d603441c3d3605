import Synchronization
import WholesaleValidation

/// What a client does with the validator's warnings about the bodies it sends, shared by its
/// copies for a whole run: whether unknown fields are errors (`--strict-fields`,
/// `wholesale.strict_fields(true)`), which unknown fields were already logged (once per field per
/// operation and run), and where else a warning goes (the run's journal).
public final class BodyWarnings: Sendable {
    private struct State {
        var strictFields: Bool
        var logged: Set<String> = []
        var journal: (@Sendable (String) -> Void)?
    }

    private let state: Mutex<State>

    /// Warnings with unknown fields allowed (`strictFields` false) and no journal.
    public init(strictFields: Bool = false) {
        state = Mutex(State(strictFields: strictFields))
    }

    /// Whether an unknown field is an error: the body is not sent.
    public var strictFields: Bool {
        get { state.withLock { $0.strictFields } }
        set { state.withLock { $0.strictFields = newValue } }
    }

    /// Sends every warning logged from now on to `note` as well (the run's journal).
    public func journal(to note: @escaping @Sendable (String) -> Void) {
        state.withLock { $0.journal = note }
    }

    /// The problems as the client weighs them: unknown fields become errors when fields are strict.
    func weighed(_ problems: [ValidationProblem]) -> [ValidationProblem] {
        guard strictFields else { return problems }
        return problems.map { $0.rule == .fieldUnknown ? $0.asError() : $0 }
    }

    /// Whether `warning` of `operation` is to be logged: an unknown field once per run, other
    /// warnings (about the body's values) every time.
    func firstTime(_ warning: ValidationProblem, _ operation: Operation) -> Bool {
        guard warning.rule == .fieldUnknown else { return true }
        return state.withLock { $0.logged.insert(operation.rawValue + " " + warning.path).inserted }
    }

    /// Tells the journal, if one is set.
    func note(_ line: String) {
        state.withLock { $0.journal }?(line)
    }
}
