import Foundation

/// Where a journal is kept, as `--journal` or `WHOLESALE_JOURNAL` names it: a SQLite file, or
/// a PostgreSQL database (`postgres://USER@HOST:PORT/DB`), which runs on several hosts share.
package enum JournalLocation: Sendable {
    /// A SQLite file, by its absolute path.
    case file(String)
    /// A PostgreSQL database.
    case postgres(PostgresJournalURL)

    /// The location `text` names: a `postgres://` or `postgresql://` URL, else a file (relative
    /// paths are taken from `folder`). The password comes from the URL, else `PGPASSWORD`,
    /// else the password file (`PGPASSFILE`, else `~/.pgpass`).
    package init(_ text: String, environment: [String: String], folder: String) throws(JournalError) {
        if PostgresJournalURL.isURL(text) {
            self = .postgres(try PostgresJournalURL(text, environment: environment))
        } else {
            self = .file(text.hasPrefix("/") ? text : (folder as NSString).appendingPathComponent(text))
        }
    }

    /// The journal a command uses: `option` (`--journal`), else `WHOLESALE_JOURNAL`, else the
    /// default file (`Journal.defaultPath`); relative file names are taken from the current folder.
    package static func chosen(_ option: String?, environment: [String: String]) throws(JournalError) -> JournalLocation {
        let text = option ?? environment["WHOLESALE_JOURNAL"].flatMap { $0.isEmpty ? nil : $0 } ?? Journal.defaultPath(environment: environment)
        return try JournalLocation(text, environment: environment, folder: FileManager.default.currentDirectoryPath)
    }

    /// Whether the journal was named (`--journal` or `WHOLESALE_JOURNAL`) rather than the default file.
    package static func named(_ option: String?, environment: [String: String]) -> Bool {
        option != nil || !(environment["WHOLESALE_JOURNAL"] ?? "").isEmpty
    }

    /// Where it is, for messages (a URL without its password).
    package var description: String {
        switch self {
        case .file(let path): return path
        case .postgres(let url): return url.description
        }
    }
}
