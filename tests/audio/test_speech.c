/* test_speech.c - the clip helpers and the speech service: resampling, trimming, both engines,
 * the memory and disk caches, voice choice and fallbacks. Runs with XDG_CACHE_HOME in a fresh
 * temporary folder, so it never touches the user's cache. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <espeak-ng/speak_lib.h>

#include "clip.h"
#include "pace.h"
#include "pacer/plugin.h"
#include "speech.h"
#include "speech_engine.h"

#include "fixtures.h"
#include "speech_fixture.h"

static const double PI = 3.14159265358979323846;
static const char *PHRASE = "Breathe in, belly rises.";
static const int64_t PAD = PACER_RATE * 30 / 1000; /* as in speech.c */
static const float FLOOR = 0.004f;                 /* as in speech.c */

/* PACER_TEST_QUICK (set for the run under valgrind): fewer lengths, rates and damages, and
 * only the voices Pacer picks by default. */
static int quick;
static char tmp_root[256];
static int dir_counter;

/* ---- helpers ---- */

/* A fresh folder name under the test's temporary root (not created). */
static void fresh_dir(char *buf, size_t n)
{
    snprintf(buf, n, "%s/cache%d", tmp_root, ++dir_counter);
}

/* The one *.clip file in dir (the test makes sure there is exactly one). */
static int only_clip_file(const char *dir, char *out, size_t n)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int found = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l > 5 && !strcmp(e->d_name + l - 5, ".clip")) {
            snprintf(out, n, "%s/%s", dir, e->d_name);
            found++;
        }
    }
    closedir(d);
    return found == 1 ? 0 : -1;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static speech *open_in(const char *dir)
{
    speech_opts o = {0};
    o.cache_dir = dir;
    speech *s = speech_open(&o);
    assert_non_null(s);
    return s;
}

/* ---- resampler ---- */
static void test_resample_exact_length(void **state)
{
    (void)state;
    static const int rates[] = {8000, 11025, 16000, 22050, 44100, 48000, 96000, 7919};
    static const int64_t lengths[] = {0, 1, 2, 3, 7, 100, 1001, 16000, 22051, 48000, 99991};
    float *in = calloc(100000, sizeof *in);
    assert_non_null(in);
    for (int i = 0; i < 100000; i++)
        in[i] = (float)sin(i * 0.01) * 0.5f;
    size_t nrates = quick ? 4 : sizeof rates / sizeof rates[0];
    size_t nlengths = quick ? 8 : sizeof lengths / sizeof lengths[0];
    for (size_t r = 0; r < nrates; r++)
        for (size_t l = 0; l < nlengths; l++) {
            fclip c;
            assert_int_equal(fclip_resample(in, lengths[l], rates[r], &c), 0);
            int64_t want = llround((double)lengths[l] * PACER_RATE / rates[r]);
            if (c.frames != want)
                fail_msg("rate %d, %lld frames: got %lld, want %lld", rates[r], (long long)lengths[l],
                         (long long)c.frames, (long long)want);
            assert_non_null(c.samples);
            fclip_free(&c);
        }
    free(in);
}

/* Amplitude of frequency f in x[a..b) (correlation with a sine and a cosine). */
static double amplitude_at(const float *x, int64_t a, int64_t b, double f, int rate)
{
    double sr = 0, si = 0;
    for (int64_t i = a; i < b; i++) {
        sr += x[i] * cos(2 * PI * f * i / rate);
        si += x[i] * sin(2 * PI * f * i / rate);
    }
    return 2 * sqrt(sr * sr + si * si) / (double)(b - a);
}

static void check_sine(int in_rate)
{
    int64_t n = in_rate; /* one second */
    float *in = malloc((size_t)n * sizeof *in);
    assert_non_null(in);
    for (int64_t i = 0; i < n; i++)
        in[i] = (float)(0.5 * sin(2 * PI * 1000.0 * i / in_rate));
    fclip c;
    assert_int_equal(fclip_resample(in, n, in_rate, &c), 0);
    assert_int_equal(c.frames, PACER_RATE);

    /* Away from the edges: the same sine, sample for sample, at the new rate. */
    int64_t a = PACER_RATE / 10, b = PACER_RATE - PACER_RATE / 10;
    double maxerr = 0, peak = 0;
    int crossings = 0;
    for (int64_t j = a; j < b; j++) {
        double want = 0.5 * sin(2 * PI * 1000.0 * j / PACER_RATE);
        double e = fabs(c.samples[j] - want);
        if (e > maxerr)
            maxerr = e;
        if (fabs(c.samples[j]) > peak)
            peak = fabs(c.samples[j]);
        if ((c.samples[j - 1] < 0) != (c.samples[j] < 0))
            crossings++;
    }
    /* 0.8 s of 1 kHz: 1600 zero crossings */
    if (crossings < 1599 || crossings > 1601)
        fail_msg("%d Hz: %d zero crossings", in_rate, crossings);
    if (fabs(peak - 0.5) > 0.005)
        fail_msg("%d Hz: peak %f", in_rate, peak);
    if (maxerr > 0.002)
        fail_msg("%d Hz: max error %f", in_rate, maxerr);
    /* The spectral image at in_rate - 1 kHz is filtered out (a linear interpolator leaves it
     * at about -25 dB). */
    double image = amplitude_at(c.samples, a, b, in_rate - 1000.0, PACER_RATE);
    if (image > 0.5 * 1e-3)
        fail_msg("%d Hz: image at %d Hz has amplitude %g", in_rate, in_rate - 1000, image);
    /* Deterministic. */
    fclip d;
    assert_int_equal(fclip_resample(in, n, in_rate, &d), 0);
    assert_int_equal(d.frames, c.frames);
    assert_memory_equal(d.samples, c.samples, (size_t)c.frames * sizeof(float));
    fclip_free(&d);
    fclip_free(&c);
    free(in);
}

static void test_resample_sine(void **state)
{
    (void)state;
    check_sine(16000);
    check_sine(22050);
    if (!quick) {
        check_sine(8000);
        check_sine(44100);
        check_sine(44101); /* 48000 phases: the interpolated coefficient grid */
        check_sine(7919);
    }
}

static void test_resample_down(void **state)
{
    (void)state;
    /* 96 kHz: 1 kHz passes, 30 kHz (above the new Nyquist) does not fold back to 18 kHz. */
    int64_t n = 96000;
    float *in = malloc((size_t)n * sizeof *in);
    assert_non_null(in);
    for (int64_t i = 0; i < n; i++)
        in[i] = (float)(0.4 * sin(2 * PI * 1000.0 * i / 96000) + 0.4 * sin(2 * PI * 30000.0 * i / 96000));
    fclip c;
    assert_int_equal(fclip_resample(in, n, 96000, &c), 0);
    assert_int_equal(c.frames, PACER_RATE);
    double pass = amplitude_at(c.samples, 4800, 43200, 1000.0, PACER_RATE);
    double alias = amplitude_at(c.samples, 4800, 43200, 18000.0, PACER_RATE);
    if (fabs(pass - 0.4) > 0.004 || alias > 0.4 * 1e-3)
        fail_msg("1 kHz at %f, 18 kHz alias at %g", pass, alias);
    fclip_free(&c);
    free(in);
}

