import Foundation
import Testing

/// `--quiet` holds back a bounded tail of the output: a run that prints a gigabyte keeps the
/// last 4 MB in memory, and a failure shows them after saying how much came before.
@Suite struct QuietTailTests {
    @Test func aQuietRunPrintingAGigabyteHoldsOnlyItsTail() async throws {
        let folder = try BinaryRunner.playbook("""
            local s = string.rep("x", 1 << 20)
            for i = 1, 1024 do print(s) end
            print("last line")
            wholesale.fail("printed 1 GB")
            """)
        let (result, peakMB) = try await PeakMemory.run(["run", "playbook.lua", "--quiet", "--journal", folder + "/j.sqlite"], in: folder, limit: 120)
        #expect(result.exitCode == 1, "\(result.stderr.prefix(2000))")
        let line = String(repeating: "x", count: 1 << 20) + "\n"
        #expect(result.stdout == String(repeating: line, count: 3) + "last line\n", "stdout holds \(result.stdout.utf8.count) bytes")
        let report = result.report.split(separator: "\n").map(String.init)
        #expect(report.count == 2, "\(result.stderr.prefix(2000))")
        let dropped = try #require(report.first)
        #expect(dropped.hasPrefix("wholesale: … ") && dropped.hasSuffix(" bytes of earlier output dropped (--quiet keeps the last 4 MB)"), "\(dropped)")
        let count = Int(dropped.dropFirst("wholesale: … ".count).prefix { $0.isNumber }) ?? 0
        #expect(count > 1021 * (1 << 20) && count < 1022 * (1 << 20), "the run-started log line and 1021 prints: \(count)")
        #expect(report.last == "wholesale: playbook failed: playbook.lua:4: printed 1 GB")
        #expect(peakMB < 256, "peak resident \(peakMB) MB")
    }

    @Test func aQuietRunThatSucceedsStillPrintsNothing() async throws {
        let folder = try BinaryRunner.playbook("local s = string.rep('y', 1 << 20) for i = 1, 8 do print(s) end")
        let result = try await BinaryRunner.run(["run", "playbook.lua", "--quiet", "--journal", folder + "/j.sqlite"], in: folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
    }
}
