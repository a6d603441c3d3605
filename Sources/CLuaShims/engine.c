/*
 * The engine: a lua_State with a capped allocator and a lazy watchdog.
 *
 * Memory: the allocator counts the bytes it holds for Lua. Past the cap it refuses while Lua runs (Lua then
 * raises "not enough memory"), but while Swift is in control (in_host > 0) it only records an
 * overshoot, because an allocation failure there would longjmp through Swift frames; the
 * trampoline or wl_resume turns the overshoot into a stop. A refusal that Lua's emergency GC
 * cannot fix stops the engine, so pcall cannot catch and continue.
 *
 * Small blocks (up to 256 bytes, most of Lua's) come from per-size free lists without locks.
 *
 * Time: no hook runs in the steady state (a permanent count hook halves Lua's speed). A watchdog
 * thread sleeps until the deadline, then sets `killed` and installs a hook that raises on every
 * instruction, call and return in each thread of the running chain. Threads resumed later are
 * armed when they join the chain, and new threads inherit the hook from their creator.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "engine.h"

static char kill_message_key;

wl_engine *wl_engine_of(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return (wl_engine *)ud;
}

/*
 * Charging: `used` counts what the allocator holds for Lua: large blocks by size, small
 * blocks by the 64 KiB chunks they are carved from (freed small blocks stay on their free
 * list, so they stay counted). Returns 1 when the growth must be refused.
 */
static int refuse(wl_engine *e, size_t more) {
    if (e->limit == 0 || e->used + more <= e->limit
        || atomic_load_explicit(&e->killed, memory_order_relaxed) != WL_KILL_NONE)
        return 0;
    if (e->in_host > 0) {
        e->overshoot = 1; /* never fail while Swift is in control */
        return 0;
    }
    if (e->retry_pending) wl_kill(e, WL_KILL_MEMORY); /* Lua's emergency GC did not help */
    else e->retry_pending = 1;
    return 1;
}

static void charge(wl_engine *e, size_t more) {
    e->retry_pending = 0;
    e->used += more;
    if (e->used > e->peak) e->peak = e->used;
}

static inline int size_class(size_t n) { return (int)((n + 15) >> 4); }

static void *small_alloc(wl_engine *e, size_t n) {
    int c = size_class(n);
    void *p = e->free_lists[c];
    if (p != NULL) {
        e->free_lists[c] = *(void **)p;
        return p;
    }
    size_t size = (size_t)c << 4;
    if (e->chunk_left < size) {
        if (refuse(e, WL_CHUNK_SIZE)) return NULL;
        char *chunk = malloc(WL_CHUNK_SIZE);
        if (chunk == NULL) return NULL;
        charge(e, WL_CHUNK_SIZE);
        *(void **)chunk = e->chunks; /* the first 16 bytes link the chunks */
        e->chunks = chunk;
        e->chunk_next = chunk + 16;
        e->chunk_left = WL_CHUNK_SIZE - 16;
    }
    p = e->chunk_next;
    e->chunk_next += size;
    e->chunk_left -= size;
    return p;
}

static void small_free(wl_engine *e, void *p, size_t n) {
    int c = size_class(n);
    *(void **)p = e->free_lists[c];
    e->free_lists[c] = p;
}

/* malloc/realloc/free of a large block, charged by size; `old` is 0 for a new block. */
static void *large_realloc(wl_engine *e, void *ptr, size_t old, size_t nsize) {
    if (nsize == 0) {
        free(ptr);
        e->used -= old;
        return NULL;
    }
    if (nsize > old && refuse(e, nsize - old)) return NULL;
    void *p = realloc(ptr, nsize);
    if (p == NULL) return NULL;
    if (nsize > old) charge(e, nsize - old);
    else e->used -= old - nsize;
    return p;
}