static void test_resample_keeps_the_end(void **state)
{
    (void)state;
    /* A constant signal up to the very last input sample: the output keeps its level up to
     * the last few frames (nothing is dropped, nothing cut short). */
    int64_t n = 16000;
    float *in = malloc((size_t)n * sizeof *in);
    assert_non_null(in);
    for (int64_t i = 0; i < n; i++)
        in[i] = 0.5f;
    fclip c;
    assert_int_equal(fclip_resample(in, n, 16000, &c), 0);
    assert_int_equal(c.frames, 48000);
    /* the last 50 ms except the final input period (where the signal ends) are at level */
    for (int64_t j = c.frames - PACER_RATE / 20; j < c.frames - 3 * 32; j++)
        if (fabsf(c.samples[j] - 0.5f) > 0.002f)
            fail_msg("frame %lld of %lld: %f", (long long)j, (long long)c.frames, c.samples[j]);
    fclip_free(&c);
    free(in);
}

/* ---- trim and normalize ---- */
static void test_trim(void **state)
{
    (void)state;
    float *in = calloc(3000, sizeof *in);
    assert_non_null(in);
    for (int i = 1000; i < 1500; i++)
        in[i] = 0.5f;
    in[999] = 0.001f; /* below the floor: silence, but kept in the pad */
    in[1500] = -0.25f;
    clip c;
    assert_int_equal(clip_from_float(in, 3000, 0.01f, 100, &c), 0);
    assert_int_equal(c.frames, 100 + 501 + 100);
    assert_int_equal(c.samples[0], 0);
    assert_int_equal(c.samples[99], 33); /* 0.001 in 16-bit steps */
    assert_int_equal(c.samples[100], 16384);
    assert_int_equal(c.samples[599], 16384);
    assert_int_equal(c.samples[600], -8192);
    assert_int_equal(c.samples[601], 0);
    clip_free(&c);
    assert_null(c.samples);
    clip_free(&c); /* twice is harmless */

    /* a pad larger than the silence: zeros are added so that exactly pad frames surround the
     * sound */
    assert_int_equal(clip_from_float(in + 900, 700, 0.01f, 150, &c), 0);
    assert_int_equal(c.frames, 150 + 501 + 150);
    assert_int_equal(c.samples[49], 0);       /* an added zero */
    assert_int_equal(c.samples[149], 33);     /* in[999] */
    assert_int_equal(c.samples[150], 16384);  /* the first loud sample, pad frames in */
    assert_int_equal(c.samples[650], -8192);
    for (int64_t i = 651; i < c.frames; i++) /* in's last 99 zeros, then 51 added */
        assert_int_equal(c.samples[i], 0);
    clip_free(&c);

    /* rounding to the nearest step, halves away from zero, and clamping */
    const float odd[] = {0.5f / 32768, -0.5f / 32768, 1.4f / 32768, -1.6f / 32768, 1.0f, -1.0f, 2.0f, -3.0f, -0.0f};
    assert_int_equal(clip_from_float(odd, 9, 0, 0, &c), 0);
    assert_int_equal(c.frames, 9);
    const int16_t want[] = {1, -1, 1, -2, 32767, -32768, 32767, -32768, 0};
    assert_memory_equal(c.samples, want, sizeof want);
    clip_free(&c);

    /* all quieter than the floor (after rounding): nothing left */
    for (int i = 0; i < 3000; i++)
        in[i] = 0.001f;
    assert_int_equal(clip_from_float(in, 3000, 0.01f, 100, &c), 0);
    assert_int_equal(c.frames, 0);
    assert_null(c.samples);
    free(in);
}

static void test_normalize(void **state)
{
    (void)state;
    float buf[4] = {0.1f, -0.25f, 0.2f, 0};
    fclip c = {buf, 4};
    fclip_normalize(&c, 0.8f);
    assert_true(fabsf(buf[1] + 0.8f) < 1e-6f);
    assert_true(fabsf(buf[0] - 0.32f) < 1e-6f);
    float z[3] = {0, 0, 0};
    fclip s = {z, 3};
    fclip_normalize(&s, 0.8f);
    assert_true(z[0] == 0 && z[1] == 0 && z[2] == 0);
}

/* ---- pace ---- */

static void test_pace_articulation(void **state)
{
    (void)state;
    assert_int_equal(pace_articulation(150, 189.0), 188); /* a quarter faster: near slt's own 189 */
    assert_int_equal(pace_articulation(170, 189.0), 189); /* never faster than the voice's own */
    assert_int_equal(pace_articulation(80, 189.0), 100);
    assert_int_equal(pace_articulation(250, 189.0), 250); /* never slower than asked */
    assert_int_equal(pace_words("  Breathe in,\tbelly rises. "), 4);
    assert_int_equal(pace_target_frames("one two three", 150), (int64_t)3 * 60 * PACER_RATE / 150);
}

/* Appends n frames of a 300 Hz tone (loud) or of zeros. */
static int64_t put(int16_t *buf, int64_t at, int64_t n, int loud)
{
    for (int64_t i = 0; i < n; i++)
        buf[at + i] = loud ? (int16_t)(8000 * sin(2 * PI * 300.0 * (double)i / PACER_RATE) + (i % 2 ? 500 : -500)) : 0;
    return at + n;
}

/* The silent runs of a clip, as (start, length) in frames: every sample 0. */
static int zero_runs(const clip *c, int64_t (*run)[2], int max)
{
    int n = 0;
    for (int64_t i = 0; i < c->frames;) {
        if (c->samples[i] != 0) {
            i++;
            continue;
        }
        int64_t j = i;
        while (j < c->frames && c->samples[j] == 0)
            j++;
        if (n < max) {
            run[n][0] = i;
            run[n][1] = j - i;
            n++;
        }
        i = j;
    }
    return n;
}

/* Speech with a pause at its comma (100 ms), a stop's closure (40 ms) and a pause at its full
 * stop (120 ms): the comma's and the full stop's pauses grow by 1 and 2 shares of the missing
 * time up to 300 and 400 ms, the closure stays as it is, and the rest follows the text. */
