/* test_mixer.c - the one mixer and the player clock, checked sample by sample.
 *
 * Sessions are written in Lua, loaded with script_load_buffer and compiled with a fixed
 * speech length (0.35 s a word plus 0.1234567 s, so no cue is a whole number of buffers or
 * milliseconds). Every speak and play event gets a synthetic clip of exactly its length
 * whose samples are never zero, so a clip's first and last samples can be found in the
 * output. Nothing here opens an audio device or a file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clip.h"
#include "mixer.h"
#include "player.h"
#include "script.h"
#include "compile.h"
#include "timeline.h"
#include "tone.h"

#include "fixtures.h"

#define SEC(s) ((int64_t)llround((double)(s) * PACER_RATE))
#define GETREADY ((int64_t)(PLAYER_GETREADY_SECONDS * PACER_RATE))

static registry reg;
/* PACER_TEST_QUICK (set for the run under valgrind): fewer repetitions of the same checks. */
static int quick;

/* ---- sessions ---- */

/* Every kind of sound: speech alone, tones alone (each shape), a recording, speech over
 * breathing tones, hold countdown ticks, a ready gate and a closing bell. */
static const char *SRC_MAIN =
    "return session {\n"
    "  title = 'Mixer test',\n"
    "  say 'Lie down and rest',\n"
    "  beep(),\n"
    "  tone { hz = 660, ms = 300, level = 0.4, shape = 'chime' },\n"
    "  wait(0.25),\n"
    "  tone { hz = 300, ms = 120, shape = 'tick' },\n"
    "  tone { hz = 500, ms = 400, shape = 'rise' },\n"
    "  tone { hz = 500, ms = 400, shape = 'fall' },\n"
    "  tone { hz = 440, ms = 250, shape = 'sine', level = 0.3 },\n"
    "  say { 'Play the file', file = 'cue.wav' },\n"
    "  breathe { inhale = 2, hold_in = 1, exhale = 2, cycles = 3, speak_cycles = 2 },\n"
    "  hold { seconds = 2.5, reps = 2, rest = 1.5, countdown = 2, cue = 'Push', release = 'Relax' },\n"
    "  ready { 'Tap when ready', timeout = 3 },\n"
    "  say 'Well done',\n"
    "  bell(),\n"
    "}\n";

/* Long quiet stretches between two cues: room to measure an ambience bed. */
/* silent waits: only the bed and the speech sound */
static const char *SRC_BED =
    "return session {\n"
    "  title = 'Bed',\n"
    "  wait { 3, tone = false },\n"
    "  say 'one two three four five six seven',\n"
    "  wait { 3, tone = false },\n"
    "  say 'eight nine ten eleven twelve thirteen fourteen',\n"
    "  wait { 4, tone = false },\n"
    "}\n";

static double speech_seconds(void *ud, const char *language, const char *voice, int rate, const char *text)
{
    (void)ud, (void)language, (void)voice, (void)rate;
    return 0.35 * support_count_words(text) + 0.1234567;
}

static double file_seconds(void *ud, const char *path, char *err, size_t n)
{
    (void)ud, (void)path, (void)err, (void)n;
    return 0.8765;
}

typedef struct fixture {
    session_model m;
    timeline t;
    diag_list d;
    clip *clips;              /* per event; frames 0 for events that are not speech */
    const clip **event_clips; /* per event, as cues_attach gives the mixer */
} fixture;

/* A clip sample (16-bit, as clips are): never zero (0.1 to 0.3 of full scale), different
 * for every clip. */
static int16_t clip_sample(int event, int64_t k)
{
    double v = 0.2 + 0.1 * sin(0.013 * (double)k + 0.7 * event);
    return (int16_t)lround(32768.0 * ((event & 1) ? -v : v));
}

/* The value a clip sample sounds as: s / 32768 (full scale is 32768). */
static float clip_value(int16_t s) { return (float)s / 32768.0f; }

/* A clip's samples as the floats they sound as, malloc'd. */
static float *clip_values(const clip *c)
{
    float *v = malloc((size_t)(c->frames + 1) * sizeof *v);
    assert_non_null(v);
    for (int64_t k = 0; k < c->frames; k++)
        v[k] = clip_value(c->samples[k]);
    return v;
}

static void fixture_load(fixture *f, const char *src)
{
    memset(f, 0, sizeof *f);
    diags_init(&f->d);
    script_opts so = {.reg = &reg, .same_process = 1}; /* fast under valgrind */
    if (script_load_buffer("test.lua", "/nonexistent", src, strlen(src), &so, &f->m, &f->d) != 0) {
        diags_print(&f->d, stderr);
        fail_msg("the test session did not load");
    }
    compile_opts o = {.speech_len = speech_seconds, .file_len = file_seconds};
    if (session_compile(&f->m, &o, &f->t, &f->d) != 0 || f->d.errors || f->d.warnings) {
        diags_print(&f->d, stderr);
        fail_msg("the test session did not compile cleanly");
    }
    f->clips = calloc((size_t)f->t.count, sizeof *f->clips);
    f->event_clips = calloc((size_t)f->t.count, sizeof *f->event_clips);
    assert_non_null(f->clips);
    assert_non_null(f->event_clips);
    for (int i = 0; i < f->t.count; i++) {
        const tl_event *e = &f->t.events[i];
        if (e->kind != TL_SPEAK && e->kind != TL_PLAY)
            continue;
        assert_true(e->len > 0);
        clip *c = &f->clips[i];
        c->frames = e->len;
        c->samples = malloc((size_t)c->frames * sizeof *c->samples);
        assert_non_null(c->samples);
        for (int64_t k = 0; k < c->frames; k++)
            c->samples[k] = clip_sample(i, k);
        f->event_clips[i] = c;
    }
}

