/* timeline.h - the compiled session: a flat array of primitive events sorted by frame.
 *
 * Everything downstream reads this: the mixer, the screen, check, timeline, render.
 * Frames are at PACER_RATE (48 kHz). All strings are owned by the timeline. */
#ifndef PACER_TIMELINE_H
#define PACER_TIMELINE_H

#include <stdint.h>

#include "pacer/plugin.h"
#include "util.h"

typedef enum tl_kind {
    TL_PHASE = 1,     /* phase begins: phase, len, side, rep/reps, set/sets, text = label */
    TL_SPEAK = 2,     /* synthesized speech: text, len = its length */
    TL_TONE = 3,      /* shape, hz, level, len */
    TL_PLAY = 4,      /* recording: text = path (absolute), len */
    TL_CAPTION = 5,   /* text shown while spoken: text, len */
    TL_CARD = 6,      /* instruction card: text, len = until the next card or the block's end */
    TL_GATE = 7,      /* wait for a tap, or go on after len */
    TL_COUNTDOWN = 8, /* a visible countdown over len */
    TL_END = 9,       /* the session ends */
} tl_kind;

typedef struct tl_event {
    int64_t at, len;  /* frames */
    uint8_t kind;     /* tl_kind */
    uint8_t phase;    /* pacer_phase, for TL_PHASE */
    uint8_t shape;    /* pacer_shape, for TL_TONE */
    uint8_t sound;    /* pacer_sound + 1 when the tone is a preset, else 0 */
    uint16_t rep, reps, set, sets;
    int32_t step;     /* index into timeline.steps: the leaf step that emitted it */
    int32_t seq;      /* emission order, the tie-breaker of the sort */
    const char *text;
    const char *side;
    float hz, level;
    uint16_t ask;     /* 0: on every way through; else in a branch of timeline.asks[ask - 1] */
    uint8_t answer;   /* with ask: the answer whose branch it is in (TL_YES or TL_NO) */
} tl_event;

/* The answers to an ask step. */
enum { TL_OPEN = 0, TL_YES = 1, TL_NO = 2 };

/* An ask step's question and the two ways on. The yes branch is [decide, yes_end), the no
 * branch [yes_end, no_end); the rest of the session follows at no_end. Playing the yes
 * branch jumps from yes_end to no_end; playing the no branch jumps from decide to yes_end. */
typedef struct tl_ask {
    int step;            /* the ask's leaf step */
    int64_t at;          /* where its question starts */
    int64_t decide;      /* where its gate ends: the answer is taken here at the latest */
    int64_t yes_end, no_end;
    uint8_t def;         /* TL_YES or TL_NO: the answer when nobody answers */
    const char *question;
    uint16_t ask;        /* the branch it is itself in, as in tl_event */
    uint8_t answer;
} tl_ask;

/* A leaf step: where skip lands, and what check and timeline name. */
typedef struct tl_step {
    int64_t at;
    const char *type;
    const char *file;
    int line, col;
    uint16_t ask;   /* the branch it is in, as in tl_event */
    uint8_t answer;
} tl_step;

typedef struct timeline {
    tl_event *events;
    int count, cap;
    tl_step *steps;
    int nsteps, steps_cap;
    tl_ask *asks;   /* in the order their questions come */
    int nasks, asks_cap;
    int64_t frames; /* total length, exact */
    const char *title, *summary, *language, *voice;
    int rate;       /* speech words per minute */
    const char *ambience; /* a recording looped under the session (absolute path), or NULL */
    float ambience_level;
    arena strings;
    struct intern_table *intern;
} timeline;

void timeline_init(timeline *t);
void timeline_free(timeline *t);
/* Returns a copy owned by the timeline; equal strings share one copy. NULL on no memory. */
const char *timeline_intern(timeline *t, const char *s);
/* Appends an event (copied); returns its index or -1 on no memory. */
int timeline_push(timeline *t, const tl_event *e);
/* Sorts by frame, then emission order. */
void timeline_sort(timeline *t);

const char *tl_kind_name(int kind);
const char *tl_phase_name(int phase);
const char *tl_shape_name(int shape);

/* What is going on at one frame: what the screen and the terminal view draw. */
typedef struct tl_state {
    int64_t frame;
    const tl_event *phase;     /* the phase under way, or NULL */
    const tl_event *caption;   /* the newest caption showing, or NULL */
    const tl_event *card;      /* the instruction card showing, or NULL */
    const tl_event *countdown; /* a visible countdown under way, or NULL */
    const tl_event *gate;      /* a gate waiting, or NULL */
    int step;                  /* leaf step index, -1 before the first */
    int ended;
} tl_state;

void timeline_state_at(const timeline *t, int64_t frame, tl_state *s);
/* The frame the leaf step after (dir > 0) or before (dir < 0) the one at frame begins. For
 * dir < 0, a frame more than 2 s into a step goes back to that step's own start. */
int64_t timeline_step_boundary(const timeline *t, int64_t frame, int dir);

/* ---- the way through: which branch of each ask plays ----
 * 'answers' holds one TL_OPEN / TL_YES / TL_NO per ask (NULL: all open); an open ask plays
 * its default. A branch the answers do not choose is skipped. */
/* The answer ask k plays with these answers. */
int timeline_answer(const timeline *t, const uint8_t *answers, int k);
/* 1 when frame lies in a branch these answers skip. *skip_end gets where the outermost such
 * branch ends. */
int timeline_skipped(const timeline *t, const uint8_t *answers, int64_t frame, int64_t *skip_end);
/* Frames before 'frame' in branches these answers skip (nested branches counted once). */
int64_t timeline_skipped_before(const timeline *t, const uint8_t *answers, int64_t frame);
/* The frame playing goes on from on reaching frame: past every skipped branch that starts
 * there. */
int64_t timeline_path_next(const timeline *t, const uint8_t *answers, int64_t frame);
/* The step boundary like timeline_step_boundary, on the way these answers choose. */
int64_t timeline_path_boundary(const timeline *t, const uint8_t *answers, int64_t frame, int dir);
/* A session's length as played when nobody answers: every ask takes its default. What a
 * listing, the menu and a play's title line show. */
int64_t timeline_length(const timeline *t);
/* The shortest and the longest way through, over every set of answers. */
void timeline_length_range(const timeline *t, int64_t *shortest, int64_t *longest);
/* The ask whose question is under way at frame (question said, gate open), or -1. */
int timeline_ask_at(const timeline *t, int64_t frame);
/* Whether an event or step marked (ask, answer) is played with these answers. */
int timeline_on_path(const timeline *t, const uint8_t *answers, int ask, int answer);

#endif
