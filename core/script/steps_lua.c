/* steps_lua.c - one Lua constructor per registered step type, generated from its fields.
 *
 * A constructor checks each value against its field declaration (type, range, text rules),
 * reports a problem as a diagnostic at the caller's line and goes on, so the script runs to
 * the end and check can list every mistake. Values are read raw (no metamethods run) and
 * never converted loosely: "8" is not a number. */
#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox.h"

static const char STEP_META[] = "pacer.step";

typedef struct step_ud {
    step_node *node;
    int ok;    /* 1 when the step and everything in it checked clean */
    int depth; /* 1 for a step with no steps inside it, else one more than its deepest child */
} step_ud;

typedef struct where {
    const char *file;
    int line, col;
    const pacer_step_type *type;
    int errors;
    int names; /* names given by position, for the one message when there are too many */
    int names_reported;
    char called[320]; /* made in a helper file: " (called from session.lua:5)", else "" */
} where;

static void report(loader *ld, where *w, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void report(loader *ld, where *w, const char *fmt, ...)
{
    strbuf b;
    sb_init(&b);
    sb_printf(&b, "%s: ", w->type->name);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    diags_add(ld->d, DIAG_ERROR, w->file, w->line, w->col, "%s%s", b.data ? b.data : "out of memory", w->called);
    sb_free(&b);
    w->errors++;
    if (ld->d->errors >= MAX_ERRORS && !atomic_load(&ld->aborting)) {
        /* Enough to fix first; a loop making bad steps would otherwise print without end. */
        atomic_store(&ld->aborting, 1);
        ld->too_many_errors = 1;
        luaL_error(ld->L, "too many errors");
    }
}

static step_ud *test_step(lua_State *L, int idx) { return luaL_testudata(L, idx, STEP_META); }

/* A short, terminal-safe rendering of a Lua value for messages. */
static const char *describe(lua_State *L, int idx, char *buf, size_t n)
{
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER: {
        double v = lua_tonumber(L, idx);
        if (isnan(v))
            snprintf(buf, n, "nan");
        else if (isinf(v))
            snprintf(buf, n, v > 0 ? "inf" : "-inf");
        else
            snprintf(buf, n, "%.10g", v);
        return buf;
    }
    case LUA_TSTRING: return "string";
    case LUA_TUSERDATA:
        if (test_step(L, idx)) {
            snprintf(buf, n, "a %s step", test_step(L, idx)->node->type->name);
            return buf;
        }
        return "userdata";
    default: return lua_typename(L, lua_type(L, idx));
    }
}

static int field_is_count(const pacer_field *f) { return f->type == PACER_INTEGER; }

static void range_text(const pacer_field *f, char *buf, size_t n)
{
    snprintf(buf, n, "%s from %.10g to %.10g", field_is_count(f) ? "a whole number" : "a number", f->min, f->max);
}

static size_t text_max(const pacer_field *f) { return f->max > 0 ? (size_t)f->max : 4096; }

/* Checks a text value: UTF-8, no control characters (newlines only in long texts), length. */
static int check_text(loader *ld, where *w, const pacer_field *f, const char *s, size_t len)
{
    size_t bad = utf8_invalid_at(s, len);
    if (bad) {
        report(ld, w, "'%s' is not valid UTF-8 text (bad byte at position %zu)", f->name, bad);
        return -1;
    }
    unsigned cp;
    long at = text_control_at(s, len, f->type == PACER_TEXT, &cp);
    if (at >= 0) {
        report(ld, w, "'%s' contains a control character (U+%04X) at byte %ld", f->name, cp, at + 1);
        return -1;
    }
    if (len > text_max(f)) {
        report(ld, w, "'%s' is %zu bytes long; at most %zu are allowed", f->name, len, text_max(f));
        return -1;
    }
    return 0;
}

static int enum_index(const char *choices, const char *s)
{
    size_t n = strlen(s);
    int i = 0;
    for (const char *p = choices; p && *p; i++) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, s, n) == 0)
            return i;
        p = bar ? bar + 1 : NULL;
    }
    return -1;
}

