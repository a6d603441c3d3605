/// What kind of failure an error is: the `kind` field of every Lua error table a playbook sees
/// (docs/reference.md#errors), and of the client's and the host's errors before they become one.
/// The set is closed; a test holds the docs' table of kinds and the LuaCATS alias to it.
public enum FailureKind: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The API answered with an error status, after any retries.
    case http
    /// A body or option broke a local rule; nothing was sent.
    case validation
    /// No answer: the connection was refused or broke, after the retries.
    case network
    /// A wait ran out of time, or an answer did not come in time.
    case timeout
    /// A function or the client was called or set up the wrong way.
    case usage
    /// A file or the journal could not be read or written, or holds something malformed.
    case io
    /// The playbook called `wholesale.fail`.
    case fail
    /// A limit (`--timeout`, `--max-memory`) stopped the run; a playbook never catches it.
    case limit
    /// The host itself failed where the playbook did nothing wrong.
    case host
    /// A plain Lua error (`error("text")`), as `wholesale.try` reports it.
    case lua

    /// The kind's name, as Lua sees it.
    public var description: String { rawValue }

    /// Whether an error of this kind that is marked retryable may pass if the run is tried
    /// again later (the API's answers, not the playbook's mistakes).
    public var mayPassLater: Bool { self == .http || self == .network || self == .timeout }
}
