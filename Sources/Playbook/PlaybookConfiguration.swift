package import LuaRuntime
package import PlaybookAPI
package import PlaybookModule
package import RunJournal
import Foundation

/// Everything one run of a playbook needs to know, gathered from the command line.
package struct PlaybookConfiguration: Sendable {
    /// The playbook file, as the user named it.
    package var playbookPath: String
    /// `wholesale.args`: `--vars` file values overridden by `--var K=V` strings.
    package var arguments: [String: LuaValue]
    /// Default `concurrency` of `wholesale.parallel`.
    package var concurrency: Int
    /// Wall-time limit in seconds; `nil` for none.
    package var timeLimit: Double?
    /// Lua memory limit in bytes; `nil` for none.
    package var memoryLimit: Int?
    /// Folders besides the playbook's where file functions may read and write.
    package var allowedDirectories: [String]
    /// Text or JSON lines on stderr.
    package var logFormat: LogFormat
    /// The least severe log level printed.
    package var logLevel: LogLevel
    /// `--target`: `sim` (the embedded simulator), `webex`, or a base URL.
    package var target: String
    /// `--dry-run`: plan mutating calls instead of sending them.
    package var dryRun: Bool
    /// `--strict-fields`: unknown body fields are errors, not warnings.
    package var strictFields = false
    /// Where `--plan` writes the dry-run plan as JSON, if anywhere.
    package var planPath: String?
    /// The embedded simulator's settings (target `sim`).
    package var simulator: EmbeddedSimulatorSettings
    /// `--token-file`: a file (mode 600) holding the bearer token for a real target.
    package var tokenFile: String?
    /// `--request-timeout`: the most one API request may take, in seconds, retries and a slow
    /// answer included (simulated seconds on the embedded simulator).
    package var requestTimeout: Double = 600
    /// `--journal`: the journal's SQLite file or PostgreSQL URL; `WHOLESALE_JOURNAL`, else the
    /// XDG state path, when `nil`.
    package var journalPath: String?
    /// The environment credentials and the journal's default path are read from.
    package var environment: [String: String]
    /// What happens around the run when nobody watches: lock, report, notifications, output.
    package var unattended = UnattendedOptions()

    /// Set when the run is one a spec started (`wholesale.test.run`).
    package var underTest: RunUnderTest?

    /// The journal the run uses (`JournalLocation.chosen`).
    package func journalLocation() throws(JournalError) -> JournalLocation {
        try JournalLocation.chosen(journalPath, environment: environment)
    }

    /// What the `wholesale` module needs of it.
    package var module: ModuleSettings {
        var settings = ModuleSettings(
            playbookPath: playbookPath, arguments: arguments, dryRun: dryRun, quiet: unattended.quiet,
            allowedDirectories: allowedDirectories)
        settings.strictFields = strictFields
        settings.capture = underTest?.capture
        settings.overlay = underTest?.overlay
        return settings
    }

    /// Creates a configuration with the documented defaults.
    package init(
        playbookPath: String, arguments: [String: LuaValue] = [:], concurrency: Int = 8,
        timeLimit: Double? = 4 * 3600, memoryLimit: Int? = 512 << 20, allowedDirectories: [String] = [],
        logFormat: LogFormat = .text, logLevel: LogLevel = .info, target: String = "sim", dryRun: Bool = false,
        planPath: String? = nil, simulator: EmbeddedSimulatorSettings = .init(), tokenFile: String? = nil,
        journalPath: String? = nil, environment: [String: String]? = nil
    ) {
        self.target = target
        self.dryRun = dryRun
        self.planPath = planPath
        self.simulator = simulator
        self.tokenFile = tokenFile
        self.journalPath = journalPath
        self.environment = environment ?? ProcessInfo.processInfo.environment
        self.playbookPath = playbookPath
        self.arguments = arguments
        self.concurrency = concurrency
        self.timeLimit = timeLimit
        self.memoryLimit = memoryLimit
        self.allowedDirectories = allowedDirectories
        self.logFormat = logFormat
        self.logLevel = logLevel
    }
}
