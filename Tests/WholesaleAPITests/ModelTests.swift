import JSONValues
import Testing
import WholesaleAPI
import WholesaleAPITesting

@Suite struct ModelTests {
    /// A customer as the API might send it a year from now: fields the client has never heard of,
    /// at the top and deep inside.
    let futureCustomer = #"""
    {"id":"Y2lzY29zcGFyazovL3VzL0VOVEVSUFJJU0UvNTJj","orgId":"org-1","externalId":"ext-1","status":"provisioned_with_errors",
     "packages":["webex_calling"],"address":{"addressLine1":"771 Alder Drive","city":"Milpitas","country":"US","geo":{"lat":37.4,"lon":-121.9}},
     "resourceDetails":{"packages":[{"name":"webex_calling","status":"error","warnings":[{"errorCode":2560,"description":"maintenance"}],"region":"us-west"}],
                        "addOns":[{"name":"meetings_toll_dialin","status":"provisioned"}]},
     "errors":[],"sla":{"tier":"gold","since":1700000000000},"billingRef":null}
    """#

    @Test func unknownFieldsSurviveReadChangeWrite() async throws {
        let stored = futureCustomer
        try await withServer({ request in
            request.method == "GET" ? .respond(TransportResponse(status: 200, body: Array(stored.utf8))) : .respond(.json(202, ["url": "https://x/v1/wholesale/customers/c"]))
        }) { client, server in
            var customer = try await client.getCustomer("c")
            #expect(customer.status == .provisionedWithErrors && customer.status?.isTerminal == true)
            #expect(customer.packageDetails.first?.warnings.first?.code == 2560)
            #expect(customer.address?.country == "US")
            customer.packages = ["webex_calling", "webex_meetings"]
            customer.address?.city = "San Jose"
            var body = customer.json
            for key in ["id", "orgId", "status", "resourceDetails", "errors"] { body.removeValue(forKey: key) }
            _ = try await client.updateCustomer("c", .object(body))
            let sent = try #require(server.requests.last?.json)
            #expect(sent["sla"] == ["tier": "gold", "since": 1_700_000_000_000])
            #expect(sent["address"]?["geo"] == ["lat": 37.4, "lon": -121.9])
            #expect(sent["address"]?["city"] == "San Jose")
            #expect(sent["billingRef"] == .null)
            #expect(sent["packages"] == ["webex_calling", "webex_meetings"])
        }
    }

    @Test func missingFieldsReadAsNil() throws {
        let customer = try #require(Customer(JSONValue(json: "{}")))
        #expect(customer.id == nil && customer.status == nil && customer.packageDetails.isEmpty && customer.errors.isEmpty)
        let odd = try #require(Customer(JSONValue(json: #"{"status":"pending_partner_review","packages":"webex_calling"}"#)))
        #expect(odd.status?.rawValue == "pending_partner_review" && odd.status?.isTerminal == false)
        #expect(odd.packages == nil)
    }

    @Test func subscriberAndBillingModels() throws {
        let subscriber = try #require(Subscriber(JSONValue(json: #"{"id":"s","status":"pending_user_migration","created":"2026-01-02T03:04:05.791232Z"}"#)))
        #expect(subscriber.status == .pendingUserMigration && subscriber.created == "2026-01-02T03:04:05.791232Z")
        let report = try #require(BillingReport(JSONValue(json: #"{"id":"r","status":"FAILED","errors":[{"code":2024,"description":"Billing Report not found."}]}"#)))
        #expect(report.isFinished && report.errors.first?.code == 2024)
    }

    @Test func accessTokensDescribeThemselvesWithoutTheSecret() {
        let token = AccessToken("abc-secret-xyz")
        #expect("\(token)" == "AccessToken(<redacted>)")
        var dumped = ""
        dump(token, to: &dumped)
        #expect(!dumped.contains("abc-secret-xyz"))
    }

    @Test func theInProcessTransportCarriesTheSameRules() async throws {
        // No sockets: the client's retries work the same over a function call.
        let transport = InProcessTransport { request in
            request.header("TrackingID") == nil ? TransportResponse(status: 400) : .json(200, ["items": [["orgId": "o1"]]])
        }
        let client = WholesaleClient(baseURL: "http://sim.invalid", transport: transport, tokens: nil)
        let partners = try await client.listSubPartners().collect()
        #expect(partners.map(\.orgId) == ["o1"])
    }
}
