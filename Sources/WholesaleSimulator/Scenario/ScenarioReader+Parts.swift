import JSONValues
import WholesaleValidation

/// The readers of a scenario's lists: templates, unavailable packages, sub-partners, customers,
/// subscribers and billing reports, each checked against the others where they refer to them.
extension ScenarioReader {
    mutating func readTemplates(_ value: JSONValue) -> [Scenario.Template] {
        var seen: Set<String> = []
        return array(value, "templates").enumerated().compactMap { offset, element in
            let path = JSONPath.index("templates", Int64(offset + 1))
            guard let members = object(element, path, keys: ["provisioningId", "name", "packages"]),
                  let id = string(members["provisioningId"], JSONPath.member(path, "provisioningId"), required: true)
            else { return nil }
            if !seen.insert(id).inserted { problem(JSONPath.member(path, "provisioningId"), "provisioningId \(id) is declared twice") }
            let packages = members["packages"].map { list in
                array(list, JSONPath.member(path, "packages")).enumerated().compactMap {
                    package($1, JSONPath.index(JSONPath.member(path, "packages"), Int64($0 + 1)), forCustomers: true)
                }
            }
            return Scenario.Template(provisioningId: id, name: string(members["name"], JSONPath.member(path, "name")), packages: packages)
        }
    }

    mutating func readUnavailable(_ value: JSONValue) -> [String: [String]] {
        guard let members = value.objectValue else {
            problem("unavailablePackages", "expected an object of country codes, got \(Self.kind(value))")
            return [:]
        }
        var table: [String: [String]] = [:]
        for (code, list) in members.sorted(by: { $0.key < $1.key }) {
            let path = JSONPath.member("unavailablePackages", code)
            guard country(code, path) else { continue }
            table[code] = array(list, path).enumerated().compactMap { package($1, JSONPath.index(path, Int64($0 + 1)), forCustomers: false) }
        }
        return table
    }

    mutating func readSubPartners(_ value: JSONValue?) -> [Scenario.SubPartner] {
        var seen: Set<String> = []
        return array(value, "subPartners").enumerated().compactMap { offset, element in
            let path = JSONPath.index("subPartners", Int64(offset + 1))
            guard let members = object(element, path, keys: ["orgId", "name", "provisioningState", "subscriptionId"]),
                  let orgId = string(members["orgId"], JSONPath.member(path, "orgId"), required: true)
            else { return nil }
            if !seen.insert(orgId).inserted { problem(JSONPath.member(path, "orgId"), "sub-partner \(orgId) is declared twice") }
            return Scenario.SubPartner(
                orgId: orgId, name: string(members["name"], JSONPath.member(path, "name")),
                provisioningState: string(members["provisioningState"], JSONPath.member(path, "provisioningState"), allowed: Scenario.subPartnerStates) ?? "active",
                subscriptionId: string(members["subscriptionId"], JSONPath.member(path, "subscriptionId")))
        }
    }

    mutating func readCustomers(_ value: JSONValue?, subPartners: Set<String>) -> [Scenario.Customer] {
        var externalIds: [String: String] = [:]
        var ids: Set<String> = []
        let keys = ["id", "externalId", "owner", "orgId", "status", "packages", "errors", "address", "customerInfo"]
        return array(value, "customers").enumerated().compactMap { offset, element in
            let path = JSONPath.index("customers", Int64(offset + 1))
            guard let members = object(element, path, keys: keys),
                  let externalId = string(members["externalId"], JSONPath.member(path, "externalId"), required: true)
            else { return nil }
            let owner = string(members["owner"], JSONPath.member(path, "owner")).flatMap { $0 == "partner" ? nil : $0 }
            if let owner, !subPartners.contains(owner) {
                problem(JSONPath.member(path, "owner"), "\(owner) is not a sub-partner of this scenario: declare it under subPartners, or write \"partner\"")
            }
            let key = (owner ?? "") + "\u{0}" + externalId
            if let first = externalIds[key] {
                problem(JSONPath.member(path, "externalId"), "externalId \(externalId) is used by \(first) already (unique per partner or sub-partner)")
            } else {
                externalIds[key] = path
            }
            let id = string(members["id"], JSONPath.member(path, "id"))
            if let id, !ids.insert(id).inserted { problem(JSONPath.member(path, "id"), "id \(id) is used twice") }
            let status = string(members["status"], JSONPath.member(path, "status"), allowed: Scenario.customerStatuses) ?? "provisioned"
            var packages: [Scenario.CustomerPackage] = []
            let packagesPath = JSONPath.member(path, "packages")
            for (index, entry) in array(members["packages"], packagesPath).enumerated() {
                let at = JSONPath.index(packagesPath, Int64(index + 1))
                if entry.stringValue != nil {
                    if let name = package(entry, at, forCustomers: true) { packages.append(Scenario.CustomerPackage(name: name)) }
                } else if let fields = object(entry, at, keys: ["name", "status", "errors", "warnings"]),
                          let name = package(fields["name"] ?? .null, JSONPath.member(at, "name"), forCustomers: true) {
                    packages.append(Scenario.CustomerPackage(
                        name: name, status: string(fields["status"], JSONPath.member(at, "status"), allowed: Scenario.packageStatuses),
                        errors: notes(fields["errors"], JSONPath.member(at, "errors")), warnings: notes(fields["warnings"], JSONPath.member(at, "warnings"))))
                }
            }
            if packages.isEmpty, members["packages"]?.arrayValue?.isEmpty ?? (members["packages"] == nil) {
                problem(packagesPath, "a customer needs at least one package")
            }
            var address = members["address"]
            if let given = address {
                if given.objectValue == nil { problem(JSONPath.member(path, "address"), "expected an object") ; address = nil }
                else if let code = given["country"]?.stringValue { _ = country(code, JSONPath.member(JSONPath.member(path, "address"), "country")) }
            }
            return Scenario.Customer(
                id: id, externalId: externalId, owner: owner, orgId: string(members["orgId"], JSONPath.member(path, "orgId")), status: status,
                packages: packages, errors: notes(members["errors"], JSONPath.member(path, "errors")), address: address,
                customerInfo: members["customerInfo"])
        }
    }

