/* program.c - values from outside the script: the read-only params table of a session, and
 * programs (program { title, summary, plan = function(history) ... end }), whose plan runs
 * against a snapshot of the journal and returns today's list of play { "file.lua", ... }.
 *
 * Everything a script sees here is a proxy: an empty table whose locked metatable holds the
 * data, so params, history, a play item and a program cannot be changed by the script. */
#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox.h"

static const char PLAY_NAME[] = "pacer.play", PROGRAM_NAME[] = "pacer.program";
enum { MAX_PLAN_ITEMS = 20, WHY_MAX = 200, TITLE_MAX = 200 };

/* ---- dates ---- */
/* Days since 1970-01-01 of a civil date (proleptic Gregorian; H. Hinnant's algorithm). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Days since the epoch of "YYYY-MM-DD", or -1 (LONG_MIN would do, but dates here are modern). */
static int parse_date(const char *s, long *days)
{
    if (!s || strlen(s) < 10)
        return -1;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return -1;
    long y = strtol(s, NULL, 10), m = strtol(s + 5, NULL, 10), d = strtol(s + 8, NULL, 10);
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return -1;
    *days = days_from_civil(y, m, d);
    long cy, cm, cd;
    civil_from_days(*days, &cy, &cm, &cd);
    return cy == y && cm == m && cd == d ? 0 : -1; /* 29 February of a common year */
}

int plan_weekday(const char *date)
{
    long days;
    if (parse_date(date, &days) < 0)
        return -1;
    return (int)(((days % 7) + 7 + 3) % 7) + 1; /* 1970-01-01 was a Thursday */
}

int plan_days_before(const char *date, int n, char out[11])
{
    long days, y, m, d;
    if (parse_date(date, &days) < 0)
        return -1;
    civil_from_days(days - n, &y, &m, &d);
    char buf[48];
    snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y % 10000, m, d);
    memcpy(out, buf, 10);
    out[10] = 0;
    return 0;
}

/* ---- params ---- */
int script_param_parse(const char *arg, script_param *p, char *why, size_t n)
{
    memset(p, 0, sizeof *p);
    const char *eq = strchr(arg, '=');
    size_t len = eq ? (size_t)(eq - arg) : 0;
    int ok = eq && len > 0 && len <= SCRIPT_PARAM_NAME_MAX && !(arg[0] >= '0' && arg[0] <= '9');
    for (size_t i = 0; ok && i < len; i++) {
        char c = arg[i];
        ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    if (!ok) {
        snprintf(why, n, "a parameter is NAME=VALUE with a name of letters, digits and _ (at most %d), e.g. "
                         "minutes=12",
                 SCRIPT_PARAM_NAME_MAX);
        return -1;
    }
    static char names[SCRIPT_MAX_PARAMS * 2][SCRIPT_PARAM_NAME_MAX + 1]; /* the command line's few */
    static int used;
    char *name = names[used++ % (SCRIPT_MAX_PARAMS * 2)];
    memcpy(name, arg, len);
    name[len] = 0;
    p->name = name;
    const char *v = eq + 1;
    if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0) {
        p->type = SCRIPT_PARAM_BOOLEAN;
        p->boolean = v[0] == 't';
    } else if (parse_double(v, -1e15, 1e15, &p->num) == 0) {
        p->type = SCRIPT_PARAM_NUMBER;
    } else {
        size_t vl = strlen(v);
        unsigned cp;
        if (vl > SCRIPT_PARAM_TEXT_MAX || utf8_invalid_at(v, vl) || text_control_at(v, vl, 0, &cp) >= 0) {
            snprintf(why, n, "the value of '%s' must be a number, true, false or a line of text (at most %d bytes)",
                     name, SCRIPT_PARAM_TEXT_MAX);
            return -1;
        }
        p->type = SCRIPT_PARAM_STRING;
        p->str = v;
    }
    return 0;
}

void script_param_format(const script_param *p, char *buf, size_t n)
{
    switch (p->type) {
    case SCRIPT_PARAM_NUMBER: snprintf(buf, n, "%.10g", p->num); break;
    case SCRIPT_PARAM_BOOLEAN: snprintf(buf, n, "%s", p->boolean ? "true" : "false"); break;
    default: {
        strbuf b;
        sb_init(&b);
        sb_add_safe(&b, p->str ? p->str : "", p->str ? strlen(p->str) : 0);
        snprintf(buf, n, "\"%s\"", b.data ? b.data : "");
        sb_free(&b);
    }
    }
}

