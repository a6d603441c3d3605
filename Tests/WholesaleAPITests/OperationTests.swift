import JSONValues
import Testing
import WholesaleAPI
import WholesaleAPITesting

/// Answers every operation the way Webex does, so each call can be checked on the wire.
let cannedAPI: ScriptedServer.Handler = { request in
    let customer: JSONValue = ["id": "cust-1", "externalId": "ext-1", "status": "provisioned"]
    let subscriber: JSONValue = ["id": "sub-1", "email": "ann+ops@acme.com", "status": "provisioned"]
    let report: JSONValue = ["id": "rep-1", "status": "IN_PROGRESS"]
    switch (request.method, request.path) {
    case ("GET", "/v1/wholesale/customers"): return .respond(.json(200, ["items": [customer]]))
    case ("POST", "/v1/wholesale/customers"), ("PUT", "/v1/wholesale/customers/cust-1"):
        let url = "https://webexapis.com/v1/wholesale/customers/cust-1"
        return .respond(.json(202, ["url": .string(url)], headers: [("Location", url)]))
    case ("GET", "/v1/wholesale/customers/cust-1"): return .respond(.json(200, customer))
    case ("DELETE", "/v1/wholesale/customers/cust-1"): return .respond(TransportResponse(status: 202))
    case ("POST", "/v1/wholesale/customers/validate"), ("POST", "/v1/wholesale/subscribers/validate"):
        return .respond(.json(200, ["message": "success", "info": [["infoCode": 100, "description": "Provisioning preCheck validation successful."]]]))
    case ("GET", "/v1/wholesale/subPartners"): return .respond(.json(200, ["items": [["orgId": "org-9", "provisioningState": "active"]]]))
    case ("GET", "/v1/wholesale/subscribers"): return .respond(.json(200, ["items": [subscriber]]))
    case ("POST", "/v1/wholesale/subscribers"), ("GET", "/v1/wholesale/subscribers/sub-1"), ("PUT", "/v1/wholesale/subscribers/sub-1"):
        return .respond(.json(200, subscriber))
    case ("DELETE", "/v1/wholesale/subscribers/sub-1"), ("POST", "/v1/subscribers/sub-1/emails/consentMove"),
         ("DELETE", "/v1/wholesale/billing/reports/rep-1"):
        return .respond(TransportResponse(status: 204))
    case ("GET", "/v1/wholesale/billing/reports"): return .respond(.json(200, ["items": [report]]))
    case ("POST", "/v1/wholesale/billing/reports"), ("GET", "/v1/wholesale/billing/reports/rep-1"): return .respond(.json(200, report))
    default: return .respond(.webexError(404, "no route \(request.method) \(request.path)"))
    }
}

/// One operation: how to call it, and what must arrive at the server.
struct OperationCase: CustomTestStringConvertible, Sendable {
    let operation: Operation
    let call: @Sendable (WholesaleClient) async throws -> Void
    let path: String
    let query: [String: String]
    let body: JSONValue?
    var testDescription: String { operation.rawValue }
}

