package import Foundation
package import Logging
package import WholesaleAPI
package import WholesaleSimulator

/// What a run talks to: the embedded simulator (`sim`, the default), Webex (`webex`), or any
/// base URL such as a `wholesale sim serve` on loopback.
package enum APITarget: Sendable, Equatable {
    /// The simulator, in-process.
    case simulator
    /// A real or simulated service at a base URL (`https://webexapis.com` for `webex`).
    case url(String)

    /// The base URL of Webex.
    static let webexURL = "https://webexapis.com"

    /// Reads `--target`: `sim`, `webex` or an `http(s)://` URL.
    package init(_ text: String) throws(WholesaleError) {
        switch text.lowercased() {
        case "sim", "simulator": self = .simulator
        case "webex": self = .url(Self.webexURL)
        default:
            guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
                throw WholesaleError(
                    kind: .usage, operation: "target",
                    message: "--target takes sim, webex or a base URL such as http://127.0.0.1:8080 (got \"\(text)\")")
            }
            try WholesaleClient.checkBaseURL(text)
            self = .url(text)
        }
    }

    /// `sim`, `webex` or the URL: the value of `wholesale.run.target`.
    package var name: String {
        switch self {
        case .simulator: return "sim"
        case .url(let url): return url == Self.webexURL ? "webex" : url
        }
    }

    /// The words of the first log line: which service this run changes.
    package var summary: String {
        switch self {
        case .simulator: return "the embedded simulator (nothing leaves this machine)"
        case .url(let url): return url == Self.webexURL ? "Webex (\(url))" : url
        }
    }
}

/// The settings of the embedded simulator (`--sim-state`, `--sim-speed`, `--sim-seed`, `--sim-faults`).
package struct EmbeddedSimulatorSettings: Sendable {
    /// The SQLite file that keeps the simulator's state across runs; memory only when `nil`.
    package var statePath: String?
    /// Simulated seconds per real second.
    package var speed: Double
    /// Seed of ids, seed data and faults.
    package var seed: UInt64
    /// Faults to inject, in `wholesale sim serve --faults` syntax.
    package var faults: String
    /// A scenario file a new state starts from (`--sim-scenario`).
    package var scenarioPath: String?
    /// Under test: a simulator already running, reached through this transport, instead of a
    /// new one (the other settings but `speed` are then its own).
    package var attached: (any Transport)?

    /// Creates settings; the defaults are real time, seed 1, no faults, memory only, the seed data.
    package init(statePath: String? = nil, speed: Double = 1, seed: UInt64 = 1, faults: String = "", scenarioPath: String? = nil) {
        self.scenarioPath = scenarioPath
        self.statePath = statePath
        self.speed = speed
        self.seed = seed
        self.faults = faults
    }
}

extension APISession {
    /// A session on a new embedded simulator with `settings`.
    package static func embedded(
        _ settings: EmbeddedSimulatorSettings, plan: DryRunPlan?, inFlight: Int = 64, retry: RetryPolicy = .init(), journal: JournalHooks = .none,
        logger: Logger = Logger(label: "wholesale.api")
    ) throws(WholesaleError) -> APISession {
        if let attached = settings.attached {
            return session(on: attached, speed: settings.speed, plan: plan, inFlight: inFlight, retry: retry, journal: journal, logger: logger)
        }
        var configuration = SimulatorConfiguration()
        configuration.speed = settings.speed
        configuration.seed = settings.seed
        if let path = settings.scenarioPath {
            do {
                configuration = try configuration.applying(try Scenario.load(path: path))
            } catch let error as ScenarioError {
                throw WholesaleError(kind: .usage, operation: "target", message: "--sim-scenario: the scenario cannot be used (check it with `wholesale sim scenario check \(path)`):\n\(error)")
            } catch {
                throw WholesaleError(kind: .usage, operation: "target", message: "--sim-scenario \(path): \(error)")
            }
        }
        do {
            if !settings.faults.isEmpty { configuration.faults = try FaultPlan.parse(settings.faults) }
        } catch {
            throw WholesaleError(kind: .usage, operation: "target", message: "--sim-faults: \(error)")
        }
        configuration.notice = { [logger] in logger.notice("\($0)") }
        let simulator: Simulator
        do {
            let store = try settings.statePath.map { path in try SimulatorStore.sqlite(path: path) } ?? .memory()
            simulator = try Simulator(configuration: configuration, store: store)
        } catch {
            throw WholesaleError(kind: .usage, operation: "target", message: "cannot open the simulator state \(settings.statePath ?? ""): \(error)")
        }
        if simulator.resumedSavedState, let scenario = settings.scenarioPath, let state = settings.statePath {
            logger.warning("--sim-scenario \(scenario) ignored: \(state) holds a saved state, which goes on (a scenario seeds a new state only; remove the file to start over)")
        }
        return session(on: simulator.transport, speed: settings.speed, plan: plan, inFlight: inFlight, retry: retry, journal: journal, logger: logger)
    }

