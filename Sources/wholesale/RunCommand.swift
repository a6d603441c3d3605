public import ArgumentParser
import Foundation
import Playbook
import LuaRuntime

/// `wholesale run`: runs one playbook.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a playbook.",
        discussion: """
            Runs PLAYBOOK.lua in a sandbox: the `wholesale` module, string, table, math, utf8, coroutine and os.time/clock/date; no io, no os.execute, no debug. Files the playbook reads or writes must be in its folder or an --allow-dir folder. Logs go to stderr; print() goes to stdout.

            Exit codes: 0 success, 1 the playbook failed (uncaught error or wholesale.fail), 2 usage or compile error, 4 a limit (--timeout, --max-memory) stopped it.

            Example:
              wholesale run onboard.lua --var region=emea --vars settings.json
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

    @Option(help: ArgumentHelp("Stop the run after this many seconds (0: no limit).", valueName: "SECONDS"))
    var timeout: Double = 14_400

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Cap on the playbook's Lua memory in MB (0: no limit).", valueName: "MB"))
    var maxMemory = 512

    @Option(name: .customLong("allow-dir"), help: ArgumentHelp("Another folder the playbook may read and write (repeatable).", valueName: "DIR"))
    var allowedDirectories: [String] = []

    @Option(name: .customLong("log-format"), help: "Log lines on stderr as text or JSON.")
    var logFormat: LogFormat = .text

    @Option(name: .customLong("log-level"), help: "The least severe log level printed.")
    var logLevel: LogLevel = .info

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard timeout >= 0, timeout.isFinite else { throw ValidationError("--timeout must be a number of seconds, 0 for none") }
        guard maxMemory >= 0 else { throw ValidationError("--max-memory must be a number of MB, 0 for none") }
    }

    func run() throws {
        let arguments: [String: LuaValue]
        do {
            arguments = try PlaybookArguments.make(variables: variables, variablesFile: variablesFile)
        } catch {
            throw ValidationError(error.description)
        }
        let configuration = PlaybookConfiguration(
            playbookPath: playbook, arguments: arguments, concurrency: concurrency,
            timeLimit: timeout > 0 ? timeout : nil, memoryLimit: maxMemory > 0 ? maxMemory << 20 : nil,
            allowedDirectories: allowedDirectories, logFormat: logFormat, logLevel: logLevel)
        let outcome = PlaybookRunner.runOnCurrentThread(configuration)
        if !outcome.report.isEmpty { FileHandle.standardError.write(Data((outcome.report + "\n").utf8)) }
        if outcome.exitCode != .success { throw ExitCode(outcome.exitCode.rawValue) }
    }
}

extension LogFormat: ExpressibleByArgument {}
extension LogLevel: ExpressibleByArgument {}
