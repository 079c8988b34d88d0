/* tone.c - beep, bell, chime, rising and falling glides, tick, swell and double strike.
 *
 * Every phase a patient follows with eyes closed has its own pitch and its own shape in time
 * (tests/audio/test_sounds.c measures both from the samples): the inhale glides up and grows,
 * the exhale glides down at an even level, a breath held in swells softly with no strike, a breath
 * held out is two soft low strikes, a stretch hold one struck chime. */
#include "tone.h"

#include <math.h>

#define TWO_PI 6.283185307179586
#define PI 3.141592653589793
#define LN2 0.6931471805599453

/* Raised-cosine ramps at both ends keep every tone click-free. */
static double edge(int64_t i, int64_t len, int64_t attack, int64_t release)
{
    if (attack > len / 2)
        attack = len / 2;
    if (release > len / 2)
        release = len / 2;
    if (i < attack)
        return 0.5 - 0.5 * cos(PI * (double)i / (double)attack);
    if (i >= len - release)
        return 0.5 - 0.5 * cos(PI * (double)(len - i) / (double)release);
    return 1.0;
}

static double sample_at(const tone_params *t, int64_t i)
{
    const double sec = (double)i / PACER_RATE;
    const double dur = (double)t->len / PACER_RATE;
    const double f = t->hz;
    const int64_t ms = PACER_RATE / 1000;
    switch (t->shape) {
    case PACER_SHAPE_SINE: return sin(TWO_PI * f * sec) * edge(i, t->len, 5 * ms, 20 * ms);
    case PACER_SHAPE_BELL: {
        /* Struck: inharmonic partials, the higher ones dying faster. */
        static const double ratio[] = {1.0, 2.76, 5.40, 8.93};
        static const double amp[] = {0.62, 0.25, 0.09, 0.04};
        static const double decay[] = {1.0, 1.7, 3.0, 4.5};
        double tau = dur / 4.5, v = 0;
        for (int k = 0; k < 4; k++)
            v += amp[k] * exp(-sec * decay[k] / tau) * sin(TWO_PI * f * ratio[k] * sec);
        return v * edge(i, t->len, 2 * ms, 30 * ms);
    }
    case PACER_SHAPE_CHIME: {
        double tau = dur / 3.0;
        double v = 0.75 * sin(TWO_PI * f * sec) + 0.25 * sin(TWO_PI * f * 3.0 * sec);
        return v * exp(-sec / tau) * edge(i, t->len, 3 * ms, 25 * ms);
    }
    case PACER_SHAPE_RISE:
    case PACER_SHAPE_FALL: {
        /* An exponential glide over one octave: f(t) = f0 * 2^(+-t/dur); phase is its integral.
         * A breath in grows from 0.4 to full level; a breath out keeps its level (a fade
         * would make it too like a struck sound's decay). */
        const int rise = t->shape == PACER_SHAPE_RISE;
        double k = (rise ? 1.0 : -1.0) * LN2 / dur;
        double phase = TWO_PI * f * (exp(k * sec) - 1.0) / k;
        double gain = rise ? 0.4 + 0.6 * sec / dur : 1.0;
        return sin(phase) * gain * edge(i, t->len, 15 * ms, 60 * ms);
    }
    case PACER_SHAPE_SWELL: {
        /* Bowed rather than struck: rises over the first 40 % and fades over the rest, a soft
         * octave above the fundamental. */
        double x = sec / dur;
        double env = x < 0.4 ? 0.5 - 0.5 * cos(PI * x / 0.4) : 0.5 + 0.5 * cos(PI * (x - 0.4) / 0.6);
        double v = 0.8 * sin(TWO_PI * f * sec) + 0.2 * sin(TWO_PI * f * 2.0 * sec);
        return v * env * edge(i, t->len, 5 * ms, 20 * ms);
    }
    case PACER_SHAPE_DOUBLE: {
        /* Two soft strikes of a warm low note, the second at 45 % of the length and a little
         * quieter, each with three harmonic partials and a short decay. */
        double tau = dur / 6.0, v = 0;
        const double at[2] = {0.0, 0.45 * dur}, amp[2] = {1.0, 0.8};
        for (int s = 0; s < 2; s++) {
            double u = sec - at[s];
            if (u < 0)
                continue;
            double a = u < 0.003 ? 0.5 - 0.5 * cos(PI * u / 0.003) : 1.0; /* 3 ms, click-free */
            v += amp[s] * a * exp(-u / tau) *
                 (0.6 * sin(TWO_PI * f * u) + 0.3 * sin(TWO_PI * f * 2.0 * u) + 0.1 * sin(TWO_PI * f * 3.0 * u));
        }
        return v * edge(i, t->len, ms, 25 * ms);
    }
    case PACER_SHAPE_TICK: {
        /* A short woody knock: two partials with a very fast decay. */
        double v = 0.7 * sin(TWO_PI * f * sec) + 0.3 * sin(TWO_PI * f * 2.3 * sec);
        return v * exp(-sec / 0.008) * edge(i, t->len, ms / 2, 5 * ms);
    }
    }
    return 0.0;
}

void tone_mix(const tone_params *t, int64_t from, float *out, int n)
{
    for (int k = 0; k < n; k++) {
        int64_t i = from + k;
        if (i < 0 || i >= t->len)
            continue;
        out[k] += (float)(t->level * sample_at(t, i));
    }
}