static void fixture_free(fixture *f)
{
    for (int i = 0; i < f->t.count; i++)
        free(f->clips[i].samples);
    free(f->clips);
    free(f->event_clips);
    timeline_free(&f->t);
    session_model_free(&f->m);
    diags_free(&f->d);
}

static int audible(const tl_event *e) { return e->kind == TL_TONE || e->kind == TL_SPEAK || e->kind == TL_PLAY; }

/* The frame after the last sound, computed from the timeline alone. */
static int64_t sound_end(const timeline *t)
{
    int64_t end = t->frames;
    for (int i = 0; i < t->count; i++)
        if (audible(&t->events[i]) && t->events[i].at + t->events[i].len > end)
            end = t->events[i].at + t->events[i].len;
    return end;
}

/* ---- rendering helpers ---- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Renders the whole session with a fresh mixer in buffers of 'chunk' frames (0: sizes
 * from 1 to 5000 at random). Returns n frames, malloc'd. */
static float *render_all(const fixture *f, const clip *amb, int chunk, int64_t *n)
{
    mixer m;
    assert_int_equal(mixer_init(&m, &f->t, f->event_clips, amb), 0);
    *n = m.end;
    assert_int_equal(m.end, sound_end(&f->t));
    float *out = malloc((size_t)(m.end + 1) * sizeof *out);
    assert_non_null(out);
    for (int64_t done = 0; done < m.end;) {
        int c = chunk > 0 ? chunk : 1 + (int)(rng() % 5000);
        if (c > m.end - done)
            c = (int)(m.end - done);
        mixer_render(&m, out + done, c);
        done += c;
        assert_int_equal(m.pos, done);
    }
    mixer_free(&m);
    return out;
}

/* What the mixer must produce, built independently: frames [w0, w1) of a zeroed buffer with
 * every cue whose start is at or after 'from' added at its frame, in timeline order (the
 * mixer's summing order, so the result must match to the bit). Returned with index 0 = w0. */
static float *oracle(const fixture *f, int64_t from, int64_t w0, int64_t w1)
{
    float *buf = calloc((size_t)(w1 - w0 + 1), sizeof *buf);
    assert_non_null(buf);
    for (int i = 0; i < f->t.count; i++) {
        const tl_event *e = &f->t.events[i];
        if (!audible(e) || e->at < from)
            continue;
        int64_t a = e->at > w0 ? e->at : w0, b = e->at + e->len < w1 ? e->at + e->len : w1;
        if (a >= b)
            continue;
        if (e->kind == TL_TONE) {
            tone_params tp = {(pacer_shape)e->shape, e->hz, e->level, e->len};
            tone_mix(&tp, a - e->at, buf + (a - w0), (int)(b - a));
        } else {
            const clip *c = f->event_clips[i];
            for (int64_t k = a; k < b; k++)
                buf[k - w0] += clip_value(c->samples[k - e->at]);
        }
    }
    return buf;
}

/* Index of the first sample in [from, to) whose magnitude exceeds thr, or -1. */
static int64_t onset(const float *buf, int64_t from, int64_t to, float thr)
{
    for (int64_t i = from < 0 ? 0 : from; i < to; i++)
        if (fabsf(buf[i]) > thr)
            return i;
    return -1;
}

/* Index of the last sample in [from, to) whose magnitude exceeds thr, or -1. */
static int64_t offset_last(const float *buf, int64_t from, int64_t to, float thr)
{
    for (int64_t i = to - 1; i >= from && i >= 0; i--)
        if (fabsf(buf[i]) > thr)
            return i;
    return -1;
}

/* The end of every sound that starts before event i (or with it, earlier in order): the
 * output is exactly zero from there up to the event, when nothing else sounds. */
static int64_t quiet_from(const timeline *t, int i)
{
    int64_t q = 0;
    const tl_event *e = &t->events[i];
    for (int k = 0; k < t->count; k++) {
        const tl_event *o = &t->events[k];
        if (k == i || !audible(o) || o->at > e->at)
            continue;
        if (o->at + o->len > q)
            q = o->at + o->len;
    }
    return q;
}

/* The start of the first sound after event i begins (other than i), or the end. */
static int64_t next_sound(const timeline *t, int i, int64_t end)
{
    const tl_event *e = &t->events[i];
    int64_t nx = end;
    for (int k = 0; k < t->count; k++) {
        const tl_event *o = &t->events[k];
        if (k != i && audible(o) && o->at >= e->at && o->at < nx)
            nx = o->at;
    }
    return nx;
}

static void assert_frames_equal(const float *got, const float *want, int64_t n, const char *what, int64_t base)
{
    if (memcmp(got, want, (size_t)n * sizeof *got) == 0)
        return;
    for (int64_t i = 0; i < n; i++)
        if (memcmp(&got[i], &want[i], sizeof *got) != 0)
            fail_msg("%s: first difference at frame %lld: %.9g, expected %.9g", what, (long long)(base + i),
                     (double)got[i], (double)want[i]);
}

static void assert_silent(const float *buf, int64_t from, int64_t to, const char *what)
{
    for (int64_t i = from; i < to; i++)
        if (buf[i] != 0.0f)
            fail_msg("%s: sample %lld is %.9g, expected silence in [%lld, %lld)", what, (long long)i, (double)buf[i],
                     (long long)from, (long long)to);
}

/* ---- tones ---- */

