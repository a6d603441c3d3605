import Foundation
import JSONValues

/// The JSON the API shows for each kind of record (shapes from the OpenAPI document).
extension Simulator {
    func render(_ c: CustomerRecord, origin: String, licenses: Bool = false) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(c.id), "externalId": .string(c.externalId), "address": c.address, "status": .string(c.status),
            "packages": .array(c.packages.map(JSONValue.string)),
        ]
        // The organisation id is shown once the customer is provisioned.
        if ["provisioned", "provisioned_with_errors", "updating"].contains(c.status) { object["orgId"] = .string(c.orgId) }
        let packages: [JSONValue] = c.packages.map { name in
            var package: [String: JSONValue] = ["name": .string(name), "status": .string(c.packageStatus[name] ?? "provisioning")]
            if let warnings = c.packageWarnings[name], !warnings.isEmpty { package["warnings"] = .array(warnings.map(\.json)) }
            if let errors = c.packageErrors[name], !errors.isEmpty { package["errors"] = .array(errors.map(\.json)) }
            if licenses, let ids = c.licenseIds[name], c.packageStatus[name] == "provisioned" { package["licenseIds"] = .array(ids.map(JSONValue.string)) }
            return .object(package)
        }
        object["resourceDetails"] = ["packages": .array(packages)]
        if !c.errors.isEmpty { object["errors"] = .array(c.errors.map(\.json)) }
        return .object(object)
    }

    func render(_ s: SubscriberRecord, in state: SimulatorState) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(s.id), "email": .string(s.email), "customerId": .string(s.customerId),
            "packages": .array(s.packages.map(JSONValue.string)), "status": .string(s.status),
            "created": .string(Self.iso(s.created)), "lastStatusChange": .string(Self.iso(s.lastStatusChange)),
        ]
        // The deprecated `package` beside `packages`, as the specification's schema and examples show.
        if let package = s.package ?? legacyPackage(s.packages) { object["package"] = .string(package) }
        if s.status == "provisioned" { object["personId"] = .string(s.personId) }
        if let customer = state.customers[s.customerId] { object["externalCustomerId"] = .string(customer.externalId) }
        if !s.errors.isEmpty { object["errors"] = .array(s.errors.map(\.json)) }
        return .object(object)
    }

    /// The value of a subscriber's deprecated `package`: its base package, when `package` can
    /// name it (it takes six values; a subscriber on another package shows `packages` alone).
    func legacyPackage(_ packages: [String]) -> String? {
        packages.first { name in validator.catalog.package(named: name).map { !$0.isAddOn && $0.legacySubscriberValue } ?? false }
    }

    func render(_ r: ReportRecord, full: Bool) -> JSONValue {
        // A list item is the specification's ListReport (id, dates, status, type, category); one
        // report read by id is its Report, with when and by whom it was created.
        var object: [String: JSONValue] = [
            "id": .string(r.id), "billingStartDate": .string(r.billingStartDate), "billingEndDate": .string(r.billingEndDate),
            "type": .string(r.type), "status": .string(r.status), "category": .string(r.category),
        ]
        if full {
            object["created"] = .string(Self.iso(r.created))
            object["createdBy"] = .string(r.createdBy)
            if r.status == "COMPLETED" {
                object["tempDownloadURL"] = .string("https://billing-reports.sim.invalid/\(r.id).csv?signature=simulated")
            }
            if !r.errors.isEmpty {
                object["errors"] = .array(r.errors.map { ["code": .integer(Int64($0.errorCode)), "description": .string($0.description)] })
            }
        }
        return .object(object)
    }

    func render(_ p: SubPartnerRecord) -> JSONValue {
        ["orgId": .string(p.orgId), "subscriptionId": .string(p.subscriptionId), "provisioningState": .string(p.provisioningState),
         "created": .string(Self.iso(p.created)), "billingStartDate": .string(Self.iso(p.billingStartDate))]
    }

    /// ISO 8601 with milliseconds, UTC (`2026-11-23T19:28:27.123Z`).
    static func iso(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    /// Reads epoch milliseconds or ISO 8601 (the forms `after` and `lastStatusChange` take).
    static func instant(_ text: String) -> Double? {
        if let ms = Double(text) { return ms / 1000 }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)?.timeIntervalSince1970
    }
}
