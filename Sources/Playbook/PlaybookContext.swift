import Foundation
import Logging
import LuaRuntime

/// What the `wholesale` module's functions share during one run (used on the VM's thread only).
final class PlaybookContext {
    let configuration: PlaybookConfiguration
    let files: FileAccess
    let logger: Logger
    let runID: String
    let started: Date
    /// The API of the run's target.
    let session: APISession
    /// `wholesale.state`, in the journal (`nil` when nothing runs: `wholesale check`).
    let stateStore: PlaybookStateStore?
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

    init(configuration: PlaybookConfiguration, logger: Logger, runID: String, started: Date, session: APISession, journal: Journal?) {
        self.configuration = configuration
        let directory = (configuration.playbookPath as NSString).deletingLastPathComponent
        self.files = FileAccess(
            playbookDirectory: directory.isEmpty ? "." : directory,
            allowedDirectories: configuration.allowedDirectories)
        self.logger = logger
        self.runID = runID
        self.started = started
        self.session = session
        self.stateStore = journal.map {
            PlaybookStateStore(journal: $0, playbook: Self.absolutePath(configuration.playbookPath), dryRun: configuration.dryRun)
        }
    }

    /// The playbook's absolute path with links resolved: its identity in the journal and for the lock.
    static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// `wholesale.state`, or an error when there is no journal.
    var state: PlaybookStateStore {
        get throws(HostError) {
            guard let stateStore else { throw HostError(kind: "io", message: "wholesale.state: no journal in this mode") }
            return stateStore
        }
    }

    /// Keeps a list being iterated; returns its handle.
    func openList(_ source: any PageSource) -> Int64 {
        let handle = nextListHandle
        nextListHandle += 1
        lists[handle] = source
        return handle
    }
}
