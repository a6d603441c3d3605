import Synchronization
public import WholesaleAPI
public import WholesaleHTTPServer

/// A loopback HTTP server whose answers a test scripts: each request is recorded and handed to
/// a handler that replies, drops the connection, or stalls. Tests of the client and the
/// benchmarks run against it.
public final class ScriptedServer: Sendable {
    /// A request as the server received it.
    public struct Request: Sendable {
        /// The method (`GET`, …).
        public let method: String
        /// The path, without the query.
        public let path: String
        /// The query items, decoded, in order.
        public let query: [(name: String, value: String)]
        /// The headers, in order.
        public let headers: [(name: String, value: String)]
        /// The body.
        public let body: [UInt8]

        /// The first value of header `name` (case-insensitive).
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        /// The first value of query item `name`.
        public func query(_ name: String) -> String? { query.first { $0.name == name }?.value }
    }

    /// What the server does with a request.
    public typealias Reply = ServerReply

    /// Decides the reply to a request.
    public typealias Handler = @Sendable (Request) async -> Reply

    /// The requests received, shared with the server's handler.
    private final class RequestLog: Sendable {
        let entries = Mutex<[Request]>([])
    }

    private let server: HTTPServer
    private let log: RequestLog

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { server.baseURL }

    /// Every request received so far, in order of arrival.
    public var requests: [Request] { log.entries.withLock { $0 } }

    /// Starts a server on a free loopback port. Without `recording`, `requests` stays empty
    /// (benchmarks send too many to keep).
    public static func start(recording: Bool = true, _ handler: @escaping Handler) async throws -> ScriptedServer {
        let log = RequestLog()
        let server = try await HTTPServer.start { transportRequest in
            let request = Self.request(transportRequest)
            if recording { log.entries.withLock { $0.append(request) } }
            return await handler(request)
        }
        return ScriptedServer(server: server, log: log)
    }

    private init(server: HTTPServer, log: RequestLog) {
        self.server = server
        self.log = log
    }

    /// Stops listening and drops open connections.
    public func stop() async { await server.stop() }

    private static func request(_ request: TransportRequest) -> Request {
        let afterScheme = request.url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        let target = afterScheme.count > 3 ? "/" + afterScheme[3] : "/"
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return Request(
            method: request.method.rawValue, path: String(parts[0]),
            query: parts.count > 1 ? QueryEncoding.decode(String(parts[1])) : [],
            headers: request.headers, body: request.body ?? []
        )
    }
}