static void push_param(lua_State *L, const script_param *p)
{
    switch (p->type) {
    case SCRIPT_PARAM_NUMBER:
        if (p->num == floor(p->num) && fabs(p->num) < 1e15)
            lua_pushinteger(L, (lua_Integer)p->num);
        else
            lua_pushnumber(L, p->num);
        break;
    case SCRIPT_PARAM_BOOLEAN: lua_pushboolean(L, p->boolean); break;
    default: lua_pushstring(L, p->str ? p->str : ""); break;
    }
}

/* Raises "NAME is read-only ..." (upvalue 1: the message). */
static int readonly_newindex(lua_State *L) { return luaL_error(L, "%s", lua_tostring(L, lua_upvalueindex(1))); }

/* Replaces the data table on top of the stack by a read-only proxy of it: reading a key
 * reads the data (index, when given, instead), writing raises message. */
static void make_proxy(lua_State *L, const char *name, const char *message, lua_CFunction index)
{
    lua_newtable(L);               /* data, proxy */
    lua_newtable(L);               /* data, proxy, mt */
    lua_pushvalue(L, -3);
    if (index)
        lua_pushcclosure(L, index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, message);
    lua_pushcclosure(L, readonly_newindex, 1);
    lua_setfield(L, -2, "__newindex");
    lua_pushstring(L, name);
    lua_setfield(L, -2, "__name");
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "data");   /* for the C side */
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_remove(L, -2);             /* proxy */
}

/* The data table of a proxy named name at idx, pushed; 0 (nothing pushed) when idx is not one. */
static int proxy_data(lua_State *L, int idx, const char *name)
{
    if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx))
        return 0;
    lua_pushliteral(L, "__name");
    lua_rawget(L, -2);
    int match = lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), name) == 0;
    lua_pop(L, 1);
    if (!match) {
        lua_pop(L, 1);
        return 0;
    }
    lua_pushliteral(L, "data");
    lua_rawget(L, -2);
    lua_remove(L, -2);
    return 1;
}

/* params.NAME: the value given, or nil; notes that the session read it. */
static int params_index(lua_State *L)
{
    loader *ld = loader_of(L);
    if (lua_type(L, 2) == LUA_TSTRING) {
        const char *key = lua_tostring(L, 2);
        for (int i = 0; i < ld->opts->nparams && i < SCRIPT_MAX_PARAMS; i++)
            if (strcmp(ld->opts->params[i].name, key) == 0)
                ld->params_used |= 1u << i;
    }
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(1));
    return 1;
}

void params_register(loader *ld)
{
    lua_State *L = ld->L;
    lua_rawgeti(L, LUA_REGISTRYINDEX, ld->env_ref);
    lua_newtable(L);
    for (int i = 0; i < ld->opts->nparams && i < SCRIPT_MAX_PARAMS; i++) {
        push_param(L, &ld->opts->params[i]);
        lua_setfield(L, -2, ld->opts->params[i].name);
    }
    make_proxy(L, "pacer.params",
               "params is read-only: it holds the values the session was given (pacer play FILE --param "
               "NAME=VALUE, or a program's play { })",
               params_index);
    lua_setfield(L, -2, "params");
    lua_pop(L, 1);
}

void params_check_used(loader *ld)
{
    for (int i = 0; i < ld->opts->nparams && i < SCRIPT_MAX_PARAMS; i++) {
        if (ld->params_used & (1u << i))
            continue;
        char v[64];
        script_param_format(&ld->opts->params[i], v, sizeof v);
        diags_add(ld->d, DIAG_ERROR, ld->main_file, 0, 0,
                  "the session does not use the parameter '%s' (given %s): it never reads params.%s",
                  ld->opts->params[i].name, v, ld->opts->params[i].name);
    }
}

/* ---- history ---- */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static long today_days(loader *ld)
{
    long t = 0;
    parse_date(ld->opts->history->today, &t);
    return t;
}