static void test_pace_pauses(void **state)
{
    (void)state;
    const int64_t ms = PACER_RATE / 1000;
    int16_t *buf = malloc((size_t)(2 * PACER_RATE) * sizeof *buf);
    assert_non_null(buf);
    int64_t at = put(buf, 0, 30 * ms, 0);
    at = put(buf, at, 300 * ms, 1);
    at = put(buf, at, 100 * ms, 0);
    at = put(buf, at, 400 * ms, 1);
    at = put(buf, at, 40 * ms, 0);
    at = put(buf, at, 300 * ms, 1);
    at = put(buf, at, 120 * ms, 0);
    at = put(buf, at, 300 * ms, 1);
    at = put(buf, at, 30 * ms, 0);
    clip c = {buf, at};
    clip small = {malloc((size_t)at * sizeof(int16_t)), at}; /* the same, for a smaller gap below */
    assert_non_null(small.samples);
    memcpy(small.samples, buf, (size_t)at * sizeof(int16_t));
    const char *text = "Lie down, and rest your arms. Now breathe.";
    const int64_t before = c.frames, target = pace_target_frames(text, 150);
    assert_int_equal(pace_words(text), 8);
    assert_int_equal(pace_clip(&c, text, 150), 0);
    assert_int_equal(c.frames, target);
    const int64_t extra = target - before;
    int64_t run[16][2];
    int n = zero_runs(&c, run, 16);
    /* the sine's own zero crossings are single samples; the pauses are the long runs */
    int64_t len[8];
    int k = 0;
    for (int i = 0; i < n && k < 8; i++)
        if (run[i][1] > 10 * ms)
            len[k++] = run[i][1];
    assert_int_equal(k, 5);
    assert_int_equal(len[0], 30 * ms);
    assert_true(extra / 5 > 200 * ms); /* so both pauses reach their longest */
    assert_int_equal(len[1], 300 * ms);
    assert_int_equal(len[2], 40 * ms);
    assert_int_equal(len[3], 400 * ms);
    assert_int_equal(len[4], 30 * ms + extra - 200 * ms - 280 * ms);
    /* a smaller gap is shared by weight: at 230 words a minute 1, 2 and 2 fifths */
    const int64_t gap = pace_target_frames(text, 230) - before;
    assert_true(gap > 0 && gap * 2 / 5 < 280 * ms);
    assert_int_equal(pace_clip(&small, text, 230), 0);
    n = zero_runs(&small, run, 16);
    k = 0;
    for (int i = 0; i < n && k < 8; i++)
        if (run[i][1] > 10 * ms)
            len[k++] = run[i][1];
    assert_int_equal(k, 5);
    assert_int_equal(len[1], 100 * ms + gap / 5);
    assert_int_equal(len[3], 120 * ms + gap * 2 / 5);
    assert_int_equal(len[4], 30 * ms + gap - gap / 5 - gap * 2 / 5);
    clip_free(&small);
    /* a clip as long as its words already is left as it is */
    assert_int_equal(pace_clip(&c, text, 150), 0);
    assert_int_equal(c.frames, target);
    clip_free(&c);
}

/* A cue lasts its words at the rate asked, whichever engine speaks it, and the time beyond
 * what the voice needs is pauses: at least a tenth of it is silence at 150 words a minute. */
static void check_pace(speech_engine e, const char *voice, const char *const *texts, int n)
{
    speech *s = open_memory_only();
    speech_voice v = voice_of(e, voice);
    static const int rates[] = {120, 150};
    for (int r = 0; r < 2; r++)
        for (int i = 0; i < n; i++) {
            char err[256];
            const clip *c = speech_get(s, &v, rates[r], texts[i], err, sizeof err);
            if (!c)
                fail_msg("%s: %s", voice, err);
            double secs = (double)c->frames / PACER_RATE, want = pace_words(texts[i]) * 60.0 / rates[r];
            if (fabs(secs - want) > 0.1 * want)
                fail_msg("%s at %d wpm: \"%s\" lasts %.2f s, its words at the rate %.2f s", voice, rates[r], texts[i],
                         secs, want);
            int64_t quiet = 0;
            for (int64_t k = 0; k < c->frames; k++)
                quiet += fabsf(c->samples[k] * CLIP_STEP) < FLOOR;
            if (rates[r] == 150 && quiet < c->frames / 10)
                fail_msg("%s: \"%s\" has %.2f s of pauses in %.2f s", voice, texts[i], (double)quiet / PACER_RATE, secs);
        }
    speech_close(s);
}

static void test_pace_matches_the_rate(void **state)
{
    (void)state;
    static const char *const en[] = {
        "Breathe in, and let your belly rise.",
        "Roll slowly onto your back, and let your arms rest by your sides.",
        "Keep your hips level. Do not let them twist.",
        "Push your thigh into your hands",
    };
    static const char *const es[] = {
        "Respira hondo, y deja que tu barriga suba.",
        "Túmbate boca arriba con las rodillas dobladas.",
    };
    check_pace(SPEECH_FLITE, "rms", en, quick ? 2 : 4); /* the default English voice */
    check_pace(SPEECH_ESPEAK, "es", es, quick ? 1 : 2);
    if (!quick) {
        check_pace(SPEECH_FLITE, "slt", en, 4);
        check_pace(SPEECH_ESPEAK, "en", en, 4);
    }
}

/* ---- engines ---- */
/* Speech clips: plausible length, normalized peak, and exactly PAD frames kept at each end. */
static void check_speech_clip(const clip *c, const char *what)
{
    assert_non_null(c);
    double secs = (double)c->frames / PACER_RATE;
    if (secs < 1.0 || secs > 3.0)
        fail_msg("%s: %.2f s", what, secs);
    float p = peak_of(c);
    if (fabsf(p - 0.8f) > 0.001f)
        fail_msg("%s: peak %f", what, p);
    int64_t first = 0, last = c->frames - 1;
    while (fabsf(c->samples[first] * CLIP_STEP) < FLOOR)
        first++;
    while (fabsf(c->samples[last] * CLIP_STEP) < FLOOR)
        last--;
    /* the clip may end in the pause after the text (pace.h) */
    if (first != PAD || last > c->frames - 1 - PAD)
        fail_msg("%s: first sound at %lld, last at %lld of %lld (pad %lld)", what, (long long)first,
                 (long long)last, (long long)c->frames, (long long)PAD);
}

static void test_flite_phrase(void **state)
{
    (void)state;
    speech *s = open_memory_only();
    speech_voice v = voice_of(SPEECH_FLITE, "slt");
    char err[256] = "x";
    const clip *c = speech_get(s, &v, 150, PHRASE, err, sizeof err);
    assert_string_equal(err, "");
    check_speech_clip(c, "flite");
    speech_stats st;
    speech_get_stats(s, &st);
    assert_int_equal(st.synthesized, 1);
    assert_true(st.synth_seconds > 0);
    /* the same request again: the same clip from memory */
    assert_ptr_equal(speech_get(s, &v, 150, PHRASE, err, sizeof err), c);
    speech_get_stats(s, &st);
    assert_int_equal(st.memory_hits, 1);
    assert_int_equal(st.synthesized, 1);
    speech_close(s);
}

static void test_espeak_phrase(void **state)
{
    (void)state;
    speech *s = open_memory_only();
    speech_voice v = voice_of(SPEECH_ESPEAK, "en");
    char err[256];
    const clip *c = speech_get(s, &v, 150, PHRASE, err, sizeof err);
    if (!c)
        fail_msg("espeak-ng: %s", err);
    check_speech_clip(c, "espeak-ng");
    speech_close(s);
}

/* Two services synthesize the same text to the same samples with flite (its noise is
 * seeded); espeak-ng's pitch flutter runs on between texts, so there only the length is
 * compared, loosely. */
