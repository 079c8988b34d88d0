/* cli.h - the pacer program: argument parsing and printing. Everything else is asked of
 * the application core (core/app) and the session runner (core/run).
 *
 * main.c dispatches to the commands; the commands use the helpers of common.c,
 * shared_opts.c, output.c and docgen.c; nothing calls back into main.c. */
#ifndef PACER_CLI_H
#define PACER_CLI_H

#include <limits.h>
#include <stdio.h>

#include "app.h"
#include "bundle.h"
#include "i18n.h"
#include "output.h"
#include "run.h"
#include "settings.h"
#include "theme.h"
#include "usage.h"

/* EXIT_KIOSK_LEFT: staff chose "Exit kiosk"; the systemd unit does not restart on it. */
enum { EXIT_SESSION_ERROR = 1, EXIT_USAGE = 2, EXIT_IO = 3, EXIT_KIOSK_LEFT = 4 };

/* What every command is given: the command line's --plugin files and --param values (the
 * sessions it loads get them as params). */
typedef struct cli_ctx {
    const char *const *plugins;
    int nplugins;
    script_param params[SCRIPT_MAX_PARAMS];
    int nparams;
} cli_ctx;

/* common.c */
/* The application core for a command; kiosk: the system's plugins only. Prints why on
 * failure (NULL). */
pacer_app *cli_app_open(const cli_ctx *c, int kiosk);
/* app_load with its diagnostics printed on stderr. */
int cli_load_report(pacer_app *a, const char *path, loaded_session *s);
/* A folder, a device, a missing folder or a name too long for an output is refused now, not
 * after the work: 0, or -1 after saying why ("pacer CMD: ..."). */
int cli_output_ok(const char *cmd, const char *path);
/* s in a column of |width| terminal columns, padded by display width, not bytes ("Días" takes
 * 4 columns in 5 bytes): width < 0 left-aligned, > 0 right-aligned (printf's %-Ns and %Ns);
 * a longer s is printed whole. */
void cli_put_col(const char *s, int width, FILE *f);
/* The terminal columns s takes, or at_least when that is more: a column's width. */
int cli_col_width(const char *s, int at_least);

/* shared_opts.c: the options play, snapshot and kiosk share, parsed in one place with one
 * set of limits. */
typedef struct cli_view_opts {
    const theme *th;    /* --theme (default: the default theme) */
    int reduced_motion; /* --reduced-motion */
    int width, height;  /* --size WxH; 0: the command's default */
    int buffer;         /* --buffer FRAMES; 0: the command's default */
    int no_audio;       /* --no-audio */
    int large_text;     /* --text-size large */
} cli_view_opts;

enum { CLI_BUFFER_MIN = 64, CLI_BUFFER_MAX = 65536 }; /* --buffer of a live device; --size: options.h */
/* getopt_long codes of the shared options (above any short option's character). */
enum { OPT_THEME = 1000, OPT_REDUCED_MOTION, OPT_SIZE, OPT_BUFFER, OPT_NO_AUDIO, OPT_TEXT_SIZE };
#define CLI_VIEW_OPTIONS                                                                                       \
    {"theme", required_argument, NULL, OPT_THEME}, {"reduced-motion", no_argument, NULL, OPT_REDUCED_MOTION},  \
        {"size", required_argument, NULL, OPT_SIZE}, {"buffer", required_argument, NULL, OPT_BUFFER},          \
        {"no-audio", no_argument, NULL, OPT_NO_AUDIO}, {"text-size", required_argument, NULL, OPT_TEXT_SIZE}

void cli_view_defaults(cli_view_opts *v);
/* --text-size's value: 1 for "large", 0 for "normal", -1 (said on stderr) for anything else. */
int cli_text_size(const char *arg, const char *cmd);
/* Takes one shared option (c is getopt_long's code). Returns 1 when taken, 0 when c is not
 * a shared option, -1 when its value is wrong (said on stderr for command cmd). */
int cli_view_option(cli_view_opts *v, int c, const char *arg, const char *cmd);

/* settings_cmd.c: the user's settings for this run: the file (a bad one: the defaults and
 * one line on stderr saying why), then the command line's flags over it. */
enum { OPT_SET_VOICE = 1100, OPT_SET_RATE, OPT_SET_VOLUME, OPT_SET_MOTION };
#define CLI_SETTINGS_OPTIONS                                                                                   \
    {"voice", required_argument, NULL, OPT_SET_VOICE}, {"speech-rate", required_argument, NULL, OPT_SET_RATE}, \
        {"volume", required_argument, NULL, OPT_SET_VOLUME}, {"no-reduced-motion", no_argument, NULL, OPT_SET_MOTION}
/* The language of menus and messages: the settings' "language", else the environment's. */
void cli_language_init(void);
void cli_settings_load(settings *s);
/* Takes --theme, --reduced-motion, --no-reduced-motion, --voice, --speech-rate or --volume
 * into s for this run. Returns 1 when taken, 0 when c is none of them, -1 when its value is
 * wrong (said on stderr for command cmd). */
