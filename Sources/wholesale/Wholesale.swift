import ArgumentParser
import Foundation
import LuaRuntime
import Playbook
import PlaybookModule
import WholesaleAPI

/// The `wholesale` command: runs Lua playbooks against the Webex Wholesale API.
@main
struct Wholesale: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wholesale",
        abstract: "Run Lua playbooks that onboard customers through the Webex Wholesale API.",
        discussion: """
            A playbook is a Lua 5.4 script using the `wholesale` module. Runs are sandboxed, limited in time and memory, journaled, never overlap, and exit with a code cron can act on: 0 success, 1 the playbook failed, 2 usage or compile error, 3 another run holds the lock, 4 a limit was hit, 75 a temporary API failure (try later), 130/143 stopped by SIGINT/SIGTERM.

            Example:
              wholesale run examples/hello.lua --var greeting=hi
              wholesale check examples/*.lua
              wholesale validate customer new-customer.json
              wholesale sim serve --port 8080
              wholesale history --last 5
            """,
        version: "wholesale \(BuildVersion.current), \(LuaRelease.name)",
        subcommands: [RunCommand.self, CheckCommand.self, ValidateCommand.self, SimCommand.self, HistoryCommand.self, ShowCommand.self, AuthCommand.self, TypesCommand.self, TestCommand.self]
    )

    /// Parses and runs a command on the main thread (the Lua VM runs there). A command that
    /// fails throws a `Failure` (or a run's outcome), printed here and turned into its exit
    /// code by `Failure`; argument errors print the usage text (exit 2, as documented, not 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as Failure {
            end(PlaybookOutcome([failure]))
        } catch let outcome as PlaybookOutcome {
            end(outcome)
        } catch {
            if exitCode(for: error) == .validationFailure { end(PlaybookOutcome([.commandLine(fullMessage(for: error))])) }
            exit(withError: error)
        }
    }

    /// Prints the outcome's report on stderr (through the run's output, which redacts every
    /// secret) and exits with its code.
    static func end(_ outcome: PlaybookOutcome) -> Never {
        let report = outcome.report
        if !report.isEmpty { RunOutput.standardError(report + "\n") }
        Foundation.exit(outcome.exitStatus.rawValue)
    }
}