/* history.plays(file [, days]): the plays of that session, oldest first. */
static int history_plays(lua_State *L)
{
    loader *ld = loader_of(L);
    const char *file = base_name(luaL_checkstring(L, 1));
    lua_Integer days = luaL_optinteger(L, 2, 36500);
    luaL_argcheck(L, days >= 1 && days <= 36500, 2, "days must be a whole number from 1 to 36500");
    const plan_history *h = ld->opts->history;
    long today = today_days(ld);
    lua_newtable(L);
    int n = 0;
    for (int i = 0; i < h->count; i++) {
        const history_play *p = &h->plays[i];
        long d;
        if (strcmp(p->file, file) != 0 || parse_date(p->date, &d) < 0 || d > today || today - d >= days)
            continue;
        lua_createtable(L, 0, 6);
        lua_pushstring(L, p->date);
        lua_setfield(L, -2, "date");
        lua_pushstring(L, p->title ? p->title : "");
        lua_setfield(L, -2, "title");
        lua_pushnumber(L, floor(p->seconds / 6.0 + 0.5) / 10.0); /* minutes, to a tenth */
        lua_setfield(L, -2, "minutes");
        lua_pushboolean(L, p->finished);
        lua_setfield(L, -2, "finished");
        if (p->pain_before >= 0) {
            lua_pushinteger(L, p->pain_before);
            lua_setfield(L, -2, "pain_before");
        }
        if (p->pain_after >= 0) {
            lua_pushinteger(L, p->pain_after);
            lua_setfield(L, -2, "pain_after");
        }
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* history.day(n): n days ago (0 today): its date, minutes practised, sessions and finished. */
static int history_day(lua_State *L)
{
    loader *ld = loader_of(L);
    lua_Integer ago = luaL_optinteger(L, 1, 0);
    luaL_argcheck(L, ago >= 0 && ago <= 36500, 1, "n must be a whole number of days ago, from 0 (today)");
    const plan_history *h = ld->opts->history;
    char date[11];
    plan_days_before(h->today, (int)ago, date);
    double seconds = 0;
    int sessions = 0, finished = 0;
    for (int i = 0; i < h->count; i++)
        if (strcmp(h->plays[i].date, date) == 0) {
            seconds += h->plays[i].seconds;
            sessions++;
            finished += h->plays[i].finished != 0;
        }
    lua_createtable(L, 0, 4);
    lua_pushstring(L, date);
    lua_setfield(L, -2, "date");
    lua_pushnumber(L, floor(seconds / 6.0 + 0.5) / 10.0);
    lua_setfield(L, -2, "minutes");
    lua_pushinteger(L, sessions);
    lua_setfield(L, -2, "sessions");
    lua_pushinteger(L, finished);
    lua_setfield(L, -2, "finished");
    return 1;
}

static void push_history(loader *ld)
{
    lua_State *L = ld->L;
    lua_newtable(L);
    lua_pushstring(L, ld->opts->history->today);
    lua_setfield(L, -2, "today");
    lua_pushinteger(L, plan_weekday(ld->opts->history->today));
    lua_setfield(L, -2, "weekday");
    lua_pushcfunction(L, history_plays);
    lua_setfield(L, -2, "plays");
    lua_pushcfunction(L, history_day);
    lua_setfield(L, -2, "day");
    make_proxy(L, "pacer.history", "history is read-only: a plan reads the journal, it cannot change it", NULL);
}

/* ---- play and program ---- */
static void check_text_arg(lua_State *L, const char *what, const char *s, size_t len, size_t max)
{
    unsigned cp;
    if (utf8_invalid_at(s, len))
        luaL_error(L, "%s is not valid UTF-8 text", what);
    if (text_control_at(s, len, 0, &cp) >= 0)
        luaL_error(L, "%s contains a control character (U+%04X)", what, cp);
    if (len > max)
        luaL_error(L, "%s is %d bytes long; at most %d are allowed", what, (int)len, (int)max);
}

static void check_file_arg(lua_State *L, const char *file)
{
    const char *why = include_bad_path(file);
    if (why)
        luaL_error(L, "play: '%s' %s", file, why);
    size_t n = strlen(file);
    if (n < 5 || strcmp(file + n - 4, ".lua") != 0)
        luaL_error(L, "play: '%s' must name a session file (.lua)", file);
}

/* The line of the Lua code that called the running C function. */
static int caller_line(lua_State *L)
{
    lua_Debug ar;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
        return ar.currentline;
    return 0;
}

static const char *caller_source(lua_State *L)
{
    lua_Debug ar;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "S", &ar) && ar.source[0] == '@')
        return ar.source + 1;
    return loader_of(L)->main_file;
}

