/* window_host.c - what the window needs from the application core: loading sessions and
 * listing them for the menu. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "journal.h"
#include "window.h"

typedef struct host {
    pacer_app *app;
    const char *only; /* the kiosk's folder; NULL: the shipped and the user's sessions */
    char problems[1024];
} host;

static int host_load(void *ud, const char *path, ui_session *s, char *err, size_t n)
{
    host *h = ud;
    loaded_session *ls = calloc(1, sizeof *ls);
    if (!ls) {
        snprintf(err, n, "out of memory");
        return -1;
    }
    diag_list d;
    diags_init(&d);
    int rc = app_load(h->app, path, ls, &d);
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
        app_unload(ls);
        free(ls);
    }
    memset(s, 0, sizeof *s);
}

/* Files that did not load, one line each for the staff screen: name:line: message. */
static void note_problems(host *h, const diag_list *d)
{
    for (int i = 0; i < d->count; i++) {
        size_t used = strlen(h->problems);
        const char *file = d->items[i].file, *base = strrchr(file, '/');
        if (used < sizeof h->problems - 1)
            snprintf(h->problems + used, sizeof h->problems - used, "%s%s:%d: %s", used ? "\n" : "",
                     base ? base + 1 : file, d->items[i].line, d->items[i].message);
    }
}

static const char *host_problems(void *ud)
{
    host *h = ud;
    return h->problems;
}

static void add_dir(host *h, const char *dir, menu_item **items, int *n, int *cap)
{
    app_entry *e;
    diag_list problems;
    diags_init(&problems);
    int k = app_list_dir(h->app, dir, 0, &e, &problems);
    note_problems(h, &problems);
    diags_free(&problems);
    for (int i = 0; i < k; i++) {
        if (grow_array((void **)items, cap, *n, sizeof **items) < 0)
            break;
        char len[32];
        /* to the minute: the exact length needs the voice, which is made when it opens */
        int minutes = (int)((e[i].frames + 30 * PACER_RATE) / (60 * PACER_RATE));
        snprintf(len, sizeof len, "%d min", minutes > 0 ? minutes : 1);
        menu_item *it = &(*items)[(*n)++];
        it->title = e[i].title;
        it->summary = e[i].summary;
        it->path = e[i].path;
        it->length = strdup(len);
        e[i].title = e[i].summary = e[i].path = NULL; /* the menu's now */
    }
    app_free_entries(e, k > 0 ? k : 0);
}

static int host_list(void *ud, menu_item **items)
{
    host *h = ud;
    int n = 0, cap = 0;
    *items = NULL;
    h->problems[0] = 0;
    if (h->only) {
        add_dir(h, h->only, items, &n, &cap);
        return n;
    }
    add_dir(h, app_shipped_dir(h->app), items, &n, &cap);
    if (app_user_dir(h->app))
        add_dir(h, app_user_dir(h->app), items, &n, &cap);
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

int cli_window(pacer_app *a, const char *kiosk_folder, const char *path, const window_opts *o)
{
    host h = {.app = a, .only = kiosk_folder};
    window_host wh = {&h, host_load, host_unload, host_list, host_free_list, host_problems};
    /* the journal's screens where a play is recorded: never in the kiosk */
    if (o->run.on_event == journal_on_event && !kiosk_folder)
        cli_window_journal(&wh, o->run.ud);
    return window_run(&wh, path, o);
}
