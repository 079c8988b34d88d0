/* script.c - loads a session script: read, sandbox, run, turn the result into a model. */
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sandbox.h"

const char script_is_program_message[] =
    "this is a program, not a session: check it with pacer check, play it with pacer today";

enum { DEFAULT_MEM = 64 << 20, DEFAULT_FILE = 4 << 20, MESSAGE_MAX = 1000 };

void session_model_free(session_model *m)
{
    arena_free(&m->mem);
    memset(m, 0, sizeof *m);
}

/* Parses "src:LINE: message" as Lua prefixes its errors; returns the message after it and
 * sets *line, or returns msg unchanged with *line = 0. */
static const char *split_position(const char *msg, int *line, const char **src, size_t *srclen)
{
    *line = 0;
    for (const char *p = msg; (p = strchr(p, ':')) != NULL; p++) {
        const char *q = p + 1;
        int n = 0, digits = 0;
        while (*q >= '0' && *q <= '9' && digits < 9) {
            n = n * 10 + (*q - '0');
            q++, digits++;
        }
        if (digits && q[0] == ':' && q[1] == ' ') {
            *line = n;
            *src = msg;
            *srclen = (size_t)(p - msg);
            return q + 2;
        }
    }
    return msg;
}

/* Which file an error belongs to: the frame whose short name and line match the message's
 * prefix, else the innermost frame, else the main file. */
static const char *error_file(loader *ld, const char *src, size_t srclen, int line)
{
    for (int i = 0; i < ld->nframes; i++) {
        const frame_info *f = &ld->frames[i];
        if (f->line == line && strlen(f->short_src) == srclen && strncmp(f->short_src, src, srclen) == 0)
            return f->source;
    }
    for (int i = 0; i < ld->nsources; i++) {
        const char *name = ld->sources[i].name;
        size_t n = strlen(name);
        if ((n == srclen && strncmp(name, src, srclen) == 0) ||
            (srclen > 3 && strncmp(src, "...", 3) == 0 && n >= srclen - 3 &&
             strncmp(name + n - (srclen - 3), src + 3, srclen - 3) == 0))
            return name;
    }
    return ld->main_file;
}

/* The column of the token Lua names in "... near 'tok'" (or the first name quoted in the
 * message, as in "unknown name 'brethe'"), or 1. */
static int near_col(loader *ld, const char *file, int line, const char *msg)
{
    const char *near = strstr(msg, "near '");
    if (near)
        near += 6;
    else if ((near = strchr(msg, '\'')) != NULL)
        near += 1;
    else
        return 1;
    const char *end = strchr(near, '\'');
    if (!end || end == near || end - near > 60)
        return 1;
    char tok[64];
    memcpy(tok, near, (size_t)(end - near));
    tok[end - near] = 0;
    return source_col(ld, file, line, tok);
}

/* 1 when name is the short name of a chunk of this session (its file or an include): only
 * then is "name:LINE:" at the start of a message a position, not part of the text. */
static int known_chunk(loader *ld, const char *src, size_t srclen)
{
    for (int i = 0; i < ld->nframes; i++) /* Lua's short names (long paths are shortened) */
        if (strlen(ld->frames[i].short_src) == srclen && strncmp(ld->frames[i].short_src, src, srclen) == 0)
            return 1;
    for (int i = 0; i < ld->nsources; i++) {
        const char *name = ld->sources[i].name;
        size_t n = strlen(name);
        if (n == srclen && strncmp(name, src, srclen) == 0)
            return 1;
        /* a long path, shortened by Lua to "..." and its end */
        if (srclen > 3 && strncmp(src, "...", 3) == 0 && n >= srclen - 3 &&
            strncmp(name + n - (srclen - 3), src + 3, srclen - 3) == 0)
            return 1;
    }
    return 0;
}

