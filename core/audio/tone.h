/* tone.h - tones synthesized in the core: no asset needed. Each sample is a pure function of
 * the tone and its index, so a tone mixed in pieces of any size is the same to the bit. */
#ifndef PACER_TONE_H
#define PACER_TONE_H

#include <stdint.h>

#include "pacer/plugin.h"

typedef struct tone_params {
    pacer_shape shape;
    double hz, level;
    int64_t len; /* frames */
} tone_params;

/* Adds samples [from, from + n) of the tone to out[0..n). */
void tone_mix(const tone_params *t, int64_t from, float *out, int n);

#endif
