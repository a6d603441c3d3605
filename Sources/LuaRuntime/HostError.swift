public import FailureKinds

/// An error a Swift host function raises into Lua, where it becomes a catchable error table.
///
/// The table holds `fields` (always `kind` and `message`) and its `tostring` is `line`.
public protocol LuaRaisable: Error {
    /// The fields of the Lua error table, e.g. `kind`, `message`, `status`.
    var luaFields: [String: LuaValue] { get }
    /// What `tostring(err)` returns: one line a person can act on.
    var luaLine: String { get }
}

/// A host error with a kind and a message: bad arguments (`usage`), refused files, etc.
public struct HostError: LuaRaisable, Sendable, CustomStringConvertible {
    /// The error's kind, the `kind` field of its Lua table.
    public let kind: FailureKind
    /// What went wrong.
    public let message: String
    /// Further fields for the Lua error table.
    public let extra: [String: LuaValue]
    /// What `tostring` of the table gives: the message unless the error has a longer line
    /// (an API error names its operation, status and tracking id there).
    public let line: String

    /// Creates an error of `kind` saying `message`; `tostring` gives `line`, or the message.
    public init(kind: FailureKind, message: String, extra: [String: LuaValue] = [:], line: String? = nil) {
        self.kind = kind
        self.message = message
        self.extra = extra
        self.line = line ?? message
    }

    /// A `usage` error: the script called a function the wrong way.
    public static func usage(_ message: String) -> HostError { HostError(kind: .usage, message: message) }

    /// Lua's own wording for a bad argument: `bad argument #1 to 'f' (string expected, got table)`.
    public static func badArgument(_ position: Int, to function: String, _ detail: String) -> HostError {
        .usage("bad argument #\(position) to '\(function)' (\(detail))")
    }

    /// `kind`, `message` and the extra fields.
    public var luaFields: [String: LuaValue] {
        var fields = extra
        fields["kind"] = .string(kind.rawValue)
        fields["message"] = .string(message)
        return fields
    }

    /// The line `tostring` gives.
    public var luaLine: String { line }

    /// The line `tostring` gives.
    public var description: String { line }
}
