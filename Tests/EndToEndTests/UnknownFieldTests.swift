import Foundation
import Testing

/// A body field the API does not know (issue 15): a warning with the nearest known field from
/// `validate`, `check` and a run (logged once per field, journaled), an error under
/// `--strict-fields` or `wholesale.strict_fields(true)`, and a missing required field that names
/// the near miss sent instead.
@Suite struct UnknownFieldTests {
    /// A customer to provision under `key` = `id` (a Lua expression), with `extra` Lua fields in its `customerInfo`.
    static func provision(id: String = #""uf-1""#, key: String = "externalId", info extra: String = "") -> String {
        """
        wholesale.customers.provision({
          \(key) = \(id),
          provisioningId = "c2ltLXRlbXBsYXRlOm1lZXRpbmdzLW9ubHk",
          packages = { "webex_meetings" },
          address = { addressLine1 = "1 Main St", city = "Springfield", country = "US" },
          customerInfo = { name = "Field", primaryEmail = "it@field.example.com",\(extra) },
        })
        """
    }

    /// The log lines of `stderr` without their time stamps and run ids.
    static func lines(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map { String($0.replacing(#/^\S+ /#, with: "").replacing(#/ run=\S+$/#, with: "")) }
    }

    @Test func validateWarnsWithTheNearestField() async throws {
        let body = #"{"provisioningId": "p", "externalId": "e", "packages": ["webex_meetings"], "address": {"addressLine1": "1 Main St", "city": "X", "country": "US", "zipCode": "1"}, "customerInfo": {"name": "N", "primaryEmail": "a@b.example.com", "langauge": "en"}}"#
        let result = try await BinaryRunner.run(["validate", "customer", "-"], stdin: body)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == """
            -: warning: address.zipCode: is not a field the API knows (address takes addressLine1, addressLine2, city, stateOrProvince, zipOrPostalCode, country) [field.unknown]
            -: warning: customerInfo.langauge: is not a field the API knows; did you mean "language"? [field.unknown]
            -: valid customer body for provision

            """)
    }

    @Test func aMissingRequiredFieldNamesTheNearMissThatWasSent() async throws {
        let body = #"{"provisioningId": "p", "externalID": "e", "packages": ["webex_meetings"], "address": {"addressLine1": "1 Main St", "city": "X", "country": "US"}, "customerInfo": {"name": "N", "primaryEmail": "a@b.example.com"}}"#
        let result = try await BinaryRunner.run(["validate", "customer", "-"], stdin: body)
        #expect(result.exitCode == 1)
        #expect(result.stdout == """
            -: externalId: is required (you sent "externalID") [field.required]
            -: warning: externalID: is not a field the API knows; did you mean "externalId"? [field.unknown]

            """)
    }

    @Test func checkWarnsAboutFieldsOfLiteralBodiesOnTheirLines() async throws {
        let folder = try BinaryRunner.playbook("""
            local c = wholesale.customers.find{ externalId = "seed-provisioned" }
            wholesale.subscribers.update(c.id, {
              packages = { "webex_meetings" },
              provisioningParameters = { firstname = "Ann" },
            })
            wholesale.customers.provision(build(row), { wait = true, externalID = "not a body" })
            wholesale.customers.precheck{ externalID = "x", ["address"] = { country = "US", cty = "X" } }
            """, named: "p.lua")
        let result = try await BinaryRunner.run(["check", "p.lua"], in: folder)
        #expect(result.exitCode == 0)
        #expect(result.stdout == "p.lua: ok\n")
        #expect(result.stderr == """
            p.lua:6: warning: 'build' is not a known global (a typo, or a missing 'local'?)
            p.lua:6: warning: 'row' is not a known global (a typo, or a missing 'local'?)
            p.lua:4: warning: subscribers.update: provisioningParameters.firstname: is not a field the API knows; did you mean "firstName"? [field.unknown]
            p.lua:7: warning: customers.precheck: address.cty: is not a field the API knows; did you mean "city"? [field.unknown]
            p.lua:7: warning: customers.precheck: externalID: is not a field the API knows; did you mean "externalId"? [field.unknown]

            """)
    }

    @Test func aRunLogsAnUnknownFieldOnceAndJournalsIt() async throws {
        let folder = try BinaryRunner.playbook(
            "for n = 1, 2 do\n" + Self.provision(id: #""uf-" .. n"#, info: #" langauge = "en""#) + "\nend\n",
            named: "p.lua")
        let result = try await BinaryRunner.run(["run", "p.lua", "--journal", folder + "/j.sqlite", "--log-level", "warn"], in: folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let warning = #"customers.provision: warning: customerInfo.langauge: is not a field the API knows; did you mean "language"? [field.unknown] (sent anyway; --strict-fields refuses it)"#
        let logged = Self.lines(result.stderr).filter { !$0.contains("still in progress") }
        #expect(logged == ["warn  " + warning])
        let history = try await BinaryRunner.run(["history", "--journal", folder + "/j.sqlite", "--json"], in: folder)
        let runs = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]]
        let run = try #require(runs?.first?["id"] as? String)
        let show = try await BinaryRunner.run(["show", run, "--journal", folder + "/j.sqlite", "--json"], in: folder)
        let report = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any]
        #expect((report?["warnings"] as? [String])?.filter { !$0.contains("still in progress") } == [warning])
    }

    @Test func strictFieldsRefusesTheBodyAndSendsNothing() async throws {
        let source = Self.provision(info: #" langauge = "en""#)
        let folder = try BinaryRunner.playbook(source, named: "p.lua")
        let result = try await BinaryRunner.run(["run", "p.lua", "--strict-fields", "--journal", folder + "/j.sqlite", "--log-level", "error"], in: folder)
        #expect(result.exitCode == 1)
        #expect(BinaryRunner.report(of: result.stderr).hasPrefix(#"""
            wholesale: playbook failed: p.lua:1: customers.provision: invalid request, not sent: customerInfo.langauge: is not a field the API knows; did you mean "language"? [field.unknown]
            """#), "\(result.stderr)")
    }

    @Test func thePlaybookCanTurnStrictFieldsOn() async throws {
        let source = """
            print(wholesale.strict_fields(true), wholesale.strict_fields())
            local ok, err = wholesale.try(function()
            \(Self.provision(key: "externalID"))
            end)
            print(ok, err.kind, err.message)
            """
        let folder = try BinaryRunner.playbook(source, named: "p.lua")
        let result = try await BinaryRunner.run(["run", "p.lua", "--journal", folder + "/j.sqlite", "--log-level", "error"], in: folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == #"""
            false\#ttrue
            false\#tvalidation\#tinvalid request, not sent: externalId: is required (you sent "externalID") [field.required]; externalID: is not a field the API knows; did you mean "externalId"? [field.unknown]

            """#)
    }
}
