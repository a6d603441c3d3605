import Foundation
import Testing

/// The `wholesale` module's specs (`Fixtures/specs/*.lua`, one per sub-module), each run by the
/// built binary against the embedded simulator and against `wholesale sim serve` on loopback.
@Suite struct ModuleSpecTests {
    static let specs = BinaryRunner.fixtures + "/specs"

    /// Where a spec runs.
    enum Target: String, CaseIterable, CustomStringConvertible {
        case embedded, loopback
        var description: String { rawValue }
    }

    /// Runs `spec` with `extra` options against `target`; returns the result and the server's requests.
    static func run(_ spec: String, on target: Target, _ extra: [String] = []) async throws -> (BinaryRunner.Result, [String]) {
        switch target {
        case .embedded:
            let result = try await BinaryRunner.run(["run", "\(spec).lua", "--sim-speed", "200"] + extra, in: specs, limit: 60)
            return (result, [])
        case .loopback:
            let server = try SimServer.start(["--speed", "200"])
            defer { server.stop() }
            let result = try await BinaryRunner.run(["run", "\(spec).lua", "--target", server.url] + extra, in: specs, limit: 60)
            return (result, server.requests)
        }
    }

    @Test(arguments: ["customers", "subscribers", "subpartners", "billing", "validate", "parallel"], Target.allCases)
    func specPasses(_ spec: String, _ target: Target) async throws {
        let (result, _) = try await Self.run(spec, on: target)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(spec): ") && result.stdout.contains("checks passed"), "\(result.stdout)")
    }

    @Test func theFirstLogLineNamesTheTarget() async throws {
        let (embedded, _) = try await Self.run("validate", on: .embedded)
        #expect(embedded.stderr.split(separator: "\n").first?.contains("run started") == true)
        #expect(embedded.stderr.split(separator: "\n").first?.contains("target=\"the embedded simulator") == true, "\(embedded.stderr)")
        let (loopback, _) = try await Self.run("validate", on: .loopback)
        #expect(loopback.stderr.split(separator: "\n").first?.contains("target=http://127.0.0.1:") == true, "\(loopback.stderr)")
    }

    @Test func aDryRunSendsNoChangeAndPrintsThePlan() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let plan = folder + "/plan.json"
        let (result, requests) = try await Self.run("dryrun", on: .loopback, ["--dry-run", "--plan", plan])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("dryrun: 20 checks passed"), "\(result.stdout)")
        #expect(!requests.isEmpty, "reads and prechecks were sent")
        let changes = requests.filter { line in
            line.hasPrefix("PUT ") || line.hasPrefix("DELETE ") || (line.hasPrefix("POST ") && !line.contains("/validate "))
        }
        #expect(changes.isEmpty, "no mutating request reached the server: \(changes)")
        #expect(requests.contains { $0.hasPrefix("POST /v1/wholesale/customers/validate 200") })
        #expect(result.stdout.contains("dry run: 9 changes planned, none sent:"))
        #expect(result.stdout.contains("1. customers.provision externalId=dry-one packages=webex_meetings country=US"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: plan))) as? [String: Any]
        let planned = json?["changes"] as? [[String: Any]] ?? []
        #expect(planned.map { $0["operation"] as? String } == [
            "customers.provision", "customers.provision", "customers.update", "customers.remove", "customers.provision",
            "subscribers.provision", "billing.create", "customers.provision", "subscribers.provision",
        ])
        #expect(planned.first?["request"] as? String == "POST /v1/wholesale/customers")
    }

    @Test func aDryRunOnTheEmbeddedSimulatorPlansTheSame() async throws {
        let (result, _) = try await Self.run("dryrun", on: .embedded, ["--dry-run"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("dry run: 9 changes planned, none sent:"), "\(result.stdout)")
    }

    @Test func stateIsKeptAcrossRunsButNotByADryRun() async throws {
        let folder = try BinaryRunner.playbook("""
            local n = wholesale.state.get("runs") or 0
            wholesale.state.set("runs", n + 1)
            wholesale.state.set("last", { id = wholesale.run.id, cursor = wholesale.array{ n } })
            print("runs before: " .. n)
            """)
        let journal = folder + "/journal.sqlite"
        for expected in ["runs before: 0", "runs before: 1"] {
            let result = try await BinaryRunner.run(["run", "playbook.lua", "--journal", journal], in: folder)
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stdout.contains(expected), "\(result.stdout)")
        }
        let dry = try await BinaryRunner.run(["run", "playbook.lua", "--journal", journal, "--dry-run"], in: folder)
        #expect(dry.stdout.contains("runs before: 2"))
        let after = try await BinaryRunner.run(["run", "playbook.lua", "--journal", journal], in: folder)
        #expect(after.stdout.contains("runs before: 2"), "the dry run saved nothing: \(after.stdout)")
        let other = try BinaryRunner.playbook("print(wholesale.state.get('runs'))")
        let separate = try await BinaryRunner.run(["run", "playbook.lua", "--journal", journal], in: other)
        #expect(separate.stdout == "nil\n", "state is per playbook: \(separate.stdout)")
    }

    @Test(arguments: [
        (["--target", "ftp://example.com"], "--target takes sim, webex or a base URL"),
        (["--target", "http://example.com"], "use https (plain http is allowed only to a loopback address"),
        (["--target", "webex"], "no credentials: set WEBEX_TOKEN"),
        (["--plan", "p.json"], "--plan needs --dry-run"),
        (["--sim-faults", "bogus"], "--sim-faults"),
    ])
    func badTargetsAreUsageErrors(_ arguments: [String], _ message: String) async throws {
        let folder = try BinaryRunner.playbook("print('never')")
        let result = try await BinaryRunner.run(
            ["run", "playbook.lua"] + arguments, in: folder,
            environment: ["WEBEX_TOKEN": "", "WEBEX_CLIENT_ID": "", "WEBEX_REFRESH_TOKEN": ""])
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stdout.contains("never"))
    }

    @Test func aTokenGoesOnTheWireButIntoNoOutput() async throws {
        let server = try SimServer.start([])
        defer { server.stop() }
        let secret = "tok-\(UUID().uuidString)"
        let folder = try BinaryRunner.playbook("""
            for c in wholesale.customers.list() do print(c.externalId) end
            local ok, err = pcall(wholesale.customers.get, "nope")
            print(tostring(err))
            wholesale.log.info("env", { token = wholesale.try(wholesale.env, "WEBEX_TOKEN") })
            """)
        let result = try await BinaryRunner.run(
            ["run", "playbook.lua", "--target", server.url, "--log-level", "debug"], in: folder, environment: ["WEBEX_TOKEN": secret])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("seed-provisioned"))
        #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
    }
}
