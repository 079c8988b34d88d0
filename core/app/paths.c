/* paths.c - where sessions are found. */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The shipped sessions: $PACER_SESSIONS, the installed tree beside the program
 * (<prefix>/bin/pacer -> <prefix>/share/pacer/sessions), the configured data folder, or the
 * source tree. The user's: $XDG_DATA_HOME/pacer/sessions or ~/.local/share/pacer/sessions. */
void app_paths_resolve(const app_config *c, char *shipped, char *user, size_t n)
{
    const char *env = getenv("PACER_SESSIONS");
    char exe[PATH_MAX - 32], buf[PATH_MAX];
    if (c->shipped_dir)
        snprintf(shipped, n, "%s", c->shipped_dir);
    else if (env && *env)
        snprintf(shipped, n, "%s", env);
    else if (exe_dir(exe, sizeof exe) == 0 && (snprintf(buf, sizeof buf, "%s/../share/pacer/sessions", exe), is_dir(buf)))
        snprintf(shipped, n, "%s", buf);
    else if (is_dir(PACER_DATADIR "/sessions"))
        snprintf(shipped, n, "%s", PACER_DATADIR "/sessions");
    else
        snprintf(shipped, n, "%s", PACER_SOURCE_SESSIONS);

    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    if (c->user_dir)
        snprintf(user, n, "%s", c->user_dir);
    else if (xdg && *xdg)
        snprintf(user, n, "%s/pacer/sessions", xdg);
    else if (home && *home)
        snprintf(user, n, "%s/.local/share/pacer/sessions", home);
    else
        user[0] = 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int app_session_files(const char *dir, char ***out)
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

void app_free_paths(char **paths, int n)
{
    for (int i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
}
