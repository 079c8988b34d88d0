/* clip.h - a sound ready to mix: mono float samples at PACER_RATE. */
#ifndef PACER_CLIP_H
#define PACER_CLIP_H

#include <stdint.h>

typedef struct clip {
    float *samples; /* mono, PACER_RATE, -1..1 */
    int64_t frames;
} clip;

/* Resamples mono 'in' at in_rate to PACER_RATE with a windowed-sinc filter. The result has
 * exactly round(n * PACER_RATE / in_rate) frames (no frame dropped at the end). Returns 0,
 * or -1 on no memory. out->samples is malloc'd. */
int clip_resample(const float *in, int64_t n, int in_rate, clip *out);
/* Scales c so its peak is at 'peak' (0..1); silent clips are left alone. */
void clip_normalize(clip *c, float peak);
/* Trims leading and trailing samples quieter than 'floor', keeping 'pad' frames of each. */
void clip_trim(clip *c, float floor, int64_t pad);
void clip_free(clip *c);

#endif
