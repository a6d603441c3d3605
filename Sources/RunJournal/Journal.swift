package import Foundation
package import GRDB
package import JSONValues
package import WholesaleAPI

/// The run journal: one SQLite file (WAL, every write its own transaction, so a run killed at
/// any instant leaves a file that opens and reads) holding each run, each API call it made,
/// the background work still pending when it ended, and the playbooks' `wholesale.state`.
/// It never holds a token; with `redactPII` it holds emails only as hashes.
package final class Journal: Sendable {
    /// The SQLite file.
    package let path: String
    package let pool: DatabasePool
    /// Whether emails are stored hashed (`--redact-pii`).
    package let redactPII: Bool
    /// The folder of the private copy read instead of a journal that cannot be opened in place.
    private let copy: String?

    /// The journal file when none is named: `$XDG_STATE_HOME/wholesale/journal.sqlite`, else
    /// `~/.local/state/wholesale/journal.sqlite`.
    package static func defaultPath(environment: [String: String]) -> String {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return base + "/wholesale/journal.sqlite"
    }

    /// Opens (creating when needed) the journal at `path`; `readOnly` opens an existing one for
    /// reading only (`history`, `show`), which works on a file the reader may not write.
    package init(path: String, redactPII: Bool = false, readOnly: Bool = false) throws(JournalError) {
        self.path = path
        self.redactPII = redactPII
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            if readOnly {
                configuration.readonly = true
                if let current = try? Self.readablePool(path, configuration),
                   (try? current.read { db in try Self.migrator.hasCompletedMigrations(db) }) == true {
                    pool = current
                    copy = nil
                    return
                }
                // A backup, another user's file or read-only media (SQLite cannot make the
                // shared-memory file WAL reading needs there), or a journal of an older shape
                // that cannot be migrated in place: read a private, migrated copy instead.
                let folder = try Self.copyForReading(path)
                copy = folder
                var writable = Configuration()
                writable.busyMode = .timeout(10)
                let migrated = try DatabasePool(path: folder + "/journal.sqlite", configuration: writable)
                try Self.migrate(migrated)
                pool = migrated
                return
            }
            copy = nil
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // In WAL mode NORMAL keeps every commit through a killed process (only a power loss
            // may drop the last ones, never consistency) without an fsync per API call.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrate(pool)
        } catch {
            throw JournalError("cannot open the journal \(path): \(error) (pass --journal FILE to use another)")
        }
    }

    deinit {
        if let copy { try? FileManager.default.removeItem(atPath: copy) }
    }

    /// A read-only pool that has read the schema once (so a file it cannot read fails here).
    private static func readablePool(_ path: String, _ configuration: Configuration) throws -> DatabasePool {
        let pool = try DatabasePool(path: path, configuration: configuration)
        _ = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        return pool
    }

    /// Copies the journal and its write-ahead log into a new temporary folder; returns the folder.
    private static func copyForReading(_ path: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wholesale-journal-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        do {
            try FileManager.default.copyItem(atPath: path, toPath: folder + "/journal.sqlite")
            if FileManager.default.fileExists(atPath: path + "-wal") {
                try FileManager.default.copyItem(atPath: path + "-wal", toPath: folder + "/journal.sqlite-wal")
            }
            // The copy is this reader's own (the original may be read-only); only it reads the copy.
            for file in ["journal.sqlite", "journal.sqlite-wal"] where FileManager.default.fileExists(atPath: folder + "/" + file) {
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder + "/" + file)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
        return folder
    }

    /// The journal's shapes, oldest first. Each migration runs once per file, in a transaction
    /// (a second process opening a new journal waits for the first, then finds it done); the
    /// first is the shape of the first release, written idempotently so it also adopts
    /// journals written before the migrator existed. Add a migration; never edit one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1: runs, calls, pending, notes, playbook_state") { db in try db.execute(sql: schema) }
        migrator.registerMigration("2: the version of the binary that wrote each run") { db in
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN version TEXT")
        }
        return migrator
    }

    /// Brings `pool` to the latest shape. Two processes that open a journal of an older shape
    /// at once can both try a migration; the one that loses finds it done on its next try.
    private static func migrate(_ pool: DatabasePool) throws {
        var attempt = 0
        while true {
            do { return try migrator.migrate(pool) } catch {
                attempt += 1
                guard attempt < 5 else { throw error }
                usleep(UInt32(50_000 * attempt))
            }
        }
    }

    /// The tables of migration 1, created when missing.
    private static let schema = """
        CREATE TABLE IF NOT EXISTS playbook_state (
          playbook TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, updated TEXT NOT NULL,
          PRIMARY KEY (playbook, key));
        CREATE TABLE IF NOT EXISTS runs (
          id TEXT PRIMARY KEY, playbook TEXT NOT NULL, sha256 TEXT NOT NULL, args TEXT NOT NULL,
          target TEXT NOT NULL, dry_run INTEGER NOT NULL, pid INTEGER NOT NULL, started TEXT NOT NULL,
          ended TEXT, exit_code INTEGER, state TEXT NOT NULL, message TEXT);
        CREATE INDEX IF NOT EXISTS runs_by_playbook ON runs (playbook, started);
        CREATE TABLE IF NOT EXISTS calls (
          id INTEGER PRIMARY KEY AUTOINCREMENT, run TEXT NOT NULL REFERENCES runs (id),
          operation TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL, resource_id TEXT,
          external_id TEXT, email TEXT, on_behalf_of TEXT, status INTEGER, codes TEXT, tracking_id TEXT,
          attempts INTEGER, duration_ms REAL, outcome TEXT NOT NULL, message TEXT,
          started TEXT NOT NULL, ended TEXT);
        CREATE INDEX IF NOT EXISTS calls_by_run ON calls (run);
        CREATE INDEX IF NOT EXISTS calls_by_external_id ON calls (external_id);
        CREATE TABLE IF NOT EXISTS pending (
          run TEXT NOT NULL REFERENCES runs (id), operation TEXT NOT NULL, resource_id TEXT NOT NULL,
          status TEXT, noted TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS notes (
          run TEXT NOT NULL REFERENCES runs (id), level TEXT NOT NULL, message TEXT NOT NULL, noted TEXT NOT NULL);
        """

    /// An ISO 8601 timestamp of now, to the millisecond.
    package static func now() -> String {
        Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// An email as stored: itself, or `sha256:` and the first 16 hex digits of its hash under `--redact-pii`.
    package func stored(email: String?) -> String? {
        guard let email, redactPII else { return email }
        return "sha256:" + Hashing.sha256Hex(Array(email.lowercased().utf8)).prefix(16)
    }

    /// `text` as the journal keeps it: without any secret of the run (`Secrets`), and with every
    /// email in it hashed under `--redact-pii` (as `stored(email:)` does). Every free text the
    /// journal writes (messages, notes, tracking ids, arguments) passes here.
    func redacting(_ text: String) -> String {
        let text = Secrets.redact(text)
        guard redactPII else { return text }
        var result = text
        for word in text.split(whereSeparator: { " (),'\"\n".contains($0) }) where word.contains("@") {
            result = result.replacingOccurrences(of: String(word), with: stored(email: String(word)) ?? "")
        }
        return result
    }

    /// Runs `body` in a write transaction; a failure becomes a `JournalError` naming the file.
    package func write<T>(_ body: (Database) throws -> T) throws(JournalError) -> T {
        do { return try pool.write(body) } catch {
            throw JournalError.writing(path, error)
        }
    }

    /// Runs `body` in a write transaction without holding a thread while it waits for the
    /// writer (for async callers: the API's tasks).
    package func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(JournalError) -> T {
        do { return try await pool.write(body) } catch {
            throw JournalError.writing(path, error)
        }
    }

    /// Reads in a snapshot.
    package func read<T>(_ body: (Database) throws -> T) throws(JournalError) -> T {
        do { return try pool.read(body) } catch {
            throw JournalError("cannot read the journal \(path): \(error)")
        }
    }
}

/// A journal that cannot be opened, read or written.
package struct JournalError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the file.
    package let description: String
    /// What to do about it, when a write failed.
    package let advice: String

    package init(_ description: String, advice: String = "") {
        self.description = description
        self.advice = advice
    }

    /// A write of `path` that failed with `error`, with advice that fits its cause.
    package static func writing(_ path: String, _ error: any Error) -> JournalError {
        let advice: String
        switch (error as? DatabaseError)?.resultCode {
        case .SQLITE_FULL?: advice = "the disk that holds the journal is full: free space there and run again"
        case .SQLITE_BUSY?, .SQLITE_LOCKED?: advice = "another process holds the journal: let it finish (or stop it) and run again"
        case .SQLITE_READONLY?: advice = "the journal cannot be written here: pass --journal FILE in a folder this user may write"
        default: advice = "check the disk and the file's permissions, then run again"
        }
        return JournalError("cannot write the journal \(path): \(error)", advice: advice)
    }
}
