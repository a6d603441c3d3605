import JSONValues
import Testing
import WholesaleAPI
import WholesaleSimulator

@Suite struct SimulatorPagingTests {
    /// Provisions `count` customers named `page-N`, with every third one ending in error.
    func provision(_ count: Int, _ sim: SimHarness) async throws {
        for i in 0..<count {
            _ = try await sim.client.provisionCustomer(customerBody(i % 3 == 0 ? "sim-error-page-\(i)" : "page-\(i)"))
        }
        sim.clock.advance(by: 30)
    }

    @Test(arguments: SimTarget.allCases)
    func linksCarryOffsetMaxAndFilters(_ target: SimTarget) async throws {
        try await withSimulator(target, configure: { $0.seedData = false }) { sim in
            try await provision(7, sim)
            let first = try await sim.raw(.GET, "/v1/wholesale/customers?max=3&status=provisioned")
            let link = try #require(first.header("Link"))
            #expect(link.contains("rel=\"first\"") && link.contains("rel=\"next\"") && !link.contains("rel=\"prev\""))
            #expect(link.contains("offset=3&max=3&status=provisioned>; rel=\"next\""), "\(link)")
            let second = try await sim.raw(.GET, "/v1/wholesale/customers?offset=3&max=3&status=provisioned")
            #expect(second.header("Link")?.contains("rel=\"prev\"") == true)
            #expect(second.header("Link")?.contains("rel=\"next\"") == false, "4 provisioned customers: two pages")
            let all = try await sim.client.listCustomers(status: ["provisioned"], max: 3).collect()
            #expect(all.count == 4 && all.allSatisfy { $0.status == .provisioned })
        }
    }

    @Test(arguments: SimTarget.allCases)
    func theQuirkDropsFiltersAndTheClientPutsThemBack(_ target: SimTarget) async throws {
        try await withSimulator(target, configure: { $0.seedData = false; $0.dropFiltersFromNextLinks = true }) { sim in
            try await provision(9, sim)
            let first = try await sim.raw(.GET, "/v1/wholesale/customers?max=2&status=error")
            #expect(first.header("Link")?.contains("offset=2&max=2>; rel=\"next\"") == true, "the next link lost status=error")
            let errors = try await sim.client.listCustomers(status: ["error"], max: 2).collect()
            #expect(errors.count == 3 && errors.allSatisfy { $0.status == .error })
        }
    }

    @Test func listsFollowTheClockAndNewCustomers() async throws {
        try await withSimulator(.inProcess, configure: { $0.seedData = false }) { sim in
            _ = try await sim.client.provisionCustomer(customerBody("clock-1"))
            #expect(try await sim.client.listCustomers(status: ["provisioning"]).collect().count == 1)
            #expect(try await sim.client.listCustomers(status: ["provisioning"]).collect().count == 1, "a second look, from the cache")
            sim.clock.advance(by: 21)
            #expect(try await sim.client.listCustomers(status: ["provisioning"]).collect().isEmpty, "the clock moved the customer on")
            _ = try await sim.client.provisionCustomer(customerBody("clock-2"))
            #expect(try await sim.client.listCustomers().collect().compactMap(\.externalId) == ["clock-1", "clock-2"])
        }
    }

    @Test(arguments: SimTarget.allCases)
    func aLargeMaxIsCutToTheCeiling(_ target: SimTarget) async throws {
        try await withSimulator(target, configure: { $0.seedData = false; $0.maxPageSize = 4 }) { sim in
            try await provision(6, sim)
            let response = try await sim.raw(.GET, "/v1/wholesale/customers?max=50")
            #expect(try JSONValue(json: response.body)["items"]?.arrayValue?.count == 4)
            #expect(response.header("Link")?.contains("rel=\"next\"") == true)
        }
    }

    @Test(arguments: SimTarget.allCases)
    func subscriberListsSortAndFilter(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            let newestFirst = try await sim.client.listSubscribers(sortBy: "created", sortOrder: "DESC").collect().compactMap(\.email)
            let oldestFirst = try await sim.client.listSubscribers(sortOrder: "ASC").collect().compactMap(\.email)
            #expect(newestFirst == oldestFirst.reversed() && newestFirst.count == 3)
            let pending = try await sim.client.listSubscribers(status: "pending_user_migration").collect()
            #expect(pending.count == 1)
            let tooMany = try await sim.raw(.GET, "/v1/wholesale/subscribers?max=500")
            #expect(tooMany.status == 200, "a max above the cap is cut to it, as for every list")
            #expect(try JSONValue(json: tooMany.body)["items"]?.arrayValue?.count == 3)
            let none = try await sim.raw(.GET, "/v1/wholesale/subscribers?max=0")
            #expect(try JSONValue(json: none.body)["errors"]?.arrayValue?.first?["errorCode"] == .integer(Int64(SimulatorCodes.invalidOption)))
        }
    }
}
