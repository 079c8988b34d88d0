/* app.c - the application core: registry, plugins, speech, and the load pipeline. */
#include "app.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compile.h"
#include "paths.h"
#include "script.h"
#include "speech.h"

struct pacer_app {
    app_config c;
    registry reg;
    plugin_set plugins;
    speech *sp; /* opened when the first session is prepared */
    char voice[64];
    const script_param *params;
    int nparams;
    char shipped[PATH_MAX], user[PATH_MAX], default_session[PATH_MAX + 64];
};


/* Plugin folders, in order: the build's, the installed program's, the install prefix's, and
 * (unless system plugins only) the user's; then extra files. Each file loads once. */
static void load_plugins(pacer_app *a)
{
    plugins_init(&a->plugins, &a->reg);
    if (a->c.no_plugins || getenv("PACER_NO_PLUGINS"))
        return;
    char exe[PATH_MAX - 64], dir[PATH_MAX];
    if (exe_dir(exe, sizeof exe) == 0) {
        snprintf(dir, sizeof dir, "%s/plugins", exe); /* beside the program: the build tree */
        plugins_load_dir(&a->plugins, dir);
        snprintf(dir, sizeof dir, "%s/../lib/pacer/plugins", exe);
        plugins_load_dir(&a->plugins, dir);
    }
    plugins_load_dir(&a->plugins, PACER_LIBDIR_PLUGINS);
    if (a->c.system_plugins_only)
        return;
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    if (xdg && *xdg)
        snprintf(dir, sizeof dir, "%s/pacer/plugins", xdg);
    else if (home && *home)
        snprintf(dir, sizeof dir, "%s/.local/share/pacer/plugins", home);
    else
        dir[0] = 0;
    if (dir[0])
        plugins_load_dir(&a->plugins, dir);
    for (int i = 0; i < a->c.nextra_plugins; i++)
        plugins_load(&a->plugins, a->c.extra_plugins[i]);
}

pacer_app *app_open(const app_config *c, char *err, size_t n)
{
    pacer_app *a = calloc(1, sizeof *a);
    if (!a) {
        snprintf(err, n, "out of memory");
        return NULL;
    }
    if (c)
        a->c = *c;
    registry_init(&a->reg);
    if (registry_add_builtins(&a->reg, err, n) < 0) {
        registry_free(&a->reg);
        free(a);
        return NULL;
    }
    load_plugins(a);
    app_set_voice(a, a->c.voice);
    app_paths_resolve(&a->c, a->shipped, a->user, sizeof a->shipped);
    snprintf(a->default_session, sizeof a->default_session, "%s/diaphragmatic_breathing.lua", a->shipped);
    return a;
}

void app_close(pacer_app *a)
{
    if (!a)
        return;
    plugins_free(&a->plugins);
    registry_free(&a->reg);
    if (a->sp)
        speech_close(a->sp);
    free(a);
}

const registry *app_registry(const pacer_app *a) { return &a->reg; }
const plugin_set *app_plugins(const pacer_app *a) { return &a->plugins; }

pacer_draw_fn app_find_draw(void *ud, const char *step_type)
{
    const pacer_app *a = ud;
    return a ? plugins_draw_for(&a->plugins, step_type) : NULL;
}

void app_set_voice(pacer_app *a, const char *voice) { snprintf(a->voice, sizeof a->voice, "%s", voice ? voice : ""); }

int app_voice_installed(const char *voice) { return speech_voice_installed(voice); }
void app_set_rate(pacer_app *a, int rate) { a->c.rate = rate; }

const char *app_shipped_dir(const pacer_app *a) { return a->shipped; }
const char *app_user_dir(const pacer_app *a) { return a->user[0] ? a->user : NULL; }
const char *app_default_session(const pacer_app *a) { return a->default_session; }

/* The rate override applies to every session; the voice override to English sessions only:
 * another language's text needs its own voice. */
static void apply_voice(const pacer_app *a, session_model *m)
{
    int rate = m->root ? step_field_index(m->root->type, "rate") : -1;
    if (a->c.rate > 0 && rate >= 0) {
        m->root->values[rate].num = a->c.rate;
        m->root->values[rate].given = 1;
    }
    if (!a->voice[0] || !m->root)
        return;
    int lang = step_field_index(m->root->type, "language"), voice = step_field_index(m->root->type, "voice");
    if (lang < 0 || voice < 0)
        return;
    const char *l = m->root->values[lang].str;
    if (l && strncmp(l, "en", 2) == 0)
        m->root->values[voice].str = a->voice;
}

