/// Where a journal's rows live: a SQLite file (`SQLiteJournalStore`) or a PostgreSQL database
/// (`PostgresJournalStore`). A store runs the journal's statements and holds the playbooks'
/// locks; what the statements are, and what their rows mean, is `Journal`'s alone, so both
/// stores keep the same journal.
package protocol JournalStore: AnyObject, Sendable {
    /// Where the journal is, for messages: a file's path, or the database's URL without its password.
    var location: String { get }
    /// How this store spells what the two SQL dialects spell differently.
    var dialect: JournalDialect { get }

    /// Runs `statements` in one transaction; returns the rows each gave back.
    @discardableResult
    func transaction(_ statements: [JournalStatement]) throws(JournalError) -> [[JournalRow]]
    /// Runs `statements` in one transaction without holding a thread while it waits (for the
    /// API's tasks); returns the rows each gave back.
    @discardableResult
    func transaction(_ statements: [JournalStatement]) async throws(JournalError) -> [[JournalRow]]
    /// Runs a query that only reads.
    func read(_ statement: JournalStatement) throws(JournalError) -> [JournalRow]

    /// Takes the lock of `playbook` for `run`, waiting up to `wait` seconds; on refusal, who
    /// holds it. The lock is released when the returned value is released or the process dies.
    func lock(playbook: String, run: String, wait: Double) throws(JournalError) -> Result<any HeldRunLock, RunLockHolder>
}

/// A run's lock on its playbook, held until this value is released (or the process ends).
package protocol HeldRunLock: AnyObject, Sendable {}

/// Who holds a playbook's lock: what a refused run reports.
package struct RunLockHolder: Error, Sendable, CustomStringConvertible {
    /// The holder's host name, process id, run id and when it took the lock, when known.
    package let host: String?
    package let pid: Int?
    package let run: String?
    package let since: String?

    /// The holder as read from the lock's record.
    package init(host: String?, pid: Int?, run: String?, since: String?) {
        (self.host, self.pid, self.run, self.since) = (host, pid, run, since)
    }

    package var description: String {
        "host \(host ?? "?"), pid \(pid.map(String.init) ?? "?"), run \(run ?? "?"), since \(since ?? "?")"
    }
}

/// What the two stores' SQL spells differently.
package enum JournalDialect: Sendable {
    case sqlite
    case postgres

    /// The column that orders rows as they were inserted, in tables without an id of their
    /// own (`runs`, `notes`): SQLite's `rowid`, the `seq` column PostgreSQL's tables have.
    package var insertionOrder: String {
        switch self {
        case .sqlite: return "rowid"
        case .postgres: return "seq"
        }
    }
}
