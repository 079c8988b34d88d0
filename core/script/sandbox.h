/* sandbox.h - internal to the script module: the loader state shared by the sandbox and the
 * step constructors. */
#ifndef PACER_SANDBOX_H
#define PACER_SANDBOX_H

#include <lua.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "script.h"

enum { MAX_FRAMES = 16, MAX_SOURCES = 32, MAX_ERRORS = 100, MAX_NESTING = 100 };

typedef struct frame_info {
    char source[512];
    char short_src[LUA_IDSIZE];
    int line;
} frame_info;

typedef struct source_text {
    const char *name; /* as diagnostics print it */
    const char *text;
    size_t len;
    size_t *lines;    /* where each line starts, built on first use (malloc'd) */
    int nlines;
} source_text;

typedef struct loader {
    lua_State *L;
    const script_opts *opts;
    session_model *m;
    diag_list *d;
    const char *main_file;
    int env_ref;
    int notes;
    int too_many_errors;

    size_t mem_used, mem_limit;
    int mem_exceeded;
    int mem_line, mem_depth; /* where the first refused allocation happened */
    char mem_source[512];
    atomic_int aborting;  /* time or memory ran out: errors may no longer be caught */
    atomic_int timed_out;
    int timeout_line;
    char timeout_source[512];
    void *state_block;    /* see l_alloc */

    /* The library call running now (noted on entry to each string, table and utf8
     * function): where a script stuck inside one call is reported. */
    atomic_int call_line;
    _Atomic(const char *) call_source; /* Lua's "@file" of the calling function */
    _Atomic(const char *) call_name;   /* e.g. "string.find" */
    atomic_int in_call; /* CALL_NONE, CALL_LIBRARY or CALL_STEP */
    int stuck_fd; /* in a loader process: where the watchdog reports a stuck call; else -1 */

    double time_limit;    /* seconds of the loading thread's processor time */
    clockid_t cpu_clock;  /* that thread's CPU-time clock */
    double cpu_start;     /* its reading when the watchdog started */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int done, watching;

    frame_info frames[MAX_FRAMES];
    int nframes;

    source_text sources[MAX_SOURCES]; /* the session and the files it includes */
    int nsources;
    char *root;                       /* the sessions tree: the session file's folder, resolved */
    char *fallback_root;              /* script_opts.include_fallback, resolved; or NULL */
    const char *inc_names[MAX_SOURCES], *inc_paths[MAX_SOURCES]; /* the files included (in m's arena) */
    int nincs;
    int include_ref;                  /* registry table: path -> value of included files */
    unsigned params_used;             /* bit i: the script read params[i] */
} loader;

enum { CALL_NONE = 0, CALL_LIBRARY = 1, CALL_STEP = 2 };

loader *loader_of(lua_State *L);
/* Notes where a call that may run long (a library function, a step constructor) starts, for
 * the watchdog; sandbox_end_call when it returns. */
void sandbox_note_call(lua_State *L, const char *name, int kind);
void sandbox_end_call(lua_State *L);
/* Raises the sandbox's out-of-memory error: uncatchable from then on, like the cap itself. */
int sandbox_oom(lua_State *L);
/* Sorts a few names in place (a Lua table's order changes from run to run). */
void sandbox_sort_names(const char **v, int n);
int sandbox_open(loader *ld);
int sandbox_start_watchdog(loader *ld);
/* Runs the chunk on top of the stack with a message handler; returns the Lua status and the
 * number of results left on the stack. */
int sandbox_run(loader *ld, int *nresults);
/* The same for the function below nargs arguments on top of the stack. */
int sandbox_call(loader *ld, int nargs, int *nresults);
void sandbox_close(loader *ld);

/* script.c: loads in this process; a stuck library call is reported on stuck_fd (when not
 * -1) and ends the process, else it runs on. */
int script_load_here(const char *name, const char *dir, const char *buf, size_t len, const script_opts *o,
                     session_model *m, diag_list *d, int stuck_fd);
/* Adds the error for a script stuck inside one library call to d. */
void script_report_stuck(loader *ld, diag_list *d);

/* isolate.c: the load in a child process, and the result's way back. */
int isolate_load(const char *name, const char *dir, const char *buf, size_t len, const script_opts *o,
                 session_model *m, diag_list *d);
/* Writes rc, d and (when rc is 0) m to fd in one piece; in the child only. */
void isolate_send(int fd, int rc, const session_model *m, const program_plan *p, const diag_list *d,
                  const registry *reg);

/* include.c: the include function of the sandbox. */
void include_register(loader *ld);
void include_free(loader *ld);
/* What is wrong with a path inside the sessions folder, or NULL when it is fine. */
const char *include_bad_path(const char *p);

/* program.c: the params table, and programs. */
void params_register(loader *ld);
/* Adds an error for each parameter given that the script never read. */
void params_check_used(loader *ld);
void program_register(loader *ld);
/* 1 when the script's first result is a program { }. */
int program_is_result(loader *ld, int nresults);
/* Runs the program's plan against ld->opts->history into ld->opts->plan; returns the Lua
 * status of the call (its errors are then on the stack, for the caller to report); problems
 * with what the plan returned are added to ld->d. */
int program_run_plan(loader *ld, int nresults);

/* steps_lua.c: registers one constructor per step type in the sandbox's environment. */
void steps_lua_register(loader *ld);
/* The session step returned by the script, or NULL (with the reason in why). */
step_node *steps_lua_check_result(loader *ld, int nresults, char *why, size_t n);
/* The column of word on line of source file (1-based), or 1. */
int source_col(const loader *ld, const char *file, int line, const char *word);

#endif
