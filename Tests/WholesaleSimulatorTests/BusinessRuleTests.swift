import JSONValues
import Testing
import WholesaleAPI
import WholesaleSimulator

@Suite struct BusinessRuleTests {
    @Test(arguments: SimTarget.allCases)
    func invalidBodiesAre400WithEveryProblem(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            var body = customerBody("bad-1").objectValue!
            body["address"] = ["city": "Springfield", "country": "UK"]
            let response = try await sim.raw(.POST, "/v1/wholesale/customers", body: .object(body))
            #expect(response.status == 400)
            let error = try JSONValue(json: response.body)
            #expect(error["errors"]?.arrayValue?.count == 2)
            #expect(error["errors"]?.arrayValue?.allSatisfy { $0["errorCode"] == .integer(Int64(SimulatorCodes.invalidBody)) } == true)
            #expect(error["trackingId"]?.stringValue == response.header("trackingid"))
        }
    }

    @Test(arguments: SimTarget.allCases)
    func mediaTypeAndJSONAreChecked(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            let plain = try await sim.raw(.POST, "/v1/wholesale/customers", body: customerBody("x"), headers: [("Content-Type", "text/plain")])
            #expect(plain.status == 415)
            let broken = try await sim.client.transport.send(TransportRequest(
                method: .POST, url: sim.baseURL + "/v1/wholesale/customers", headers: [("Content-Type", "application/json"), bearer], body: Array("{".utf8)))
            #expect(broken.status == 400)
            let patch = try await sim.raw(.PUT, "/v1/wholesale/customers", body: customerBody("x"))
            #expect(patch.status == 405)
            let nowhere = try await sim.raw(.GET, "/v1/wholesale/nothing")
            #expect(nowhere.status == 404)
        }
    }

    @Test(arguments: SimTarget.allCases)
    func theTrackingIDIsEchoed(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            let response = try await sim.raw(.GET, "/v1/wholesale/customers/none", headers: [("TrackingID", "TEST_123")])
            #expect(response.header("trackingid") == "TEST_123")
            #expect(try JSONValue(json: response.body)["trackingId"] == "TEST_123")
        }
    }

    @Test(arguments: SimTarget.allCases)
    func duplicatesAndUnknownTemplatesAreRefused(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            _ = try await sim.client.provisionCustomer(customerBody("dup-1"))
            let duplicate = await #expect(throws: WholesaleError.self) { _ = try await sim.client.provisionCustomer(customerBody("dup-1")) }
            #expect(duplicate?.status == 409 && duplicate?.codes == [SimulatorCodes.duplicateExternalId])
            // With no templates declared, a well-formed unknown id is adopted; a malformed one is refused.
            var body = customerBody("tpl-1").objectValue!
            body["provisioningId"] = "bm8tc3VjaC10ZW1wbGF0ZQ"
            _ = try await sim.client.provisionCustomer(.object(body))
            body["provisioningId"] = "not a template!"
            body["externalId"] = "tpl-2"
            let malformed = await #expect(throws: WholesaleError.self) { _ = try await sim.client.provisionCustomer(.object(body)) }
            #expect(malformed?.status == 400 && malformed?.codes == [SimulatorCodes.unknownProvisioningId])
        }
        // A scenario that declares its templates refuses any other id.
        var declared = Scenario()
        declared.templates = SeedData.templates.map { Scenario.Template(provisioningId: $0, name: nil, packages: nil) }
        let configuration = try SimulatorConfiguration().applying(declared)
        try await withSimulator(target, configure: { $0 = configuration }) { sim in
            var body = customerBody("tpl-3").objectValue!
            body["provisioningId"] = "bm8tc3VjaC10ZW1wbGF0ZQ"
            let template = await #expect(throws: WholesaleError.self) { _ = try await sim.client.provisionCustomer(.object(body)) }
            #expect(template?.status == 400 && template?.codes == [SimulatorCodes.unknownProvisioningId])
        }
    }

    @Test(arguments: SimTarget.allCases)
    func subPartnerScopeAndSuspension(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            let partners = try await sim.client.listSubPartners().collect()
            let active = try #require(partners.first { $0.provisioningState == "active" }?.orgId)
            let suspended = try #require(partners.first { $0.provisioningState == "suspended" }?.orgId)
            let mine = try await sim.client.provisionCustomer(customerBody("scoped-1"), onBehalfOf: active)
            // The partner does not see the sub-partner's customers, and the other way round.
            let partnerView = try await sim.client.listCustomers(externalId: "scoped-1").collect()
            #expect(partnerView.isEmpty)
            await #expect(throws: WholesaleError.self) { _ = try await sim.client.getCustomer(mine.id) }
            let scoped = try await sim.client.getCustomer(mine.id, onBehalfOf: active)
            #expect(scoped.externalId == "scoped-1")
            let seeded = try await sim.client.listCustomers(onBehalfOf: active).collect().compactMap(\.externalId)
            #expect(Set(seeded) == ["seed-subpartner", "seed-subpartner-error", "scoped-1"])
            // A suspended sub-partner may only delete.
            let refused = await #expect(throws: WholesaleError.self) { _ = try await sim.client.provisionCustomer(customerBody("s-1"), onBehalfOf: suspended) }
            #expect(refused?.status == 403 && refused?.codes == [SimulatorCodes.subPartnerSuspended])
            let stranger = await #expect(throws: WholesaleError.self) { _ = try await sim.client.listCustomers(onBehalfOf: "Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi94").collect() }
            #expect(stranger?.status == 403)
        }
    }

    @Test(arguments: SimTarget.allCases)
    func aSuspendedSubPartnerMayDelete(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            let partners = try await sim.client.listSubPartners(provisioningState: "suspended").collect()
            let suspended = try #require(partners.first?.orgId)
            let missing = await #expect(throws: WholesaleError.self) { try await sim.client.removeCustomer("none", onBehalfOf: suspended) }
            #expect(missing?.status == 404, "a delete is not refused as a write: it reaches the lookup")
        }
    }

    @Test(arguments: SimTarget.allCases)
    func subscribersNeedAProvisionedCustomerAndAFreeEmail(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            let provisioning = try #require(try await sim.client.listCustomers(externalId: "seed-provisioning").first()?.id)
            let body: JSONValue = ["customerId": .string(provisioning), "email": "fay@acme.example.com", "packages": ["webex_meetings"],
                                   "provisioningParameters": ["firstName": "Fay"]]
            let early = await #expect(throws: WholesaleError.self) { _ = try await sim.client.provisionSubscriber(body) }
            #expect(early?.status == 400 && early?.codes == [SimulatorCodes.customerNotProvisioned])
            let ready = try #require(try await sim.client.listCustomers(externalId: "seed-provisioned").first()?.id)
            var taken = body.objectValue!
            taken["customerId"] = .string(ready)
            taken["email"] = "ANN.LEE@seed-provisioned.example.com"
            let duplicate = await #expect(throws: WholesaleError.self) { _ = try await sim.client.provisionSubscriber(.object(taken)) }
            #expect(duplicate?.status == 409 && duplicate?.codes == [SimulatorCodes.emailInUse])
        }
    }

    @Test(arguments: SimTarget.allCases)
    func prechecksAnswerInfo100OrTheTriggeredCode(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            let fine = try await sim.client.precheckCustomer(customerBody("pre-1", packages: ["webex_calling"]))
            #expect(fine.ok && fine.info.first?["infoCode"] == 100)
            let antarctica = try await sim.client.precheckCustomer(customerBody("pre-2", packages: ["webex_calling"], country: "AQ"))
            #expect(!antarctica.ok && antarctica.code == SimulatorCodes.packageNotOffered)
            let meetingsOnly = try await sim.client.precheckCustomer(customerBody("pre-3", packages: ["webex_meetings"], country: "AQ"))
            #expect(meetingsOnly.ok, "the fallback package set passes")
            var body = customerBody("pre-4").objectValue!
            body["address"] = ["addressLine1": "1 Unverifiable Road", "city": "Nowhere", "country": "US"]
            let address = try await sim.client.precheckCustomer(.object(body))
            #expect(!address.ok && address.code == SimulatorCodes.addressUnverifiable)
            let subscriber = try await sim.client.precheckSubscriber(["email": "ann.lee@seed-provisioned.example.com"])
            #expect(!subscriber.ok && subscriber.code == SimulatorCodes.emailInUse)
        }
    }

    @Test(arguments: SimTarget.allCases)
    func updatesWaitForBackgroundWorkWith423(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            let location = try await sim.client.provisionCustomer(customerBody("busy-1"))
            let busy = await #expect(throws: WholesaleError.self) { _ = try await sim.client.updateCustomer(location.id, ["packages": ["webex_suite"]]) }
            #expect(busy?.status == 423)
        }
    }
}