static void test_deterministic(void **state)
{
    (void)state;
    static const speech_engine engines[] = {SPEECH_FLITE, SPEECH_FLITE, SPEECH_ESPEAK};
    static const char *names[] = {"rms", "slt", "en"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        speech_voice v = voice_of(engines[k], names[k]);
        char err[256];
        speech *a = open_memory_only();
        const clip *c1 = speech_get(a, &v, 150, PHRASE, err, sizeof err);
        assert_non_null(c1);
        speech *b = open_memory_only();
        assert_non_null(speech_get(b, &v, 150, "Something else first.", err, sizeof err));
        const clip *c2 = speech_get(b, &v, 150, PHRASE, err, sizeof err);
        assert_non_null(c2);
        if (engines[k] == SPEECH_FLITE) {
            assert_int_equal(c1->frames, c2->frames);
            assert_memory_equal(c1->samples, c2->samples, (size_t)c1->frames * sizeof *c1->samples);
        } else if (llabs(c1->frames - c2->frames) > PACER_RATE / 50) {
            fail_msg("espeak-ng: %lld vs %lld frames", (long long)c1->frames, (long long)c2->frames);
        }
        speech_close(b);
        speech_close(a);
    }
}

static void check_rate(speech_engine e, const char *name)
{
    speech *s = open_memory_only();
    speech_voice v = voice_of(e, name);
    char err[256];
    const clip *slow = speech_get(s, &v, 110, PHRASE, err, sizeof err);
    assert_non_null(slow);
    const clip *mid = speech_get(s, &v, 150, PHRASE, err, sizeof err);
    assert_non_null(mid);
    const clip *fast = speech_get(s, &v, 220, PHRASE, err, sizeof err);
    assert_non_null(fast);
    if (!(fast->frames < mid->frames && mid->frames < slow->frames && fast->frames < 0.75 * slow->frames))
        fail_msg("%s: 110 wpm %lld, 150 wpm %lld, 220 wpm %lld frames", name, (long long)slow->frames,
                 (long long)mid->frames, (long long)fast->frames);
    speech_close(s);
}

static void test_rate_changes_length(void **state)
{
    (void)state;
    check_rate(SPEECH_FLITE, "rms");
    check_rate(SPEECH_FLITE, "slt");
    check_rate(SPEECH_ESPEAK, "en");
}

/* The trimmed clip keeps every audible sample of the engine's output, plus the pad. */
static void test_trim_keeps_the_speech(void **state)
{
    (void)state;
    speech_raw raw;
    char err[256];
    assert_int_equal(sp_flite_start(err, sizeof err), 0);
    assert_int_equal(sp_flite_synth("slt", 150, PHRASE, &raw, err, sizeof err), 0);
    assert_int_equal(raw.rate, 16000);
    fclip full;
    assert_int_equal(fclip_resample(raw.samples, raw.n, raw.rate, &full), 0);
    free(raw.samples);
    fclip_normalize(&full, 0.8f);
    for (int64_t i = 0; i < full.frames; i++) /* 16-bit steps, as the service does */
        full.samples[i] = (float)(int)roundf(full.samples[i] * 32768.0f) / 32768.0f;
    int64_t first = 0, last = full.frames - 1;
    while (fabsf(full.samples[first]) < FLOOR)
        first++;
    while (fabsf(full.samples[last]) < FLOOR)
        last--;
    /* the engine leaves more silence than the pad at both ends */
    assert_true(first > PAD);
    assert_true(full.frames - 1 - last > PAD);

    speech *s = open_memory_only();
    speech_voice v = voice_of(SPEECH_FLITE, "slt");
    const clip *c = speech_get(s, &v, 150, PHRASE, err, sizeof err);
    assert_non_null(c);
    assert_int_equal(c->frames, last - first + 1 + 2 * PAD);
    /* and the last 50 ms before the trailing pad are the engine's own samples, in 16-bit
     * steps exactly */
    for (int64_t k = 0; k < PACER_RATE / 20 + PAD; k++) {
        int a = c->samples[c->frames - 1 - k];
        int b = (int)roundf(full.samples[last + PAD - k] * 32768.0f);
        if (a != b)
            fail_msg("%lld frames before the end: %d vs %d", (long long)k, a, b);
    }
    speech_close(s);
    fclip_free(&full);
}

/* ---- disk cache ---- */
static void test_disk_cache_hit(void **state)
{
    (void)state;
    /* the default folder: $XDG_CACHE_HOME/pacer/speech */
    char dir[512];
    snprintf(dir, sizeof dir, "%s/pacer/speech", getenv("XDG_CACHE_HOME"));
    support_remove_tree(dir);
    speech *a = speech_open(NULL);
    assert_non_null(a);
    speech_voice v = voice_of(SPEECH_FLITE, "slt");
    char err[256];
    const clip *c1 = speech_get(a, &v, 150, PHRASE, err, sizeof err);
    assert_non_null(c1);
    speech_stats st;
    speech_get_stats(a, &st);
    assert_int_equal(st.synthesized, 1);
    assert_int_equal(st.disk_writes, 1);
    assert_int_equal(support_count_files(dir), 1); /* no temporary file left behind */
    /* a crash's left-over temporary file is removed once it is old; a fresh one is kept */
    char old_tmp[1024], new_tmp[1024];
    snprintf(old_tmp, sizeof old_tmp, "%s/.tmp-OLD123", dir);
    snprintf(new_tmp, sizeof new_tmp, "%s/.tmp-NEW123", dir);
    FILE *t = fopen(old_tmp, "w");
    assert_non_null(t);
    fclose(t);
    t = fopen(new_tmp, "w");
    assert_non_null(t);
    fclose(t);
    struct timespec times[2] = {{.tv_sec = time(NULL) - 7200}, {.tv_sec = time(NULL) - 7200}};
    assert_int_equal(utimensat(AT_FDCWD, old_tmp, times, 0), 0);
    char path[1024];
    assert_int_equal(only_clip_file(dir, path, sizeof path), 0);
    assert_null(speech_take_warnings(a));

    speech *b = speech_open(NULL);
    assert_non_null(b);
    const clip *c2 = speech_get(b, &v, 150, PHRASE, err, sizeof err);
    assert_non_null(c2);
    speech_get_stats(b, &st);
    assert_int_equal(st.disk_hits, 1);
    assert_int_equal(st.synthesized, 0);
    assert_int_equal(access(old_tmp, F_OK), -1);
    assert_int_equal(access(new_tmp, F_OK), 0);
    unlink(new_tmp);
    assert_int_equal(c2->frames, c1->frames);
    assert_memory_equal(c2->samples, c1->samples, (size_t)c1->frames * sizeof *c1->samples);
    /* a different rate, voice or text is another entry */
    assert_non_null(speech_get(b, &v, 160, PHRASE, err, sizeof err));
    speech_get_stats(b, &st);
    assert_int_equal(st.synthesized, 1);
    speech_close(b);
    speech_close(a);
}

typedef enum { TRUNCATE_HALF, TRUNCATE_HEADER, EMPTY, FLIP_SAMPLE, FLIP_MAGIC, FLIP_KEY, APPEND } damage;

