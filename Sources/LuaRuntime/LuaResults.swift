internal import CLua
public import JSONValues

/// What a host function returns to Lua: nothing, one value, or several.
public enum LuaResults: Sendable {
    /// No results.
    case none
    /// One result; `nil` is Lua nil.
    case value(LuaValue?)
    /// Several results, in order.
    case values([LuaValue?])
    /// One decoded JSON value, pushed as `LuaValue(json)` without building that copy (for
    /// large documents: the push stops early once Lua's memory passes the limit).
    case json(JSONValue)

    /// Pushes the results and returns how many were pushed.
    func push(on L: OpaquePointer) throws(HostError) -> Int32 {
        switch self {
        case .none:
            return 0
        case .value(let v):
            LuaStack.push(v, on: L)
            return 1
        case .values(let vs):
            guard lua_checkstack(L, Int32(clamping: vs.count)) != 0 else {
                throw HostError(kind: .host, message: "too many results (\(vs.count))")
            }
            for v in vs { LuaStack.push(v, on: L) }
            return Int32(vs.count)
        case .json(let value):
            LuaStack.push(json: value, on: L)
            return 1
        }
    }
}
