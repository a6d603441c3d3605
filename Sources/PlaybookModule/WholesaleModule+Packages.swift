import LuaRuntime
import WholesaleValidation

extension WholesaleModule {
    /// `packages.list`, `packages.get` and `packages.is_calling`: the package table the validators
    /// use (`PackageCatalog.current`), as Lua data, so a playbook never keeps a list of its own.
    static func packageFunctions(_ catalog: PackageCatalog = .current) -> [HostFunction] {
        [
            .sync("packages.list") { arguments in
                let kindName = try arguments.optionalObject(1, name: "opts")?["kind"]?.stringValue
                var packages = catalog.packages
                if let kindName {
                    guard let kind = PackageKind(rawValue: kindName) else {
                        throw HostError.badArgument(1, to: "wholesale.packages.list", "kind must be \"customer\" or \"subscriber\", got \"\(kindName)\"")
                    }
                    packages = packages.filter { kind == .customer ? $0.forCustomers : $0.forSubscribers }
                }
                return .value(.array(packages.map { luaValue($0, catalog) }))
            },
            .sync("packages.get") { arguments in
                .value(catalog.package(named: try arguments.string(1)).map { luaValue($0, catalog) })
            },
            .sync("packages.is_calling") { arguments in
                .value(.boolean(catalog.package(named: try arguments.string(1))?.isCalling ?? false))
            },
        ]
    }

    /// `{ name, label, customer, subscriber, legacy_package, calling, add_on, requires_one_of }`
    /// (`requires_one_of` only for a package with a dependency).
    static func luaValue(_ package: PackageInfo, _ catalog: PackageCatalog) -> LuaValue {
        var fields: [String: LuaValue] = [
            "name": .string(package.name), "label": .string(package.label),
            "customer": .boolean(package.forCustomers), "subscriber": .boolean(package.forSubscribers),
            "legacy_package": .boolean(package.legacySubscriberValue), "calling": .boolean(package.isCalling),
            "add_on": .boolean(package.isAddOn),
        ]
        if let dependency = catalog.dependencies.first(where: { $0.package == package.name }) {
            fields["requires_one_of"] = .array(dependency.requiresOneOf.map(LuaValue.string))
        }
        return .object(fields)
    }
}
