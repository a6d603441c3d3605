package import Foundation
package import LuaRuntime

/// Which files a playbook may touch: those under its own folder or an `--allow-dir` folder.
/// Relative paths resolve against the playbook's folder, whatever the current directory.
///
/// Under test an `overlay` folder stands in front of the real files: writes go into it (at the
/// file's absolute path below the overlay) and reads look there first, so a playbook under
/// test reads the input files a spec gave it and never changes a real file.
package struct FileAccess: Sendable {
    package let playbookDirectory: String
    let allowedRoots: [String]
    /// The folder in front of the real files, under test.
    package let overlay: String?

    package init(playbookDirectory: String, allowedDirectories: [String], overlay: String? = nil) {
        self.playbookDirectory = playbookDirectory
        self.allowedRoots = ([playbookDirectory] + allowedDirectories).map(Self.canonical)
        self.overlay = overlay
    }

    /// Where the overlay keeps the file at the absolute, canonical `path`.
    package static func overlaid(_ path: String, in overlay: String) -> String {
        (overlay as NSString).appendingPathComponent(path)
    }

    /// The file a function reads for `path` (checked as `resolve` does): the overlay's copy if
    /// there is one.
    package func reading(_ path: String, for function: String) throws(HostError) -> String {
        let target = try resolve(path, for: function)
        guard let overlay else { return target }
        let copy = Self.overlaid(target, in: overlay)
        return FileManager.default.fileExists(atPath: copy) ? copy : target
    }

    /// The file a function writes for `path` (checked as `resolve` does): `PATH.dry-run` in a
    /// dry run, so the real file is left as it was; in the overlay, when there is one. Missing
    /// folders on the way are made (they are inside an allowed folder: `resolve` checked it).
    package func writing(_ path: String, for function: String, dryRun: Bool = false) throws(HostError) -> String {
        var target = try resolve(path, for: function)
        if dryRun { target += Self.dryRunSuffix }
        if let overlay { target = Self.overlaid(target, in: overlay) }
        try? FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return target
    }

    /// What a dry run adds to the name of a file it writes.
    package static let dryRunSuffix = ".dry-run"

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