int cli_settings_option(settings *s, int c, const char *arg, const char *cmd);
int cmd_settings(const cli_ctx *c, int argc, char **argv);

/* bundle_cmd.c: a bundle opened for import or play: read and checked whole, its files in
 * a private folder (dir) where its script (script) passed the check. Returns 0, or -1 after
 * one line on stderr saying why (nothing is left behind). */
typedef struct cli_bundle {
    bundle b;
    char dir[PATH_MAX];
    char script[PATH_MAX + BUNDLE_MAX_NAME + 2];
} cli_bundle;
int cli_is_bundle(const char *path); /* the name ends in .pacer */
int cli_bundle_open(pacer_app *a, const char *cmd, const char *path, cli_bundle *cb);
void cli_bundle_close(cli_bundle *cb); /* removes the private folder */
int cmd_pack(const cli_ctx *c, int argc, char **argv);
int cmd_import(const cli_ctx *c, int argc, char **argv);

/* play.c, render.c, snapshot_cmd.c, kiosk_cmd.c, new.c, commands.c */
int cmd_play(const cli_ctx *c, int argc, char **argv);
int cmd_render(const cli_ctx *c, int argc, char **argv);
int cmd_snapshot(const cli_ctx *c, int argc, char **argv);
int cmd_kiosk(const cli_ctx *c, int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_check(const cli_ctx *c, int argc, char **argv);
int cmd_timeline(const cli_ctx *c, int argc, char **argv);
int cmd_list(const cli_ctx *c, int argc, char **argv);
int cmd_plugins(const cli_ctx *c);
int cmd_api_reference(const cli_ctx *c, int argc, char **argv);
int cmd_history(const cli_ctx *c, int argc, char **argv);
int cmd_journal(const cli_ctx *c, int argc, char **argv);
int cmd_remind(const cli_ctx *c, int argc, char **argv);
int cmd_today(const cli_ctx *c, int argc, char **argv);
/* today.c: checks a program for pacer check (each day of a week, against an empty journal). */
int cli_check_program(pacer_app *a, const char *path, int quiet);
/* The plan of program for date against the journal (read, never created or changed). */
int cli_today_plan(pacer_app *a, const char *program, const char *date, app_today *t, diag_list *d);
/* The active program's path (pacer today --set); 0, or -1 when none is set. */
int cli_active_program(char *out, size_t n);
/* Today's planned minutes of the active program, rounded; -1 when none is set or it cannot plan. */
int cli_today_minutes(const cli_ctx *c);

/* history.c: the journal a play records into, or NULL (--no-journal aside) with one
 * warning line on stderr saying why; the session plays either way. */
struct journal *cli_journal_open(void);

/* journal_view.c: the Progress figures now (for the snapshot and the window alike). Returns
 * 0, or -1 with why. */
struct progress_view;
int cli_progress_figures(struct journal *j, struct progress_view *p, char *why, size_t n);
/* The window's Progress and check-in screens, kept in j (nothing when j is NULL). */
struct window_host;
void cli_window_journal(struct window_host *wh, struct journal *j);

/* termview.c: the terminal view of a session, a front-end of the runner. */
int cli_terminal_view(pacer_app *a, const char *path, const run_opts *ro);
/* The same for a session loaded already (s stays the caller's); quit is set when the
 * listener asked to stop (q, or a signal). */
int cli_terminal_play(const char *path, loaded_session *s, const run_opts *ro, int *quit);
/* window_host.c: the window, its menu fed by the app. kiosk_folder: the kiosk's only
 * folder (NULL: the shipped and the user's sessions). */
struct window_opts;
int cli_window(pacer_app *a, const char *kiosk_folder, const char *path, const struct window_opts *o);


/* docgen.c: the step reference of docs/lua-api.md, from the registry. */
void print_api_reference(const registry *r, FILE *out);
/* The entries alone (also for the kiosk configuration's reference). */
void print_reference_entries(const registry *r, FILE *out);
/* The reference of a configuration file's keys (the kiosk's, the settings'), with a line
 * saying which command made it. Returns 0, or -1 when the type cannot be registered. */
int print_config_reference(const pacer_step_type *type, const char *command);
/* The LuaLS ---@meta file for editors, from the registry. */
void print_luals_meta(const registry *r, FILE *out);
/* A field's type ("number", "one of", ...), its range ("1 to 20", the choices, ...) and its
 * default ("required", "none", 5, "text") as the reference prints them. */
enum { FIELD_TEXT_MAX = 1024 };
const char *field_type_name(const pacer_field *f);
void field_range(const pacer_field *f, char *buf, size_t n);
void field_default(const pacer_field *f, char *buf, size_t n);

/* manpage.c: the manual page pacer-session(5), from the registry. */
void print_man_session(const registry *r, FILE *out);

#endif