void app_set_params(pacer_app *a, const script_param *p, int n)
{
    a->params = n > 0 ? p : NULL;
    a->nparams = n > 0 ? n : 0;
}

const script_param *app_params(const pacer_app *a, int *n)
{
    *n = a->nparams;
    return a->params;
}

static script_opts app_script_opts(const pacer_app *a)
{
    return (script_opts){.reg = &a->reg,
                         .mem_limit = a->c.mem_limit,
                         .time_limit = a->c.time_limit,
                         .params = a->params,
                         .nparams = a->nparams,
                         .include_fallback = a->shipped};
}

/* A session from path, or (text given) from memory. */
static int load_model_from(pacer_app *a, const char *path, const char *dir, const char *text, session_model *m,
                           diag_list *d)
{
    script_opts so = app_script_opts(a);
    if (text)
        return script_load_buffer(path, dir, text, strlen(text), &so, m, d);
    return script_load_file(path, &so, m, d);
}

int app_load_model(pacer_app *a, const char *path, session_model *m, diag_list *d)
{
    return load_model_from(a, path, NULL, NULL, m, d);
}

static void speech_progress(int done, void *ud)
{
    (void)ud;
    if (done % 5 == 0 && isatty(2)) {
        fprintf(stderr, "\rPreparing speech: %d cues", done);
        fflush(stderr);
    }
}

int app_load_outline(pacer_app *a, const char *path, loaded_session *s, diag_list *d)
{
    memset(s, 0, sizeof *s);
    session_model m;
    if (app_load_model(a, path, &m, d) < 0)
        return -1;
    cues_init(&s->cues, NULL, d, m.file);
    int rc = session_compile(&m, NULL, &s->t, d); /* speech lengths estimated */
    session_model_free(&m);
    return rc;
}

/* The two-pass compile: pass 1 lists the sounds m needs, the cue bank prepares them as one
 * batch, and pass 2 compiles m against their lengths. When pass 2 meets a sound the list does
 * not have (a length changed the expansion, or a recording is spoken instead), that is
 * prepared too and pass 2 runs again, at most a few times; only the last pass reports. */
static int compile_with_sounds(cue_bank *bank, const session_model *m, timeline *t, diag_list *d)
{
    cue_list cues;
    cue_list_init(&cues);
    compile_opts co = {.cues = &cues};
    int rc = session_cue_requests(m, &co) < 0 ? -1 : 0;
    for (int pass = 0; rc == 0; pass++) {
        if ((rc = cues_prepare(bank, &cues)) < 0)
            break;
        diag_list last;
        diags_init(&last);
        rc = session_compile(m, &co, t, &last);
        int again = cue_list_pending(&cues) > 0 && pass < 3;
        for (int i = 0; i < last.count && !again; i++)
            diags_add(d, last.items[i].severity, last.items[i].file, last.items[i].line, last.items[i].col, "%s",
                      last.items[i].message);
        diags_free(&last);
        if (!again)
            break;
        if (rc == 0)
            timeline_free(t);
        rc = 0;
    }
    if (rc < 0 && !d->errors)
        diags_add(d, DIAG_ERROR, m->file, 0, 0, "out of memory");
    cue_list_free(&cues);
    return rc;
}

static int load_prepared(pacer_app *a, const char *path, const char *dir, const char *text, loaded_session *s,
                         diag_list *d)
{
    memset(s, 0, sizeof *s);
    if (!a->sp && !a->c.no_speech && !getenv("PACER_NO_SPEECH"))
        a->sp = speech_open(&(speech_opts){0});
    session_model m;
    if (load_model_from(a, path, dir, text, &m, d) < 0)
        return -1;
    apply_voice(a, &m);
    cues_init(&s->cues, a->sp, d, m.file);
    s->cues.progress = speech_progress;
    int rc = compile_with_sounds(&s->cues, &m, &s->t, d);
    if (s->cues.spoken >= 5 && isatty(2))
        fprintf(stderr, "\r\033[K");
    session_model_free(&m);
    if (rc == 0 && cues_attach(&s->cues, &s->t) < 0) {
        diags_add(d, DIAG_ERROR, path, 0, 0, "out of memory");
        timeline_free(&s->t);
        rc = -1;
    }
    if (rc < 0)
        cues_free(&s->cues);
    return rc;
}

