import FailureKinds
import Foundation
@testable import Playbook
@testable import PlaybookModule
import Testing

/// The documented failure kinds and exit codes are the code's: docs/reference.md's table of
/// kinds, the LuaCATS alias and the exit codes named in the docs cannot drift from the enums.
@Suite struct FailureDocsTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs").standardizedFileURL

    /// The kinds in the first column of the table that follows "Kinds:" in docs/reference.md.
    static func documentedKinds() throws -> [String] {
        let text = try String(contentsOf: docs.appendingPathComponent("reference.md"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "Kinds:") else { return [] }
        var kinds: [String] = []
        for line in lines[(start + 1)...] {
            if line.isEmpty && kinds.isEmpty { continue }
            guard line.hasPrefix("|") else { break }
            let cell = line.split(separator: "|").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            // The header row names the column `kind`; the rows name the kinds.
            if cell.hasPrefix("`"), cell.hasSuffix("`"), cell != "`kind`" { kinds.append(String(cell.dropFirst().dropLast())) }
        }
        return kinds
    }

    @Test func theReferenceListsEveryKindAndNoOther() throws {
        #expect(try Self.documentedKinds() == FailureKind.allCases.map(\.rawValue))
    }

    @Test func theEditorDefinitionsNameEveryKind() {
        let union = FailureKind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: "|")
        #expect(LuaTypes.definitions.contains("---@field kind \(union)\n"))
    }

    @Test func theReferenceNamesEveryExitCode() throws {
        let text = try String(contentsOf: Self.docs.appendingPathComponent("reference.md"), encoding: .utf8)
        for status in ExitStatus.allCases {
            #expect(text.contains("`\(status.rawValue)`"), "docs/reference.md does not name exit code \(status.rawValue)")
        }
    }

    @Test func everyFailureHasOneExitCodeAndAReport() {
        // The one place: a failure's exit code and report come from Failure alone.
        let failures: [Failure] = [
            .unusable("x"), .noSuchRun("abc", journal: "/j"), .locked(playbook: "p.lua", holder: "pid 1"), .signal(SIGINT),
            .signal(SIGTERM), .uninterruptible(grace: 5), .problemsFound(details: nil), .playbookInvalid, .commandLine("usage"),
        ]
        #expect(failures.map(\.exitStatus) == [.usage, .usage, .locked, .interrupted, .terminated, .limit, .failed, .usage, .usage])
        #expect(Failure.locked(playbook: "p.lua", holder: "pid 1").report
            == "wholesale: another run of p.lua holds its lock (pid 1); wait for it with --wait-lock SECONDS, or see it with `wholesale history`")
    }
}