static void damage_file(const char *path, damage how)
{
    long size = file_size(path);
    assert_true(size > 100);
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    unsigned char byte;
    long at = how == FLIP_SAMPLE ? size - 11 : how == FLIP_MAGIC ? 2 : how == FLIP_KEY ? 45 : -1;
    if (at >= 0) {
        assert_int_equal(fseek(f, at, SEEK_SET), 0);
        assert_int_equal(fread(&byte, 1, 1, f), 1);
        byte ^= 0x5a;
        assert_int_equal(fseek(f, at, SEEK_SET), 0);
        assert_int_equal(fwrite(&byte, 1, 1, f), 1);
    }
    if (how == APPEND) {
        assert_int_equal(fseek(f, 0, SEEK_END), 0);
        assert_int_equal(fwrite("garbage", 1, 7, f), 7);
    }
    fclose(f);
    if (how == TRUNCATE_HALF)
        assert_int_equal(truncate(path, size / 2), 0);
    if (how == TRUNCATE_HEADER)
        assert_int_equal(truncate(path, 10), 0);
    if (how == EMPTY)
        assert_int_equal(truncate(path, 0), 0);
}

static void test_disk_cache_corrupt(void **state)
{
    (void)state;
    static const damage kinds[] = {TRUNCATE_HALF, TRUNCATE_HEADER, EMPTY, FLIP_SAMPLE, FLIP_MAGIC, FLIP_KEY, APPEND};
    char dir[512];
    fresh_dir(dir, sizeof dir);
    speech_voice v = voice_of(SPEECH_FLITE, "slt");
    char err[256], path[1024];
    speech *ref = open_in(dir);
    const clip *good = speech_get(ref, &v, 150, PHRASE, err, sizeof err);
    assert_non_null(good);
    assert_int_equal(only_clip_file(dir, path, sizeof path), 0);
    long good_size = file_size(path);

    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        if (quick && k % 2)
            continue;
        damage_file(path, kinds[k]);
        speech *s = open_in(dir);
        const clip *c = speech_get(s, &v, 150, PHRASE, err, sizeof err);
        assert_non_null(c);
        speech_stats st;
        speech_get_stats(s, &st);
        if (st.disk_rejected != 1 || st.synthesized != 1 || st.disk_hits != 0)
            fail_msg("damage %zu: rejected %d, synthesized %d, hits %d", k, st.disk_rejected, st.synthesized,
                     st.disk_hits);
        assert_int_equal(c->frames, good->frames); /* synthesis is deterministic */
        assert_memory_equal(c->samples, good->samples, (size_t)good->frames * sizeof *good->samples);
        speech_close(s);
        /* the file was replaced by a good one */
        assert_int_equal(file_size(path), good_size);
        s = open_in(dir);
        assert_non_null(speech_get(s, &v, 150, PHRASE, err, sizeof err));
        speech_get_stats(s, &st);
        assert_int_equal(st.disk_hits, 1);
        speech_close(s);
    }
    speech_close(ref);
}

static void test_disk_cache_other_key(void **state)
{
    (void)state;
    /* A valid file for another key under this key's name (a hash collision, or a copy). */
    char dir[512], path_a[1024], path_b[1024];
    fresh_dir(dir, sizeof dir);
    speech_voice v = voice_of(SPEECH_FLITE, "slt");
    char err[256];
    speech *s = open_in(dir);
    assert_non_null(speech_get(s, &v, 150, "Breathe out.", err, sizeof err));
    assert_int_equal(only_clip_file(dir, path_a, sizeof path_a), 0);
    speech_close(s);
    char key_b[128];
    int n = snprintf(key_b, sizeof key_b, "pacer-speech-2|flite|%s|slt|150|s%ld|%s", sp_flite_version(),
                     lround(sp_flite_stretch("slt", 150) * 10000), PHRASE);
    sp_disk *d = sp_disk_open(dir, 0, err, sizeof err);
    assert_non_null(d);
    assert_int_equal(sp_disk_path(d, key_b, (size_t)n, path_b, sizeof path_b), 0);
    sp_disk_close(d);
    assert_int_equal(rename(path_a, path_b), 0);

    s = open_in(dir);
    const clip *c = speech_get(s, &v, 150, PHRASE, err, sizeof err);
    assert_non_null(c);
    speech_stats st;
    speech_get_stats(s, &st);
    assert_int_equal(st.disk_rejected, 1);
    assert_int_equal(st.synthesized, 1);
    assert_true(c->frames > PACER_RATE); /* the phrase, not "Breathe out." */
    speech_close(s);
}

/* A clip made before speech was paced by pauses (pipeline 1: the voice slowed to the rate,
 * stretch 189/150) is never used: the key of the same text now differs, and the clip is made
 * again. */
static void test_disk_cache_no_stale_pace(void **state)
{
    (void)state;
    char dir[512];
    fresh_dir(dir, sizeof dir);
    char err[256], key[128];
    int n = snprintf(key, sizeof key, "pacer-speech-1|flite|%s|slt|150|s%ld|%s", sp_flite_version(),
                     lround(189.0 / 150 * 10000), PHRASE);
    int16_t old[PACER_RATE / 2];
    for (int i = 0; i < PACER_RATE / 2; i++)
        old[i] = (int16_t)(i % 100 * 50);
    clip stale = {old, PACER_RATE / 2};
    sp_disk *d = sp_disk_open(dir, 0, err, sizeof err);
    assert_non_null(d);
    assert_int_equal(sp_disk_store(d, key, (size_t)n, &stale, err, sizeof err), 0);
    sp_disk_close(d);
    speech *s = open_in(dir);
    speech_voice v = voice_of(SPEECH_FLITE, "slt");
    const clip *c = speech_get(s, &v, 150, PHRASE, err, sizeof err);
    assert_non_null(c);
    speech_stats st;
    speech_get_stats(s, &st);
    assert_int_equal(st.disk_hits, 0);
    assert_int_equal(st.synthesized, 1);
    assert_true(c->frames != stale.frames);
    speech_close(s);
}

/* A file of the previous format (1: the same layout) is ignored and replaced, even with a
 * checksum that matches. */
static void set_version(const char *path, uint32_t version)
{
    long size = file_size(path);
    unsigned char *buf = malloc((size_t)size);
    assert_non_null(buf);
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
    for (int i = 0; i < 4; i++)
        buf[8 + i] = (unsigned char)(version >> (8 * i));
    /* the checksum covers bytes 8..31, the key and the samples, which follow the header */
    unsigned char *sumd = malloc((size_t)size);
    assert_non_null(sumd);
    memcpy(sumd, buf + 8, 24);
    memcpy(sumd + 24, buf + 40, (size_t)size - 40);
    uint64_t h[2];
    sp_hash128(sumd, (size_t)size - 16, h);
    for (int i = 0; i < 8; i++)
        buf[32 + i] = (unsigned char)(h[0] >> (8 * i));
    assert_int_equal(fseek(f, 0, SEEK_SET), 0);
    assert_int_equal(fwrite(buf, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    free(sumd);
    free(buf);
}

static void test_disk_cache_old_format(void **state)
{
    (void)state;
    char dir[512], path[1024], err[256];
    fresh_dir(dir, sizeof dir);
    speech_voice v = voice_of(SPEECH_FLITE, "slt");
    speech *ref = open_in(dir);
    const clip *good = speech_get(ref, &v, 150, PHRASE, err, sizeof err);
    assert_non_null(good);
    assert_int_equal(only_clip_file(dir, path, sizeof path), 0);
    /* rewriting the current version with a recomputed checksum leaves a valid file */
    set_version(path, 2);
    speech *s = open_in(dir);
    assert_non_null(speech_get(s, &v, 150, PHRASE, err, sizeof err));
    speech_stats st;
    speech_get_stats(s, &st);
    assert_int_equal(st.disk_hits, 1);
    speech_close(s);
    /* version 1: rejected, synthesized again, and the file replaced by a version 2 one */
    set_version(path, 1);
    s = open_in(dir);
    const clip *c = speech_get(s, &v, 150, PHRASE, err, sizeof err);
    assert_non_null(c);
    speech_get_stats(s, &st);
    assert_int_equal(st.disk_rejected, 1);
    assert_int_equal(st.synthesized, 1);
    assert_int_equal(c->frames, good->frames);
    assert_memory_equal(c->samples, good->samples, (size_t)good->frames * sizeof *good->samples);
    speech_close(s);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    unsigned char hd[12];
    assert_int_equal(fread(hd, 1, 12, f), 12);
    fclose(f);
    assert_int_equal(hd[8], 2);
    speech_close(ref);
}

/* Bytes of *.clip files in dir. */
static long clip_bytes(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    long total = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l > 5 && !strcmp(e->d_name + l - 5, ".clip")) {
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            total += file_size(path);
        }
    }
    closedir(d);
    return total;
}