    /// A session on a simulator in this process, reached through `transport`, whose clock
    /// runs `speed` times as fast as real time.
    private static func session(
        on transport: any Transport, speed: Double, plan: DryRunPlan?, inFlight: Int, retry: RetryPolicy, journal: JournalHooks, logger: Logger
    ) -> APISession {
        let clock = ScaledRetryClock(speed: speed)
        let client = WholesaleClient(
            baseURL: "http://sim.invalid", transport: transport, tokens: PlaceholderTokenProvider(), retry: retry,
            budget: RequestBudget(maxInFlight: inFlight, clock: clock), clock: clock, logger: logger, observer: journal.observer)
        var polling = Polling()
        polling.speed = speed
        return APISession(
            client: client, target: .simulator, plan: plan, polling: polling, unknownEarlier: journal.unknownEarlier,
            resolvedEarlier: journal.resolvedEarlier)
    }

    /// A warning when the refresh token expires within 14 days.
    static func expiryNotice(_ expires: Date?, now: Date = Date()) -> String? {
        guard let expires else { return nil }
        let days = Int((expires.timeIntervalSince(now) / 86_400).rounded(.down))
        guard days < 14 else { return nil }
        let when = expires.formatted(.iso8601.year().month().day())
        return days < 0
            ? "the refresh token expired on \(when): create a new one in the integration's settings and set WEBEX_REFRESH_TOKEN"
            : "the refresh token expires in \(days) day\(days == 1 ? "" : "s") (\(when)): create a new one in the integration's settings before then, or unattended runs will stop"
    }

    /// A session for `target`: the embedded simulator, or an HTTP client with the credentials
    /// the environment or `tokenFile` provide. Errors say what to set or fix.
    package static func make(
        target: APITarget, simulatorSettings: EmbeddedSimulatorSettings, tokenFile: String?, dryRun: Bool,
        environment: [String: String], concurrency: Int, requestTimeout: Double = 600, journal: JournalHooks = .none,
        logger: Logger = Logger(label: "wholesale.api")
    ) async throws(WholesaleError) -> (session: APISession, shutdown: @Sendable () async -> Void) {
        let plan = dryRun ? DryRunPlan() : nil
        var retry = RetryPolicy()
        retry.maxTotalTime = .milliseconds(Int64((requestTimeout * 1000).rounded()))
        switch target {
        case .simulator:
            return (try embedded(simulatorSettings, plan: plan, inFlight: max(64, concurrency), retry: retry, journal: journal, logger: logger), {})
        case .url(let url):
            // As many requests in flight as coroutines may make at once, and never fewer than the client's default.
            let inFlight = max(64, concurrency)
            var transportConfiguration = HTTPTransport.Configuration()
            transportConfiguration.connectionsPerHost = inFlight
            let transport = HTTPTransport(configuration: transportConfiguration)
            let tokens: (any TokenProvider)?
            do {
                tokens = try Credentials.provider(
                    environment: environment, tokenFile: tokenFile, baseURL: url, transport: transport, logger: logger)
            } catch where !Credentials.given(environment: environment, tokenFile: tokenFile) && url.lowercased().hasPrefix("http://") {
                // Plain http is only allowed to loopback, where a simulator takes any token.
                tokens = PlaceholderTokenProvider()
            } catch {
                try? await transport.shutdown()
                throw error
            }
            let client = WholesaleClient(
                baseURL: url, transport: transport, tokens: tokens, retry: retry, budget: RequestBudget(maxInFlight: inFlight), logger: logger,
                observer: journal.observer)
            // A refresh token is exchanged now, so bad credentials stop the run before it starts.
            if let tokens {
                do { _ = try await tokens.token() } catch {
                    try? await transport.shutdown()
                    throw error
                }
            }
            var notices: [String] = []
            if let refresher = tokens as? OAuthRefresher, let notice = Self.expiryNotice(await refresher.refreshTokenExpires) {
                notices.append(notice)
            }
            let session = APISession(
                client: client, target: target, plan: plan, polling: Polling(), unknownEarlier: journal.unknownEarlier,
                resolvedEarlier: journal.resolvedEarlier,
                notices: notices)
            return (session, { try? await transport.shutdown() })
        }
    }
}

/// How a session reaches the journal: the observer its client reports calls to, and the
/// question whether an earlier run left a create's outcome unknown.
package struct JournalHooks: Sendable {
    package let observer: (any CallObserver)?
    package let unknownEarlier: @Sendable (WholesaleAPI.Operation, String?, String?, String?) -> Bool
    /// Tells the journal a lookup found what an earlier create left unknown.
    package let resolvedEarlier: @Sendable (WholesaleAPI.Operation, String?, String?, String?) -> Void

    /// Hooks that report to `observer` and ask and tell the journal with the two closures.
    package init(
        observer: (any CallObserver)?,
        unknownEarlier: @escaping @Sendable (WholesaleAPI.Operation, String?, String?, String?) -> Bool,
        resolvedEarlier: @escaping @Sendable (WholesaleAPI.Operation, String?, String?, String?) -> Void
    ) {
        self.observer = observer
        self.unknownEarlier = unknownEarlier
        self.resolvedEarlier = resolvedEarlier
    }

    /// No journal (`wholesale check`).
    package static let none = JournalHooks(observer: nil, unknownEarlier: { _, _, _, _ in false }, resolvedEarlier: { _, _, _, _ in })
}
