public import ArgumentParser
import Foundation
import Playbook
import PlaybookAPI
import PlaybookModule
import LuaRuntime

/// `wholesale run`: runs one playbook.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a playbook.",
        discussion: """
            Runs PLAYBOOK.lua in a sandbox: the `wholesale` module, string, table, math, utf8, coroutine and os.time/clock/date; no io, no os.execute, no debug. Files the playbook reads or writes must be in its folder or an --allow-dir folder. Logs go to stderr; print() goes to stdout.

            Target: the embedded simulator by default (nothing leaves the machine); --target webex for https://webexapis.com, or any base URL such as a `wholesale sim serve` on loopback. The first log line names the target. Credentials for a real target: WEBEX_TOKEN, --token-file FILE (mode 600), or WEBEX_CLIENT_ID + WEBEX_CLIENT_SECRET + WEBEX_REFRESH_TOKEN; no token is ever printed.

            --dry-run sends reads and prechecks but plans every change (provision, update, remove, consent email, billing report) instead of sending it, validated as if sent; the playbook carries on with results marked dryRun = true, and the plan is printed on stdout at the end (--plan FILE.json writes it as JSON). Its exit code is the playbook's, as for a real run. wholesale.state values set in a dry run are not saved.

            Every run is journaled (SQLite, --journal FILE, default $XDG_STATE_HOME/wholesale/journal.sqlite; or PostgreSQL, --journal postgres://USER@HOST:PORT/DB, or WHOLESALE_JOURNAL): the run, each API call with its status and tracking id, work still pending at the end, and wholesale.state. `wholesale history` and `wholesale show RUN` read it. Runs of one playbook never overlap: a second one exits 3 naming the holder, or waits with --wait-lock. SIGINT or SIGTERM stops a run gracefully: no new requests, the ones in flight finish, exit 130 or 143; run it again to go on (creates whose answer was lost are looked up first, so nothing is done twice).

            Exit codes: 0 success, 1 the playbook failed (uncaught error or wholesale.fail), 2 usage, configuration or compile error, 3 another run of the playbook holds the lock, 4 a limit (--timeout, --max-memory) stopped it, 75 the API kept failing in a way that may pass (retries ran out on 429/5xx/timeouts: try later), 130/143 stopped by SIGINT/SIGTERM.

            Examples:
              wholesale run onboard.lua --var region=emea --vars settings.json
              wholesale run onboard.lua --dry-run --plan plan.json
              wholesale run onboard.lua --target http://127.0.0.1:8080
              WEBEX_TOKEN=... wholesale run onboard.lua --target webex
            """
    )

    @Argument(help: ArgumentHelp("The playbook to run.", valueName: "PLAYBOOK.lua"))
    var playbook: String

    @Option(name: .customLong("var"), help: ArgumentHelp("Set wholesale.args.KEY to the string VALUE (repeatable).", valueName: "KEY=VALUE"))
    var variables: [String] = []

    @Option(name: .customLong("vars"), help: ArgumentHelp("A JSON object file merged into wholesale.args (--var wins).", valueName: "FILE.json"))
    var variablesFile: String?

    @Option(help: "Default number of coroutines wholesale.parallel runs at once.")
    var concurrency = 8

    @Option(parsing: .unconditional, help: ArgumentHelp("Stop the run after this many seconds (0: no limit).", valueName: "SECONDS"))
    var timeout: Double = 14_400

    @Option(name: .customLong("max-memory"), parsing: .unconditional, help: ArgumentHelp("Cap on the playbook's Lua memory in MB (0: no limit).", valueName: "MB"))
    var maxMemory = 512

    @Option(name: .customLong("allow-dir"), help: ArgumentHelp("Another folder the playbook may read and write (repeatable).", valueName: "DIR"))
    var allowedDirectories: [String] = []

    @Option(help: ArgumentHelp("sim (the embedded simulator), webex, or a base URL like http://127.0.0.1:8080.", valueName: "TARGET"))
    var target = "sim"

    @Flag(name: .customLong("dry-run"), help: "Send reads and prechecks only; plan every change and print the plan.")
    var dryRun = false

    @Flag(name: .customLong("strict-fields"), help: "Refuse a body with a field the API does not know (a validation error) instead of warning and sending it.")
    var strictFields = false

    @Option(help: ArgumentHelp("With --dry-run, also write the plan as JSON to this file.", valueName: "FILE.json"))
    var plan: String?

    @Option(name: .customLong("token-file"), help: ArgumentHelp("A file (mode 600) holding the bearer token for a real target.", valueName: "FILE"))
    var tokenFile: String?

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp("The most one API request may take, its retries, waits and a slow answer included.", valueName: "SECONDS"))
    var requestTimeout: Double = 600

    @Option(help: ArgumentHelp("The journal (wholesale.state lives there): a SQLite file, or postgres://USER@HOST:PORT/DB to share one across hosts; default $WHOLESALE_JOURNAL, else $XDG_STATE_HOME/wholesale/journal.sqlite.", valueName: "FILE|URL"))
    var journal: String?

    @Option(name: .customLong("sim-state"), help: ArgumentHelp("Keep the embedded simulator's state in this SQLite file across runs.", valueName: "FILE"))
    var simState: String?

    @Option(name: .customLong("sim-speed"), help: ArgumentHelp("Simulated seconds per real second for the embedded simulator (waits and timeouts are simulated time).", valueName: "X"))
    var simSpeed: Double = 1

    @Option(name: .customLong("sim-scenario"), help: ArgumentHelp("Start the embedded simulator from this scenario file: your templates, sub-partners, customers (docs/simulator.md#scenarios).", valueName: "FILE.json"))
    var simScenario: String?

    @Option(name: .customLong("sim-seed"), help: "Seed of the embedded simulator's ids, seed data and faults.")
    var simSeed: UInt64 = 1

    @Option(name: .customLong("sim-faults"), help: ArgumentHelp("Faults the embedded simulator injects, as for `sim serve --faults` (docs/simulator.md).", valueName: "SPEC"))
    var simFaults = ""

    @Option(name: .customLong("wait-lock"), help: ArgumentHelp("Wait up to this long for another run of the playbook to end (default: exit 3 at once).", valueName: "SECONDS"))
    var waitLock: Double = 0

    @Option(help: ArgumentHelp("Write one outcome row per resource touched, with its tracking id, to FILE.json or FILE.csv.", valueName: "FILE"))
    var report: String?

    @Option(help: ArgumentHelp("POST a JSON summary of the run to this URL when it fails (see --notify-on).", valueName: "URL"))
    var notify: String?

    @Option(name: .customLong("notify-on"), help: "When to notify: failure or always.")
    var notifyOn: NotifyOn = .failure

    @Option(help: ArgumentHelp("Ping URL/start when the run starts, URL when it succeeds and URL/fail when it fails (healthchecks style).", valueName: "URL"))
    var heartbeat: String?

    @Flag(help: "Print nothing when the run succeeds; when it fails, print everything it logged (for cron).")
    var quiet = false

    @Flag(name: .customLong("redact-pii"), help: "Keep emails in the journal only as hashes.")
    var redactPII = false

    @Option(name: .customLong("log-format"), help: "Log lines on stderr as text or JSON.")
    var logFormat: LogFormat = .text

    @Option(name: .customLong("log-level"), help: "The least severe log level printed.")
    var logLevel: LogLevel = .info

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard requestTimeout > 0, requestTimeout.isFinite else {
            throw ValidationError("--request-timeout takes a number of seconds above 0 (the default is 600)")
        }
        if let problem = LimitOptions.timeoutProblem(timeout) ?? LimitOptions.maxMemoryProblem(maxMemory) { throw ValidationError(problem) }
        guard simSpeed > 0, simSpeed.isFinite else { throw ValidationError("--sim-speed must be above 0") }
        guard plan == nil || dryRun else { throw ValidationError("--plan needs --dry-run") }
        guard waitLock >= 0, waitLock.isFinite else { throw ValidationError("--wait-lock must be a number of seconds") }
        for (name, url) in [("--notify", notify), ("--heartbeat", heartbeat)] {
            if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                throw ValidationError("\(name) takes an http(s) URL, not \"\(url)\"")
            }
        }
    }

    func run() throws {
        let arguments: [String: LuaValue]
        do {
            arguments = try PlaybookArguments.make(variables: variables, variablesFile: variablesFile)
        } catch {
            throw Failure.unusable(error.description)
        }
        var configuration = PlaybookConfiguration(
            playbookPath: playbook, arguments: arguments, concurrency: concurrency,
            timeLimit: timeout > 0 ? timeout : nil, memoryLimit: maxMemory > 0 ? maxMemory << 20 : nil,
            allowedDirectories: allowedDirectories, logFormat: logFormat, logLevel: logLevel, target: target, dryRun: dryRun,
            planPath: plan, simulator: EmbeddedSimulatorSettings(statePath: simState, speed: simSpeed, seed: simSeed, faults: simFaults, scenarioPath: simScenario),
            tokenFile: tokenFile, journalPath: journal)
        configuration.unattended.waitLock = waitLock
        configuration.unattended.reportPath = report
        configuration.unattended.notifyURL = notify
        configuration.unattended.notifyAlways = notifyOn == .always
        configuration.unattended.heartbeatURL = heartbeat
        configuration.unattended.quiet = quiet
        configuration.unattended.redactPII = redactPII
        configuration.requestTimeout = requestTimeout
        configuration.strictFields = strictFields
        let outcome = PlaybookRunner.runOnCurrentThread(configuration)
        if !outcome.succeeded { throw outcome }
    }
}

/// `--notify-on`.
enum NotifyOn: String, ExpressibleByArgument, CaseIterable {
    case failure, always
}

extension LogFormat: ExpressibleByArgument {}
extension LogLevel: ExpressibleByArgument {}
