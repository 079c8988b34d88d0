/* test_writer.c - the Ogg writer's 48 to 24 kHz half-band filter, and the Ogg file's bytes.
 *
 * The filter keeps every preset tone's partials at their level, removes what would fold
 * back, keeps a sound's start to the output frame, turns silence into exact silence and
 * gives the same bits however its input is split. The writer gives the same Ogg file
 * whatever blocks it is handed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "halfband.h"
#include "pacer/plugin.h"
#include "tone.h"
#include "writer.h"

#include "fixtures.h"

#define TWO_PI 6.283185307179586

static double db(double g) { return 20.0 * log10(fabs(g) + 1e-300); }

/* Every partial of every preset sound (core/model/sounds.c presets, core/audio/tone.c
 * partials): rise 392 to 784 Hz, fall 587.3 to 293.65 Hz, chimes 659.3 and 329.6 Hz with
 * their third harmonics, tick 1200 Hz and its 2.3x partial, beep 880 Hz, the bell's 523.3 Hz
 * with 2.76x, 5.40x and 8.93x, rest 261.6 Hz; and a tone's highest pitch, 8000 Hz. */
static const double partials[] = {392.0,   784.0,   587.3,  293.65, 659.3,  1977.9,         329.6,
                                  988.8,   1200.0,  2760.0, 880.0,  523.3,  523.3 * 2.76,   523.3 * 5.40,
                                  523.3 * 8.93, 261.6, 8000.0, 10000.0};

static void test_passband_and_stopband(void **state)
{
    (void)state;
    halfband d;
    halfband_init(&d);
    for (size_t i = 0; i < sizeof partials / sizeof *partials; i++) {
        double g = db(halfband_gain(&d, partials[i]));
        if (fabs(g) > 0.001)
            fail_msg("%.1f Hz: gain %.5f dB", partials[i], g);
    }
    assert_true(fabs(db(halfband_gain(&d, 0.0))) < 1e-5);
    assert_true(fabs(db(halfband_gain(&d, 12000.0)) + 6.02) < 0.05);
    for (double hz = 14000; hz <= 24000; hz += 25) {
        double g = db(halfband_gain(&d, hz));
        if (g > -100.0)
            fail_msg("%.0f Hz: only %.1f dB down", hz, g);
    }
}

/* A sine through the filter itself: its level at 24 kHz, in dB relative to the input's. */
static double sine_through(double hz)
{
    enum { N = 48000 };
    float *in = malloc(N * sizeof *in), *out = malloc((N / 2 + 64) * sizeof *out);
    assert_non_null(in);
    assert_non_null(out);
    for (int i = 0; i < N; i++)
        in[i] = (float)(0.5 * sin(TWO_PI * hz * i / PACER_RATE));
    halfband d;
    halfband_init(&d);
    int k = halfband_push(&d, in, N, out);
    k += halfband_finish(&d, out + k);
    assert_int_equal(k, N / 2);
    /* away from the ends, where the input starts and stops abruptly; against the input's
     * power over the same frames */
    double in2 = 0, out2 = 0;
    for (int m = 2000; m < N / 2 - 2000; m++) {
        in2 += (double)in[2 * m] * in[2 * m];
        out2 += (double)out[m] * out[m];
    }
    free(in);
    free(out);
    return 10.0 * log10(out2 / in2);
}

static void test_sines_keep_their_level(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof partials / sizeof *partials; i++) {
        double g = sine_through(partials[i]);
        if (fabs(g) > 0.01)
            fail_msg("a %.1f Hz sine comes out at %+.4f dB", partials[i], g);
    }
    /* above 14 kHz nothing is left to fold back */
    assert_true(sine_through(15000.0) < -100.0);
    assert_true(sine_through(20000.0) < -100.0);
}

/* A click at session frame t comes out centred on output frame t / 2: no delay. */
static void test_no_delay(void **state)
{
    (void)state;
    enum { N = 4000 };
    static float in[N], out[N];
    for (int t = 1000; t <= 1001; t++) {
        memset(in, 0, sizeof in);
        in[t] = 1.0f;
        halfband d;
        halfband_init(&d);
        int k = halfband_push(&d, in, N, out);
        k += halfband_finish(&d, out + k);
        assert_int_equal(k, N / 2);
        int peak = 0;
        for (int m = 0; m < k; m++)
            if (fabsf(out[m]) > fabsf(out[peak]))
                peak = m;
        if (t % 2 == 0) {
            assert_int_equal(peak, t / 2);
            assert_true(out[peak] == 0.5f);
            /* symmetric about it: linear phase */
            for (int j = 1; j < 30; j++)
                assert_true(out[peak - j] == out[peak + j]);
        } else {
            /* half way between two output frames: both equal */
            assert_true(out[t / 2] == out[t / 2 + 1]);
            assert_true(peak == t / 2 || peak == t / 2 + 1);
        }
    }
    /* a tone: the output is silent before t / 2 but for the filter's small ripple, and at
     * its level from there */
    float tone[N] = {0};
    tone_params tp = {PACER_SHAPE_SINE, 880.0f, 0.45f, 2000};
    tone_mix(&tp, 0, tone + 1234, 2000);
    halfband d;
    halfband_init(&d);
    int k = halfband_push(&d, tone, N, out);
    k += halfband_finish(&d, out + k);
    for (int m = 0; m < 1234 / 2 - HALFBAND_HALF; m++)
        assert_true(out[m] == 0.0f);
    for (int m = 1234 / 2; m < (1234 + 2000) / 2; m++)
        if (fabsf(out[m] - tone[2 * m]) > 1e-4f)
            fail_msg("output frame %d is %g, the tone there is %g", m, out[m], tone[2 * m]);
}

