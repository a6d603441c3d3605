package import JSONValues
package import LuaRuntime
package import RunJournal

extension WholesaleModule {
    /// `state.get(key)` and `state.set(key, value)`: JSON values kept across runs of the playbook.
    static func stateFunctions(_ context: PlaybookContext) -> [HostFunction] {
        [
            .sync("state.get") { arguments in
                let key = try arguments.string(1)
                do {
                    return .value(try context.state.get(key).map(LuaValue.init))
                } catch let error as JournalError {
                    throw HostError(kind: .io, message: "wholesale.state.get: \(error)")
                }
            },
            .sync("state.set") { arguments in
                let key = try arguments.string(1)
                // nil and wholesale.null both remove the key.
                var value: JSONValue? = arguments.isNil(2) ? Optional<JSONValue>.none : try jsonArgument(arguments, 2, name: "value")
                if value == .some(.null) { value = nil }
                let text = value.map { $0.jsonText() }
                if let text, text.utf8.count > PlaybookStateStore.largestValue {
                    throw HostError.usage(
                        "wholesale.state.set: the value of '\(key)' is \(text.utf8.count) bytes as JSON; state keeps values up to 1 MB (keep big data in a file)")
                }
                do {
                    try context.state.set(key, value, text: text)
                } catch let error as JournalError {
                    throw HostError(kind: .io, message: "wholesale.state.set: \(error)")
                }
                return .none
            },
        ]
    }
}
