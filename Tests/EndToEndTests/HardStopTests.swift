import Foundation
import Testing

/// Lua code stuck in C (a pathological `string.find`) never reaches the hook that stops it: a
/// few seconds after the time limit or a signal, the host journals the end and exits with the
/// documented code.
@Suite struct HardStopTests {
    static let folder = BinaryRunner.fixtures + "/limits"
    static let note = "wholesale: the host ended the run: its Lua code could not be interrupted for 5 s "
        + "(C code such as string.find with a pathological pattern runs until it returns)"

    /// The last run in the journal, as `wholesale history --json` shows it.
    static func lastRun(_ scratch: Scratch) async throws -> [String: Any] {
        let history = try await BinaryRunner.run(["history", "--journal", scratch.journal, "--json"])
        #expect(history.exitCode == 0, "\(history.stderr)")
        let runs = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]] ?? []
        return try #require(runs.first)
    }

    @Test func aTimeLimitTheLuaCodeCannotReachEndsTheRunWithExit4() async throws {
        let scratch = try Scratch()
        let result = try await BinaryRunner.run(["run", "pattern.lua", "--timeout", "3", "--journal", scratch.journal], in: Self.folder, limit: 60)
        #expect(!result.killed, "the run outlived its time limit by the test's deadline")
        #expect(result.exitCode == 4, "\(result.stderr)")
        let report = "wholesale: limit: time limit of 3 s exceeded: the playbook ran longer than --timeout allows "
            + "(raise it, or pass --timeout 0 for no limit)\n" + Self.note
        #expect(result.report == report + "\n")
        let run = try await Self.lastRun(scratch)
        #expect(run["state"] as? String == "finished")
        #expect(run["exitCode"] as? Int == 4)
        #expect(run["message"] as? String == report)
        let shown = try await BinaryRunner.run(["show", try #require(run["id"] as? String), "--journal", scratch.journal])
        #expect(shown.stdout.contains(", exit 4\n"), "\(shown.stdout)")
    }

    @Test(arguments: [(SIGTERM, 143, "SIGTERM"), (SIGINT, 130, "SIGINT")])
    func aSignalTheLuaCodeCannotReachEndsTheRunWithItsExitCode(_ signal: Int32, _ code: Int32, _ name: String) async throws {
        let scratch = try Scratch()
        let running = try BinaryRunner.start(
            ["run", "pattern.lua", "--quiet", "--journal", scratch.journal] + scratch.cue(), in: Self.folder, limit: 60)
        // The cue comes just before the match; on a loaded machine the signal could otherwise
        // arrive while the Lua code is still between the two, where the hook stops it.
        running.onCue(scratch.ready) {
            usleep(500_000)
            running.signal(signal)
        }
        let result = await running.finish()
        #expect(!result.killed, "the run outlived the signal by the test's deadline")
        #expect(result.exitCode == code, "\(result.stderr)")
        let report = "wholesale: stopped by \(name); calls in flight had up to 15 s to finish "
            + "(run it again to go on: creates whose answer was lost are looked up first, so nothing is done twice)\n" + Self.note
        #expect(result.report == report + "\n", "under --quiet the held-back log comes first, then the report")
        #expect(result.stderr.contains("stopping on \(name): no new requests"))
        let run = try await Self.lastRun(scratch)
        #expect(run["state"] as? String == "finished")
        #expect(run["exitCode"] as? Int == Int(code))
        #expect(run["message"] as? String == report)
    }
}
