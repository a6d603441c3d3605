/// How the simulator behaves: lifecycle durations, the clock's speed, paging, seed data, faults.
public struct SimulatorConfiguration: Sendable {
    /// How long background work takes, in simulated seconds.
    public struct Durations: Sendable {
        /// POST customer until a terminal status.
        public var provisioning: Double = 20
        /// PUT customer until a terminal status.
        public var update: Double = 10
        /// DELETE customer until it is gone.
        public var deletion: Double = 5
        /// The restricted-party review some customers go through first.
        public var rplReview: Double = 30
        /// A billing report until it is ready.
        public var billingReport: Double = 10
        /// A `pending_user_migration` subscriber until the user consents (after a consent email).
        public var consent: Double = 30

        /// The defaults: 20 s, 10 s, 5 s, 30 s, 10 s, 30 s.
        public init() {}
    }

    /// Background durations.
    public var durations = Durations()
    /// Simulated seconds per real second (1 is real time; tests and demos run faster).
    public var speed: Double = 1
    /// Seed of every random choice: ids, seed data, faults.
    public var seed: UInt64 = 1
    /// Whether a new store starts with the seed data (partner, sub-partners, customers, subscribers).
    public var seedData = true
    /// How many extra provisioned customers a new state gets (`bulk-00001`, …), for trying paging
    /// and load.
    public var bulkCustomers = 0
    /// Reproduce the Webex quirk of next-page links that drop the caller's filters.
    public var dropFiltersFromNextLinks = false
    /// Page size when the caller gives no `max`.
    public var defaultPageSize = 50
    /// Largest page served; a larger `max` gets this many, with a next link.
    public var maxPageSize = 100
    /// Injected faults (none by default).
    public var faults = FaultPlan()
    /// The world a new state starts from, instead of the seed data (`--scenario`); a saved
    /// state ignores it.
    public var scenario: Scenario?
    /// Told what a partner should know once (a provisioning id adopted as a template); the
    /// embedded simulator logs it through the run, `sim serve` prints it on stderr.
    public var notice: (@Sendable (String) -> Void)?

    /// The defaults: real time, seed 1, seed data, no quirk, no faults.
    public init() {}

    /// The configuration with a scenario's behaviour applied: its lifecycle durations, faults
    /// (latency and rate limit included) and seed, and the scenario itself for a new state.
    public func applying(_ scenario: Scenario) throws -> SimulatorConfiguration {
        var configuration = self
        configuration.scenario = scenario
        if let seed = scenario.seed { configuration.seed = seed }
        if let faults = scenario.faults { configuration.faults = try FaultPlan.parse(faults) }
        for (name, seconds) in scenario.lifecycle {
            switch name {
            case "provisioning": configuration.durations.provisioning = seconds
            case "update": configuration.durations.update = seconds
            case "deletion": configuration.durations.deletion = seconds
            case "rplReview": configuration.durations.rplReview = seconds
            case "billingReport": configuration.durations.billingReport = seconds
            case "consent": configuration.durations.consent = seconds
            default: break
            }
        }
        return configuration
    }
}
