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

static char g_problems[1024];

static void note_problem(const char *file, const diag_list *d)
{
    for (int i = 0; i < d->count; i++) {
        if (d->items[i].severity != DIAG_ERROR)
            continue;
        size_t used = strlen(g_problems);
        const char *base = strrchr(file, '/');
        if (used < sizeof g_problems - 1)
            snprintf(g_problems + used, sizeof g_problems - used, "%s%s:%d: %s", used ? "\n" : "",
                     base ? base + 1 : file, d->items[i].line, d->items[i].message);
        return;
    }
}

static const char *host_problems(void *ud)
{
    (void)ud;
    return g_problems;
}

static int add_dir(const char *dir, menu_item **items, int *n, int *cap)
{
    char **files;
    int k = list_session_files(dir, &files);
    for (int i = 0; i < k; i++) {
        diag_list d;
        diags_init(&d);
        loaded_session s;
        if (cli_load_outline(files[i], &s, &d) == 0) {
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
            /* to the minute: the exact length needs the voice, which is made when it opens */
            int minutes = (int)((s.t.frames + 30 * PACER_RATE) / (60 * PACER_RATE));
            snprintf(len, sizeof len, "%d min", minutes > 0 ? minutes : 1);
            menu_item *it = &(*items)[(*n)++];
            it->title = strdup(s.t.title ? s.t.title : "");
            it->summary = strdup(s.t.summary ? s.t.summary : "");
            it->length = strdup(len);
            it->path = files[i];
            files[i] = NULL;
            cli_unload(&s);
        } else {
            note_problem(files[i], &d);
        }
        diags_free(&d);
    }
    free_paths(files, k > 0 ? k : 0);
    return k;
}

static int host_list(void *ud, menu_item **items)
{
    const char *only = ud; /* kiosk: its configured folder only */
    int n = 0, cap = 0;
    *items = NULL;
    g_problems[0] = 0;
    if (only) {
        add_dir(only, items, &n, &cap);
        return n;
    }
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

static int64_t host_resume_at(void *ud, const char *path, const timeline *t)
{
    (void)ud;
    int64_t at = resume_get(path);
    return at >= 0 ? resume_point(t, at) : -1;
}

static void host_stopped_at(void *ud, const char *path, int64_t frame)
{
    (void)ud;
    if (frame < 0)
        resume_clear(path);
    else
        resume_put(path, frame);
}

int cli_window(const char *path, const struct window_opts *o)
{
    window_host h = {(void *)(o->kiosk.on ? o->kiosk.sessions_dir : NULL), host_load, host_unload, host_list,
                     host_free_list, host_problems, host_resume_at, host_stopped_at};
    return window_run(&h, path, o);
}
