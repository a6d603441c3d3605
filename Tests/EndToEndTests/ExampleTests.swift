import Foundation
import Testing

/// Each example playbook under examples/, run by the built binary against a fresh embedded
/// simulator kept in a state file, then its check playbook (Fixtures/example-checks) on that
/// state; a check must also fail on a fresh state, so passing proves the example did its work.
@Suite struct ExampleTests {
    static let checks = BinaryRunner.fixtures + "/example-checks"

    /// Runs `examples/NAME/NAME.lua`, writing its report into `scratch`.
    static func runExample(_ name: String, _ scratch: Scratch, _ extra: [String] = []) async throws -> BinaryRunner.Result {
        try await BinaryRunner.run(
            ["run", "\(name)/\(name).lua", "--var", "out=\(scratch.report)"] + scratch.simulator() + extra,
            in: BinaryRunner.examples, limit: 120)
    }

    /// Runs the check of `name` on `scratch`'s simulator state.
    static func runCheck(_ name: String, _ scratch: Scratch) async throws -> BinaryRunner.Result {
        try await BinaryRunner.run(
            ["run", "\(name).lua", "--var", "outcomes=\(scratch.report)", "--var", "report=\(scratch.report)",
             "--var", "dir=\(BinaryRunner.examples)/\(name)", "--allow-dir", BinaryRunner.examples]
                + scratch.simulator(journal: scratch.path + "/check-journal.sqlite"),
            in: checks, limit: 60)
    }

    @Test(arguments: ["precheck-fallback", "retry-errors", "bulk-onboard", "subscribers-onboard", "offboarding"])
    func exampleLeavesTheStateItsCheckExpects(_ name: String) async throws {
        let check = try await BinaryRunner.run(["check", "\(name)/\(name).lua"], in: BinaryRunner.examples)
        #expect(check.exitCode == 0, "\(check.stdout)\(check.stderr)")
        let fresh = try Scratch()
        let unprepared = try await Self.runCheck(name, fresh)
        #expect(unprepared.exitCode != 0, "the check fails when the example has not run")
        let scratch = try Scratch()
        let example = try await Self.runExample(name, scratch)
        #expect(example.exitCode == 0, "\(example.stderr)")
        let result = try await Self.runCheck(name, scratch)
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func everyExampleHasASpecAndTheSpecsPass() async throws {
        let result = try await BinaryRunner.run(["test", ".", "--jobs", "2"], in: BinaryRunner.examples, limit: 120)
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        let playbooks = try FileManager.default.contentsOfDirectory(atPath: BinaryRunner.examples).filter { name in
            FileManager.default.fileExists(atPath: BinaryRunner.examples + "/\(name)/\(name).lua")
        }
        #expect(playbooks.count >= 6)
        for name in playbooks {
            #expect(result.stdout.contains("./\(name)/spec/\(name)_spec.lua: "), "examples/\(name) has no spec that ran")
        }
        #expect(result.stdout.contains("./spec/hello_spec.lua: "))
    }

    @Test func nightlyReconcileReportsThenFixesAndRemembersTheLastNight() async throws {
        let scratch = try Scratch()
        let first = try await Self.runExample("nightly-reconcile", scratch)
        #expect(first.exitCode == 0, "\(first.stderr)")
        let second = try await Self.runExample("nightly-reconcile", scratch, ["--var", "fix=true"])
        #expect(second.exitCode == 0, "\(second.stderr)")
        let result = try await Self.runCheck("nightly-reconcile", scratch)
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func bulkOnboardingAgainChangesNothing() async throws {
        let scratch = try Scratch()
        let first = try await Self.runExample("bulk-onboard", scratch)
        #expect(first.exitCode == 0, "\(first.stderr)")
        let again = try await Self.runExample("bulk-onboard", scratch)
        #expect(again.exitCode == 0, "\(again.stderr)")
        let rows = try String(contentsOfFile: scratch.report, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(rows.count == 300)
        let header = try String(contentsOfFile: scratch.report, encoding: .utf8).split(separator: "\n")[0].split(separator: ",")
        let action = try #require(header.firstIndex(of: "action"))
        let status = try #require(header.firstIndex(of: "status"))
        let actions = rows.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let provisioned = actions.filter { !$0[status].isEmpty && $0[status] != "refused" }
        #expect(provisioned.count > 280)
        #expect(provisioned.allSatisfy { $0[action] == "unchanged" }, "a second run reports every customer unchanged")
    }
}
