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
    /* streaming state */
    int64_t pos;
    int next;                 /* the next audible event to start */
    int active[MIXER_MAX_ACTIVE];
    int nactive;
} mixer;

/* clips may be NULL (silence for speech: captions only). ambience may be NULL. Returns 0, or
 * -1 on no memory. */
int mixer_init(mixer *m, const timeline *t, const clip *const *clips, const clip *ambience);
void mixer_free(mixer *m);
/* Moves to frame. With whole_cues, a cue already under way at frame is heard from its middle
 * (random access equals continuous play); without, only cues that start at or after frame
 * play (a clean start after a skip). */
void mixer_seek(mixer *m, int64_t frame, int whole_cues);
/* Writes frames [pos, pos + n) into out (overwritten) and advances pos. */
void mixer_render(mixer *m, float *out, int n);

#endif