static void test_tone_sample_zero_is_zero(void **state)
{
    (void)state;
    for (int shape = PACER_SHAPE_SINE; shape <= PACER_SHAPE_DOUBLE; shape++) {
        for (int len = 2; len <= 48000; len = len * 3 + 1) {
            tone_params tp = {(pacer_shape)shape, 440.0, 1.0, len};
            float out[2] = {0, 0};
            tone_mix(&tp, 0, out, 2);
            if (out[0] != 0.0f)
                fail_msg("shape %s, %d frames: sample 0 is %.9g", tl_shape_name(shape), len, (double)out[0]);
            if (out[1] == 0.0f)
                fail_msg("shape %s, %d frames: sample 1 is zero", tl_shape_name(shape), len);
        }
    }
}

static void test_tone_pieces_are_bit_identical(void **state)
{
    (void)state;
    const int len = PACER_RATE / 2;
    float *whole = calloc(len + 64, sizeof *whole), *parts = calloc(len + 64, sizeof *parts);
    assert_non_null(whole);
    assert_non_null(parts);
    for (int shape = PACER_SHAPE_SINE; shape <= PACER_SHAPE_DOUBLE; shape++) {
        tone_params tp = {(pacer_shape)shape, 523.3, 0.55, len};
        memset(whole, 0, (len + 64) * sizeof *whole);
        memset(parts, 0, (len + 64) * sizeof *parts);
        /* from -32: the 32 frames before the tone and after it stay untouched */
        tone_mix(&tp, -32, whole, len + 64);
        for (int done = 0, k = 1; done < len + 64; k = k * 2 + 1) {
            int c = k > len + 64 - done ? len + 64 - done : k;
            tone_mix(&tp, done - 32, parts + done, c);
            done += c;
        }
        assert_frames_equal(parts, whole, len + 64, tl_shape_name(shape), -32);
        assert_silent(whole, 0, 33, "before the tone and its sample 0");
        assert_silent(whole, 32 + len, 64 + len, "after the tone");
        assert_true(whole[33] != 0.0f);
        /* the release ramp ends near zero: no click at the end */
        float last = fabsf(whole[32 + len - 1]);
        assert_true(last < 1e-3f);
    }
    free(whole);
    free(parts);
}

/* ---- the mixer ---- */

static void test_session_has_what_the_tests_need(void **state)
{
    (void)state;
    fixture f;
    fixture_load(&f, SRC_MAIN);
    assert_true(support_count_kind(&f.t, TL_TONE) >= 15);
    assert_true(support_count_kind(&f.t, TL_SPEAK) >= 8);
    assert_int_equal(support_count_kind(&f.t, TL_PLAY), 1);
    assert_int_equal(support_count_kind(&f.t, TL_GATE), 1);
    /* every clip is exactly as long as its event */
    for (int i = 0; i < f.t.count; i++)
        if (f.event_clips[i])
            assert_int_equal(f.event_clips[i]->frames, f.t.events[i].len);
    fixture_free(&f);
}

static void test_render_equals_every_cue_at_its_frame(void **state)
{
    (void)state;
    fixture f;
    fixture_load(&f, SRC_MAIN);
    int64_t n;
    float *out = render_all(&f, NULL, 4096, &n);
    float *want = oracle(&f, 0, 0, n);
    assert_frames_equal(out, want, n, "continuous render vs every cue placed whole", 0);
    free(want);
    free(out);
    fixture_free(&f);
}

static void test_tone_onsets_exact(void **state)
{
    (void)state;
    fixture f;
    fixture_load(&f, SRC_MAIN);
    int64_t n;
    float *out = render_all(&f, NULL, 512, &n);
    int checked = 0;
    for (int i = 0; i < f.t.count; i++) {
        const tl_event *e = &f.t.events[i];
        if (e->kind != TL_TONE)
            continue;
        int64_t q = quiet_from(&f.t, i);
        if (q > e->at)
            continue; /* another sound is still under way: the oracle test covers it */
        /* silent up to and including the tone's sample 0, then sound from sample 1 */
        if (out[e->at] != 0.0f)
            fail_msg("tone %d at %lld: sample 0 is %.9g", i, (long long)e->at, (double)out[e->at]);
        int64_t on = onset(out, q, e->at + e->len, 0.0f);
        if (on != e->at + 1)
            fail_msg("tone %d (%s at %lld): first sound at %lld, expected %lld", i, tl_shape_name(e->shape),
                     (long long)e->at, (long long)on, (long long)e->at + 1);
        checked++;
    }
    assert_true(checked >= 12);
    free(out);
    fixture_free(&f);
}

static void test_speech_clips_whole(void **state)
{
    (void)state;
    fixture f;
    fixture_load(&f, SRC_MAIN);
    /* the extremes of the 16-bit range and the smallest steps, in every clip */
    static const int16_t extremes[] = {-32768, 32767, 1, -1};
    for (int i = 0; i < f.t.count; i++)
        if (f.clips[i].frames > 8)
            memcpy(f.clips[i].samples + 1, extremes, sizeof extremes);
    int64_t n;
    float *out = render_all(&f, NULL, 7, &n);
    int whole = 0;
    for (int i = 0; i < f.t.count; i++) {
        const tl_event *e = &f.t.events[i];
        if (e->kind != TL_SPEAK && e->kind != TL_PLAY)
            continue;
        int64_t q = quiet_from(&f.t, i), nx = next_sound(&f.t, i, n);
        if (q > e->at || nx < e->at + e->len)
            continue; /* overlaps a tone: the oracle test covers it */
        /* first sample at its frame, last at its frame + length - 1, nothing clipped */
        assert_int_equal(onset(out, q, nx, 0.0f), e->at);
        assert_int_equal(offset_last(out, q, nx, 0.0f), e->at + e->len - 1);
        float *want = clip_values(f.event_clips[i]);
        assert_frames_equal(out + e->at, want, e->len, "speech clip", e->at);
        free(want);
        /* full scale is 32768: -32768 sounds as -1, each step as 2^-15 */
        assert_true(out[e->at + 1] == -1.0f);
        assert_true(out[e->at + 2] == 1.0f - 0x1p-15f);
        assert_true(out[e->at + 3] == 0x1p-15f);
        assert_true(out[e->at + 4] == -0x1p-15f);
        whole++;
    }
    assert_true(whole >= 5);
    free(out);
    fixture_free(&f);
}

