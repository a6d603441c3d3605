public import JSONValues

/// A subscriber's status (reference §7.2). Unknown values are kept as they come.
public struct SubscriberStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The API's string.
    public let rawValue: String
    /// Wraps a status string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Provisioned.
    public static let provisioned = SubscriberStatus(rawValue: "provisioned")
    /// An existing free Webex account must consent to the move (see `sendConsentMoveEmail`).
    public static let pendingUserMigration = SubscriberStatus(rawValue: "pending_user_migration")
    /// Provisioning failed (the simulator's and the reference's; the spec's enum omits it).
    public static let error = SubscriberStatus(rawValue: "error")

    /// The statuses a `wait` on a subscriber ends in: `provisioned`, `pending_user_migration`
    /// (waiting for the user's consent, which may take days) and `error`.
    public static let terminal: Set<SubscriberStatus> = [.provisioned, .pendingUserMigration, .error]
    /// The string.
    public var description: String { rawValue }
}

/// A Wholesale subscriber (reference §3.3).
public struct Subscriber: JSONObjectModel {
    /// Every member.
    public var json: [String: JSONValue]
    /// Wraps an object.
    public init(json: [String: JSONValue]) { self.json = json }

    /// The subscriber id.
    public var id: String? { get { string("id") } set { set("id", newValue) } }
    /// The Webex person id (present once provisioned).
    public var personId: String? { get { string("personId") } set { set("personId", newValue) } }
    /// The email address.
    public var email: String? { get { string("email") } set { set("email", newValue) } }
    /// The customer's id.
    public var customerId: String? { get { string("customerId") } set { set("customerId", newValue) } }
    /// The customer's external id.
    public var externalCustomerId: String? { get { string("externalCustomerId") } set { set("externalCustomerId", newValue) } }
    /// The deprecated single package.
    public var package: String? { get { string("package") } set { set("package", newValue) } }
    /// The packages.
    public var packages: [String]? { get { strings("packages") } set { set("packages", newValue) } }
    /// The status.
    public var status: SubscriberStatus? {
        get { string("status").map(SubscriberStatus.init(rawValue:)) }
        set { set("status", newValue?.rawValue) }
    }
    /// Errors during provisioning.
    public var errors: [ResourceIssue] { models("errors") }
    /// When it was created (ISO 8601).
    public var created: String? { string("created") }
    /// When its status last changed (ISO 8601).
    public var lastStatusChange: String? { string("lastStatusChange") }
}
