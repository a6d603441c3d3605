import Foundation
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
        let rows = try journal.read("SELECT value FROM playbook_state WHERE playbook = ? AND key = ?", [SQLValue(playbook), SQLValue(key)])
        guard let text = rows.first?.text("value") else { return nil }
        do { return try JSONValue(json: Array(text.utf8)) } catch {
            throw JournalError("the value of '\(key)' in \(journal.location) is not JSON (\(error))")
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
        if let text {
            try journal.write(JournalStatement(
                """
                INSERT INTO playbook_state (playbook, key, value, updated) VALUES (?, ?, ?, ?)
                ON CONFLICT (playbook, key) DO UPDATE SET value = excluded.value, updated = excluded.updated
                """,
                [SQLValue(playbook), SQLValue(key), SQLValue(text), SQLValue(Journal.now())]))
        } else {
            try journal.write(JournalStatement("DELETE FROM playbook_state WHERE playbook = ? AND key = ?", [SQLValue(playbook), SQLValue(key)]))
        }
    }
}