static const char *resolve_path(loader *ld, where *w, const pacer_field *f, const char *s)
{
    if (s[0] == '/') {
        report(ld, w, "'%s' must be a path relative to the session file, got an absolute path", f->name);
        return NULL;
    }
    if (strchr(s, '\\')) {
        report(ld, w, "'%s' contains a backslash; separate folders with '/', e.g. \"sounds/bell.ogg\"", f->name);
        return NULL;
    }
    for (const char *p = s; *p;) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        if (len == 2 && p[0] == '.' && p[1] == '.') {
            report(ld, w, "'%s' may not leave the session's folder ('..' in the path)", f->name);
            return NULL;
        }
        p = slash ? slash + 1 : p + len;
    }
    strbuf b;
    sb_init(&b);
    sb_printf(&b, "%s/%s", ld->m->dir, s);
    const char *r = b.data ? arena_strdup(&ld->m->mem, b.data) : NULL;
    sb_free(&b);
    return r;
}

/* Stores the value at idx into v after checking it against f. Returns 0 or -1 (reported). */
static int set_value_checked(loader *ld, where *w, const pacer_field *f, step_value *v, int idx);

/* A value given but wrong still counts as given: one message per mistake, not a second
 * one saying the field is missing. */
static int set_value(loader *ld, where *w, const pacer_field *f, step_value *v, int idx)
{
    int rc = set_value_checked(ld, w, f, v, idx);
    v->given = 1;
    return rc;
}

static int set_value_checked(loader *ld, where *w, const pacer_field *f, step_value *v, int idx)
{
    lua_State *L = ld->L;
    char buf[64], range[96];
    int t = lua_type(L, idx);
    switch (f->type) {
    case PACER_NUMBER:
    case PACER_INTEGER: {
        double x = t == LUA_TNUMBER ? lua_tonumber(L, idx) : 0;
        if (t != LUA_TNUMBER || !isfinite(x) || x < f->min || x > f->max ||
            (f->type == PACER_INTEGER && floor(x) != x)) {
            range_text(f, range, sizeof range); /* formatted only for the message */
            report(ld, w, "'%s' must be %s, got %s", f->name, range, describe(L, idx, buf, sizeof buf));
            return -1;
        }
        v->num = x;
        break;
    }
    case PACER_BOOL:
        if (t != LUA_TBOOLEAN) {
            report(ld, w, "'%s' must be true or false, got %s", f->name, describe(L, idx, buf, sizeof buf));
            return -1;
        }
        v->num = lua_toboolean(L, idx);
        break;
    case PACER_TEXT:
    case PACER_STRING:
    case PACER_ENUM:
    case PACER_PATH: {
        if (t != LUA_TSTRING) {
            const char *want = f->type == PACER_PATH ? "a file path" : f->type == PACER_ENUM ? "a name" : "a string";
            report(ld, w, "'%s' must be %s, got %s", f->name, want, describe(L, idx, buf, sizeof buf));
            return -1;
        }
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        if (check_text(ld, w, f, s, len) < 0)
            return -1;
        if (f->type == PACER_ENUM && enum_index(f->choices, s) < 0) {
            strbuf b;
            sb_init(&b);
            sb_add_safe(&b, s, len);
            strbuf c;
            sb_init(&c);
            for (const char *p = f->choices; *p; p++)
                sb_puts(&c, *p == '|' ? ", " : (char[]){*p, 0});
            report(ld, w, "'%s' must be one of %s; got \"%s\"", f->name, c.data ? c.data : "", b.data ? b.data : "");
            sb_free(&b);
            sb_free(&c);
            return -1;
        }
        if (f->type == PACER_STRING) {
            for (size_t i = 0; i < len; i++) {
                char ch = s[i];
                if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' ||
                      ch == '_' || ch == ':' || ch == '.' || ch == '+')) {
                    report(ld, w, "'%s' must be a short name (letters, digits, - _ : . +)", f->name);
                    return -1;
                }
            }
        }
        if (f->type == PACER_PATH) {
            v->str = resolve_path(ld, w, f, s);
            if (!v->str)
                return -1;
        } else {
            v->str = arena_strndup(&ld->m->mem, s, len);
        }
        if (!v->str)
            sandbox_oom(L);
        break;
    }
    case PACER_STRINGS: {
        if (t != LUA_TTABLE) {
            report(ld, w, "'%s' must be a list of strings, got %s", f->name, describe(L, idx, buf, sizeof buf));
            return -1;
        }
        lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
        if (n > 64) {
            report(ld, w, "'%s' has %lld names; at most 64 are allowed", f->name, (long long)n);
            return -1;
        }
        v->list = arena_alloc(&ld->m->mem, (size_t)(n ? n : 1) * sizeof *v->list);
        if (!v->list)
            sandbox_oom(L);
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, idx, i);
            size_t len;
            if (lua_type(L, -1) != LUA_TSTRING) {
                report(ld, w, "'%s' must hold strings only; item %lld is %s", f->name, (long long)i,
                       describe(L, -1, buf, sizeof buf));
                lua_pop(L, 1);
                return -1;
            }
            const char *s = lua_tolstring(L, -1, &len);
            if (check_text(ld, w, f, s, len) < 0) {
                lua_pop(L, 1);
                return -1;
            }
            v->list[v->nlist++] = arena_strndup(&ld->m->mem, s, len);
            lua_pop(L, 1);
        }
        break;
    }
    case PACER_STEPS: /* read by read_step_lists: the steps go into the node's children */
        return -1;
    }
    v->given = 1;
    return 0;
}

