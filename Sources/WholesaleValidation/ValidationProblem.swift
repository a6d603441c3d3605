public import JSONValues

/// One thing wrong with a request body: where, which rule, how bad, and what to do about it.
public struct ValidationProblem: Sendable, Hashable, CustomStringConvertible {
    /// How bad a problem is.
    public enum Severity: String, Sendable, Hashable {
        /// The API would refuse the body; the client does not send it.
        case error
        /// The API may refuse it, depending on what only the server knows; it is sent.
        case warning
    }

    /// The JSON path of the field at fault (`address.country`, `packages[2]`); empty for the whole body.
    public let path: String
    /// The rule that failed; stable across releases (see `ValidationRule`).
    public let rule: ValidationRule
    /// What is wrong, in words a person can act on.
    public let message: String
    /// Whether it stops the request.
    public let severity: Severity

    /// Creates a problem.
    public init(path: String, rule: ValidationRule, message: String, severity: Severity = .error) {
        self.path = path
        self.rule = rule
        self.message = message
        self.severity = severity
    }

    /// `path: message [rule]` (`message [rule]` for the whole body), after `warning: ` for warnings.
    public var description: String {
        (severity == .warning ? "warning: " : "") + (path.isEmpty ? "" : "\(path): ") + "\(message) [\(rule.rawValue)]"
    }

    /// `{"path": …, "rule": …, "message": …, "severity": "error"|"warning"}`.
    public var json: JSONValue {
        ["path": .string(path), "rule": .string(rule.rawValue), "message": .string(message), "severity": .string(severity.rawValue)]
    }

    /// The same problem as an error (`--strict-fields` makes an unknown field one).
    public func asError() -> ValidationProblem {
        ValidationProblem(path: path, rule: rule, message: message, severity: .error)
    }

    /// The same problem at `prefix` + its path (a body inside a list).
    public func nested(under prefix: String) -> ValidationProblem {
        let joined = path.isEmpty ? prefix : prefix + (path.hasPrefix("[") ? "" : ".") + path
        return ValidationProblem(path: joined, rule: rule, message: message, severity: severity)
    }
}
