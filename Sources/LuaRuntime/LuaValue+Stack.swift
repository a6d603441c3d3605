internal import CLua
internal import CLuaShims
internal import JSONValues

/// Moves `LuaValue`s onto and off a Lua stack using raw access only (no metamethods run).
enum LuaStack {
    /// Deepest nesting accepted when reading a table.
    static let maxDepth = 100

    /// Pushes `value`, or nil when it is `nil`.
    static func push(_ value: LuaValue?, on L: OpaquePointer) {
        guard let value else { return lua_pushnil(L) }
        push(value, on: L)
    }

    /// Pushes `value`; arrays get the array mark so an empty one stays an array.
    static func push(_ value: LuaValue, on L: OpaquePointer) {
        switch value {
        case .null: wl_push_null(L)
        case .boolean(let b): lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(L, i)
        case .number(let d): lua_pushnumber(L, d)
        case .string(var s): s.withUTF8 { buffer in pushBytes(buffer, on: L) }
        case .bytes(let b): b.withUnsafeBufferPointer { buffer in pushBytes(buffer, on: L) }
        case .array(let elements): pushArray(elements, on: L) { push($0, on: L) }
        case .object(let members): pushObject(members, on: L) { push($0, on: L) }
        }
    }

    /// Pushes a table of `elements`, each pushed by `pushElement`, marked as an array. Once
    /// Lua's memory passes the limit it stops, leaving a partial table: the run stops when
    /// control returns to Lua, so a huge value is not built to the end first.
    static func pushArray<Element>(_ elements: [Element], on L: OpaquePointer, _ pushElement: (Element) -> Void) {
        let engine = wl_engine_of_state(L)
        lua_checkstack(L, 3)
        lua_createtable(L, Int32(clamping: elements.count), 0)
        for (offset, element) in elements.enumerated() {
            if wl_engine_overshot(engine) != 0 { return }
            pushElement(element)
            lua_rawseti(L, -2, Int64(offset + 1))
        }
        wl_mark_table(L, -1, Int32(WL_TABLE_ARRAY))
    }

    /// Pushes a table of `members`, each value pushed by `pushMember` (stopping early as
    /// `pushArray` does).
    static func pushObject<Member>(_ members: [String: Member], on L: OpaquePointer, _ pushMember: (Member) -> Void) {
        let engine = wl_engine_of_state(L)
        lua_checkstack(L, 4)
        lua_createtable(L, 0, Int32(clamping: members.count))
        for (key, member) in members {
            if wl_engine_overshot(engine) != 0 { return }
            var key = key
            key.withUTF8 { buffer in pushBytes(buffer, on: L) }
            pushMember(member)
            lua_rawset(L, -3)
        }
    }

    private static func pushBytes(_ buffer: UnsafeBufferPointer<UInt8>, on L: OpaquePointer) {
        buffer.withMemoryRebound(to: CChar.self) { chars in
            _ = lua_pushlstring(L, chars.baseAddress, chars.count)
        }
    }

