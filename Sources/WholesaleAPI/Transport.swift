/// An HTTP method the API uses.
public enum HTTPMethod: String, Sendable, Hashable {
    /// Read.
    case GET
    /// Create or act.
    case POST
    /// Replace.
    case PUT
    /// Remove.
    case DELETE
}

/// One HTTP request as a transport sends it: an absolute URL, headers and an optional body.
/// Its description and mirror show neither the Authorization value nor the body, which may hold
/// secrets (a token exchange form).
public struct TransportRequest: Sendable, CustomStringConvertible, CustomReflectable {
    /// The method.
    public var method: HTTPMethod
    /// The absolute URL, query included.
    public var url: String
    /// Header fields in order; names as sent.
    public var headers: [(name: String, value: String)]
    /// The body, when there is one.
    public var body: [UInt8]?
    /// The longest the whole exchange may take, the response body included (transports that
    /// wait on the network honour it); `nil` leaves it to the transport's own bounds.
    public var timeout: Duration?

    /// Creates a request.
    public init(method: HTTPMethod, url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { HeaderName.equal($0.name, name) }?.value
    }

    /// `GET https://… (N-byte body)`, without secrets.
    public var description: String {
        "\(method.rawValue) \(url)" + (body.map { " (\($0.count)-byte body)" } ?? "")
    }

    /// Method, URL, header names with the Authorization value hidden, and the body's size.
    public var customMirror: Mirror {
        let safeHeaders = headers.map { header in
            HeaderName.equal(header.name, "Authorization") ? "\(header.name): <redacted>" : "\(header.name): \(header.value)"
        }
        return Mirror(self, children: ["method": method, "url": url, "headers": safeHeaders, "bodyBytes": body?.count ?? 0])
    }
}

/// One HTTP response as a transport returns it.
public struct TransportResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Header fields in order.
    public var headers: [(name: String, value: String)]
    /// The body (empty when there is none).
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { HeaderName.equal($0.name, name) }?.value
    }

    /// Every value of header `name` (case-insensitive), in order.
    public func headerValues(_ name: String) -> [String] {
        headers.filter { HeaderName.equal($0.name, name) }.map(\.value)
    }
}

/// Why a request got no response. What matters for retrying is whether the request may have
/// reached the server: a request that was never sent can be sent again whatever its method.
public struct TransportFailure: Error, Sendable, CustomStringConvertible {
    /// Where the exchange broke.
    public enum Stage: Sendable {
        /// Before the request left (connection refused, connect timeout, DNS): nothing reached the server.
        case notSent
        /// After it was sent (connection reset or closed, read timeout): the outcome is unknown.
        case outcomeUnknown
    }

    /// Where the exchange broke.
    public let stage: Stage
    /// Whether it broke by running out of time (as opposed to a reset or refusal).
    public let timedOut: Bool
    /// What happened, without secrets.
    public let reason: String
    /// Whether sending it again may help; `false` when a retry would fail the same way (an
    /// answer larger than the limit, a header value that cannot be sent).
    public let retryable: Bool
    /// The status of an answer that came but could not be read whole, when there was one.
    public let status: Int?

    /// Creates a failure.
    public init(stage: Stage, timedOut: Bool, reason: String, retryable: Bool = true, status: Int? = nil) {
        self.stage = stage
        self.timedOut = timedOut
        self.reason = reason
        self.retryable = retryable
        self.status = status
    }

    /// The reason.
    public var description: String { reason }
}

/// Moves requests to a server and back: HTTP for real targets, a function call for the
/// embedded simulator. Retries, paging, tokens and errors sit above it, so every target
/// gets the same behaviour.
public protocol Transport: Sendable {
    /// Sends `request` and returns the whole response, or throws a `TransportFailure`.
    func send(_ request: TransportRequest) async throws(TransportFailure) -> TransportResponse
}

/// A transport that hands each request to a function in the same process (the embedded
/// simulator, benchmarks).
public struct InProcessTransport: Transport {
    private let handler: @Sendable (TransportRequest) async throws(TransportFailure) -> TransportResponse

    /// A transport that answers with `handler`.
    public init(_ handler: @escaping @Sendable (TransportRequest) async throws(TransportFailure) -> TransportResponse) {
        self.handler = handler
    }

    /// Calls the handler.
    public func send(_ request: TransportRequest) async throws(TransportFailure) -> TransportResponse {
        try await handler(request)
    }
}

/// Header names compare without regard to ASCII case (RFC 9110).
enum HeaderName {
    static func equal(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { x, y in x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= 97 && (x | 0x20) <= 122) }
    }
}
