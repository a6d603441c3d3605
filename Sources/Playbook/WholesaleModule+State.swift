import JSONValues
import LuaRuntime

extension WholesaleModule {
    /// `state.get(key)` and `state.set(key, value)`: JSON values kept across runs of the playbook.
    static func stateFunctions(_ context: PlaybookContext) -> [HostFunction] {
        [
            .sync("state.get") { arguments in
                let key = try arguments.string(1)
                return .value(try context.state.get(key).map(LuaValue.init))
            },
            .sync("state.set") { arguments in
                let key = try arguments.string(1)
                // nil and wholesale.null both remove the key.
                let value: JSONValue? = arguments.isNil(2) ? Optional<JSONValue>.none : try jsonArgument(arguments, 2, name: "value")
                try context.state.set(key, value == .some(.null) ? Optional<JSONValue>.none : value)
                return .none
            },
        ]
    }
}
