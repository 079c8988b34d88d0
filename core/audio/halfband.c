/* halfband.c - the Ogg writer's 48 to 24 kHz decimator (see halfband.h). */
#include "halfband.h"

#include <math.h>
#include <string.h>

#include "pacer/plugin.h"

#define PI 3.141592653589793
#define KAISER_BETA 11.0

/* The modified Bessel function of the first kind, order 0, by its power series. */
static double bessel_i0(double x)
{
    double sum = 1.0, term = 1.0;
    for (int k = 1; k < 50; k++) {
        term *= (x / (2.0 * k)) * (x / (2.0 * k));
        sum += term;
    }
    return sum;
}

void halfband_init(halfband *d)
{
    memset(d, 0, sizeof *d);
    double h[(HALFBAND_HALF + 1) / 2], sum = 0;
    for (int i = 0; i < (HALFBAND_HALF + 1) / 2; i++) {
        int j = 2 * i + 1;
        double r = (double)j / (HALFBAND_HALF + 1);
        double w = bessel_i0(KAISER_BETA * sqrt(1.0 - r * r)) / bessel_i0(KAISER_BETA);
        h[i] = sin(PI * j / 2.0) / (PI * j) * w;
        sum += h[i];
    }
    /* Both sides together give the other half of the gain at 0 Hz. */
    for (int i = 0; i < (HALFBAND_HALF + 1) / 2; i++)
        d->side[i] = (float)(h[i] * 0.25 / sum);
    d->centre = 0.5f;
    /* Silence before the first frame. */
    d->n = HALFBAND_HALF;
    d->first = -HALFBAND_HALF;
}

enum { BATCH = 256, PAIRS = (HALFBAND_HALF + 1) / 2 };

/* Every output whose taps are all in the buffer; then drops what no output needs. The
 * outputs are computed BATCH at a time, each the same sum in the same order: the centre tap,
 * then the pairs of odd-numbered taps from the nearest out. Their samples are first copied
 * into one row, so the compiler can work on several outputs at once. */
static int drain(halfband *d, float *out)
{
    int k = 0;
    for (;;) {
        int64_t room = d->first + d->n - HALFBAND_HALF - 1 - d->next;
        if (room < 0)
            break;
        int cnt = room / 2 + 1 < BATCH ? (int)(room / 2 + 1) : BATCH;
        const float *c = d->buf + (d->next - d->first);
        float odd[BATCH + HALFBAND_HALF], acc[BATCH];
        /* odd[q] is the sample HALFBAND_HALF before the first centre, plus 2q */
        for (int q = 0; q < cnt + HALFBAND_HALF; q++)
            odd[q] = c[2 * q - HALFBAND_HALF];
        for (int j = 0; j < cnt; j++)
            acc[j] = d->centre * c[2 * j];
        for (int i = 0; i < PAIRS; i++) {
            const float h = d->side[i];
            const float *lo = odd + (PAIRS - 1 - i), *hi = odd + (PAIRS + i);
            for (int j = 0; j < cnt; j++)
                acc[j] += h * (lo[j] + hi[j]);
        }
        memcpy(out + k, acc, (size_t)cnt * sizeof *acc);
        k += cnt;
        d->next += 2 * cnt;
    }
    int drop = (int)(d->next - HALFBAND_HALF - d->first);
    if (drop > 0) {
        memmove(d->buf, d->buf + drop, (size_t)(d->n - drop) * sizeof *d->buf);
        d->n -= drop;
        d->first += drop;
    }
    return k;
}

int halfband_push(halfband *d, const float *in, int n, float *out)
{
    int made = 0;
    for (int done = 0; done < n;) {
        int take = n - done < HALFBAND_PIECE ? n - done : HALFBAND_PIECE;
        memcpy(d->buf + d->n, in + done, (size_t)take * sizeof *in);
        d->n += take;
        done += take;
        made += drain(d, out + made);
    }
    return made;
}

int halfband_finish(halfband *d, float *out)
{
    /* Silence after the last frame, as far as the last output's taps reach: every output
     * centred on an input frame is then complete. */
    memset(d->buf + d->n, 0, HALFBAND_HALF * sizeof *d->buf);
    d->n += HALFBAND_HALF;
    return drain(d, out);
}

double halfband_gain(const halfband *d, double hz)
{
    double g = d->centre;
    for (int i = 0; i < (HALFBAND_HALF + 1) / 2; i++)
        g += 2.0 * d->side[i] * cos(2.0 * PI * hz * (2 * i + 1) / PACER_RATE);
    return g;
}
