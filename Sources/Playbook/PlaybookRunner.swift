import Foundation
import Logging
import LuaRuntime
import WholesaleAPI

/// Runs one playbook: builds the sandboxed VM with the `wholesale` module, runs the file as
/// the main coroutine and turns the result into an exit code and a report.
public enum PlaybookRunner {
    /// Runs the playbook on a thread of its own and returns how it ended.
    public static func run(_ configuration: PlaybookConfiguration) async -> PlaybookOutcome {
        await LuaThread.run { runOnCurrentThread(configuration) }
    }

    /// Runs the playbook on the calling thread, blocking it until the run ends. Call it from a
    /// thread that is not one of Swift's cooperative threads, such as the main thread (where
    /// Lua's allocations are also fastest: the main malloc arena).
    public static func runOnCurrentThread(_ configuration: PlaybookConfiguration) -> PlaybookOutcome {
        let runID = UUID().uuidString.lowercased()
        var logger = Logger(label: "wholesale") { _ in
            PlaybookLogHandler(format: configuration.logFormat, logLevel: loggerLevel(configuration.logLevel))
        }
        logger[metadataKey: "run"] = .string(runID)
        let opened = Blocking.run { () async -> Result<(session: APISession, shutdown: @Sendable () async -> Void), WholesaleError> in
            do throws(WholesaleError) {
                return .success(try await APISession.make(
                    target: try APITarget(configuration.target), simulatorSettings: configuration.simulator,
                    tokenFile: configuration.tokenFile, dryRun: configuration.dryRun, environment: configuration.environment,
                    concurrency: configuration.concurrency))
            } catch {
                return .failure(error)
            }
        }
        guard case .success(let (session, shutdown)) = opened else {
            if case .failure(let error) = opened { return PlaybookOutcome(.usage, "wholesale: \(error)") }
            return PlaybookOutcome(.usage)
        }
        defer { Blocking.run { await shutdown() } }
        let journal = configuration.journalPath ?? PlaybookStateStore.defaultPath(environment: configuration.environment)
        let context = PlaybookContext(
            configuration: configuration, logger: logger, runID: runID, started: Date(), session: session, journalPath: journal)
        logger.info("run started", metadata: [
            "target": .string(session.target.summary), "playbook": .string(configuration.playbookPath),
            "dry_run": .stringConvertible(configuration.dryRun),
        ])
        let outcome: PlaybookOutcome
        do throws(LuaError) {
            let vm = try makeVM(context)
            let chunk = try vm.compileFile(atPath: configuration.playbookPath)
            try vm.run(chunk)
            outcome = PlaybookOutcome(.success)
        } catch {
            outcome = self.outcome(of: error, configuration: configuration)
        }
        if let plan = session.plan, outcome.exitCode != .usage {
            return report(plan, configuration: configuration, outcome: outcome)
        }
        return outcome
    }

    /// Prints a dry run's plan on stdout and writes it to `--plan FILE` as JSON.
    static func report(_ plan: DryRunPlan, configuration: PlaybookConfiguration, outcome: PlaybookOutcome) -> PlaybookOutcome {
        FileHandle.standardOutput.write(Data(plan.text.utf8))
        guard let path = configuration.planPath else { return outcome }
        do {
            try AtomicFile.write(plan.json.jsonBytes(pretty: true) + [0x0A], to: path, for: "--plan")
        } catch {
            let report = [outcome.report, "wholesale: \(error.message)"].filter { !$0.isEmpty }.joined(separator: "\n")
            return PlaybookOutcome(outcome.exitCode == .success ? .usage : outcome.exitCode, report)
        }
        return outcome
    }

    /// A sandboxed VM with the `wholesale` module installed for `context`.
    static func makeVM(_ context: PlaybookContext) throws(LuaError) -> LuaVM {
        let configuration = context.configuration
        let vm = try LuaVM(configuration: .init(
            memoryLimit: configuration.memoryLimit, timeLimit: configuration.timeLimit,
            moduleDirectory: context.files.playbookDirectory, defaultConcurrency: configuration.concurrency))
        try vm.installModule(
            named: WholesaleModule.name, functions: WholesaleModule.functions(context),
            fields: WholesaleModule.fields(context), glue: WholesaleModule.glue)
        return vm
    }

    static func loggerLevel(_ level: LogLevel) -> Logger.Level {
        switch level {
        case .debug: return .debug
        case .info: return .info
        case .warn: return .warning
        case .error: return .error
        }
    }

    /// The exit code and report for an error that ended the run.
    static func outcome(of error: LuaError, configuration: PlaybookConfiguration) -> PlaybookOutcome {
        switch error.kind {
        case .syntax:
            return PlaybookOutcome(.usage, error.message)
        case .io:
            return PlaybookOutcome(.usage, "wholesale: \(error.message)")
        case .timeLimit:
            return PlaybookOutcome(
                .limit, "wholesale: limit: \(error.message): the playbook ran longer than --timeout allows (raise it, or pass --timeout 0 for no limit)")
        case .memoryLimit:
            return PlaybookOutcome(
                .limit, "wholesale: limit: \(error.message): the playbook's Lua data grew past --max-memory (raise it, or process rows as they come instead of keeping them)")
        case .runtime:
            if case .object(let fields)? = error.value, fields["kind"] == .string("fail") {
                return PlaybookOutcome(.failed, "wholesale: playbook failed: \(error.description)")
            }
            let traceback = error.traceback.map { "\n" + $0 } ?? ""
            return PlaybookOutcome(.failed, "wholesale: playbook failed: \(error.description)\(traceback)")
        }
    }
}
