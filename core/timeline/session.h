/* session.h - the session model (a tree of steps with checked field values), the step-type
 * registry, and the compiler that expands the tree into a timeline. Pure C: the script module
 * builds the model from Lua, plugins add step types; nothing here reads Lua. */
#ifndef PACER_SESSION_H
#define PACER_SESSION_H

#include "pacer/plugin.h"
#include "timeline.h"
#include "util.h"

/* ---- registry ---- */
typedef struct registry_entry {
    const pacer_step_type *type;
    const char *origin; /* "built-in" or the plugin file */
} registry_entry;

typedef struct registry {
    registry_entry *items;
    int count, cap;
} registry;

void registry_init(registry *r);
void registry_free(registry *r);
/* Checks the declaration (names, ranges, defaults, enum choices, sizes) and adds it.
 * Returns 0, or -1 with a one-line reason in err. */
int registry_add(registry *r, const pacer_step_type *type, const char *origin, char *err, size_t errn);
const pacer_step_type *registry_find(const registry *r, const char *name);
/* Adds the built-in step types (session, say, tone, beep, bell, wait, breathe, hold, sides,
 * sets, show, ready). */
int registry_add_builtins(registry *r, char *err, size_t errn);
/* The field index of name in type, or -1. */
int step_field_index(const pacer_step_type *type, const char *name);

/* ---- model ---- */
typedef struct step_value {
    int given;
    double num;          /* NUMBER, INTEGER, BOOL */
    const char *str;     /* TEXT, STRING, ENUM, PATH (PATH: resolved absolute path) */
    const char **list;   /* STRINGS */
    int nlist;
} step_value;

typedef struct step_node {
    const pacer_step_type *type;
    const char *file; /* the script it was written in */
    int line, col;
    step_value *values; /* one per field */
    struct step_node **children;
    int nchildren;
} step_node;

typedef struct session_model {
    arena mem;
    step_node *root; /* a 'session' step */
    const char *file; /* the session script */
    const char *dir;  /* its folder: recordings resolve against it */
} session_model;

/* The length in seconds of a preset sound. */
double sound_length(pacer_sound s);

/* ---- compiler ---- */
/* Seconds that 'text' takes when spoken. */
typedef double (*speech_len_fn)(void *ud, const char *language, const char *voice, int rate, const char *text);

/* Seconds a recording lasts, or -1 with the reason in err when it cannot be used (it is not
 * there: a warning), or FILE_LEN_REFUSED when it is there but refused (malformed, too long,
 * outside the session's folder: an error that check fails on). */
#define FILE_LEN_REFUSED (-2.0)
typedef double (*file_len_fn)(void *ud, const char *path, char *err, size_t n);

typedef struct compile_opts {
    speech_len_fn speech_len; /* NULL: estimate_speech_len */
    void *speech_ud;
    file_len_fn file_len;     /* NULL: a recording is timed like its caption spoken */
    void *file_ud;
    double max_seconds; /* 0: 24 hours */
    int max_events;     /* 0: 1,000,000 */
    double warn_minutes; /* a session longer than this is a warning; 0: 60 */
} compile_opts;

/* A speech-length estimate from word count and rate, for tests and before speech is ready. */
double estimate_speech_len(void *ud, const char *language, const char *voice, int rate, const char *text);

/* Runs the step type's cross-field checks on one node (registry validate hook); errors go to d.
 * Returns 0 or -1. */
int session_validate_node(const step_node *n, diag_list *d);

/* Compiles m into t (initialized by the call). Returns 0, or -1 when an error was added to d
 * (warnings do not fail). On failure t is freed. */
int session_compile(const session_model *m, const compile_opts *o, timeline *t, diag_list *d);

#endif
