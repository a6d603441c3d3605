public import FailureKinds
public import JSONValues
public import WholesaleValidation

/// Every failure of the client, as one value: what kind, which operation, the HTTP status and
/// Webex error codes, the tracking id support needs, whether trying later may help, and the
/// validation problems. Its description is one line a person can act on; it never holds a token.
public struct WholesaleError: Error, Sendable, CustomStringConvertible {
    /// The kinds of failure: the client raises `http`, `validation`, `network`, `timeout` and
    /// `usage` of the closed set every error shares.
    public typealias Kind = FailureKind

    /// What kind of failure.
    public var kind: Kind
    /// The operation, named as in Lua: `customers.provision`.
    public var operation: String
    /// The HTTP status, when the API answered.
    public var status: Int?
    /// The Webex error codes of the body (`errors[].errorCode`, or a top-level `errorCode`).
    public var codes: [Int]
    /// The message: the API's own when it sent one.
    public var message: String
    /// The `errors` array of the Webex error body, as sent.
    public var errors: [JSONValue]
    /// The tracking id of the request (the server's when it sent one).
    public var trackingId: String?
    /// Whether the same call may succeed later (rate limits, locks, server trouble, timeouts).
    public var retryable: Bool
    /// The local validation problems (kind `validation`).
    public var problems: [ValidationProblem]
    /// How many times the request was sent.
    public var attempts: Int
    /// Whether a change may have been applied although the call failed (its answer was lost):
    /// look it up before sending it again.
    public var mayHaveApplied = false

    /// Creates an error.
    public init(
        kind: Kind, operation: String, message: String, status: Int? = nil, codes: [Int] = [], errors: [JSONValue] = [],
        trackingId: String? = nil, retryable: Bool = false, problems: [ValidationProblem] = [], attempts: Int = 0
    ) {
        self.kind = kind
        self.operation = operation
        self.message = message
        self.status = status
        self.codes = codes
        self.errors = errors
        self.trackingId = trackingId
        self.retryable = retryable
        self.problems = problems
        self.attempts = attempts
    }

    /// One line: `customers.provision: HTTP 409 Conflict: externalId already exists (code 10022, trackingId ROUTER_…)`.
    public var description: String {
        var line = operation + ": "
        if let status { line += "HTTP \(status) \(Self.reason(status)): " }
        line += message
        var notes: [String] = []
        if !codes.isEmpty { notes.append((codes.count == 1 ? "code " : "codes ") + codes.map(String.init).joined(separator: ", ")) }
        if attempts > 1 { notes.append("\(attempts) attempts") }
        if let trackingId { notes.append("trackingId \(trackingId)") }
        if !notes.isEmpty { line += " (" + notes.joined(separator: ", ") + ")" }
        return line
    }

    /// The standard reason phrase of an HTTP status.
    public static func reason(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 415: return "Unsupported Media Type"
        case 423: return "Locked"
        case 428: return "Precondition Required"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return status < 400 ? "Unexpected Status" : "Error"
        }
    }
}

extension WholesaleError {
    /// The same error, named after the function the playbook called (`customers.find` for the
    /// list it runs).
    public func renamed(_ operation: String) -> WholesaleError {
        var error = self
        error.operation = operation
        return error
    }
}
