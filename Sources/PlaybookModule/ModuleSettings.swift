package import LuaRuntime

/// What the `wholesale` module's functions need to know of the run: the playbook, its
/// arguments, whether it is a dry run, whether output is held back, the folders it may use.
package struct ModuleSettings: Sendable {
    /// The playbook file, as the user named it (`wholesale.run.playbook`).
    package var playbookPath: String
    /// `wholesale.args`.
    package var arguments: [String: LuaValue]
    /// `--dry-run`: state set is not saved.
    package var dryRun: Bool
    /// `--quiet`: `print` goes through the run's held-back output.
    package var quiet: Bool
    /// `--strict-fields`: an unknown body field is a validation error (the start value of
    /// `wholesale.strict_fields`).
    package var strictFields = false
    /// Folders besides the playbook's where file functions may read and write.
    package var allowedDirectories: [String]
    /// Under test: where `print` and the logs go instead of stdout and stderr.
    package var capture: CapturedOutput?
    /// Under test: the folder that takes the playbook's writes (and is read first), so a run
    /// under test never changes the real files (`FileAccess.overlay`).
    package var overlay: String?

    /// Settings as given.
    package init(playbookPath: String, arguments: [String: LuaValue] = [:], dryRun: Bool = false, quiet: Bool = false, allowedDirectories: [String] = []) {
        self.playbookPath = playbookPath
        self.arguments = arguments
        self.dryRun = dryRun
        self.quiet = quiet
        self.allowedDirectories = allowedDirectories
    }
}
