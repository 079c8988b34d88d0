/* sandbox.c - the Lua state a session script runs in, and the run itself.
 *
 * Limits a script cannot escape:
 * - memory: a counting allocator refuses past the cap (Lua and the session model share it);
 * - time: a watchdog thread installs a count hook only when the budget runs out (a hook that
 *   is always on would double the cost of tight loops), and the hook raises an error at every
 *   instruction from then on. The budget is the loading thread's processor time, not the
 *   wall clock: on a busy machine a script runs slower but is not stopped any sooner, so
 *   whether a script is refused, and with which message, depends on the script alone;
 * - pcall/xpcall are wrapped: once the sandbox is aborting (time or memory), a caught error
 *   is raised again, so `while true do pcall(f) end` cannot keep the script alive;
 * - a script stuck inside one library call (a backtracking pattern, a huge table.move: no
 *   hook runs there) cannot be interrupted in its thread. Every string, table and utf8
 *   function notes where it was called from on entry, so the watchdog can name the line; in
 *   a loader process (isolate.c) it then reports the error and ends that process. */
#include "sandbox.h"

#include <errno.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

loader *loader_of(lua_State *L) { return *(loader **)lua_getextraspace(L); }

/* ---- memory ---- */
/* Lua does not run the message handler for memory errors, so the allocator notes where the
 * script was when it first refused (reading the call stack allocates nothing), and how deep
 * the calls went: a deep stack means a function calling itself without end. */
static void note_memory_site(loader *ld)
{
    lua_Debug ar;
    /* lua_getstack walks from the top each time: look at the first few frames only, and
     * tell a deep stack by probing one far level, never by walking every one. */
    for (int level = 0; level < 64 && lua_getstack(ld->L, level, &ar); level++) {
        if (lua_getinfo(ld->L, "Sl", &ar) && ar.currentline > 0 && ar.source[0] == '@') {
            ld->mem_line = ar.currentline;
            snprintf(ld->mem_source, sizeof ld->mem_source, "%s", ar.source + 1);
            break;
        }
    }
    ld->mem_depth = lua_getstack(ld->L, 10001, &ar) ? 10001 : 0;
}

int sandbox_oom(lua_State *L)
{
    loader *ld = loader_of(L);
    if (!ld->mem_exceeded) {
        note_memory_site(ld);
        ld->mem_exceeded = 1;
    }
    atomic_store(&ld->aborting, 1);
    lua_pushliteral(L, "not enough memory");
    return lua_error(L);
}

/* ---- library calls ---- */
/* Notes the line that called a library function (the first Lua frame up), for a watchdog
 * that finds the script stuck inside it. Reading the stack allocates nothing. */
static void note_call(lua_State *L, const char *name) { sandbox_note_call(L, name, CALL_LIBRARY); }

void sandbox_end_call(lua_State *L) { atomic_store(&loader_of(L)->in_call, CALL_NONE); }

void sandbox_note_call(lua_State *L, const char *name, int kind)
{
    loader *ld = loader_of(L);
    lua_Debug ar;
    int line = 0;
    const char *src = NULL;
    for (int level = 1; level < 4 && lua_getstack(L, level, &ar); level++) {
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
            line = ar.currentline;
            src = ar.source;
            break;
        }
    }
    atomic_store(&ld->call_line, line);
    atomic_store(&ld->call_source, src);
    atomic_store(&ld->call_name, name);
    atomic_store(&ld->in_call, kind);
}

/* The library function in upvalue 1 (a C function without upvalues of its own), called
 * directly in this frame: its argument errors name it as before ("bad argument #1 to 'find'"). */
static int noted_call(lua_State *L)
{
    note_call(L, lua_tostring(L, lua_upvalueindex(2)));
    lua_CFunction f = lua_tocfunction(L, lua_upvalueindex(1));
    int n = f(L);
    sandbox_end_call(L);
    return n;
}

