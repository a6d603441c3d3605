import Foundation
import JSONValues
import Testing
import WholesaleAPI
import WholesaleSimulator

/// Scenarios at the simulator's level: the shipped default file is today's seed data, and a
/// scenario written out reads back the same.
@Suite struct ScenarioTests {
    static let defaultFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../examples/scenarios/default.json").standardizedFileURL.path

    /// What a client lists: customers (by owner), their packages and statuses, subscribers, sub-partners.
    static func world(_ simulator: Simulator) async throws -> [String] {
        let client = WholesaleClient(baseURL: "http://sim.invalid", transport: simulator.transport, tokens: PlaceholderTokenProvider())
        var lines: [String] = []
        let partners = try await client.listSubPartners().collect()
        for partner in partners { lines.append("sub-partner \(partner.provisioningState ?? "")") }
        for (index, owner) in ([nil] + partners.map(\.orgId)).enumerated() {
            for customer in try await client.listCustomers(onBehalfOf: owner).collect() {
                let packages = (customer.json["packages"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ",")
                let details = customer.json["resourceDetails"]?["packages"]?.jsonText() ?? ""
                lines.append("owner \(index): \(customer.externalId ?? "") \(customer.json["status"]?.stringValue ?? "") \(packages) \(details) errors \(customer.json["errors"]?.jsonText() ?? "[]")")
            }
            for subscriber in try await client.listSubscribers(onBehalfOf: owner).collect() {
                lines.append("owner \(index): subscriber \(subscriber.email ?? "") \(subscriber.status?.rawValue ?? "") \(subscriber.packages ?? [])")
            }
        }
        return lines.sorted()
    }

    @Test func theShippedDefaultScenarioIsTheSeedData() async throws {
        let seeded = try Simulator(clock: ManualClock())
        let scenario = try Scenario.load(path: Self.defaultFile)
        let loaded = try Simulator(configuration: try SimulatorConfiguration().applying(scenario), clock: ManualClock())
        let expected = try await Self.world(seeded)
        #expect(expected.count == 12)
        #expect(try await Self.world(loaded) == expected)
        #expect(Set(loaded.templates) == Set(SeedData.templates))
    }

    @Test func aScenarioWrittenOutReadsBackTheSame() throws {
        let scenario = try Scenario.load(path: Self.defaultFile)
        let text = scenario.json.jsonBytes(pretty: true)
        let again = try Scenario.parse(text, file: "again.json")
        #expect(again.json == scenario.json)
    }
}
