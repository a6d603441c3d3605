/*
 * The sandbox of a playbook (lua-api.md §7).
 *
 * Opened: base (without dofile, loadfile, collectgarbage), string (without dump), table, math,
 * utf8, coroutine, and an os table holding time, clock, date and difftime. Never opened: io,
 * package, debug (so no C modules and no package.loadlib, the Debian-specific escape of
 * CVE-2022-0543). Replaced: load (text only), pcall and xpcall (a stopped run cannot be caught),
 * setmetatable (no __gc: finalizers run with hooks off), coroutine.resume and coroutine.wrap
 * (forward host yields to the scheduler and keep the watchdog's chain). The string metatable
 * is locked. The global table is strict: assigning an undeclared global from inside a function
 * is an error; top-level assignments declare globals.
 */
#include <stdlib.h>
#include <string.h>
#include <lua5.4/lualib.h>
#include "engine.h"

void wl_open_values(lua_State *L);

static int stopped(lua_State *L) {
    return atomic_load(&wl_engine_of(L)->killed) != WL_KILL_NONE;
}

/* ---- pcall / xpcall ---- */

static int finish_pcall(lua_State *L, int status, lua_KContext extra) {
    if (status == LUA_ERRMEM) wl_kill(wl_engine_of(L), WL_KILL_MEMORY);
    if (stopped(L)) return lua_error(L); /* re-raise whatever is on top: the run is over */
    if (status != LUA_OK && status != LUA_YIELD) {
        lua_pushboolean(L, 0);
        lua_pushvalue(L, -2);
        return 2;
    }
    return lua_gettop(L) - (int)extra;
}

static int sb_pcall(lua_State *L) {
    luaL_checkany(L, 1);
    lua_pushboolean(L, 1);
    lua_insert(L, 1);
    int status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, finish_pcall);
    return finish_pcall(L, status, 0);
}

/* Message handler wrapper: once the run is stopped the user's handler is never called. */
static int xpcall_handler(lua_State *L) {
    if (stopped(L)) return 1;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_callk(L, lua_gettop(L) - 1, 1, 0, NULL);
    return 1;
}

static int sb_xpcall(lua_State *L) {
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushboolean(L, 1);
    lua_pushvalue(L, 1);
    lua_rotate(L, 3, 2);           /* [f, h, true, f, args...] */
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, xpcall_handler, 1);
    lua_replace(L, 2);             /* h -> wrapped handler */
    int status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finish_pcall);
    return finish_pcall(L, status, 2);
}

/* ---- setmetatable without __gc ---- */

