/*
 * The host-function trampoline: every Swift function visible to Lua is a C closure over
 * host_trampoline with the Swift context as upvalue 1. Swift never raises or yields (both are
 * longjmps that would skip Swift's releases); it returns a code and this file acts on it.
 * Also here: the value helpers (null sentinel, array/object marks, error values) and
 * protected tostring.
 */
#include <string.h>
#include "engine.h"

static wl_dispatch_fn dispatch;
static char host_token;
static char null_key, array_meta_key, object_meta_key;

void wl_set_dispatch(wl_dispatch_fn fn) { dispatch = fn; }

static int memory_error(lua_State *L) {
    lua_pushliteral(L, "not enough memory");
    return lua_error(L);
}

/* Resumed by the scheduler with (true, results...) or (false, error). */
static int host_resume_k(lua_State *L, int status, lua_KContext base) {
    (void)status;
    int first = (int)base + 1;
    *wl_thread_flags(L) &= (unsigned char)~WL_THREAD_WAITING;
    if (!lua_toboolean(L, first)) {
        lua_settop(L, first + 1);
        return lua_error(L);
    }
    return lua_gettop(L) - first;
}

static int host_trampoline(lua_State *L) {
    wl_engine *e = wl_engine_of(L);
    if (atomic_load(&e->killed) != WL_KILL_NONE) return wl_raise_killed(L);
    void *function = lua_touserdata(L, lua_upvalueindex(1));
    size_t outer_charge = e->call_charge; /* a host call inside this one (through a metamethod) */
    e->call_charge = 0;
    e->in_host++;
    int r = dispatch(L, function);
    e->in_host--;
    e->used -= e->call_charge;
    e->call_charge = outer_charge;
    if (e->overshoot) {
        e->overshoot = 0;
        wl_kill(e, WL_KILL_MEMORY);
        return memory_error(L);
    }
    if (atomic_load(&e->killed) != WL_KILL_NONE) return wl_raise_killed(L);
    if (r == WL_HOST_RAISE) return lua_error(L);
    if (r == WL_HOST_YIELD) {
        lua_pushlightuserdata(L, &host_token);
        lua_insert(L, -2);
        *wl_thread_flags(L) |= WL_THREAD_WAITING;
        return lua_yieldk(L, 2, (lua_KContext)(lua_gettop(L) - 2), host_resume_k);
    }
    return r;
}

void wl_push_host_function(lua_State *L, void *function) {
    lua_pushlightuserdata(L, function);
    lua_pushcclosure(L, host_trampoline, 1);
}

void wl_mark_task(lua_State *thread) { *wl_thread_flags(thread) |= WL_THREAD_TASK; }

int wl_is_host_token(lua_State *L, int idx) {
    return lua_type(L, idx) == LUA_TLIGHTUSERDATA && lua_touserdata(L, idx) == &host_token;
}

/* ---- values ---- */

int wl_table_kind(lua_State *L, int idx) {
    if (!lua_getmetatable(L, idx)) return WL_TABLE_PLAIN;
    int kind = WL_TABLE_PLAIN;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &array_meta_key);
    if (lua_rawequal(L, -1, -2)) kind = WL_TABLE_ARRAY;
    lua_pop(L, 1);
    if (kind == WL_TABLE_PLAIN) {
        lua_rawgetp(L, LUA_REGISTRYINDEX, &object_meta_key);
        if (lua_rawequal(L, -1, -2)) kind = WL_TABLE_OBJECT;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return kind;
}

int wl_can_mark_table(lua_State *L, int idx) {
    if (!lua_getmetatable(L, idx)) return 1;
    lua_pop(L, 1);
    return wl_table_kind(L, idx) != WL_TABLE_PLAIN;
}

void wl_mark_table(lua_State *L, int idx, int kind) {
    idx = lua_absindex(L, idx);
    if (kind == WL_TABLE_ARRAY) lua_rawgetp(L, LUA_REGISTRYINDEX, &array_meta_key);
    else if (kind == WL_TABLE_OBJECT) lua_rawgetp(L, LUA_REGISTRYINDEX, &object_meta_key);
    else lua_pushnil(L);
    lua_setmetatable(L, idx);
}

void wl_push_null(lua_State *L) { lua_rawgetp(L, LUA_REGISTRYINDEX, &null_key); }

int wl_is_null(lua_State *L, int idx) {
    if (lua_type(L, idx) != LUA_TUSERDATA) return 0;
    idx = lua_absindex(L, idx);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &null_key);
    int same = lua_rawequal(L, idx, -1);
    lua_pop(L, 1);
    return same;
}

static int tostring_body(lua_State *L) {
    luaL_tolstring(L, 1, NULL);
    return 1;
}

const char *wl_tostring(lua_State *L, int idx, size_t *len) {
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) == LUA_TSTRING) {
        lua_pushvalue(L, idx);
        return lua_tolstring(L, -1, len);
    }
    int top = lua_gettop(L);
    lua_pushcfunction(L, tostring_body);
    lua_pushvalue(L, idx);
    if (atomic_load(&wl_engine_of(L)->killed) != WL_KILL_NONE || wl_pcall(L, 1, 1) != LUA_OK
        || lua_type(L, -1) != LUA_TSTRING) {
        lua_settop(L, top);
        lua_pushfstring(L, "(a %s value)", luaL_typename(L, idx));
    }
    return lua_tolstring(L, -1, len);
}

static int error_tostring(lua_State *L) {
    if (lua_getmetatable(L, 1)) {
        lua_getfield(L, -1, "line");
        if (lua_type(L, -1) == LUA_TSTRING) return 1;
    }
    lua_pushliteral(L, "error");
    return 1;
}

void wl_make_error_value(lua_State *L, int idx, const char *line, size_t len) {
    idx = lua_absindex(L, idx);
    lua_createtable(L, 0, 4);
    lua_pushlstring(L, line, len);
    lua_setfield(L, -2, "line");
    lua_pushcfunction(L, error_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushliteral(L, "wholesale.error");
    lua_setfield(L, -2, "__name");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, idx);
}

const char *wl_error_line(lua_State *L, int idx, size_t *len) {
    if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx)) return NULL;
    lua_pushliteral(L, "__tostring");
    lua_rawget(L, -2);
    int ours = lua_tocfunction(L, -1) == error_tostring;
    lua_pop(L, 1);
    if (!ours) {
        lua_pop(L, 1);
        return NULL;
    }
    lua_pushliteral(L, "line");
    lua_rawget(L, -2);
    lua_remove(L, -2);
    if (lua_type(L, -1) != LUA_TSTRING) {
        lua_pop(L, 1);
        return NULL;
    }
    return lua_tolstring(L, -1, len); /* left on the stack; the caller pops it */
}

static int null_tostring(lua_State *L) {
    lua_pushliteral(L, "null");
    return 1;
}

/* Creates the null sentinel and the array/object marks; called by wl_open_sandbox. */
void wl_open_values(lua_State *L) {
    lua_newuserdatauv(L, 0, 0);
    lua_createtable(L, 0, 3);
    lua_pushcfunction(L, null_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushliteral(L, "wholesale.null");
    lua_setfield(L, -2, "__name");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &null_key);

    /* the marks are locked: a script that reached them could arm a __gc finalizer */
    lua_createtable(L, 0, 2);
    lua_pushliteral(L, "wholesale.array");
    lua_setfield(L, -2, "__name");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &array_meta_key);

    lua_createtable(L, 0, 2);
    lua_pushliteral(L, "wholesale.object");
    lua_setfield(L, -2, "__name");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &object_meta_key);
}
