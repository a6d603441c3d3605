import Foundation

/// A fresh folder for one test's simulator state, journal, reports and cue file.
struct Scratch {
    let path: String
    /// The journal: a SQLite file here, or a new PostgreSQL database (its URL, with the password).
    let journal: String
    var state: String { path + "/sim.sqlite" }
    var report: String { path + "/report.csv" }
    var ready: String { path + "/ready.json" }

    /// A new folder, with its journal in `store`.
    init(_ store: JournalKind = .sqlite) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("scratch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        journal = store == .sqlite ? path + "/journal.sqlite" : try TestPostgres.database()
    }

    /// A SQLite journal of its own for a helper run (counting what the simulator holds).
    var helperJournal: String { path + "/helper.sqlite" }

    /// The options that point a run at this folder's simulator and journal (fast clock).
    func simulator(journal: String? = nil) -> [String] {
        ["--sim-speed", "200", "--sim-state", state, "--journal", journal ?? self.journal, "--allow-dir", path]
    }

    /// The options that make a fixture write `ready` (at customer `at` for onboard.lua).
    func cue(at index: Int? = nil) -> [String] {
        ["--allow-dir", path, "--var", "ready=\(ready)"] + (index.map { ["--var", "ready_at=\($0)"] } ?? [])
    }

    /// Waits until the fixture wrote its cue, or the run ended.
    func waitForCue(_ running: BinaryRunner.Running) async throws {
        while !FileManager.default.fileExists(atPath: ready), running.process.isRunning {
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