static void key_path(sp_disk *d, int i, char *key, size_t key_n, char *path, size_t path_n)
{
    snprintf(key, key_n, "limit-test|%d", i);
    assert_int_equal(sp_disk_path(d, key, strlen(key), path, path_n), 0);
}

static void set_mtime(const char *path, time_t t)
{
    struct timespec times[2] = {{.tv_sec = t}, {.tv_sec = t}};
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static time_t mtime_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_mtime;
}

/* The disk cache stays under its size limit, removing the least recently used clips first
 * (a read counts as a use), never the clip just written. */
static void test_disk_cache_limit(void **state)
{
    (void)state;
    char dir[512], err[256], key[64], path[1024];
    fresh_dir(dir, sizeof dir);
    const int64_t frames = PACER_RATE / 2;
    clip c = {malloc((size_t)frames * sizeof(int16_t)), frames};
    assert_non_null(c.samples);
    for (int64_t k = 0; k < frames; k++)
        c.samples[k] = (int16_t)(k * 7 % 20001 - 10000);
    const long file = 40 + (long)strlen("limit-test|0") + 2 * (long)frames; /* one file, keys 0..9 */
    const int64_t limit = 6 * file + file / 4;                              /* six fit, not seven */
    sp_disk *d = sp_disk_open(dir, limit, err, sizeof err);
    assert_non_null(d);
    time_t now = time(NULL);
    for (int i = 0; i < 6; i++) {
        key_path(d, i, key, sizeof key, path, sizeof path);
        assert_int_equal(sp_disk_store(d, key, strlen(key), &c, err, sizeof err), 0);
        assert_int_equal(file_size(path), file);
        set_mtime(path, now - 1000 + i); /* last used in the order written */
    }
    assert_int_equal(clip_bytes(dir), 6 * file); /* under the limit: nothing removed */
    /* reading clip 0 makes it the most recently used */
    key_path(d, 0, key, sizeof key, path, sizeof path);
    clip back;
    assert_int_equal(sp_disk_load(d, key, strlen(key), &back), 1);
    assert_int_equal(back.frames, frames);
    assert_memory_equal(back.samples, c.samples, (size_t)frames * sizeof *c.samples);
    clip_free(&back);
    assert_true(mtime_of(path) >= now);
    /* a seventh goes over: the least recently used (1, 2, 3) go until 3/4 of the limit is left */
    key_path(d, 6, key, sizeof key, path, sizeof path);
    assert_int_equal(sp_disk_store(d, key, strlen(key), &c, err, sizeof err), 0);
    static const int kept[] = {1, 0, 0, 0, 1, 1, 1};
    for (int i = 0; i < 7; i++) {
        key_path(d, i, key, sizeof key, path, sizeof path);
        if ((access(path, F_OK) == 0) != kept[i])
            fail_msg("clip %d was %s", i, kept[i] ? "removed" : "kept");
    }
    assert_true(clip_bytes(dir) <= limit * 3 / 4);
    /* many more: never over the limit, and the newest is always there */
    for (int i = 7; i < 10; i++) {
        key_path(d, i, key, sizeof key, path, sizeof path);
        assert_int_equal(sp_disk_store(d, key, strlen(key), &c, err, sizeof err), 0);
        assert_true(clip_bytes(dir) <= limit);
        assert_int_equal(access(path, F_OK), 0);
    }
    sp_disk_close(d);
    /* a smaller limit is applied when the cache opens */
    d = sp_disk_open(dir, 2 * file, err, sizeof err);
    assert_non_null(d);
    assert_true(clip_bytes(dir) <= 2 * file * 3 / 4 + 1);
    /* a clip larger than the whole limit is still kept while it is the newest */
    sp_disk_close(d);
    d = sp_disk_open(dir, file / 2, err, sizeof err);
    assert_non_null(d);
    assert_int_equal(clip_bytes(dir), 0);
    key_path(d, 3, key, sizeof key, path, sizeof path);
    assert_int_equal(sp_disk_store(d, key, strlen(key), &c, err, sizeof err), 0);
    assert_int_equal(clip_bytes(dir), file);
    sp_disk_close(d);
    free(c.samples);

    /* the service passes its limit on: with room for one clip, the second replaces the first */
    fresh_dir(dir, sizeof dir);
    speech_opts o = {0};
    o.cache_dir = dir;
    o.cache_limit = 1;
    speech *s = speech_open(&o);
    assert_non_null(s);
    speech_voice v = voice_of(SPEECH_FLITE, "slt");
    assert_non_null(speech_get(s, &v, 150, "Breathe out.", err, sizeof err));
    assert_non_null(speech_get(s, &v, 150, PHRASE, err, sizeof err));
    assert_int_equal(support_count_files(dir), 1);
    speech_close(s);
    /* and the default limit is 64 MiB */
    assert_true(SPEECH_CACHE_LIMIT == 64LL * 1024 * 1024);
}

static void test_disk_cache_unusable(void **state)
{
    (void)state;
    char file[512], dir[600];
    snprintf(file, sizeof file, "%s/plainfile", tmp_root);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fclose(f);
    snprintf(dir, sizeof dir, "%s/speech", file); /* under a regular file: cannot exist */
    speech *s = open_in(dir);
    speech_voice v = voice_of(SPEECH_FLITE, "slt");
    char err[256];
    assert_non_null(speech_get(s, &v, 150, PHRASE, err, sizeof err));
    assert_non_null(speech_get(s, &v, 150, "Breathe out.", err, sizeof err));
    const char *w = speech_take_warnings(s);
    assert_non_null(w);
    /* exactly one line */
    assert_non_null(strstr(w, "memory only"));
    assert_ptr_equal(strchr(w, '\n'), w + strlen(w) - 1);
    assert_null(speech_take_warnings(s));
    assert_non_null(speech_get(s, &v, 150, "Hold.", err, sizeof err));
    assert_null(speech_take_warnings(s));
    speech_stats st;
    speech_get_stats(s, &st);
    assert_int_equal(st.disk_writes, 0);
    assert_int_equal(st.synthesized, 3);
    speech_close(s);
}

