import Foundation
import Testing

/// Scenario files as a partner uses them: checked, loaded by `run --sim-scenario` and
/// `sim serve --scenario`, captured by `sim snapshot`, and the default target taking a
/// playbook copied from Cisco's documentation unchanged.
@Suite struct ScenarioTests {
    static let folder = BinaryRunner.fixtures + "/scenarios"

    @Test func checkReportsEveryProblemWithItsLinePathAndANearMiss() async throws {
        let result = try await BinaryRunner.run(["sim", "scenario", "check", "broken.json"], in: Self.folder)
        #expect(result.exitCode == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            broken.json:2: partner.nmae: unknown field "nmae"; did you mean "name"?
            broken.json:3: templates[1].packages[1]: unknown package "webex_meetngs"; did you mean "webex_meetings"?
            broken.json:4: unavailablePackages.FX: unknown country "FX" (an ISO 3166 alpha-2 code in capitals)
            broken.json:5: subPartners[1].provisioningState: "paused" is not one of active, suspended
            broken.json:7: customers[1].status: "provisoned" is not one of provisioning, provisioned, provisioned_with_errors, error, updating, deleting, pending_rpl_review; did you mean "provisioned"?
            broken.json:8: customers[2].owner: bm9ib2R5 is not a sub-partner of this scenario: declare it under subPartners, or write "partner"
            broken.json:9: customers[3].packages: expected an array, got a string
            broken.json:12: subscribers[1].customer: no customer a-3 in this scenario (name its externalId or id); did you mean "a-1"?
            broken.json:13: subscribers[2].email: email X@example.com belongs to subscribers[1] already (an email is one user)
            broken.json:15: seed: expected an integer ≥ 0

            """)
    }

    @Test func checkAcceptsAGoodFileAndTheShippedDefault() async throws {
        let good = try await BinaryRunner.run(["sim", "scenario", "check", "world.json"], in: Self.folder)
        #expect(good.exitCode == 0)
        #expect(good.stdout == "world.json: a valid scenario: 2 templates, 2 sub-partners, 3 customers, 1 subscribers, 1 billing reports\n")
        let shipped = BinaryRunner.examples + "/scenarios/default.json"
        let byDefault = try await BinaryRunner.run(["sim", "scenario", "check", shipped])
        #expect(byDefault.exitCode == 0, "\(byDefault.stderr)")
        #expect(byDefault.stdout == "\(shipped): a valid scenario: 2 templates, 3 sub-partners, 6 customers, 3 subscribers, 0 billing reports\n")
    }

    @Test func aFileThatIsNotJSONSaysWhere() async throws {
        let folder = try BinaryRunner.playbook("{\n  \"customers\": [\n}\n", named: "bad.json")
        let result = try await BinaryRunner.run(["sim", "scenario", "check", "bad.json"], in: folder)
        #expect(result.exitCode == 1)
        #expect(result.stderr == "bad.json:3: not valid JSON: unexpected character '}', expected a value\n")
    }

    @Test func ciscosDocumentedExampleIsProvisionedOnTheDefaultTarget() async throws {
        let result = try await BinaryRunner.run(["run", "cisco-example.lua", "--sim-speed", "100"], in: Self.folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == "c1677a16-557a-4fb4-b48f-24adde57ec99\tprovisioned\n")
        let notices = result.stderr.split(separator: "\n").filter { $0.contains("took provisioningId") }
        #expect(notices.count == 1, "said once: \(result.stderr)")
        #expect(notices.first?.contains("the simulator took provisioningId ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2 as a customer template that allows every package; to rehearse with its real packages, declare it in a scenario") == true)
    }

    @Test func eachPartOfAScenarioTakesEffectInARun() async throws {
        let result = try await BinaryRunner.run(["run", "parts.lua", "--sim-scenario", "world.json"], in: Self.folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == """
            customer\tacme-001\tY3VzdG9tZXItMDAx\tprovisioned\twebex_meetings\t
            customer\tacme-002\tY3VzdG9tZXItMDAy\terror\twebex_calling\t7001
            sub-partner customer\treseller-001
            subscriber\tann@acme-001.example.com\tc3Vic2NyaWJlci0x\tprovisioned
            report\tcmVwb3J0LTE\tCOMPLETED
            meetings-only template, calling:\tfalse\t4002
            calling in FR:\tfalse\t4004
            meetings in FR:\ttrue
            undeclared template:\tfalse\t4101
            suspended sub-partner:\tfalse\t403\t4030

            """)
    }

    @Test func aSavedStateGoesOnAndSaysTheScenarioIsIgnored() async throws {
        let scratch = try Scratch()
        let first = try await BinaryRunner.run(["run", "parts.lua", "--sim-scenario", "world.json", "--sim-state", scratch.state], in: Self.folder)
        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(!first.stderr.contains("ignored"))
        let again = try await BinaryRunner.run(["run", "parts.lua", "--sim-scenario", "world.json", "--sim-state", scratch.state], in: Self.folder)
        #expect(again.exitCode == 0, "\(again.stderr)")
        #expect(again.stderr.contains("warn  --sim-scenario world.json ignored: \(scratch.state) holds a saved state, which goes on (a scenario seeds a new state only; remove the file to start over)"),
                "\(again.stderr)")
    }

    @Test func aSnapshotOfASimServeSendsOnlyGETsAndStartsASimulatorWithTheSameIds() async throws {
        let scratch = try Scratch()
        let server = try SimServer.start(["--scenario", Self.folder + "/world.json"])
        defer { server.stop() }
        let snapshot = scratch.path + "/snapshot.json"
        let captured = try await BinaryRunner.run(["sim", "snapshot", "--target", server.url, "--out", snapshot])
        #expect(captured.exitCode == 0, "\(captured.stderr)")
        #expect(captured.stderr.hasSuffix("snapshot: wrote \(snapshot): 3 customers, 1 subscribers, 2 sub-partners, 1 billing reports\n"))
        let methods = Set(server.requests.map { $0.split(separator: " ").first.map(String.init) ?? "" })
        #expect(methods == ["GET"], "\(server.requests)")
        // The capture, served again and captured again, lists the same resources with the same ids.
        let copy = try SimServer.start(["--scenario", snapshot])
        defer { copy.stop() }
        let second = scratch.path + "/second.json"
        let recaptured = try await BinaryRunner.run(["sim", "snapshot", "--target", copy.url, "--out", second])
        #expect(recaptured.exitCode == 0, "\(recaptured.stderr)")
        func resources(_ path: String) throws -> [String] {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
            var lines: [String] = []
            for part in ["customers", "subscribers", "subPartners", "billingReports"] {
                for item in object[part] as? [[String: Any]] ?? [] {
                    lines.append("\(part) \(item["id"] ?? item["orgId"] ?? "") \(item["externalId"] ?? item["email"] ?? "") \(item["status"] ?? item["provisioningState"] ?? "")")
                }
            }
            return lines.sorted()
        }
        let original = try resources(snapshot)
        #expect(original.count == 7)
        #expect(original.contains("customers Y3VzdG9tZXItMDAy acme-002 error"))
        #expect(try resources(second) == original)
    }

    @Test func redactPIILeavesNoOriginalEmailInTheSnapshot() async throws {
        let scratch = try Scratch()
        let server = try SimServer.start(["--scenario", Self.folder + "/world.json"])
        defer { server.stop() }
        let out = scratch.path + "/redacted.json"
        let result = try await BinaryRunner.run(["sim", "snapshot", "--target", server.url, "--out", out, "--redact-pii"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        for original in ["ann@acme-001.example.com", "admin@acme-001.example.com", "1 Main St", "Acme One"] {
            #expect(!text.contains(original), "\(original) is in the snapshot")
        }
        #expect(text.contains("@example.invalid"))
        let check = try await BinaryRunner.run(["sim", "scenario", "check", out])
        #expect(check.exitCode == 0, "the redacted snapshot is a valid scenario: \(check.stderr)")
    }
}
