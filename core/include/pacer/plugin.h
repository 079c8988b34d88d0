/* pacer/plugin.h - the one public header of Pacer: step types and the host table.
 *
 * A step type (say, hold, breathe, or one a plugin adds) is declared once: its name, its
 * fields with type, range, default and a one-line doc, and an expand function that turns the
 * field values into primitive timeline events through the host table. Built-in steps are
 * declared with exactly these structs, so the Lua bindings, the linter, the docs and the
 * tests see built-ins and plugin steps alike.
 *
 * ABI rules: structs and enums only ever grow at the end; every struct that crosses the
 * boundary starts with its own size, and the host checks it before reading any other field.
 * Pointers handed to an expand function are owned by the host and valid only during the call.
 */
#ifndef PACER_PLUGIN_H
#define PACER_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PACER_ABI_MAJOR 1
#define PACER_ABI_MINOR 2
/* Timeline frames per second: every event starts at an exact frame of this rate. */
#define PACER_RATE 48000

/* Field value types. */
typedef enum pacer_field_type {
    PACER_NUMBER = 1,  /* finite number within [min, max] */
    PACER_INTEGER = 2, /* whole number within [min, max] */
    PACER_BOOL = 3,
    PACER_TEXT = 4,    /* spoken or shown text: valid UTF-8, no control characters, {side} substituted */
    PACER_STRING = 5,  /* a short identifier-like string (language, voice) */
    PACER_ENUM = 6,    /* one of the '|'-separated words in 'choices' */
    PACER_PATH = 7,    /* a file relative to the session file, inside its folder tree */
    PACER_STRINGS = 8, /* the plain strings of the table's array part (e.g. sides' names) */
    PACER_STEPS = 9,   /* a list of steps given by name (ask's yes and no); expanded by host->branch */
} pacer_field_type;

/* Field flags. */
enum {
    PACER_REQUIRED = 1u << 0,   /* must be given */
    PACER_POSITIONAL = 1u << 1, /* may be given positionally: say "text", wait(5), tone(440, 200) */
};

typedef struct pacer_field {
    const char *name;
    pacer_field_type type;
    unsigned flags;
    double min, max;     /* NUMBER, INTEGER: inclusive range; TEXT, STRING: max length in bytes (0 = 4096) */
    double def;          /* NUMBER, INTEGER, BOOL: default when not given */
    const char *def_str; /* TEXT, STRING, ENUM: default when not given (NULL: unset) */
    const char *choices; /* ENUM: "sine|bell|chime" */
    const char *doc;     /* one line for docs/lua-api.md and editor hints */
} pacer_field;

/* Phase kinds, the states a patient is in. */
typedef enum pacer_phase {
    PACER_PHASE_NONE = 0,
    PACER_PHASE_INSTRUCTION = 1,
    PACER_PHASE_INHALE = 2,
    PACER_PHASE_HOLD_IN = 3,
    PACER_PHASE_EXHALE = 4,
    PACER_PHASE_HOLD_OUT = 5,
    PACER_PHASE_HOLD = 6,
    PACER_PHASE_REST = 7,
    PACER_PHASE_READY = 8, /* waiting for a tap, or its timeout */
} pacer_phase;

/* Tone shapes; the preset sounds are built from them. */
typedef enum pacer_shape {
    PACER_SHAPE_SINE = 0,  /* plain tone, soft attack and release */
    PACER_SHAPE_BELL = 1,  /* struck, inharmonic partials, long decay */
    PACER_SHAPE_CHIME = 2, /* two bright partials, medium decay */
    PACER_SHAPE_RISE = 3,  /* glides up an octave, growing louder: inhale */
    PACER_SHAPE_FALL = 4,  /* glides down an octave: exhale */
    PACER_SHAPE_TICK = 5,  /* short woody click: countdown */
    PACER_SHAPE_SWELL = 6, /* (ABI 1.1) rises softly and fades again, no strike: a breath held in */
    PACER_SHAPE_DOUBLE = 7, /* (ABI 1.1) two soft strikes, the second quieter: a breath held out */
} pacer_shape;

typedef struct pacer_tone {
    uint32_t size; /* sizeof(pacer_tone) */
    pacer_shape shape;
    double hz;     /* base pitch, 20..8000 */
    double ms;     /* length, 5..10000 */
    double level;  /* 0..1 */
} pacer_tone;

/* Preset sounds, distinct with eyes closed: different shape, pitch and direction. */
typedef enum pacer_sound {
    PACER_SOUND_INHALE = 0,   /* rising glide */
    PACER_SOUND_EXHALE = 1,   /* falling glide */
    PACER_SOUND_HOLD = 2,     /* struck mid chime: a stretch hold */
    PACER_SOUND_REP_END = 3,  /* two-partial low chime */
    PACER_SOUND_TICK = 4,     /* countdown click */
    PACER_SOUND_BEEP = 5,
    PACER_SOUND_BELL = 6,
    PACER_SOUND_REST = 7,     /* soft low tone: a rest begins */
    PACER_SOUND_HOLD_IN = 8,  /* (ABI 1.1) high swell: the breath held in */
    PACER_SOUND_HOLD_OUT = 9, /* (ABI 1.1) low double strike: the breath held out */
} pacer_sound;

