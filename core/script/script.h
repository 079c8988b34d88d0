/* script.h - runs a session script in a Lua 5.4 sandbox and builds the session model.
 *
 * The script runs in a child process (isolate.c), so a script stuck inside one library call
 * (a pattern that backtracks without end) or a crash of the script engine costs only that
 * process: the caller gets an error of that file, with its line, and goes on. The script runs once. Its step constructors (one per registered step type) check every
 * field as it is given and record problems as diagnostics (file:line:col), so one run of
 * check reports every mistake it can, not just the first. Nothing outside this module
 * reads Lua. */
#ifndef PACER_SCRIPT_H
#define PACER_SCRIPT_H

#include <stddef.h>

#include "model.h"
#include "util.h"

/* A value given to a session from outside (pacer play FILE --param minutes=12, or a
 * program's play { "file.lua", minutes = 12 }): the script reads it as params.NAME. */
typedef enum script_param_type { SCRIPT_PARAM_NUMBER, SCRIPT_PARAM_STRING, SCRIPT_PARAM_BOOLEAN } script_param_type;
typedef struct script_param {
    const char *name;
    script_param_type type;
    double num;
    const char *str; /* SCRIPT_PARAM_STRING */
    int boolean;     /* SCRIPT_PARAM_BOOLEAN */
} script_param;
enum { SCRIPT_MAX_PARAMS = 16, SCRIPT_PARAM_NAME_MAX = 40, SCRIPT_PARAM_TEXT_MAX = 200 };

/* Parses "name=value" ("12" and "-2.5" are numbers, true and false booleans, anything else a
 * string); p's strings point into arg. Returns 0, or -1 with why. */
int script_param_parse(const char *arg, script_param *p, char *why, size_t n);
/* The value as Lua would write it: 12, true, "text". */
void script_param_format(const script_param *p, char *buf, size_t n);

/* ---- programs ---- */

/* One session played before the plan's date, as the plan sees it. */
typedef struct history_play {
    char date[11];       /* YYYY-MM-DD, local */
    const char *file;    /* the session file's name, without its folder */
    const char *title;
    double seconds;      /* practised */
    int finished;
    int pain_before, pain_after; /* 0..10, or -1 when not rated */
} history_play;

/* The journal as a plan reads it: a snapshot taken before the script runs, so a plan can
 * neither read the clock nor the database, and the same snapshot and date give the same plan. */
typedef struct plan_history {
    const char *today;          /* YYYY-MM-DD */
    const history_play *plays;  /* oldest first; none after today */
    int count;
} plan_history;

/* One session of today's plan. */
typedef struct plan_item {
    const char *file;  /* as the program names it, relative to its sessions folder */
    const char *why;   /* a short reason for the patient, or NULL */
    script_param *params;
    int nparams;
    const char *src;   /* where the program's play call is */
    int line, col;
} plan_item;

typedef struct program_plan {
    arena mem;
    const char *file, *title, *summary;
    int line;          /* of the program { } call */
    plan_item *items;
    int count;
} program_plan;

typedef struct script_opts {
    const registry *reg;   /* step types the script may use; required */
    size_t mem_limit;      /* bytes for Lua and the model together; 0: 64 MiB */
    double time_limit;     /* seconds of processor time; 0: 2 */
    size_t max_file_size;  /* bytes; 0: 4 MiB */
    /* 1: run in the calling process (for fuzzers, which need the coverage): a script stuck
     * inside one library call then runs on. 0: in a child process, stopped and reported. */
    int same_process;
    const char *root_type; /* the step type the script must return; NULL: "session" */
    /* A second folder include looks in when the file is not in the session's own (the
     * shipped sessions, whose lib/ then serves a shipped session copied elsewhere); NULL: none. */
    const char *include_fallback;
    const script_param *params; /* the session's params table; may be NULL */
    int nparams;
    /* Programs: when plan is given, the script may return program { } instead of a session;
     * its plan then runs against history (required then) and fills plan. */
    const plan_history *history;
    program_plan *plan;
} script_opts;

/* Runs the script in path. Returns 0 with m filled, or -1 with at least one error in d (m is
 * then empty). Warnings and notes may be added either way. */
int script_load_file(const char *path, const script_opts *o, session_model *m, diag_list *d);
/* The same for a script already in memory; name is what diagnostics call it, dir the folder
 * recordings resolve against (NULL: the folder of name). */
int script_load_buffer(const char *name, const char *dir, const char *buf, size_t len, const script_opts *o,
                       session_model *m, diag_list *d);
void session_model_free(session_model *m);
void program_plan_free(program_plan *p);
/* The error a session load gives for a program (a caller may then run it as one). */
extern const char script_is_program_message[];

/* The day of the week of a date (1 Monday .. 7 Sunday), and the date n days before it;
 * -1 when date is not YYYY-MM-DD. */
int plan_weekday(const char *date);
int plan_days_before(const char *date, int n, char out[11]);

/* Configuration files: a script returning one table of type (kiosk { ... }, settings { ... }),
 * read through the sandbox with only that type registered. text (len bytes) is the file's
 * content already read, or NULL to read path. Returns 0 with m filled, or -1 with the
 * diagnostics in d and the first error as "file:line: message" in why. */
int config_load(const char *path, const char *text, size_t len, const pacer_step_type *type, int same_process,
                session_model *m, diag_list *d, char *why, size_t n);
/* The line of path that first mentions field (where a value came from), or fallback. */
int config_field_line(const char *path, const char *field, int fallback);

#endif