/* The iterator string.gmatch returns runs the pattern too: noted like the call. */
static int noted_iterator(lua_State *L)
{
    note_call(L, "string.gmatch");
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    sandbox_end_call(L);
    return lua_gettop(L);
}

static int noted_gmatch(lua_State *L)
{
    int n = noted_call(L);
    if (n == 1 && lua_type(L, -1) == LUA_TFUNCTION)
        lua_pushcclosure(L, noted_iterator, 1);
    return n;
}

/* Replaces each C function of the library table on top of the stack by a noting wrapper. */
static void note_library(lua_State *L, const char *lib)
{
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        int plain = lua_iscfunction(L, -1);
        if (plain && lua_getupvalue(L, -1, 1)) {
            lua_pop(L, 1); /* a closure (string.rep's guard): it notes for itself */
            plain = 0;
        }
        if (lua_type(L, -2) == LUA_TSTRING && plain) {
            const char *key = lua_tostring(L, -2);
            int gmatch = strcmp(lib, "string") == 0 && strcmp(key, "gmatch") == 0;
            lua_pushfstring(L, "%s.%s", lib, key);
            lua_pushcclosure(L, gmatch ? noted_gmatch : noted_call, 2);
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, -4); /* replacing an existing key keeps the traversal valid */
        } else {
            lua_pop(L, 1);
        }
    }
}

/* string.rep checks the size first: a bomb is refused with its line, before it allocates;
 * and an empty result is made at once (Lua's own loop would run n times for nothing). */
static int sb_string_rep(lua_State *L)
{
    loader *ld = loader_of(L);
    size_t len, sep_len = 0;
    luaL_checklstring(L, 1, &len);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &sep_len);
    if (n > 0) {
        double total = (double)n * (double)len + (double)(n - 1) * (double)sep_len;
        if (total > (double)(ld->mem_limit - (ld->mem_used < ld->mem_limit ? ld->mem_used : ld->mem_limit))) {
            char size[32], limit[32];
            ld->mem_exceeded = 1;
            atomic_store(&ld->aborting, 1);
            return luaL_error(L, "string.rep would make a string of %s; a script may use at most %s",
                              format_bytes(total, size, sizeof size),
                              format_bytes((double)ld->mem_limit, limit, sizeof limit));
        }
        if (total == 0) {
            lua_pushliteral(L, "");
            return 1;
        }
    }
    note_call(L, "string.rep");
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    sandbox_end_call(L);
    return 1;
}
static void *l_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    loader *ld = ud;
    if (nsize == 0) {
        if (ptr)
            ld->mem_used -= osize;
        /* The block holding the main state is freed last, after the watchdog (which may
         * still call lua_sethook on it) has stopped: see sandbox_close. */
        if (ptr && ld->L && (char *)ld->L >= (char *)ptr && (char *)ld->L < (char *)ptr + osize) {
            ld->state_block = ptr;
            return NULL;
        }
        free(ptr);
        return NULL;
    }
    size_t old = ptr ? osize : 0;
    if (nsize > old && ld->mem_used + (nsize - old) > ld->mem_limit) {
        if (!ld->mem_exceeded && ld->L)
            note_memory_site(ld);
        ld->mem_exceeded = 1;
        atomic_store(&ld->aborting, 1);
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (!p && nsize > old)
        return NULL;
    if (!p)
        return ptr; /* shrinking never fails: keep the larger block */
    ld->mem_used = ld->mem_used - old + nsize;
    return p;
}

/* ---- time ---- */
static double clock_seconds(clockid_t clock)
{
    struct timespec ts;
    if (clock_gettime(clock, &ts) != 0)
        clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Processor time the loading thread has used since the watchdog started. */
static double script_cpu_seconds(const loader *ld) { return clock_seconds(ld->cpu_clock) - ld->cpu_start; }

static void timeout_hook(lua_State *L, lua_Debug *ar)
{
    loader *ld = loader_of(L);
    if (!ld->timeout_line && lua_getinfo(L, "Sl", ar) && ar->currentline > 0) {
        ld->timeout_line = ar->currentline;
        snprintf(ld->timeout_source, sizeof ld->timeout_source, "%s", ar->source);
    }
    luaL_error(L, "the script ran too long");
}

static void deadline_in(struct timespec *ts, double seconds)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    long long ns = ts->tv_nsec + (long long)(seconds * 1e9);
    ts->tv_sec += (time_t)(ns / 1000000000LL);
    ts->tv_nsec = (long)(ns % 1000000000LL);
}