int app_load(pacer_app *a, const char *path, loaded_session *s, diag_list *d)
{
    return load_prepared(a, path, NULL, NULL, s, d);
}

int app_load_text(pacer_app *a, const char *name, const char *dir, const char *text, loaded_session *s,
                  diag_list *d)
{
    return load_prepared(a, name, dir, text, s, d);
}

void app_unload(loaded_session *s)
{
    timeline_free(&s->t);
    cues_free(&s->cues);
}

static int add_entry(app_entry **v, int *n, int *cap, const char *path, const timeline *t)
{
    if (grow_array((void **)v, cap, *n, sizeof **v) < 0)
        return -1;
    app_entry *e = &(*v)[*n];
    e->path = strdup(path);
    e->title = strdup(t->title ? t->title : "");
    e->summary = strdup(t->summary ? t->summary : "");
    e->frames = timeline_length(t); /* as it plays when nobody answers its questions */
    if (!e->path || !e->title || !e->summary) {
        free(e->path), free(e->title), free(e->summary);
        return -1;
    }
    (*n)++;
    return 0;
}

/* The first error of a file that did not load, for a listing's problems. */
static void note_problem(diag_list *problems, const diag_list *d)
{
    for (int k = 0; k < d->count; k++) {
        const diag *x = &d->items[k];
        if (x->severity == DIAG_ERROR) {
            diags_add(problems, DIAG_ERROR, x->file, x->line, x->col, "%s", x->message);
            return;
        }
    }
}

static int list_dir(pacer_app *a, const char *dir, int exact, app_entry **out, diag_list *problems)
{
    char **files;
    int k = app_session_files(dir, &files), n = 0, cap = 0;
    *out = NULL;
    if (k < 0)
        return -1;
    for (int i = 0; i < k; i++) {
        diag_list d;
        diags_init(&d);
        loaded_session s;
        int rc = exact ? app_load(a, files[i], &s, &d) : app_load_outline(a, files[i], &s, &d);
        if (rc == 0) {
            add_entry(out, &n, &cap, files[i], &s.t);
            app_unload(&s);
        } else if (problems) {
            note_problem(problems, &d);
        }
        diags_free(&d);
    }
    app_free_paths(files, k);
    return n;
}

int app_list_dir(pacer_app *a, const char *dir, int exact, app_entry **out, diag_list *problems)
{
    return list_dir(a, dir, exact, out, problems);
}

void app_free_entries(app_entry *e, int n)
{
    for (int i = 0; i < n; i++) {
        free(e[i].path);
        free(e[i].title);
        free(e[i].summary);
    }
    free(e);
}

/* ---- programs ---- */

void app_program_sessions_dir(const char *program, char *out, size_t n)
{
    const char *slash = strrchr(program, '/');
    if (!slash) {
        snprintf(out, n, ".");
    } else {
        snprintf(out, n, "%.*s", (int)(slash - program), program);
        if (slash == program)
            snprintf(out, n, "/");
    }
    const char *last = strrchr(out, '/');
    const char *folder = last ? last + 1 : out;
    if (strcmp(folder, "programs") == 0) {
        if (!last)
            snprintf(out, n, ".");
        else if (last == out)
            out[1] = 0;
        else
            *(char *)last = 0;
    }
}

/* Runs the program's plan; 0 with p filled, else -1 (errors in d). */
static int run_plan(pacer_app *a, const char *program, const plan_history *h, program_plan *p, diag_list *d)
{
    script_opts so = {.reg = &a->reg,
                      .mem_limit = a->c.mem_limit,
                      .time_limit = a->c.time_limit,
                      .history = h,
                      .plan = p};
    session_model m;
    int errors = d->errors;
    int rc = script_load_file(program, &so, &m, d);
    if (rc == 0 && m.root) {
        session_model_free(&m);
        diags_add(d, DIAG_ERROR, program, 0, 0,
                  "this is a session, not a program: a program returns program { title = ..., plan = "
                  "function(history) ... end }");
        return -1;
    }
    if (rc < 0 && d->errors == errors)
        diags_add(d, DIAG_ERROR, program, 0, 0, "the program could not be run");
    return rc < 0 ? -1 : 0;
}

