import Foundation
import Testing

/// The mistakes a partner makes first (issue 15), each run by the built binary, with the exact
/// message that says what to do: a list filter with a typo, a list used as the iterator, a Lua
/// keyword as a field name, a sandboxed global, a table where an id belongs, a dry run that must
/// leave the real outcomes file alone, work left in progress at the end.
@Suite struct FirstMistakeTests {
    /// Runs `source` as `name` in a folder of its own, logs at error level only.
    static func run(_ source: String, named name: String = "p.lua", _ extra: [String] = []) async throws -> (BinaryRunner.Result, String) {
        let folder = try BinaryRunner.playbook(source, named: name)
        let result = try await BinaryRunner.run(["run", name, "--journal", folder + "/j.sqlite", "--log-level", "error"] + extra, in: folder)
        return (result, folder)
    }

    @Test func aStatusFilterWithATypoIsRefusedWithTheNearestValue() async throws {
        let (result, _) = try await Self.run(#"for customer in wholesale.customers.list{ status = "eror" } do print(customer.id) end"#)
        #expect(result.exitCode == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            wholesale: playbook failed: p.lua:1: customers.list: invalid request, not sent: status: "eror" is not one of provisioned, provisioned_with_errors, provisioning, updating, deleting, error, pending_rpl_review; did you mean "error"? [query.value]
            stack traceback:
            \t[C]: in upvalue 'open'
            \tp.lua:1: in main chunk

            """)
    }

    @Test func aCustomerStatusGivenToSubscribersIsRefused() async throws {
        let (result, _) = try await Self.run(#"for s in wholesale.subscribers.list{ status = "active" } do print(s.id) end"#)
        #expect(result.exitCode == 1)
        #expect(result.stderr.hasPrefix(#"""
            wholesale: playbook failed: p.lua:1: subscribers.list: invalid request, not sent: status: "active" is not one of provisioned, pending_user_migration, provisioning, error [query.value]
            """#))
    }

    static let iterator = """
        local n = 0
        for customer in wholesale.customers.list do
          n = n + 1
        end
        print(n)
        """

    @Test func aListUsedAsTheIteratorRaisesWithTheFix() async throws {
        let (result, _) = try await Self.run(Self.iterator)
        #expect(result.exitCode == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("""
            wholesale: playbook failed: p.lua:2: wholesale.customers.list was used as the iterator: write `for x in wholesale.customers.list() do` or `wholesale.customers.list{ ... }`

            """))
    }

    @Test func checkWarnsAboutAListUsedAsTheIterator() async throws {
        let folder = try BinaryRunner.playbook(Self.iterator, named: "p.lua")
        let result = try await BinaryRunner.run(["check", "p.lua"], in: folder)
        #expect(result.exitCode == 0)
        #expect(result.stdout == "p.lua: ok\n")
        #expect(result.stderr == "p.lua:2: warning: `for ... in wholesale.customers.list do` calls wholesale.customers.list itself as the iterator: write `wholesale.customers.list()` or `wholesale.customers.list{ ... }`\n")
    }

    @Test func aKeywordAsAFieldNameGetsTheBracketForm() async throws {
        let (result, _) = try await Self.run(#"local c = wholesale.customers.wait("x", { until = { "provisioned" } })"#)
        #expect(result.exitCode == 2)
        #expect(result.stderr == #"p.lua:1: unexpected symbol near 'until' ('until' is a Lua keyword: as a field name write ["until"] = ... or opts["until"])"# + "\n")
    }

    @Test func checkSaysASandboxedGlobalIsRemovedAndWhatToUse() async throws {
        let folder = try BinaryRunner.playbook(#"local f = io.open("x.txt")"#, named: "p.lua")
        let result = try await BinaryRunner.run(["check", "p.lua"], in: folder)
        #expect(result.exitCode == 0)
        #expect(result.stderr == "p.lua:1: warning: 'io' is removed by the sandbox (read and write files with wholesale.csv and wholesale.json)\n")
    }

    @Test func aResourceWhereItsIdBelongsSaysWhichFieldToPass() async throws {
        let (result, _) = try await Self.run("""
            local customer = wholesale.customers.find{ externalId = "seed-provisioned" }
            print(wholesale.customers.get(customer).id)
            """)
        #expect(result.exitCode == 1)
        #expect(result.stderr.hasPrefix("""
            wholesale: playbook failed: p.lua:2: bad argument #1 to 'wholesale.customers.get' (string expected, got table; pass the id, e.g. customer.id)

            """))
    }

    static let provisionAndReport = """
        local c = wholesale.customers.provision({
          externalId = "mk-1",
          provisioningId = "c2ltLXRlbXBsYXRlOm1lZXRpbmdzLW9ubHk",
          packages = { "webex_meetings" },
          address = { addressLine1 = "1 Main St", city = "Springfield", stateOrProvince = "IL", zipOrPostalCode = "62701", country = "US" },
          customerInfo = { name = "Mistake Inc", primaryEmail = "it@mistake.example.com", language = "en" },
          provisioningParameters = { meetings = { timezone = "America/Chicago" } },
        })
        wholesale.csv.write("out/outcomes.csv", { { externalId = "mk-1", status = c.status } }, { "externalId", "status" })
        """

    @Test func aDryRunLeavesTheOutcomesFileByteForByteAndSaysWhereItWrote() async throws {
        let folder = try BinaryRunner.playbook(Self.provisionAndReport, named: "p.lua")
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
        let original = Data("externalId,status\r\nmk-1,provisioned\r\n".utf8)
        try original.write(to: URL(fileURLWithPath: folder + "/out/outcomes.csv"))
        let result = try await BinaryRunner.run(["run", "p.lua", "--dry-run", "--journal", folder + "/j.sqlite", "--log-level", "error"], in: folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == """
            dry run: 1 change planned, none sent:
              1. customers.provision externalId=mk-1 packages=webex_meetings country=US
            dry run: out/outcomes.csv was left as it was; the run wrote out/outcomes.csv.dry-run

            """)
        #expect(FileManager.default.contents(atPath: folder + "/out/outcomes.csv") == original)
        #expect(try String(contentsOfFile: folder + "/out/outcomes.csv.dry-run", encoding: .utf8) == "externalId,status\nmk-1,provisioning\n")
    }

    @Test func csvWriteMakesTheFolderAndWorkLeftInProgressIsSaidAtTheEnd() async throws {
        let folder = try BinaryRunner.playbook(Self.provisionAndReport, named: "p.lua")
        let result = try await BinaryRunner.run(["run", "p.lua", "--journal", folder + "/j.sqlite", "--log-level", "warn"], in: folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/out/outcomes.csv"))
        let warning = try #require(result.stderr.split(separator: "\n").first { $0.contains(" warn ") })
        let text = warning.replacing(#/^\S+ warn  /#, with: "").replacing(#/Y2lz[A-Za-z0-9=]+/#, with: "ID")
            .replacing(#/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/#, with: "RUN").replacing(#/show [0-9a-f]{8}/#, with: "show RUN8")
        #expect(text == "1 change was still in progress when the run ended (not waited for): customers.provision ID (provisioning); pass { wait = true } to wait, or see them with `wholesale show RUN8` pending=1 run=RUN")
    }

    @Test func historyCountsUnknownCallsApartFromFailedOnes() async throws {
        // Every answer is lost: the create's outcome is unknown (it may have been applied), and the
        // lookup that tries to find out fails; history tells the two apart.
        let folder = try BinaryRunner.playbook(Self.provisionAndReport, named: "p.lua")
        let sim = ["--journal", folder + "/j.sqlite", "--sim-state", folder + "/sim.sqlite", "--sim-faults", "reset-after=100%",
                   "--sim-speed", "100", "--log-level", "error"]
        _ = try await BinaryRunner.run(["run", "p.lua"] + sim, in: folder)
        let history = try await BinaryRunner.run(["history", "--journal", folder + "/j.sqlite", "--json"], in: folder)
        let runs = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]]
        let run = try #require(runs?.first)
        #expect(run["failures"] as? Int == 1)
        #expect(run["unknown"] as? Int == 1)
        let text = try await BinaryRunner.run(["history", "--journal", folder + "/j.sqlite"], in: folder)
        #expect(text.stdout.contains(" 2 calls (1 changes, 1 failed, 1 unknown)  "), "\(text.stdout)")
    }

    @Test func aValidatorWarningIsLoggedWhenTheBodyIsSent() async throws {
        let folder = try BinaryRunner.playbook("""
            local customer = wholesale.customers.find{ externalId = "seed-provisioned" }
            local s = wholesale.subscribers.provision({
              customerId = customer.id, email = "new.person@acme.example.com", package = "webex_calling",
              provisioningParameters = { firstName = "New", lastName = "Person" },
            })
            print(s.status)
            """, named: "p.lua")
        let result = try await BinaryRunner.run(["run", "p.lua", "--journal", folder + "/j.sqlite", "--log-level", "warn"], in: folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == "provisioned\n")
        let lines = result.stderr.split(separator: "\n").map { $0.replacing(#/^\S+ /#, with: "").replacing(#/ run=\S+$/#, with: "") }
        #expect(lines == [
            "warn  subscribers.provision: warning: provisioningParameters: webex_calling is a calling package: give primaryPhoneNumber, extension or both, unless the user is already on Webex Calling [subscriber.number] (sent anyway: only the server can tell)",
        ])
    }
}

extension FirstMistakeTests {
    @Test func aSubscriberOfACustomerStillProvisioningSaysToWaitForTheCustomer() async throws {
        let (result, _) = try await Self.run("""
            local customer = wholesale.customers.find{ externalId = "seed-provisioning" }
            wholesale.subscribers.provision({
              customerId = customer.id, email = "early@seed-provisioning.example.com", packages = { "webex_meetings" },
              provisioningParameters = { firstName = "Early", lastName = "Bird" },
            })
            """)
        #expect(result.exitCode == 1)
        #expect(BinaryRunner.report(of: result.stderr).replacing(#/Y2lz[A-Za-z0-9=_-]+/#, with: "ID").replacing(#/trackingId \S+\)/#, with: "trackingId T)").hasPrefix("""
            wholesale: playbook failed: p.lua:2: subscribers.provision: HTTP 400 Bad Request: Customer ID is provisioning; subscribers need a provisioned customer; wait for the customer first ({ wait = true } on customers.provision, or customers.wait(id)) (code 5001, trackingId T)

            """), "\(result.stderr)")
    }
}