static int strings_field(const pacer_step_type *t)
{
    for (int i = 0; i < t->nfields; i++)
        if (t->fields[i].type == PACER_STRINGS)
            return i;
    return -1;
}

static int next_positional(const pacer_step_type *t, int from)
{
    for (int i = from; i < t->nfields; i++)
        if ((t->fields[i].flags & PACER_POSITIONAL) && t->fields[i].type != PACER_STRINGS)
            return i;
    return -1;
}

/* Adds the value at idx, given at position pos of the array part or argument list. */
static void add_positional(loader *ld, where *w, step_node *node, int idx, int pos, int *next_pos, int *nchild,
                           int *nstring, int *any_bad_child, int *child_depth)
{
    lua_State *L = ld->L;
    const pacer_step_type *t = node->type;
    step_ud *child = test_step(L, idx);
    char buf[64];
    if (child) {
        if (!t->takes_steps) {
            report(ld, w, "takes no steps inside it (position %d holds a %s step)", pos, child->node->type->name);
            return;
        }
        if (strcmp(child->node->type->name, "session") == 0) {
            report(ld, w, "a session cannot be put inside another step (position %d)", pos);
            return;
        }
        if (!child->ok)
            *any_bad_child = 1;
        if (child->depth > *child_depth)
            *child_depth = child->depth;
        node->children[(*nchild)++] = child->node;
        return;
    }
    int sf = strings_field(t);
    if (sf >= 0 && lua_type(L, idx) == LUA_TSTRING && *nchild == 0) {
        step_value *v = &node->values[sf];
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        if (check_text(ld, w, &t->fields[sf], s, len) < 0)
            return;
        if (v->nlist >= 64) {
            if (!w->names_reported) { /* once, not once per name too many */
                report(ld, w, "has %d names; at most 64 are allowed", w->names);
                w->names_reported = 1;
            }
            return;
        }
        v->list[v->nlist++] = arena_strndup(&ld->m->mem, s, len);
        v->given = 1;
        (*nstring)++;
        return;
    }
    if (sf >= 0 && lua_type(L, idx) == LUA_TSTRING) {
        report(ld, w, "position %d holds a string after a step; its %s come first, before the steps, e.g. "
                      "%s { \"first\", \"second\", say \"...\" }",
               pos, t->fields[sf].name, t->name);
        return;
    }
    int fi = next_positional(t, *next_pos);
    if (fi < 0) {
        if (t->takes_steps)
            report(ld, w, "position %d holds %s, but only steps may follow here", pos, describe(L, idx, buf, sizeof buf));
        else
            report(ld, w, "too many values: position %d (%s) has no field to go to", pos,
                   describe(L, idx, buf, sizeof buf));
        return;
    }
    *next_pos = fi + 1;
    set_value(ld, w, &t->fields[fi], &node->values[fi], idx);
}

