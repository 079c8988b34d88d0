/* model.h - the session model (a tree of steps with checked field values), the step-type
 * registry with the built-in steps, and the checks on a step's values. Pure C: the script
 * module builds the model from Lua, plugins add step types, the compiler (core/compile)
 * expands it into a timeline; nothing here reads Lua, makes events or touches audio. */
#ifndef PACER_MODEL_H
#define PACER_MODEL_H

#include "pacer/plugin.h"
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
 * sets, show, ready, rate_pain, ask). */
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
/* A STEPS field's steps are kept in the node's children, after the steps of its list part
 * and in the order of the fields: the value's num is how many there are. */

typedef struct step_node {
    const pacer_step_type *type;
    const char *file; /* the script it was written in */
    int line, col;
    step_value *values; /* one per field */
    struct step_node **children; /* the list part's steps, then each STEPS field's */
    int nchildren;
} step_node;

typedef struct session_model {
    arena mem;
    step_node *root; /* a 'session' step */
    const char *file; /* the session script */
    const char *dir;  /* its folder: recordings resolve against it */
    /* The files it included, in order: the name the script gave (relative to its folder)
     * and the file that was read (resolved; perhaps in the include fallback folder). */
    const char **include_names, **include_paths;
    int nincludes;
} session_model;

/* ---- lengths known before audio is prepared ---- */
/* The length in seconds of a preset sound. */
double sound_length(pacer_sound s);
/* The tone a preset sound plays; 0 with *out untouched when s is not a preset. */
int sound_tone(pacer_sound s, pacer_tone *out);

/* A speech-length estimate from word count and rate: what a text takes before its speech is
 * made (the compiler's first pass), and when no engine can say it. */
double estimate_speech_len(void *ud, const char *language, const char *voice, int rate, const char *text);

/* ---- checks ---- */
/* Runs the step type's cross-field checks on one node (registry validate hook); errors go to d.
 * The hook may read the node's values and fail or warn; it may not make events. Returns 0 or -1. */
int session_validate_node(const step_node *n, diag_list *d);

#endif
