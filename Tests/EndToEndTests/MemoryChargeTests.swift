import Foundation
import Testing

/// Swift's work on a playbook's behalf (parsing JSON, reading files) counts against
/// `--max-memory` before it allocates: the run stops at the limit with exit 4 instead of
/// growing far past it.
@Suite struct MemoryChargeTests {
    static let limit = "wholesale: limit: memory limit of 64 MB exceeded ("
    static let advice = "): the playbook's Lua data grew past --max-memory (raise it, or process rows as they come instead of keeping them)\n"

    @Test func decodingALargeStringIsChargedBeforeItParses() async throws {
        let folder = try BinaryRunner.playbook("local s = '[' .. string.rep('1', 7500000, ',') .. ']'\nlocal t = wholesale.json.decode(s)")
        let (result, peakMB) = try await PeakMemory.run(["run", "playbook.lua", "--max-memory", "64", "--journal", folder + "/j.sqlite"], in: folder)
        #expect(result.exitCode == 4, "\(result.stderr)")
        #expect(result.report.hasPrefix(Self.limit + "wholesale.json.decode (15000001 bytes of JSON) needs about 228.9 MB, "), "\(result.stderr)")
        #expect(result.report.hasSuffix(" left" + Self.advice), "\(result.stderr)")
        #expect(peakMB < 256, "peak resident \(peakMB) MB")
    }

    @Test func readingALargeFileIsChargedBeforeItIsRead() async throws {
        let folder = try BinaryRunner.playbook("local t = wholesale.json.read('big.json')")
        var text = Data("[".utf8)
        text.append(Data(String(repeating: "1,", count: 30_000_000).utf8))
        text.append(Data("1]".utf8))
        try text.write(to: URL(fileURLWithPath: folder + "/big.json"))
        let (result, peakMB) = try await PeakMemory.run(["run", "playbook.lua", "--max-memory", "64", "--journal", folder + "/j.sqlite"], in: folder)
        #expect(result.exitCode == 4, "\(result.stderr)")
        #expect(result.report.hasPrefix(Self.limit + "wholesale.json.read of big.json (60000003 bytes of JSON) needs about 915.5 MB, "), "\(result.stderr)")
        #expect(peakMB < 256, "peak resident \(peakMB) MB")
    }

    @Test func aCSVRowLargerThanTheMemoryLeftStopsTheReadBeforeItIsHeld() async throws {
        let folder = try BinaryRunner.playbook("for row in wholesale.csv.read('big.csv') do print(#row.a) end")
        var text = Data("a\n".utf8)
        text.append(Data(repeating: UInt8(ascii: "x"), count: 100 << 20))
        text.append(Data("\n".utf8))
        try text.write(to: URL(fileURLWithPath: folder + "/big.csv"))
        let (result, peakMB) = try await PeakMemory.run(["run", "playbook.lua", "--max-memory", "64", "--journal", folder + "/j.sqlite"], in: folder)
        #expect(result.exitCode == 4, "\(result.stderr)")
        #expect(result.report.hasPrefix(Self.limit + "wholesale.csv.read of a row of more than "), "\(result.stderr)")
        #expect(result.report.contains(" bytes at big.csv:2 needs about "), "\(result.stderr)")
        #expect(peakMB < 256, "peak resident \(peakMB) MB")
    }

    @Test func withoutALimitALongRowIsReadWhole() async throws {
        let folder = try BinaryRunner.playbook("for row in wholesale.csv.read('long.csv') do print(#row.a) end")
        try ("a\n" + String(repeating: "x", count: 1 << 20) + "\n").write(toFile: folder + "/long.csv", atomically: true, encoding: .utf8)
        let result = try await BinaryRunner.run(["run", "playbook.lua", "--max-memory", "0", "--journal", folder + "/j.sqlite"], in: folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == "\(1 << 20)\n")
    }

    @Test func aLargeCSVIsReadRowByRowUnderASmallLimit() async throws {
        let folder = try BinaryRunner.playbook("local n = 0 for row in wholesale.csv.read('rows.csv') do n = n + #row.name end print(n)")
        let name = String(repeating: "n", count: 100)
        let row = "acme-000001,\"\(name), Inc.\",provisioned\n"
        try ("id,name,status\n" + String(repeating: row, count: 300_000)).write(toFile: folder + "/rows.csv", atomically: true, encoding: .utf8)
        let (result, peakMB) = try await PeakMemory.run(["run", "playbook.lua", "--max-memory", "8", "--journal", folder + "/j.sqlite"], in: folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == "\(300_000 * 106)\n")
        #expect(peakMB < 96, "the 40 MB file is not held whole: peak resident \(peakMB) MB")
    }
}
