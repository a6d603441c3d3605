/// An error from Lua reaching Swift: a syntax error, an uncaught runtime error or a limit.
public struct LuaError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Kind: Sendable, Equatable {
        /// The source did not compile.
        case syntax
        /// The script raised an error nobody caught.
        case runtime
        /// The wall-time limit was reached.
        case timeLimit
        /// The Lua memory limit was reached.
        case memoryLimit
        /// A file could not be read.
        case io
        /// The run was stopped from outside (`LuaInterrupter`, e.g. on SIGTERM).
        case interrupted
    }

    /// What kind of failure this is.
    public let kind: Kind
    /// The error message, as `tostring` gives it (with Lua's `file:line:` prefix for string errors).
    public let message: String
    /// Where the error was raised (`playbook.lua:12`), when known.
    public let location: String?
    /// Lua's stack traceback, when there is one.
    public let traceback: String?
    /// The error value's fields when it was a table (`kind`, `message`, ...).
    public let value: LuaValue?

    /// Creates an error.
    public init(kind: Kind, message: String, location: String? = nil, traceback: String? = nil, value: LuaValue? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
        self.traceback = traceback
        self.value = value
    }

    /// The message, prefixed with its location unless it already starts with it.
    public var description: String {
        guard let location, !message.hasPrefix(location) else { return message }
        return "\(location): \(message)"
    }
}