static void test_buffer_sizes_bit_identical(void **state)
{
    (void)state;
    fixture f;
    fixture_load(&f, SRC_MAIN);
    /* an ambience bed too: its loop and ducking must split the same way */
    clip amb = {malloc(10007 * sizeof(int16_t)), 10007};
    assert_non_null(amb.samples);
    for (int64_t k = 0; k < amb.frames; k++)
        amb.samples[k] = (int16_t)lround(32768.0 * (0.5 * sin(0.031 * (double)k) + 0.2 * sin(0.0071 * (double)k)));
    f.t.ambience_level = 0.3f;
    for (int with_amb = 0; with_amb <= 1; with_amb++) {
        const clip *a = with_amb ? &amb : NULL;
        int64_t n0;
        float *ref = render_all(&f, a, 4096, &n0);
        static const int sizes[] = {1, 7, 512, 4095, 0};
        for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
            if (quick && (with_amb ? sizes[s] != 7 : sizes[s] != 1))
                continue;
            int64_t n;
            float *out = render_all(&f, a, sizes[s], &n);
            assert_int_equal(n, n0);
            char what[64];
            snprintf(what, sizeof what, "buffer %d vs 4096%s", sizes[s], with_amb ? " with ambience" : "");
            assert_frames_equal(out, ref, n, what, 0);
            free(out);
        }
        free(ref);
    }
    free(amb.samples);
    fixture_free(&f);
}

static void test_seek_random_access(void **state)
{
    (void)state;
    fixture f;
    fixture_load(&f, SRC_MAIN);
    int64_t n;
    float *ref = render_all(&f, NULL, 4096, &n);
    mixer m;
    assert_int_equal(mixer_init(&m, &f.t, f.event_clips, NULL), 0);
    enum { SPAN = 3000 };
    float buf[SPAN];
    /* every cue's edges, then random frames (in random order: backwards seeks too) */
    int64_t frames[2000];
    int nf = 0;
    for (int i = 0; i < f.t.count && nf < 1300; i++) {
        const tl_event *e = &f.t.events[i];
        if (!audible(e))
            continue;
        int64_t edges[] = {e->at - 1, e->at, e->at + 1, e->at + e->len / 2, e->at + e->len - 1, e->at + e->len};
        for (size_t k = 0; k < sizeof edges / sizeof *edges; k++)
            if (edges[k] >= 0 && edges[k] < n)
                frames[nf++] = edges[k];
    }
    const int nrandom = nf + (quick ? 60 : 600);
    while (nf < nrandom)
        frames[nf++] = (int64_t)(rng() % (uint64_t)n);
    for (int i = 0; i < nf; i++) {
        int64_t at = frames[i];
        int span = n - at < SPAN ? (int)(n - at) : SPAN;
        mixer_seek(&m, at, 1);
        assert_int_equal(m.pos, at);
        /* in two uneven pieces */
        int first = span / 3;
        mixer_render(&m, buf, first);
        mixer_render(&m, buf + first, span - first);
        char what[64];
        snprintf(what, sizeof what, "seek to %lld (whole cues)", (long long)at);
        assert_frames_equal(buf, ref + at, span, what, at);
    }
    /* a clean start: only the cues that start at or after the frame */
    for (int i = 0; i < (quick ? 40 : 300); i++) {
        int64_t at = frames[i];
        int span = n - at < SPAN ? (int)(n - at) : SPAN;
        float *want = oracle(&f, at, at, at + span);
        mixer_seek(&m, at, 0);
        mixer_render(&m, buf, span);
        char what[64];
        snprintf(what, sizeof what, "seek to %lld (clean start)", (long long)at);
        assert_frames_equal(buf, want, span, what, at);
        free(want);
    }
    /* past the end: silence */
    mixer_seek(&m, n + 5, 1);
    mixer_render(&m, buf, SPAN);
    assert_silent(buf, 0, SPAN, "past the end");
    mixer_free(&m);
    free(ref);
    fixture_free(&f);
}

static void test_no_clips_is_silence_for_speech(void **state)
{
    (void)state;
    fixture f;
    fixture_load(&f, SRC_MAIN);
    mixer m;
    assert_int_equal(mixer_init(&m, &f.t, NULL, NULL), 0);
    int64_t n = m.end;
    float *out = malloc((size_t)n * sizeof *out);
    assert_non_null(out);
    mixer_render(&m, out, (int)n);
    /* speech is silent (captions only); the tones still play at their frames */
    int tones = 0;
    for (int i = 0; i < f.t.count; i++) {
        const tl_event *e = &f.t.events[i];
        if (e->kind == TL_SPEAK || e->kind == TL_PLAY) {
            int64_t a = e->at, b = e->at + e->len;
            for (int k = 0; k < f.t.count; k++) {
                const tl_event *o = &f.t.events[k];
                if (o->kind == TL_TONE && o->at < b && o->at + o->len > a) {
                    a = b; /* a tone overlaps: skip */
                    break;
                }
            }
            assert_silent(out, a, b, "speech without clips");
        } else if (e->kind == TL_TONE && quiet_from(&f.t, i) <= e->at) {
            int64_t on = onset(out, quiet_from(&f.t, i), e->at + e->len, 0.0f);
            if (on != e->at + 1)
                fail_msg("tone %d at %lld: first sound at %lld (%.9g), quiet from %lld", i, (long long)e->at,
                         (long long)on, (double)out[on], (long long)quiet_from(&f.t, i));
            tones++;
        }
    }
    assert_true(tones > 10);
    free(out);
    mixer_free(&m);
    fixture_free(&f);
}

