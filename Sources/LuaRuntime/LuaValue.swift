/// A Lua value that can leave the VM: the JSON-shaped subset of Lua, plus raw byte strings.
///
/// Lua `nil` is `Optional.none`; `null` is the `wholesale.null` sentinel (JSON null).
/// Integers and floats stay distinct, as in Lua 5.4, so `1` never becomes `1.0` on the wire.
public enum LuaValue: Sendable, Hashable {
    /// The null sentinel (JSON null).
    case null
    /// A boolean.
    case boolean(Bool)
    /// A Lua integer.
    case integer(Int64)
    /// A Lua float.
    case number(Double)
    /// A Lua string that is valid UTF-8.
    case string(String)
    /// A Lua string that is not valid UTF-8, kept byte for byte.
    case bytes([UInt8])
    /// A sequence, or a table marked with `wholesale.array`.
    case array([LuaValue])
    /// A table with string keys, or one marked with `wholesale.object`.
    case object([String: LuaValue])
}

extension LuaValue {
    /// The string, when this value is a UTF-8 string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The integer, when this value is an integer or a float with an exact integer value.
    public var integerValue: Int64? {
        switch self {
        case .integer(let i): return i
        case .number(let d): return Int64(exactly: d)
        default: return nil
        }
    }

    /// The members, when this value is an object.
    public var objectValue: [String: LuaValue]? {
        if case .object(let o) = self { return o }
        return nil
    }
}

extension LuaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// A string value.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer value.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A boolean value.
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    /// A float value.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// An array value.
    public init(arrayLiteral elements: LuaValue...) { self = .array(elements) }
    /// An object value.
    public init(dictionaryLiteral elements: (String, LuaValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
