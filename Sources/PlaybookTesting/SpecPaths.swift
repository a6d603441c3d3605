import Foundation

/// Where a spec's files are: the playbooks it runs and the specs a command line names.
enum SpecPaths {
    /// `path` absolute and canonical (links resolved).
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The playbook `path` names for the spec at `specPath`: absolute as given, else looked for
    /// in the spec's folder, the folder above it (specs live in `spec/` beside the playbooks),
    /// and the current folder.
    static func locate(_ path: String, besides specPath: String) -> String? {
        if path.hasPrefix("/") { return FileManager.default.fileExists(atPath: path) ? canonical(path) : nil }
        let folder = (specPath as NSString).deletingLastPathComponent
        let candidates = [folder, (folder as NSString).deletingLastPathComponent, FileManager.default.currentDirectoryPath]
        for base in candidates {
            let candidate = ((base.isEmpty ? "." : base) as NSString).appendingPathComponent(path)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue { return canonical(candidate) }
        }
        return nil
    }

    /// The spec files `paths` name: files as given, folders searched for `*_spec.lua`; with no
    /// path, `spec/` if there is one, else the current folder. Sorted, each once.
    static func specs(_ paths: [String]) -> (files: [String], missing: [String]) {
        let manager = FileManager.default
        let roots = paths.isEmpty ? [manager.fileExists(atPath: "spec") ? "spec" : "."] : paths
        var files: [String] = [], missing: [String] = []
        for root in roots {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: root, isDirectory: &isFolder) else {
                missing.append(root)
                continue
            }
            guard isFolder.boolValue else {
                files.append(root)
                continue
            }
            let walker = manager.enumerator(atPath: root)
            var found: [String] = []
            while let relative = walker?.nextObject() as? String {
                if relative.hasSuffix("_spec.lua") { found.append((root as NSString).appendingPathComponent(relative)) }
            }
            files += found.sorted()
        }
        var seen = Set<String>()
        return (files.filter { seen.insert(canonical($0)).inserted }, missing)
    }
}