/* play "file.lua" or play { "file.lua", NAME = VALUE..., why = "..." } */
static int l_play(lua_State *L)
{
    lua_newtable(L); /* data: file, why, params, line, src */
    int data = lua_gettop(L);
    lua_newtable(L);
    int params = lua_gettop(L);
    if (lua_type(L, 1) == LUA_TSTRING) {
        lua_pushvalue(L, 1);
    } else if (lua_type(L, 1) == LUA_TTABLE) {
        if (lua_rawgeti(L, 1, 1) != LUA_TSTRING)
            return luaL_error(L, "play: the first item must be the session file, e.g. play { \"walking.lua\", "
                                 "minutes = 12 }");
        int nparams = 0;
        lua_pushnil(L);
        while (lua_next(L, 1)) {
            if (lua_type(L, -2) == LUA_TNUMBER && lua_tointeger(L, -2) == 1) {
                lua_pop(L, 1);
                continue;
            }
            if (lua_type(L, -2) != LUA_TSTRING)
                return luaL_error(L, "play: only the file comes without a name; give the others as NAME = VALUE");
            const char *key = lua_tostring(L, -2);
            size_t vlen;
            if (strcmp(key, "why") == 0) {
                if (lua_type(L, -1) != LUA_TSTRING)
                    return luaL_error(L, "play: 'why' must be a short text for the patient, got %s",
                                      luaL_typename(L, -1));
                const char *w = lua_tolstring(L, -1, &vlen);
                check_text_arg(L, "play: 'why'", w, vlen, WHY_MAX);
                lua_pushvalue(L, -1);
                lua_setfield(L, data, "why");
                lua_pop(L, 1);
                continue;
            }
            size_t klen = strlen(key);
            int ok = klen > 0 && klen <= SCRIPT_PARAM_NAME_MAX;
            for (size_t i = 0; ok && i < klen; i++)
                ok = key[i] == '_' || (key[i] >= 'a' && key[i] <= 'z') || (key[i] >= 'A' && key[i] <= 'Z') ||
                     (i > 0 && key[i] >= '0' && key[i] <= '9');
            if (!ok)
                return luaL_error(L, "play: a parameter name is letters, digits and _ (at most %d)",
                                  SCRIPT_PARAM_NAME_MAX);
            int t = lua_type(L, -1);
            if (t == LUA_TNUMBER) {
                double v = lua_tonumber(L, -1);
                if (!isfinite(v) || fabs(v) > 1e15)
                    return luaL_error(L, "play: parameter '%s' must be a finite number", key);
            } else if (t == LUA_TSTRING) {
                const char *s = lua_tolstring(L, -1, &vlen);
                char what[80];
                snprintf(what, sizeof what, "play: parameter '%s'", key);
                check_text_arg(L, what, s, vlen, SCRIPT_PARAM_TEXT_MAX);
            } else if (t != LUA_TBOOLEAN) {
                return luaL_error(L, "play: parameter '%s' must be a number, a text or true/false, got %s", key,
                                  luaL_typename(L, -1));
            }
            if (++nparams > SCRIPT_MAX_PARAMS)
                return luaL_error(L, "play: at most %d parameters", SCRIPT_MAX_PARAMS);
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, params); /* key stays for lua_next */
        }
    } else {
        return luaL_error(L, "play: name a session file, e.g. play \"walking.lua\" or play { \"walking.lua\", "
                             "minutes = 12 }");
    }
    check_file_arg(L, lua_tostring(L, -1));
    lua_setfield(L, data, "file");
    lua_pushvalue(L, params);
    lua_setfield(L, data, "params");
    lua_pop(L, 1); /* params */
    lua_pushinteger(L, caller_line(L));
    lua_setfield(L, data, "line");
    lua_pushstring(L, caller_source(L));
    lua_setfield(L, data, "src");
    make_proxy(L, PLAY_NAME, "a play { } is read-only", NULL);
    return 1;
}

