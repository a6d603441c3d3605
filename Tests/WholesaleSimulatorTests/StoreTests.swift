import Foundation
import JSONValues
import Testing
import WholesaleAPI
import WholesaleSimulator

@Suite struct StoreTests {
    func temporaryFile() -> String {
        NSTemporaryDirectory() + "sim-state-\(UUID().uuidString).sqlite"
    }

    @Test func stateSurvivesARestart() async throws {
        let path = temporaryFile()
        let clock = ManualClock()
        let first = try Simulator(clock: clock, store: .sqlite(path: path))
        let client = WholesaleClient(baseURL: "http://sim.invalid", transport: first.transport, tokens: PlaceholderTokenProvider())
        let location = try await client.provisionCustomer(customerBody("kept-1"))
        let report = try await client.createBillingReport(["billingStartDate": "2025-01-01", "billingEndDate": "2025-01-31"])
        let before = try await client.listCustomers().collect().count
        let partner = first.partnerOrgId

        let second = try Simulator(clock: clock, store: .sqlite(path: path))
        let again = WholesaleClient(baseURL: "http://sim.invalid", transport: second.transport, tokens: PlaceholderTokenProvider())
        #expect(second.partnerOrgId == partner)
        #expect(try await again.listCustomers().collect().count == before, "the seed data is not added twice")
        #expect(try await again.getCustomer(location.id).status == .provisioning)
        clock.advance(by: 21)
        #expect(try await again.getCustomer(location.id).status == .provisioned, "background work goes on after the restart")
        #expect(try await again.getBillingReport(report.id!).id == report.id)
        // New ids do not collide with the ones made before the restart.
        let next = try await again.provisionCustomer(customerBody("kept-2"))
        #expect(next.id != location.id)
        let duplicate = await #expect(throws: WholesaleError.self) { _ = try await again.provisionCustomer(customerBody("kept-1")) }
        #expect(duplicate?.status == 409)
    }

    @Test func aFreshFileStartsFromTheSeedData() async throws {
        let simulator = try Simulator(clock: ManualClock(), store: .sqlite(path: temporaryFile()))
        let client = WholesaleClient(baseURL: "http://sim.invalid", transport: simulator.transport, tokens: PlaceholderTokenProvider())
        #expect(try await client.listSubPartners().collect().count == 3)
    }

    @Test func aFileThatIsNotADatabaseIsRefused() throws {
        let path = temporaryFile()
        try "not sqlite".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { _ = try Simulator(store: .sqlite(path: path)) }
    }
}
