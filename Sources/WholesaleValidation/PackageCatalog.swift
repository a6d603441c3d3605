/// A Webex Wholesale package and where it may be used.
public struct PackageInfo: Sendable, Hashable {
    /// The API's name for it (`webex_calling`).
    public let name: String
    /// What Cisco calls it.
    public let label: String
    /// Offered to customers (`WholesalePackagesCustomer`).
    public let forCustomers: Bool
    /// Offered to subscribers (`WholesalePackagesSubscriber`).
    public let forSubscribers: Bool
    /// Accepted by the deprecated single-valued subscriber `package` field.
    public let legacySubscriberValue: Bool
    /// Needs calling data: a calling location for customers, a number or extension for subscribers.
    public let isCalling: Bool
    /// A billable add-on that may sit beside a subscriber's one base package.
    public let isAddOn: Bool
}

/// An add-on and the packages it needs one of in the same list.
public struct PackageDependency: Sendable, Hashable {
    /// The package with the requirement.
    public let package: String
    /// At least one of these must be in the same list.
    public let requiresOneOf: [String]
}

/// The package names and their rules, in one place: when Cisco adds a package or changes a
/// dependency, this table is the only thing to edit (reference §4).
public struct PackageCatalog: Sendable {
    /// Every package, in the order of the specification.
    public let packages: [PackageInfo]
    /// The dependency rules.
    public let dependencies: [PackageDependency]

    /// Creates a catalog (tests and future revisions build their own).
    public init(packages: [PackageInfo], dependencies: [PackageDependency]) {
        self.packages = packages
        self.dependencies = dependencies
    }

    /// The package named `name`, if there is one.
    public func package(named name: String) -> PackageInfo? {
        packages.first { $0.name == name }
    }

    /// The packages offered to customers or to subscribers.
    public func names(for kind: PackageKind) -> [String] {
        packages.filter { kind == .customer ? $0.forCustomers : $0.forSubscribers }.map(\.name)
    }

    /// The catalog of the OpenAPI snapshot of 2026-05-04.
    /// Which of the contact-centre and AI packages need calling data is not published; they are
    /// treated as not needing it. `attendant_console` follows the May 2026 text (the August 2026
    /// revision adds `webex_voice` to its list).
    public static let current = PackageCatalog(
        packages: [
            .init(name: "common_area_calling", label: "Webex Common Area Calling", forCustomers: true, forSubscribers: false, legacySubscriberValue: false, isCalling: true, isAddOn: false),
            .init(name: "webex_calling", label: "Webex Calling", forCustomers: true, forSubscribers: true, legacySubscriberValue: true, isCalling: true, isAddOn: false),
            .init(name: "webex_meetings", label: "Webex Meetings", forCustomers: true, forSubscribers: true, legacySubscriberValue: true, isCalling: false, isAddOn: false),
            .init(name: "webex_suite", label: "Webex Suite", forCustomers: true, forSubscribers: true, legacySubscriberValue: true, isCalling: true, isAddOn: false),
            .init(name: "webex_voice", label: "Webex Voice", forCustomers: true, forSubscribers: true, legacySubscriberValue: true, isCalling: true, isAddOn: false),
            .init(name: "cx_essentials", label: "Customer Assist", forCustomers: true, forSubscribers: true, legacySubscriberValue: true, isCalling: true, isAddOn: false),
            .init(name: "webex_calling_standard", label: "Webex Calling Standard", forCustomers: true, forSubscribers: true, legacySubscriberValue: true, isCalling: true, isAddOn: false),
            .init(name: "cisco_calling_plan", label: "Cisco Calling Plan (add-on)", forCustomers: true, forSubscribers: false, legacySubscriberValue: false, isCalling: true, isAddOn: true),
            .init(name: "attendant_console", label: "Attendant Console (add-on)", forCustomers: true, forSubscribers: true, legacySubscriberValue: false, isCalling: true, isAddOn: true),
            .init(name: "cx_premium_agent", label: "Contact Center Premium Agent", forCustomers: true, forSubscribers: true, legacySubscriberValue: false, isCalling: false, isAddOn: false),
            .init(name: "cx_standard_agent", label: "Contact Center Standard Agent", forCustomers: true, forSubscribers: true, legacySubscriberValue: false, isCalling: false, isAddOn: false),
            .init(name: "cx_voice_ports", label: "Contact Center Voice Ports", forCustomers: true, forSubscribers: false, legacySubscriberValue: false, isCalling: false, isAddOn: false),
            .init(name: "cx_ai_assistant", label: "Contact Center AI Assistant", forCustomers: true, forSubscribers: false, legacySubscriberValue: false, isCalling: false, isAddOn: false),
            .init(name: "webex_ai_agent", label: "Webex AI Agent", forCustomers: true, forSubscribers: false, legacySubscriberValue: false, isCalling: false, isAddOn: false),
        ],
        dependencies: [
            .init(package: "cisco_calling_plan", requiresOneOf: ["common_area_calling", "webex_calling", "webex_suite", "webex_voice", "cx_essentials", "webex_calling_standard"]),
            .init(package: "attendant_console", requiresOneOf: ["webex_calling", "webex_suite", "cx_essentials"]),
        ]
    )
}

/// Whose package list is being checked.
public enum PackageKind: String, Sendable {
    /// A customer's `packages`.
    case customer
    /// A subscriber's `packages`.
    case subscriber
}