/* 1 while the shared library soname is mapped into this process. */
static int lib_loaded(const char *soname)
{
    void *h = dlopen(soname, RTLD_NOW | RTLD_NOLOAD);
    if (h)
        dlclose(h);
    return h != NULL;
}

/* speech_prepare leaves the clip in the disk cache and keeps only its length; releasing the
 * engines unmaps flite; speech_get then reads the clip back without starting flite again. */
static void test_prepare_then_fetch(void **state)
{
    (void)state;
    speech_voice v = voice_of(SPEECH_FLITE, "slt");
    char err[256];
    speech *m = open_memory_only();
    const clip *ref = speech_get(m, &v, 150, PHRASE, err, sizeof err);
    assert_non_null(ref);
    speech_release_engines(m);
    assert_false(sp_flite_running());

    char dir[512];
    fresh_dir(dir, sizeof dir);
    speech *s = open_in(dir);
    speech_stats st;
    assert_int_equal(speech_prepare(s, &v, 150, PHRASE, err, sizeof err), ref->frames);
    assert_true(sp_flite_running());
    assert_true(lib_loaded("libflite.so.1"));
    assert_true(lib_loaded("libflite_cmu_us_slt.so.1"));
    speech_get_stats(s, &st);
    assert_int_equal(st.synthesized, 1);
    assert_int_equal(st.disk_writes, 1);
    assert_int_equal(st.held_bytes, 0); /* only in the disk cache */
    assert_int_equal(support_count_files(dir), 1);
    assert_int_equal(speech_prepare(s, &v, 150, PHRASE, err, sizeof err), ref->frames);
    speech_get_stats(s, &st);
    assert_int_equal(st.memory_hits, 1);
    assert_int_equal(st.synthesized, 1);

    speech_release_engines(s);
    assert_false(sp_flite_running());
    assert_false(lib_loaded("libflite.so.1")); /* its pages are given back */
    assert_false(lib_loaded("libflite_cmu_us_slt.so.1"));
    assert_false(lib_loaded("libflite_cmulex.so.1"));

    const clip *c = speech_get(s, &v, 150, PHRASE, err, sizeof err);
    assert_non_null(c);
    assert_false(sp_flite_running()); /* read back from disk, flite not opened again */
    speech_get_stats(s, &st);
    assert_int_equal(st.disk_hits, 1);
    assert_int_equal(st.synthesized, 1);
    assert_int_equal(st.held_bytes, c->frames * (int64_t)sizeof *c->samples);
    assert_int_equal(c->frames, ref->frames);
    assert_memory_equal(c->samples, ref->samples, (size_t)c->frames * sizeof *c->samples);
    assert_ptr_equal(speech_get(s, &v, 150, PHRASE, err, sizeof err), c); /* held from now on */
    speech_get_stats(s, &st);
    assert_int_equal(st.disk_hits, 1);

    /* a clip whose file went between preparing and fetching is made again, the same */
    const char *text = "Breathe out, slowly.";
    int64_t n = speech_prepare(s, &v, 150, text, err, sizeof err);
    assert_true(n > 0);
    speech_release_engines(s);
    support_remove_tree(dir);
    c = speech_get(s, &v, 150, text, err, sizeof err);
    assert_non_null(c);
    assert_int_equal(c->frames, n);
    speech_get_stats(s, &st);
    assert_int_equal(st.synthesized, 3);
    speech_close(s);

    /* without a disk cache the prepared clip is held at once, and fetched from memory */
    speech_get_stats(m, &st);
    int64_t held = st.held_bytes;
    n = speech_prepare(m, &v, 150, text, err, sizeof err);
    assert_true(n > 0);
    speech_get_stats(m, &st);
    assert_int_equal(st.held_bytes, held + n * (int64_t)sizeof(int16_t));
    int made = st.synthesized;
    speech_release_engines(m);
    c = speech_get(m, &v, 150, text, err, sizeof err);
    assert_non_null(c);
    assert_int_equal(c->frames, n);
    speech_get_stats(m, &st);
    assert_int_equal(st.synthesized, made);
    assert_false(sp_flite_running());
    /* a failure is reported as by speech_get */
    assert_int_equal(speech_prepare(m, &v, 150, "   ", err, sizeof err), -1);
    assert_non_null(strstr(err, "empty"));
    speech_close(m);
}

/* ---- voices ---- */
static void test_pick_voice(void **state)
{
    (void)state;
    speech *s = open_memory_only();
    speech_voice v;
    char warn[512];

    assert_int_equal(speech_pick_voice(s, "en", NULL, &v, warn, sizeof warn), 0);
    assert_string_equal(warn, "");
    assert_int_equal(v.engine, SPEECH_FLITE);
    assert_string_equal(v.name, "rms");

    assert_int_equal(speech_pick_voice(s, "en-GB", NULL, &v, warn, sizeof warn), 0);
    assert_int_equal(v.engine, SPEECH_FLITE);
    assert_int_equal(speech_pick_voice(s, NULL, NULL, &v, warn, sizeof warn), 0);
    assert_int_equal(v.engine, SPEECH_FLITE);
    assert_string_equal(warn, "");

    assert_int_equal(speech_pick_voice(s, "de", NULL, &v, warn, sizeof warn), 0);
    assert_string_equal(warn, "");
    assert_int_equal(v.engine, SPEECH_ESPEAK);
    assert_string_equal(v.name, "de");

    assert_int_equal(speech_pick_voice(s, "en", "flite:rms", &v, warn, sizeof warn), 0);
    assert_string_equal(warn, "");
    assert_int_equal(v.engine, SPEECH_FLITE);
    assert_string_equal(v.name, "rms");

    assert_int_equal(speech_pick_voice(s, "en", "espeak:en-us", &v, warn, sizeof warn), 0);
    assert_string_equal(warn, "");
    assert_int_equal(v.engine, SPEECH_ESPEAK);
    assert_string_equal(v.name, "en-us");

    /* unknown voices: a one-line warning naming it and what is used instead */
    static const char *bad[] = {"flite:nope", "espeak:xx-nonexistent", "google:en", "slt", "flite:"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(speech_pick_voice(s, "en", bad[i], &v, warn, sizeof warn), 0);
        if (!strcmp(bad[i], "flite:")) { /* just the engine: its default voice */
            assert_string_equal(warn, "");
        } else {
            if (!strstr(warn, bad[i]) || !strstr(warn, "using flite:rms") || strchr(warn, '\n'))
                fail_msg("%s: warning '%s'", bad[i], warn);
        }
        assert_int_equal(v.engine, SPEECH_FLITE);
        assert_string_equal(v.name, "rms");
        char err[256];
        assert_non_null(speech_get(s, &v, 150, "Hold.", err, sizeof err));
    }
    /* unknown voice with another language: that language's default */
    assert_int_equal(speech_pick_voice(s, "es", "flite:nope", &v, warn, sizeof warn), 0);
    assert_non_null(strstr(warn, "using espeak:es"));
    assert_int_equal(v.engine, SPEECH_ESPEAK);

    /* a language espeak-ng does not know: English flite */
    assert_int_equal(speech_pick_voice(s, "xq", NULL, &v, warn, sizeof warn), 0);
    if (!strstr(warn, "xq") || !strstr(warn, "flite:rms"))
        fail_msg("warning '%s'", warn);
    assert_int_equal(v.engine, SPEECH_FLITE);
    speech_close(s);
}

