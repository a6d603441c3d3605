import Foundation
import LuaRuntime
import JSONValues

extension WholesaleModule {
    /// `json.encode`, `json.decode`, `json.read`, `json.write`.
    static func jsonFunctions(_ context: PlaybookContext) -> [HostFunction] {
        [
            .sync("json.encode") { arguments in
                let value = try arguments.value(1, name: "value") ?? .null
                let pretty = try arguments.optionalObject(2, name: "options")?["pretty"] == .boolean(true)
                do {
                    return .value(.string(try value.jsonText(pretty: pretty)))
                } catch {
                    throw HostError.usage("wholesale.json.encode: \(error)")
                }
            },
            .sync("json.decode") { arguments in
                do {
                    return .value(try LuaValue(json: Array(try arguments.string(1).utf8)))
                } catch let error as JSONError {
                    throw HostError.usage("wholesale.json.decode: \(error)")
                }
            },
            .sync("json.read") { arguments in
                let shown = try arguments.string(1)
                let path = try context.files.resolve(shown, for: "wholesale.json.read")
                let data = try AtomicFile.read(path, shownAs: shown, for: "wholesale.json.read")
                do {
                    return .value(try LuaValue(json: data))
                } catch {
                    throw HostError(kind: "io", message: "wholesale.json.read: \(shown): \(error)")
                }
            },
            .sync("json.write") { arguments in
                let shown = try arguments.string(1)
                let path = try context.files.resolve(shown, for: "wholesale.json.write")
                let value = try arguments.value(2, name: "value") ?? .null
                let bytes: [UInt8]
                do {
                    bytes = try value.jsonBytes(pretty: true) + [0x0A]
                } catch {
                    throw HostError.usage("wholesale.json.write: \(error)")
                }
                try AtomicFile.write(bytes, to: path, for: "wholesale.json.write")
                return .value(.boolean(true))
            },
        ]
    }
}
