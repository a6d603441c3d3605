public import JSONValues

/// A customer's status (reference §7.1). Unknown values are kept as they come.
public struct CustomerStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The API's string.
    public let rawValue: String
    /// Wraps a status string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Provisioning runs in the background.
    public static let provisioning = CustomerStatus(rawValue: "provisioning")
    /// Fully provisioned; `orgId` is exposed.
    public static let provisioned = CustomerStatus(rawValue: "provisioned")
    /// Provisioned, but a package failed or warned.
    public static let provisionedWithErrors = CustomerStatus(rawValue: "provisioned_with_errors")
    /// An update runs in the background.
    public static let updating = CustomerStatus(rawValue: "updating")
    /// Removal runs in the background.
    public static let deleting = CustomerStatus(rawValue: "deleting")
    /// Provisioning failed.
    public static let error = CustomerStatus(rawValue: "error")
    /// Waiting for a restricted-party compliance check.
    public static let pendingRPLReview = CustomerStatus(rawValue: "pending_rpl_review")

    /// The statuses in which background work has finished: `provisioned`,
    /// `provisioned_with_errors` and `error`.
    public static let terminal: Set<CustomerStatus> = [.provisioned, .provisionedWithErrors, .error]
    /// Whether background work has finished.
    public var isTerminal: Bool { Self.terminal.contains(self) }
    /// The string.
    public var description: String { rawValue }
}

/// A Wholesale customer (reference §3.2).
public struct Customer: JSONObjectModel {
    /// Every member.
    public var json: [String: JSONValue]
    /// Wraps an object.
    public init(json: [String: JSONValue]) { self.json = json }

    /// The customer id used in every other call.
    public var id: String? { get { string("id") } set { set("id", newValue) } }
    /// The Webex organisation id (present once provisioned).
    public var orgId: String? { get { string("orgId") } set { set("orgId", newValue) } }
    /// The partner's own id for the customer.
    public var externalId: String? { get { string("externalId") } set { set("externalId", newValue) } }
    /// The billing address.
    public var address: Address? { get { model("address") } set { json["address"] = newValue?.jsonValue } }
    /// The status.
    public var status: CustomerStatus? {
        get { string("status").map(CustomerStatus.init(rawValue:)) }
        set { set("status", newValue?.rawValue) }
    }
    /// The package names.
    public var packages: [String]? { get { strings("packages") } set { set("packages", newValue) } }
    /// Per-package state (`resourceDetails.packages`).
    public var packageDetails: [CustomerPackage] {
        json["resourceDetails"]?["packages"]?.arrayValue?.compactMap(CustomerPackage.init) ?? []
    }
    /// Errors of the last background provision or update.
    public var errors: [ResourceIssue] { models("errors") }
}

/// The state of one package of a customer (`resourceDetails.packages[]`).
public struct CustomerPackage: JSONObjectModel {
    /// Every member.
    public var json: [String: JSONValue]
    /// Wraps an object.
    public init(json: [String: JSONValue]) { self.json = json }

    /// The package name.
    public var name: String? { string("name") }
    /// `provisioned`, `provisioning`, `deleting` or `error`.
    public var status: String? { string("status") }
    /// Warnings (e.g. code 2560, services under maintenance).
    public var warnings: [ResourceIssue] { models("warnings") }
    /// Errors.
    public var errors: [ResourceIssue] { models("errors") }
    /// Licence ids (with `includePackageLicenseInfo`).
    public var licenseIds: [String]? { strings("licenseIds") }
}
