import Foundation
import GRDB
import JSONValues
import LuaRuntime

/// `wholesale.state`: small JSON values a playbook keeps across its runs (a cursor for a nightly
/// sync), in the journal's SQLite file, keyed by the playbook's absolute path. Each `set` is
/// one transaction, so a run killed at any moment leaves the last value set. The file is opened
/// on first use. In a dry run, values set are seen by the run but not saved.
final class PlaybookStateStore {
    /// The SQLite file.
    let path: String
    private let playbook: String
    private let dryRun: Bool
    private var database: DatabasePool?
    private var unsaved: [String: JSONValue?] = [:]

    /// The largest value kept, as JSON text.
    static let largestValue = 1 << 20

    init(path: String, playbook: String, dryRun: Bool) {
        self.path = path
        self.playbook = playbook
        self.dryRun = dryRun
    }

    /// The journal file when none is named: `$XDG_STATE_HOME/wholesale/journal.sqlite`, else
    /// `~/.local/state/wholesale/journal.sqlite`.
    static func defaultPath(environment: [String: String]) -> String {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return base + "/wholesale/journal.sqlite"
    }

    /// The value kept under `key`, or `nil`.
    func get(_ key: String) throws(HostError) -> JSONValue? {
        if let pending = unsaved[key] { return pending }
        let playbook = playbook
        let text: String?
        do {
            text = try open().read { db in
                try String.fetchOne(db, sql: "SELECT value FROM playbook_state WHERE playbook = ? AND key = ?", arguments: [playbook, key])
            }
        } catch {
            throw failure(error)
        }
        guard let text else { return nil }
        do { return try JSONValue(json: Array(text.utf8)) } catch {
            throw HostError(kind: "io", message: "wholesale.state.get: the value of '\(key)' in \(path) is not JSON (\(error))")
        }
    }

    /// Keeps `value` under `key`; `nil` removes it.
    func set(_ key: String, _ value: JSONValue?) throws(HostError) {
        let text = value.map { $0.jsonText() }
        if let text, text.utf8.count > Self.largestValue {
            throw HostError.usage("wholesale.state.set: the value of '\(key)' is \(text.utf8.count) bytes as JSON; state keeps values up to 1 MB (keep big data in a file)")
        }
        if dryRun {
            unsaved[key] = .some(value)
            return
        }
        let playbook = playbook
        do {
            try open().write { db in
                if let text {
                    try db.execute(
                        sql: """
                            INSERT INTO playbook_state (playbook, key, value, updated) VALUES (?, ?, ?, ?)
                            ON CONFLICT (playbook, key) DO UPDATE SET value = excluded.value, updated = excluded.updated
                            """,
                        arguments: [playbook, key, text, Date().formatted(.iso8601)])
                } else {
                    try db.execute(sql: "DELETE FROM playbook_state WHERE playbook = ? AND key = ?", arguments: [playbook, key])
                }
            }
        } catch {
            throw failure(error)
        }
    }

    private func open() throws -> DatabasePool {
        if let database { return database }
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: path)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("playbook_state") { db in
            try db.execute(sql: """
                CREATE TABLE playbook_state (
                  playbook TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, updated TEXT NOT NULL,
                  PRIMARY KEY (playbook, key))
                """)
        }
        try migrator.migrate(pool)
        database = pool
        return pool
    }

    private func failure(_ error: any Error) -> HostError {
        HostError(kind: "io", message: "wholesale.state: cannot use the journal \(path): \(error) (pass --journal FILE to use another)")
    }
}