static void report_lua_error(loader *ld, int status)
{
    lua_State *L = ld->L;
    if (ld->too_many_errors) {
        diags_add(ld->d, DIAG_ERROR, ld->main_file, 0, 0, "too many errors (%d); fix these first", MAX_ERRORS);
        return;
    }
    if (atomic_load(&ld->timed_out)) {
        const char *src = ld->timeout_source[0] == '@' ? ld->timeout_source + 1 : ld->main_file;
        int line = ld->timeout_line;
        if (!line && ld->nframes) {
            /* stopped before the hook ran (an error caught and raised again): where it was */
            line = ld->frames[0].line;
            src = ld->frames[0].source;
        }
        diags_add(ld->d, DIAG_ERROR, src, line, 1,
                  "the script ran longer than %g s (an endless loop?) and was stopped", ld->time_limit);
        return;
    }
    if (ld->mem_exceeded || status == LUA_ERRMEM) {
        const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
        int line = ld->mem_line;
        const char *src = ld->mem_source[0] ? ld->mem_source : ld->main_file;
        const char *src_msg = NULL;
        size_t srclen = 0;
        int msg_line;
        const char *text = split_position(msg, &msg_line, &src_msg, &srclen);
        if (strncmp(text, "string.rep would make", 21) == 0) {
            /* raised with its own position, before anything was allocated */
            const char *file = msg_line ? error_file(ld, src_msg, srclen, msg_line) : ld->main_file;
            diags_add(ld->d, DIAG_ERROR, file, msg_line, source_col(ld, file, msg_line, "rep"), "%s", text);
        } else if (ld->mem_depth > 10000) {
            diags_add(ld->d, DIAG_ERROR, src, line, 1,
                      "stack overflow: calls nested more than %d deep (a function that calls itself without end?)",
                      ld->mem_depth - 1);
        } else {
            char limit[32];
            diags_add(ld->d, DIAG_ERROR, src, line, 1,
                      "the script used more than %s of memory (a runaway loop or a huge string?) and was stopped",
                      format_bytes((double)ld->mem_limit, limit, sizeof limit));
        }
        return;
    }
    const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    if (!msg) {
        int line = ld->nframes ? ld->frames[0].line : 0;
        const char *src = ld->nframes ? ld->frames[0].source : ld->main_file;
        diags_add(ld->d, DIAG_ERROR, src, line, 1, "error raised with a %s value instead of a message",
                  luaL_typename(L, -1));
        return;
    }
    int line;
    const char *src = NULL;
    size_t srclen = 0;
    const char *text = split_position(msg, &line, &src, &srclen);
    if (line && !known_chunk(ld, src, srclen)) {
        /* "x:40:" that names no chunk of ours (a loaded string, or just text): keep the whole
         * message and place it where the session's own code was running */
        text = msg;
        line = 0;
    }
    const char *file = line ? error_file(ld, src, srclen, line) : ld->main_file;
    if (!line && ld->nframes) {
        line = ld->frames[0].line;
        file = ld->frames[0].source;
    }
    /* an error inside a helper file: also where the caller passed what went wrong */
    char called[600] = "";
    if (line && strcmp(file, ld->main_file) != 0)
        for (int i = 0; i < ld->nframes; i++)
            if (strcmp(ld->frames[i].source, file) != 0) {
                snprintf(called, sizeof called, " (called from %s:%d)", ld->frames[i].source, ld->frames[i].line);
                break;
            }
    const char *hint = strncmp(text, "stack overflow", 14) == 0 ? " (a function that calls itself without end?)" : "";
    /* error(string.rep("x", 1e7)) is one line of a diagnostic, not ten megabytes of one */
    int shown = (int)strlen(text);
    const char *more = "";
    if (shown > MESSAGE_MAX) {
        shown = MESSAGE_MAX;
        while (shown > 0 && ((unsigned char)text[shown] & 0xC0) == 0x80)
            shown--; /* never split a UTF-8 sequence */
        more = "...";
    }
    diags_add(ld->d, DIAG_ERROR, file, line, near_col(ld, file, line, text), "%.*s%s%s%s", shown, text, more, hint,
              called);
}

static double elapsed_limit(const script_opts *o) { return o->time_limit > 0 ? o->time_limit : 2.0; }

