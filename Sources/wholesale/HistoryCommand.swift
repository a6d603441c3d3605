import ArgumentParser
import Foundation
import JSONValues
import Playbook
import RunJournal

/// `wholesale history`: the last runs in the journal.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the last runs in the journal.",
        discussion: """
            One line per run, newest first: when it started, its id, how it ended (exit code, or interrupted for a run that was killed, or running), the target, API calls (changes, failures, and calls whose outcome is unknown when there are any), and the playbook. `wholesale show RUN` tells what one run did to each resource.

            Examples:
              wholesale history --last 5
              wholesale history --json --journal /var/lib/wholesale/journal.sqlite
            """
    )

    @Option(help: ArgumentHelp("The journal: a SQLite file or a postgres:// URL (default $WHOLESALE_JOURNAL, else $XDG_STATE_HOME/wholesale/journal.sqlite).", valueName: "FILE|URL"))
    var journal: String?

    @Option(help: "How many runs to list.")
    var last = 20

    @Flag(help: "One JSON array instead of text.")
    var json = false

    func validate() throws {
        guard last >= 1 else { throw ValidationError("--last must be at least 1") }
    }

    func run() throws {
        let journal = try JournalOption.open(journal)
        let runs: [RunSummary]
        do { runs = try journal.runs(last: last) } catch { throw Failure.journal(error) }
        if json {
            print(JSONValue.array(runs.map(\.json)).jsonText(pretty: true))
            return
        }
        if runs.isEmpty { print("no runs in \(journal.location)") }
        for run in runs {
            let ended = run.state == .finished ? "exit \(run.exitCode ?? -1)" : run.state.rawValue
            let dry = run.dryRun ? " dry-run" : ""
            print("\(run.started)  \(run.id)  \(ended.padding(toLength: 11, withPad: " ", startingAt: 0)) \(run.target)\(dry)  "
                + "\(run.calls) calls (\(run.changes) changes, \(run.failures) failed\(run.unknown > 0 ? ", \(run.unknown) unknown" : ""))  \(run.playbook)")
        }
    }
}

/// `wholesale show RUN`: what one run did to each resource.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show what one run did: one row per resource it touched, with tracking ids.",
        discussion: """
            RUN is a run id from `wholesale history` (a unique prefix will do). Each row is the last change the run made (or tried) to one customer, subscriber or report: the operation, its outcome (ok, failed, unknown when the answer was lost, reconciled when a lookup found it), the HTTP status, Webex error codes and the tracking id to give Cisco support. Work still pending when the run ended is listed after.

            Examples:
              wholesale show 3f2a
              wholesale show 3f2a9c1e --csv > night.csv
            """
    )

    @Argument(help: ArgumentHelp("The run id, or a unique prefix of it.", valueName: "RUN"))
    var runID: String

    @Option(help: ArgumentHelp("The journal: a SQLite file or a postgres:// URL (default $WHOLESALE_JOURNAL, else $XDG_STATE_HOME/wholesale/journal.sqlite).", valueName: "FILE|URL"))
    var journal: String?

    @Flag(help: "The run and its rows as JSON.")
    var json = false

    @Flag(help: "The rows as CSV.")
    var csv = false

    func validate() throws {
        guard !(json && csv) else { throw ValidationError("choose one of --json and --csv") }
    }

    func run() throws {
        let journal = try JournalOption.open(journal)
        do {
            guard let summary = try journal.run(runID) else {
                throw Failure.noSuchRun(runID, journal: journal.location)
            }
            if json {
                print(try RunReport.json(journal, run: summary).jsonText(pretty: true))
            } else if csv {
                FileHandle.standardOutput.write(Data(try RunReport.csv(journal, run: summary.id).utf8))
            } else {
                let ended = summary.state == .finished ? "exit \(summary.exitCode ?? -1)" : summary.state.rawValue
                print("run \(summary.id): \(summary.playbook) on \(summary.target)\(summary.dryRun ? " (dry run)" : ""), \(summary.started) to \(summary.ended ?? "?"), \(ended)")
                if let message = summary.message { print(message) }
                for warning in try journal.notes(of: summary.id) { print("warning: \(warning)") }
                for outcome in try journal.outcomes(of: summary.id) {
                    let status = outcome.status.map { " HTTP \($0)" } ?? ""
                    let codes = outcome.codes.map { " codes \($0)" } ?? ""
                    print("  \(outcome.resource)  \(outcome.operation) \(outcome.outcome.rawValue)\(status)\(codes)  \(outcome.resourceId ?? "")  trackingId \(outcome.trackingId ?? "-")")
                }
                for work in try journal.pending(of: summary.id) {
                    print("  pending: \(work.operation) \(work.resourceId) (\(work.status ?? "?"))")
                }
            }
        } catch let error as JournalError {
            throw Failure.journal(error)
        }
    }
}

/// The `--journal` option of the reading commands.
enum JournalOption {
    /// The journal `option` names (else `WHOLESALE_JOURNAL`, else the default file); a
    /// `Failure` when it cannot be opened.
    static func open(_ option: String?) throws -> Journal {
        let environment = ProcessInfo.processInfo.environment
        do {
            var location = try JournalLocation.chosen(option, environment: environment)
            if case .file(let path) = location {
                let file = URL(fileURLWithPath: path).standardizedFileURL.path
                location = .file(file)
                guard FileManager.default.fileExists(atPath: file) else {
                    // The hint points at --journal only when no journal was named.
                    let named = JournalLocation.named(option, environment: environment)
                    throw Failure.unusable("no journal at \(file): no run has been journaled there" + (named ? "" : " (pass --journal FILE)"))
                }
            }
            return try Journal(location: location, readOnly: true)
        } catch let error as JournalError {
            throw Failure.journal(error)
        }
    }
}
