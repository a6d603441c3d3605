package import Foundation
package import LuaRuntime

/// Which files a playbook may touch: those under its own folder or an `--allow-dir` folder.
/// Relative paths resolve against the playbook's folder, whatever the current directory.
package struct FileAccess: Sendable {
    package let playbookDirectory: String
    let allowedRoots: [String]

    package init(playbookDirectory: String, allowedDirectories: [String]) {
        self.playbookDirectory = playbookDirectory
        self.allowedRoots = ([playbookDirectory] + allowedDirectories).map(Self.canonical)
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The absolute path of `path` for `function`, or a `usage` error when it is outside the allowed folders.
    package func resolve(_ path: String, for function: String) throws(HostError) -> String {
        guard !path.isEmpty else { throw HostError.usage("\(function): the path is empty") }
        let joined = path.hasPrefix("/") ? path : (playbookDirectory as NSString).appendingPathComponent(path)
        let standardized = URL(fileURLWithPath: joined).standardizedFileURL
        // Resolve symlinks through the folder (the file itself may not exist yet).
        let folder = Self.canonical(standardized.deletingLastPathComponent().path)
        let resolved = (folder as NSString).appendingPathComponent(standardized.lastPathComponent)
        let target = Self.canonical(resolved)
        for root in allowedRoots where target == root || target.hasPrefix(root == "/" ? "/" : root + "/") {
            return target
        }
        throw HostError(
            kind: .usage,
            message: "\(function): \(path) is outside the playbook's folder (\(allowedRoots[0])); "
                + "pass --allow-dir to let playbooks use another folder")
    }
}
