import Foundation
import GRDB

/// The journal in one SQLite file (WAL, every write its own transaction, so a run killed at any
/// instant leaves a file that opens and reads). Locks are `flock`s on files beside it.
package final class SQLiteJournalStore: JournalStore {
    /// The SQLite file.
    package let path: String
    package var location: String { path }
    package var dialect: JournalDialect { .sqlite }
    private let pool: DatabasePool
    /// The folder of the private copy read instead of a journal that cannot be opened in place.
    private let copy: String?

    /// Opens (creating when needed) the journal at `path`; `readOnly` opens an existing one for
    /// reading only (`history`, `show`), which works on a file the reader may not write.
    package init(path: String, readOnly: Bool) throws(JournalError) {
        self.path = path
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

    /// The journal's migrations (`JournalMigration.all`) as GRDB runs them: each once per file,
    /// in a transaction (a second process opening a new journal waits for the first, then
    /// finds it done).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in JournalMigration.all {
            migrator.registerMigration(migration.identifier) { db in
                for statement in migration.statements(.sqlite) { try db.execute(sql: statement) }
            }
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

    @discardableResult
    package func transaction(_ statements: [JournalStatement]) throws(JournalError) -> [[JournalRow]] {
        do { return try pool.write { db in try Self.run(statements, in: db) } } catch {
            throw Self.writing(path, error)
        }
    }

    @discardableResult
    package func transaction(_ statements: [JournalStatement]) async throws(JournalError) -> [[JournalRow]] {
        do { return try await pool.write { db in try Self.run(statements, in: db) } } catch {
            throw Self.writing(path, error)
        }
    }

    package func read(_ statement: JournalStatement) throws(JournalError) -> [JournalRow] {
        do { return try pool.read { db in try Self.rows(statement, in: db) } } catch {
            throw JournalError("cannot read the journal \(path): \(error)")
        }
    }

    package func lock(playbook: String, run: String, wait: Double) throws(JournalError) -> Result<any HeldRunLock, RunLockHolder> {
        try FileRunLock.acquire(path: FileRunLock.path(journal: path, playbook: playbook), run: run, playbook: playbook, wait: wait)
            .map { $0 as any HeldRunLock }
    }

    private static func run(_ statements: [JournalStatement], in db: Database) throws -> [[JournalRow]] {
        try statements.map { statement in
            guard statement.returnsRows else {
                try db.execute(sql: statement.sql, arguments: arguments(statement))
                return []
            }
            return try rows(statement, in: db)
        }
    }

    private static func rows(_ statement: JournalStatement, in db: Database) throws -> [JournalRow] {
        try Row.fetchAll(db, sql: statement.sql, arguments: arguments(statement)).map { row in
            var values: [String: SQLValue] = [:]
            for (column, value) in row {
                switch value.storage {
                case .null: values[column] = .text(nil)
                case .int64(let integer): values[column] = .integer(integer)
                case .double(let real): values[column] = .real(real)
                case .string(let text): values[column] = .text(text)
                case .blob(let data): values[column] = .text(String(decoding: data, as: UTF8.self))
                }
            }
            return JournalRow(values)
        }
    }

    private static func arguments(_ statement: JournalStatement) -> StatementArguments {
        StatementArguments(statement.values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .text(let text): return text
            case .integer(let integer): return integer
            case .real(let real): return real
            }
        })
    }

    /// A write of `path` that failed with `error`, with advice that fits its cause.
    static func writing(_ path: String, _ error: any Error) -> JournalError {
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
