/* test_sounds.c - the preset phase sounds, told apart by ear: every pair differs clearly in
 * pitch and in its shape in time, measured from the samples the mixer plays.
 *
 * Each preset is rendered with tone_mix, as the mixer renders a tone event, and measured:
 *
 * - pitch: the strongest partial of each 2048-frame (43 ms) Hann window, every 5 ms, from an
 *   FFT zero-padded to 16384 points with parabolic interpolation on the log magnitude; only
 *   windows within 20 dB of the loudest count. Every preset has its fundamental as its
 *   strongest partial, so this is the pitch heard (checked below against the presets' own
 *   pitches). A sound's pitch is the median over its first half and over its second half, so
 *   a glide up and a glide down differ even where they cross. Two sounds' pitch distance is
 *   the larger of the two differences, in semitones.
 * - envelope: the RMS of every 10 ms, divided by the sound's loudest 10 ms. Two sounds'
 *   envelope distance is the mean absolute difference of their envelopes over the longer
 *   one (a sound that has ended counts as 0): 0 for the same shape and length, 1 for a sound
 *   at full level against silence.
 *
 * A clear margin: at least 2.5 semitones apart in pitch (a whole tone and more; a minor third
 * between the closest notes, 659 and 784 Hz) and at least 0.15 apart in envelope (as much as
 * a steady tone a sixth longer than another, or a strike against a swell many times over). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "tone.h"

#define PI 3.141592653589793
#define WIN 2048
#define NFFT 16384
#define HOP (PACER_RATE / 200)      /* 5 ms */
#define ENV_FRAME (PACER_RATE / 100) /* 10 ms */

static const double PITCH_MARGIN = 2.5;     /* semitones */
static const double ENVELOPE_MARGIN = 0.15; /* mean absolute difference of peak-normalized envelopes */

typedef struct measured {
    const char *name;
    double pitch[2]; /* semitones above 440 Hz: median of the first half, of the second half */
    double *env;
    int nenv;
} measured;

/* The phase sounds: a patient hears these change with eyes closed. */
static const struct {
    pacer_sound sound;
    const char *name;
} phase_sounds[] = {
    {PACER_SOUND_INHALE, "inhale"},   {PACER_SOUND_HOLD_IN, "hold-in"}, {PACER_SOUND_EXHALE, "exhale"},
    {PACER_SOUND_HOLD_OUT, "hold-out"}, {PACER_SOUND_HOLD, "stretch hold"}, {PACER_SOUND_REP_END, "rep end"},
    {PACER_SOUND_REST, "rest"},       {PACER_SOUND_TICK, "countdown tick"},
};
enum { NSOUNDS = sizeof phase_sounds / sizeof phase_sounds[0] };

/* In-place iterative radix-2 FFT. */
static void fft(double complex *a, int n)
{
    for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j) {
            double complex t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
    for (int len = 2; len <= n; len <<= 1) {
        double complex w = cexp(-2.0 * PI * I / len);
        for (int i = 0; i < n; i += len) {
            double complex u = 1.0;
            for (int k = 0; k < len / 2; k++) {
                double complex x = a[i + k], y = a[i + k + len / 2] * u;
                a[i + k] = x + y;
                a[i + k + len / 2] = x - y;
                u *= w;
            }
        }
    }
}