/* ---- the player: pause, resume, skip, gate ---- */

/* Plays n output frames in calls of 'chunk' frames into out. */
static void play(player *p, float *out, int64_t n, int chunk)
{
    for (int64_t done = 0; done < n;) {
        int c = n - done < chunk ? (int)(n - done) : chunk;
        player_audio(p, out + done, c);
        done += c;
    }
}

/* Non-zero runs separated by at least 'gap' zero samples in [from, to): their starts. */
static int bursts(const float *buf, int64_t from, int64_t to, int64_t gap, int64_t *starts, int max)
{
    int nb = 0;
    int64_t last = -gap - 1;
    for (int64_t i = from; i < to; i++) {
        if (buf[i] == 0.0f)
            continue;
        if (i - last > gap) {
            if (nb < max)
                starts[nb] = i;
            nb++;
        }
        last = i;
    }
    return nb;
}

typedef struct pause_case {
    int64_t paused, resumed; /* output frames */
    int chunk;
    int pause_twice;         /* pause again during the get-ready, then resume */
} pause_case;

static void check_pause_resume(const fixture *f, const float *ref, int64_t n, const pause_case *pc)
{
    player p;
    assert_int_equal(player_init(&p, &f->t, f->event_clips, NULL), 0);
    assert_int_equal(p.end, n);
    const int64_t P = pc->paused, R = pc->resumed;
    int64_t extra = pc->pause_twice ? GETREADY : 0;
    int64_t total = R + GETREADY + extra + (n - P) + 4096;
    float *out = malloc((size_t)total * sizeof *out);
    assert_non_null(out);
    play(&p, out, P, pc->chunk);
    assert_int_equal(player_frame(&p), P);
    assert_int_equal(player_send(&p, PLAYER_PAUSE), 0);
    play(&p, out + P, R - P, pc->chunk);
    assert_int_equal(player_get_state(&p), PLAYER_PAUSED);
    assert_int_equal(player_frame(&p), P);
    int64_t r = R;
    if (pc->pause_twice) {
        /* resume, pause half-way through the get-ready, resume again: a fresh get-ready */
        assert_int_equal(player_send(&p, PLAYER_RESUME), 0);
        play(&p, out + r, GETREADY / 2, pc->chunk);
        assert_int_equal(player_get_state(&p), PLAYER_GETREADY);
        assert_int_equal(player_send(&p, PLAYER_PAUSE), 0);
        play(&p, out + r + GETREADY / 2, extra - GETREADY / 2, pc->chunk);
        assert_int_equal(player_get_state(&p), PLAYER_PAUSED);
        r += extra;
        /* the half get-ready played two ticks at most, then silence */
        int64_t st[8];
        int nb = bursts(out, R, R + GETREADY / 2, 2400, st, 8);
        assert_true(nb >= 1 && nb <= 2);
        assert_int_equal(st[0], R + 1);
        assert_silent(out, R + GETREADY / 2, r, "paused again during the get-ready");
        assert_int_equal(player_frame(&p), P);
        assert_int_equal(player_send(&p, PLAYER_TOGGLE), 0);
    } else {
        assert_int_equal(player_send(&p, PLAYER_RESUME), 0);
    }
    play(&p, out + r, total - r, pc->chunk);
    assert_int_equal(player_get_state(&p), PLAYER_ENDED);
    assert_int_equal(player_frame(&p), n);
    assert_int_equal(atomic_load(&p.output), total);

    /* before the pause: the session as rendered */
    assert_frames_equal(out, ref, P, "before the pause", 0);
    /* while paused: silence */
    assert_silent(out, P, R, "while paused");
    /* the get-ready: exactly three ticks, half a second apart, from the resume */
    int64_t st[8];
    int nb = bursts(out, r, r + GETREADY, 2400, st, 8);
    assert_int_equal(nb, 3);
    for (int k = 0; k < 3; k++)
        assert_int_equal(st[k], r + 1 + k * (PACER_RATE / 2));
    assert_true(out[r] == 0.0f);
    /* after it: the session from the paused frame, to the bit */
    const int64_t base = r + GETREADY;
    assert_frames_equal(out + base, ref + P, n - P, "after the get-ready", base);
    assert_silent(out, base + (n - P), total, "after the end");
    /* and every later tone where it belongs: base + (at - P), first sound one frame on */
    for (int i = 0; i < f->t.count; i++) {
        const tl_event *e = &f->t.events[i];
        if (e->kind != TL_TONE || e->at < P || quiet_from(&f->t, i) > e->at)
            continue;
        int64_t q = quiet_from(&f->t, i);
        int64_t from = base + (q > P ? q - P : 0);
        int64_t on = onset(out, from, base + (e->at - P) + e->len, 0.0f);
        if (on != base + (e->at - P) + 1)
            fail_msg("paused at %lld, resumed at %lld: tone at %lld sounds at output %lld, expected %lld",
                     (long long)P, (long long)R, (long long)e->at, (long long)on,
                     (long long)(base + (e->at - P) + 1));
    }
    free(out);
    player_free(&p);
}

