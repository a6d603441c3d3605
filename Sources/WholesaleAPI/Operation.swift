/// The 18 operations of the Wholesale API (the OpenAPI document of 2026-05-04), each with its
/// Lua-style name, method, path and the query parameters it accepts.
public enum Operation: String, Sendable, CaseIterable {
    /// GET /wholesale/customers, paged.
    case customersList = "customers.list"
    /// POST /wholesale/customers (202, asynchronous).
    case customersProvision = "customers.provision"
    /// GET /wholesale/customers/{id}.
    case customersGet = "customers.get"
    /// PUT /wholesale/customers/{id} (202, asynchronous).
    case customersUpdate = "customers.update"
    /// DELETE /wholesale/customers/{id} (202, asynchronous).
    case customersRemove = "customers.remove"
    /// POST /wholesale/customers/validate.
    case customersPrecheck = "customers.precheck"
    /// GET /wholesale/subPartners, paged.
    case subPartnersList = "subpartners.list"
    /// GET /wholesale/subscribers, paged.
    case subscribersList = "subscribers.list"
    /// POST /wholesale/subscribers (200, or 202 pending user migration).
    case subscribersProvision = "subscribers.provision"
    /// GET /wholesale/subscribers/{id}.
    case subscribersGet = "subscribers.get"
    /// PUT /wholesale/subscribers/{id}.
    case subscribersUpdate = "subscribers.update"
    /// DELETE /wholesale/subscribers/{id} (204).
    case subscribersRemove = "subscribers.remove"
    /// POST /wholesale/subscribers/validate.
    case subscribersPrecheck = "subscribers.precheck"
    /// POST /subscribers/{id}/emails/consentMove (204).
    case subscribersConsentMove = "subscribers.consent_move"
    /// GET /wholesale/billing/reports.
    case billingList = "billing.list"
    /// POST /wholesale/billing/reports.
    case billingCreate = "billing.create"
    /// GET /wholesale/billing/reports/{id}.
    case billingGet = "billing.get"
    /// DELETE /wholesale/billing/reports/{id} (204).
    case billingRemove = "billing.remove"

    /// The HTTP method.
    public var method: HTTPMethod {
        switch self {
        case .customersList, .customersGet, .subPartnersList, .subscribersList, .subscribersGet, .billingList, .billingGet: return .GET
        case .customersProvision, .customersPrecheck, .subscribersProvision, .subscribersPrecheck, .subscribersConsentMove, .billingCreate: return .POST
        case .customersUpdate, .subscribersUpdate: return .PUT
        case .customersRemove, .subscribersRemove, .billingRemove: return .DELETE
        }
    }

    /// Whether it changes something at the server: every call but the reads and the prechecks.
    /// A change is journaled before it is sent, planned in a dry run, and counted as a change.
    public var isChange: Bool {
        method != .GET && self != .customersPrecheck && self != .subscribersPrecheck
    }

    /// Whether sending it twice does no more than sending it once: every GET, PUT and DELETE,
    /// and the prechecks (a POST that changes nothing).
    public var isIdempotent: Bool {
        method != .POST || self == .customersPrecheck || self == .subscribersPrecheck
    }

    /// The path below `/v1`, with `id` filled in where the path has one.
    public func path(id: String? = nil) -> String {
        let id = id.map(Self.encodePathSegment) ?? ""
        switch self {
        case .customersList, .customersProvision: return "/wholesale/customers"
        case .customersGet, .customersUpdate, .customersRemove: return "/wholesale/customers/" + id
        case .customersPrecheck: return "/wholesale/customers/validate"
        case .subPartnersList: return "/wholesale/subPartners"
        case .subscribersList, .subscribersProvision: return "/wholesale/subscribers"
        case .subscribersGet, .subscribersUpdate, .subscribersRemove: return "/wholesale/subscribers/" + id
        case .subscribersPrecheck: return "/wholesale/subscribers/validate"
        case .subscribersConsentMove: return "/subscribers/" + id + "/emails/consentMove"
        case .billingList, .billingCreate: return "/wholesale/billing/reports"
        case .billingGet, .billingRemove: return "/wholesale/billing/reports/" + id
        }
    }

    /// Whether the path names a resource id.
    public var takesID: Bool { path(id: "x") != path(id: "y") }

    /// The query parameters the operation accepts, by their API names.
    public var queryParameters: [String] {
        switch self {
        case .customersList: return ["externalId", "orgId", "status", "offset", "max", "onBehalfOfSubPartnerOrgId"]
        case .customersGet: return ["onBehalfOfSubPartnerOrgId", "includePackageLicenseInfo"]
        case .subPartnersList: return ["provisioningState", "offset", "max"]
        case .subscribersList:
            return ["max", "offset", "customerId", "personId", "externalCustomerId", "email", "status", "after",
                    "lastStatusChange", "sortBy", "sortOrder", "onBehalfOfSubPartnerOrgId"]
        case .billingList: return ["billingStartDate", "billingEndDate", "type", "sortBy", "status", "max", "subPartnerOrgId"]
        case .billingCreate, .billingGet, .billingRemove: return []
        default: return ["onBehalfOfSubPartnerOrgId"]
        }
    }

    /// Whether the operation can act for a sub-partner (`onBehalfOfSubPartnerOrgId`).
    public var acceptsOnBehalfOf: Bool { queryParameters.contains("onBehalfOfSubPartnerOrgId") }

    /// Percent-encodes a path segment (ids are base64 and may hold `=`, `+` or `/`).
    static func encodePathSegment(_ segment: String) -> String {
        QueryEncoding.percentEncode(segment)
    }
}
