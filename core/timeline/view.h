/* view.h - what a patient is shown at one frame, in words: the one model the terminal view
 * and the window both draw, so they never disagree. Pure C. */
#ifndef PACER_VIEW_H
#define PACER_VIEW_H

#include "timeline.h"

typedef struct view_model {
    tl_state st;
    const char *phase_words; /* "Breathe in", "Hold", "Rest"...; "" when none */
    int phase_kind;          /* pacer_phase */
    double phase_progress;   /* 0..1 through the phase */
    int seconds_left;        /* in the phase, rounded up; 0 when none */
    int countdown;           /* 1 when a visible countdown is under way */
    char side[64];           /* "Left side", or "" */
    char rep[48];            /* "Rep 2 of 4", "Breath 3 of 30", or "" */
    char set[32];            /* "Set 1 of 2", or "" */
    const char *caption;     /* the text being spoken, or NULL */
    const char *card;        /* the instruction card, or NULL */
    int64_t elapsed, total;  /* frames */
    int waiting;             /* a ready gate: a tap goes on */
    const char *step_type;   /* the step under way ("breathe", a plugin's...), or NULL */
    double step_seconds;     /* since it began */
    double step_length;      /* its whole length */
    int ended;
} view_model;

void view_at(const timeline *t, int64_t frame, view_model *v);
/* The words for a phase kind, in a language ("es"; NULL: the user's). */
const char *view_phase_words(int phase, const char *language);
/* The side line for a side's name in a language: "Left side", "Lado izquierdo". */
void view_side_line(const char *side, const char *language, char *out, size_t n);

#endif
