import Foundation
import PostgresNIO

/// A playbook's lock on a PostgreSQL journal: a session-level advisory lock, keyed by a hash of
/// the playbook's path, held by a connection of its own for as long as the run goes on. Every
/// host that shares the database sees it; the server releases it when the session ends (the
/// run ends, its process is killed, its network is lost). Who holds it is kept in `locks`.
final class PostgresRunLock: HeldRunLock {
    private let connection: PostgresConnection

    private init(connection: PostgresConnection) {
        self.connection = connection
    }

    deinit { try? connection.close().wait() }

    /// The advisory lock key of `playbook`: the first 8 bytes of a SHA-256 of its path.
    static func key(_ playbook: String) -> Int64 {
        let hex = Hashing.sha256Hex(Array(("wholesale playbook " + playbook).utf8)).prefix(16)
        return Int64(bitPattern: UInt64(hex, radix: 16) ?? 0)
    }

    /// Takes the lock of `playbook` for `run`, waiting up to `wait` seconds; on refusal, who holds it.
    static func acquire(_ url: PostgresJournalURL, playbook: String, run: String, wait: Double) async throws(JournalError) -> Result<PostgresRunLock, RunLockHolder> {
        let doing = "cannot take the lock of \(playbook) in the journal"
        let connection: PostgresConnection
        do { connection = try await PostgresSession.connect(url, application: "wholesale lock \(run)") } catch {
            throw PostgresSession.failure(error, doing: doing, url)
        }
        do {
            let key = SQLValue.integer(key(playbook))
            let taken: Bool
            if wait > 0 {
                // A waiting run sleeps in the server until the holder's session lets go, up to the deadline.
                try await PostgresSession.run(JournalStatement("SET lock_timeout = \(Int((wait * 1000).rounded(.up)))"), on: connection)
                do {
                    try await PostgresSession.run(JournalStatement("SELECT pg_advisory_lock(?)", [key]), on: connection)
                    taken = true
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == "55P03" {
                    taken = false
                }
                try await PostgresSession.run(JournalStatement("SET lock_timeout = 0"), on: connection)
            } else {
                let rows = try await PostgresSession.run(JournalStatement("SELECT pg_try_advisory_lock(?) AS taken", [key]), on: connection)
                taken = rows.first?.int("taken") == 1
            }
            guard taken else {
                let rows = try await PostgresSession.run(
                    JournalStatement("SELECT host, pid, run, since FROM locks WHERE playbook = ?", [SQLValue(playbook)]), on: connection)
                try? await connection.close()
                let row = rows.first
                return .failure(RunLockHolder(host: row?.text("host"), pid: row?.int("pid"), run: row?.text("run"), since: row?.text("since")))
            }
            try await PostgresSession.run(
                JournalStatement(
                    """
                    INSERT INTO locks (playbook, host, pid, run, since) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (playbook) DO UPDATE SET host = excluded.host, pid = excluded.pid, run = excluded.run, since = excluded.since
                    """,
                    [SQLValue(playbook), SQLValue(ProcessInfo.processInfo.hostName), SQLValue(Int(ProcessInfo.processInfo.processIdentifier)),
                     SQLValue(run), SQLValue(Journal.now())]),
                on: connection)
            return .success(PostgresRunLock(connection: connection))
        } catch {
            try? await connection.close()
            throw PostgresSession.failure(error, doing: doing, url)
        }
    }
}