/* Waits, holding ld->lock, until the loading thread has used `budget` seconds of processor
 * time or the load is done; 1 when it is done. A thread's processor time grows no faster than
 * the wall clock, so sleeping for what is left of the budget never sleeps past it; a thread
 * kept waiting by a busy machine only makes the watchdog look again later. */
static int wait_cpu_budget(loader *ld, double budget)
{
    while (!ld->done) {
        double left = budget - script_cpu_seconds(ld);
        if (left <= 0)
            return 0;
        struct timespec ts;
        deadline_in(&ts, left > 0.001 ? left : 0.001);
        pthread_cond_timedwait(&ld->cond, &ld->lock, &ts);
    }
    return 1;
}

static void *watchdog(void *p)
{
    loader *ld = p;
    pthread_mutex_lock(&ld->lock);
    if (!wait_cpu_budget(ld, ld->time_limit)) {
        atomic_store(&ld->timed_out, 1);
        atomic_store(&ld->aborting, 1);
        /* lua_sethook may be called asynchronously (Lua's manual: "from a signal"). */
        lua_sethook(ld->L, timeout_hook, LUA_MASKCOUNT, 1);
        /* a hook runs at the next instruction: still busy a second of its own processor
         * time later, the script is inside one library call */
        if (!wait_cpu_budget(ld, ld->time_limit + 1.0) && ld->stuck_fd >= 0) {
            /* Stuck inside one call: nothing can end it in this thread. In a loader process,
             * report and end the process; its parent goes on. While a library call runs, the
             * script adds no diagnostics, so they can be sent as they are (a step constructor
             * may be adding one: then only this error is sent). */
            diag_list alone;
            diags_init(&alone);
            diag_list *d = atomic_load(&ld->in_call) == CALL_LIBRARY ? ld->d : &alone;
            script_report_stuck(ld, d);
            isolate_send(ld->stuck_fd, -1, NULL, NULL, d, ld->opts->reg);
            _exit(0);
        }
        while (!ld->done)
            pthread_cond_wait(&ld->cond, &ld->lock);
    }
    pthread_mutex_unlock(&ld->lock);
    return NULL;
}

/* ---- guarded pcall ---- */
static int rethrow_if_aborting(lua_State *L, int status)
{
    loader *ld = loader_of(L);
    if (status != LUA_OK && atomic_load(&ld->aborting))
        return lua_error(L); /* the error object is on top */
    return status;
}

static int sb_pcall(lua_State *L)
{
    luaL_checkany(L, 1);
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    rethrow_if_aborting(L, status);
    lua_pushboolean(L, status == LUA_OK);
    lua_insert(L, 1);
    return lua_gettop(L);
}

static int sb_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 1); /* f, msgh, args..., f */
    lua_rotate(L, 3, 1); /* f, msgh, f, args... */
    int status = lua_pcall(L, n - 2, LUA_MULTRET, 2);
    rethrow_if_aborting(L, status);
    lua_pushboolean(L, status == LUA_OK);
    lua_replace(L, 1); /* ok, msgh, results... */
    lua_remove(L, 2);
    return lua_gettop(L);
}

