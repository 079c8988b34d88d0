/* include.c - include "lib/helpers.lua": shared helpers for sessions, loaded into the same
 * sandbox. Paths are relative to the sessions tree (the folder of the session being loaded);
 * they may not be absolute, contain "..", or resolve (through links) outside the tree. Each
 * file runs once; including it again returns the same value, like require. */
#include <errno.h>
#include <lauxlib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox.h"

enum { MAX_INCLUDE_BYTES = 1 << 20 };

/* What is wrong with an include path, or NULL when it is fine. */
const char *include_bad_path(const char *p)
{
    if (!*p)
        return "is empty; name a file inside the sessions folder";
    if (p[0] == '/')
        return "is an absolute path; name a file inside the sessions folder, e.g. 'lib/helpers.lua'";
    if (strchr(p, '\\'))
        return "contains a backslash; separate folders with '/', e.g. 'lib/helpers.lua'";
    for (const char *s = p; *s;) {
        const char *slash = strchr(s, '/');
        size_t len = slash ? (size_t)(slash - s) : strlen(s);
        if (len == 2 && s[0] == '.' && s[1] == '.')
            return "may not leave the sessions folder ('..' in the path)";
        s = slash ? slash + 1 : s + len;
    }
    return NULL;
}

static char *read_small(const char *path, size_t *len, const char **why)
{
    char *buf;
    int rc = file_read_regular(path, MAX_INCLUDE_BYTES, &buf, len, why);
    if (rc == 1)
        *why = "larger than 1 MB";
    return rc == 0 ? buf : NULL;
}

static int l_include(lua_State *L)
{
    loader *ld = loader_of(L);
    const char *rel = luaL_checkstring(L, 1);
    const char *why = include_bad_path(rel);
    if (why)
        return luaL_error(L, "include: '%s' %s", rel, why);
    size_t rl = strlen(rel);
    if (rl < 5 || strcmp(rel + rl - 4, ".lua") != 0)
        return luaL_error(L, "include: '%s' must name a .lua file", rel);
    /* already included (or being included: a cycle) */
    lua_rawgeti(L, LUA_REGISTRYINDEX, ld->include_ref);
    lua_getfield(L, -1, rel);
    if (lua_type(L, -1) == LUA_TLIGHTUSERDATA)
        return luaL_error(L, "include: '%s' includes itself (through the files it includes)", rel);
    if (!lua_isnil(L, -1))
        return 1;
    lua_pop(L, 1); /* includes */

    char path[PATH_MAX], real[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", ld->root, rel);
    int where = path_inside(ld->root, path, real, sizeof real);
    if (where < 0 && errno == ENOENT && ld->fallback_root) {
        /* not beside the session: the shipped helpers (a shipped session copied elsewhere) */
        snprintf(path, sizeof path, "%s/%s", ld->fallback_root, rel);
        where = path_inside(ld->fallback_root, path, real, sizeof real);
        if (where < 0)
            errno = ENOENT;
    }
    if (where < 0)
        return luaL_error(L, "include: cannot read '%s': %s", rel, strerror(errno));
    if (where > 0)
        return luaL_error(L, "include: '%s' leads outside the sessions folder", rel);
    if (ld->nsources >= MAX_SOURCES)
        return luaL_error(L, "include: too many files (at most %d)", MAX_SOURCES - 1);
    size_t len;
    why = "";
    char *text = read_small(real, &len, &why);
    if (!text)
        return luaL_error(L, "include: cannot read '%s': %s", rel, why);
    /* The file's name as diagnostics print it: beside the session's own path. */
    strbuf name;
    sb_init(&name);
    const char *slash = strrchr(ld->main_file, '/');
    if (slash)
        sb_add(&name, ld->main_file, (size_t)(slash - ld->main_file + 1));
    sb_puts(&name, rel);
    char *shown = name.data ? arena_strdup(&ld->m->mem, name.data) : NULL;
    char *kept = arena_strndup(&ld->m->mem, text, len);
    free(text);
    sb_free(&name);
    if (!shown || !kept)
        return sandbox_oom(L);
    ld->sources[ld->nsources++] = (source_text){shown, kept, len};
    const char *kept_name = arena_strdup(&ld->m->mem, rel), *kept_path = arena_strdup(&ld->m->mem, real);
    if (!kept_name || !kept_path)
        return sandbox_oom(L);
    ld->inc_names[ld->nincs] = kept_name;
    ld->inc_paths[ld->nincs++] = kept_path;

    lua_pushlightuserdata(L, (void *)ld); /* marks "being included" */
    lua_setfield(L, -2, rel);
    strbuf chunk;
    sb_init(&chunk);
    sb_printf(&chunk, "@%s", shown);
    int st = luaL_loadbufferx(L, kept, len, chunk.data ? chunk.data : "@include", "t");
    sb_free(&chunk);
    if (st != LUA_OK)
        return lua_error(L); /* the syntax error, with the included file's name and line */
    lua_rawgeti(L, LUA_REGISTRYINDEX, ld->env_ref);
    lua_setupvalue(L, -2, 1);
    lua_call(L, 0, 1); /* errors propagate with their own position */
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, rel); /* includes[rel] = value */
    return 1;
}

void include_register(loader *ld)
{
    lua_State *L = ld->L;
    lua_newtable(L);
    ld->include_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_rawgeti(L, LUA_REGISTRYINDEX, ld->env_ref);
    lua_pushcfunction(L, l_include);
    lua_setfield(L, -2, "include");
    lua_pop(L, 1);
}

void include_free(loader *ld)
{
    free(ld->root);
    free(ld->fallback_root);
    ld->root = ld->fallback_root = NULL;
}
