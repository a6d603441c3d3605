import JSONValues

/// A status change that falls due at a simulated time.
struct Transition: Codable, Sendable, Hashable {
    var at: Double
    var status: String
}

/// An error or warning inside a resource: `{errorCode, description}`.
struct ResourceNote: Codable, Sendable, Hashable {
    var errorCode: Int
    var description: String
    var json: JSONValue { ["errorCode": .integer(Int64(errorCode)), "description": .string(description)] }
}

/// A customer as the simulator keeps it.
struct CustomerRecord: Codable, Sendable {
    var id: String
    /// The organisation it belongs to: the partner, or a sub-partner.
    var owner: String
    var externalId: String
    var orgId: String
    var address: JSONValue
    var customerInfo: JSONValue?
    var provisioningParameters: JSONValue?
    var subPartnerAdminEmail: String?
    var packages: [String]
    var packageStatus: [String: String]
    var packageWarnings: [String: [ResourceNote]] = [:]
    var packageErrors: [String: [ResourceNote]] = [:]
    var errors: [ResourceNote] = []
    var status: String
    /// What the background work in progress ends in.
    var outcome: String
    var schedule: [Transition] = []
    var licenseIds: [String: [String]] = [:]
    var created: Double
    var sequence: Int
}

/// A subscriber as the simulator keeps it.
struct SubscriberRecord: Codable, Sendable {
    var id: String
    var owner: String
    var customerId: String
    var email: String
    var package: String?
    var packages: [String]
    var provisioningParameters: JSONValue?
    var personId: String
    var status: String
    var schedule: [Transition] = []
    var errors: [ResourceNote] = []
    var created: Double
    var lastStatusChange: Double
    var sequence: Int
}

/// A billing report as the simulator keeps it.
struct ReportRecord: Codable, Sendable {
    var id: String
    var owner: String
    var billingStartDate: String
    var billingEndDate: String
    var type: String
    var category: String
    var subPartnerOrgId: String?
    var createdBy: String
    var status: String
    var errors: [ResourceNote] = []
    var schedule: [Transition] = []
    var created: Double
    var sequence: Int
}

/// A sub-partner of the simulated partner.
struct SubPartnerRecord: Codable, Sendable {
    var orgId: String
    /// What the partner calls it (a scenario's note; the API serves no name).
    var name: String? = nil
    var subscriptionId: String
    var provisioningState: String
    var created: Double
    var billingStartDate: Double
    var sequence: Int
}

/// Everything the simulator knows.
struct SimulatorState: Codable, Sendable {
    var partnerOrgId: String
    var partnerAdminId: String
    var templates: [String]
    /// The world a scenario described beyond the records (template packages, availability).
    var catalogue = Catalogue()
    var subPartners: [SubPartnerRecord] = []
    /// Every customer, with its lookups and list orders.
    var customers = RecordTable<CustomerIndex>()
    /// Every subscriber, by email and by customer.
    var subscribers = RecordTable<SubscriberIndex>()
    var reports = RecordTable<NoIndex<ReportRecord>>()
    var nextSequence = 1
    var random: SeededGenerator

    mutating func sequence() -> Int {
        defer { nextSequence += 1 }
        return nextSequence
    }
}