/* The same bits however the input is split; n frames give (n + 1) / 2; silence stays 0. */
static void test_splits_and_lengths(void **state)
{
    (void)state;
    enum { N = 30001 };
    float *in = malloc(N * sizeof *in), *a = malloc(N * sizeof *a), *b = malloc(N * sizeof *b);
    assert_non_null(in);
    assert_non_null(a);
    assert_non_null(b);
    uint32_t r = 12345;
    for (int i = 0; i < N; i++) {
        r = r * 1664525u + 1013904223u;
        in[i] = i > 20000 ? 0.0f : (float)((double)(r >> 8) / (1 << 24) - 0.5);
    }
    halfband d;
    halfband_init(&d);
    int na = halfband_push(&d, in, N, a);
    na += halfband_finish(&d, a + na);
    assert_int_equal(na, (N + 1) / 2);
    static const int sizes[] = {1, 2, 7, 1023, 1024, 1025, 5000};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        halfband_init(&d);
        int nb = 0;
        for (int done = 0; done < N; done += sizes[s]) {
            int k = N - done < sizes[s] ? N - done : sizes[s];
            nb += halfband_push(&d, in + done, k, b + nb);
        }
        nb += halfband_finish(&d, b + nb);
        assert_int_equal(nb, na);
        assert_memory_equal(a, b, (size_t)na * sizeof *a);
    }
    /* past the noise and the filter's reach: exactly zero */
    for (int m = (20000 + HALFBAND_HALF) / 2 + 1; m < na; m++)
        assert_true(a[m] == 0.0f);
    for (int n = 0; n <= 5; n++) {
        halfband_init(&d);
        int k = halfband_push(&d, in, n, b);
        k += halfband_finish(&d, b + k);
        assert_int_equal(k, (n + 1) / 2);
    }
    free(in);
    free(a);
    free(b);
}

/* The whole file; fails the test when it cannot be read. */
static long file_bytes(const char *path, unsigned char **data)
{
    long n = 0;
    *data = support_read_file(path, &n);
    assert_non_null(*data);
    return n;
}

/* The Ogg file's bytes do not depend on the blocks the writer is handed. */
static void test_ogg_bytes_whatever_the_blocks(void **state)
{
    (void)state;
    enum { N = 5 * PACER_RATE + 777 };
    float *x = calloc(N, sizeof *x);
    assert_non_null(x);
    tone_params beep = {PACER_SHAPE_SINE, 880.0f, 0.45f, 7200};
    tone_params bell = {PACER_SHAPE_BELL, 523.3f, 0.55f, 3 * PACER_RATE};
    tone_mix(&beep, 0, x + 4801, 7200);
    tone_mix(&bell, 0, x + PACER_RATE + 3, 3 * PACER_RATE);
    char dir[256];
    assert_int_equal(support_tmpdir(dir, sizeof dir, "test_writer"), 0);
    static const int sizes[] = {4096, 1, 333, 48000, N};
    unsigned char *ref = NULL;
    long ref_n = 0;
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        char path[300], err[256];
        snprintf(path, sizeof path, "%s/out.ogg", dir);
        writer *w = writer_open(path, WRITER_OGG, "Test", err, sizeof err);
        assert_non_null(w);
        for (int done = 0; done < N; done += sizes[s]) {
            int k = N - done < sizes[s] ? N - done : sizes[s];
            assert_int_equal(writer_write(w, x + done, k, err, sizeof err), 0);
        }
        assert_int_equal(writer_finish(w, err, sizeof err), 0);
        unsigned char *got;
        long n = file_bytes(path, &got);
        assert_true(n > 58 && memcmp(got, "OggS", 4) == 0);
        if (!ref) {
            ref = got;
            ref_n = n;
        } else {
            assert_int_equal(n, ref_n);
            assert_memory_equal(got, ref, (size_t)n);
            free(got);
        }
        unlink(path);
    }
    /* the identification header says mono, 24 kHz: byte 11 of the packet is the channel
     * count, bytes 12..15 the rate (the first page's header is 28 bytes) */
    assert_int_equal(ref[28 + 11], 1);
    assert_int_equal(ref[28 + 12] | ref[28 + 13] << 8 | ref[28 + 14] << 16 | (uint32_t)ref[28 + 15] << 24, 24000);
    free(ref);
    free(x);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_passband_and_stopband),  cmocka_unit_test(test_sines_keep_their_level),
        cmocka_unit_test(test_no_delay),               cmocka_unit_test(test_splits_and_lengths),
        cmocka_unit_test(test_ogg_bytes_whatever_the_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
