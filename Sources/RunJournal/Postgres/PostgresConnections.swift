import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// The few connections a PostgreSQL journal keeps open, each used by one transaction at a
/// time: a transaction takes one (opening another while fewer than `limit` are open, else
/// waiting for one to come back) and gives it back when done.
final class PostgresConnections: Sendable {
    private struct State {
        var idle: [PostgresConnection] = []
        var open = 0
        var waiters: [CheckedContinuation<PostgresConnection, any Error>] = []
        var all: [PostgresConnection] = []
    }

    private let state = Mutex(State())
    private let limit: Int
    private let connect: @Sendable () async throws -> PostgresConnection

    /// At most `limit` connections, each opened by `connect`.
    init(limit: Int, connect: @escaping @Sendable () async throws -> PostgresConnection) {
        self.limit = limit
        self.connect = connect
    }

    /// A connection of this transaction's own, until `give` takes it back.
    func take() async throws -> PostgresConnection {
        enum Next { case ready(PostgresConnection), open, wait }
        let next = state.withLock { state -> Next in
            while let connection = state.idle.popLast() {
                if !connection.isClosed { return .ready(connection) }
                state.open -= 1
            }
            guard state.open < limit else { return .wait }
            state.open += 1
            return .open
        }
        switch next {
        case .ready(let connection):
            return connection
        case .open:
            do {
                let connection = try await connect()
                state.withLock { $0.all.append(connection) }
                return connection
            } catch {
                state.withLock { $0.open -= 1 }
                throw error
            }
        case .wait:
            return try await withCheckedThrowingContinuation { continuation in
                let ready = state.withLock { state -> PostgresConnection? in
                    if let connection = state.idle.popLast() { return connection }
                    state.waiters.append(continuation)
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }

    /// Takes back a connection `take` gave (a closed one too: its next user finds it closed).
    func give(_ connection: PostgresConnection) {
        let waiter = state.withLock { state -> CheckedContinuation<PostgresConnection, any Error>? in
            guard !state.waiters.isEmpty else {
                state.idle.append(connection)
                return nil
            }
            return state.waiters.removeFirst()
        }
        waiter?.resume(returning: connection)
    }

    /// Closes every connection, waiting until each is closed.
    func closeAll() {
        let all = state.withLock { state in
            defer { state.all.removeAll(); state.idle.removeAll() }
            return state.all
        }
        for connection in all where !connection.isClosed { try? connection.close().wait() }
    }
}