/* The frequency of the strongest partial in samples [at, at + WIN), zero outside [0, n). */
static double strongest_hz(const float *s, int64_t n, int64_t at, double complex *buf)
{
    for (int i = 0; i < NFFT; i++) {
        int64_t k = at + i;
        double w = i < WIN ? 0.5 - 0.5 * cos(2.0 * PI * i / (WIN - 1)) : 0.0;
        buf[i] = i < WIN && k >= 0 && k < n ? s[k] * w : 0.0;
    }
    fft(buf, NFFT);
    int best = 1;
    for (int i = 2; i < NFFT / 2 - 1; i++)
        if (cabs(buf[i]) > cabs(buf[best]))
            best = i;
    double l = log(cabs(buf[best - 1]) + 1e-30), c = log(cabs(buf[best]) + 1e-30), r = log(cabs(buf[best + 1]) + 1e-30);
    double d = l - 2 * c + r != 0 ? 0.5 * (l - r) / (l - 2 * c + r) : 0.0;
    return (best + d) * PACER_RATE / NFFT;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static double rms(const float *s, int64_t n, int64_t at, int len)
{
    double sum = 0;
    for (int i = 0; i < len; i++)
        if (at + i >= 0 && at + i < n)
            sum += (double)s[at + i] * s[at + i];
    return sqrt(sum / len);
}

static measured measure(pacer_sound snd, const char *name)
{
    pacer_tone t;
    assert_true(sound_tone(snd, &t));
    tone_params tp = {t.shape, t.hz, t.level, (int64_t)llround(t.ms * PACER_RATE / 1000.0)};
    const int64_t n = tp.len;
    float *s = calloc((size_t)n, sizeof *s);
    assert_non_null(s);
    tone_mix(&tp, 0, s, (int)n);

    measured m = {name, {0, 0}, NULL, 0};
    m.nenv = (int)((n + ENV_FRAME - 1) / ENV_FRAME);
    m.env = calloc((size_t)m.nenv, sizeof *m.env);
    assert_non_null(m.env);
    double top = 0;
    for (int i = 0; i < m.nenv; i++) {
        m.env[i] = rms(s, n, (int64_t)i * ENV_FRAME, ENV_FRAME);
        top = fmax(top, m.env[i]);
    }
    assert_true(top > 0);
    for (int i = 0; i < m.nenv; i++)
        m.env[i] /= top;

    /* windows centred on every 5 ms of the sound; those within 20 dB of the loudest count */
    int nwin = (int)(n / HOP) + 1, nvoiced = 0;
    double *level = calloc((size_t)nwin, sizeof *level), *pitch = calloc((size_t)nwin, sizeof *pitch);
    double complex *buf = malloc(NFFT * sizeof *buf);
    assert_non_null(level);
    assert_non_null(pitch);
    assert_non_null(buf);
    double loudest = 0;
    for (int w = 0; w < nwin; w++) {
        level[w] = rms(s, n, (int64_t)w * HOP - WIN / 2, WIN);
        loudest = fmax(loudest, level[w]);
    }
    for (int w = 0; w < nwin; w++)
        if (level[w] >= loudest * 0.1)
            pitch[nvoiced++] = 12.0 * log2(strongest_hz(s, n, (int64_t)w * HOP - WIN / 2, buf) / 440.0);
    assert_true(nvoiced >= 2);
    int half = nvoiced / 2;
    m.pitch[0] = median(pitch, half);
    m.pitch[1] = median(pitch + half, nvoiced - half);
    free(buf);
    free(pitch);
    free(level);
    free(s);
    return m;
}

static double pitch_distance(const measured *a, const measured *b)
{
    return fmax(fabs(a->pitch[0] - b->pitch[0]), fabs(a->pitch[1] - b->pitch[1]));
}

static double envelope_distance(const measured *a, const measured *b)
{
    int n = a->nenv > b->nenv ? a->nenv : b->nenv;
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += fabs((i < a->nenv ? a->env[i] : 0.0) - (i < b->nenv ? b->env[i] : 0.0));
    return sum / n;
}

static double hz(double semitones) { return 440.0 * pow(2.0, semitones / 12.0); }

/* The measure itself: steady presets read at their own pitch, glides start low and end high
 * (or the reverse), so a distance below is a distance between the sounds, not the method's. */
static void test_measure_reads_the_presets(void **state)
{
    (void)state;
    const pacer_sound steady[] = {PACER_SOUND_HOLD, PACER_SOUND_HOLD_IN, PACER_SOUND_HOLD_OUT, PACER_SOUND_REP_END,
                                  PACER_SOUND_REST};
    for (size_t i = 0; i < sizeof steady / sizeof steady[0]; i++) {
        pacer_tone t;
        assert_true(sound_tone(steady[i], &t));
        measured m = measure(steady[i], "steady");
        for (int k = 0; k < 2; k++)
            if (fabs(12.0 * log2(hz(m.pitch[k]) / t.hz)) > 0.3)
                fail_msg("sound %d: %.1f Hz measured, %.1f Hz made", (int)steady[i], hz(m.pitch[k]), t.hz);
        free(m.env);
    }
    measured in = measure(PACER_SOUND_INHALE, "inhale"), out = measure(PACER_SOUND_EXHALE, "exhale");
    assert_true(in.pitch[1] - in.pitch[0] > 4.0);   /* up, about half an octave between the halves' medians */
    assert_true(out.pitch[0] - out.pitch[1] > 4.0); /* down */
    /* the inhale grows; the exhale does not */
    assert_true(in.env[in.nenv / 4] < in.env[3 * in.nenv / 4]);
    assert_true(out.env[out.nenv / 4] > 0.9 && out.env[3 * out.nenv / 4] > 0.9);
    free(in.env);
    free(out.env);
}

static void test_every_pair_differs_in_pitch_and_envelope(void **state)
{
    (void)state;
    measured m[NSOUNDS];
    for (int i = 0; i < NSOUNDS; i++)
        m[i] = measure(phase_sounds[i].sound, phase_sounds[i].name);
    double min_pitch = 1e9, min_env = 1e9;
    int failed = 0;
    print_message("%-15s %-17s %8s %9s\n", "sound", "and", "pitch", "envelope");
    for (int i = 0; i < NSOUNDS; i++)
        for (int j = i + 1; j < NSOUNDS; j++) {
            double p = pitch_distance(&m[i], &m[j]), e = envelope_distance(&m[i], &m[j]);
            min_pitch = fmin(min_pitch, p);
            min_env = fmin(min_env, e);
            int bad = p < PITCH_MARGIN || e < ENVELOPE_MARGIN;
            print_message("%-15s %-17s %5.1f st %9.3f%s\n", m[i].name, m[j].name, p, e, bad ? "  TOO CLOSE" : "");
            failed |= bad;
        }
    print_message("closest: %.2f semitones, envelope %.3f (margins %.1f and %.2f)\n", min_pitch, min_env,
                  PITCH_MARGIN, ENVELOPE_MARGIN);
    for (int i = 0; i < NSOUNDS; i++)
        free(m[i].env);
    if (failed)
        fail_msg("some phase sounds are too alike in pitch or envelope (see above)");
}

/* The measure tells two copies of one sound apart from nothing: the distances are 0. */
static void test_same_sound_distance_is_zero(void **state)
{
    (void)state;
    measured a = measure(PACER_SOUND_HOLD_IN, "a"), b = measure(PACER_SOUND_HOLD_IN, "b");
    assert_true(pitch_distance(&a, &b) == 0.0);
    assert_true(envelope_distance(&a, &b) == 0.0);
    free(a.env);
    free(b.env);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_measure_reads_the_presets),
        cmocka_unit_test(test_same_sound_distance_is_zero),
        cmocka_unit_test(test_every_pair_differs_in_pitch_and_envelope),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
