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
                let value = arguments.isNil(2) ? nil : try jsonArgument(arguments, 2, name: "value")
                try context.state.set(key, value == .null ? nil : value)
                return .none
            },
        ]
    }
}
