/* cli.h - the pacer program's commands. */
#ifndef PACER_CLI_H
#define PACER_CLI_H

#include <stdio.h>

#include "cues.h"
#include "script.h"
#include "session.h"
#include "timeline.h"

int cli_main(int argc, char **argv);

/* A session ready to check, print, play or render: its timeline and the clip of every cue. */
typedef struct loaded_session {
    timeline t;
    cue_bank cues;
} loaded_session;

/* Loads a session with the program's registry and limits, prepares its speech and
 * recordings, and compiles it with their real lengths. Returns 0, or -1 with errors in d. */
int cli_load(const char *path, loaded_session *s, diag_list *d);
void cli_unload(loaded_session *s);
/* cli_load with its diagnostics printed on stderr. */
int cli_load_report(const char *path, loaded_session *s);
/* The same without preparing speech or recordings: lengths are estimates (menus). */
int cli_load_outline(const char *path, loaded_session *s, diag_list *d);

/* play.c, render.c */
int cmd_play(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_snapshot(int argc, char **argv);
/* window_host.c: the window with the CLI's loader and session folders. */
struct window_opts;
int cli_window(const char *path, const struct window_opts *o);
/* EXIT_KIOSK_LEFT: staff chose "Exit kiosk"; the systemd unit does not restart on it. */
enum { EXIT_SESSION_ERROR = 1, EXIT_USAGE = 2, EXIT_IO = 3, EXIT_KIOSK_LEFT = 4 };
extern const char cli_usage_text[];

/* output.c */
void print_timeline_table(const timeline *t, FILE *out);
void print_timeline_json(const timeline *t, FILE *out);
/* One line: title, length, summary, file. */
void print_list_row(const timeline *t, const char *file, FILE *out);

/* docgen.c: the step reference of docs/lua-api.md, from the registry. */
void print_api_reference(const registry *r, FILE *out);
/* The entries alone (also for the kiosk configuration's reference). */
void print_reference_entries(const registry *r, FILE *out);
/* The LuaLS ---@meta file for editors, from the registry. */
void print_luals_meta(const registry *r, FILE *out);
/* new.c: pacer new NAME */
int cmd_new(int argc, char **argv);
/* kiosk_cmd.c: pacer kiosk */
int cmd_kiosk(int argc, char **argv);
/* Kiosk settings the loader follows: plugins from system folders only; a voice for English
 * sessions (NULL: each session's own). */
void cli_set_system_plugins_only(void);
void cli_set_voice_override(const char *voice);

/* The draw hook a plugin registered for a step type (for scene_look.find_draw). */
pacer_draw_fn cli_find_draw(void *ud, const char *step_type);

/* resume.c: where an unfinished session stopped, per file; -1 when there is none (or the
 * file changed since). */
int64_t resume_get(const char *path);
void resume_put(const char *path, int64_t frame);
void resume_clear(const char *path);
/* Where to continue: the start of the step that was under way, unless that is near the
 * start or the end (then from the beginning: -1). */
int64_t resume_point(const timeline *t, int64_t stopped_at);

/* paths.c */
/* The folder of the sessions shipped with Pacer (installed, or the source tree's). */
const char *shipped_sessions_dir(void);
/* The user's own sessions folder ($XDG_DATA_HOME/pacer/sessions); it may not exist. */
const char *user_sessions_dir(void);
/* The default session played when pacer is started with no file. */
const char *default_session_path(void);
/* The *.lua files directly in dir, sorted; returns the count (-1 if dir cannot be read).
 * Free with free_paths. */
int list_session_files(const char *dir, char ***out);
void free_paths(char **paths, int n);

#endif