static int cmp_cstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Reads the named fields. Declared fields are read in declaration order and the problems
 * with other keys are sorted, so the same script always gives the same messages in the
 * same order (a table's own order changes from run to run). */
static void read_named(loader *ld, where *w, step_node *node, int tidx, lua_Integer n, int list_too_long)
{
    lua_State *L = ld->L;
    const pacer_step_type *t = node->type;
    for (int fi = 0; fi < t->nfields; fi++) {
        lua_pushstring(L, t->fields[fi].name);
        if (lua_rawget(L, tidx) == LUA_TNIL || t->fields[fi].type == PACER_STEPS) {
            lua_pop(L, 1);
            continue;
        }
        if (node->values[fi].given && t->fields[fi].type != PACER_STRINGS)
            report(ld, w, "'%s' is given twice (by position and by name)", t->fields[fi].name);
        else if (t->fields[fi].type == PACER_STRINGS && node->values[fi].nlist)
            report(ld, w, "'%s' is given twice (by position and by name)", t->fields[fi].name);
        else {
            node->values[fi].list = NULL; /* names = {...} replaces the empty positional list */
            node->values[fi].nlist = 0;
            set_value(ld, w, &t->fields[fi], &node->values[fi], lua_gettop(L));
        }
        lua_pop(L, 1);
    }
    enum { MAX_PROBLEMS = 32 };
    char *problems[MAX_PROBLEMS];
    int np = 0, more = 0;
    char buf[64];
    lua_pushnil(L);
    while (lua_next(L, tidx)) {
        /* key at -2, value at -1 */
        strbuf b;
        sb_init(&b);
        if (lua_type(L, -2) == LUA_TNUMBER) {
            lua_Integer k = lua_isinteger(L, -2) ? lua_tointeger(L, -2) : 0;
            if (list_too_long || (lua_isinteger(L, -2) && k >= 1 && k <= n)) {
                lua_pop(L, 1);
                continue; /* the list part, read in order elsewhere */
            }
            sb_printf(&b, "unexpected value at index %s (is there a nil in the list before it?)",
                      describe(L, -2, buf, sizeof buf));
        } else if (lua_type(L, -2) != LUA_TSTRING) {
            sb_printf(&b, "field names must be strings, got %s", describe(L, -2, buf, sizeof buf));
        } else {
            const char *key = lua_tostring(L, -2);
            if (step_field_index(t, key) < 0) {
                const char *cands[64];
                for (int i = 0; i < t->nfields && i < 64; i++)
                    cands[i] = t->fields[i].name;
                const char *best = suggest(key, cands, t->nfields < 64 ? t->nfields : 64);
                strbuf k;
                sb_init(&k);
                sb_add_safe(&k, key, lua_rawlen(L, -2) > 64 ? 64 : lua_rawlen(L, -2));
                if (best)
                    sb_printf(&b, "unknown field '%s'; did you mean '%s'?", k.data ? k.data : "", best);
                else if (t->nfields == 0)
                    sb_printf(&b, "unknown field '%s'; %s takes no fields", k.data ? k.data : "", t->name);
                else
                    sb_printf(&b, "unknown field '%s'", k.data ? k.data : "");
                sb_free(&k);
            }
        }
        if (b.data) {
            if (np < MAX_PROBLEMS)
                problems[np++] = arena_strdup(&ld->m->mem, b.data);
            else
                more++;
        }
        sb_free(&b);
        lua_pop(L, 1);
    }
    int kept = 0;
    for (int i = 0; i < np; i++)
        if (problems[i])
            problems[kept++] = problems[i];
    qsort(problems, (size_t)kept, sizeof *problems, cmp_cstr);
    for (int i = 0; i < kept; i++)
        report(ld, w, "%s", problems[i]);
    if (more)
        report(ld, w, "and %d more problems with its fields", more);
}

/* Reads the step lists given by name (ask's yes and no): each field's steps are added to the
 * node's children after those of the list part, and its value counts them (model.h). */
static void read_step_lists(loader *ld, where *w, step_node *node, int tidx, int *any_bad_child, int *child_depth)
{
    lua_State *L = ld->L;
    const pacer_step_type *t = node->type;
    char buf[64];
    for (int fi = 0; fi < t->nfields; fi++) {
        const pacer_field *f = &t->fields[fi];
        if (f->type != PACER_STEPS)
            continue;
        node->values[fi].given = 0;
        node->values[fi].num = 0;
        if (tidx == 0)
            continue;
        lua_pushstring(L, f->name);
        if (lua_rawget(L, tidx) == LUA_TNIL) {
            lua_pop(L, 1);
            continue;
        }
        int v = lua_gettop(L);
        node->values[fi].given = 1;
        if (lua_type(L, v) != LUA_TTABLE || test_step(L, v)) {
            report(ld, w, "'%s' must be a list of steps in braces, e.g. %s = { say \"...\" }; got %s", f->name,
                   f->name, describe(L, v, buf, sizeof buf));
            lua_pop(L, 1);
            continue;
        }
        lua_Integer n = (lua_Integer)lua_rawlen(L, v);
        if (n > 100000) {
            report(ld, w, "'%s' holds %lld values; at most 100000 are allowed", f->name, (long long)n);
            lua_pop(L, 1);
            continue;
        }
        step_node **all = arena_alloc(&ld->m->mem, (size_t)(node->nchildren + n + 1) * sizeof *all);
        if (!all)
            sandbox_oom(L);
        for (int i = 0; i < node->nchildren; i++)
            all[i] = node->children[i];
        int added = 0;
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, v, i);
            step_ud *child = test_step(L, -1);
            if (!child)
                report(ld, w, "'%s' may hold only steps; item %lld is %s", f->name, (long long)i,
                       describe(L, -1, buf, sizeof buf));
            else if (strcmp(child->node->type->name, "session") == 0)
                report(ld, w, "a session cannot be put inside another step ('%s', item %lld)", f->name, (long long)i);
            else {
                if (!child->ok)
                    *any_bad_child = 1;
                if (child->depth > *child_depth)
                    *child_depth = child->depth;
                all[node->nchildren + added++] = child->node;
            }
            lua_pop(L, 1);
        }
        node->children = all;
        node->nchildren += added;
        node->values[fi].num = added;
        lua_pop(L, 1);
    }
}