/* load(chunk [, name [, mode [, env]]]) with text chunks only and the sandbox as default env. */
static int sb_load(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    const char *given = luaL_optstring(L, 2, "load");
    int env = !lua_isnone(L, 4) ? 4 : 0;
    /* A loaded chunk is never a file: it may not name one in diagnostics ("@/etc/passwd"). */
    while (*given == '@' || *given == '=')
        given++;
    lua_pushfstring(L, "=(%s)", given);
    const char *name = lua_tostring(L, -1);
    int st = luaL_loadbufferx(L, s, len, name, "t");
    lua_remove(L, -2); /* the name */
    if (st != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (env)
        lua_pushvalue(L, env);
    else
        lua_rawgeti(L, LUA_REGISTRYINDEX, loader_of(L)->env_ref);
    if (!lua_setupvalue(L, -2, 1))
        lua_pop(L, 1);
    return 1;
}

/* Finalizers run with debug hooks off (Lua's GC turns them off), so a __gc that never
 * returns could not be stopped: session scripts may not set them. */
static int sb_setmetatable(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "finalizers (__gc) are not allowed in session scripts");
        lua_pop(L, 1);
    }
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}

void sandbox_sort_names(const char **v, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
            const char *t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
}

/* What to use instead of a name a script may not have. */
static const char *blocked_hint(const char *name)
{
    if (strcmp(name, "require") == 0 || strcmp(name, "dofile") == 0 || strcmp(name, "loadfile") == 0 ||
        strcmp(name, "package") == 0)
        return "; share helpers with include \"lib/helpers.lua\" (a file inside the sessions folder)";
    if (strcmp(name, "os") == 0 || strcmp(name, "io") == 0)
        return "; take values from outside through params (pacer play FILE --param minutes=12), and plan "
               "sessions over days with a program (docs/programs.md)";
    return "";
}

/* Reading a name that does not exist is almost always a typo in a session script. */
static int env_index(lua_State *L)
{
    static const char *const blocked[] = {"os",      "io",        "package",   "require", "debug",
                                          "dofile",  "loadfile",  "loadstring", "collectgarbage",
                                          "coroutine", "warn", NULL};
    const char *name = lua_tostring(L, 2);
    if (!name)
        return luaL_error(L, "unknown name");
    for (int i = 0; blocked[i]; i++)
        if (strcmp(name, blocked[i]) == 0)
            return luaL_error(L, "'%s' is not available in session scripts: they cannot run programs, touch "
                                 "files or load code%s",
                              name, blocked_hint(name));
    const char *cands[256];
    int n = 0;
    lua_pushnil(L);
    while (lua_next(L, 1) && n < 256) {
        if (lua_type(L, -2) == LUA_TSTRING)
            cands[n++] = lua_tostring(L, -2);
        lua_pop(L, 1);
    }
    /* the table's order changes from run to run: sort, so ties always break the same way */
    sandbox_sort_names(cands, n);
    const char *best = suggest(name, cands, n);
    strbuf b;
    sb_init(&b);
    size_t name_len = lua_rawlen(L, 2);
    sb_add_safe(&b, name, name_len > 64 ? 64 : name_len); /* a name, not a page of text */
    if (name_len > 64)
        sb_puts(&b, "...");
    if (best)
        lua_pushfstring(L, "unknown name '%s'; did you mean '%s'?", b.data ? b.data : "", best);
    else
        lua_pushfstring(L, "unknown name '%s'", b.data ? b.data : "");
    sb_free(&b);
    luaL_where(L, 1);
    lua_insert(L, -2);
    lua_concat(L, 2);
    return lua_error(L);
}

static void copy_fields(lua_State *L, const char *lib, const char *const *names, const char *into)
{
    /* stack: env */
    lua_getglobal(L, lib);
    lua_newtable(L);
    for (int i = 0; names[i]; i++) {
        lua_getfield(L, -2, names[i]);
        lua_setfield(L, -2, names[i]);
    }
    lua_setfield(L, -3, into);
    lua_pop(L, 1);
}

static int sb_tostring(lua_State *L)
{
    luaL_checkany(L, 1);
    luaL_tolstring(L, 1, NULL);
    return 1;
}