/* Lua's allocator over two pools: small blocks (free lists) and large ones (malloc). */
static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    wl_engine *e = (wl_engine *)ud;
    size_t old = ptr ? osize : 0;
    int old_small = ptr != NULL && old <= WL_SMALL_MAX;
    int new_small = nsize > 0 && nsize <= WL_SMALL_MAX;
    if (ptr == NULL || !old_small) {
        if (!new_small) return large_realloc(e, ptr, old, nsize);
    } else if (nsize == 0) {
        small_free(e, ptr, old);
        return NULL;
    } else if (new_small && size_class(old) == size_class(nsize)) {
        return ptr;
    }
    /* moving between pools or size classes */
    void *p = new_small ? small_alloc(e, nsize) : large_realloc(e, NULL, 0, nsize);
    if (p == NULL) return NULL;
    if (ptr != NULL) {
        memcpy(p, ptr, old < nsize ? old : nsize);
        if (old_small) small_free(e, ptr, old);
        else large_realloc(e, ptr, old, 0);
    }
    return p;
}

static void kill_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    wl_raise_killed(L);
}

int wl_raise_killed(lua_State *L) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kill_message_key);
    return lua_error(L);
}

static void arm(lua_State *th) {
    lua_sethook(th, kill_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
}

void wl_kill(wl_engine *e, int reason) {
    int expected = WL_KILL_NONE;
    pthread_mutex_lock(&e->mu);
    if (atomic_compare_exchange_strong(&e->killed, &expected, reason)) {
        for (int i = 0; i < e->chain_len; i++) arm(e->chain[i]);
        pthread_cond_broadcast(&e->cv);
    }
    pthread_mutex_unlock(&e->mu);
}

int wl_engine_kill(wl_engine *e, int reason) {
    wl_kill(e, reason);
    return atomic_load(&e->killed);
}

int wl_engine_kill_reason(wl_engine *e) { return atomic_load(&e->killed); }
size_t wl_engine_memory_used(wl_engine *e) { return e->used; }
size_t wl_engine_memory_peak(wl_engine *e) { return e->peak; }
size_t wl_engine_memory_left(wl_engine *e) {
    if (e->limit == 0) return PTRDIFF_MAX; /* positive as Swift's Int, which size_t imports as */
    return e->used < e->limit ? e->limit - e->used : 0;
}
int wl_engine_overshot(wl_engine *e) { return e->overshoot; }
const char *wl_engine_stop_detail(wl_engine *e) { return e->stop_detail; }
wl_engine *wl_engine_of_state(lua_State *L) { return wl_engine_of(L); }

/*
 * Host charges: Swift memory held for the script during one host call (a file's bytes, a
 * parse tree) counts against the cap like Lua's own, so a call that would need more than is
 * left stops the run before it allocates. The trampoline releases the charge when the call
 * returns, after its results were pushed.
 */
int wl_engine_charge_call(wl_engine *e, size_t bytes, const char *purpose) {
    if (e->limit != 0 && bytes > wl_engine_memory_left(e)) {
        snprintf(e->stop_detail, sizeof e->stop_detail, "%s", purpose);
        wl_kill(e, WL_KILL_MEMORY);
        return 0;
    }
    e->call_charge += bytes;
    charge(e, bytes);
    return 1;
}
lua_State *wl_engine_state(wl_engine *e) { return e->L; }

static void chain_push(wl_engine *e, lua_State *th) {
    pthread_mutex_lock(&e->mu);
    if (e->chain_len < WL_CHAIN_MAX) e->chain[e->chain_len++] = th;
    if (atomic_load(&e->killed) != WL_KILL_NONE) arm(th);
    pthread_mutex_unlock(&e->mu);
}

static void chain_pop(wl_engine *e, lua_State *th) {
    pthread_mutex_lock(&e->mu);
    if (e->chain_len > 0 && e->chain[e->chain_len - 1] == th) e->chain_len--;
    pthread_mutex_unlock(&e->mu);
}

int wl_tracked_resume(wl_engine *e, lua_State *co, lua_State *from, int nargs, int *nres) {
    chain_push(e, co);
    int status = lua_resume(co, from, nargs, nres);
    chain_pop(e, co);
    return status;
}

int wl_tracked_reset(wl_engine *e, lua_State *co) {
    chain_push(e, co);
    int status = lua_resetthread(co);
    chain_pop(e, co);
    return status;
}

static int stopped_by_overshoot(wl_engine *e) {
    if (e->overshoot) {
        e->overshoot = 0;
        wl_kill(e, WL_KILL_MEMORY);
    }
    return atomic_load(&e->killed) != WL_KILL_NONE;
}

int wl_resume(lua_State *co, int nargs, int *nresults) {
    wl_engine *e = wl_engine_of(co);
    if (stopped_by_overshoot(e)) return WL_RESUME_KILLED;
    int saved = e->in_host;
    e->in_host = 0;
    int status = wl_tracked_resume(e, co, NULL, nargs, nresults);
    e->in_host = saved;
    if (status == LUA_ERRMEM) wl_kill(e, WL_KILL_MEMORY);
    return status;
}

int wl_pcall(lua_State *L, int nargs, int nresults) {
    wl_engine *e = wl_engine_of(L);
    if (stopped_by_overshoot(e)) {
        lua_settop(L, -(nargs + 1) - 1);
        lua_rawgetp(L, LUA_REGISTRYINDEX, &kill_message_key);
        return LUA_ERRRUN;
    }
    int saved = e->in_host;
    e->in_host = 0;
    chain_push(e, L);
    int status = lua_pcallk(L, nargs, nresults, 0, 0, NULL);
    chain_pop(e, L);
    e->in_host = saved;
    return status;
}

static void *watchdog_main(void *arg) {
    wl_engine *e = (wl_engine *)arg;
    pthread_mutex_lock(&e->mu);
    while (!e->stopping && atomic_load(&e->killed) == WL_KILL_NONE) {
        int rc = pthread_cond_timedwait(&e->cv, &e->mu, &e->deadline);
        if (rc == ETIMEDOUT && !e->stopping) {
            pthread_mutex_unlock(&e->mu);
            wl_kill(e, WL_KILL_TIME);
            pthread_mutex_lock(&e->mu);
        }
    }
    pthread_mutex_unlock(&e->mu);
    return NULL;
}

int wl_engine_set_time_limit(wl_engine *e, double seconds) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double whole = (double)(long long)seconds;
    long long ns = (long long)((seconds - whole) * 1e9) + now.tv_nsec;
    pthread_mutex_lock(&e->mu);
    e->deadline.tv_sec = now.tv_sec + (time_t)whole + (time_t)(ns / 1000000000LL);
    e->deadline.tv_nsec = (long)(ns % 1000000000LL);
    int rc = 0;
    if (!e->watchdog_running) {
        rc = pthread_create(&e->watchdog, NULL, watchdog_main, e);
        if (rc == 0) e->watchdog_running = 1;
    } else {
        pthread_cond_broadcast(&e->cv);
    }
    pthread_mutex_unlock(&e->mu);
    return rc;
}