static void apply_defaults(loader *ld, where *w, step_node *node)
{
    const pacer_step_type *t = node->type;
    for (int i = 0; i < t->nfields; i++) {
        const pacer_field *f = &t->fields[i];
        step_value *v = &node->values[i];
        if (v->given)
            continue;
        if (f->flags & PACER_REQUIRED) {
            report(ld, w, "'%s' is missing (%s)", f->name, f->doc);
            continue;
        }
        if (f->type == PACER_NUMBER || f->type == PACER_INTEGER || f->type == PACER_BOOL)
            v->num = f->def;
        else if (f->def_str)
            v->str = f->def_str;
    }
}

static int l_construct(lua_State *L)
{
    loader *ld = loader_of(L);
    const pacer_step_type *t = lua_touserdata(L, lua_upvalueindex(1));
    where w = {ld->main_file, 0, 1, t, 0, 0, 0, ""};
    lua_Debug ar;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar)) {
        w.line = ar.currentline;
        if (ar.source[0] == '@' && strcmp(ar.source + 1, ld->main_file) != 0)
            w.file = arena_strdup(&ld->m->mem, ar.source + 1);
        if (!w.file)
            return sandbox_oom(L);
    }
    w.col = source_col(ld, w.file, w.line, t->name);
    /* made in a helper file: the line of the caller outside it passed the values too */
    if (strcmp(w.file, ld->main_file) != 0)
        for (int level = 2; lua_getstack(L, level, &ar); level++)
            if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && ar.source[0] == '@' &&
                strcmp(ar.source + 1, w.file) != 0) {
                snprintf(w.called, sizeof w.called, " (called from %s:%d)", ar.source + 1, ar.currentline);
                break;
            }

    /* a table of a million unknown keys takes a while: named if the watchdog finds it here */
    sandbox_note_call(L, t->name, CALL_STEP);
    int top = lua_gettop(L);
    int as_table = top == 1 && lua_type(L, 1) == LUA_TTABLE;
    lua_Integer n = as_table ? (lua_Integer)lua_rawlen(L, 1) : top;
    int list_too_long = 0;
    if (n > 100000) {
        report(ld, &w, "holds %lld values; at most 100000 are allowed", (long long)n);
        n = 0;
        list_too_long = 1;
    }

    step_node *node = arena_alloc(&ld->m->mem, sizeof *node);
    step_ud *ud = lua_newuserdatauv(L, sizeof *ud, 0);
    if (!node)
        return sandbox_oom(L);
    ud->node = node;
    ud->ok = 0;
    ud->depth = 1;
    luaL_setmetatable(L, STEP_META);
    int ud_idx = lua_gettop(L);
    node->type = t;
    node->file = w.file;
    node->line = w.line;
    node->col = w.col;
    node->values = arena_alloc(&ld->m->mem, (size_t)(t->nfields ? t->nfields : 1) * sizeof *node->values);
    int sf = strings_field(t);
    /* Children and names are counted first so each list is allocated once. */
    int max_children = 0, max_strings = 0;
    for (lua_Integer i = 1; i <= n; i++) {
        if (as_table)
            lua_rawgeti(L, 1, i);
        else
            lua_pushvalue(L, (int)i);
        if (test_step(L, -1))
            max_children++;
        else if (lua_type(L, -1) == LUA_TSTRING)
            max_strings++;
        lua_pop(L, 1);
    }
    if (!node->values || (max_children && !(node->children = arena_alloc(&ld->m->mem, (size_t)max_children *
                                                                                          sizeof *node->children))))
        return sandbox_oom(L);
    if (sf >= 0 && !(node->values[sf].list = arena_alloc(&ld->m->mem, (size_t)(max_strings + 1) * sizeof(char *))))
        return sandbox_oom(L);
    w.names = max_strings;

    int next_pos = 0, nchild = 0, nstring = 0, bad_child = 0, child_depth = 0;
    for (lua_Integer i = 1; i <= n; i++) {
        if (as_table)
            lua_rawgeti(L, 1, i);
        else
            lua_pushvalue(L, (int)i);
        add_positional(ld, &w, node, lua_gettop(L), (int)i, &next_pos, &nchild, &nstring, &bad_child,
                       &child_depth);
        lua_pop(L, 1);
    }
    node->nchildren = nchild;
    read_step_lists(ld, &w, node, as_table ? 1 : 0, &bad_child, &child_depth);
    /* Everything that walks the steps later (the compiler, the loader's way back) recurses
     * once per level: the depth is bounded here, where it is made. Said once, at the step
     * that first goes too deep; the steps around it are bad without saying it again. */
    ud->depth = child_depth + 1;
    if (child_depth == MAX_NESTING)
        report(ld, &w, "steps are nested more than %d deep (blocks inside blocks); flatten the session",
               MAX_NESTING);
    if (as_table)
        read_named(ld, &w, node, 1, n, list_too_long);
    apply_defaults(ld, &w, node);
    if (!w.errors && session_validate_node(node, ld->d) < 0)
        w.errors++;
    ud->ok = !w.errors && !bad_child;
    lua_pushvalue(L, ud_idx);
    sandbox_end_call(L);
    return 1;
}