static void test_pause_resume(void **state)
{
    (void)state;
    fixture f;
    fixture_load(&f, SRC_MAIN);
    int64_t n;
    float *ref = render_all(&f, NULL, 4096, &n);
    /* the first tone's frame and the first breathing speech cue's */
    int64_t tone_at = -1, speak_mid = -1;
    for (int i = 0; i < f.t.count; i++) {
        const tl_event *e = &f.t.events[i];
        if (e->kind == TL_TONE && tone_at < 0)
            tone_at = e->at;
        if (e->kind == TL_SPEAK && e->at > SEC(5) && speak_mid < 0)
            speak_mid = e->at + e->len / 2 + 3;
    }
    assert_true(tone_at > 0 && speak_mid > 0);
    const pause_case cases[] = {
        {0, 1000, 256, 0},                           /* before anything */
        {SEC(0.5) + 17, SEC(0.5) + 17 + SEC(2), 1, 0}, /* in the middle of the first speech */
        {tone_at, tone_at + 12345, 512, 0},          /* just before a tone's sample 0 */
        {tone_at + 1, tone_at + 1 + 777, 511, 0},    /* just after it */
        {tone_at + 900, tone_at + 900 + SEC(1), 4096, 0}, /* in the middle of a tone */
        {speak_mid, speak_mid + SEC(3), 480, 0},     /* speech over breathing */
        {speak_mid, speak_mid + SEC(1), 333, 1},     /* a second pause inside the get-ready */
        {n - 5, n - 5 + 100, 64, 0},                 /* the very end */
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        if (quick && c != 2 && c != 6 && c + 1 != sizeof cases / sizeof *cases)
            continue;
        check_pause_resume(&f, ref, n, &cases[c]);
    }
    free(ref);
    fixture_free(&f);
}

/* Plays to output frame F, sends cmd, and plays on for JUMP_WINDOW frames (or to the end
 * and past it). The output from F must be a clean start from 'lands': cues under way at the
 * jump are cut, later ones keep their offsets. */
#define JUMP_WINDOW SEC(6)
static void check_jump(const fixture *f, int64_t F, player_cmd cmd, int64_t lands, int chunk)
{
    player p;
    assert_int_equal(player_init(&p, &f->t, f->event_clips, NULL), 0);
    const int64_t n = p.end;
    const int to_end = n - lands <= JUMP_WINDOW;
    const int64_t span = to_end ? n - lands : JUMP_WINDOW;
    int64_t total = F + span + (to_end ? 4096 : 0);
    float *out = malloc((size_t)total * sizeof *out);
    assert_non_null(out);
    play(&p, out, F, chunk);
    assert_int_equal(player_frame(&p), F);
    assert_int_equal(player_send(&p, cmd), 0);
    player_audio(&p, out + F, 1);
    /* the clock lands exactly there (and has played one frame) */
    assert_int_equal(player_frame(&p), lands + 1);
    assert_int_equal(player_get_state(&p), PLAYER_PLAYING);
    play(&p, out + F + 1, total - F - 1, chunk);
    float *want = oracle(f, lands, lands, lands + span);
    char what[96];
    snprintf(what, sizeof what, "jump at %lld to %lld", (long long)F, (long long)lands);
    assert_frames_equal(out + F, want, span, what, F);
    if (to_end) {
        assert_int_equal(player_get_state(&p), PLAYER_ENDED);
        assert_silent(out, F + span, total, "after the end");
    } else {
        assert_int_equal(player_frame(&p), lands + span);
    }
    for (int i = 0; i < f->t.count; i++) {
        const tl_event *e = &f->t.events[i];
        if (e->kind != TL_TONE || e->at < lands || e->at + e->len > lands + span)
            continue;
        int64_t q = quiet_from(&f->t, i);
        if (q > e->at)
            continue;
        int64_t from = F + (q > lands ? q - lands : 0);
        assert_int_equal(onset(out, from, F + (e->at - lands) + e->len, 0.0f), F + (e->at - lands) + 1);
    }
    free(want);
    free(out);
    player_free(&p);
}

