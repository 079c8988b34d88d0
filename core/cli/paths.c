/* paths.c - where sessions are found. */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *shipped_sessions_dir(void)
{
    static char buf[PATH_MAX];
    const char *env = getenv("PACER_SESSIONS");
    if (env && *env)
        return env;
    /* Installed: <prefix>/bin/pacer -> <prefix>/share/pacer/sessions */
    char exe[PATH_MAX - 32];
    if (exe_dir(exe, sizeof exe) == 0) {
        snprintf(buf, sizeof buf, "%s/../share/pacer/sessions", exe);
        if (is_dir(buf))
            return buf;
    }
    if (is_dir(PACER_DATADIR "/sessions"))
        return PACER_DATADIR "/sessions";
    return PACER_SOURCE_SESSIONS;
}

const char *user_sessions_dir(void)
{
    static char buf[PATH_MAX];
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (xdg && *xdg)
        snprintf(buf, sizeof buf, "%s/pacer/sessions", xdg);
    else if (home && *home)
        snprintf(buf, sizeof buf, "%s/.local/share/pacer/sessions", home);
    else
        return NULL;
    return buf;
}

const char *default_session_path(void)
{
    static char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s/diaphragmatic_breathing.lua", shipped_sessions_dir());
    return buf;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int list_session_files(const char *dir, char ***out)
{
    *out = NULL;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0, cap = 0;
    char **v = NULL;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || e->d_name[0] == '.' || strcmp(e->d_name + len - 4, ".lua") != 0)
            continue;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **p = realloc(v, (size_t)cap * sizeof *p);
            if (!p)
                break;
            v = p;
        }
        v[n] = strdup(path);
        if (v[n])
            n++;
    }
    closedir(d);
    if (n > 1)
        qsort(v, (size_t)n, sizeof *v, cmp_str);
    *out = v;
    return n;
}

void free_paths(char **paths, int n)
{
    for (int i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
}