let sp = "org-sub-9"
let operationCases: [OperationCase] = [
    OperationCase(operation: .customersList, call: { _ = try await $0.listCustomers(externalId: "ext-1", orgId: "org-1", status: ["error", "provisioning"], max: 10, onBehalfOf: sp).collect() },
                  path: "/v1/wholesale/customers", query: ["externalId": "ext-1", "orgId": "org-1", "status": "error,provisioning", "max": "10", "onBehalfOfSubPartnerOrgId": sp], body: nil),
    OperationCase(operation: .customersProvision, call: { let value = try await $0.provisionCustomer(validCustomer, onBehalfOf: sp).id; #expect(value == "cust-1") },
                  path: "/v1/wholesale/customers", query: ["onBehalfOfSubPartnerOrgId": sp], body: validCustomer),
    OperationCase(operation: .customersGet, call: { let value = try await $0.getCustomer("cust-1", includePackageLicenseInfo: true, onBehalfOf: sp).status; #expect(value == .provisioned) },
                  path: "/v1/wholesale/customers/cust-1", query: ["includePackageLicenseInfo": "true", "onBehalfOfSubPartnerOrgId": sp], body: nil),
    OperationCase(operation: .customersUpdate, call: { _ = try await $0.updateCustomer("cust-1", ["packages": ["webex_meetings"]], onBehalfOf: sp) },
                  path: "/v1/wholesale/customers/cust-1", query: ["onBehalfOfSubPartnerOrgId": sp], body: ["packages": ["webex_meetings"]]),
    OperationCase(operation: .customersRemove, call: { try await $0.removeCustomer("cust-1", onBehalfOf: sp) },
                  path: "/v1/wholesale/customers/cust-1", query: ["onBehalfOfSubPartnerOrgId": sp], body: nil),
    OperationCase(operation: .customersPrecheck, call: { let value = try await $0.precheckCustomer(validCustomer, onBehalfOf: sp).ok; #expect(value) },
                  path: "/v1/wholesale/customers/validate", query: ["onBehalfOfSubPartnerOrgId": sp], body: validCustomer),
    OperationCase(operation: .subPartnersList, call: { let value = try await $0.listSubPartners(provisioningState: "active", max: 5).collect().map(\.orgId); #expect(value == ["org-9"]) },
                  path: "/v1/wholesale/subPartners", query: ["provisioningState": "active", "max": "5"], body: nil),
    OperationCase(operation: .subscribersList, call: {
        _ = try await $0.listSubscribers(customerId: "cust-1", personId: "p-1", externalCustomerId: "ext-1", email: "ann+ops@acme.com", status: "provisioned",
                                         after: "1700000000000", lastStatusChange: "2026-01-01T00:00:00Z", sortBy: "lastStatusChange", sortOrder: "DESC",
                                         max: 100, offset: 0, onBehalfOf: sp).collect()
    }, path: "/v1/wholesale/subscribers", query: [
        "customerId": "cust-1", "personId": "p-1", "externalCustomerId": "ext-1", "email": "ann+ops@acme.com", "status": "provisioned",
        "after": "1700000000000", "lastStatusChange": "2026-01-01T00:00:00Z", "sortBy": "lastStatusChange", "sortOrder": "DESC",
        "max": "100", "offset": "0", "onBehalfOfSubPartnerOrgId": sp,
    ], body: nil),
    OperationCase(operation: .subscribersProvision, call: { let value = try await $0.provisionSubscriber(validSubscriber, onBehalfOf: sp).id; #expect(value == "sub-1") },
                  path: "/v1/wholesale/subscribers", query: ["onBehalfOfSubPartnerOrgId": sp], body: validSubscriber),
    OperationCase(operation: .subscribersGet, call: { _ = try await $0.getSubscriber("sub-1", onBehalfOf: sp) },
                  path: "/v1/wholesale/subscribers/sub-1", query: ["onBehalfOfSubPartnerOrgId": sp], body: nil),
    OperationCase(operation: .subscribersUpdate, call: { _ = try await $0.updateSubscriber("sub-1", ["packages": ["webex_meetings"]], onBehalfOf: sp) },
                  path: "/v1/wholesale/subscribers/sub-1", query: ["onBehalfOfSubPartnerOrgId": sp], body: ["packages": ["webex_meetings"]]),
    OperationCase(operation: .subscribersRemove, call: { try await $0.removeSubscriber("sub-1", onBehalfOf: sp) },
                  path: "/v1/wholesale/subscribers/sub-1", query: ["onBehalfOfSubPartnerOrgId": sp], body: nil),
    OperationCase(operation: .subscribersPrecheck, call: { let value = try await $0.precheckSubscriber(["email": "ann@acme.com", "customerId": "cust-1"], onBehalfOf: sp).ok; #expect(value) },
                  path: "/v1/wholesale/subscribers/validate", query: ["onBehalfOfSubPartnerOrgId": sp], body: ["email": "ann@acme.com", "customerId": "cust-1"]),
    OperationCase(operation: .subscribersConsentMove, call: { try await $0.sendConsentMoveEmail(subscriberId: "sub-1", onBehalfOf: sp) },
                  path: "/v1/subscribers/sub-1/emails/consentMove", query: ["onBehalfOfSubPartnerOrgId": sp], body: nil),
    OperationCase(operation: .billingList, call: {
        _ = try await $0.listBillingReports(billingStartDate: "2026-01-01", billingEndDate: "2026-01-31", type: "CUSTOMER", sortBy: "status",
                                            status: "COMPLETED", max: 50, subPartnerOrgId: sp).collect()
    }, path: "/v1/wholesale/billing/reports", query: [
        "billingStartDate": "2026-01-01", "billingEndDate": "2026-01-31", "type": "CUSTOMER", "sortBy": "status", "status": "COMPLETED",
        "max": "50", "subPartnerOrgId": sp,
    ], body: nil),
    OperationCase(operation: .billingCreate, call: { let value = try await $0.createBillingReport(["billingStartDate": "2026-01-01", "billingEndDate": "2026-01-31"]).id; #expect(value == "rep-1") },
                  path: "/v1/wholesale/billing/reports", query: [:], body: ["billingStartDate": "2026-01-01", "billingEndDate": "2026-01-31"]),
    OperationCase(operation: .billingGet, call: { let value = try await $0.getBillingReport("rep-1").status; #expect(value == "IN_PROGRESS") },
                  path: "/v1/wholesale/billing/reports/rep-1", query: [:], body: nil),
    OperationCase(operation: .billingRemove, call: { try await $0.removeBillingReport("rep-1") },
                  path: "/v1/wholesale/billing/reports/rep-1", query: [:], body: nil),
]

@Suite struct OperationTests {
    @Test func everyOperationHasACase() {
        #expect(Set(Operation.allCases).subtracting(operationCases.map(\.operation)) == [])
        #expect(Operation.allCases.count == 18)
    }

    @Test(arguments: operationCases)
    func sendsMethodPathQueryBodyAndHeaders(_ c: OperationCase) async throws {
        try await withServer(cannedAPI) { client, server in
            try await c.call(client)
            let request = try #require(server.requests.first)
            #expect(server.requests.count == 1)
            #expect(request.method == c.operation.method.rawValue)
            #expect(request.path == c.path)
            #expect(Dictionary(request.query.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }) == c.query)
            #expect(request.json == c.body)
            #expect(request.header("Authorization") == "Bearer test-token-0123456789")
            #expect(request.header("Accept") == "application/json")
            #expect(request.header("Content-Type") == (c.body == nil ? nil : "application/json"))
            #expect(request.header("TrackingID")?.hasPrefix("WHOLESALE_") == true)
        }
    }

    @Test func trackingIDsAreUniqueAndUUIDShaped() async throws {
        try await withServer(cannedAPI) { client, server in
            for _ in 0..<200 { _ = try await client.getCustomer("cust-1") }
            let ids = server.requests.compactMap { $0.header("TrackingID") }
            #expect(Set(ids).count == 200)
            let shape = /WHOLESALE_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/
            #expect(ids.allSatisfy { $0.wholeMatch(of: shape) != nil }, "\(ids.prefix(3))")
        }
    }

    @Test func invalidBodiesAreNotSent() async throws {
        try await withServer(cannedAPI) { client, server in
            var body = validCustomer.objectValue!
            body["address"] = ["city": "Milpitas", "country": "USA"]
            let error = await #expect(throws: WholesaleError.self) { _ = try await client.provisionCustomer(.object(body)) }
            #expect(error?.kind == .validation)
            #expect(error?.problems.map(\.path).sorted() == ["address.addressLine1", "address.country"])
            #expect(error?.description.hasPrefix("customers.provision: invalid request, not sent: ") == true)
            let listError = await #expect(throws: WholesaleError.self) { _ = try await client.listSubscribers(max: 500).collect() }
            #expect(listError?.problems.first?.rule == .queryMax)
            #expect(server.requests.isEmpty)
        }
    }

    @Test func warningsDoNotStopARequest() async throws {
        try await withServer(cannedAPI) { client, server in
            // A calling package without a number: fine for a user already on Webex Calling.
            let body: JSONValue = ["customerId": "cust-1", "email": "ann@acme.com", "packages": ["webex_calling"], "provisioningParameters": ["firstName": "Ann"]]
            _ = try await client.provisionSubscriber(body)
            #expect(server.requests.count == 1)
        }
    }

    @Test func precheckRefusalsAreResults() async throws {
        try await withServer({ request in
            request.json?["externalId"] == "bad"
                ? .respond(.webexError(400, "Package not offered in country", code: 4004))
                : .respond(.json(200, ["message": "Address could not be verified", "info": ["infoCode": 205, "description": "x"]]))
        }) { client, _ in
            var body = validCustomer.objectValue!
            body["externalId"] = "bad"
            let refused = try await client.precheckCustomer(.object(body))
            #expect(!refused.ok && refused.code == 4004 && refused.status == 400 && refused.message == "Package not offered in country")
            let soft = try await client.precheckCustomer(validCustomer)
            #expect(!soft.ok && soft.status == 200 && soft.info.count == 1)
        }
    }

    @Test func errorsCarryStatusCodesAndTrackingId() async throws {
        try await withServer({ _ in .respond(.webexError(409, "externalId already exists", code: 10022)) }) { client, _ in
            let error = await #expect(throws: WholesaleError.self) { _ = try await client.provisionCustomer(validCustomer) }
            #expect(error?.kind == .http && error?.status == 409 && error?.codes == [10022] && error?.retryable == false)
            #expect(error?.description == "customers.provision: HTTP 409 Conflict: externalId already exists (code 10022, trackingId ROUTER_TEST)")
        }
    }

    @Test func baseURLsMustBeHTTPSOrLoopback() throws {
        try WholesaleClient.checkBaseURL("https://webexapis.com")
        try WholesaleClient.checkBaseURL("http://127.0.0.1:8080")
        try WholesaleClient.checkBaseURL("http://localhost:9")
        #expect(throws: WholesaleError.self) { try WholesaleClient.checkBaseURL("http://example.com") }
        #expect(throws: WholesaleError.self) { try WholesaleClient.checkBaseURL("webexapis.com") }
    }
}