static void test_skip_next_prev(void **state)
{
    (void)state;
    fixture f;
    fixture_load(&f, SRC_MAIN);
    const timeline *t = &f.t;
    assert_true(t->nsteps >= 8);
    int jumps = 0;
    for (int s = 0; s + 1 < t->nsteps; s++) {
        int64_t a = t->steps[s].at, b = t->steps[s + 1].at;
        if (b <= a)
            continue;
        /* NEXT from the step's first frame, its middle and its last frame: the next start */
        int64_t probes[] = {a, a + (b - a) / 2, b - 1};
        for (size_t k = 0; k < 3; k++) {
            assert_int_equal(timeline_step_boundary(t, probes[k], +1), b);
            if (k == 1 ? !quick || s % 2 == 0 : s % 3 == 0 && !quick)
                check_jump(&f, probes[k], PLAYER_NEXT, b, 512), jumps++;
        }
        /* PREV more than 2 s into a step: that step's start; within 2 s: the one before */
        if (b - a > SEC(2) + 10) {
            assert_int_equal(timeline_step_boundary(t, a + SEC(2) + 5, -1), a);
            if (!quick || s % 2)
                check_jump(&f, a + SEC(2) + 5, PLAYER_PREV, a, 700), jumps++;
        }
        if (s > 0 && t->steps[s - 1].at < a) {
            int64_t F1 = a + SEC(1) < b ? a + SEC(1) : b - 1;
            assert_int_equal(timeline_step_boundary(t, F1, -1), t->steps[s - 1].at);
            if (s % (quick ? 4 : 2) == 0)
                check_jump(&f, F1, PLAYER_PREV, t->steps[s - 1].at, 1024), jumps++;
        }
    }
    assert_true(jumps >= (quick ? 6 : 10));

    /* NEXT in the last step: to the end, and the session is over */
    player p;
    assert_int_equal(player_init(&p, t, f.event_clips, NULL), 0);
    float *buf = malloc((size_t)p.end * sizeof *buf);
    assert_non_null(buf);
    int64_t last = t->steps[t->nsteps - 1].at + 10;
    play(&p, buf, last, 4096);
    assert_int_equal(player_send(&p, PLAYER_NEXT), 0);
    player_audio(&p, buf, 256);
    assert_true(player_frame(&p) >= t->frames);
    /* PREV after the end plays again from the last step */
    play(&p, buf, p.end, 4096);
    assert_int_equal(player_get_state(&p), PLAYER_ENDED);
    assert_int_equal(player_send(&p, PLAYER_PREV), 0);
    player_audio(&p, buf, 100);
    assert_int_equal(player_get_state(&p), PLAYER_PLAYING);
    assert_int_equal(player_frame(&p), timeline_step_boundary(t, p.end, -1) + 100);
    free(buf);
    player_free(&p);
    fixture_free(&f);
}

static void test_gate_tap(void **state)
{
    (void)state;
    fixture f;
    fixture_load(&f, SRC_MAIN);
    const tl_event *g = NULL;
    for (int i = 0; i < f.t.count; i++)
        if (f.t.events[i].kind == TL_GATE)
            g = &f.t.events[i];
    assert_non_null(g);
    const int64_t gend = g->at + g->len;
    /* a tap anywhere inside the gate goes on from its end */
    int64_t taps[] = {g->at, g->at + 1, g->at + SEC(1) + 3, gend - 1};
    for (size_t k = 0; k < sizeof taps / sizeof *taps; k++)
        if (!quick || k == 0 || k == 3)
            check_jump(&f, taps[k], PLAYER_TAP, gend, 480);
    /* the gate ends where the next step begins */
    assert_int_equal(timeline_step_boundary(&f.t, g->at, +1), gend);

    /* outside a gate, a tap pauses; a second tap resumes after the get-ready */
    player p;
    assert_int_equal(player_init(&p, &f.t, f.event_clips, NULL), 0);
    float *buf = malloc((size_t)(gend + SEC(2)) * sizeof *buf);
    assert_non_null(buf);
    play(&p, buf, g->at - 100, 512);
    assert_int_equal(player_send(&p, PLAYER_TAP), 0);
    player_audio(&p, buf, 64);
    assert_int_equal(player_get_state(&p), PLAYER_PAUSED);
    assert_int_equal(player_frame(&p), g->at - 100);
    assert_int_equal(player_send(&p, PLAYER_TAP), 0);
    player_audio(&p, buf, 64);
    assert_int_equal(player_get_state(&p), PLAYER_GETREADY);
    play(&p, buf, GETREADY - 64, 512);
    assert_int_equal(player_get_state(&p), PLAYER_PLAYING);
    play(&p, buf, 200, 100);
    assert_int_equal(player_frame(&p), g->at + 100);
    assert_int_equal(player_send(&p, PLAYER_TAP), 0);
    player_audio(&p, buf, 64);
    assert_int_equal(player_frame(&p), gend + 64);
    /* just after the gate: a tap pauses again */
    assert_int_equal(player_send(&p, PLAYER_TAP), 0);
    player_audio(&p, buf, 64);
    assert_int_equal(player_get_state(&p), PLAYER_PAUSED);
    free(buf);
    player_free(&p);
    fixture_free(&f);
}

static void test_command_queue(void **state)
{
    (void)state;
    fixture f;
    fixture_load(&f, SRC_MAIN);
    player p;
    assert_int_equal(player_init(&p, &f.t, f.event_clips, NULL), 0);
    for (int i = 0; i < PLAYER_QUEUE; i++)
        assert_int_equal(player_send(&p, i % 2 ? PLAYER_RESUME : PLAYER_PAUSE), 0);
    assert_int_equal(player_send(&p, PLAYER_PAUSE), -1); /* full */
    float buf[64];
    player_audio(&p, buf, 64); /* applies all: the last one resumes */
    assert_int_equal(player_get_state(&p), PLAYER_GETREADY);
    assert_int_equal(player_frame(&p), 0);
    assert_int_equal(player_send(&p, PLAYER_PAUSE), 0);
    player_free(&p);
    fixture_free(&f);
}

/* ---- ambience ---- */

static double rms(const float *a, const float *b, int64_t from, int64_t to)
{
    double s = 0;
    for (int64_t i = from; i < to; i++) {
        double v = (double)a[i] - (b ? (double)b[i] : 0.0);
        s += v * v;
    }
    return sqrt(s / (double)(to - from));
}

