internal import CLua
internal import CLuaShims

/// The arguments of one host-function call, read straight from the Lua stack.
///
/// Readers throw `HostError`s worded like Lua's own:
/// `bad argument #1 to 'customers.get' (string expected, got table)`.
public struct LuaArguments {
    let L: OpaquePointer
    /// The name scripts know the function by, used in messages.
    public let functionName: String

    /// How many arguments were passed.
    public var count: Int { Int(lua_gettop(L)) }

    /// The Lua type name of argument `n` (`no value` when absent).
    public func typeName(_ n: Int) -> String {
        lua_type(L, Int32(n)) == LUA_TNONE ? "no value" : String(cString: wl_typename(L, Int32(n)))
    }

    /// True when argument `n` is absent or nil.
    public func isNil(_ n: Int) -> Bool { lua_type(L, Int32(n)) <= LUA_TNIL }

    private func expected(_ n: Int, _ type: String) -> HostError {
        .badArgument(n, to: functionName, "\(type) expected, got \(typeName(n))")
    }

    /// Argument `n` as a string (numbers are converted, as in Lua).
    public func string(_ n: Int) throws(HostError) -> String {
        guard let s = try optionalString(n) else { throw expected(n, "string") }
        return s
    }

    /// Argument `n` as a string, or `nil` when absent or nil.
    public func optionalString(_ n: Int) throws(HostError) -> String? {
        let t = lua_type(L, Int32(n))
        if t <= LUA_TNIL { return nil }
        guard t == LUA_TSTRING || t == LUA_TNUMBER else { throw expected(n, "string") }
        var length = 0
        let chars = lua_tolstring(L, Int32(n), &length)!
        return LuaStack.text(chars, count: length)
    }

    /// The length in bytes of argument `n`, a string (numbers are converted, as in Lua): to
    /// charge work on it before reading it with `bytes`.
    public func byteCount(_ n: Int) throws(HostError) -> Int {
        let t = lua_type(L, Int32(n))
        guard t == LUA_TSTRING || t == LUA_TNUMBER else { throw expected(n, "string") }
        var length = 0
        _ = lua_tolstring(L, Int32(n), &length)
        return length
    }

    /// Argument `n`, a string, as its bytes (numbers are converted, as in Lua).
    public func bytes(_ n: Int) throws(HostError) -> [UInt8] {
        let count = try byteCount(n)
        let chars = lua_tolstring(L, Int32(n), nil)!
        return Array(UnsafeRawBufferPointer(start: chars, count: count))
    }

    /// Argument `n` as an integer (a float with an exact integer value is accepted).
    public func integer(_ n: Int) throws(HostError) -> Int64 {
        guard let i = try optionalInteger(n) else { throw expected(n, "number") }
        return i
    }

    /// Argument `n` as an integer, or `nil` when absent or nil.
    public func optionalInteger(_ n: Int) throws(HostError) -> Int64? {
        let t = lua_type(L, Int32(n))
        if t <= LUA_TNIL { return nil }
        guard t == LUA_TNUMBER else { throw expected(n, "number") }
        var isInteger: Int32 = 0
        let i = lua_tointegerx(L, Int32(n), &isInteger)
        guard isInteger != 0 else {
            throw HostError.badArgument(n, to: functionName, "number has no integer representation")
        }
        return i
    }

    /// Argument `n` as a number.
    public func number(_ n: Int) throws(HostError) -> Double {
        guard let d = try optionalNumber(n) else { throw expected(n, "number") }
        return d
    }

    /// Argument `n` as a number, or `nil` when absent or nil.
    public func optionalNumber(_ n: Int) throws(HostError) -> Double? {
        let t = lua_type(L, Int32(n))
        if t <= LUA_TNIL { return nil }
        guard t == LUA_TNUMBER else { throw expected(n, "number") }
        return lua_tonumberx(L, Int32(n), nil)
    }

    /// Argument `n` as a boolean, or `nil` when absent or nil.
    public func optionalBoolean(_ n: Int) throws(HostError) -> Bool? {
        let t = lua_type(L, Int32(n))
        if t <= LUA_TNIL { return nil }
        guard t == LUA_TBOOLEAN else { throw expected(n, "boolean") }
        return lua_toboolean(L, Int32(n)) != 0
    }

    /// Argument `n` as data (`nil` when absent); `name` roots the path in messages (`body.address: cycle`).
    public func value(_ n: Int, name: String) throws(HostError) -> LuaValue? {
        do {
            return try LuaStack.read(at: Int32(n), in: L, path: name)
        } catch {
            throw HostError.usage("\(functionName): \(error)")
        }
    }

    /// Argument `n` as a table of string keys, or `nil` when absent or nil.
    public func optionalObject(_ n: Int, name: String) throws(HostError) -> [String: LuaValue]? {
        let t = lua_type(L, Int32(n))
        if t <= LUA_TNIL { return nil }
        guard t == LUA_TTABLE else { throw expected(n, "table") }
        switch try value(n, name: name) {
        case .object(let members)?: return members
        case .array(let elements)? where elements.isEmpty: return [:]
        default: throw HostError.badArgument(n, to: functionName, "table with string keys expected, got a list")
        }
    }

    /// Argument `n` as a table of string keys.
    public func object(_ n: Int, name: String) throws(HostError) -> [String: LuaValue] {
        guard let o = try optionalObject(n, name: name) else { throw expected(n, "table") }
        return o
    }

    /// Argument `n` as a list.
    public func array(_ n: Int, name: String) throws(HostError) -> [LuaValue] {
        guard lua_type(L, Int32(n)) == LUA_TTABLE else { throw expected(n, "table") }
        switch try value(n, name: name) {
        case .array(let elements)?: return elements
        case .object(let members)? where members.isEmpty: return []
        default: throw HostError.badArgument(n, to: functionName, "list expected, got a table with string keys")
        }
    }
}
