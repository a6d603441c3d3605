package import Foundation
package import LuaRuntime
package import JSONValues

extension WholesaleModule {
    /// Charges parsing `bytes` against `--max-memory` before it runs: the tree Swift builds
    /// (`JSONValue.decodingCost`) on top of the text already charged. The Lua tables made from
    /// the tree are counted as Lua's own memory as they are made.
    private static func chargeDecoding(_ bytes: [UInt8], _ arguments: LuaArguments, _ what: String) throws(HostError) {
        try arguments.chargeMemory(JSONValue.decodingCost(of: bytes), for: "\(what) (\(bytes.count) bytes of JSON)")
    }

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
                let size = try arguments.byteCount(1)
                try arguments.chargeMemory(size, for: "wholesale.json.decode of \(size) bytes of JSON")
                let bytes = try arguments.bytes(1)
                try chargeDecoding(bytes, arguments, "wholesale.json.decode")
                do {
                    return .json(try JSONValue(json: bytes))
                } catch let error as JSONError {
                    throw HostError.usage("wholesale.json.decode: \(error)")
                }
            },
            .sync("json.read") { arguments in
                let shown = try arguments.string(1)
                let path = try context.files.reading(shown, for: "wholesale.json.read")
                let size = try AtomicFile.size(path, shownAs: shown, for: "wholesale.json.read")
                try arguments.chargeMemory(size, for: "wholesale.json.read of \(shown) (\(size) bytes)")
                let bytes = try AtomicFile.readBytes(path, expected: size, shownAs: shown, for: "wholesale.json.read")
                try chargeDecoding(bytes, arguments, "wholesale.json.read of \(shown)")
                do {
                    return .json(try JSONValue(json: bytes))
                } catch {
                    throw HostError(kind: .io, message: "wholesale.json.read: \(shown): \(error)")
                }
            },
            .sync("json.write") { arguments in
                let shown = try arguments.string(1)
                let path = try context.writablePath(shown, for: "wholesale.json.write")
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
