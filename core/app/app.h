/* app.h - the application core: one object that owns what every command and front-end
 * shares (the step registry with the plugins' step types, the speech service, the session
 * folders) and the pipeline that turns a session file into something to play or print.
 *
 * Made from a config where zero means the default in every field. Nothing in it is global:
 * two apps may live side by side (tests do). */
#ifndef PACER_APP_H
#define PACER_APP_H

#include <stddef.h>

#include "cues.h"
#include "plugins.h"
#include "model.h"
#include "script.h"
#include "timeline.h"

typedef struct app_config {
    const char *shipped_dir; /* the shipped sessions; NULL: $PACER_SESSIONS, installed, or the source tree */
    const char *user_dir;    /* the user's own sessions; NULL: $XDG_DATA_HOME/pacer/sessions */
    const char *voice;       /* a voice for every English session (the kiosk's staff choice); NULL: each session's own */
    int rate;                /* words per minute for every session (the user's setting); 0: each session's own */
    int system_plugins_only; /* no user plugin folder and no extra plugins (the kiosk) */
    const char *const *extra_plugins; /* --plugin files */
    int nextra_plugins;
    int no_plugins;          /* load no plugin at all; also $PACER_NO_PLUGINS */
    int no_speech;           /* captions only; also $PACER_NO_SPEECH */
    size_t mem_limit;        /* per script; 0: the sandbox's default (64 MiB) */
    double time_limit;       /* per script, seconds; 0: the sandbox's default (2 s) */
} app_config;

typedef struct pacer_app pacer_app;

/* A session ready to check, print, play or render: its timeline and the clip of every cue. */
typedef struct loaded_session {
    timeline t;
    cue_bank cues;
} loaded_session;

/* One session of a folder, for a menu or a listing. */
typedef struct app_entry {
    char *path, *title, *summary;
    int64_t frames; /* its length as it plays when nobody answers (timeline_length); an estimate
                     * when listed with speech lengths estimated */
} app_entry;

/* Returns the app, or NULL with err (the built-in step types could not be registered, or
 * no memory). Plugins that fail to load are reported on stderr and left out. */
pacer_app *app_open(const app_config *c, char *err, size_t n);
void app_close(pacer_app *a);

const registry *app_registry(const pacer_app *a);
const plugin_set *app_plugins(const pacer_app *a);
/* The draw hook a plugin registered for a step type, or NULL (ud is the app). */
pacer_draw_fn app_find_draw(void *ud, const char *step_type);

/* Changes the voice override for sessions loaded from now on ("" or NULL: none). */
void app_set_voice(pacer_app *a, const char *voice);
/* 1 when voice ("festival:slt", ...) is installed here and can speak, so a settings screen
 * may offer it; 0 when not. */
int app_voice_installed(const char *voice);
/* Changes the speaking rate for sessions loaded from now on (words per minute; 0: none). */
void app_set_rate(pacer_app *a, int rate);

/* The params of sessions loaded from now on (the caller keeps p alive; n 0: none). */
void app_set_params(pacer_app *a, const script_param *p, int n);
const script_param *app_params(const pacer_app *a, int *n);

/* Loads a session, prepares its speech and recordings, and compiles it with their real
 * lengths. Returns 0, or -1 with errors in d. */
int app_load(pacer_app *a, const char *path, loaded_session *s, diag_list *d);
/* The same without preparing speech or recordings: lengths are estimates (menus). */
int app_load_outline(pacer_app *a, const char *path, loaded_session *s, diag_list *d);
/* app_load for a session in memory (name: what diagnostics call it; dir: its folder). */
int app_load_text(pacer_app *a, const char *name, const char *dir, const char *text, loaded_session *s,
                  diag_list *d);
void app_unload(loaded_session *s);

/* What a session is made of, for a bundle: the script, the files it includes and the
 * recordings it plays (names relative to the script's folder, and the files to read), with
 * its title, language and length (speech estimated, as in a menu). */
typedef struct app_parts {
    char *title, *language;
    int64_t frames; /* every branch of its questions counted (a bundle's manifest keeps it) */
    int64_t length; /* as it plays when nobody answers */
    char **names, **paths; /* [0] is the script itself */
    int n;
} app_parts;
/* Returns 0, or -1 with errors in d (the session fails to load, a recording is missing or
 * outside the script's folder). Free with app_free_parts. */
int app_session_parts(pacer_app *a, const char *path, app_parts *p, diag_list *d);
void app_free_parts(app_parts *p);
/* The folders. */
const char *app_shipped_dir(const pacer_app *a);
const char *app_user_dir(const pacer_app *a); /* may be NULL (no home) */
/* The session played when none is named. */
const char *app_default_session(const pacer_app *a);

/* The *.lua files directly in dir, sorted; returns the count (-1 if dir cannot be read).
 * Free with app_free_paths. */
int app_session_files(const char *dir, char ***out);
void app_free_paths(char **paths, int n);

/* Lists the sessions of dir: with exact, each is prepared as for playing (its exact
 * length); otherwise outline loads (quick, lengths estimated: menus). For each file that
 * does not load, its first error goes to problems (when given). Returns the count (-1: the
 * folder cannot be read); free with app_free_entries. */
int app_list_dir(pacer_app *a, const char *dir, int exact, app_entry **out, diag_list *problems);
void app_free_entries(app_entry *e, int n);

/* ---- programs ---- */

/* One session of today's plan, resolved and checked. */
typedef struct app_today_item {
    char path[4096];   /* the session file */
    char title[256];
    int64_t frames;    /* its length, speech estimated */
    int done;          /* finished today already */
} app_today_item;

typedef struct app_today {
    program_plan plan;      /* the items, their params and reasons */
    app_today_item *items;  /* plan.count of them */
    char date[11];
    char sessions_dir[4096];
} app_today;

/* The folder a program's sessions are named in: the program's folder, or its parent when
 * that folder is called "programs". */
void app_program_sessions_dir(const char *program, char *out, size_t n);
/* Runs program's plan for h->today, then checks every session it names with its params
 * (errors at the session's line and at the program's play line). Returns 0, or -1 with
 * errors in d (t is then empty). */
int app_today_plan(pacer_app *a, const char *program, const plan_history *h, app_today *t, diag_list *d);
void app_today_free(app_today *t);
/* 1 when d, from loading a file as a session, says it is a program. */
int app_is_program(const diag_list *d);

#endif
