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
    /// Lua's allocations are also fastest: the main malloc arena). The report of a failure is
    /// in the outcome; what the run printed on the way went to stdout and stderr (held back
    /// under `--quiet`, and shown then only if the run failed).
    public static func runOnCurrentThread(_ configuration: PlaybookConfiguration) -> PlaybookOutcome {
        let quiet = configuration.unattended.quiet
        if quiet { RunOutput.holdBack() }
        let outcome = UnattendedRun(configuration).perform()
        if quiet { RunOutput.release(show: outcome.exitCode != .success) }
        return outcome
    }

    /// Runs the playbook's chunk in a VM for `context`; `started` is told the VM's interrupter.
    static func execute(_ context: PlaybookContext, started: (LuaInterrupter) -> Void) -> PlaybookOutcome {
        do throws(LuaError) {
            let vm = try makeVM(context)
            started(vm.interrupter)
            let chunk = try vm.compileFile(atPath: context.configuration.playbookPath)
            try vm.run(chunk)
            return PlaybookOutcome(.success)
        } catch {
            return outcome(of: error, configuration: context.configuration)
        }
    }

    /// Prints a dry run's plan on stdout and writes it to `--plan FILE` as JSON.
    static func report(_ plan: DryRunPlan, configuration: PlaybookConfiguration, outcome: PlaybookOutcome) -> PlaybookOutcome {
        RunOutput.standardOutput(plan.text)
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
        case .interrupted:
            return PlaybookOutcome(.interrupted, "wholesale: \(error.message)")
        case .runtime:
            let fields = error.value?.objectValue ?? [:]
            if fields["kind"] == .string("fail") {
                return PlaybookOutcome(.failed, "wholesale: playbook failed: \(error.description)")
            }
            let traceback = error.traceback.map { "\n" + $0 } ?? ""
            // The API kept failing in a way that may pass later: cron can retry (EX_TEMPFAIL).
            let transient = ["http", "network", "timeout"].contains(fields["kind"]?.stringValue ?? "") && fields["retryable"] == .boolean(true)
            return PlaybookOutcome(
                transient ? .temporaryFailure : .failed,
                "wholesale: playbook failed: \(error.description)\(transient ? " (a temporary failure: try again later)" : "")\(traceback)")
        }
    }
}
