import Foundation
import Logging
package import LuaRuntime
import PlaybookAPI
package import PlaybookModule
import WholesaleAPI

/// Runs one playbook: builds the sandboxed VM with the `wholesale` module, runs the file as
/// the main coroutine and says how it ended.
package enum PlaybookRunner {
    /// Runs the playbook on a thread of its own and returns how it ended.
    package static func run(_ configuration: PlaybookConfiguration) async -> PlaybookOutcome {
        await LuaThread.run { runOnCurrentThread(configuration) }
    }

    /// Runs the playbook on the calling thread, blocking it until the run ends. Call it from a
    /// thread that is not one of Swift's cooperative threads, such as the main thread (where
    /// Lua's allocations are also fastest: the main malloc arena). The report of a failure is
    /// in the outcome; what the run printed on the way went to stdout and stderr (held back
    /// under `--quiet`, and shown then only if the run failed).
    package static func runOnCurrentThread(_ configuration: PlaybookConfiguration) -> PlaybookOutcome {
        let quiet = configuration.unattended.quiet
        if quiet { RunOutput.holdBack() }
        let outcome = UnattendedRun(configuration).perform()
        if quiet { RunOutput.release(show: !outcome.succeeded) }
        return outcome
    }

    /// Runs the playbook's chunk in a VM for `context`; `started` is told the VM's interrupter.
    static func execute(
        _ context: PlaybookContext, configuration: PlaybookConfiguration, started: (LuaInterrupter) -> Void
    ) -> PlaybookOutcome {
        do throws(LuaError) {
            let vm = try makeVM(context, configuration: configuration)
            // Under `wholesale test --coverage` only: the line hook, and its counts at the end.
            let recordLines = configuration.underTest?.recordLines
            if recordLines != nil { vm.countLines() }
            defer { recordLines?(vm.lineCounts) }
            started(vm.interrupter)
            let chunk = try vm.compileFile(atPath: configuration.playbookPath)
            try vm.run(chunk)
            return .success
        } catch {
            return PlaybookOutcome([.script(error)])
        }
    }

    /// Prints a dry run's plan on stdout and writes it to `--plan FILE` as JSON.
    static func report(_ plan: DryRunPlan, configuration: PlaybookConfiguration, outcome: PlaybookOutcome) -> PlaybookOutcome {
        if let capture = configuration.underTest?.capture { capture.print(plan.text) } else { RunOutput.standardOutput(plan.text) }
        guard let path = configuration.planPath else { return outcome }
        do {
            try AtomicFile.write(plan.json.jsonBytes(pretty: true) + [0x0A], to: path, for: "--plan")
        } catch {
            return outcome.adding(.unusable(error.message))
        }
        return outcome
    }

    /// A sandboxed VM with the `wholesale` module installed for `context`, limited as
    /// `configuration` says; `extra` functions and `extraGlue` (the spec API) are added to it,
    /// and `require` loads from `moduleDirectory` (default: the playbook's folder).
    package static func makeVM(
        _ context: PlaybookContext, configuration: PlaybookConfiguration, extra: [HostFunction] = [], extraGlue: String = "",
        moduleDirectory: String? = nil
    ) throws(LuaError) -> LuaVM {
        let vm = try LuaVM(configuration: .init(
            memoryLimit: configuration.memoryLimit, timeLimit: configuration.timeLimit,
            moduleDirectory: moduleDirectory ?? context.files.playbookDirectory, defaultConcurrency: configuration.concurrency))
        try vm.installModule(
            named: WholesaleModule.name, functions: WholesaleModule.functions(context) + extra,
            fields: WholesaleModule.fields(context), glue: WholesaleModule.glue + "\n" + extraGlue)
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
}
