import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
public import WholesaleAPI

/// What a server does with one request.
public enum ServerReply: Sendable {
    /// Answers with this response (`Content-Length` is set).
    case respond(TransportResponse)
    /// Closes the connection without answering (a reset, seen from the client).
    case closeConnection
    /// Waits this long without answering, then closes (a read timeout, seen from the client).
    case stall(Duration)
    /// Answers with `head`'s status and headers and a body of `length` bytes made of `chunk`
    /// repeated, sent a chunk at a time with `pause` between chunks (a body that trickles in,
    /// or one larger than a client accepts, without holding it in memory).
    case stream(head: TransportResponse, length: Int, chunk: [UInt8], pause: Duration)
}

/// An HTTP/1.1 server on SwiftNIO that hands each request, whole, to an async handler. The
/// handler may answer, drop the connection or stall, which fault injection needs and which
/// higher-level frameworks do not offer. Requests reach the handler as `TransportRequest`s with
/// an absolute URL built from the `Host` header.
public final class HTTPServer: Sendable {
    /// Decides the reply to a request.
    public typealias Handler = @Sendable (TransportRequest) async -> ServerReply

    /// The port it listens on.
    public let port: Int
    /// The address it listens on.
    public let host: String
    private let channel: any Channel
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)

    /// `http://HOST:PORT`.
    public var baseURL: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }

    /// Starts listening on `host` and `port` (0 picks a free port).
    public static func start(host: String = "127.0.0.1", port: Int = 0, maxBodyBytes: Int = 16 << 20, _ handler: @escaping Handler) async throws -> HTTPServer {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            // Answers go out at once: without this, Nagle's algorithm meets the client's delayed
            // ACK and a small response can wait 40 ms.
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: port) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: child)
                }
            }
        let instance = HTTPServer(channel: server.channel, host: host, port: server.channel.localAddress?.port ?? port)
        let task = Task<Void, Never> {
            try? await server.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask { await Self.serve(connection, maxBodyBytes: maxBodyBytes, handler) }
                    }
                }
            }
        }
        instance.task.withLock { $0 = task }
        return instance
    }

    private init(channel: any Channel, host: String, port: Int) {
        self.channel = channel
        self.host = host
        self.port = port
    }

    /// Stops listening and drops open connections.
    public func stop() async {
        task.withLock { $0?.cancel() }
        try? await channel.close()
    }

    private static func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, maxBodyBytes: Int, _ handler: Handler) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let h):
                    head = h
                    body = []
                case .body(let buffer):
                    guard body.count + buffer.readableBytes <= maxBodyBytes else { return }
                    body += buffer.readableBytesView
                case .end:
                    guard let head else { return }
                    let host = head.headers.first(name: "Host") ?? "localhost"
                    // Methods the API never uses are refused here; the rest reach the handler.
                    let reply: ServerReply
                    if let method = HTTPMethod(rawValue: head.method.rawValue) {
                        let request = TransportRequest(
                            method: method, url: "http://" + host + head.uri,
                            headers: head.headers.map { ($0.name, $0.value) }, body: body.isEmpty ? nil : body
                        )
                        reply = await handler(request)
                    } else {
                        reply = .respond(TransportResponse(status: 405, headers: [("Allow", "GET, POST, PUT, DELETE")]))
                    }
                    switch reply {
                    case .respond(let response):
                        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
                        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
                        if !head.isKeepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
                        let status = HTTPResponseStatus(statusCode: response.status)
                        var parts: [HTTPServerResponsePart] = [.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))]
                        if !response.body.isEmpty { parts.append(.body(.byteBuffer(ByteBuffer(bytes: response.body)))) }
                        parts.append(.end(nil))
                        // One write, one flush.
                        try await outbound.write(contentsOf: parts)
                        // A client that asked for `Connection: close` gets it.
                        if !head.isKeepAlive { return }
                    case .closeConnection:
                        return
                    case .stall(let duration):
                        try? await Task.sleep(for: duration)
                        return
                    case .stream(let response, let length, let chunk, let pause):
                        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
                        headers.replaceOrAdd(name: "Content-Length", value: String(length))
                        let status = HTTPResponseStatus(statusCode: response.status)
                        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
                        var sent = 0
                        while sent < length && !chunk.isEmpty {
                            let part = chunk.prefix(length - sent)
                            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: part))))
                            sent += part.count
                            if (sent < length) && (pause > Duration.zero) { try await Task.sleep(for: pause) }
                        }
                        try await outbound.write(.end(nil))
                        return
                    }
                }
            }
        }
    }
}