typedef struct pacer_ctx pacer_ctx; /* opaque: the step being expanded */

/* A block scope for expanding child steps: a side, a set, or neither. */
typedef struct pacer_scope {
    uint32_t size;     /* sizeof(pacer_scope) */
    const char *side;  /* NULL: keep the enclosing side */
    int set, sets;     /* 0: keep the enclosing set */
} pacer_scope;

/* The host table an expand function works through. Offsets and lengths are in seconds
 * relative to the step's cursor (the point in time the step has reached so far); the host
 * rounds them to frames. Functions that can fail return a negative number after reporting. */
typedef struct pacer_host {
    uint32_t size; /* sizeof(pacer_host) as the host knows it */
    uint32_t abi_major, abi_minor;

    /* The step's field values, by index into its field array (defaults applied). */
    double (*num)(pacer_ctx *ctx, int field);
    const char *(*text)(pacer_ctx *ctx, int field); /* {side} substituted; NULL when unset */
    int (*given)(pacer_ctx *ctx, int field);        /* 1 when the script set it */
    int (*strings_count)(pacer_ctx *ctx, int field);
    const char *(*strings_at)(pacer_ctx *ctx, int field, int i);

    /* Events. 'at' is an offset in seconds from the cursor. */
    void (*phase)(pacer_ctx *ctx, double at, pacer_phase kind, double seconds, const char *label, int rep, int reps);
    double (*say)(pacer_ctx *ctx, double at, const char *text); /* returns the speech length in seconds */
    double (*play)(pacer_ctx *ctx, double at, const char *path, const char *caption); /* recording */
    void (*tone)(pacer_ctx *ctx, double at, const pacer_tone *tone);
    void (*sound)(pacer_ctx *ctx, double at, pacer_sound sound);
    void (*card)(pacer_ctx *ctx, const char *text); /* instruction card shown until the next one */
    void (*gate)(pacer_ctx *ctx, double at, double timeout);
    void (*countdown)(pacer_ctx *ctx, double at, double seconds); /* a visible countdown */
    double (*speech_len)(pacer_ctx *ctx, const char *text); /* seconds, without emitting */

    /* The cursor. */
    void (*advance)(pacer_ctx *ctx, double seconds);
    double (*now)(pacer_ctx *ctx); /* seconds since the step began */
    int (*children)(pacer_ctx *ctx, const pacer_scope *scope); /* expand the child steps here */

    /* Report a problem at the step's line; an expand that fails returns its negative result. */
    int (*fail)(pacer_ctx *ctx, const char *fmt, ...);
    void (*warn)(pacer_ctx *ctx, const char *fmt, ...);

    /* ABI 1.1: a yes/no question that chooses the way on. Call it at the end of a gate (the
     * cursor where the gate ends): the step lists of the PACER_STEPS fields yes_field and
     * no_field are laid out one after the other from there, and the player plays the one the
     * answer chooses, or default_yes's when nobody answers before the gate ends. 'question'
     * is what the journal keeps with the answer. Returns 0, or a negative number after
     * reporting. */
    int (*branch)(pacer_ctx *ctx, const char *question, int default_yes, int yes_field, int no_field);

    /* ABI 1.2: one of Pacer's own texts (given in English, as Pacer's catalog has it) in the
     * session's language; the English itself when Pacer has no translation. Not-given
     * defaults of PACER_TEXT fields come through it already. */
    const char *(*words)(pacer_ctx *ctx, const char *english);
} pacer_host;

/* host->words where the host has it (ABI 1.2), else the English: a plugin's own words in the
 * session's language when Pacer's catalog has them. */
#define PACER_WORDS(host, ctx, english)                                                                   \
    ((host)->size >= offsetof(pacer_host, words) + sizeof(void *) && (host)->words ? (host)->words((ctx), (english)) \
                                                                                    : (english))
/* Marks a text kept in a table for Pacer's catalog; PACER_WORDS translates it where it is used. */
#define PACER_MARK(english) english

typedef struct pacer_step_type {
    uint32_t size; /* sizeof(pacer_step_type) */
    const char *name;
    const char *doc;
    const pacer_field *fields;
    int nfields;
    int takes_steps; /* 1: the array part may hold child steps (sides, sets, session) */
    /* Cross-field checks after each field passed its own; NULL if none. Return 0, or the
     * negative result of host->fail. */
    int (*validate)(pacer_ctx *ctx, const pacer_host *host);
    int (*expand)(pacer_ctx *ctx, const pacer_host *host);
    const char *example; /* a short Lua example for the docs; it is run by a test */
} pacer_step_type;

/* ---- drawing: an optional hook that draws a plugin step's own visual ---- */

