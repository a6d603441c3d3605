/*
 * CLuaShims: the only C in wholesale. It provides
 *  - Swift-callable wrappers for Lua's function-like macros and derived constants;
 *  - the engine: a capped allocator that never fails while Swift is in control, a lazy
 *    watchdog thread that stops runaway scripts, and the chain of running threads it arms;
 *  - the host-function trampoline, the one place that raises Lua errors or yields for Swift;
 *  - the sandbox: library opening and the replacements of load, pcall, xpcall, setmetatable,
 *    coroutine.resume and coroutine.wrap that keep limits inescapable.
 * Every name is prefixed `wl_`.
 */
#ifndef CLUASHIMS_H
#define CLUASHIMS_H

#include <stddef.h>
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>

/* ---- Macros and constants Swift cannot import ---- */

static const int wl_registry_index = LUA_REGISTRYINDEX;
/* The linked Lua's release, e.g. "Lua 5.4.4" (a concatenated macro Swift cannot import). */
static const char *const wl_lua_release = LUA_RELEASE;

static inline const char *wl_typename(lua_State *L, int idx) { return lua_typename(L, lua_type(L, idx)); }
static inline void wl_pushglobaltable(lua_State *L) { lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS); }

/* ---- Engine: one lua_State with its limits ---- */

typedef struct wl_engine wl_engine;

/* Why an engine was stopped. */
enum { WL_KILL_NONE = 0, WL_KILL_TIME = 1, WL_KILL_MEMORY = 2, WL_KILL_INTERRUPT = 3 };

/* What a host dispatcher returns besides a result count (>= 0). */
enum {
    WL_HOST_RAISE = -1, /* the error value is on top of the stack: raise it */
    WL_HOST_YIELD = -2  /* an operation id is on top: yield [token, id] to the scheduler */
};

/* Status of wl_resume besides the LUA_* codes: the engine was killed before resuming. */
enum { WL_RESUME_KILLED = -100 };

/* The Swift function every host call goes through; `function` is the closure's context. */
typedef int (*wl_dispatch_fn)(lua_State *L, void *function);

/* Sets the dispatcher once per process. */
void wl_set_dispatch(wl_dispatch_fn fn);

/* Creates a state with a memory cap in bytes (0: none). NULL when out of memory. */
wl_engine *wl_engine_new(size_t memory_limit);
/* Stops the watchdog and closes the state. */
void wl_engine_free(wl_engine *e);
lua_State *wl_engine_state(wl_engine *e);
/* Starts the watchdog: after `seconds` the running Lua code is stopped. */
int wl_engine_set_time_limit(wl_engine *e, double seconds);
/* Stops the engine now (from any thread); returns the reason in force. */
int wl_engine_kill(wl_engine *e, int reason);
/* WL_KILL_NONE, or why the engine was stopped. */
int wl_engine_kill_reason(wl_engine *e);
size_t wl_engine_memory_used(wl_engine *e);

/* ---- Coverage (wholesale test --coverage): a line hook that counts the lines run ---- */

/* Installs the line hook on the engine's state (threads made later inherit it). */
void wl_engine_coverage_start(wl_engine *e);
/* How many source files have lines counted. */
int wl_engine_coverage_files(wl_engine *e);
/* The source of file `i` as Lua names it ("@path" for a file). */
const char *wl_engine_coverage_source(wl_engine *e, int i);
/* One past the highest line of file `i` counted, and the counts by line. */
int wl_engine_coverage_size(wl_engine *e, int i);
const long *wl_engine_coverage_counts(wl_engine *e, int i);
/* Marks in `lines[1..max-1]` the lines of the chunk `text` that hold code, as Lua's line hook sees
   them (from its binary dump: every function's line info). Returns 0, or -1 when it does not load. */
int wl_chunk_code_lines(const char *text, size_t size, const char *name, unsigned char *lines, int max);
size_t wl_engine_memory_peak(wl_engine *e);
/* Bytes Lua may still allocate under the cap (PTRDIFF_MAX without one). */
size_t wl_engine_memory_left(wl_engine *e);
/* Counts `bytes` of host memory (Swift holding data for the script) against the cap until the
   running host call returns to Lua. Returns 1; or, when they do not fit, stops the engine for
   memory with `purpose` as the stop detail and returns 0. Call from a host function only. */
int wl_engine_charge_call(wl_engine *e, size_t bytes, const char *purpose);
/* What a refused host charge was for, or "" (the stop was Lua's own memory, or no stop). */
const char *wl_engine_stop_detail(wl_engine *e);
/* True when Swift allocated for Lua past the cap: the run stops when control returns to Lua,
   so a host function building a large value may stop early. */
int wl_engine_overshot(wl_engine *e);
/* The engine of a state (for host code holding only the lua_State). */
wl_engine *wl_engine_of_state(lua_State *L);

/* Resumes `co` with `nargs` values from Swift, tracked for the watchdog; WL_RESUME_KILLED if
   the engine was stopped (also when Swift overshot the memory cap). */
int wl_resume(lua_State *co, int nargs, int *nresults);
/* Protected call from Swift, tracked for the watchdog. */
int wl_pcall(lua_State *L, int nargs, int nresults);

/* ---- Host functions ---- */

/* Pushes a Lua function that calls the dispatcher with `function` as context. */
void wl_push_host_function(lua_State *L, void *function);
/* Marks a thread as a scheduler task: scripts may not resume or close it. */
void wl_mark_task(lua_State *thread);
/* True when the value at idx is the token a host function yields to the scheduler. */
int wl_is_host_token(lua_State *L, int idx);

/* ---- Values ---- */

/* Kinds of table marking (wholesale.array / wholesale.object / decoded JSON). */
enum { WL_TABLE_PLAIN = 0, WL_TABLE_ARRAY = 1, WL_TABLE_OBJECT = 2 };
int wl_table_kind(lua_State *L, int idx);
void wl_mark_table(lua_State *L, int idx, int kind);
/* True when the table at idx has no metatable or only an array/object mark. */
int wl_can_mark_table(lua_State *L, int idx);
void wl_push_null(lua_State *L);
int wl_is_null(lua_State *L, int idx);
/* Protected tostring (may run __tostring); pushes the string, or a type name on failure. */
const char *wl_tostring(lua_State *L, int idx, size_t *len);
/* Makes the table at idx an error value: sets a metatable whose __tostring returns `line`. */
void wl_make_error_value(lua_State *L, int idx, const char *line, size_t len);
/* The one-line description of an error value made by wl_make_error_value, or NULL. */
const char *wl_error_line(lua_State *L, int idx, size_t *len);

/* ---- Sandbox ---- */

/* Opens the allowed libraries, installs the replacements and the strict global table. */
int wl_open_sandbox(lua_State *L);
/* The binary dump (with debug information) of the Lua function at idx, malloc'd; free it
   with wl_free. NULL when the value is not a Lua function or memory ran out. */
unsigned char *wl_dump(lua_State *L, int idx, size_t *size);
void wl_free(void *p);
/* Loads text source (never binary) as a function; returns a LUA_* status. */
int wl_load_text(lua_State *L, const char *source, size_t len, const char *chunkname);

#endif
