import JSONValues

extension BodyInspector {
    /// A package list: not empty, every name offered for `kind`, no duplicates, and every
    /// dependency met (reference §4, §11.6–7). Returns the names that are known.
    @discardableResult
    mutating func packages(_ values: [JSONValue], at path: String, kind: PackageKind) -> [PackageInfo] {
        if values.isEmpty { report(.packagesEmpty, at: path, "must list at least one package") }
        var seen: Set<String> = []
        var known: [PackageInfo] = []
        let offered = catalog.names(for: kind)
        for (i, value) in values.enumerated() {
            let elementPath = JSONPath.index(path, Int64(i + 1))
            guard let name = value.stringValue else {
                report(.fieldType, at: elementPath, "must be a package name (a string), not \(value.kindName)")
                continue
            }
            guard offered.contains(name), let info = catalog.package(named: name) else {
                report(.packageKnown, at: elementPath, "\"\(name)\" is not a \(kind.rawValue) package; expected one of \(offered.joined(separator: ", "))")
                continue
            }
            if !seen.insert(name).inserted {
                report(.packageDuplicate, at: elementPath, "\"\(name)\" is listed more than once")
                continue
            }
            known.append(info)
        }
        for dependency in catalog.dependencies where seen.contains(dependency.package) {
            if seen.isDisjoint(with: dependency.requiresOneOf) {
                report(.packageDependency, at: path, "\"\(dependency.package)\" needs one of \(dependency.requiresOneOf.joined(separator: ", ")) in the same list")
            }
        }
        return known
    }
}
