public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

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

    /// Sends the request and collects the response body.
    public func send(_ request: TransportRequest) async throws(TransportFailure) -> TransportResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        // The overall deadline is a backstop; the read timeout is what normally fires.
        let deadline = Self.amount(configuration.connectTimeout + configuration.readTimeout * 2)
        do {
            let response = try await client.execute(outgoing, timeout: deadline)
            let body = try await response.body.collect(upTo: configuration.maxResponseBytes)
            return TransportResponse(
                status: Int(response.status.code),
                headers: response.headers.map { ($0.name, $0.value) },
                body: Array(buffer: body)
            )
        } catch {
            throw Self.failure(error)
        }
    }

    /// Sorts async-http-client's and NIO's errors into "never sent" and "outcome unknown".
    static func failure(_ error: any Error) -> TransportFailure {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
                return TransportFailure(stage: .notSent, timedOut: true, reason: "could not connect in time")
            case .readTimeout, .deadlineExceeded:
                return TransportFailure(stage: .outcomeUnknown, timedOut: true, reason: "no response in time")
            case .remoteConnectionClosed:
                return TransportFailure(stage: .outcomeUnknown, timedOut: false, reason: "the server closed the connection")
            case .invalidURL, .emptyHost, .emptyScheme:
                return TransportFailure(stage: .notSent, timedOut: false, reason: "the URL is not valid")
            default:
                return TransportFailure(stage: .outcomeUnknown, timedOut: false, reason: "\(error)")
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
        return TransportFailure(stage: .outcomeUnknown, timedOut: false, reason: String(describing: error))
    }

    private static func amount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