/* print: joins its arguments with tabs, records a note at the caller's line. */
static int sb_print_note(lua_State *L)
{
    loader *ld = loader_of(L);
    int n = lua_gettop(L);
    sandbox_end_call(L); /* it adds a diagnostic: the watchdog may not send them meanwhile */
    if (ld->notes >= 100)
        return 0;
    /* The note as a whole is capped, not each argument: print(t, t, t, ...) with a thousand
     * long strings is one line of at most NOTE_MAX bytes. */
    enum { NOTE_MAX = 2000 };
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    size_t total = 0;
    for (int i = 1; i <= n && total < NOTE_MAX; i++) {
        size_t len;
        if (i > 1)
            luaL_addchar(&b, '\t');
        const char *s = luaL_tolstring(L, i, &len); /* pushes: added with luaL_addvalue */
        size_t take = len < NOTE_MAX - total ? len : NOTE_MAX - total;
        if (take < len) {
            lua_pushlstring(L, s, take);
            lua_remove(L, -2);
        }
        luaL_addvalue(&b);
        total += take + (i > 1);
    }
    luaL_pushresult(&b);
    lua_Debug ar;
    int line = 0;
    const char *src = ld->main_file;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar)) {
        line = ar.currentline;
        src = ar.source[0] == '@' ? ar.source + 1 : ld->main_file;
    }
    ld->notes++;
    diags_add(ld->d, DIAG_NOTE, src, line, 1, "print: %s", lua_tostring(L, -1));
    return 0;
}

int sandbox_open(loader *ld)
{
    lua_State *L = lua_newstate(l_alloc, ld);
    if (!L)
        return -1;
    ld->L = L;
    *(loader **)lua_getextraspace(L) = ld;
    lua_setwarnf(L, NULL, NULL); /* errors in finalizers are dropped, not printed */
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    lua_pop(L, 5);

    /* Renders must be the same every time: a fixed seed for math.random. */
    lua_getglobal(L, "math");
    lua_getfield(L, -1, "randomseed");
    lua_pushinteger(L, 20261121);
    lua_call(L, 1, 0);
    lua_pop(L, 1);

    lua_newtable(L); /* env */
    static const char *const base[] = {"assert", "error",  "ipairs",   "next",     "pairs",  "rawequal",
                                       "rawget", "rawlen", "rawset",   "select",
                                       "getmetatable", "tonumber", "type", "_VERSION", NULL};
    lua_pushglobaltable(L);
    for (int i = 0; base[i]; i++) {
        lua_getfield(L, -1, base[i]);
        lua_setfield(L, -3, base[i]);
    }
    lua_pop(L, 1);
    lua_getglobal(L, "setmetatable");
    lua_pushcclosure(L, sb_setmetatable, 1);
    lua_setfield(L, -2, "setmetatable");
    lua_pushcfunction(L, sb_pcall);
    lua_setfield(L, -2, "pcall");
    lua_pushcfunction(L, sb_xpcall);
    lua_setfield(L, -2, "xpcall");
    lua_pushcfunction(L, sb_load);
    lua_setfield(L, -2, "load");
    lua_pushcfunction(L, sb_tostring);
    lua_setfield(L, -2, "tostring");
    lua_pushcfunction(L, sb_print_note);
    lua_setfield(L, -2, "print");

    static const char *const string_fns[] = {"byte",  "char",   "find", "format", "gmatch", "gsub",  "len",
                                             "lower", "match",  "rep",  "reverse", "sub",   "upper", "pack",
                                             "packsize", "unpack", NULL};
    static const char *const table_fns[] = {"concat", "insert", "move", "pack", "remove", "sort", "unpack", NULL};
    static const char *const math_fns[] = {"abs", "ceil", "cos", "deg", "exp", "floor", "fmod", "huge", "log",
                                           "max", "maxinteger", "min", "mininteger", "modf", "pi", "rad",
                                           "random", "sin", "sqrt", "tan", "tointeger", "type", "ult", "atan",
                                           "acos", "asin", NULL};
    static const char *const utf8_fns[] = {"char", "charpattern", "codepoint", "codes", "len", "offset", NULL};
    copy_fields(L, "string", string_fns, "string");
    lua_getfield(L, -1, "string");
    lua_getfield(L, -1, "rep");
    lua_pushcclosure(L, sb_string_rep, 1);
    lua_setfield(L, -2, "rep");
    lua_pop(L, 1);
    copy_fields(L, "table", table_fns, "table");
    copy_fields(L, "math", math_fns, "math");
    copy_fields(L, "utf8", utf8_fns, "utf8");
    static const char *const noted[] = {"string", "table", "utf8", NULL};
    for (int i = 0; noted[i]; i++) {
        lua_getfield(L, -1, noted[i]);
        note_library(L, noted[i]);
        lua_pop(L, 1);
    }

    /* The string metatable's __index is the real string library: point it at the sandbox's
     * copy, so ("x"):dump() or methods removed above are not reachable through it. */
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_getfield(L, -3, "string");
    lua_setfield(L, -2, "__index");
    lua_pop(L, 2);

    /* Unknown names raise with a suggestion; the metatable itself is locked. */
    lua_newtable(L);
    lua_pushcfunction(L, env_index);
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);

    ld->env_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

