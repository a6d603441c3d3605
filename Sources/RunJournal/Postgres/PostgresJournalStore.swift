import Foundation
import PostgresNIO
import Synchronization
import WholesaleAPI

/// The journal in a PostgreSQL database, which runs on several hosts share: the same tables and
/// migrations as SQLite's, every write its own transaction, and each playbook's lock an advisory
/// lock held by its run's session, which the server releases when the session ends, however
/// the run ends.
package final class PostgresJournalStore: JournalStore {
    /// The database.
    package let url: PostgresJournalURL
    package var location: String { url.description }
    package var dialect: JournalDialect { .postgres }
    private let connections: PostgresConnections

    /// The most connections one run keeps open for its journal.
    static let connectionLimit = 8

    /// Connects to `url` and brings its tables to the latest shape; an unreachable server is
    /// an `unreachable` error naming the host (never the password).
    package init(_ url: PostgresJournalURL) throws(JournalError) {
        self.url = url
        let application = "wholesale \(ProcessInfo.processInfo.processIdentifier)"
        connections = PostgresConnections(limit: Self.connectionLimit) { try await PostgresSession.connect(url, application: application) }
        try migrate()
    }

    deinit { connections.closeAll() }

    /// The key of the advisory lock that serialises migrations between processes.
    private static let migrationLock: Int64 = 0x7768_6f6c_6573_616c  // "wholesal"

    /// Applies the migrations this database lacks, in one transaction that holds a lock so two
    /// processes opening a new database one after the other apply each once.
    private func migrate() throws(JournalError) {
        let url = url
        try blocking { [connections] () async throws(JournalError) in
            let connection: PostgresConnection
            do { connection = try await connections.take() } catch {
                throw PostgresSession.failure(error, doing: "cannot open the journal", url)
            }
            defer { connections.give(connection) }
            do {
                try await PostgresSession.run(JournalStatement("BEGIN"), on: connection)
                do {
                    try await PostgresSession.run(JournalStatement("SELECT pg_advisory_xact_lock(\(Self.migrationLock))"), on: connection)
                    try await PostgresSession.run(
                        JournalStatement("CREATE TABLE IF NOT EXISTS journal_migrations (identifier TEXT PRIMARY KEY, applied TEXT NOT NULL)"),
                        on: connection)
                    let done = Set(try await PostgresSession.run(JournalStatement("SELECT identifier FROM journal_migrations"), on: connection)
                        .compactMap { $0.text("identifier") })
                    for migration in JournalMigration.all where !done.contains(migration.identifier) {
                        for statement in migration.statements(.postgres) {
                            try await PostgresSession.run(JournalStatement(statement), on: connection)
                        }
                        try await PostgresSession.run(
                            JournalStatement("INSERT INTO journal_migrations (identifier, applied) VALUES (?, ?)",
                                             [SQLValue(migration.identifier), SQLValue(Journal.now())]),
                            on: connection)
                    }
                    try await PostgresSession.run(JournalStatement("COMMIT"), on: connection)
                } catch {
                    _ = try? await PostgresSession.run(JournalStatement("ROLLBACK"), on: connection)
                    throw error
                }
            } catch {
                throw PostgresSession.failure(error, doing: "cannot open the journal", url)
            }
        }
    }

    @discardableResult
    package func transaction(_ statements: [JournalStatement]) throws(JournalError) -> [[JournalRow]] {
        try blocking { [self] () async throws(JournalError) in try await transaction(statements) }
    }

    @discardableResult
    package func transaction(_ statements: [JournalStatement]) async throws(JournalError) -> [[JournalRow]] {
        try await run(statements, doing: "cannot write the journal")
    }

    package func read(_ statement: JournalStatement) throws(JournalError) -> [JournalRow] {
        try blocking { [self] () async throws(JournalError) in try await run([statement], doing: "cannot read the journal")[0] }
    }

    /// Runs `statements` on a connection of their own: one alone as it is (PostgreSQL commits
    /// it by itself), more between `BEGIN` and `COMMIT`.
    private func run(_ statements: [JournalStatement], doing: String) async throws(JournalError) -> [[JournalRow]] {
        if let gone = gone.withLock({ $0 }) { throw gone }
        do {
            return try await withDeadline(Self.answerTime) { [connections] in
                let connection = try await connections.take()
                defer { connections.give(connection) }
                return try await Self.run(statements, on: connection)
            }
        } catch {
            let failure = PostgresSession.failure(error, doing: doing, url)
            if failure.unreachable { gone.withLock { if $0 == nil { $0 = failure } } }
            throw failure
        }
    }

    /// The failure that showed the database unreachable, once one has: every later statement
    /// of this process fails at once with it (a run does not wait out each one, and sends no
    /// further change even if the server comes back; the next run starts afresh).
    private let gone = Mutex<JournalError?>(nil)

    /// How long the journal waits for the database to answer one transaction before it treats
    /// it as gone (its statements are small: a healthy server answers in milliseconds).
    static let answerTime: Double = 15

    private static func run(_ statements: [JournalStatement], on connection: PostgresConnection) async throws -> [[JournalRow]] {
        do {
            if statements.count == 1 { return [try await PostgresSession.run(statements[0], on: connection)] }
            try await PostgresSession.run(JournalStatement("BEGIN"), on: connection)
            do {
                var rows: [[JournalRow]] = []
                for statement in statements { rows.append(try await PostgresSession.run(statement, on: connection)) }
                try await PostgresSession.run(JournalStatement("COMMIT"), on: connection)
                return rows
            } catch {
                _ = try? await PostgresSession.run(JournalStatement("ROLLBACK"), on: connection)
                throw error
            }
        }
    }

    package func lock(playbook: String, run: String, wait: Double) throws(JournalError) -> Result<any HeldRunLock, RunLockHolder> {
        let url = url
        return try blocking { () async throws(JournalError) in
            try await PostgresRunLock.acquire(url, playbook: playbook, run: run, wait: wait).map { $0 as any HeldRunLock }
        }
    }
}

/// Waits, on this thread, for `body` to end (`Blocking.run`): the journal's callers that are
/// not tasks (the VM's thread, a command's main thread) use the store's async connections so.
func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws(JournalError) -> T) throws(JournalError) -> T {
    try Blocking.run { () async -> Result<T, JournalError> in
        do throws(JournalError) { return .success(try await body()) } catch { return .failure(error) }
    }.get()
}