    mutating func readSubscribers(_ value: JSONValue?, customers: [Scenario.Customer]) -> [Scenario.Subscriber] {
        let known = Set(customers.map(\.externalId) + customers.compactMap(\.id))
        var emails: [String: String] = [:]
        return array(value, "subscribers").enumerated().compactMap { offset, element in
            let path = JSONPath.index("subscribers", Int64(offset + 1))
            guard let members = object(element, path, keys: ["id", "customer", "email", "packages", "status", "personId"]),
                  let customer = string(members["customer"], JSONPath.member(path, "customer"), required: true),
                  let email = string(members["email"], JSONPath.member(path, "email"), required: true)
            else { return nil }
            if !known.contains(customer) {
                let hint = Spelling.nearest(customer, among: known).map { "; did you mean \"\($0)\"?" } ?? ""
                problem(JSONPath.member(path, "customer"), "no customer \(customer) in this scenario (name its externalId or id)\(hint)")
            }
            if let first = emails[email.lowercased()] {
                problem(JSONPath.member(path, "email"), "email \(email) belongs to \(first) already (an email is one user)")
            } else {
                emails[email.lowercased()] = path
            }
            let packagesPath = JSONPath.member(path, "packages")
            let packages = array(members["packages"], packagesPath).enumerated().compactMap {
                package($1, JSONPath.index(packagesPath, Int64($0 + 1)), forCustomers: false)
            }
            if packages.isEmpty && members["packages"] == nil { problem(packagesPath, "a subscriber needs a package") }
            return Scenario.Subscriber(
                id: string(members["id"], JSONPath.member(path, "id")), customer: customer, email: email, packages: packages,
                status: string(members["status"], JSONPath.member(path, "status"), allowed: Scenario.subscriberStatuses) ?? "provisioned",
                personId: string(members["personId"], JSONPath.member(path, "personId")))
        }
    }

    mutating func readReports(_ value: JSONValue?) -> [Scenario.BillingReport] {
        array(value, "billingReports").enumerated().compactMap { offset, element in
            let path = JSONPath.index("billingReports", Int64(offset + 1))
            guard let members = object(element, path, keys: ["id", "billingStartDate", "billingEndDate", "type", "status", "subPartnerOrgId"]),
                  let start = string(members["billingStartDate"], JSONPath.member(path, "billingStartDate"), required: true),
                  let end = string(members["billingEndDate"], JSONPath.member(path, "billingEndDate"), required: true)
            else { return nil }
            for (date, key) in [(start, "billingStartDate"), (end, "billingEndDate")] where ValueFormats.date(date) != nil {
                problem(JSONPath.member(path, key), "expected a date as YYYY-MM-DD, got \"\(date)\"")
            }
            return Scenario.BillingReport(
                id: string(members["id"], JSONPath.member(path, "id")), billingStartDate: start, billingEndDate: end,
                type: string(members["type"], JSONPath.member(path, "type"), allowed: Scenario.reportTypes) ?? "PARTNER",
                status: string(members["status"], JSONPath.member(path, "status"), allowed: Scenario.reportStatuses) ?? "COMPLETED",
                subPartnerOrgId: string(members["subPartnerOrgId"], JSONPath.member(path, "subPartnerOrgId")))
        }
    }
}