/* Message handler: remembers where the error happened, frame by frame, before the stack
 * unwinds; the message itself is kept as it is. */
static int msgh(lua_State *L)
{
    loader *ld = loader_of(L);
    lua_Debug ar;
    ld->nframes = 0;
    for (int level = 1; ld->nframes < MAX_FRAMES && lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0 || ar.source[0] != '@')
            continue;
        frame_info *f = &ld->frames[ld->nframes++];
        f->line = ar.currentline;
        snprintf(f->source, sizeof f->source, "%s", ar.source + 1);
        snprintf(f->short_src, sizeof f->short_src, "%s", ar.short_src);
    }
    return 1;
}

int sandbox_run(loader *ld, int *nresults) { return sandbox_call(ld, 0, nresults); }

int sandbox_call(loader *ld, int nargs, int *nresults)
{
    lua_State *L = ld->L;
    int base = lua_gettop(L) - nargs - 1; /* below the function */
    lua_pushcfunction(L, msgh);
    lua_insert(L, base + 1); /* msgh, function, args */
    int status = lua_pcall(L, nargs, LUA_MULTRET, base + 1);
    *nresults = lua_gettop(L) - base - 1;
    lua_remove(L, base + 1); /* msgh */
    return status;
}

int sandbox_start_watchdog(loader *ld)
{
    pthread_mutex_init(&ld->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&ld->cond, &attr);
    pthread_condattr_destroy(&attr);
    ld->done = 0;
    /* the watchdog is started by the thread that runs the script */
    if (pthread_getcpuclockid(pthread_self(), &ld->cpu_clock) != 0)
        ld->cpu_clock = CLOCK_MONOTONIC;
    ld->cpu_start = clock_seconds(ld->cpu_clock);
    if (pthread_create(&ld->thread, NULL, watchdog, ld) != 0) {
        pthread_cond_destroy(&ld->cond);
        pthread_mutex_destroy(&ld->lock);
        return -1;
    }
    ld->watching = 1;
    return 0;
}

void sandbox_close(loader *ld)
{
    if (ld->L)
        lua_close(ld->L); /* finalizers run here, still under the watchdog */
    if (ld->watching) {
        pthread_mutex_lock(&ld->lock);
        ld->done = 1;
        pthread_cond_signal(&ld->cond);
        pthread_mutex_unlock(&ld->lock);
        pthread_join(ld->thread, NULL);
        pthread_cond_destroy(&ld->cond);
        pthread_mutex_destroy(&ld->lock);
        ld->watching = 0;
    }
    free(ld->state_block);
    ld->state_block = NULL;
    ld->L = NULL;
    for (int i = 0; i < ld->nsources; i++) {
        free(ld->sources[i].lines);
        ld->sources[i].lines = NULL;
    }
}