/* program { title = ..., summary = ..., plan = function(history) ... end } */
static int l_program(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_newtable(L);
    int data = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        if (!key || (strcmp(key, "title") != 0 && strcmp(key, "summary") != 0 && strcmp(key, "plan") != 0))
            return luaL_error(L, "program: unknown field%s%s%s; a program has title, summary and plan",
                              key ? " '" : "", key ? key : "", key ? "'" : "");
        if (strcmp(key, "plan") == 0) {
            if (lua_type(L, -1) != LUA_TFUNCTION)
                return luaL_error(L, "program: 'plan' must be a function(history) returning today's list of "
                                     "play { }, got %s",
                                  luaL_typename(L, -1));
        } else {
            if (lua_type(L, -1) != LUA_TSTRING)
                return luaL_error(L, "program: '%s' must be text, got %s", key, luaL_typename(L, -1));
            size_t len;
            const char *s = lua_tolstring(L, -1, &len);
            char what[32];
            snprintf(what, sizeof what, "program: '%s'", key);
            check_text_arg(L, what, s, len, TITLE_MAX);
        }
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, data);
    }
    if (lua_getfield(L, data, "title") != LUA_TSTRING || lua_rawlen(L, -1) == 0)
        return luaL_error(L, "program: 'title' is required");
    if (lua_getfield(L, data, "plan") != LUA_TFUNCTION)
        return luaL_error(L, "program: 'plan' is required: a function(history) returning today's list of play { }");
    lua_pop(L, 2);
    lua_pushinteger(L, caller_line(L));
    lua_setfield(L, data, "line");
    make_proxy(L, PROGRAM_NAME, "a program { } is read-only", NULL);
    return 1;
}

void program_register(loader *ld)
{
    lua_State *L = ld->L;
    lua_rawgeti(L, LUA_REGISTRYINDEX, ld->env_ref);
    lua_pushcfunction(L, l_program);
    lua_setfield(L, -2, "program");
    lua_pushcfunction(L, l_play);
    lua_setfield(L, -2, "play");
    lua_pop(L, 1);
}

int program_is_result(loader *ld, int nresults)
{
    if (nresults < 1 || !proxy_data(ld->L, -nresults, PROGRAM_NAME))
        return 0;
    lua_pop(ld->L, 1);
    return 1;
}

static const char *field_str(lua_State *L, int t, const char *key, arena *a)
{
    const char *s = NULL;
    if (lua_getfield(L, t, key) == LUA_TSTRING)
        s = arena_strdup(a, lua_tostring(L, -1));
    lua_pop(L, 1);
    return s;
}

static int field_int(lua_State *L, int t, const char *key)
{
    int v = (int)lua_tointeger(L, (lua_getfield(L, t, key), -1));
    lua_pop(L, 1);
    return v;
}

/* One play item at idx into it; 0, or -1 when memory ran out. */
static int take_item(lua_State *L, int data, plan_item *it, arena *a)
{
    it->file = field_str(L, data, "file", a);
    it->why = field_str(L, data, "why", a);
    it->src = field_str(L, data, "src", a);
    it->line = field_int(L, data, "line");
    it->col = 1;
    lua_getfield(L, data, "params");
    int params = lua_gettop(L);
    /* in name order: the same item gives the same list every time */
    const char *names[SCRIPT_MAX_PARAMS];
    int n = 0;
    lua_pushnil(L);
    while (lua_next(L, params) && n < SCRIPT_MAX_PARAMS) {
        names[n++] = lua_tostring(L, -2); /* keys stay alive in the table */
        lua_pop(L, 1);
    }
    sandbox_sort_names(names, n);
    it->params = n ? arena_alloc(a, (size_t)n * sizeof *it->params) : NULL;
    if (n && !it->params)
        return -1;
    for (int i = 0; i < n; i++) {
        script_param *p = &it->params[i];
        p->name = arena_strdup(a, names[i]);
        lua_getfield(L, params, names[i]);
        switch (lua_type(L, -1)) {
        case LUA_TBOOLEAN: p->type = SCRIPT_PARAM_BOOLEAN, p->boolean = lua_toboolean(L, -1); break;
        case LUA_TNUMBER: p->type = SCRIPT_PARAM_NUMBER, p->num = lua_tonumber(L, -1); break;
        default: p->type = SCRIPT_PARAM_STRING, p->str = arena_strdup(a, lua_tostring(L, -1)); break;
        }
        lua_pop(L, 1);
    }
    it->nparams = n;
    lua_pop(L, 1);
    return it->file && it->src ? 0 : -1;
}

