/*
 * Coverage for `wholesale test --coverage`: a line hook counting, per source, how often each
 * line ran, and the lines of a chunk that hold code, read from Lua's binary dump of it (every
 * function's line info), so a line never run is told apart from a comment or a blank line.
 * Nothing here runs outside test mode: `wholesale run` installs no hook.
 */
#include <stdlib.h>
#include <string.h>
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include "engine.h"
#include "CLuaShims.h"

typedef struct {
    char *source;
    const char *seen; /* the pointer Lua last gave for it (interned per function) */
    long *counts;
    int size;
} wl_cov_file;

struct wl_coverage {
    wl_cov_file *files;
    int count, cap;
};

void wl_coverage_free(struct wl_coverage *c) {
    if (c == NULL) return;
    for (int i = 0; i < c->count; i++) {
        free(c->files[i].source);
        free(c->files[i].counts);
    }
    free(c->files);
    free(c);
}

static wl_cov_file *file_for(struct wl_coverage *c, const char *source) {
    for (int i = 0; i < c->count; i++) {
        if (c->files[i].seen == source) return &c->files[i];
    }
    for (int i = 0; i < c->count; i++) {
        if (strcmp(c->files[i].source, source) == 0) {
            c->files[i].seen = source;
            return &c->files[i];
        }
    }
    if (c->count == c->cap) {
        int cap = c->cap ? c->cap * 2 : 8;
        wl_cov_file *files = realloc(c->files, (size_t)cap * sizeof *files);
        if (files == NULL) return NULL;
        c->files = files;
        c->cap = cap;
    }
    wl_cov_file *f = &c->files[c->count];
    f->source = strdup(source);
    if (f->source == NULL) return NULL;
    f->seen = source;
    f->counts = NULL;
    f->size = 0;
    c->count++;
    return f;
}

static void coverage_hook(lua_State *L, lua_Debug *ar) {
    if (ar->event != LUA_HOOKLINE || ar->currentline <= 0) return;
    wl_engine *e = wl_engine_of(L);
    if (e == NULL || e->coverage == NULL || !lua_getinfo(L, "S", ar) || ar->source == NULL) return;
    wl_cov_file *f = file_for(e->coverage, ar->source);
    if (f == NULL) return;
    int line = ar->currentline;
    if (line >= f->size) {
        int size = f->size ? f->size : 64;
        while (size <= line) size *= 2;
        long *counts = realloc(f->counts, (size_t)size * sizeof *counts);
        if (counts == NULL) return;
        memset(counts + f->size, 0, (size_t)(size - f->size) * sizeof *counts);
        f->counts = counts;
        f->size = size;
    }
    f->counts[line]++;
}

void wl_engine_coverage_start(wl_engine *e) {
    if (e->coverage == NULL) e->coverage = calloc(1, sizeof(struct wl_coverage));
    if (e->coverage != NULL) lua_sethook(e->L, coverage_hook, LUA_MASKLINE, 0);
}

int wl_engine_coverage_files(wl_engine *e) { return e->coverage ? e->coverage->count : 0; }
const char *wl_engine_coverage_source(wl_engine *e, int i) { return e->coverage->files[i].source; }
int wl_engine_coverage_size(wl_engine *e, int i) { return e->coverage->files[i].size; }
const long *wl_engine_coverage_counts(wl_engine *e, int i) { return e->coverage->files[i].counts; }

/* ---- Code lines from a binary chunk (the layout of Lua 5.4's ldump.c) ---- */

typedef struct {
    const unsigned char *p, *end;
    int ok;
} reader;

static int rbyte(reader *r) {
    if (r->p >= r->end) { r->ok = 0; return 0; }
    return *r->p++;
}

/* dumpSize: 7 bits a byte, most significant first, the last byte marked with 0x80. */
static size_t rsize(reader *r) {
    size_t x = 0;
    int b;
    do {
        b = rbyte(r);
        x = (x << 7) | (size_t)(b & 0x7f);
    } while (r->ok && !(b & 0x80));
    return x;
}