static void test_ambience_ducks_and_loops(void **state)
{
    (void)state;
    fixture f;
    fixture_load(&f, SRC_BED);
    f.t.ambience_level = 0.4f;
    /* a bed shorter than a second (not a whole number of its own periods) */
    const int64_t L = PACER_RATE / 2 + 37;
    clip amb = {malloc((size_t)L * sizeof(int16_t)), L};
    assert_non_null(amb.samples);
    for (int64_t k = 0; k < L; k++)
        amb.samples[k] = (int16_t)lround(32768.0 * 0.5 * sin(2 * 3.141592653589793 * 200.0 * (double)k / PACER_RATE));
    int64_t n, n2;
    float *with = render_all(&f, &amb, 1000, &n);
    float *plain = render_all(&f, NULL, 1000, &n2);
    assert_int_equal(n, n2);
    assert_int_equal(n, f.t.frames);
    const tl_event *sp[2];
    int ns = 0;
    for (int i = 0; i < f.t.count; i++)
        if (f.t.events[i].kind == TL_SPEAK)
            sp[ns++] = &f.t.events[i];
    assert_int_equal(ns, 2);
    const double clip_rms = 0.5 / sqrt(2.0), full = 0.4 * clip_rms;

    /* the bed starts from silence */
    assert_true(with[0] == 0.0f);
    /* away from speech (after the fade-in, 0.5 s clear of any cue): full level, the clip
     * looped sample for sample, across its seams */
    int64_t away_from = sp[0]->at + sp[0]->len + SEC(0.5), away_to = sp[1]->at - SEC(0.5);
    if (away_to > f.t.frames - SEC(3))
        away_to = f.t.frames - SEC(3); /* the bed fades out over the last 3 s */
    assert_true(away_to - away_from > 2 * L);
    for (int64_t fr = away_from; fr < away_to; fr++) {
        float want = (float)((double)f.t.ambience_level * (double)clip_value(amb.samples[fr % L]));
        if (with[fr] != want)
            fail_msg("bed at %lld: %.9g, expected the loop's sample %lld: %.9g", (long long)fr, (double)with[fr],
                     (long long)(fr % L), (double)want);
    }
    double r_away = rms(with, plain, away_from, away_to);
    assert_true(fabs(r_away - full) < 0.03 * full);
    /* before the first cue, after the fade-in */
    double r_before = rms(with, plain, SEC(2), sp[0]->at - SEC(0.3));
    assert_true(fabs(r_before - full) < 0.03 * full);
    /* under speech: a quarter of the level (12 dB down) */
    for (int s = 0; s < 2; s++) {
        double r_under = rms(with, plain, sp[s]->at + SEC(0.1), sp[s]->at + sp[s]->len - SEC(0.1));
        double ratio = r_under / full;
        if (ratio < 0.2 || ratio > 0.3)
            fail_msg("cue %d: the bed under speech is at %.3f of its level, expected 0.25", s, ratio);
    }
    /* the duck is smooth: the bed's level never steps by more than a ramp allows. Per
     * 10 ms window the gain moves at most 10 ms / 250 ms of the duck's depth. */
    const int64_t W = PACER_RATE / 100;
    double prev = -1;
    for (int64_t w = SEC(2); w + W <= n - SEC(3); w += W) {
        if ((w + W) / L != w / L) {
            prev = -1; /* a loop seam: the sine's phase jumps there */
            continue;
        }
        double r = rms(with, plain, w, w + W) / full;
        if (prev >= 0 && fabs(r - prev) > 0.75 * 0.04 + 0.02)
            fail_msg("the bed jumps from %.3f to %.3f of its level at %lld", prev, r, (long long)w);
        prev = r;
    }
    /* it keeps looping to the end: every second after the fade-in has sound, and it fades
     * out to silence at the session's end */
    for (int64_t w = SEC(2); w + PACER_RATE <= n - SEC(3); w += PACER_RATE)
        assert_true(rms(with, plain, w, w + PACER_RATE) > 0.2 * full);
    assert_true(rms(with, plain, n - 480, n) < 0.01 * full);
    /* speech over the bed is still whole */
    for (int s = 0; s < 2; s++) {
        int64_t a = sp[s]->at, len = sp[s]->len;
        for (int64_t k = 0; k < len; k += 97)
            assert_true(plain[a + k] == clip_value(f.event_clips[sp[s] - f.t.events]->samples[k]));
    }
    free(with);
    free(plain);
    free(amb.samples);
    fixture_free(&f);
}

static int setup(void **state)
{
    (void)state;
    quick = getenv("PACER_TEST_QUICK") != NULL;
    return support_registry(&reg);
}

static int teardown(void **state)
{
    (void)state;
    registry_free(&reg);
    return 0;
}

#ifndef TEST_MIXER_NO_MAIN
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tone_sample_zero_is_zero),
        cmocka_unit_test(test_tone_pieces_are_bit_identical),
        cmocka_unit_test(test_session_has_what_the_tests_need),
        cmocka_unit_test(test_render_equals_every_cue_at_its_frame),
        cmocka_unit_test(test_tone_onsets_exact),
        cmocka_unit_test(test_speech_clips_whole),
        cmocka_unit_test(test_buffer_sizes_bit_identical),
        cmocka_unit_test(test_seek_random_access),
        cmocka_unit_test(test_no_clips_is_silence_for_speech),
        cmocka_unit_test(test_pause_resume),
        cmocka_unit_test(test_skip_next_prev),
        cmocka_unit_test(test_gate_tap),
        cmocka_unit_test(test_command_queue),
        cmocka_unit_test(test_ambience_ducks_and_loops),
    };
    /* PACER_TEST_FILTER=pattern runs only the matching tests (a '*' matches anything) */
    const char *filter = getenv("PACER_TEST_FILTER");
    if (filter && *filter)
        cmocka_set_test_filter(filter);
    return cmocka_run_group_tests_name("audio/mixer", tests, setup, teardown);
}
#endif
