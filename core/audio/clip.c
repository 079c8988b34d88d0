/* clip.c - clip helpers: windowed-sinc resampling to PACER_RATE and peak normalization (in
 * float), and the quantized, trimmed 16-bit clip made from a float buffer.
 *
 * The resampler is a plain polyphase FIR: output frame j sits at input time j * in / out, and
 * is the sum of the input samples within TAPS input periods on each side (TAPS scaled up when
 * downsampling), weighted by a sinc cut off below the lower of the two Nyquist frequencies
 * and shaped by a Kaiser window (coefficients tabulated per phase, or on a fine grid and
 * interpolated for odd rates). Samples outside the input count as silence, so the last
 * output frames are computed like all others and none is dropped. Everything is computed
 * from integers and the same doubles in the same order, so the output is deterministic. */
#include "clip.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pacer/plugin.h"

enum {
    TAPS = 32,               /* taps per side at the lower of the two rates */
    MAX_WIDEN = 16,          /* downsampling by more than this keeps a 16x filter */
    MAX_HALF = TAPS * MAX_WIDEN,
    MAX_TABLE_PHASES = 4096, /* above this many phases, the interpolated grid is used */
    GRID_PHASES = 512,
};
static const double PI = 3.14159265358979323846;
static const double CUTOFF = 0.92; /* fraction of the lower Nyquist frequency (-6 dB point) */
static const double BETA = 8.0;    /* Kaiser window shape: about -80 dB side lobes */

