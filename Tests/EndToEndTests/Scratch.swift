import Foundation

/// A fresh folder for one test's simulator state, journal, reports and cue file.
struct Scratch {
    let path: String
    var state: String { path + "/sim.sqlite" }
    var journal: String { path + "/journal.sqlite" }
    var report: String { path + "/report.csv" }
    var ready: String { path + "/ready.json" }

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("scratch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

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