int app_is_program(const diag_list *d)
{
    for (int i = 0; i < d->count; i++)
        if (strcmp(d->items[i].message, script_is_program_message) == 0)
            return 1;
    return 0;
}

/* The params of an item, as Lua would write them: "minutes = 12, fast = true". */
static void params_text(const plan_item *it, char *out, size_t n)
{
    out[0] = 0;
    for (int k = 0; k < it->nparams; k++) {
        char v[96];
        script_param_format(&it->params[k], v, sizeof v);
        size_t used = strlen(out);
        snprintf(out + used, n - used, "%s%s = %s", k ? ", " : "", it->params[k].name, v);
    }
}

/* Checks item it of the plan: its file is a session inside the folder, and it loads with
 * its params. Fills ti. Returns 0, or -1 with errors in d. */
static int check_item(pacer_app *a, const char *dir, const plan_item *it, app_today_item *ti, diag_list *d)
{
    char path[PATH_MAX], real[PATH_MAX];
    if (strcmp(dir, ".") == 0)
        snprintf(path, sizeof path, "%s", it->file); /* named as the user would */
    else
        snprintf(path, sizeof path, "%s/%s", dir, it->file);
    int where = path_inside(dir, path, real, sizeof real);
    if (where != 0) {
        diags_add(d, DIAG_ERROR, it->src, it->line, it->col, "play: there is no session '%s' in %s%s", it->file,
                  dir, where > 0 ? " (it leads outside the folder)" : "");
        return -1;
    }
    snprintf(ti->path, sizeof ti->path, "%s", path);
    const script_param *saved = a->params;
    int nsaved = a->nparams;
    app_set_params(a, it->params, it->nparams);
    loaded_session s;
    int errors = d->errors;
    int rc = app_load_outline(a, path, &s, d);
    app_set_params(a, saved, nsaved);
    if (rc < 0 || d->errors > errors) {
        char given[512];
        params_text(it, given, sizeof given);
        if (it->nparams)
            diags_add(d, DIAG_ERROR, it->src, it->line, it->col, "play: '%s' refuses { %s } (see above)", it->file,
                      given);
        else
            diags_add(d, DIAG_ERROR, it->src, it->line, it->col, "play: '%s' does not load (see above)", it->file);
        if (rc == 0)
            app_unload(&s);
        return -1;
    }
    snprintf(ti->title, sizeof ti->title, "%s", s.t.title ? s.t.title : it->file);
    ti->frames = timeline_length(&s.t);
    app_unload(&s);
    return 0;
}

int app_today_plan(pacer_app *a, const char *program, const plan_history *h, app_today *t, diag_list *d)
{
    memset(t, 0, sizeof *t);
    snprintf(t->date, sizeof t->date, "%s", h->today ? h->today : "");
    app_program_sessions_dir(program, t->sessions_dir, sizeof t->sessions_dir);
    if (run_plan(a, program, h, &t->plan, d) < 0)
        return -1;
    t->items = calloc((size_t)(t->plan.count ? t->plan.count : 1), sizeof *t->items);
    if (!t->items) {
        diags_add(d, DIAG_ERROR, program, 0, 0, "out of memory");
        app_today_free(t);
        return -1;
    }
    int failed = 0;
    for (int i = 0; i < t->plan.count; i++)
        failed |= check_item(a, t->sessions_dir, &t->plan.items[i], &t->items[i], d) < 0;
    if (failed) {
        app_today_free(t);
        return -1;
    }
    /* what is done already: as many of each session as were finished today, first first */
    for (int i = 0; i < t->plan.count; i++) {
        const char *base = strrchr(t->plan.items[i].file, '/');
        base = base ? base + 1 : t->plan.items[i].file;
        int finished = 0, before = 0;
        for (int k = 0; k < h->count; k++)
            finished += h->plays[k].finished && strcmp(h->plays[k].date, t->date) == 0 &&
                        strcmp(h->plays[k].file, base) == 0;
        for (int k = 0; k < i; k++) {
            const char *b = strrchr(t->plan.items[k].file, '/');
            before += strcmp(b ? b + 1 : t->plan.items[k].file, base) == 0;
        }
        t->items[i].done = before < finished;
    }
    return 0;
}

void app_today_free(app_today *t)
{
    free(t->items);
    program_plan_free(&t->plan);
    memset(t, 0, sizeof *t);
}
