/* Private to CLuaShims: the engine structure shared by engine.c, trampoline.c and sandbox.c. */
#ifndef WL_ENGINE_H
#define WL_ENGINE_H

#include <pthread.h>
#include <stdatomic.h>
#include "CLuaShims.h"

#define WL_CHAIN_MAX 256
#define WL_SMALL_MAX 256
#define WL_SMALL_CLASSES (WL_SMALL_MAX / 16)
#define WL_CHUNK_SIZE (64 * 1024)

struct wl_engine {
    lua_State *L;
    /* memory (touched by the Lua thread only) */
    size_t used, peak, limit;
    int in_host;        /* > 0 while Swift is in control: the allocator never fails then */
    int overshoot;      /* Swift allocated past the cap; the next return to Lua raises */
    int retry_pending;  /* one refusal seen; a second in a row (after Lua's emergency GC) kills */
    size_t call_charge; /* host memory charged by the host call running now, released when it returns */
    char stop_detail[256]; /* what a refused host charge was for ("" otherwise); set before the kill */
    /* small blocks: free lists per 16-byte size class, carved from 64 KiB chunks. Only the
       Lua thread allocates, so no locking: glibc's malloc locks once a process has threads. */
    void *free_lists[WL_SMALL_CLASSES + 1];
    char *chunk_next;
    size_t chunk_left;
    void *chunks;
    /* time */
    atomic_int killed;  /* WL_KILL_* */
    pthread_mutex_t mu; /* guards the chain, the deadline and the watchdog's life */
    pthread_cond_t cv;
    int watchdog_running, stopping;
    struct timespec deadline;
    pthread_t watchdog;
    lua_State *chain[WL_CHAIN_MAX]; /* threads currently running Lua code, outermost first */
    int chain_len;
    struct wl_coverage *coverage; /* lines run, under `wholesale test --coverage` only */
};

/* Frees the coverage an engine recorded (coverage.c). */
void wl_coverage_free(struct wl_coverage *c);

/* Per-thread flags, kept in the thread's LUA_EXTRASPACE (new threads start with 0). */
enum { WL_THREAD_TASK = 1, WL_THREAD_WAITING = 2 };
static inline unsigned char *wl_thread_flags(lua_State *L) { return (unsigned char *)lua_getextraspace(L); }

wl_engine *wl_engine_of(lua_State *L);
/* Marks the engine stopped and arms the kill hook on every running thread. */
void wl_kill(wl_engine *e, int reason);
/* Pushes the message for the reason the engine was stopped and raises it. */
int wl_raise_killed(lua_State *L);
/* Resume with watchdog tracking, from Lua (from = the resuming thread) or from Swift. */
int wl_tracked_resume(wl_engine *e, lua_State *co, lua_State *from, int nargs, int *nres);

/* lua_resetthread with watchdog tracking (its __close handlers run Lua code). */
int wl_tracked_reset(wl_engine *e, lua_State *co);

#endif
