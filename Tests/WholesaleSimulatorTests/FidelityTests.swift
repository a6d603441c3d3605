import JSONValues
import Testing
import WholesaleAPI
import WholesaleSimulator

/// Where the simulator used to answer unlike the API, each found by a real client: every test
/// runs in-process and over loopback.
@Suite struct FidelityTests {
    func json(_ response: TransportResponse) throws -> JSONValue { try JSONValue(json: response.body) }

    func externalIds(_ response: TransportResponse) throws -> [String] {
        try json(response)["items"]?.arrayValue?.compactMap { $0["externalId"]?.stringValue } ?? []
    }

    @Test(arguments: SimTarget.allCases)
    func subscriberAnswersCarryPackageAndPackages(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            let customer = try #require(try await sim.client.listCustomers(externalId: "seed-provisioned").first()?.id)
            let created = try await sim.raw(.POST, "/v1/wholesale/subscribers", body: [
                "customerId": .string(customer), "email": "pia@seed-provisioned.example.com", "packages": ["webex_calling", "attendant_console"],
                "provisioningParameters": ["firstName": "Pia", "primaryPhoneNumber": "+12405551234"],
            ])
            #expect(created.status == 200)
            #expect(try json(created)["package"] == "webex_calling", "the base package, beside the add-on")
            #expect(try json(created)["packages"] == ["webex_calling", "attendant_console"])
            let id = try #require(try json(created)["id"]?.stringValue)
            let read = try await sim.raw(.GET, "/v1/wholesale/subscribers/\(id)")
            #expect(try json(read)["package"] == "webex_calling" && json(read)["packages"] == ["webex_calling", "attendant_console"])
            let listed = try await sim.raw(.GET, "/v1/wholesale/subscribers?customerId=\(customer)")
            let items = try #require(try json(listed)["items"]?.arrayValue)
            #expect(items.count == 4 && items.allSatisfy { $0["package"]?.stringValue != nil && $0["packages"]?.arrayValue?.isEmpty == false })
            let updated = try await sim.raw(.PUT, "/v1/wholesale/subscribers/\(id)", body: ["packages": ["webex_meetings"]])
            #expect(try json(updated)["package"] == "webex_meetings" && json(updated)["packages"] == ["webex_meetings"])
            let legacy = try await sim.raw(.PUT, "/v1/wholesale/subscribers/\(id)", body: ["package": "webex_suite"])
            #expect(try json(legacy)["package"] == "webex_suite" && json(legacy)["packages"] == ["webex_suite"])
        }
    }

    @Test(arguments: SimTarget.allCases)
    func arrayParametersTakeTheRepeatedForm(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            let repeated = try await sim.raw(.GET, "/v1/wholesale/customers?status=error&status=provisioned_with_errors")
            let commas = try await sim.raw(.GET, "/v1/wholesale/customers?status=error,provisioned_with_errors")
            #expect(try externalIds(repeated) == ["seed-partial", "seed-error"])
            #expect(try externalIds(commas) == externalIds(repeated))
            let both = try await sim.raw(.GET, "/v1/wholesale/customers?status=error&status=provisioned,provisioned_with_errors")
            #expect(try externalIds(both) == ["seed-provisioned", "seed-partial", "seed-error"], "both forms at once")
            // The next link keeps every repeated value, and its page goes on in creation order.
            let first = try await sim.raw(.GET, "/v1/wholesale/customers?status=error&status=provisioned_with_errors&max=1")
            #expect(try externalIds(first) == ["seed-partial"])
            let link = try #require(first.header("Link"))
            #expect(link.contains("offset=1&max=1&status=error&status=provisioned_with_errors>; rel=\"next\""), "\(link)")
            let second = try await sim.raw(.GET, "/v1/wholesale/customers?status=error&status=provisioned_with_errors&max=1&offset=1")
            #expect(try externalIds(second) == ["seed-error"])

            func subscribers(_ query: String) async throws -> Int {
                try json(try await sim.raw(.GET, "/v1/wholesale/subscribers?" + query))["items"]?.arrayValue?.count ?? -1
            }
            #expect(try await subscribers("status=provisioned") == 2)
            #expect(try await subscribers("status=provisioned&status=pending_user_migration") == 3)
            #expect(try await subscribers("status=provisioned,pending_user_migration") == 3)
        }
    }

    @Test(arguments: SimTarget.allCases)
    func aRequestWithoutABearerTokenIs401(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            for headers: [(name: String, value: String)] in [[], [("Authorization", "Basic dXNlcjpwYXNz")], [("Authorization", "Bearer ")]] {
                let refused = try await sim.raw(.GET, "/v1/wholesale/customers", headers: headers, authorized: false)
                #expect(refused.status == 401)
                let body = try json(refused)
                #expect(body["message"] == "The request requires a valid access token set in the Authorization request header.")
                #expect(body["errors"]?.arrayValue?.first?["errorCode"] == .integer(Int64(SimulatorCodes.missingToken)))
                #expect(body["trackingId"]?.stringValue?.isEmpty == false)
            }
            let create = try await sim.raw(.POST, "/v1/wholesale/customers", body: customerBody("no-token"), authorized: false)
            #expect(create.status == 401)
            #expect(try await sim.client.listCustomers(externalId: "no-token").collect().isEmpty, "nothing was done")
            let anyToken = try await sim.raw(.GET, "/v1/wholesale/customers", headers: [("Authorization", "bearer x")])
            #expect(anyToken.status == 200, "any token is taken, whatever the scheme's case")
        }
    }

    @Test(arguments: SimTarget.allCases)
    func everyListCutsALargeMaxToItsCap(_ target: SimTarget) async throws {
        try await withSimulator(target, configure: { $0.maxPageSize = 2 }) { sim in
            for period in ["2025-01", "2025-02", "2025-03"] {
                _ = try await sim.client.createBillingReport(["billingStartDate": .string(period + "-01"), "billingEndDate": .string(period + "-28")])
            }
            for path in ["/wholesale/customers", "/wholesale/subscribers", "/wholesale/billing/reports", "/wholesale/subPartners"] {
                let response = try await sim.raw(.GET, "/v1" + path + "?max=500")
                #expect(response.status == 200, "\(path)")
                #expect(try json(response)["items"]?.arrayValue?.count == 2, "\(path)")
                #expect(response.header("Link")?.contains("offset=2&max=2>; rel=\"next\"") == true, "\(path): \(response.header("Link") ?? "")")
                let zero = try await sim.raw(.GET, "/v1" + path + "?max=0")
                #expect(zero.status == 400, "\(path): 0 is no page size")
            }
        }
    }

    @Test(arguments: SimTarget.allCases)
    func billingReportListsArePagesOf100ListReports(_ target: SimTarget) async throws {
        try await withSimulator(target, configure: { $0.seedData = false }) { sim in
            for day in 1...101 {
                let start = String(format: "2024-%02d-%02d", (day - 1) / 28 + 1, (day - 1) % 28 + 1)
                _ = try await sim.client.createBillingReport(["billingStartDate": .string(start), "billingEndDate": .string(start)])
            }
            let first = try await sim.raw(.GET, "/v1/wholesale/billing/reports")
            let items = try #require(try json(first)["items"]?.arrayValue)
            #expect(items.count == 100, "the specification's default page size")
            #expect(first.header("Link")?.contains("offset=100&max=100>; rel=\"next\"") == true)
            let keys = Set(items[0].objectValue?.keys.map { $0 } ?? [])
            #expect(keys == ["id", "billingStartDate", "billingEndDate", "status", "type", "category"], "ListReport: \(keys.sorted())")
            let one = try json(try await sim.raw(.GET, "/v1/wholesale/billing/reports/" + (items[0]["id"]?.stringValue ?? "")))
            #expect(one["created"]?.stringValue != nil && one["createdBy"]?.stringValue != nil && one["category"] == "RECONCILIATION")
            let subscribers = try await sim.raw(.GET, "/v1/wholesale/subscribers")
            #expect(subscribers.status == 200, "other lists keep their default")
        }
    }

    @Test(arguments: SimTarget.allCases)
    func aSubscriberUpdateMaySendPackageAndPackagesThatAgree(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            let subscriber = try #require(try await sim.client.listSubscribers(status: "provisioned").first()?.id)
            let raw = try await sim.raw(.PUT, "/v1/wholesale/subscribers/\(subscriber)", body: ["package": "webex_meetings", "packages": ["webex_meetings"]])
            #expect(raw.status == 200)
            #expect(try json(raw)["package"] == "webex_meetings" && json(raw)["packages"] == ["webex_meetings"])
            // The client checks bodies with the same rules before sending.
            let updated = try await sim.client.updateSubscriber(subscriber, ["package": "webex_suite", "packages": ["webex_suite"]])
            #expect(updated.package == "webex_suite")
            let disagree = try await sim.raw(.PUT, "/v1/wholesale/subscribers/\(subscriber)", body: ["package": "webex_meetings", "packages": ["webex_suite"]])
            #expect(disagree.status == 400)
            #expect(try json(disagree)["message"]?.stringValue?.contains("packages: does not name \"webex_meetings\"") == true, "\(String(decoding: disagree.body, as: UTF8.self))")
        }
    }
}
