internal import CLua
internal import CLuaShims
internal import JSONValues

extension LuaStack {
    /// Pushes a decoded JSON value as `LuaValue(json)` would be pushed (arrays marked, `null`
    /// the sentinel) without building that copy first. Stops early, leaving a partial value,
    /// once Lua's memory passes the limit: the run stops when control returns to Lua.
    static func push(json value: JSONValue, on L: OpaquePointer) {
        switch value {
        case .null: wl_push_null(L)
        case .boolean(let b): lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(L, i)
        case .number(let d): lua_pushnumber(L, d)
        case .string(let s): push(.string(s), on: L)
        case .array(let elements): pushArray(elements, on: L) { push(json: $0, on: L) }
        case .object(let members): pushObject(members, on: L) { push(json: $0, on: L) }
        }
    }
}
