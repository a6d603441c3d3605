import Foundation
import JSONValues

/// The state a new simulator starts with: a partner with two active sub-partners and a suspended
/// one, two customer templates, customers in several states and a few subscribers. Ids depend
/// on the seed; the template ids are fixed so playbooks can name them (docs/simulator.md).
public enum SeedData {
    /// The provisioning ids of the simulated customer templates (base64 of a fixed text).
    public static let templates = [
        WebexID.encode("sim-template:calling-and-meetings"),
        WebexID.encode("sim-template:meetings-only"),
    ]

    static func emptyState(seed: UInt64) -> SimulatorState {
        var random = SeededGenerator(seed: seed)
        return SimulatorState(
            partnerOrgId: random.webexID("ORGANIZATION"), partnerAdminId: random.webexID("PEOPLE"),
            templates: templates, random: random
        )
    }

    /// Adds `count` provisioned customers of the partner, `bulk-00001` onwards.
    static func addBulkCustomers(_ count: Int, to state: inout SimulatorState, now: Double) {
        guard count > 0 else { return }
        let address: JSONValue = ["addressLine1": "1 Bulk Street", "city": "Springfield", "country": "US"]
        for i in 1...count {
            let id = state.random.webexID("ENTERPRISE")
            state.customers[id] = CustomerRecord(
                id: id, owner: state.partnerOrgId, externalId: String(format: "bulk-%05d", i), orgId: state.random.webexID("ORGANIZATION"),
                address: address, customerInfo: nil, provisioningParameters: nil, subPartnerAdminEmail: nil, packages: ["webex_meetings"],
                packageStatus: ["webex_meetings": "provisioned"], status: "provisioned", outcome: "provisioned", created: now - 86_400,
                sequence: state.sequence()
            )
        }
    }

    static func populate(_ state: inout SimulatorState, now: Double, durations: SimulatorConfiguration.Durations) {
        let day = 86_400.0
        for (i, provisioningState) in ["active", "active", "suspended"].enumerated() {
            state.subPartners.append(SubPartnerRecord(
                orgId: state.random.webexID("ORGANIZATION"), subscriptionId: "Sub\(1000 + i)", provisioningState: provisioningState,
                created: now - Double(400 - i * 30) * day, billingStartDate: now - Double(390 - i * 30) * day, sequence: state.sequence()
            ))
        }
        let address: JSONValue = ["addressLine1": "771 Alder Drive", "city": "Milpitas", "stateOrProvince": "CA", "zipOrPostalCode": "95035", "country": "US"]
        let seeds: [(externalId: String, status: String, packages: [String], owner: String)] = [
            ("seed-provisioned", "provisioned", ["webex_calling", "webex_meetings"], state.partnerOrgId),
            ("seed-partial", "provisioned_with_errors", ["webex_calling"], state.partnerOrgId),
            ("seed-error", "error", ["webex_suite"], state.partnerOrgId),
            ("seed-provisioning", "provisioning", ["webex_meetings"], state.partnerOrgId),
            ("seed-subpartner", "provisioned", ["webex_meetings"], state.subPartners[0].orgId),
            ("seed-subpartner-error", "error", ["webex_calling"], state.subPartners[0].orgId),
        ]
        var provisionedId = ""
        for seed in seeds {
            let terminal = seed.status != "provisioning"
            var record = CustomerRecord(
                id: state.random.webexID("ENTERPRISE"), owner: seed.owner, externalId: seed.externalId,
                orgId: state.random.webexID("ORGANIZATION"), address: address,
                customerInfo: ["name": .string("Seed \(seed.externalId)"), "primaryEmail": .string("admin@\(seed.externalId).example.com")],
                provisioningParameters: nil, subPartnerAdminEmail: nil, packages: seed.packages,
                packageStatus: Dictionary(seed.packages.map { ($0, "provisioning") }, uniquingKeysWith: { a, _ in a }),
                status: "provisioning", outcome: terminal ? seed.status : "provisioned",
                schedule: [Transition(at: terminal ? now - day : now + durations.provisioning, status: terminal ? seed.status : "provisioned")],
                created: now - 2 * day, sequence: state.sequence()
            )
            record.schedule = record.schedule.sorted { $0.at < $1.at }
            state.customers[record.id] = record
            if seed.externalId == "seed-provisioned" { provisionedId = record.id }
        }
        for (i, email) in ["ann.lee@seed-provisioned.example.com", "bo.chen@seed-provisioned.example.com", "existing-free.cy@seed-provisioned.example.com"].enumerated() {
            let pending = i == 2
            let record = SubscriberRecord(
                id: state.random.webexID("SUBSCRIBER"), owner: state.partnerOrgId, customerId: provisionedId, email: email, package: nil,
                packages: [i == 1 ? "webex_meetings" : "webex_calling"], provisioningParameters: nil, personId: state.random.webexID("PEOPLE"),
                status: pending ? "pending_user_migration" : "provisioned", created: now - day + Double(i), lastStatusChange: now - day + Double(i),
                sequence: state.sequence()
            )
            state.subscribers[record.id] = record
        }
    }
}