static int step_tostring(lua_State *L)
{
    step_ud *ud = luaL_checkudata(L, 1, STEP_META);
    lua_pushfstring(L, "%s step (line %d)", ud->node->type->name, ud->node->line);
    return 1;
}

static int step_newindex(lua_State *L) { return luaL_error(L, "a step cannot be changed once it is made"); }

static int step_index(lua_State *L)
{
    step_ud *ud = luaL_checkudata(L, 1, STEP_META);
    return luaL_error(L, "a %s step has no fields to read", ud->node->type->name);
}

void steps_lua_register(loader *ld)
{
    lua_State *L = ld->L;
    luaL_newmetatable(L, STEP_META);
    lua_pushcfunction(L, step_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushcfunction(L, step_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, step_index);
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);

    lua_rawgeti(L, LUA_REGISTRYINDEX, ld->env_ref);
    const registry *r = ld->opts->reg;
    for (int i = 0; i < r->count; i++) {
        lua_pushlightuserdata(L, (void *)r->items[i].type);
        lua_pushcclosure(L, l_construct, 1);
        lua_setfield(L, -2, r->items[i].type->name);
    }
    lua_pop(L, 1);
}

step_node *steps_lua_check_result(loader *ld, int nresults, char *why, size_t n)
{
    lua_State *L = ld->L;
    const char *root = ld->opts->root_type ? ld->opts->root_type : "session";
    if (nresults < 1 || lua_isnil(L, -nresults)) {
        snprintf(why, n, "the script returned nothing; it must end with: return %s { ... }", root);
        return NULL;
    }
    int idx = lua_absindex(L, -nresults);
    step_ud *ud = test_step(L, idx);
    if (!ud) {
        char buf[64];
        snprintf(why, n, "the script must return %s { ... }, got %s", root, describe(L, idx, buf, sizeof buf));
        return NULL;
    }
    if (strcmp(ud->node->type->name, root) != 0) {
        snprintf(why, n, "the script must return %s { ... }, got a %s step", root, ud->node->type->name);
        return NULL;
    }
    if (!ud->ok) {
        snprintf(why, n, "%s", ""); /* its errors are already reported */
        return NULL;
    }
    return ud->node;
}