static void test_spanish(void **state)
{
    (void)state;
    speech *s = open_memory_only();
    speech_voice v;
    char warn[256], err[256];
    assert_int_equal(speech_pick_voice(s, "en", "espeak:es", &v, warn, sizeof warn), 0);
    assert_string_equal(warn, "");
    assert_int_equal(v.engine, SPEECH_ESPEAK);
    const char *text = "Inspira despacio, el vientre sube.";
    const clip *es = speech_get(s, &v, 150, text, err, sizeof err);
    assert_non_null(es);
    assert_true(es->frames > PACER_RATE && es->frames < 4 * PACER_RATE);
    /* the voice espeak-ng spoke it with is a Spanish one */
    const espeak_VOICE *cur = espeak_GetCurrentVoice();
    assert_non_null(cur);
    assert_non_null(cur->languages);
    assert_string_equal(cur->languages + 1, "es");
    /* and it differs from English espeak-ng reading the same words */
    speech_voice en = voice_of(SPEECH_ESPEAK, "en");
    const clip *e = speech_get(s, &en, 150, text, err, sizeof err);
    assert_non_null(e);
    assert_true(e->frames != es->frames ||
                memcmp(e->samples, es->samples, (size_t)e->frames * sizeof *e->samples) != 0);
    speech_close(s);
}

static void test_other_flite_voices(void **state)
{
    (void)state;
    speech *s = open_memory_only();
    static const char *names[] = {"kal", "kal16", "rms", "awb"};
    for (size_t i = 0; i < (quick ? 1 : 4); i++) {
        speech_voice v = voice_of(SPEECH_FLITE, names[i]);
        char err[256];
        const clip *c = speech_get(s, &v, 150, PHRASE, err, sizeof err);
        if (!c)
            fail_msg("%s: %s", names[i], err);
        double secs = (double)c->frames / PACER_RATE;
        if (secs < 1.0 || secs > 3.0)
            fail_msg("%s: %.2f s", names[i], secs);
    }
    speech_close(s);
}

/* ---- errors ---- */
static void test_errors(void **state)
{
    (void)state;
    speech *s = open_memory_only();
    speech_voice v = voice_of(SPEECH_FLITE, "slt");
    char err[256];
    assert_null(speech_get(s, &v, 50, PHRASE, err, sizeof err));
    assert_non_null(strstr(err, "rate"));
    assert_null(speech_get(s, &v, 301, PHRASE, err, sizeof err));
    assert_null(speech_get(s, &v, 150, "", err, sizeof err));
    assert_true(err[0] != 0);
    assert_null(speech_get(s, &v, 150, "  \n ", err, sizeof err));
    assert_true(err[0] != 0);
    assert_null(speech_get(s, &v, 150, "bad \xff byte", err, sizeof err));
    assert_non_null(strstr(err, "UTF-8"));
    speech_voice none = voice_of((speech_engine)0, "slt");
    assert_null(speech_get(s, &none, 150, PHRASE, err, sizeof err));
    assert_true(err[0] != 0);
    speech_voice nope = voice_of(SPEECH_FLITE, "nope");
    assert_null(speech_get(s, &nope, 150, PHRASE, err, sizeof err));
    assert_non_null(strstr(err, "nope"));
    speech_voice path = voice_of(SPEECH_ESPEAK, "../voices/en");
    assert_null(speech_get(s, &path, 150, PHRASE, err, sizeof err));
    assert_non_null(strstr(err, "no voice"));
    speech_voice xx = voice_of(SPEECH_ESPEAK, "xx-nonexistent");
    assert_null(speech_get(s, &xx, 150, PHRASE, err, sizeof err));
    assert_non_null(strstr(err, "xx-nonexistent"));

    /* odd but valid text: a clip or an error, never a crash or silence without a reason */
    static const char *odd[] = {"...", "Caf\xc3\xa9, na\xc3\xafve \xe2\x80\x94 5 \xc2\xbe \xe2\x98\xba", "<b>&amp;</b> [[h@'loU]]",
                                "1234567890123456789012345678901234567890", "-", "A."};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++)
        for (int e = 0; e < 2; e++) {
            speech_voice w = e ? voice_of(SPEECH_ESPEAK, "en") : v;
            err[0] = 0;
            const clip *c = speech_get(s, &w, 150, odd[i], err, sizeof err);
            if (c)
                assert_true(c->frames > 0);
            else
                assert_true(err[0] != 0);
        }
    /* each engine falls back to the other, and the fallback voice speaks */
    speech_voice f;
    speech_fallback_voice(&v, &f);
    assert_int_equal(f.engine, SPEECH_ESPEAK);
    assert_string_equal(f.name, "en");
    assert_non_null(speech_get(s, &f, 150, PHRASE, err, sizeof err));
    speech_voice back;
    speech_fallback_voice(&f, &back);
    assert_int_equal(back.engine, SPEECH_FLITE);
    assert_string_equal(back.name, "rms");
    speech_close(s);
}

int main(void)
{
    quick = getenv("PACER_TEST_QUICK") != NULL;
    if (support_tmpdir(tmp_root, sizeof tmp_root, "pacer-speech-test") < 0)
        return 1;
    char xdg[300];
    snprintf(xdg, sizeof xdg, "%s/xdg", tmp_root);
    setenv("XDG_CACHE_HOME", xdg, 1);

    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_resample_exact_length),
        cmocka_unit_test(test_resample_sine),
        cmocka_unit_test(test_resample_down),
        cmocka_unit_test(test_resample_keeps_the_end),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_pace_articulation),
        cmocka_unit_test(test_pace_pauses),
        cmocka_unit_test(test_pace_matches_the_rate),
        cmocka_unit_test(test_flite_phrase),
        cmocka_unit_test(test_espeak_phrase),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_rate_changes_length),
        cmocka_unit_test(test_trim_keeps_the_speech),
        cmocka_unit_test(test_disk_cache_hit),
        cmocka_unit_test(test_disk_cache_corrupt),
        cmocka_unit_test(test_disk_cache_other_key),
        cmocka_unit_test(test_disk_cache_no_stale_pace),
        cmocka_unit_test(test_disk_cache_old_format),
        cmocka_unit_test(test_disk_cache_limit),
        cmocka_unit_test(test_disk_cache_unusable),
        cmocka_unit_test(test_prepare_then_fetch),
        cmocka_unit_test(test_pick_voice),
        cmocka_unit_test(test_spanish),
        cmocka_unit_test(test_other_flite_voices),
        cmocka_unit_test(test_errors),
    };
    int r = cmocka_run_group_tests_name("audio/speech", tests, NULL, NULL);
    support_remove_tree(tmp_root);
    return r;
}
