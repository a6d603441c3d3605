import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
public import WholesaleAPI

/// A real HTTP/1.1 server on a loopback port whose answers a test scripts: each request is
/// recorded and handed to a handler that replies, drops the connection, or stalls. Tests of the
/// client and the benchmarks run against it.
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
    public enum Reply: Sendable {
        /// Answers with this response (`Content-Length` is added).
        case respond(TransportResponse)
        /// Closes the connection without answering (a reset, seen from the client).
        case closeConnection
        /// Waits this long without answering, then closes (a read timeout, seen from the client).
        case stall(Duration)
    }

    /// Decides the reply to a request.
    public typealias Handler = @Sendable (Request) async -> Reply

    /// The port it listens on.
    public let port: Int
    private let channel: any Channel
    private let log = Mutex<[Request]>([])
    private let recording: Bool
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in order of arrival.
    public var requests: [Request] { log.withLock { $0 } }

    /// Starts a server on a free loopback port. Without `recording`, `requests` stays empty
    /// (benchmarks send too many to keep).
    public static func start(recording: Bool = true, _ handler: @escaping Handler) async throws -> ScriptedServer {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: child)
                }
            }
        let instance = ScriptedServer(channel: server.channel, port: server.channel.localAddress?.port ?? 0, recording: recording)
        let task = Task<Void, Never> {
            try? await server.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask { await instance.serve(connection, handler) }
                    }
                }
            }
        }
        instance.task.withLock { $0 = task }
        return instance
    }

    private init(channel: any Channel, port: Int, recording: Bool) {
        self.channel = channel
        self.port = port
        self.recording = recording
    }

    /// Stops listening and drops open connections.
    public func stop() async {
        task.withLock { $0?.cancel() }
        try? await channel.close()
    }

    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, _ handler: Handler) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let h):
                    head = h
                    body = []
                case .body(let buffer):
                    body += Array(buffer.readableBytesView)
                case .end:
                    guard let head else { return }
                    let request = Self.request(head, body)
                    if recording { log.withLock { $0.append(request) } }
                    switch await handler(request) {
                    case .respond(let response):
                        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
                        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
                        let status = HTTPResponseStatus(statusCode: response.status)
                        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
                        if !response.body.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: response.body)))) }
                        try await outbound.write(.end(nil))
                    case .closeConnection:
                        return
                    case .stall(let duration):
                        try? await Task.sleep(for: duration)
                        return
                    }
                }
            }
        }
    }

    private static func request(_ head: HTTPRequestHead, _ body: [UInt8]) -> Request {
        let parts = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let query = parts.count > 1 ? QueryEncoding.decode(String(parts[1])) : []
        return Request(
            method: head.method.rawValue, path: String(parts[0]), query: query,
            headers: head.headers.map { ($0.name, $0.value) }, body: body
        )
    }
}
