import JSONValues
import Testing
import WholesaleAPI
import WholesaleSimulator

/// The lookups and list orders the simulator keeps beside its records follow every change: a
/// page or a find answers what a walk over every record would.
@Suite struct IndexTests {
    func page(_ sim: SimHarness, _ query: String) async throws -> [String] {
        let response = try await sim.raw(.GET, "/v1/wholesale/customers?" + query)
        #expect(response.status == 200, "\(query)")
        return try JSONValue(json: response.body)["items"]?.arrayValue?.compactMap { $0["externalId"]?.stringValue } ?? []
    }

    @Test(arguments: SimTarget.allCases)
    func pagesOfEveryMixOfStatusesMatchTheWholeList(_ target: SimTarget) async throws {
        try await withSimulator(target, configure: { $0.seedData = false }) { sim in
            let prefixes = ["sim-error-", "sim-partial-", "sim-rpl-", "sim-slow-", "plain-", "plain-more-"]
            var ids: [String] = []
            for i in 0..<36 { ids.append(try await sim.client.provisionCustomer(customerBody(prefixes[i % prefixes.count] + "\(i)")).id) }
            sim.clock.advance(by: 21)
            _ = try await sim.client.removeCustomer(ids[4])
            _ = try await sim.client.removeCustomer(ids[17])
            _ = try await sim.client.updateCustomer(ids[5], ["packages": ["webex_meetings"]])
            // The whole list, a page of 7 at a time, and each customer's status.
            var whole: [(externalId: String, status: String)] = []
            var offset = 0
            while true {
                let response = try await sim.raw(.GET, "/v1/wholesale/customers?max=7&offset=\(offset)")
                let items = try JSONValue(json: response.body)["items"]?.arrayValue ?? []
                whole += items.map { ($0["externalId"]?.stringValue ?? "", $0["status"]?.stringValue ?? "") }
                offset += 7
                if items.count < 7 { break }
            }
            #expect(whole.count == 36)
            let statuses = ["provisioned", "provisioned_with_errors", "error", "pending_rpl_review", "provisioning", "deleting", "updating"]
            #expect(Set(whole.map(\.status)) == Set(statuses), "every status is in the list")
            let mixes = statuses.map { [$0] } + [["error", "provisioned"], ["deleting", "updating", "provisioning"], statuses]
            for mix in mixes {
                let expected = whole.filter { mix.contains($0.status) }.map(\.externalId)
                for (offset, max) in [(0, 4), (3, 5), (0, 100), (11, 3), (40, 10)] {
                    let repeated = mix.map { "status=\($0)" }.joined(separator: "&")
                    let served = try await page(sim, "\(repeated)&offset=\(offset)&max=\(max)")
                    #expect(served == Array(expected.dropFirst(offset).prefix(max)), "\(mix) offset \(offset) max \(max)")
                }
            }
        }
    }

    @Test(arguments: SimTarget.allCases)
    func findsAndDuplicateChecksFollowChanges(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            let created = try await sim.client.provisionCustomer(customerBody("idx-a"))
            sim.clock.advance(by: 21)
            let orgId = try #require(try await sim.client.getCustomer(created.id).orgId)
            #expect(try await page(sim, "orgId=\(orgId)") == ["idx-a"])
            _ = try await sim.client.updateCustomer(created.id, ["packages": ["webex_meetings"], "externalId": "idx-b"])
            #expect(try await page(sim, "externalId=idx-a").isEmpty, "the old externalId finds nothing")
            #expect(try await page(sim, "externalId=idx-b") == ["idx-b"])
            _ = try await sim.client.provisionCustomer(customerBody("idx-a"))  // free again
            let taken = await #expect(throws: WholesaleError.self) { _ = try await sim.client.provisionCustomer(customerBody("idx-b")) }
            #expect(taken?.status == 409)
            // Another owner may use the same externalId.
            let active = try #require(try await sim.client.listSubPartners(provisioningState: "active").first()?.orgId)
            _ = try await sim.client.provisionCustomer(customerBody("idx-b"), onBehalfOf: active)
            #expect(try await page(sim, "externalId=idx-b&onBehalfOfSubPartnerOrgId=\(active)") == ["idx-b"])
            // A removed customer's subscribers go with it, and their emails are free again.
            let subscriber: JSONValue = ["customerId": .string(created.id), "email": "Zed@idx.example.com", "packages": ["webex_meetings"],
                                         "provisioningParameters": ["firstName": "Zed"]]
            let zed = try await sim.client.provisionSubscriber(subscriber)
            let again = await #expect(throws: WholesaleError.self) {
                _ = try await sim.client.provisionSubscriber(subscriber.setting("email", "zed@IDX.example.com"))
            }
            #expect(again?.status == 409, "one user per email, whatever its case")
            #expect(try await sim.client.listSubscribers(email: "zed@idx.example.com").collect().count == 1)
            sim.clock.advance(by: 11)
            _ = try await sim.client.removeCustomer(created.id)
            sim.clock.advance(by: 6)
            #expect(try await page(sim, "externalId=idx-b").isEmpty)
            #expect(try await page(sim, "orgId=\(orgId)").isEmpty)
            let gone = await #expect(throws: WholesaleError.self) { _ = try await sim.client.getSubscriber(zed.id!) }
            #expect(gone?.status == 404)
            let other = try #require(try await sim.client.listCustomers(externalId: "seed-provisioned").first()?.id)
            _ = try await sim.client.provisionSubscriber(subscriber.setting("customerId", .string(other)))
            #expect(try await sim.client.listSubscribers(customerId: other).collect().contains { $0.email == "Zed@idx.example.com" })
        }
    }
}

extension JSONValue {
    /// The object with `key` set to `value`.
    func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        var object = objectValue ?? [:]
        object[key] = value
        return .object(object)
    }
}
