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
    var csvReaders: [Int64: OpenCSV] = [:]
    var nextCSVHandle: Int64 = 1

    /// A CSV file being read by `wholesale.csv.read`.
    struct OpenCSV {
        var reader: CSVReader
        let header: [String]
        let shownName: String
    }

    init(configuration: PlaybookConfiguration, logger: Logger, runID: String, started: Date) {
        self.configuration = configuration
        let directory = (configuration.playbookPath as NSString).deletingLastPathComponent
        self.files = FileAccess(
            playbookDirectory: directory.isEmpty ? "." : directory,
            allowedDirectories: configuration.allowedDirectories)
        self.logger = logger
        self.runID = runID
        self.started = started
    }
}
