import Foundation
import WholesaleAPI

/// The run journal: each run, each API call it made, the background work still pending when it
/// ended, and the playbooks' `wholesale.state`, in a store (a SQLite file or a PostgreSQL
/// database, `JournalLocation`). The statements and what their rows mean are written here
/// once, for both stores. It never holds a token; with `redactPII` it holds emails only as hashes.
package final class Journal: Sendable {
    /// Where the rows live.
    package let store: any JournalStore
    /// Whether emails are stored hashed (`--redact-pii`).
    package let redactPII: Bool
    /// Entered while a warning noted from a task (`noteSoon`) is being written.
    let notesInFlight = DispatchGroup()

    /// Where the journal is, for messages: a file's path, or a URL without its password.
    package var location: String { store.location }

    /// The journal file when none is named: `$XDG_STATE_HOME/wholesale/journal.sqlite`, else
    /// `~/.local/state/wholesale/journal.sqlite`.
    package static func defaultPath(environment: [String: String]) -> String {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return base + "/wholesale/journal.sqlite"
    }

    /// Opens (creating when needed) the journal at `location`; `readOnly` opens an existing
    /// one for reading only (`history`, `show`).
    package init(location: JournalLocation, redactPII: Bool = false, readOnly: Bool = false) throws(JournalError) {
        switch location {
        case .file(let path): store = try SQLiteJournalStore(path: path, readOnly: readOnly)
        case .postgres(let database): store = try PostgresJournalStore(database)
        }
        self.redactPII = redactPII
    }

    /// Opens the SQLite journal at `path` (see `init(location:redactPII:readOnly:)`).
    package convenience init(path: String, redactPII: Bool = false, readOnly: Bool = false) throws(JournalError) {
        try self.init(location: .file(path), redactPII: redactPII, readOnly: readOnly)
    }

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

    /// Runs `statements` in one transaction; returns the rows each gave back.
    @discardableResult
    package func write(_ statements: JournalStatement...) throws(JournalError) -> [[JournalRow]] {
        try store.transaction(statements)
    }

    /// Runs `statements` in one transaction without holding a thread while it waits (for async
    /// callers: the API's tasks).
    @discardableResult
    package func write(_ statements: [JournalStatement]) async throws(JournalError) -> [[JournalRow]] {
        try await store.transaction(statements)
    }

    /// The rows of a query that only reads.
    package func read(_ sql: String, _ values: [SQLValue] = []) throws(JournalError) -> [JournalRow] {
        try store.read(JournalStatement(sql, values))
    }

    /// Takes the lock of `playbook` for `run` (see `JournalStore.lock`).
    package func lock(playbook: String, run: String, wait: Double) throws(JournalError) -> Result<any HeldRunLock, RunLockHolder> {
        try store.lock(playbook: playbook, run: run, wait: wait)
    }
}

/// A journal that cannot be opened, read or written.
package struct JournalError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the file or database.
    package let description: String
    /// What to do about it, when a write failed.
    package let advice: String
    /// Whether the store could not be reached (a database that is down or gone away): trying
    /// later may pass, so the command exits 75.
    package let unreachable: Bool

    package init(_ description: String, advice: String = "", unreachable: Bool = false) {
        self.description = description
        self.advice = advice
        self.unreachable = unreachable
    }
}
