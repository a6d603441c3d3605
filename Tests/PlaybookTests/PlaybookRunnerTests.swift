import Foundation
import LuaRuntime
@testable import Playbook
import Testing

@Suite struct PlaybookRunnerTests {
    func run(_ source: String, configure: (inout PlaybookConfiguration) -> Void = { _ in }) async throws -> PlaybookOutcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runner-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try source.write(toFile: folder + "/p.lua", atomically: true, encoding: .utf8)
        var configuration = PlaybookConfiguration(playbookPath: folder + "/p.lua", logLevel: .error, journalPath: folder + "/journal.sqlite")
        configure(&configuration)
        return await PlaybookRunner.run(configuration)
    }

    @Test func moduleIsAGlobalAndRequirable() async throws {
        let outcome = try await run("assert(require('wholesale') == wholesale)\nassert(wholesale.run.dry_run == false)")
        #expect(outcome.succeeded, "\(outcome.report)")
    }

    @Test func argumentsReachTheScript() async throws {
        let outcome = try await run("if wholesale.args.n ~= 3 then wholesale.fail('got ' .. tostring(wholesale.args.n)) end") {
            $0.arguments = ["n": 3]
        }
        #expect(outcome.exitStatus == .success, "\(outcome.report)")
    }

    @Test func limitsMapToExitCode4() async throws {
        let outcome = try await run("while true do end") { $0.timeLimit = 0.2 }
        #expect(outcome.exitStatus == .limit)
        #expect(outcome.report.contains("--timeout"))
    }

    @Test func jsonFunctionsKeepTypes() async throws {
        let outcome = try await run("""
            local v = wholesale.json.decode('{"a":[],"i":1,"f":1.0,"n":null}')
            assert(math.type(v.i) == 'integer' and math.type(v.f) == 'float' and v.n == wholesale.null)
            assert(wholesale.json.encode(v) == '{"a":[],"f":1.0,"i":1,"n":null}', wholesale.json.encode(v))
            local ok, err = pcall(wholesale.json.decode, '{"a":')
            assert(not ok and err.message:find('line 1, column 6'), tostring(err))
            """)
        #expect(outcome.exitStatus == .success, "\(outcome.report)")
    }

    @Test func argumentsParseFromTheCommandLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vars-\(UUID().uuidString).json").path
        try #"{"a": 1, "b": "x"}"#.write(toFile: folder, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try PlaybookArguments.make(variables: ["b=y", "c=k=v"], variablesFile: folder) == ["a": 1, "b": "y", "c": "k=v"])
        #expect(throws: PlaybookArguments.Problem.self) { try PlaybookArguments.make(variables: ["=x"], variablesFile: nil) }
    }
}
