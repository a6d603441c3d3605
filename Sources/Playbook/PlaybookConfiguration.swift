public import LuaRuntime
public import PlaybookAPI
public import PlaybookModule
import Foundation

/// Everything one run of a playbook needs to know, gathered from the command line.
public struct PlaybookConfiguration: Sendable {
    /// The playbook file, as the user named it.
    public var playbookPath: String
    /// `wholesale.args`: `--vars` file values overridden by `--var K=V` strings.
    public var arguments: [String: LuaValue]
    /// Default `concurrency` of `wholesale.parallel`.
    public var concurrency: Int
    /// Wall-time limit in seconds; `nil` for none.
    public var timeLimit: Double?
    /// Lua memory limit in bytes; `nil` for none.
    public var memoryLimit: Int?
    /// Folders besides the playbook's where file functions may read and write.
    public var allowedDirectories: [String]
    /// Text or JSON lines on stderr.
    public var logFormat: LogFormat
    /// The least severe log level printed.
    public var logLevel: LogLevel
    /// `--target`: `sim` (the embedded simulator), `webex`, or a base URL.
    public var target: String
    /// `--dry-run`: plan mutating calls instead of sending them.
    public var dryRun: Bool
    /// Where `--plan` writes the dry-run plan as JSON, if anywhere.
    public var planPath: String?
    /// The embedded simulator's settings (target `sim`).
    public var simulator: EmbeddedSimulatorSettings
    /// `--token-file`: a file (mode 600) holding the bearer token for a real target.
    public var tokenFile: String?
    /// `--request-timeout`: the most one API request may take, in seconds, retries and a slow
    /// answer included (simulated seconds on the embedded simulator).
    public var requestTimeout: Double = 600
    /// `--journal`: the SQLite file of the journal; the XDG state path when `nil`.
    public var journalPath: String?
    /// The environment credentials and the journal's default path are read from.
    public var environment: [String: String]
    /// What happens around the run when nobody watches: lock, report, notifications, output.
    public var unattended = UnattendedOptions()

    /// What the `wholesale` module needs of it.
    var module: ModuleSettings {
        ModuleSettings(
            playbookPath: playbookPath, arguments: arguments, dryRun: dryRun, quiet: unattended.quiet,
            allowedDirectories: allowedDirectories)
    }

    /// Creates a configuration with the documented defaults.
    public init(
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