static void rskip(reader *r, size_t n) {
    if ((size_t)(r->end - r->p) < n) { r->ok = 0; r->p = r->end; } else r->p += n;
}

static void rstring(reader *r) {
    size_t n = rsize(r);
    if (n > 0) rskip(r, n - 1);
}

static void function_lines(reader *r, unsigned char *lines, int max, int depth) {
    if (depth > 200) { r->ok = 0; return; }
    rstring(r);                      /* source */
    long line = (long)rsize(r);      /* linedefined */
    rsize(r);                        /* lastlinedefined */
    rbyte(r);                        /* numparams */
    int vararg = rbyte(r);
    rbyte(r);                        /* maxstacksize */
    rskip(r, rsize(r) * 4);          /* code (4-byte instructions) */
    size_t constants = rsize(r);
    for (size_t i = 0; i < constants && r->ok; i++) {
        int tag = rbyte(r);
        if (tag == 0x03 || tag == 0x13) rskip(r, 8);         /* integer, float */
        else if (tag == 0x04 || tag == 0x14) rstring(r);    /* short, long string */
    }
    rskip(r, rsize(r) * 3);          /* upvalues: instack, idx, kind */
    size_t protos = rsize(r);
    for (size_t i = 0; i < protos && r->ok; i++) function_lines(r, lines, max, depth + 1);
    size_t count = rsize(r);         /* lineinfo: signed deltas, -128 where an absolute line is kept */
    const signed char *deltas = (const signed char *)r->p;
    rskip(r, count);
    size_t absolutes = rsize(r);
    size_t *abs_pc = calloc(absolutes + 1, sizeof *abs_pc);
    long *abs_line = calloc(absolutes + 1, sizeof *abs_line);
    for (size_t i = 0; i < absolutes && r->ok; i++) {
        abs_pc[i] = rsize(r);
        abs_line[i] = (long)rsize(r);
    }
    size_t locals = rsize(r);
    for (size_t i = 0; i < locals && r->ok; i++) { rstring(r); rsize(r); rsize(r); }
    size_t names = rsize(r);
    for (size_t i = 0; i < names && r->ok; i++) rstring(r);
    if (r->ok && abs_pc != NULL && abs_line != NULL) {
        size_t next = 0;
        for (size_t pc = 0; pc < count; pc++) {
            if (deltas[pc] == -128) {
                while (next < absolutes && abs_pc[next] < pc) next++;
                if (next < absolutes && abs_pc[next] == pc) line = abs_line[next];
            } else {
                line += deltas[pc];
            }
            /* A vararg function's first instruction (VARARGPREP) is never a line event. */
            if (vararg && pc == 0) continue;
            if (line > 0 && line < max) lines[line] = 1;
        }
    }
    free(abs_pc);
    free(abs_line);
}

typedef struct {
    unsigned char *bytes;
    size_t size, cap;
} buffer;

static int collect(lua_State *L, const void *p, size_t size, void *ud) {
    (void)L;
    buffer *b = ud;
    if (b->size + size > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->size + size) cap *= 2;
        unsigned char *bytes = realloc(b->bytes, cap);
        if (bytes == NULL) return 1;
        b->bytes = bytes;
        b->cap = cap;
    }
    memcpy(b->bytes + b->size, p, size);
    b->size += size;
    return 0;
}

int wl_chunk_code_lines(const char *text, size_t size, const char *name, unsigned char *lines, int max) {
    lua_State *L = luaL_newstate();
    if (L == NULL) return -1;
    buffer b = { NULL, 0, 0 };
    int status = luaL_loadbufferx(L, text, size, name, "t");
    if (status == LUA_OK) status = lua_dump(L, collect, &b, 0);
    lua_close(L);
    if (status != LUA_OK || b.size < 32) { free(b.bytes); return -1; }
    /* Header: signature 4, version, format, LUAC_DATA 6, three sizes, LUAC_INT 8, LUAC_NUM 8;
       then the main closure's upvalue count. */
    reader r = { b.bytes + 31 + 1, b.bytes + b.size, 1 };
    function_lines(&r, lines, max, 0);
    free(b.bytes);
    return r.ok ? 0 : -1;
}
