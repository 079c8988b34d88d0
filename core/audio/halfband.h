/* halfband.h - 48 kHz to 24 kHz for the Ogg Vorbis writer: a linear-phase half-band FIR
 * low-pass, then every second sample, with the filter's delay compensated.
 *
 * The filter: 95 taps, h[j] for j = -47..47, a Kaiser-windowed sinc (beta 11) cut at
 * 12 kHz: h[0] = 1/2, h[j] = sin(pi j / 2) / (pi j) * kaiser(j) for odd j, 0 for even j != 0,
 * the odd taps scaled so the gain at 0 Hz is exactly 1. Its response is flat to within
 * 0.0001 dB up to 10 kHz, -6 dB at 12 kHz and at least 108 dB down from 14 kHz up; what it
 * lets through between 12 and 14 kHz folds only into 10 to 12 kHz. Being symmetric, it
 * delays every frequency by the same 47 input frames; each output is computed around its
 * centre, so output frame m is the input around frame 2m: a sound starting at 48 kHz frame
 * t starts at 24 kHz frame t / 2, without delay. Before the first frame and after the last
 * the input counts as silence. Every output is the same function of the input however it is
 * split into calls, in float, summed in a fixed order: the same input gives the same bits. */
#ifndef PACER_HALFBAND_H
#define PACER_HALFBAND_H

#include <stdint.h>

enum {
    HALFBAND_HALF = 47,                     /* taps on each side of the centre */
    HALFBAND_PIECE = 1024,                  /* input taken into the buffer at a time */
    HALFBAND_CAP = 3 * HALFBAND_HALF + 2 + HALFBAND_PIECE,
};

typedef struct halfband {
    float centre;                           /* h[0] */
    float side[(HALFBAND_HALF + 1) / 2];    /* h[1], h[3], ..., h[47] */
    float buf[HALFBAND_CAP];
    int n;                                  /* frames in buf */
    int64_t first;                          /* input frame index of buf[0] */
    int64_t next;                           /* centre of the next output: 2m */
} halfband;

void halfband_init(halfband *d);
/* Takes n input frames; writes the outputs they complete to out (room for n / 2 + 1) and
 * returns how many. */
int halfband_push(halfband *d, const float *in, int n, float *out);
/* After the last input: writes the outputs still owed (room for HALFBAND_HALF / 2 + 2)
 * and returns how many. In all, n input frames give (n + 1) / 2 outputs. */
int halfband_finish(halfband *d, float *out);
/* The filter's gain at hz (of the 48 kHz input), as its coefficients give it. */
double halfband_gain(const halfband *d, double hz);

#endif