void script_report_stuck(loader *ld, diag_list *d)
{
    int in_call = atomic_load(&ld->in_call);
    const char *src = atomic_load(&ld->call_source), *name = atomic_load(&ld->call_name);
    int line = atomic_load(&ld->call_line);
    if (!in_call || !name) {
        diags_add(d, DIAG_ERROR, ld->main_file, 0, 0,
                  "the script ran longer than %g s inside one library call and was stopped", ld->time_limit);
        return;
    }
    const char *file = src && src[0] == '@' ? src + 1 : ld->main_file;
    const char *dot = strrchr(name, '.');
    int col = line > 0 ? source_col(ld, file, line, dot ? dot + 1 : name) : 0;
    const char *hint = strncmp(name, "table.", 6) == 0 ? " (a huge table operation?)"
                       : strcmp(name, "string.rep") == 0 ? ""
                       : strncmp(name, "string.", 7) == 0 ? " (a pattern that backtracks without end?)"
                                                         : "";
    diags_add(d, DIAG_ERROR, file, line, col, "the script ran longer than %g s inside one call of %s%s and was stopped",
              ld->time_limit, name, hint);
}

int script_load_buffer(const char *name, const char *dir, const char *buf, size_t len, const script_opts *o,
                       session_model *m, diag_list *d)
{
    if (o->same_process)
        return script_load_here(name, dir, buf, len, o, m, d, -1);
    return isolate_load(name, dir, buf, len, o, m, d);
}

int script_load_here(const char *name, const char *dir, const char *buf, size_t len, const script_opts *o,
                     session_model *m, diag_list *d, int stuck_fd)
{
    memset(m, 0, sizeof *m);
    arena_init(&m->mem);
    if (o->plan)
        memset(o->plan, 0, sizeof *o->plan);
    int errors_before = d->errors;
    loader ld;
    memset(&ld, 0, sizeof ld);
    ld.opts = o;
    ld.stuck_fd = stuck_fd;
    ld.m = m;
    ld.d = d;
    ld.mem_limit = o->mem_limit ? o->mem_limit : DEFAULT_MEM;
    ld.time_limit = elapsed_limit(o);
    m->mem.budget_used = &ld.mem_used;
    m->mem.budget_limit = ld.mem_limit;

    m->file = arena_strdup(&m->mem, name);
    if (dir) {
        m->dir = arena_strdup(&m->mem, dir);
    } else {
        const char *slash = strrchr(name, '/');
        m->dir = slash ? arena_strndup(&m->mem, name, (size_t)(slash - name)) : arena_strdup(&m->mem, ".");
    }
    ld.main_file = m->file;
    ld.sources[ld.nsources++] = (source_text){m->file, buf, len};

    /* A UTF-8 byte order mark and a #! line are not Lua; skip them, keeping line numbers. */
    const char *code = buf;
    size_t code_len = len;
    if (code_len >= 3 && memcmp(code, "\xEF\xBB\xBF", 3) == 0)
        code += 3, code_len -= 3;
    int shebang = code_len > 0 && code[0] == '#';

    if (sandbox_open(&ld) < 0) {
        diags_add(d, DIAG_ERROR, name, 0, 0, "cannot start the script engine (out of memory)");
        session_model_free(m);
        return -1;
    }
    steps_lua_register(&ld);
    {
        char real[4096];
        ld.root = strdup(realpath(m->dir, real) ? real : m->dir);
        if (o->include_fallback && realpath(o->include_fallback, real) && (!ld.root || strcmp(real, ld.root) != 0))
            ld.fallback_root = strdup(real);
        include_register(&ld);
    }
    params_register(&ld);
    program_register(&ld);
    if (sandbox_start_watchdog(&ld) < 0) {
        diags_add(d, DIAG_ERROR, name, 0, 0, "cannot start the script watchdog");
        sandbox_close(&ld);
        session_model_free(m);
        return -1;
    }

    lua_State *L = ld.L;
    step_node *root = NULL;
    strbuf chunkname;
    sb_init(&chunkname);
    sb_printf(&chunkname, "@%s", name);
    if (shebang) {
        const char *nl = memchr(code, '\n', code_len);
        size_t skip = nl ? (size_t)(nl - code) : code_len;
        code += skip, code_len -= skip; /* the newline stays, so line 2 is still line 2 */
    }
    if (code_len > 0 && code[0] == LUA_SIGNATURE[0]) {
        diags_add(d, DIAG_ERROR, name, 1, 1, "this is a compiled Lua chunk; session scripts must be Lua source text");
    } else if (luaL_loadbufferx(L, code, code_len, chunkname.data ? chunkname.data : "@?", "t") != LUA_OK) {
        report_lua_error(&ld, LUA_ERRSYNTAX);
    } else {
        lua_rawgeti(L, LUA_REGISTRYINDEX, ld.env_ref);
        lua_setupvalue(L, -2, 1); /* _ENV */
        int nres = 0;
        int status = sandbox_run(&ld, &nres);
        int is_program = status == LUA_OK && program_is_result(&ld, nres);
        if (is_program && o->plan && o->history) {
            arena_init(&o->plan->mem);
            status = program_run_plan(&ld, nres);
            if (status != LUA_OK)
                report_lua_error(&ld, status);
        } else if (status != LUA_OK) {
            report_lua_error(&ld, status);
        } else if (is_program) {
            diags_add(d, DIAG_ERROR, name, 0, 0, "%s", script_is_program_message);
        } else {
            char why[160];
            root = steps_lua_check_result(&ld, nres, why, sizeof why);
            if (root)
                params_check_used(&ld);
            if (!root && why[0]) {
                /* count the script's lines for a position at its end */
                int lines = len > 0 && buf[len - 1] != '\n';
                for (size_t i = 0; i < len; i++)
                    lines += buf[i] == '\n';
                diags_add(d, DIAG_ERROR, name, lines, 1, "%s", why);
            }
        }
    }
    sb_free(&chunkname);
    sandbox_close(&ld);
    include_free(&ld);
    m->mem.budget_used = NULL;
    if (o->plan && o->plan->file && d->errors == errors_before) {
        session_model_free(m); /* a program: its plan is the result */
        return 0;
    }
    if (o->plan && o->plan->file)
        program_plan_free(o->plan);
    if (!root || d->errors > errors_before) {
        session_model_free(m);
        return -1;
    }
    m->root = root;
    if (ld.nincs) {
        m->include_names = arena_alloc(&m->mem, (size_t)ld.nincs * sizeof *m->include_names);
        m->include_paths = arena_alloc(&m->mem, (size_t)ld.nincs * sizeof *m->include_paths);
        if (!m->include_names || !m->include_paths) {
            diags_add(d, DIAG_ERROR, name, 0, 0, "out of memory");
            session_model_free(m);
            return -1;
        }
        memcpy(m->include_names, ld.inc_names, (size_t)ld.nincs * sizeof *m->include_names);
        memcpy(m->include_paths, ld.inc_paths, (size_t)ld.nincs * sizeof *m->include_paths);
        m->nincludes = ld.nincs;
    }
    return 0;
}

