package import Foundation
package import GRDB
package import JSONValues

/// `wholesale.state`: small JSON values a playbook keeps across its runs (a cursor for a nightly
/// sync), in the journal, keyed by the playbook's absolute path. Each `set` is one transaction,
/// so a run killed at any moment leaves the last value set. In a dry run, values set are seen
/// by the run but not saved.
package final class PlaybookStateStore {
    private let journal: Journal
    private let playbook: String
    private let dryRun: Bool
    private var unsaved: [String: JSONValue?] = [:]

    /// The largest value kept, as JSON text.
    package static let largestValue = 1 << 20

    package init(journal: Journal, playbook: String, dryRun: Bool) {
        self.journal = journal
        self.playbook = playbook
        self.dryRun = dryRun
    }

    /// The value kept under `key`, or `nil`.
    package func get(_ key: String) throws(JournalError) -> JSONValue? {
        if let pending = unsaved[key] { return pending }
        let playbook = playbook
        let text = try journal.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM playbook_state WHERE playbook = ? AND key = ?", arguments: [playbook, key])
        }
        guard let text else { return nil }
        do { return try JSONValue(json: Array(text.utf8)) } catch {
            throw JournalError("the value of '\(key)' in \(journal.path) is not JSON (\(error))")
        }
    }

    /// Keeps `value` (as JSON `text`) under `key`; `nil` removes it. The caller keeps values
    /// within `largestValue`.
    package func set(_ key: String, _ value: JSONValue?, text: String?) throws(JournalError) {
        if dryRun {
            unsaved[key] = .some(value)
            return
        }
        let playbook = playbook
        try journal.write { db in
            if let text {
                try db.execute(
                    sql: """
                        INSERT INTO playbook_state (playbook, key, value, updated) VALUES (?, ?, ?, ?)
                        ON CONFLICT (playbook, key) DO UPDATE SET value = excluded.value, updated = excluded.updated
                        """,
                    arguments: [playbook, key, text, Journal.now()])
            } else {
                try db.execute(sql: "DELETE FROM playbook_state WHERE playbook = ? AND key = ?", arguments: [playbook, key])
            }
        }
    }
}