static int sb_setmetatable(lua_State *L) {
    int t = lua_type(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (t == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "setmetatable: __gc finalizers are not allowed in playbooks");
        lua_pop(L, 1);
    }
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return luaL_error(L, "cannot change a protected metatable");
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

/* ---- load: text only ---- */

static int sb_load(lua_State *L) {
    size_t len;
    const char *s = lua_tolstring(L, 1, &len);
    if (s == NULL)
        return luaL_argerror(L, 1, "string expected (playbooks can load source text only)");
    const char *name = luaL_optstring(L, 2, "=(load)");
    const char *mode = luaL_optstring(L, 3, "t");
    if (strchr(mode, 't') == NULL) {
        luaL_pushfail(L);
        lua_pushliteral(L, "playbooks can load source text only, not binary chunks");
        return 2;
    }
    int status = luaL_loadbufferx(L, s, len, name, "t");
    if (status != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (!lua_isnone(L, 4)) {
        lua_pushvalue(L, 4);
        if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    }
    return 1;
}

typedef struct { unsigned char *bytes; size_t size, capacity; int failed; } dump_buffer;

static int dump_writer(lua_State *L, const void *p, size_t n, void *ud) {
    (void)L;
    dump_buffer *b = (dump_buffer *)ud;
    if (b->size + n > b->capacity) {
        size_t capacity = (b->size + n) * 2;
        unsigned char *grown = realloc(b->bytes, capacity);
        if (grown == NULL) {
            b->failed = 1;
            return 1;
        }
        b->bytes = grown;
        b->capacity = capacity;
    }
    memcpy(b->bytes + b->size, p, n);
    b->size += n;
    return 0;
}

unsigned char *wl_dump(lua_State *L, int idx, size_t *size) {
    dump_buffer b = {NULL, 0, 0, 0};
    if (lua_type(L, idx) != LUA_TFUNCTION || lua_iscfunction(L, idx)) return NULL;
    lua_pushvalue(L, idx);
    lua_dump(L, dump_writer, &b, 0);
    lua_pop(L, 1);
    if (b.failed) {
        free(b.bytes);
        return NULL;
    }
    *size = b.size;
    return b.bytes;
}

void wl_free(void *p) { free(p); }

int wl_load_text(lua_State *L, const char *source, size_t len, const char *chunkname) {
    return luaL_loadbufferx(L, source, len, chunkname, "t");
}

/* ---- coroutine.resume / coroutine.wrap ---- */

enum { MODE_RESUME = 0, MODE_WRAP = 1 };

/* Stack: [co, args...]. Resumes co; a host yield inside it is forwarded outward. */
static int resume_from(lua_State *L, int mode);

static int resume_k(lua_State *L, int status, lua_KContext mode) {
    (void)status;
    *wl_thread_flags(L) &= (unsigned char)~WL_THREAD_WAITING;
    return resume_from(L, (int)mode);
}

/* Threads the scheduler drives (tasks, and coroutines waiting on a host call) are not the
   script's to resume or close: a stray resume would deliver a fake result. */
static int owned_by_scheduler(lua_State *co) {
    return (*wl_thread_flags(co) & (WL_THREAD_TASK | WL_THREAD_WAITING)) != 0;
}

static int refuse_owned(lua_State *L, const char *what) {
    return luaL_error(L, "cannot %s a coroutine that wholesale is running "
                         "(a parallel task, or one waiting for a call to finish)", what);
}

/* A coroutine's state as coroutine.status names it (lcorolib's auxstatus). */
enum { CO_RUNNING, CO_NORMAL, CO_SUSPENDED, CO_DEAD };

static int coroutine_state(lua_State *L, lua_State *co) {
    lua_Debug ar;
    if (co == L) return CO_RUNNING;
    switch (lua_status(co)) {
    case LUA_YIELD:
        return CO_SUSPENDED;
    case LUA_OK:
        if (lua_getstack(co, 0, &ar)) return CO_NORMAL;
        return lua_gettop(co) == 0 ? CO_DEAD : CO_SUSPENDED;
    default:
        return CO_DEAD;
    }
}

static const char *not_resumable(lua_State *L, lua_State *co) {
    switch (coroutine_state(L, co)) {
    case CO_SUSPENDED: return NULL;
    case CO_DEAD: return "cannot resume dead coroutine";
    default: return "cannot resume non-suspended coroutine";
    }
}

static int resume_from(lua_State *L, int mode) {
    wl_engine *e = wl_engine_of(L);
    lua_State *co = lua_tothread(L, 1);
    int narg = lua_gettop(L) - 1;
    if (stopped(L)) return wl_raise_killed(L);
    const char *why = not_resumable(L, co);
    if (why != NULL) {
        if (mode == MODE_WRAP) return luaL_error(L, "%s", why);
        luaL_pushfail(L);
        lua_pushstring(L, why);
        return 2;
    }
    if (!lua_checkstack(co, narg)) return luaL_error(L, "too many arguments to resume");
    lua_xmove(L, co, narg);
    int nres = 0;
    int status = wl_tracked_resume(e, co, L, narg, &nres);
    if (status == LUA_ERRMEM) wl_kill(e, WL_KILL_MEMORY);
    if (status == LUA_OK || status == LUA_YIELD) {
        if (!lua_checkstack(L, nres + 1)) {
            lua_pop(co, nres);
            return luaL_error(L, "too many results to resume");
        }
        if (status == LUA_YIELD && nres == 2 && wl_is_host_token(co, -2)) {
            if (!lua_isyieldable(L))
                return luaL_error(L, "a coroutine waiting for a call was resumed from a place where Lua "
                                     "cannot suspend (a metamethod or a table.sort comparator)");
            lua_xmove(co, L, 2); /* a host function waits: pass the yield on to the scheduler */
            *wl_thread_flags(L) |= WL_THREAD_WAITING;
            return lua_yieldk(L, 2, (lua_KContext)mode, resume_k);
        }
        if (mode == MODE_RESUME) lua_pushboolean(L, 1);
        lua_xmove(co, L, nres);
        return mode == MODE_RESUME ? nres + 1 : nres;
    }
    if (mode == MODE_WRAP) wl_tracked_reset(e, co); /* close its to-be-closed variables */
    lua_xmove(co, L, 1);
    if (stopped(L)) return lua_error(L);
    if (mode == MODE_WRAP) {
        if (lua_type(L, -1) == LUA_TSTRING) {
            luaL_where(L, 1);
            lua_insert(L, -2);
            lua_concat(L, 2);
        }
        return lua_error(L);
    }
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;
}

static int sb_resume(lua_State *L) {
    luaL_argexpected(L, lua_type(L, 1) == LUA_TTHREAD, 1, "coroutine");
    if (owned_by_scheduler(lua_tothread(L, 1))) return refuse_owned(L, "resume");
    return resume_from(L, MODE_RESUME);
}

static int wrapped(lua_State *L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    if (owned_by_scheduler(lua_tothread(L, 1))) return refuse_owned(L, "resume");
    return resume_from(L, MODE_WRAP);
}

/* coroutine.close, with the watchdog tracking the __close handlers it runs. */
static int sb_close(lua_State *L) {
    luaL_argexpected(L, lua_type(L, 1) == LUA_TTHREAD, 1, "coroutine");
    lua_State *co = lua_tothread(L, 1);
    if (stopped(L)) return wl_raise_killed(L);
    if (owned_by_scheduler(co)) return refuse_owned(L, "close");
    int state = coroutine_state(L, co);
    if (state == CO_RUNNING || state == CO_NORMAL)
        return luaL_error(L, "cannot close a %s coroutine", state == CO_RUNNING ? "running" : "normal");
    int status = wl_tracked_reset(wl_engine_of(L), co);
    if (stopped(L)) return wl_raise_killed(L);
    if (status == LUA_OK) {
        lua_pushboolean(L, 1);
        return 1;
    }
    lua_pushboolean(L, 0);
    lua_xmove(co, L, 1);
    return 2;
}

/* ---- C loops the watchdog cannot interrupt ---- */

/* string.rep: an empty result is returned at once (the original copies nothing n times). */
static int sb_rep(lua_State *L) {
    size_t l, lsep;
    luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    if (n > 0 && l == 0 && (lsep == 0 || n == 1)) {
        lua_pushliteral(L, "");
        return 1;
    }
    return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* table.move: refuses ranges no table in the memory limit could hold. */
#define WL_MOVE_MAX ((lua_Integer)1 << 24)
static int sb_move(lua_State *L) {
    lua_Integer f = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_checkinteger(L, 3);
    if (e >= f && (f <= 0 ? e >= WL_MOVE_MAX + f : e - f >= WL_MOVE_MAX))
        return luaL_error(L, "table.move: more than %I elements at once", WL_MOVE_MAX);
    return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

static void wrap_field(lua_State *L, int table, const char *name, lua_CFunction f) {
    table = lua_absindex(L, table);
    lua_getfield(L, table, name);
    lua_pushcclosure(L, f, 1);
    lua_setfield(L, table, name);
}

static int sb_wrap(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_State *co = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    lua_pushcclosure(L, wrapped, 1);
    return 1;
}

/* ---- strict globals ---- */

static int strict_newindex(lua_State *L) {
    lua_Debug ar;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "S", &ar) && strcmp(ar.what, "main") != 0
        && strcmp(ar.what, "C") != 0) {
        const char *name = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : luaL_typename(L, 2);
        return luaL_error(L,
            "assignment to undeclared global '%s' inside a function; declare it with 'local', "
            "or assign it once at the top level of the file to make it a global", name);
    }
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 0;
}

/* ---- opening ---- */

static void remove_field(lua_State *L, int table, const char *name) {
    table = lua_absindex(L, table);
    lua_pushnil(L);
    lua_setfield(L, table, name);
}

static void replace_field(lua_State *L, int table, const char *name, lua_CFunction f) {
    table = lua_absindex(L, table);
    lua_pushcfunction(L, f);
    lua_setfield(L, table, name);
}

static int open_sandbox(lua_State *L) {
    luaL_requiref(L, "_G", luaopen_base, 1);
    int base = lua_gettop(L);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    remove_field(L, -1, "dump");
    wrap_field(L, -1, "rep", sb_rep);
    lua_pop(L, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    wrap_field(L, -1, "move", sb_move);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    luaL_requiref(L, LUA_COLIBNAME, luaopen_coroutine, 1);
    replace_field(L, -1, "resume", sb_resume);
    replace_field(L, -1, "wrap", sb_wrap);
    replace_field(L, -1, "close", sb_close);
    lua_pop(L, 4);

    luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 0);
    lua_createtable(L, 0, 4);
    static const char *const kept[] = {"time", "clock", "date", "difftime", NULL};
    for (int i = 0; kept[i]; i++) {
        lua_getfield(L, -2, kept[i]);
        lua_setfield(L, -2, kept[i]);
    }
    lua_setfield(L, base, "os");
    lua_pop(L, 1);

    remove_field(L, base, "dofile");
    remove_field(L, base, "loadfile");
    remove_field(L, base, "collectgarbage");
    replace_field(L, base, "load", sb_load);
    replace_field(L, base, "pcall", sb_pcall);
    replace_field(L, base, "xpcall", sb_xpcall);
    replace_field(L, base, "setmetatable", sb_setmetatable);

    /* string metatable: read-only */
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushliteral(L, "the string metatable is read-only");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);

    /* strict globals: new names may be declared only at the top level of a chunk */
    lua_createtable(L, 0, 2);
    lua_pushcfunction(L, strict_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, base);
    lua_pop(L, 1);

    wl_open_values(L);
    return 0;
}

int wl_open_sandbox(lua_State *L) {
    lua_pushcfunction(L, open_sandbox);
    return wl_pcall(L, 0, 0);
}