static int64_t gcd64(int64_t a, int64_t b)
{
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Modified Bessel function of the first kind, order 0 (power series). */
static double bessel_i0(double x)
{
    double sum = 1, term = 1, q = x * x / 4;
    for (int k = 1; k < 64; k++) {
        term *= q / ((double)k * k);
        sum += term;
        if (term < sum * 1e-17)
            break;
    }
    return sum;
}

typedef struct filter {
    int half;       /* taps on each side, in input samples */
    double fc;      /* cutoff in cycles per input sample */
    double i0_beta; /* bessel_i0(BETA) */
} filter;

/* The 2*half coefficients for an output at input position i0 + frac (0 <= frac < 1), for
 * input samples i0 - half + 1 .. i0 + half, normalized to sum 1 (unity gain at DC). */
static void coefficients(const filter *f, double frac, float *out)
{
    double sum = 0;
    double tmp[2 * MAX_HALF];
    int n = 2 * f->half;
    for (int k = 0; k < n; k++) {
        double x = (double)(k - f->half + 1) - frac; /* distance from the output position */
        double r = x / f->half;
        double w = r <= -1 || r >= 1 ? 0 : bessel_i0(BETA * sqrt(1 - r * r)) / f->i0_beta;
        double a = 2 * PI * f->fc * x;
        double s = fabs(x) < 1e-12 ? 1 : sin(a) / a;
        tmp[k] = 2 * f->fc * s * w;
        sum += tmp[k];
    }
    for (int k = 0; k < n; k++)
        out[k] = (float)(tmp[k] / sum);
}

int fclip_resample(const float *in, int64_t n, int in_rate, fclip *out)
{
    out->samples = NULL;
    out->frames = 0;
    if (n < 0 || in_rate <= 0)
        return -1;
    const int64_t rate_out = PACER_RATE;
    int64_t frames = (n * rate_out + in_rate / 2) / in_rate; /* round(n * out / in) */
    if (frames == 0) {
        out->samples = malloc(sizeof(float));
        return out->samples ? 0 : -1;
    }
    float *dst = malloc((size_t)frames * sizeof *dst);
    if (!dst)
        return -1;
    if (in_rate == rate_out) {
        memcpy(dst, in, (size_t)n * sizeof *dst);
        out->samples = dst;
        out->frames = frames;
        return 0;
    }

    filter f;
    int lower = in_rate < rate_out ? in_rate : (int)rate_out;
    f.fc = CUTOFF * 0.5 * lower / in_rate;
    /* Downsampling widens the filter (in input samples) by the ratio, up to MAX_WIDEN. */
    double widen = (double)in_rate / lower;
    if (widen > MAX_WIDEN)
        widen = MAX_WIDEN;
    f.half = (int)ceil(TAPS * widen);
    f.i0_beta = bessel_i0(BETA);
    int ntap = 2 * f.half;

    /* Output j is at input time j * step_num / step_den exactly. */
    int64_t g = gcd64(in_rate, rate_out);
    int64_t step_num = in_rate / g, step_den = rate_out / g;
    /* One row of coefficients per phase. With many phases (rates with a small common
     * divisor, such as 44101 Hz), rows on a grid of GRID_PHASES instead, and each frame's
     * coefficients interpolated linearly between the two rows around its phase. */
    int exact = step_den <= MAX_TABLE_PHASES;
    int64_t rows = exact ? step_den : GRID_PHASES + 1;
    float *table = malloc((size_t)rows * (size_t)ntap * sizeof *table);
    if (!table) {
        free(dst);
        return -1;
    }
    for (int64_t p = 0; p < rows; p++)
        coefficients(&f, exact ? (double)p / (double)step_den : (double)p / GRID_PHASES, table + p * ntap);
    float local[2 * MAX_HALF];
    for (int64_t j = 0; j < frames; j++) {
        int64_t pos = j * step_num;
        int64_t i0 = pos / step_den, phase = pos % step_den;
        int64_t first = i0 - f.half + 1;
        int k0 = first < 0 ? (int)-first : 0;
        int k1 = first + ntap > n ? (int)(n - first) : ntap;
        if (k1 <= k0) {
            dst[j] = 0;
            continue;
        }
        const float *h;
        if (exact) {
            h = table + phase * ntap;
        } else {
            double at = (double)phase / (double)step_den * GRID_PHASES;
            int64_t row = (int64_t)at;
            float t = (float)(at - (double)row);
            const float *r0 = table + row * ntap, *r1 = r0 + ntap;
            for (int k = k0; k < k1; k++)
                local[k] = r0[k] + t * (r1[k] - r0[k]);
            h = local;
        }
        /* Four running sums in a fixed order: faster, and still the same result every time. */
        const float *x = in + (first + k0), *c = h + k0;
        int m = k1 - k0, k = 0;
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (; k + 4 <= m; k += 4) {
            a0 += c[k] * x[k];
            a1 += c[k + 1] * x[k + 1];
            a2 += c[k + 2] * x[k + 2];
            a3 += c[k + 3] * x[k + 3];
        }
        for (; k < m; k++)
            a0 += c[k] * x[k];
        dst[j] = (a0 + a1) + (a2 + a3);
    }
    free(table);
    out->samples = dst;
    out->frames = frames;
    return 0;
}

void fclip_normalize(fclip *c, float peak)
{
    float m = 0;
    for (int64_t i = 0; i < c->frames; i++) {
        float a = fabsf(c->samples[i]);
        if (a > m)
            m = a;
    }
    if (m <= 0 || !isfinite(m))
        return;
    float g = peak / m;
    for (int64_t i = 0; i < c->frames; i++)
        c->samples[i] *= g;
}

void fclip_free(fclip *c)
{
    if (!c)
        return;
    free(c->samples);
    c->samples = NULL;
    c->frames = 0;
}

int16_t clip_quantize(float x)
{
    float q = roundf(x * 32768.0f);
    /* through an integer, so -0 becomes 0; NaN (never produced here) counts as silence */
    return q > 32767.0f ? 32767 : q < -32768.0f ? -32768 : q == q ? (int16_t)q : 0;
}

static int loud(float x, float floor) { return fabsf(clip_quantize(x) * CLIP_STEP) >= floor; }

int clip_from_float(const float *in, int64_t n, float floor, int64_t pad, clip *out)
{
    out->samples = NULL;
    out->frames = 0;
    if (pad < 0)
        pad = 0;
    int64_t first = 0, last = n - 1;
    while (first < n && !loud(in[first], floor))
        first++;
    if (first == n) /* nothing reaches the floor: nothing to keep */
        return 0;
    while (last > first && !loud(in[last], floor))
        last--;
    int64_t start = first - pad, frames = last + 1 + pad - start;
    int16_t *dst = malloc((size_t)frames * sizeof *dst);
    if (!dst)
        return -1;
    for (int64_t k = 0; k < frames; k++) {
        int64_t i = start + k;
        dst[k] = i >= 0 && i < n ? clip_quantize(in[i]) : 0;
    }
    out->samples = dst;
    out->frames = frames;
    return 0;
}

void clip_free(clip *c)
{
    if (!c)
        return;
    free(c->samples);
    c->samples = NULL;
    c->frames = 0;
}