wl_engine *wl_engine_new(size_t memory_limit) {
    wl_engine *e = calloc(1, sizeof(wl_engine));
    if (e == NULL) return NULL;
    e->limit = memory_limit;
    e->in_host = 1;
    atomic_init(&e->killed, WL_KILL_NONE);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&e->cv, &attr);
    pthread_condattr_destroy(&attr);
    pthread_mutex_init(&e->mu, NULL);
    e->L = lua_newstate(capped_alloc, e);
    if (e->L != NULL) memset(lua_getextraspace(e->L), 0, LUA_EXTRASPACE); /* thread flags, copied to new threads */
    if (e->L == NULL) {
        pthread_cond_destroy(&e->cv);
        pthread_mutex_destroy(&e->mu);
        free(e);
        return NULL;
    }
    lua_pushliteral(e->L, "run stopped by a limit");
    lua_rawsetp(e->L, LUA_REGISTRYINDEX, &kill_message_key);
    return e;
}

void wl_engine_free(wl_engine *e) {
    if (e == NULL) return;
    pthread_mutex_lock(&e->mu);
    e->stopping = 1;
    pthread_cond_broadcast(&e->cv);
    int joined = e->watchdog_running;
    pthread_mutex_unlock(&e->mu);
    if (joined) pthread_join(e->watchdog, NULL);
    e->in_host = 1;
    lua_close(e->L);
    wl_coverage_free(e->coverage);
    while (e->chunks != NULL) {
        void *next = *(void **)e->chunks;
        free(e->chunks);
        e->chunks = next;
    }
    pthread_cond_destroy(&e->cv);
    pthread_mutex_destroy(&e->mu);
    free(e);
}