/* Colours come from the theme, so a plugin's visual keeps the theme's contrast. */
typedef enum pacer_color {
    PACER_COLOR_ACCENT = 0, /* the breathing visual */
    PACER_COLOR_RING = 1,   /* holds, highlights */
    PACER_COLOR_TEXT = 2,
    PACER_COLOR_MUTED = 3,
    PACER_COLOR_TRACK = 4,  /* empty parts of bars and rings */
    PACER_COLOR_BACKGROUND = 5,
} pacer_color;

typedef enum pacer_align { PACER_ALIGN_LEFT = 0, PACER_ALIGN_CENTER = 1, PACER_ALIGN_RIGHT = 2 } pacer_align;

typedef struct pacer_canvas pacer_canvas; /* opaque: where the hook draws */

/* What the screen shows at this moment of the plugin's step. */
typedef struct pacer_draw_state {
    uint32_t size;        /* sizeof(pacer_draw_state) as the host knows it */
    float x, y, w, h;     /* the area the hook draws in, in pixels */
    pacer_phase phase;    /* the phase under way */
    double phase_progress; /* 0..1 through it */
    double phase_seconds; /* its whole length */
    int seconds_left;
    int rep, reps;
    double step_seconds;  /* seconds since the step began */
    double step_length;   /* the step's whole length in seconds */
    int reduced_motion;   /* 1: the patient asked for less movement */
    const char *label;    /* the phase's label, or NULL */
} pacer_draw_state;

typedef struct pacer_draw_api {
    uint32_t size; /* sizeof(pacer_draw_api) as the host knows it */
    void (*circle)(pacer_canvas *c, float cx, float cy, float radius, pacer_color color);
    /* An arc from the top, clockwise, over fraction (0..1) of the circle. */
    void (*ring)(pacer_canvas *c, float cx, float cy, float radius, float thickness, float fraction,
                 pacer_color color);
    /* A rounded bar filled to fraction (0..1) from the left, on a track. */
    void (*bar)(pacer_canvas *c, float x, float y, float w, float h, float fraction, pacer_color color);
    /* Text with its top at y; px is the font's pixel height. */
    void (*text)(pacer_canvas *c, float x, float y, float px, const char *utf8, pacer_color color,
                 pacer_align align);
} pacer_draw_api;

typedef void (*pacer_draw_fn)(pacer_canvas *c, const pacer_draw_api *api, const pacer_draw_state *st);

/* ---- plugins ---- */

/* Log levels for pacer_registrar.log. */
enum { PACER_LOG_INFO = 0, PACER_LOG_WARNING = 1, PACER_LOG_ERROR = 2 };

/* The host table a plugin's init function registers through. */
typedef struct pacer_registrar {
    uint32_t size; /* sizeof(pacer_registrar) as the host knows it */
    uint32_t abi_major, abi_minor;
    /* Adds a step type; scripts then use it like a built-in. The declaration must stay valid
     * for the life of the process (plugins are never unloaded). Returns 0, or -1 when it is
     * refused (the host says why). */
    int (*add_step)(const struct pacer_registrar *r, const pacer_step_type *type);
    /* Draws the steps of step_name in place of the breathing circle. Returns 0 or -1. */
    int (*add_draw)(const struct pacer_registrar *r, const char *step_name, pacer_draw_fn draw);
    void (*log)(const struct pacer_registrar *r, int level, const char *fmt, ...);
    void *host; /* the host's, opaque */
} pacer_registrar;

/* What a plugin exports: one symbol, PACER_PLUGIN_ENTRY_NAME, returning this. The host reads
 * size and abi_major first and calls none of the plugin's functions before they match.
 * (Loading a shared object runs its ELF constructors: a plugin should do no work in them.) */
typedef struct pacer_plugin {
    uint32_t size;      /* sizeof(pacer_plugin) as the plugin was built */
    uint32_t abi_major; /* PACER_ABI_MAJOR as the plugin was built */
    uint32_t abi_minor; /* PACER_ABI_MINOR as the plugin was built: the host must have at least this */
    const char *name;   /* short, e.g. "resonance" */
    const char *version;
    const char *description;
    int (*init)(const pacer_registrar *r); /* registers the plugin's step types; 0 or -1 */
} pacer_plugin;

#define PACER_PLUGIN_ENTRY pacer_plugin_entry_v1
#define PACER_PLUGIN_ENTRY_NAME "pacer_plugin_entry_v1"

#if defined(__GNUC__)
#define PACER_EXPORT __attribute__((visibility("default")))
#else
#define PACER_EXPORT
#endif

/* In a plugin: PACER_PLUGIN_DECLARE(my_plugin); where my_plugin is a static pacer_plugin. */
#define PACER_PLUGIN_DECLARE(plugin)                                                                                 \
    PACER_EXPORT const pacer_plugin *PACER_PLUGIN_ENTRY(void);                                                       \
    PACER_EXPORT const pacer_plugin *PACER_PLUGIN_ENTRY(void) { return &(plugin); }

#ifdef __cplusplus
}
#endif
#endif
