/* window_host.c - what the window needs from the application core: loading sessions and
 * listing them for the menu. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "journal.h"
#include "window.h"

/* The Today card's path in the menu: not a file. */
static const char TODAY_PATH[] = "pacer:today";

typedef struct host {
    pacer_app *app;
    const char *only; /* the kiosk's folder; NULL: the shipped and the user's sessions */
    char problems[1024];
    char today_path[4096]; /* the session the Today card plays next */
} host;

/* Today's plan of the active program: 1 with t filled, 0 when no program is set, -1 with
 * the first problem in why (the program's file:line: message). */
static int today_plan(host *h, app_today *t, char *why, size_t n)
{
    char program[4096], date[11];
    if (h->only || cli_active_program(program, sizeof program) < 0)
        return 0;
    journal_today(date);
    diag_list d;
    diags_init(&d);
    int rc = cli_today_plan(h->app, program, date, t, &d);
    diags_print(&d, stderr);
    if (rc < 0) {
        const char *file = program, *msg = "it could not be planned";
        int line = 0;
        for (int i = 0; i < d.count; i++)
            if (d.items[i].severity == DIAG_ERROR) {
                file = d.items[i].file, msg = d.items[i].message, line = d.items[i].line;
                break;
            }
        const char *base = strrchr(file, '/');
        snprintf(why, n, "%.200s:%d: %.300s", base ? base + 1 : file, line, msg);
    }
    diags_free(&d);
    return rc < 0 ? -1 : 1;
}

/* The Today card: the next session of the plan with its params. */
static int load_today(host *h, ui_session *s, loaded_session *ls, char *err, size_t n)
{
    app_today t;
    char why[600];
    int got = today_plan(h, &t, why, sizeof why);
    if (got <= 0) {
        (void)why; /* the card says it; the notice stays short */
        snprintf(err, n, "%s",
                 got < 0 ? _("Your program could not make today's plan; the sessions below work as always.")
                         : _("No program is set."));
        return -1;
    }
    int next = -1;
    for (int i = 0; i < t.plan.count && next < 0; i++)
        if (!t.items[i].done)
            next = i;
    if (next < 0) {
        snprintf(err, n, "%s", t.plan.count ? _("Everything for today is done. Well done.") : _("A day of rest today."));
        app_today_free(&t);
        return -1;
    }
    int nsaved;
    const script_param *saved = app_params(h->app, &nsaved);
    app_set_params(h->app, t.plan.items[next].params, t.plan.items[next].nparams);
    diag_list d;
    diags_init(&d);
    int rc = app_load(h->app, t.items[next].path, ls, &d);
    app_set_params(h->app, saved, nsaved);
    diags_print(&d, stderr);
    diags_free(&d);
    snprintf(h->today_path, sizeof h->today_path, "%s", t.items[next].path);
    app_today_free(&t);
    if (rc < 0) {
        snprintf(err, n, "%s", _("This session could not be opened."));
        return -1;
    }
    s->record_path = h->today_path;
    return 0;
}

/* A loaded session handed to the window (it frees it with host_unload). */
static void attach(ui_session *s, loaded_session *ls)
{
    s->t = &ls->t;
    s->clips = ls->cues.event_clips;
    s->ambience = ls->cues.ambience;
    s->handle = ls;
}

static int host_load(void *ud, const char *path, ui_session *s, char *err, size_t n)
{
    host *h = ud;
    if (strcmp(path, TODAY_PATH) == 0) {
        loaded_session *ls = calloc(1, sizeof *ls);
        if (!ls || load_today(h, s, ls, err, n) < 0) {
            if (!ls)
                snprintf(err, n, "%s", _("out of memory"));
            free(ls);
            return -1;
        }
        attach(s, ls);
        return 0;
    }
    loaded_session *ls = calloc(1, sizeof *ls);
    if (!ls) {
        snprintf(err, n, "%s", _("out of memory"));
        return -1;
    }
    diag_list d;
    diags_init(&d);
    int rc = app_load(h->app, path, ls, &d);
    diags_print(&d, stderr);
    if (rc < 0) {
        /* the first error, for the screen */
        const char *msg = NULL;
        for (int i = 0; i < d.count && !msg; i++)
            if (d.items[i].severity == DIAG_ERROR)
                msg = d.items[i].message;
        if (msg) /* TRANSLATORS: the reason after the colon is the script's own error, in English */
            snprintf(err, n, _("This session could not be opened: %s"), msg);
        else
            snprintf(err, n, "%s", _("This session could not be opened."));
        diags_free(&d);
        free(ls);
        return -1;
    }
    diags_free(&d);
    attach(s, ls);
    return 0;
}

