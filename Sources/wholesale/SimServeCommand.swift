import ArgumentParser
import Dispatch
import Foundation
import Playbook
import PlaybookAPI
import Synchronization
import UnixSignals
import WholesaleAPI
import WholesaleHTTPServer
import WholesaleSimulator

/// `wholesale sim serve`: the simulator on an HTTP port, for any tool.
struct SimServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the simulated API over HTTP (loopback by default).",
        discussion: """
            Answers the Wholesale API's paths under /v1 exactly as `--target sim` does in-process. Prints its base URL on the first line of stdout (useful with --port 0, which picks a free port), then one line per request on stderr: method, path, status, milliseconds, tracking id. Stops cleanly on Ctrl-C (SIGINT) or SIGTERM.

            The simulator accepts any bearer token and checks none: keep it on loopback. Triggers for testing fallbacks (externalIds starting sim-error, sim-partial, sim-rpl, sim-slow; emails starting existing-free; addresses containing "Unverifiable"; calling packages in AQ) and the --faults syntax are in docs/simulator.md.

            Examples:
              wholesale sim serve
              wholesale sim serve --port 0 --state sim.sqlite --speed 60
              wholesale sim serve --latency 50 --faults '429=5%,reset-after=1%' --seed 7
              wholesale sim serve --scenario my-world.json
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: ArgumentHelp("Keep the state in this SQLite file across restarts (default: memory only).", valueName: "FILE"))
    var state: String?

    @Option(help: ArgumentHelp("Added latency per request, in milliseconds.", valueName: "MS"))
    var latency: Double = 0

    @Option(help: ArgumentHelp("Faults to inject, e.g. 'latency=50ms~20ms,rate=100/s,429=5%,reset=1%,reset-after=1%,stall=1%:10s,slow=3,fail=10%'.", valueName: "SPEC"))
    var faults = ""

    @Option(help: "Seed of ids, seed data and faults (the same seed replays the same run).")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Simulated seconds per real second (60: provisioning that takes 20 s finishes in a third of a second).", valueName: "X"))
    var speed: Double = 1

    @Flag(name: .customLong("drop-filters"), help: "Reproduce the Webex quirk of next-page links that lose the caller's filters.")
    var dropFilters = false

    @Flag(name: .customLong("no-seed-data"), help: "Start a new state empty (no sub-partners, customers or subscribers).")
    var noSeedData = false

    @Option(help: ArgumentHelp("Add N provisioned customers (bulk-00001, …) to a new state, for trying paging and load.", valueName: "N"))
    var customers = 0

    @Option(help: ArgumentHelp("Start a new state from this scenario file: your templates, sub-partners, customers (docs/simulator.md#scenarios).", valueName: "FILE.json"))
    var scenario: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port takes 0 to 65535") }
        guard speed > 0 else { throw ValidationError("--speed must be above 0") }
        guard latency >= 0 else { throw ValidationError("--latency cannot be negative") }
        guard (0...1_000_000).contains(customers) else { throw ValidationError("--customers takes 0 to 1000000") }
        do { _ = try FaultPlan.parse(faults) } catch { throw ValidationError("--faults: \(error)") }
    }

    func run() throws {
        var configuration = SimulatorConfiguration()
        configuration.seed = seed
        configuration.speed = speed
        configuration.seedData = !noSeedData
        configuration.dropFiltersFromNextLinks = dropFilters
        configuration.bulkCustomers = customers
        if let scenario {
            do {
                configuration = try configuration.applying(try Scenario.load(path: scenario))
            } catch let error as ScenarioError {
                throw Failure.unusable("the scenario cannot be used:\n\(error)")
            }
        }
        // The command line's faults replace a scenario's.
        if !faults.isEmpty { configuration.faults = try FaultPlan.parse(faults) }
        if latency > 0 { configuration.faults.latency += .milliseconds(Int64(latency)) }
        configuration.notice = { Self.say("wholesale: \($0)") }
        let simulator: Simulator
        do {
            simulator = try Simulator(configuration: configuration, store: state.map { try .sqlite(path: $0) } ?? .memory())
        } catch {
            throw Failure.unusable("cannot open the simulator state \(state ?? ""): \(error)")
        }
        if simulator.resumedSavedState, let scenario, let state {
            Self.say("wholesale: --scenario \(scenario) ignored: \(state) holds a saved state, which goes on (a scenario seeds a new state only; remove the file to start over)")
        }
        let outcome = SimServeOutcome()
        let host = host, port = port, state = state, seed = seed, speed = speed
        // The main thread waits here; the server runs on Swift's threads.
        Blocking.run { () async -> Void in
            // Signals are trapped before the server says it is ready, so a SIGTERM right after
            // the URL is printed is never lost (until then it ends the process, as by default).
            var signals = await UnixSignalsSequence(trapping: .sigint, .sigterm).makeAsyncIterator()
            let server: HTTPServer
            do {
                server = try await HTTPServer.start(host: host, port: port) { request in
                    let started = ContinuousClock.now
                    let reply = await simulator.handle(request)
                    let elapsed = ContinuousClock.now - started
                    let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
                    // http://host/PATH?QUERY → /PATH (queries may hold emails; they are not logged).
                    let parts = request.url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
                    let path = "/" + (parts.count > 3 ? parts[3].split(separator: "?", maxSplits: 1).first.map(String.init) ?? "" : "")
                    let status: String
                    switch reply {
                    case .response(let response): status = String(response.status)
                    case .reset: status = "reset"
                    case .stall: status = "stall"
                    }
                    Self.say("\(request.method.rawValue) \(path) \(status) \(String(format: "%.1f", ms))ms \(request.header("TrackingID") ?? "-")")
                    switch reply {
                    case .response(let response): return .respond(response)
                    case .reset: return .closeConnection
                    case .stall(let duration): return .stall(duration)
                    }
                }
            } catch {
                outcome.fail("cannot listen on \(host):\(port): \(error); choose another --port (or --port 0)")
                return
            }
            FileHandle.standardOutput.write(Data((server.baseURL + "\n").utf8))
            Self.say("wholesale sim: listening on \(server.baseURL) (state: \(state ?? "memory"), seed \(seed), speed \(speed)x); templates: \(simulator.templates.joined(separator: ", "))")
            if !["127.0.0.1", "localhost", "::1"].contains(host) {
                Self.say("wholesale sim: warning: listening beyond loopback; the simulator accepts any token")
            }
            let signal = await signals.next()
            Self.say("wholesale sim: stopping (signal \(signal.map { $0 == .sigint ? SIGINT : SIGTERM } ?? 0))")
            await server.stop()
        }
        if let problem = outcome.problem { throw Failure.unusable(problem) }
    }

    /// One line on stderr.
    static func say(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Whether the server failed to start.
/// Why `sim serve` could not serve, set from its task.
final class SimServeOutcome: Sendable {
    private let value = Mutex<String?>(nil)
    /// The problem, if serving failed.
    var problem: String? { value.withLock { $0 } }
    /// Notes the problem that stopped serving.
    func fail(_ problem: String) { value.withLock { $0 = problem } }
}