int script_load_file(const char *path, const script_opts *o, session_model *m, diag_list *d)
{
    memset(m, 0, sizeof *m);
    size_t max = o->max_file_size ? o->max_file_size : DEFAULT_FILE;
    /* Opened without blocking, as a regular file only: a FIFO named like a session is an
     * error, not a hang. */
    struct stat st;
    const char *why = "";
    int fd = file_open_regular(path, &st, &why);
    if (fd < 0) {
        diags_add(d, DIAG_ERROR, path, 0, 0, "cannot read the session: %s", why);
        return -1;
    }
    close(fd);
    if ((size_t)st.st_size > max) {
        if (max >= (1 << 20))
            diags_add(d, DIAG_ERROR, path, 0, 0, "the script is %.1f MB; session scripts may be at most %zu MB",
                      (double)st.st_size / (1 << 20), max >> 20);
        else
            diags_add(d, DIAG_ERROR, path, 0, 0, "the script is %.0f KB; session scripts may be at most %zu KB",
                      (double)st.st_size / 1024, max >> 10);
        return -1;
    }
    char *buf;
    size_t n;
    int r = file_read_regular(path, max, &buf, &n, &why);
    if (r != 0) {
        diags_add(d, DIAG_ERROR, path, 0, 0, "cannot read the session: %s",
                  r > 0 ? "it grew past the size limit while it was read" : why);
        return -1;
    }
    int rc = script_load_buffer(path, NULL, buf, n, o, m, d);
    free(buf);
    return rc;
}
