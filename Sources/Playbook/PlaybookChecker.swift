import LuaRuntime

/// `wholesale check`: compiles playbooks without running them.
public enum PlaybookChecker {
    /// The problem with the playbook at `path` (`file:line: message`), or `nil` when it compiles.
    public static func problem(inPlaybookAt path: String) -> String? {
        do {
            let vm = try LuaVM()
            _ = try vm.compileFile(atPath: path)
            return nil
        } catch {
            return error.kind == .syntax ? error.message : "wholesale: \(error.message)"
        }
    }
}
