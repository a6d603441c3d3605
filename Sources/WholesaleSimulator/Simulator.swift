import Foundation
import JSONValues
import Synchronization
public import WholesaleAPI
import WholesaleValidation

/// The simulated Wholesale service: one request handler that the in-process transport and the
/// HTTP server (`wholesale sim serve`) both call, over a state kept in memory or in SQLite.
///
/// Background work (provisioning, updates, removals, billing reports, user consent) moves on the
/// simulator's clock; a resource's status is brought up to date whenever it is read or listed.
public final class Simulator: Sendable {
    /// The settings it runs with.
    public let configuration: SimulatorConfiguration
    let clock: any SimulatorClock
    let store: SimulatorStore
    let state: Mutex<SimulatorState>
    let faults: FaultInjector
    let validator = WholesaleValidator()
    private let counters = Mutex<[String: Int]>([:])
    /// Whether the store held a saved state, which the simulator continues (a scenario, the
    /// seed data and `--customers` shape new states only).
    public let resumedSavedState: Bool
    /// Provisioning ids adopted as templates so far (each is announced once).
    let adoptedTemplates = Mutex<Set<String>>([])

    /// A simulator over `store`: the store's saved state when it has one, else a fresh state
    /// (with the seed data unless the configuration turns it off).
    public init(configuration: SimulatorConfiguration = .init(), clock: (any SimulatorClock)? = nil, store: SimulatorStore = .memory()) throws {
        self.configuration = configuration
        let clock = clock ?? ScaledClock(speed: configuration.speed)
        self.clock = clock
        self.store = store
        self.faults = FaultInjector(plan: configuration.faults, seed: configuration.seed)
        if let saved = try store.load() {
            state = Mutex(saved)
            resumedSavedState = true
        } else {
            resumedSavedState = false
            var fresh: SimulatorState
            if let scenario = configuration.scenario {
                fresh = scenario.state(seed: configuration.seed, now: clock.now(), durations: configuration.durations)
            } else {
                fresh = SeedData.emptyState(seed: configuration.seed)
                if configuration.seedData { SeedData.populate(&fresh, now: clock.now(), durations: configuration.durations) }
            }
            SeedData.addBulkCustomers(configuration.bulkCustomers, to: &fresh, now: clock.now())
            try store.replaceAll(with: fresh)
            state = Mutex(fresh)
        }
    }

    /// The simulated partner's organisation id.
    public var partnerOrgId: String { state.withLock { $0.partnerOrgId } }

    /// The provisioning ids of the simulated customer templates.
    public var templates: [String] { state.withLock { $0.templates } }

    /// How many requests of each operation the simulator has received, faults included, by
    /// `METHOD /path` template (`POST /wholesale/customers`): proof of what was and was not sent.
    public var requestCounts: [String: Int] { counters.withLock { $0 } }

    /// A transport that calls this simulator in-process: resets become "outcome unknown"
    /// failures, stalls a read timeout after the stall.
    public var transport: InProcessTransport {
        InProcessTransport { request async throws(TransportFailure) in
            switch await self.handle(request) {
            case .response(let response): return response
            case .reset: throw TransportFailure(stage: .outcomeUnknown, timedOut: false, reason: "the server closed the connection")
            case .stall(let duration):
                try? await Task.sleep(for: duration)
                throw TransportFailure(stage: .outcomeUnknown, timedOut: true, reason: "no response in time")
            }
        }
    }

    /// Answers one request, faults and latency included.
    public func handle(_ request: TransportRequest) async -> SimulatorReply {
        var generator = SystemRandomNumberGenerator()
        var parsed = SimulatorRequest(request, fallbackTrackingId: "SIM_" + String(generator.next(), radix: 36))
        if let codes = state.withLock({ $0.catalogue.codes }) { parsed.codes = codes }
        counters.withLock { $0["\(parsed.method.rawValue) \(parsed.template)", default: 0] += 1 }
        let decision = faults.decide(now: ContinuousClock.now)
        if let latency = decision.latency, latency > .zero { try? await Task.sleep(for: latency) }
        if let refusal = refuseUnauthenticated(parsed) { return .response(refusal.response) }
        switch decision.fault {
        case .none: break
        case .status(let status):
            return .response(parsed.error(status, "injected fault: HTTP \(status)", code: SimulatorCodes.injectedFault,
                                          headers: status == 429 || status == 423 ? [("Retry-After", "1")] : []))
        case .rateLimited(let seconds):
            return .response(parsed.error(429, "Too many requests; retry after \(seconds) s", code: SimulatorCodes.rateLimited,
                                          headers: [("Retry-After", String(seconds))]))
        case .resetBefore: return .reset
        case .stall(let duration): return .stall(duration)
        case .resetAfter:
            _ = route(parsed)
            return .reset
        }
        return .response(route(parsed))
    }

    /// Routes a request to its operation.
    func route(_ request: SimulatorRequest) -> TransportResponse {
        let s = request.segments
        let method = request.method
        switch (s.count, s.first) {
        case (2, "wholesale") where s[1] == "customers":
            return method == .GET ? listCustomers(request) : method == .POST ? provisionCustomer(request) : notAllowed(request)
        case (3, "wholesale") where s[1] == "customers" && s[2] == "validate":
            return method == .POST ? precheckCustomer(request) : notAllowed(request)
        case (3, "wholesale") where s[1] == "customers":
            switch method {
            case .GET: return getCustomer(request, id: s[2])
            case .PUT: return updateCustomer(request, id: s[2])
            case .DELETE: return removeCustomer(request, id: s[2])
            default: return notAllowed(request)
            }
        case (2, "wholesale") where s[1] == "subPartners":
            return method == .GET ? listSubPartners(request) : notAllowed(request)
        case (2, "wholesale") where s[1] == "subscribers":
            return method == .GET ? listSubscribers(request) : method == .POST ? provisionSubscriber(request) : notAllowed(request)
        case (3, "wholesale") where s[1] == "subscribers" && s[2] == "validate":
            return method == .POST ? precheckSubscriber(request) : notAllowed(request)
        case (3, "wholesale") where s[1] == "subscribers":
            switch method {
            case .GET: return getSubscriber(request, id: s[2])
            case .PUT: return updateSubscriber(request, id: s[2])
            case .DELETE: return removeSubscriber(request, id: s[2])
            default: return notAllowed(request)
            }
        case (4, "subscribers") where s[2] == "emails" && s[3] == "consentMove":
            return method == .POST ? consentMove(request, id: s[1]) : notAllowed(request)
        case (3, "wholesale") where s[1] == "billing" && s[2] == "reports":
            return method == .GET ? listReports(request) : method == .POST ? createReport(request) : notAllowed(request)
        case (4, "wholesale") where s[1] == "billing" && s[2] == "reports":
            switch method {
            case .GET: return getReport(request, id: s[3])
            case .DELETE: return removeReport(request, id: s[3])
            default: return notAllowed(request)
            }
        default:
            return request.error(404, "No such resource: /v1/\(s.joined(separator: "/"))", code: SimulatorCodes.noRoute)
        }
    }

    private func notAllowed(_ request: SimulatorRequest) -> TransportResponse {
        request.error(405, "Method \(request.method.rawValue) is not supported here", code: SimulatorCodes.methodNotAllowed)
    }
}
