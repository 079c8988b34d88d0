/* mixer.h - the one mixer: the cues due in the next n frames, each from its exact frame.
 *
 * The SDL audio callback calls it, `pacer render` calls it in a loop, the no-device clock
 * calls it too: what a therapist renders is, sample for sample, what the patient hears.
 * mixer_render never allocates, locks or touches a file. Output is mono at PACER_RATE.
 * Cues are summed in timeline order, so any split of the same range gives identical bits. */
#ifndef PACER_MIXER_H
#define PACER_MIXER_H

#include <stdint.h>

#include "clip.h"
#include "timeline.h"

enum { MIXER_MAX_ACTIVE = 64 };

typedef struct mixer {
    const timeline *t;
    const clip *const *clips; /* per event index: the clip of a speak or play event, or NULL */
    int *audible;             /* indices of tone, speak and play events, in timeline order */
    int naudible;
    int64_t longest;          /* the longest audible event, in frames */
    int64_t end;              /* the frame after the last sound */
    const clip *ambience;     /* looped under the session, ducked under speech; may be NULL */
    float ambience_level;
    int *speech;              /* indices of speak and play events, for ducking */
    int nspeech;
    /* the way through the asks' branches (timeline.h): one answer per ask, TL_OPEN until
     * the player sets it or its gate ends (then its default); how each came about */
    uint8_t *answers;
    uint8_t *how;             /* MIXER_ANSWERED, MIXER_BY_DEFAULT or MIXER_IMPLIED */
    int64_t skipped;          /* frames of skipped branches jumped over to reach pos */
    /* streaming state */
    int64_t pos;
    int next;                 /* the next audible event to start */
    int active[MIXER_MAX_ACTIVE];
    int64_t shift[MIXER_MAX_ACTIVE]; /* per active cue: frames jumped since it started */
    int nactive;
} mixer;

/* How an ask's answer came about. */
enum {
    MIXER_ANSWERED = 1,   /* given by the patient (mixer_answer) */
    MIXER_BY_DEFAULT = 2, /* the gate ended (or was skipped) with no answer: the default */
    MIXER_IMPLIED = 3,    /* playing was moved into one of its branches (a skip, a resume) */
};

/* clips may be NULL (silence for speech: captions only). ambience may be NULL. Returns 0, or
 * -1 on no memory. */
int mixer_init(mixer *m, const timeline *t, const clip *const *clips, const clip *ambience);
void mixer_free(mixer *m);
/* Moves to frame. With whole_cues, a cue already under way at frame is heard from its middle
 * (random access equals continuous play); without, only cues that start at or after frame
 * play (a clean start after a skip). */
void mixer_seek(mixer *m, int64_t frame, int whole_cues);
/* Writes the next n frames of the way through into out (overwritten) and advances pos:
 * where a branch the answers do not choose begins, pos jumps past it at that exact frame
 * (cues under way go on), so any split of the same stretch gives identical bits. */
void mixer_render(mixer *m, float *out, int n);
/* Gives ask k's answer (TL_YES or TL_NO; TL_OPEN: its default, as if nobody answered, unless
 * it has an answer already); a jump it causes happens at pos. */
void mixer_answer(mixer *m, int k, int answer);
/* The frames left to play from pos to the end on the way the answers choose (open asks:
 * their defaults). */
int64_t mixer_left(const mixer *m);

#endif
