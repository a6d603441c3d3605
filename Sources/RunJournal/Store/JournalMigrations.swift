/// The journal's shapes, oldest first, the same for both stores: each store records which it
/// has applied (SQLite in GRDB's `grdb_migrations`, PostgreSQL in `journal_migrations`) and
/// applies the rest once, in a transaction. Add a migration; never edit one.
package struct JournalMigration: Sendable {
    /// The name a store records once the migration is applied.
    package let identifier: String
    /// The statements, in the store's dialect.
    package let statements: @Sendable (JournalDialect) -> [String]

    /// All migrations, oldest first.
    package static let all: [JournalMigration] = [
        // The shape of the first release, written idempotently so it also adopts SQLite journals
        // written before the migrator existed. PostgreSQL's tables without an id get `seq`, the
        // order rows were inserted in (SQLite has `rowid`).
        JournalMigration(identifier: "1: runs, calls, pending, notes, playbook_state") { dialect in
            let (id, real, seq): (String, String, String) = switch dialect {
            case .sqlite: ("id INTEGER PRIMARY KEY AUTOINCREMENT", "REAL", "")
            case .postgres: ("id BIGSERIAL PRIMARY KEY", "DOUBLE PRECISION", ", seq BIGSERIAL")
            }
            return [
                """
                CREATE TABLE IF NOT EXISTS playbook_state (
                  playbook TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, updated TEXT NOT NULL,
                  PRIMARY KEY (playbook, key))
                """,
                """
                CREATE TABLE IF NOT EXISTS runs (
                  id TEXT PRIMARY KEY, playbook TEXT NOT NULL, sha256 TEXT NOT NULL, args TEXT NOT NULL,
                  target TEXT NOT NULL, dry_run INTEGER NOT NULL, pid INTEGER NOT NULL, started TEXT NOT NULL,
                  ended TEXT, exit_code INTEGER, state TEXT NOT NULL, message TEXT\(seq))
                """,
                "CREATE INDEX IF NOT EXISTS runs_by_playbook ON runs (playbook, started)",
                """
                CREATE TABLE IF NOT EXISTS calls (
                  \(id), run TEXT NOT NULL REFERENCES runs (id),
                  operation TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL, resource_id TEXT,
                  external_id TEXT, email TEXT, on_behalf_of TEXT, status INTEGER, codes TEXT, tracking_id TEXT,
                  attempts INTEGER, duration_ms \(real), outcome TEXT NOT NULL, message TEXT,
                  started TEXT NOT NULL, ended TEXT)
                """,
                "CREATE INDEX IF NOT EXISTS calls_by_run ON calls (run)",
                "CREATE INDEX IF NOT EXISTS calls_by_external_id ON calls (external_id)",
                """
                CREATE TABLE IF NOT EXISTS pending (
                  run TEXT NOT NULL REFERENCES runs (id), operation TEXT NOT NULL, resource_id TEXT NOT NULL,
                  status TEXT, noted TEXT NOT NULL\(seq))
                """,
                """
                CREATE TABLE IF NOT EXISTS notes (
                  run TEXT NOT NULL REFERENCES runs (id), level TEXT NOT NULL, message TEXT NOT NULL, noted TEXT NOT NULL\(seq))
                """,
            ]
        },
        JournalMigration(identifier: "2: the version of the binary that wrote each run") { _ in
            ["ALTER TABLE runs ADD COLUMN version TEXT"]
        },
        // Who holds each playbook's lock, read when a run is refused. PostgreSQL's advisory lock
        // does not say; SQLite's lock file does, so there the table stays empty.
        JournalMigration(identifier: "3: who holds each playbook's lock") { _ in
            ["CREATE TABLE IF NOT EXISTS locks (playbook TEXT PRIMARY KEY, host TEXT NOT NULL, pid INTEGER NOT NULL, run TEXT NOT NULL, since TEXT NOT NULL)"]
        },
    ]
}
