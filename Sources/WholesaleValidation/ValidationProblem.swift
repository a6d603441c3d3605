public import JSONValues

/// One thing wrong with a request body: where, which rule, and what to do about it.
public struct ValidationProblem: Sendable, Hashable, CustomStringConvertible {
    /// The JSON path of the field at fault (`address.country`, `packages[2]`); empty for the whole body.
    public let path: String
    /// The rule that failed; stable across releases (see `ValidationRule`).
    public let rule: ValidationRule
    /// What is wrong, in words a person can act on.
    public let message: String

    /// Creates a problem.
    public init(path: String, rule: ValidationRule, message: String) {
        self.path = path
        self.rule = rule
        self.message = message
    }

    /// `path: message [rule]`, or `message [rule]` for the whole body.
    public var description: String {
        (path.isEmpty ? "" : "\(path): ") + "\(message) [\(rule.rawValue)]"
    }

    /// `{"path": …, "rule": …, "message": …}`.
    public var json: JSONValue {
        ["path": .string(path), "rule": .string(rule.rawValue), "message": .string(message)]
    }
}
