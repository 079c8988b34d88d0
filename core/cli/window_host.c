/* window_host.c - what the window needs from the program: loading sessions and listing them. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "window.h"

static int host_load(void *ud, const char *path, ui_session *s, char *err, size_t n)
{
    (void)ud;
    loaded_session *ls = calloc(1, sizeof *ls);
    if (!ls) {
        snprintf(err, n, "out of memory");
        return -1;
    }
    diag_list d;
    diags_init(&d);
    int rc = cli_load(path, ls, &d);
    diags_print(&d, stderr);
    if (rc < 0) {
        /* the first error, for the screen */
        const char *msg = "This session could not be opened.";
        for (int i = 0; i < d.count; i++)
            if (d.items[i].severity == DIAG_ERROR) {
                msg = d.items[i].message;
                break;
            }
        snprintf(err, n, "This session could not be opened: %s", msg);
        diags_free(&d);
        free(ls);
        return -1;
    }
    diags_free(&d);
    s->t = &ls->t;
    s->clips = ls->cues.event_clips;
    s->ambience = ls->cues.ambience;
    s->handle = ls;
    return 0;
}

static void host_unload(void *ud, ui_session *s)
{
    (void)ud;
    loaded_session *ls = s->handle;
    if (ls) {
        cli_unload(ls);
        free(ls);
    }
    memset(s, 0, sizeof *s);
}

static int add_dir(const char *dir, menu_item **items, int *n, int *cap)
{
    char **files;
    int k = list_session_files(dir, &files);
    for (int i = 0; i < k; i++) {
        diag_list d;
        diags_init(&d);
        loaded_session s;
        if (cli_load(files[i], &s, &d) == 0) {
            if (*n == *cap) {
                *cap = *cap ? *cap * 2 : 16;
                menu_item *p = realloc(*items, (size_t)*cap * sizeof *p);
                if (!p) {
                    cli_unload(&s);
                    diags_free(&d);
                    break;
                }
                *items = p;
            }
            char len[32];
            menu_item *it = &(*items)[(*n)++];
            it->title = strdup(s.t.title ? s.t.title : "");
            it->summary = strdup(s.t.summary ? s.t.summary : "");
            it->length = strdup(format_time(s.t.frames, 0, len, sizeof len));
            it->path = files[i];
            files[i] = NULL;
            cli_unload(&s);
        }
        diags_free(&d);
    }
    free_paths(files, k > 0 ? k : 0);
    return k;
}

static int host_list(void *ud, menu_item **items)
{
    (void)ud;
    int n = 0, cap = 0;
    *items = NULL;
    add_dir(shipped_sessions_dir(), items, &n, &cap);
    const char *user = user_sessions_dir();
    if (user)
        add_dir(user, items, &n, &cap);
    return n;
}

static void host_free_list(void *ud, menu_item *items, int n)
{
    (void)ud;
    for (int i = 0; i < n; i++) {
        free((char *)items[i].title);
        free((char *)items[i].summary);
        free((char *)items[i].length);
        free((char *)items[i].path);
    }
    free(items);
}

int cli_window(const char *path, const struct window_opts *o)
{
    window_host h = {NULL, host_load, host_unload, host_list, host_free_list};
    return window_run(&h, path, o);
}
