public import JSONValues

/// The world a simulator starts from, as a partner describes it in a scenario file
/// (docs/simulator.md#scenarios): the partner, its customer templates, where packages are not
/// offered, sub-partners, customers, subscribers and billing reports, and how the simulator
/// behaves (lifecycle durations, latency, rate limit, faults, seed). Every part is optional.
public struct Scenario: Sendable {
    /// A customer template of Partner Hub.
    public struct Template: Sendable, Equatable {
        /// The id provisioning bodies name (`provisioningId`).
        public var provisioningId: String
        /// What the partner calls it.
        public var name: String?
        /// The packages it allows; `nil` allows every customer package.
        public var packages: [String]?

        /// A template allowing `packages` (every package when `nil`).
        public init(provisioningId: String, name: String? = nil, packages: [String]? = nil) {
            self.provisioningId = provisioningId
            self.name = name
            self.packages = packages
        }
    }

    /// A sub-partner of the partner.
    public struct SubPartner: Sendable, Equatable {
        /// Its organisation id (`onBehalfOfSubPartnerOrgId`).
        public var orgId: String
        /// What the partner calls it (not served: the API has no name for a sub-partner).
        public var name: String?
        /// `active` or `suspended`.
        public var provisioningState: String
        /// Its subscription id.
        public var subscriptionId: String?
    }

    /// One package of a customer, with its own status and notes.
    public struct CustomerPackage: Sendable, Equatable {
        /// The package name (`webex_calling`).
        public var name: String
        /// Its status; the customer's when not given.
        public var status: String?
        /// Its `errors` entries.
        public var errors: [Note] = []
        /// Its `warnings` entries.
        public var warnings: [Note] = []
    }

    /// An `{errorCode, description}` entry.
    public struct Note: Sendable, Equatable {
        /// The code.
        public var errorCode: Int
        /// The words.
        public var description: String
    }

    /// A customer that exists when the simulator starts.
    public struct Customer: Sendable {
        /// Its id; made up from the seed when not given.
        public var id: String?
        /// The partner's own key for it.
        public var externalId: String
        /// `nil` for the partner, or a sub-partner's org id.
        public var owner: String?
        /// Its Webex organisation id; made up when not given.
        public var orgId: String?
        /// Its status (`provisioned`, `error`, …; a non-terminal one finishes on the clock).
        public var status: String
        /// Its packages.
        public var packages: [CustomerPackage]
        /// Its `errors` entries.
        public var errors: [Note] = []
        /// Its address, as the API shows it.
        public var address: JSONValue?
        /// Its `customerInfo`.
        public var customerInfo: JSONValue?
    }

    /// A subscriber that exists when the simulator starts.
    public struct Subscriber: Sendable {
        /// Its id; made up when not given.
        public var id: String?
        /// The externalId of its customer, or the customer's id.
        public var customer: String
        /// Its email.
        public var email: String
        /// Its packages.
        public var packages: [String]
        /// Its status.
        public var status: String
        /// Its person id; made up when not given.
        public var personId: String?
    }

    /// A billing report that exists when the simulator starts.
    public struct BillingReport: Sendable {
        /// Its id; made up when not given.
        public var id: String?
        /// The first day it covers (`YYYY-MM-DD`).
        public var billingStartDate: String
        /// The last day it covers.
        public var billingEndDate: String
        /// `PARTNER`, `CUSTOMER` or `USER`.
        public var type: String
        /// `IN_PROGRESS`, `COMPLETED` or `FAILED`.
        public var status: String
        /// The org id of the sub-partner it is for, if any.
        public var subPartnerOrgId: String?
    }

    /// The partner's organisation id; made up from the seed when not given.
    public var partnerOrgId: String?
    /// What the partner is called.
    public var partnerName: String?
    /// The customer templates; `nil` when the scenario declares none (then any well-formed
    /// provisioning id is adopted as a template that allows every package).
    public var templates: [Template]?
    /// What happens to a provisioning id that names no declared template: adopted as one that
    /// allows every package (`true`, the default when no templates are declared) or refused
    /// with 4001 (the default when some are).
    public var adoptUnknownTemplates: Bool?
    /// Packages not offered by country (ISO code → package names, `*` for all); `nil` keeps
    /// the simulator's own table (docs/simulator.md#triggers-for-testing-fallbacks).
    public var unavailablePackages: [String: [String]]?
    /// The sub-partners.
    public var subPartners: [SubPartner] = []
    /// The customers.
    public var customers: [Customer] = []
    /// The subscribers.
    public var subscribers: [Subscriber] = []
    /// The billing reports.
    public var billingReports: [BillingReport] = []
    /// Lifecycle durations in simulated seconds, by name (`provisioning`, `update`, …).
    public var lifecycle: [String: Double] = [:]
    /// The partner's own numbers for the simulator's codes, by the codes' names
    /// (`SimulatorCodes.byName`: `unknownProvisioningId`, `packageNotOffered`, …).
    public var codes: [String: Int] = [:]
    /// Faults, in `--faults` syntax (latency and rate limits included).
    public var faults: String?
    /// The seed of ids and faults.
    public var seed: UInt64?
    /// Notes for the person who fills the file in (what a snapshot could not read).
    public var notes: [String] = []

    /// An empty scenario: the simulator's defaults, no seed data.
    public init() {}
}
