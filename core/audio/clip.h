/* clip.h - a sound ready to mix: mono 16-bit samples at PACER_RATE, and the float buffers
 * the speech pipeline resamples and normalizes in before a clip is made.
 *
 * Clips are 16-bit because a session keeps every distinct clip in memory from start to end
 * (96 kB per second of sound, half of 32-bit float). The mixer turns a sample s into the
 * float s / 32768 (CLIP_STEP is exact), so mixing stays sample-exact and deterministic. */
#ifndef PACER_CLIP_H
#define PACER_CLIP_H

#include <stdint.h>

typedef struct clip {
    int16_t *samples; /* mono, PACER_RATE; 32768 is full scale */
    int64_t frames;
} clip;

/* The float value of one clip step: sample s sounds as s * CLIP_STEP (a power of two, so the
 * product is exact and equals s / 32768.0f). */
#define CLIP_STEP (1.0f / 32768.0f)

/* A float work buffer: mono, -1..1. */
typedef struct fclip {
    float *samples;
    int64_t frames;
} fclip;

/* Resamples mono 'in' at in_rate to PACER_RATE with a windowed-sinc filter. The result has
 * exactly round(n * PACER_RATE / in_rate) frames (no frame dropped at the end). Returns 0,
 * or -1 on no memory. out->samples is malloc'd. */
int fclip_resample(const float *in, int64_t n, int in_rate, fclip *out);
/* Scales c so its peak is at 'peak' (0..1); silent buffers are left alone. */
void fclip_normalize(fclip *c, float peak);
void fclip_free(fclip *c);

/* x in 16-bit steps: round(x * 32768) to the nearest (halves away from zero), clamped to
 * -32768..32767. */
int16_t clip_quantize(float x);

/* The clip of n float samples: each quantized (clip_quantize), then the leading and trailing
 * samples quieter than 'floor' (|q| * CLIP_STEP < floor) cut away, keeping exactly 'pad'
 * frames before the first and after the last loud sample: the samples of 'in' where it has
 * them, zeros where it has not. With floor 0 and pad 0 it is a plain conversion of all n.
 * Only the frames kept are allocated. Returns 0 (out->frames 0 and out->samples NULL when
 * no sample reaches floor), or -1 on no memory. */
int clip_from_float(const float *in, int64_t n, float floor, int64_t pad, clip *out);
void clip_free(clip *c);

#endif
