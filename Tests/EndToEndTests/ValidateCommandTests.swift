import Foundation
import Testing

@Suite struct ValidateCommandTests {
    let bodies = BinaryRunner.fixtures + "/bodies"

    @Test func aValidBodyExits0() async throws {
        let result = try await BinaryRunner.run(["validate", "customer", "customer.json"], in: bodies)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == "customer.json: valid customer body for provision\n")
    }

    @Test func everyProblemOfEveryBodyIsPrintedWithItsPath() async throws {
        let result = try await BinaryRunner.run(["validate", "customer", "customers-with-problems.json"], in: bodies)
        #expect(result.exitCode == 1)
        #expect(result.stdout == """
            customers-with-problems.json: [2].packages[2]: "webex_fax" is not a customer package; expected one of common_area_calling, webex_calling, webex_meetings, webex_suite, webex_voice, cx_essentials, webex_calling_standard, cisco_calling_plan, attendant_console, cx_premium_agent, cx_standard_agent, cx_voice_ports, cx_ai_assistant, webex_ai_agent [packages.known]
            customers-with-problems.json: [2].customerInfo.name: must not contain "%" [customer.name]
            customers-with-problems.json: [2].customerInfo.primaryEmail: "admin@" is not an email address [email.syntax]
            customers-with-problems.json: [2].address.country: "UK" is not an ISO 3166-1 alpha-2 country code (e.g. "US", "GB", "DE") [country.iso2]

            """)
    }

    @Test func jsonOutputFromStandardInput() async throws {
        let body = #"{"email": "ann@acme.com", "packages": ["webex_calling"], "provisioningParameters": {"firstName": "Ann"}}"#
        let result = try await BinaryRunner.run(["validate", "subscriber", "--json", "-"], in: bodies, stdin: body)
        #expect(result.exitCode == 1)
        let output = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(output?["valid"] as? Bool == false)
        let problems = (output?["problems"] as? [[String: String]]) ?? []
        #expect(problems.map { $0["rule"] ?? "" } == ["field.required", "subscriber.number"])
        #expect(problems.map { $0["severity"] ?? "" } == ["error", "warning"])
    }

    @Test func warningsAloneLeaveABodyValid() async throws {
        let body = #"{"customerId": "c1", "email": "ann@acme.com", "packages": ["webex_calling"], "provisioningParameters": {"firstName": "Ann"}}"#
        let result = try await BinaryRunner.run(["validate", "subscriber", "-"], in: bodies, stdin: body)
        #expect(result.exitCode == 0)
        #expect(result.stdout.hasPrefix("-: warning: provisioningParameters: webex_calling is a calling package"), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("-: valid subscriber body for provision\n"))
    }

    @Test func theUseChangesTheRules() async throws {
        let body = #"{"packages": ["webex_meetings"], "orgId": "x"}"#
        let update = try await BinaryRunner.run(["validate", "customer", "--for", "update", "-"], in: bodies, stdin: body)
        #expect(update.exitCode == 1)
        #expect(update.stdout == "-: orgId: cannot be changed by an update; leave it out [customer.update-field]\n")
        let bad = try await BinaryRunner.run(["validate", "customer", "--for", "create", "-"], in: bodies, stdin: body)
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("--for takes provision, update or precheck"))
    }

    @Test func unreadableOrMalformedInputExits2() async throws {
        let missing = try await BinaryRunner.run(["validate", "customer", "nope.json"], in: bodies)
        #expect(missing.exitCode == 2)
        #expect(missing.stderr == "wholesale: cannot read nope.json: no such file\n")
        let malformed = try await BinaryRunner.run(["validate", "customer", "-"], in: bodies, stdin: "{\"a\": 1,\n \"b\" 2}")
        #expect(malformed.exitCode == 2)
        #expect(malformed.stderr == "wholesale: -: line 2, column 6: expected ':' after an object key\n")
    }
}
