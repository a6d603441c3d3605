import Foundation
import JSONValues
import Testing
import WholesaleAPI
import WholesaleSimulator

@Suite struct LifecycleTests {
    @Test(arguments: SimTarget.allCases)
    func aCustomerIsProvisionedOnTheClock(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            let location = try await sim.client.provisionCustomer(customerBody("acme-1", packages: ["webex_calling", "webex_meetings"]))
            #expect(location.url.hasSuffix("/v1/wholesale/customers/" + location.id))
            var customer = try await sim.client.getCustomer(location.id)
            #expect(customer.status == .provisioning && customer.orgId == nil)
            #expect(customer.packageDetails.map(\.status) == ["provisioning", "provisioning"])
            sim.clock.advance(by: 21)
            customer = try await sim.client.getCustomer(location.id, includePackageLicenseInfo: true)
            #expect(customer.status == .provisioned && customer.orgId != nil)
            #expect(customer.packageDetails.allSatisfy { $0.status == "provisioned" && $0.licenseIds?.count == 1 })
            #expect(Data(base64URL: location.id)?.hasPrefix("ciscospark://us/ENTERPRISE/") == true)
        }
    }

    @Test(arguments: SimTarget.allCases)
    func triggersEndProvisioningInErrorsOrReview(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            let partial = try await sim.client.provisionCustomer(customerBody("sim-partial-1", packages: ["webex_calling"]))
            let failed = try await sim.client.provisionCustomer(customerBody("sim-error-1"))
            let reviewed = try await sim.client.provisionCustomer(customerBody("sim-rpl-1"))
            sim.clock.advance(by: 2)
            #expect(try await sim.client.getCustomer(reviewed.id).status == .pendingRPLReview)
            sim.clock.advance(by: 60)
            let p = try await sim.client.getCustomer(partial.id)
            #expect(p.status == .provisionedWithErrors)
            #expect(p.packageDetails.first?.status == "error" && p.packageDetails.first?.warnings.first?.code == 2560)
            let f = try await sim.client.getCustomer(failed.id)
            #expect(f.status == .error && f.errors.first?.code == SimulatorCodes.provisioningFailed)
            #expect(try await sim.client.getCustomer(reviewed.id).status == .provisioned)
        }
    }

    @Test(arguments: SimTarget.allCases)
    func updatesReplaceThePackagesAndRemovalEndsIn404(_ target: SimTarget) async throws {
        try await withSimulator(target, retry: .init()) { sim in
            let location = try await sim.client.provisionCustomer(customerBody("acme-2", packages: ["webex_calling", "webex_meetings"]))
            sim.clock.advance(by: 21)
            _ = try await sim.client.updateCustomer(location.id, ["packages": ["webex_meetings"]])
            var customer = try await sim.client.getCustomer(location.id)
            #expect(customer.status == .updating && customer.packages == ["webex_meetings"])
            sim.clock.advance(by: 11)
            customer = try await sim.client.getCustomer(location.id)
            #expect(customer.status == .provisioned && customer.packageDetails.map(\.name) == ["webex_meetings"])
            try await sim.client.removeCustomer(location.id)
            #expect(try await sim.client.getCustomer(location.id).status == .deleting)
            sim.clock.advance(by: 6)
            let error = await #expect(throws: WholesaleError.self) { _ = try await sim.client.getCustomer(location.id) }
            #expect(error?.status == 404 && error?.codes == [SimulatorCodes.customerNotFound])
        }
    }

    @Test(arguments: SimTarget.allCases)
    func subscribersAndTheConsentEmail(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            let customer = try #require(try await sim.client.listCustomers(externalId: "seed-provisioned").first())
            let body: JSONValue = ["customerId": .string(customer.id!), "email": "dana@acme.example.com", "packages": ["webex_meetings"],
                                   "provisioningParameters": ["firstName": "Dana", "lastName": "Ek"]]
            let dana = try await sim.client.provisionSubscriber(body)
            #expect(dana.status == .provisioned && dana.personId != nil && dana.externalCustomerId == "seed-provisioned")
            var freeBody = body.objectValue!
            freeBody["email"] = "existing-free.eli@acme.example.com"
            let eli = try await sim.client.provisionSubscriber(.object(freeBody))
            #expect(eli.status == .pendingUserMigration && eli.personId == nil)
            try await sim.client.sendConsentMoveEmail(subscriberId: eli.id!)
            sim.clock.advance(by: 31)
            #expect(try await sim.client.getSubscriber(eli.id!).status == .provisioned)
            let again = await #expect(throws: WholesaleError.self) { try await sim.client.sendConsentMoveEmail(subscriberId: eli.id!) }
            #expect(again?.codes == [SimulatorCodes.notPendingMigration])
            try await sim.client.removeSubscriber(dana.id!)
            await #expect(throws: WholesaleError.self) { _ = try await sim.client.getSubscriber(dana.id!) }
        }
    }

    @Test(arguments: SimTarget.allCases)
    func billingReportsCompleteOrFail(_ target: SimTarget) async throws {
        try await withSimulator(target) { sim in
            let done = try await sim.client.createBillingReport(["billingStartDate": "2025-01-01", "billingEndDate": "2025-01-31", "type": "CUSTOMER"])
            let open = try await sim.client.createBillingReport(["billingStartDate": "2025-01-01", "billingEndDate": "2099-01-31"])
            #expect(try await sim.client.getBillingReport(done.id!).status == "IN_PROGRESS")
            sim.clock.advance(by: 11)
            let completed = try await sim.client.getBillingReport(done.id!)
            #expect(completed.status == "COMPLETED" && completed.tempDownloadURL != nil && completed.category == "RECONCILIATION")
            let failed = try await sim.client.getBillingReport(open.id!)
            #expect(failed.status == "FAILED" && failed.errors.first?.code == SimulatorCodes.billingPeriodOpen)
            let listed = try await sim.client.listBillingReports(status: "COMPLETED").collect()
            #expect(listed.map(\.id) == [done.id])
            try await sim.client.removeBillingReport(done.id!)
            let gone = await #expect(throws: WholesaleError.self) { _ = try await sim.client.getBillingReport(done.id!) }
            #expect(gone?.codes == [2024])
        }
    }

    @Test func seedDataStartsInSeveralStates() async throws {
        try await withSimulator(.inProcess) { sim in
            let customers = try await sim.client.listCustomers().collect()
            #expect(Set(customers.compactMap(\.status?.rawValue)) == ["provisioned", "provisioned_with_errors", "error", "provisioning"])
            let partners = try await sim.client.listSubPartners().collect()
            #expect(partners.map(\.provisioningState) == ["active", "active", "suspended"])
            let subscribers = try await sim.client.listSubscribers().collect()
            #expect(subscribers.count == 3)
        }
    }
}

extension Data {
    /// Decodes base64url with or without padding.
    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }

    func hasPrefix(_ text: String) -> Bool { starts(with: Data(text.utf8)) }
}
