import Foundation
import JSONValues
public import WholesaleAPI

/// A read-only capture of an account into a scenario (`wholesale sim snapshot`): sub-partners,
/// every customer of the partner and of each sub-partner, their subscribers, and billing
/// reports. Only lists are read (GET), with the client's paging, retries and tokens. What the
/// API does not expose (the packages a template allows, the partner's name, where packages are
/// not offered) is listed in the scenario's notes to fill in.
public enum ScenarioSnapshot {
    /// Captures the account `client` reaches; `progress` hears a line per part read.
    public static func capture(
        _ client: WholesaleClient, redactPII: Bool, progress: @Sendable (String) -> Void
    ) async throws(WholesaleError) -> Scenario {
        var scenario = Scenario()
        let fakes = Fakes(enabled: redactPII)
        let partners = try await client.listSubPartners(max: 100).collect()
        scenario.subPartners = partners.compactMap { partner in
            guard let orgId = partner.orgId else { return nil }
            return Scenario.SubPartner(orgId: orgId, name: nil, provisioningState: partner.provisioningState ?? "active",
                                       subscriptionId: partner.subscriptionId)
        }
        progress("\(scenario.subPartners.count) sub-partners")
        for owner in [nil] + scenario.subPartners.map({ Optional($0.orgId) }) {
            var count = 0
            for try await customer in client.listCustomers(max: 100, onBehalfOf: owner) {
                guard let entry = Self.customer(customer, owner: owner, fakes: fakes) else { continue }
                scenario.customers.append(entry)
                count += 1
                if count % 1000 == 0 { progress("\(count) customers of \(owner ?? "the partner") so far") }
            }
            progress("\(count) customers of \(owner ?? "the partner")")
            var subscribers = 0
            for try await subscriber in client.listSubscribers(max: 100, onBehalfOf: owner) {
                guard let email = subscriber.email, let customerId = subscriber.customerId else { continue }
                scenario.subscribers.append(Scenario.Subscriber(
                    id: subscriber.id, customer: customerId, email: fakes.email(email),
                    packages: subscriber.packages ?? subscriber.package.map { [$0] } ?? [],
                    status: subscriber.status?.rawValue ?? "provisioned", personId: subscriber.personId))
                subscribers += 1
            }
            progress("\(subscribers) subscribers of \(owner ?? "the partner")")
        }
        for try await report in client.listBillingReports(max: 100) {
            guard let start = report.billingStartDate, let end = report.billingEndDate else { continue }
            scenario.billingReports.append(Scenario.BillingReport(
                id: report.id, billingStartDate: start, billingEndDate: end, type: report.type ?? "PARTNER",
                status: report.status ?? "COMPLETED", subPartnerOrgId: report.json["subPartnerOrgId"]?.stringValue))
        }
        progress("\(scenario.billingReports.count) billing reports")
        scenario.notes = [
            "Captured by wholesale sim snapshot on \(Date().formatted(.iso8601)); only GET requests were sent.",
            "The API does not list customer templates: add yours under templates (provisioningId, name, packages), or leave templates out and the simulator adopts any provisioning id.",
            "The API does not say which packages a country does not offer: add unavailablePackages if your playbooks depend on it.",
            "The partner's org id and name are not readable through the Wholesale API: set partner.orgId and partner.name if your playbooks use them.",
        ] + (redactPII ? ["Names, emails and street addresses were replaced with stable fakes (--redact-pii)."] : [])
        return scenario
    }

    private static func customer(_ customer: WholesaleAPI.Customer, owner: String?, fakes: Fakes) -> Scenario.Customer? {
        guard let externalId = customer.externalId else { return nil }
        let json = customer.json
        // `packages` names them; `resourceDetails.packages` has each one's status and notes.
        let details = json["resourceDetails"]?["packages"]?.arrayValue ?? []
        let names = (json["packages"]?.arrayValue ?? []).compactMap { $0.stringValue ?? $0["name"]?.stringValue }
        let status = json["status"]?.stringValue ?? "provisioned"
        let packages: [Scenario.CustomerPackage] = names.map { name in
            let entry = details.first { $0["name"]?.stringValue == name } ?? .object([:])
            let packageStatus = entry["status"]?.stringValue
            return Scenario.CustomerPackage(
                name: name, status: packageStatus == Self.packageStatus(of: status) ? nil : packageStatus,
                errors: notes(entry["errors"]), warnings: notes(entry["warnings"]))
        }
        return Scenario.Customer(
            id: customer.id, externalId: externalId, owner: owner, orgId: json["orgId"]?.stringValue,
            status: status, packages: packages, errors: notes(json["errors"]),
            address: json["address"].map { fakes.address($0) }, customerInfo: json["customerInfo"].map { fakes.customerInfo($0) })
    }

    /// The status a package has by default when its customer has `status` (left out of the file).
    static func packageStatus(of status: String) -> String {
        switch status {
        case "provisioned", "provisioned_with_errors": return "provisioned"
        case "error": return "error"
        case "pending_rpl_review": return "provisioning"
        default: return status
        }
    }

    private static func notes(_ value: JSONValue?) -> [Scenario.Note] {
        (value?.arrayValue ?? []).compactMap { entry in
            guard let code = entry["errorCode"]?.integerValue ?? entry["code"]?.integerValue else { return nil }
            return Scenario.Note(errorCode: Int(code), description: entry["description"]?.stringValue ?? "")
        }
    }
}

/// Stable stand-ins for personal data: the same input gives the same fake, so relations (an
/// email used twice) survive.
struct Fakes {
    let enabled: Bool

    private func tag(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.lowercased().utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 36)
    }

    func email(_ email: String) -> String {
        enabled ? "user-\(tag(email))@example.invalid" : email
    }

    func name(_ name: String) -> String {
        enabled ? "Name \(tag(name))" : name
    }

    func address(_ address: JSONValue) -> JSONValue {
        guard enabled, var fields = address.objectValue else { return address }
        for key in ["addressLine1", "addressLine2"] {
            if let line = fields[key]?.stringValue { fields[key] = .string("\(tag(line).prefix(3)) Example Street") }
        }
        return .object(fields)
    }

    func customerInfo(_ info: JSONValue) -> JSONValue {
        guard enabled, var fields = info.objectValue else { return info }
        if let name = fields["name"]?.stringValue { fields["name"] = .string(self.name(name)) }
        if let email = fields["primaryEmail"]?.stringValue { fields["primaryEmail"] = .string(self.email(email)) }
        return .object(fields)
    }
}
