package import JSONValues
package import LuaRuntime
package import WholesaleValidation

extension WholesaleModule {
    /// `validate.customer`, `validate.subscriber` (`ok, problems`) and the single-value checks
    /// (`ok, message`): the same rules the client runs before every request.
    static func validateFunctions() -> [HostFunction] {
        let validator = WholesaleValidator()
        func body(_ name: String, _ check: @escaping (JSONValue, BodyUse) -> [ValidationProblem]) -> HostFunction {
            .sync("validate.\(name)") { arguments in
                guard arguments.typeName(1) == "table" else {
                    throw HostError.badArgument(1, to: "wholesale.validate.\(name)", "table expected, got \(arguments.typeName(1))")
                }
                let json = try jsonArgument(arguments, 1, name: "body")
                let useName = try arguments.optionalString(2) ?? BodyUse.provision.rawValue
                guard let use = BodyUse(rawValue: useName) else {
                    throw HostError.badArgument(2, to: "wholesale.validate.\(name)", "\"provision\", \"update\" or \"precheck\" expected, got \"\(useName)\"")
                }
                let problems = check(json, use)
                let ok = !problems.contains { $0.severity == .error }
                return .values([.boolean(ok), .array(problems.map { LuaValue($0.json) })])
            }
        }
        func single(_ name: String, _ check: @escaping (String) -> String?) -> HostFunction {
            .sync("validate.\(name)") { arguments in
                let message = check(try arguments.string(1))
                return .values([.boolean(message == nil), message.map(LuaValue.string)])
            }
        }
        return [
            body("customer") { validator.customer($0, for: $1) },
            body("subscriber") { validator.subscriber($0, for: $1) },
            single("email", ValueFormats.email),
            single("country", ValueFormats.country),
            single("timezone", ValueFormats.timeZone),
            single("language") { ValueFormats.language($0) },
            single("phone", ValueFormats.phone),
            .sync("validate.packages") { arguments in
                let list = try arguments.array(1, name: "packages")
                let kindName = try arguments.optionalObject(2, name: "opts")?["kind"]?.stringValue ?? PackageKind.customer.rawValue
                guard let kind = PackageKind(rawValue: kindName) else {
                    throw HostError.badArgument(2, to: "wholesale.validate.packages", "kind must be \"customer\" or \"subscriber\", got \"\(kindName)\"")
                }
                let names = try list.enumerated().map { i, element throws(HostError) in
                    do { return try element.jsonValue(path: "packages[\(i + 1)]") } catch { throw HostError.usage("wholesale.validate.packages: \(error)") }
                }
                let problems = validator.packages(names, kind: kind).filter { $0.severity == .error }
                let message = problems.isEmpty ? nil : problems.map(\.description).joined(separator: "; ")
                return .values([.boolean(problems.isEmpty), message.map(LuaValue.string)])
            },
        ]
    }

    /// Argument `n` as JSON, with a path-naming error for what JSON cannot hold.
    static func jsonArgument(_ arguments: LuaArguments, _ n: Int, name: String) throws(HostError) -> JSONValue {
        let value = try arguments.value(n, name: name) ?? .null
        do {
            return try value.jsonValue(path: name)
        } catch {
            throw HostError.usage("\(arguments.functionName): \(error)")
        }
    }
}
