public import JSONValues

extension LuaValue {
    /// The Lua form of a JSON value (JSON null becomes `.null`).
    public init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .boolean(let b): self = .boolean(b)
        case .integer(let i): self = .integer(i)
        case .number(let d): self = .number(d)
        case .string(let s): self = .string(s)
        case .array(let a): self = .array(a.map(LuaValue.init))
        case .object(let o): self = .object(o.mapValues(LuaValue.init))
        }
    }

    /// Decodes JSON text. Integers stay integers (`1`), numbers with a fraction or exponent
    /// become floats (`1.0`), `null` becomes `.null`; the first problem is reported with its position.
    public init(json: some Collection<UInt8>) throws(JSONError) {
        self.init(try JSONValue(json: json))
    }

    /// The JSON form of this value; `path` names it in errors
    /// (`body.name: string is not valid UTF-8, so it cannot be JSON`).
    public func jsonValue(path: String = "value") throws(LuaConversionError) -> JSONValue {
        switch self {
        case .null: return .null
        case .boolean(let b): return .boolean(b)
        case .integer(let i): return .integer(i)
        case .number(let d):
            guard d.isFinite else { throw LuaConversionError(path: path, problem: d.isNaN ? "NaN is not JSON" : "infinity is not JSON") }
            return .number(d)
        case .string(let s): return .string(s)
        case .bytes: throw LuaConversionError(path: path, problem: "string is not valid UTF-8, so it cannot be JSON")
        case .array(let elements):
            var out: [JSONValue] = []
            out.reserveCapacity(elements.count)
            for (i, element) in elements.enumerated() {
                out.append(try element.jsonValue(path: JSONPath.index(path, Int64(i + 1))))
            }
            return .array(out)
        case .object(let members):
            var out: [String: JSONValue] = [:]
            out.reserveCapacity(members.count)
            for (key, member) in members {
                out[key] = try member.jsonValue(path: JSONPath.member(path, key))
            }
            return .object(out)
        }
    }

    /// Encodes as JSON text with sorted object keys; `pretty` indents by two spaces.
    public func jsonBytes(pretty: Bool = false, path: String = "value") throws(LuaConversionError) -> [UInt8] {
        try jsonValue(path: path).jsonBytes(pretty: pretty)
    }

    /// Encodes as a JSON string (see `jsonBytes`).
    public func jsonText(pretty: Bool = false, path: String = "value") throws(LuaConversionError) -> String {
        try jsonValue(path: path).jsonText(pretty: pretty)
    }
}
