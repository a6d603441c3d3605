package import Foundation
package import Logging
package import LuaRuntime
package import CSVFiles
package import PlaybookAPI
package import RunJournal

/// What the `wholesale` module's functions share during one run (used on the VM's thread only).
package final class PlaybookContext {
    package let settings: ModuleSettings
    package let files: FileAccess
    package let logger: Logger
    package let runID: String
    package let started: Date
    /// The API of the run's target (`nil` when nothing runs: `wholesale check`).
    package let session: APISession?
    /// `wholesale.state`, in the journal (`nil` when nothing runs: `wholesale check`).
    let stateStore: PlaybookStateStore?
    /// `wholesale.strict_fields`: whether an unknown body field is an error (kept here as well
    /// as in the session's client, so `wholesale check` answers it too).
    var strictFields: Bool
    var csvReaders: [Int64: OpenCSV] = [:]
    var nextCSVHandle: Int64 = 1
    /// Lists being iterated, by the handle their iterator holds.
    var lists: [Int64: any PageSource] = [:]
    private var nextListHandle: Int64 = 1

    /// A CSV file being read by `wholesale.csv.read`.
    struct OpenCSV {
        var reader: CSVReader
        let header: [String]
        let shownName: String
    }

    /// The context of one run of the playbook `settings` name, talking to `session` and keeping
    /// `wholesale.state` in `journal` (none when nothing runs: `wholesale check`).
    package init(settings: ModuleSettings, logger: Logger, runID: String, started: Date, session: APISession?, journal: Journal?) {
        self.settings = settings
        let directory = (settings.playbookPath as NSString).deletingLastPathComponent
        self.files = FileAccess(
            playbookDirectory: directory.isEmpty ? "." : directory,
            allowedDirectories: settings.allowedDirectories, overlay: settings.overlay)
        self.logger = logger
        self.runID = runID
        self.started = started
        self.session = session
        self.strictFields = settings.strictFields
        if let session {
            // The client weighs and logs body warnings; the run's journal keeps them too.
            session.client.warnings.strictFields = settings.strictFields
            if let journal { session.client.warnings.journal { [runID] in journal.noteSoon(run: runID, warning: $0) } }
        }
        self.stateStore = journal.map {
            PlaybookStateStore(journal: $0, playbook: Self.absolutePath(settings.playbookPath), dryRun: settings.dryRun)
        }
    }

    /// The playbook's absolute path with links resolved: its identity in the journal and for the lock.
    package static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// `wholesale.state`, or an error when there is no journal.
    package var state: PlaybookStateStore {
        get throws(HostError) {
            guard let stateStore else { throw HostError(kind: .host, message: "wholesale.state: no journal in this mode (the playbook is only checked)") }
            return stateStore
        }
    }

    /// The run's API session, for the function `name`; an error when nothing runs.
    package func api(_ name: String) throws(HostError) -> APISession {
        guard let session else { throw HostError(kind: .host, message: "wholesale.\(name): no API in this mode (the playbook is only checked)") }
        return session
    }

    /// Where a function writes the file the playbook names `shown`: beside it as `shown.dry-run`
    /// in a dry run, which the plan then names.
    func writablePath(_ shown: String, for function: String) throws(HostError) -> String {
        let path = try files.writing(shown, for: function, dryRun: settings.dryRun)
        if settings.dryRun { session?.plan?.noteFile(shown, writtenTo: shown + FileAccess.dryRunSuffix) }
        return path
    }

    /// Keeps a list being iterated; returns its handle.
    func openList(_ source: any PageSource) -> Int64 {
        let handle = nextListHandle
        nextListHandle += 1
        lists[handle] = source
        return handle
    }
}
