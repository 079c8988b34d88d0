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
} script_opts;

/* Runs the script in path. Returns 0 with m filled, or -1 with at least one error in d (m is
 * then empty). Warnings and notes may be added either way. */
int script_load_file(const char *path, const script_opts *o, session_model *m, diag_list *d);
/* The same for a script already in memory; name is what diagnostics call it, dir the folder
 * recordings resolve against (NULL: the folder of name). */
int script_load_buffer(const char *name, const char *dir, const char *buf, size_t len, const script_opts *o,
                       session_model *m, diag_list *d);
void session_model_free(session_model *m);

/* Configuration files: a script returning one table of type (kiosk { ... }, settings { ... }),
 * read through the sandbox with only that type registered. text (len bytes) is the file's
 * content already read, or NULL to read path. Returns 0 with m filled, or -1 with the
 * diagnostics in d and the first error as "file:line: message" in why. */
int config_load(const char *path, const char *text, size_t len, const pacer_step_type *type, int same_process,
                session_model *m, diag_list *d, char *why, size_t n);
/* The line of path that first mentions field (where a value came from), or fallback. */
int config_field_line(const char *path, const char *field, int fallback);

#endif
