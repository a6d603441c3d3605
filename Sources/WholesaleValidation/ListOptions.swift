/// The lists of the API and the options each one takes (reference §5, §6, §8, §10).
public enum ListKind: String, Sendable, CaseIterable {
    /// GET /wholesale/customers.
    case customers
    /// GET /wholesale/subPartners.
    case subPartners
    /// GET /wholesale/subscribers.
    case subscribers
    /// GET /wholesale/billing/reports.
    case billingReports

    /// The query parameters the list accepts, by their API names.
    public var parameters: [String] {
        switch self {
        case .customers: return ["externalId", "orgId", "status", "offset", "max", "onBehalfOfSubPartnerOrgId"]
        case .subPartners: return ["provisioningState", "offset", "max"]
        case .subscribers:
            return ["max", "offset", "customerId", "personId", "externalCustomerId", "email", "status", "after",
                    "lastStatusChange", "sortBy", "sortOrder", "onBehalfOfSubPartnerOrgId"]
        case .billingReports: return ["billingStartDate", "billingEndDate", "type", "sortBy", "status", "max", "subPartnerOrgId"]
        }
    }

    /// The largest page the list serves, where the API documents one.
    public var maxCeiling: Int? {
        switch self {
        case .subscribers, .billingReports: return 100
        case .customers, .subPartners: return nil
        }
    }

    /// The values an option is limited to, where the API documents them.
    public func allowedValues(of name: String) -> [String]? {
        switch (self, name) {
        // The spec's Customer.status enum (reference §7.1).
        case (.customers, "status"):
            return ["provisioned", "provisioned_with_errors", "provisioning", "updating", "deleting", "error", "pending_rpl_review"]
        // The two the spec documents, and the two seen in real answers (reference §7.2, known gaps 6).
        case (.subscribers, "status"): return ["provisioned", "pending_user_migration", "provisioning", "error"]
        case (.subPartners, "provisioningState"): return ["active", "suspended"]
        case (.subscribers, "sortBy"): return ["created", "lastStatusChange"]
        case (.subscribers, "sortOrder"): return ["ASC", "DESC"]
        case (.billingReports, "sortBy"): return ["id", "billingStartDate", "billingEndDate", "status"]
        case (.billingReports, "type"): return ["PARTNER", "CUSTOMER", "USER"]
        case (.billingReports, "status"): return ["IN_PROGRESS", "COMPLETED", "FAILED"]
        default: return nil
        }
    }
}

extension WholesaleValidator {
    /// The problems of a list's query options (reference §11.20): `max` a positive integer within
    /// the ceiling, `offset` a whole number, enumerated options one of their values, dates
    /// `YYYY-MM-DD`. Names the list does not take are reported too, so a typo is not silently ignored.
    public func listOptions(_ list: ListKind, _ options: [(name: String, value: String)]) -> [ValidationProblem] {
        var inspector = BodyInspector(catalog: catalog)
        for (name, value) in options {
            guard list.parameters.contains(name) else {
                inspector.report(.queryValue, at: name, "is not an option of the \(list.rawValue) list; it takes \(list.parameters.joined(separator: ", "))")
                continue
            }
            switch name {
            case "max":
                if let n = Int(value), n > 0, n <= (list.maxCeiling ?? Int.max) { continue }
                inspector.report(.queryMax, at: name, "\"\(value)\" is not a page size: give a whole number from 1" + (list.maxCeiling.map { " to \($0)" } ?? ""))
            case "offset":
                if let n = Int(value), n >= 0 { continue }
                inspector.report(.queryValue, at: name, "\"\(value)\" is not an offset: give a whole number from 0")
            case "billingStartDate", "billingEndDate":
                if let message = ValueFormats.date(value) { inspector.report(.billingDate, at: name, message) }
            default:
                guard let allowed = list.allowedValues(of: name) else { continue }
                // The customer and subscriber lists take several statuses at once, comma-separated.
                let values = (list == .customers || list == .subscribers) && name == "status" ? value.split(separator: ",").map(String.init) : [value]
                for value in values where !allowed.contains(value) {
                    let hint = Spelling.hint(value, among: allowed)
                    inspector.report(.queryValue, at: name, "\"\(value)\" is not one of \(allowed.joined(separator: ", "))\(hint)")
                }
            }
        }
        return inspector.problems
    }
}
