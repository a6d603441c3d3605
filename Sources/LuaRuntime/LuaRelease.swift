import CLuaShims

/// The Lua the runtime is linked with.
public enum LuaRelease {
    /// Its release, e.g. `Lua 5.4.4`.
    public static var name: String { String(cString: wl_lua_release) }
}
