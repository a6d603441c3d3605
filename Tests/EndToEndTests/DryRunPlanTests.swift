import Foundation
import Testing

/// The lines of a dry run's plan name what a change acts on (issue 15): an update its
/// externalId (or email), its scope and the packages before and after; a removal its externalId
/// (or email) and status, from the GET a dry run sends.
@Suite struct DryRunPlanTests {
    @Test func updatesAndRemovalsSayWhatTheyChangeFromWhat() async throws {
        let folder = try BinaryRunner.playbook("""
            local sp = wholesale.collect(wholesale.subpartners.list())[1]
            local api = wholesale.on_behalf_of(sp.orgId)
            local c = api.customers.find{ externalId = "seed-subpartner" }
            api.customers.update(c.id, { packages = { "webex_meetings", "webex_calling" } })
            wholesale.customers.remove(wholesale.customers.find{ externalId = "seed-error" }.id)
            local s = wholesale.subscribers.find{ email = "bo.chen@seed-provisioned.example.com" }
            wholesale.subscribers.update(s.id, { packages = { "webex_calling" }, provisioningParameters = { extension = "1234" } })
            wholesale.subscribers.remove(s.id)
            """, named: "p.lua")
        let result = try await BinaryRunner.run(["run", "p.lua", "--dry-run", "--journal", folder + "/j.sqlite", "--log-level", "error"], in: folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.replacing(#/Y2lz[A-Za-z0-9=_-]+/#, with: "ID") == """
            dry run: 4 changes planned, none sent:
              1. customers.update ID externalId=seed-subpartner packages=webex_meetings → webex_meetings,webex_calling onBehalfOf=ID
              2. customers.remove ID externalId=seed-error status=error
              3. subscribers.update ID email=bo.chen@seed-provisioned.example.com packages=webex_meetings → webex_calling
              4. subscribers.remove ID email=bo.chen@seed-provisioned.example.com status=provisioned

            """)
    }
}