/* Raises an error placed at line of the plan function (the message handler is not involved:
 * the caller reports it directly). */
static void plan_error(loader *ld, int line, const char *fmt, const char *what)
{
    diags_add(ld->d, DIAG_ERROR, ld->main_file, line, 1, fmt, what);
}

int program_run_plan(loader *ld, int nresults)
{
    lua_State *L = ld->L;
    program_plan *p = ld->opts->plan;
    proxy_data(L, -nresults, PROGRAM_NAME);
    int prog = lua_gettop(L);
    p->file = arena_strdup(&p->mem, ld->main_file);
    p->title = field_str(L, prog, "title", &p->mem);
    p->summary = field_str(L, prog, "summary", &p->mem);
    p->line = field_int(L, prog, "line");
    lua_getfield(L, prog, "plan");
    lua_Debug ar;
    lua_pushvalue(L, -1);
    lua_getinfo(L, ">S", &ar);
    int plan_line = ar.linedefined > 0 ? ar.linedefined : p->line;
    push_history(ld);
    int nres = 0;
    int status = sandbox_call(ld, 1, &nres);
    if (status != LUA_OK)
        return status;
    int r = lua_absindex(L, -nres);
    if (nres < 1 || lua_type(L, r) != LUA_TTABLE || proxy_data(L, r, PLAY_NAME) || proxy_data(L, r, PROGRAM_NAME)) {
        if (nres >= 1 && lua_type(L, r) == LUA_TTABLE)
            lua_pop(L, 1);
        const char *got = nres < 1 ? "nothing" : lua_type(L, r) == LUA_TTABLE ? "one play { }" : luaL_typename(L, r);
        plan_error(ld, plan_line,
                   "plan must return a list of play { } ({ play \"a.lua\", play \"b.lua\" }, or {} for a day of "
                   "rest), got %s",
                   got);
        return LUA_OK;
    }
    lua_Unsigned n = lua_rawlen(L, r);
    /* a list and nothing else: every key 1..n */
    lua_Unsigned keys = 0;
    lua_pushnil(L);
    while (lua_next(L, r)) {
        keys++;
        lua_pop(L, 1);
    }
    if (keys != n) {
        plan_error(ld, plan_line, "plan must return a list of play { }, got a table with %s", "named keys");
        return LUA_OK;
    }
    if (n > MAX_PLAN_ITEMS) {
        char many[32];
        snprintf(many, sizeof many, "%d", (int)n);
        diags_add(ld->d, DIAG_ERROR, ld->main_file, plan_line, 1,
                  "plan returned %s sessions for one day; at most %d are allowed", many, MAX_PLAN_ITEMS);
        return LUA_OK;
    }
    p->items = n ? arena_alloc(&p->mem, (size_t)n * sizeof *p->items) : NULL;
    for (lua_Unsigned i = 1; i <= n; i++) {
        lua_rawgeti(L, r, (lua_Integer)i);
        if (!proxy_data(L, -1, PLAY_NAME)) {
            char what[96];
            snprintf(what, sizeof what, "item %d of the list is %s", (int)i, luaL_typename(L, -1));
            plan_error(ld, plan_line, "plan must return a list of play { }: %s", what);
            lua_pop(L, 1);
            return LUA_OK;
        }
        if (!p->items || take_item(L, lua_gettop(L), &p->items[p->count], &p->mem) < 0) {
            diags_add(ld->d, DIAG_ERROR, ld->main_file, plan_line, 1, "out of memory");
            return LUA_OK;
        }
        p->count++;
        lua_pop(L, 2);
    }
    return LUA_OK;
}

void program_plan_free(program_plan *p)
{
    arena_free(&p->mem);
    memset(p, 0, sizeof *p);
}