    /// Text from a Lua string's bytes (invalid UTF-8 repaired).
    static func text(_ chars: UnsafePointer<CChar>?, count: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(start: chars, count: count), as: UTF8.self)
    }

    /// The string at `index` when it is a string (never converts numbers in place).
    static func string(at index: Int32, in L: OpaquePointer) -> LuaValue? {
        var length = 0
        guard lua_type(L, index) == LUA_TSTRING, let chars = lua_tolstring(L, index, &length) else { return nil }
        let bytes = UnsafeRawBufferPointer(start: chars, count: length).bindMemory(to: UInt8.self)
        if let s = String(validating: bytes, as: UTF8.self) { return .string(s) }
        return .bytes(Array(bytes))
    }

    /// Reads the value at `index`; `nil` for Lua nil. Throws for values that are not data.
    static func read(at index: Int32, in L: OpaquePointer, path: String) throws(LuaConversionError) -> LuaValue? {
        var visiting: Set<UnsafeRawPointer> = []
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        return try read(at: lua_absindex(L, index), in: L, path: path, visiting: &visiting)
    }

    private static func read(
        at index: Int32, in L: OpaquePointer, path: String, visiting: inout Set<UnsafeRawPointer>
    ) throws(LuaConversionError) -> LuaValue? {
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: return nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, index) != 0 { return .integer(lua_tointegerx(L, index, nil)) }
            let d = lua_tonumberx(L, index, nil)
            guard d.isFinite else {
                throw LuaConversionError(path: path, problem: d.isNaN ? "NaN is not JSON" : "infinity is not JSON")
            }
            return .number(d)
        case LUA_TSTRING: return string(at: index, in: L)
        case LUA_TTABLE: return try readTable(at: index, in: L, path: path, visiting: &visiting)
        case LUA_TUSERDATA where wl_is_null(L, index) != 0: return .null
        default:
            let name = String(cString: wl_typename(L, index))
            throw LuaConversionError(path: path, problem: "\(name) is not JSON")
        }
    }

    private static func readTable(
        at index: Int32, in L: OpaquePointer, path: String, visiting: inout Set<UnsafeRawPointer>
    ) throws(LuaConversionError) -> LuaValue {
        guard let identity = lua_topointer(L, index) else { return .object([:]) }
        if visiting.contains(identity) { throw LuaConversionError(path: path, problem: "cycle") }
        if visiting.count >= maxDepth {
            throw LuaConversionError(path: path, problem: "nested more than \(maxDepth) levels deep")
        }
        guard lua_checkstack(L, 4) != 0 else { throw LuaConversionError(path: path, problem: "too deep") }
        visiting.insert(identity)
        defer { visiting.remove(identity) }

        let kind = wl_table_kind(L, index)
        var indexed: [(key: Int64, value: LuaValue)] = []
        var members: [String: LuaValue] = [:]
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            if lua_type(L, -2) == LUA_TSTRING, case .string(let key)? = string(at: -2, in: L) {
                let value = try read(at: lua_absindex(L, -1), in: L, path: JSONPath.member(path, key), visiting: &visiting)
                members[key] = value
            } else if lua_type(L, -2) == LUA_TNUMBER, lua_isinteger(L, -2) != 0 {
                let key = lua_tointegerx(L, -2, nil)
                let value = try read(at: lua_absindex(L, -1), in: L, path: JSONPath.index(path, key), visiting: &visiting)
                indexed.append((key, value ?? .null))
            } else {
                let name = String(cString: wl_typename(L, -2))
                throw LuaConversionError(path: path, problem: "a key of type \(name) is not JSON")
            }
            lua_settop(L, -2)
        }
        // Keys are distinct, so n keys all within 1...n are exactly 1...n.
        let count = Int64(indexed.count)
        var elements = [LuaValue?](repeating: nil, count: indexed.count)
        var belowOne: Int64?
        for (key, value) in indexed {
            if key >= 1 && key <= count { elements[Int(key - 1)] = value } else if key < 1 { belowOne = min(belowOne ?? key, key) }
        }
        let hole = elements.firstIndex(where: { $0 == nil }).map { Int64($0 + 1) }
        if !indexed.isEmpty && !members.isEmpty {
            throw LuaConversionError(
                path: path,
                problem: "table mixes string keys and array indexes; JSON needs one or the other "
                    + "(build it with wholesale.array{...} or wholesale.object{...})")
        }
        if !members.isEmpty {
            if kind == WL_TABLE_ARRAY { throw LuaConversionError(path: path, problem: "array has string keys") }
            return .object(members)
        }
        if let belowOne {
            throw LuaConversionError(path: JSONPath.index(path, belowOne), problem: "array indexes start at 1")
        }
        if let hole {
            throw LuaConversionError(
                path: JSONPath.index(path, hole),
                problem: "array has no element here (a hole); use wholesale.null for missing elements")
        }
        if indexed.isEmpty && kind != WL_TABLE_ARRAY { return .object([:]) }
        if kind == WL_TABLE_OBJECT {
            throw LuaConversionError(path: path, problem: "object has array indexes")
        }
        return .array(elements.map { $0! })
    }
}