/* The offsets of the line starts of s, once: finding a step's column is then a lookup,
 * not a scan from the top of the file (a long script has thousands of steps). */
static int index_lines(source_text *s)
{
    if (s->lines)
        return 0;
    int n = 1;
    for (size_t i = 0; i < s->len; i++)
        n += s->text[i] == '\n';
    s->lines = malloc((size_t)n * sizeof *s->lines);
    if (!s->lines)
        return -1;
    s->nlines = 0;
    s->lines[s->nlines++] = 0;
    for (size_t i = 0; i < s->len; i++)
        if (s->text[i] == '\n')
            s->lines[s->nlines++] = i + 1;
    return 0;
}

int source_col(const loader *ld, const char *file, int line, const char *word)
{
    for (int i = 0; i < ld->nsources; i++) {
        source_text *s = (source_text *)&ld->sources[i];
        if (strcmp(s->name, file) != 0 || line < 1)
            continue;
        if (index_lines(s) < 0 || line > s->nlines)
            return 1;
        const char *p = s->text + s->lines[line - 1], *end = s->text + s->len;
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        size_t wl = strlen(word);
        for (const char *q = p; q + wl <= eol; q++) {
            int before_ok = q == p || !(q[-1] == '_' || (q[-1] >= 'a' && q[-1] <= 'z') || (q[-1] >= 'A' && q[-1] <= 'Z') ||
                                        (q[-1] >= '0' && q[-1] <= '9'));
            char after = q + wl < eol ? q[wl] : ' ';
            int after_ok = !(after == '_' || (after >= 'a' && after <= 'z') || (after >= 'A' && after <= 'Z') ||
                             (after >= '0' && after <= '9'));
            if (before_ok && after_ok && memcmp(q, word, wl) == 0)
                return (int)(q - p) + 1;
        }
        return 1;
    }
    return 1;
}
