import Synchronization

/// An operation on PostgreSQL that did not end in time: a server that stopped answering (a
/// network gone silent, a connection left half-closed) is treated as one that cannot be reached.
struct PostgresTimedOut: Error, CustomStringConvertible {
    let seconds: Double
    var description: String { "no answer within \(Int(seconds)) s" }
}

/// `body`'s result, or `PostgresTimedOut` after `seconds`. A body that does not end is left
/// behind (a query cannot always be called back): the caller goes on, and the run ends.
func withDeadline<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let resumed = Mutex(false)
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let finish: @Sendable (Result<T, any Error>) -> Void = { result in
            let first = resumed.withLock { done in
                defer { done = true }
                return !done
            }
            if first { continuation.resume(with: result) }
        }
        let work = Task {
            do { finish(.success(try await body())) } catch { finish(.failure(error)) }
        }
        Task {
            try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            finish(.failure(PostgresTimedOut(seconds: seconds)))
            work.cancel()
        }
    }
}
