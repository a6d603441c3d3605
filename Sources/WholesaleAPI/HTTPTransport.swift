public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The transport for real targets: async-http-client with a connection pool, connect and read
/// timeouts, TLS for `https` URLs, no redirects (a redirect would carry the token elsewhere).
///
/// Call `shutdown()` once done; the pool's connections stay open until then.
public final class HTTPTransport: Transport {
    /// Timeouts and pool size.
    public struct Configuration: Sendable {
        /// Time to open a connection.
        public var connectTimeout: Duration = .seconds(10)
        /// Time to wait for response bytes once the request is sent.
        public var readTimeout: Duration = .seconds(60)
        /// Connections kept per host.
        public var connectionsPerHost = 64
        /// Largest response body accepted.
        public var maxResponseBytes = 64 << 20

        /// The defaults: 10 s to connect, 60 s to read, 64 connections.
        public init() {}
    }

    private let client: HTTPClient
    private let configuration: Configuration

    /// A transport with its own connection pool.
    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
        var pool = HTTPClient.Configuration.ConnectionPool()
        pool.concurrentHTTP1ConnectionsPerHostSoftLimit = configuration.connectionsPerHost
        self.client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: HTTPClient.Configuration(
                redirectConfiguration: .disallow,
                timeout: .init(connect: Self.amount(configuration.connectTimeout), read: Self.amount(configuration.readTimeout)),
                connectionPool: pool,
                decompression: .disabled
            )
        )
    }

    /// Closes the pool's connections.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Sends the request and collects the response body, all of it within `request.timeout`
    /// (when set) as well as the connect and read timeouts.
    public func send(_ request: TransportRequest) async throws(TransportFailure) -> TransportResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        // The overall deadline is a backstop; the read timeout is what normally fires.
        let backstop = configuration.connectTimeout + configuration.readTimeout * 2
        let limit = request.timeout.map { min($0, backstop) } ?? backstop
        let (client, maxBytes, prepared) = (client, configuration.maxResponseBytes, outgoing)
        let status = StatusSeen()
        do {
            return try await Self.within(limit) {
                let response = try await client.execute(prepared, timeout: Self.amount(limit))
                status.value.withLock { $0 = Int(response.status.code) }
                let body = try await response.body.collect(upTo: maxBytes)
                return TransportResponse(
                    status: Int(response.status.code),
                    headers: response.headers.map { ($0.name, $0.value) },
                    body: Array(buffer: body)
                )
            }
        } catch {
            throw Self.failure(error, status: status.value.withLock { $0 }, maxBytes: maxBytes)
        }
    }

    /// The status of a response whose head has come, for a body that then fails.
    private final class StatusSeen: Sendable {
        let value = Mutex<Int?>(nil)
    }

    /// The exchange ran out of its time, the body included.
    struct ExchangeDeadline: Error {}

    /// Runs `work`, cancelling it once `limit` has passed (a body that trickles in would
    /// otherwise keep every read within the read timeout forever).
    private static func within(_ limit: Duration, _ work: @escaping @Sendable () async throws -> TransportResponse) async throws -> TransportResponse {
        try await withThrowingTaskGroup(of: TransportResponse?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else { throw ExchangeDeadline() }
            return response
        }
    }

    /// Sorts async-http-client's and NIO's errors into "never sent" and "outcome unknown", in
    /// words of our own: their descriptions can quote header values, the token's among them.
    static func failure(_ error: any Error, status: Int? = nil, maxBytes: Int = Configuration().maxResponseBytes) -> TransportFailure {
        // Two clocks end an exchange at about the same time (ours and async-http-client's
        // deadline); which one fires first is chance, so the words depend on what had come.
        if error is ExchangeDeadline || (error as? HTTPClientError) == .deadlineExceeded {
            let reason = status == nil ? "no response in time" : "the whole response did not arrive in time (it came too slowly)"
            return TransportFailure(stage: .outcomeUnknown, timedOut: true, reason: reason)
        }
        if error is NIOTooManyBytesError {
            return TransportFailure(
                stage: .outcomeUnknown, timedOut: false,
                reason: "the response body is larger than \(maxBytes >> 20) MiB, the most this client reads; not read, and not sent again",
                retryable: false, status: status)
        }
        if let parser = error as? HTTPParserError {
            if case .headerOverflow = parser {
                return TransportFailure(
                    stage: .outcomeUnknown, timedOut: false,
                    reason: "the response headers are larger than the client accepts; not read, and not sent again", retryable: false)
            }
            return TransportFailure(stage: .outcomeUnknown, timedOut: false, reason: "the response is not valid HTTP (\(parser))")
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
                return TransportFailure(stage: .notSent, timedOut: true, reason: "could not connect in time")
            case .readTimeout:
                return TransportFailure(stage: .outcomeUnknown, timedOut: true, reason: "no response in time")
            case .remoteConnectionClosed:
                return TransportFailure(stage: .outcomeUnknown, timedOut: false, reason: "the server closed the connection")
            case .invalidURL, .emptyHost, .emptyScheme:
                return TransportFailure(stage: .notSent, timedOut: false, reason: "the URL is not valid", retryable: false)
            default:
                // The cases that carry values (header names and values, schemes) are named without them.
                let name = String(describing: error).prefix { $0 != "(" }
                if name.hasSuffix("invalidHeaderFieldValues") || name.hasSuffix("invalidHeaderFieldNames") {
                    return TransportFailure(
                        stage: .notSent, timedOut: false,
                        reason: "a request header holds a character HTTP does not allow (a line break or control character); not sent",
                        retryable: false)
                }
                return TransportFailure(stage: .outcomeUnknown, timedOut: false, reason: Secrets.redact(String(name)))
            }
        }
        if error is NIOConnectionError {
            return TransportFailure(stage: .notSent, timedOut: false, reason: "could not connect")
        }
        // Only a refusal proves nothing was sent: unreachable-host errors also end connections
        // whose request bytes were already on the way.
        if let io = error as? IOError, io.errnoCode == ECONNREFUSED {
            return TransportFailure(stage: .notSent, timedOut: false, reason: "could not connect: \(io.description)")
        }
        if let channel = error as? ChannelError, case .connectTimeout = channel {
            return TransportFailure(stage: .notSent, timedOut: true, reason: "could not connect in time")
        }
        if error is CancellationError {
            return TransportFailure(stage: .outcomeUnknown, timedOut: false, reason: "cancelled")
        }
        return TransportFailure(stage: .outcomeUnknown, timedOut: false, reason: Secrets.redact(String(describing: error)))
    }

    private static func amount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