/* The menu by ear: the words as a session of one spoken cue (given as a param, so no text
 * is ever read as Lua), made by the same speech service, voice, rate and cache as every
 * session's cues. */
static int host_load_words(void *ud, const char *words, ui_session *s, char *err, size_t n)
{
    host *h = ud;
    char text[SCRIPT_PARAM_TEXT_MAX];
    size_t len = strlen(words);
    if (len >= sizeof text)
        for (len = sizeof text - 1; len > 0 && ((unsigned char)words[len] & 0xC0) == 0x80; len--)
            ; /* never cut a character */
    memcpy(text, words, len);
    text[len] = 0;
    /* said in the language the menu is shown in (a voice for it, its words) */
    char lang[16];
    snprintf(lang, sizeof lang, "%s", i18n_user_language());
    script_param p[2] = {{.name = "words", .type = SCRIPT_PARAM_STRING, .str = text},
                         {.name = "lang", .type = SCRIPT_PARAM_STRING, .str = lang}};
    int nsaved;
    const script_param *saved = app_params(h->app, &nsaved);
    app_set_params(h->app, p, 2);
    loaded_session *ls = calloc(1, sizeof *ls);
    diag_list d;
    diags_init(&d);
    int rc = ls ? app_load_text(h->app, "menu", app_shipped_dir(h->app),
                                "return session { title = \"Menu\", language = params.lang, say(params.words) }\n", ls, &d)
                : -1;
    app_set_params(h->app, saved, nsaved);
    diags_free(&d);
    if (rc < 0) {
        snprintf(err, n, "%s", _("the menu's words could not be made into speech"));
        free(ls);
        return -1;
    }
    attach(s, ls);
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
        /* to the minute: the exact length needs the voice, which is made when it opens */
        int minutes = (int)((e[i].frames + 30 * PACER_RATE) / (60 * PACER_RATE));
        menu_item *it = &(*items)[(*n)++];
        it->title = e[i].title;
        it->summary = e[i].summary;
        it->path = e[i].path;
        it->minutes = minutes > 0 ? minutes : 1;
        e[i].title = e[i].summary = e[i].path = NULL; /* the menu's now */
    }
    app_free_entries(e, k > 0 ? k : 0);
}

/* The Today card, first in the menu when a program is set: what is left to do today. */
static void add_today(host *h, menu_item **items, int *n, int *cap)
{
    app_today t;
    char why[600], summary[1024] = "";
    int minutes = 0;
    int got = today_plan(h, &t, why, sizeof why);
    if (got == 0 || grow_array((void **)items, cap, *n, sizeof **items) < 0) {
        if (got > 0)
            app_today_free(&t);
        return;
    }
    if (got < 0) {
        snprintf(summary, sizeof summary, _("Your program has a problem (%s). The sessions below work as always."), why);
    } else {
        double left = 0;
        int nleft = 0;
        for (int i = 0; i < t.plan.count; i++) {
            if (t.items[i].done)
                continue;
            size_t used = strlen(summary);
            /* TRANSLATORS: the Today card lists what is left: "Left: Belly breathing; Hip flexor stretch" */
            snprintf(summary + used, sizeof summary - used, "%s%s", nleft ? "; " : _("Left: "), t.items[i].title);
            left += (double)t.items[i].frames / (60.0 * PACER_RATE);
            nleft++;
        }
        if (!t.plan.count)
            snprintf(summary, sizeof summary, "%s", _("A day of rest."));
        else if (!nleft)
            snprintf(summary, sizeof summary, "%s", _("Everything for today is done. Well done."));
        if (nleft)
            minutes = (int)(left + 0.5) > 0 ? (int)(left + 0.5) : 1;
        app_today_free(&t);
    }
    menu_item *it = &(*items)[(*n)++];
    it->title = strdup(_("Today"));
    it->summary = strdup(summary);
    it->minutes = minutes;
    it->path = strdup(TODAY_PATH);
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
    add_today(h, items, &n, &cap);
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
        free((char *)items[i].path);
    }
    free(items);
}

int cli_window(pacer_app *a, const char *kiosk_folder, const char *path, const window_opts *o)
{
    host h = {.app = a, .only = kiosk_folder};
    window_host wh = {&h, host_load, host_unload, host_list, host_free_list, host_problems, host_load_words};
    /* the journal's screens where a play is recorded: never in the kiosk */
    if (o->run.on_event == journal_on_event && !kiosk_folder)
        cli_window_journal(&wh, o->run.ud);
    return window_run(&wh, path, o);
}
