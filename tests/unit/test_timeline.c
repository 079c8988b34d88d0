/* test_timeline.c - unit tests for the compiler and the timeline: exact frame arithmetic.
 *
 * Sessions are written in Lua and loaded with script_load_buffer, then compiled with a
 * speech length of exactly one second per word, so every expected frame is exact. The
 * timeline's own code, which needs no session, is tested without Lua in test_events.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"
#include "compile.h"
#include "timeline.h"

#include "fixtures.h"

#define SEC(s) ((int64_t)(s) * PACER_RATE)
#define MS(ms) ((int64_t)(ms) * (PACER_RATE / 1000))

static registry reg;

/* One second per word: words are runs of non-blank characters. */
static double word_seconds(void *ud, const char *language, const char *voice, int rate, const char *text)
{
    int *calls = ud;
    (void)language, (void)voice, (void)rate;
    if (calls)
        (*calls)++;
    return support_count_words(text);
}

/* A step type of the test's own, registered beside the built-ins: it drives the host table
 * in ways the built-ins never do, to reach the compiler's own checks. */
static int probe_expand(pacer_ctx *x, const pacer_host *h)
{
    const char *mode = h->text(x, 0);
    if (strcmp(mode, "duet") == 0) {
        h->say(x, 0, "a b c d");
        h->say(x, 1, "e f");
        h->advance(x, 5);
    } else if (strcmp(mode, "trio") == 0) {
        h->say(x, 0, "a b c");
        h->say(x, 1, "d e f");
        h->say(x, 2, "g h i");
        h->advance(x, 6);
    } else if (strcmp(mode, "back") == 0) {
        h->advance(x, -1);
    } else if (strcmp(mode, "nan") == 0) {
        h->phase(x, 0, PACER_PHASE_HOLD, NAN, NULL, 0, 0);
    } else if (strcmp(mode, "lowtone") == 0) {
        pacer_tone t = {sizeof t, PACER_SHAPE_SINE, 10, 100, 0.5};
        h->tone(x, 0, &t);
    } else if (strcmp(mode, "rep") == 0) {
        h->phase(x, 0, PACER_PHASE_HOLD, 1, NULL, 3, 2);
    } else if (strcmp(mode, "status") == 0) {
        return -5;
    } else if (strcmp(mode, "clock") == 0) {
        h->advance(x, 1.5);
        if (h->now(x) != 1.5)
            return (h->fail)(x, "now() is %g after advancing 1.5 s", h->now(x));
        h->advance(x, 0.25);
        if (h->now(x) != 1.75)
            return (h->fail)(x, "now() is %g after advancing 1.75 s", h->now(x));
    }
    return 0;
}

static const pacer_field probe_fields[] = {
    {"mode", PACER_ENUM, PACER_POSITIONAL, 0, 0, 0, "clock", "duet|trio|back|nan|lowtone|rep|status|clock",
     "What the probe does"},
};

static const pacer_step_type probe_type = {
    sizeof(pacer_step_type), "probe", "A step for testing the host table", probe_fields, 1, 0, NULL, probe_expand, NULL,
};

typedef struct built {
    session_model m;
    timeline t;
    diag_list d;
} built;

static void dump(const diag_list *d)
{
    if (d->count)
        diags_print(d, stderr);
}

/* Loads src (it must load cleanly) and compiles it; returns session_compile's result. */
static int compile_with(built *b, const char *src, const compile_opts *opts)
{
    memset(b, 0, sizeof *b);
    diags_init(&b->d);
    script_opts so = {.reg = &reg, .same_process = 1}; /* fast under valgrind */
    if (script_load_buffer("test.lua", "/nonexistent", src, strlen(src), &so, &b->m, &b->d) != 0) {
        dump(&b->d);
        fail_msg("the test session did not load");
    }
    compile_opts o = {0};
    if (opts)
        o = *opts;
    if (!o.speech_len)
        o.speech_len = word_seconds;
    return session_compile(&b->m, &o, &b->t, &b->d);
}

/* Compiles src and requires success without errors or warnings. */
static void compile_clean(built *b, const char *src)
{
    int rc = compile_with(b, src, NULL);
    if (rc != 0 || b->d.errors || b->d.warnings) {
        dump(&b->d);
        fail_msg("expected a clean compile (rc %d, %d errors, %d warnings)", rc, b->d.errors, b->d.warnings);
    }
}

static void built_free(built *b)
{
    timeline_free(&b->t);
    session_model_free(&b->m);
    diags_free(&b->d);
}

/* The i-th event (0-based, in timeline order) of a kind, or NULL. */
static const tl_event *nth(const timeline *t, int kind, int i)
{
    for (int k = 0; k < t->count; k++)
        if (t->events[k].kind == kind && i-- == 0)
            return &t->events[k];
    return NULL;
}

static int count_phase(const timeline *t, int phase)
{
    int n = 0;
    for (int i = 0; i < t->count; i++)
        n += t->events[i].kind == TL_PHASE && t->events[i].phase == phase;
    return n;
}

static const tl_event *nth_phase(const timeline *t, int phase, int i)
{
    for (int k = 0; k < t->count; k++)
        if (t->events[k].kind == TL_PHASE && t->events[k].phase == phase && i-- == 0)
            return &t->events[k];
    return NULL;
}

static const tl_event *nth_sound(const timeline *t, pacer_sound s, int i)
{
    for (int k = 0; k < t->count; k++)
        if (t->events[k].kind == TL_TONE && t->events[k].sound == s + 1 && i-- == 0)
            return &t->events[k];
    return NULL;
}

static int count_sound(const timeline *t, pacer_sound s)
{
    int n = 0;
    for (int i = 0; i < t->count; i++)
        n += t->events[i].kind == TL_TONE && t->events[i].sound == s + 1;
    return n;
}

static int count_diag_containing(const diag_list *d, diag_severity sev, const char *text)
{
    int n = 0;
    for (int i = 0; i < d->count; i++)
        n += d->items[i].severity == sev && strstr(d->items[i].message, text) != NULL;
    return n;
}

#define ASSERT_EVENT(e, kind_, at_, len_)                \
    do {                                                 \
        const tl_event *e_ = (e);                        \
        assert_non_null(e_);                             \
        assert_int_equal(e_->kind, (kind_));             \
        assert_int_equal(e_->at, (int64_t)(at_));        \
        assert_int_equal(e_->len, (int64_t)(len_));      \
    } while (0)

/* Sorted by frame, a phase first among events of its frame, then in emission order; one END,
 * last, at the total length. */
static void assert_well_formed(const timeline *t)
{
    assert_true(t->count >= 1);
    for (int i = 1; i < t->count; i++) {
        const tl_event *a = &t->events[i - 1], *b = &t->events[i];
        assert_true(a->at <= b->at);
        if (a->at == b->at) {
            int ap = a->kind == TL_PHASE, bp = b->kind == TL_PHASE;
            assert_false(!ap && bp); /* no phase after a non-phase in the same frame */
            if (ap == bp)
                assert_true(a->seq < b->seq);
        }
    }
    for (int i = 0; i < t->count; i++) {
        assert_true(t->events[i].at >= 0);
        assert_true(t->events[i].len >= 0);
    }
    assert_int_equal(support_count_kind(t, TL_END), 1);
    ASSERT_EVENT(&t->events[t->count - 1], TL_END, t->frames, 0);
    for (int i = 1; i < t->nsteps; i++)
        assert_true(t->steps[i - 1].at <= t->steps[i].at);
}

/* ---- breathe ---- */

static void test_breathe_five_minutes(void **state)
{
    (void)state;
    built b;
    compile_clean(&b, "return session { title = \"T\",\n"
                      "  breathe { inhale = 4, exhale = 6, minutes = 5 },\n"
                      "}\n");
    const timeline *t = &b.t;
    assert_well_formed(t);
    assert_int_equal(t->frames, 14400000);
    assert_int_equal(t->frames, SEC(300));
    assert_int_equal(support_count_kind(t, TL_PHASE), 60);
    assert_int_equal(count_phase(t, PACER_PHASE_INHALE), 30);
    assert_int_equal(count_phase(t, PACER_PHASE_EXHALE), 30);
    for (int i = 0; i < 30; i++) {
        const tl_event *in = nth_phase(t, PACER_PHASE_INHALE, i), *ex = nth_phase(t, PACER_PHASE_EXHALE, i);
        ASSERT_EVENT(in, TL_PHASE, SEC(10 * i), SEC(4));
        assert_int_equal(in->rep, i + 1);
        assert_int_equal(in->reps, 30);
        ASSERT_EVENT(ex, TL_PHASE, SEC(10 * i + 4), SEC(6));
        assert_int_equal(ex->rep, i + 1);
        assert_int_equal(ex->reps, 30);
        /* a tone on every phase: rising in, falling out */
        const tl_event *ti = nth_sound(t, PACER_SOUND_INHALE, i), *te = nth_sound(t, PACER_SOUND_EXHALE, i);
        ASSERT_EVENT(ti, TL_TONE, SEC(10 * i), MS(300));
        assert_int_equal(ti->shape, PACER_SHAPE_RISE);
        ASSERT_EVENT(te, TL_TONE, SEC(10 * i + 4), MS(300));
        assert_int_equal(te->shape, PACER_SHAPE_FALL);
    }
    assert_int_equal(support_count_kind(t, TL_TONE), 60);
    /* spoken cues for the first 3 breaths only (speak_cycles defaults to 3), 0.3 s in */
    assert_int_equal(support_count_kind(t, TL_SPEAK), 6);
    assert_int_equal(support_count_kind(t, TL_CAPTION), 6);
    for (int i = 0; i < 3; i++) {
        const tl_event *in = nth(t, TL_SPEAK, 2 * i), *ex = nth(t, TL_SPEAK, 2 * i + 1);
        ASSERT_EVENT(in, TL_SPEAK, SEC(10 * i) + MS(300), SEC(2));
        assert_string_equal(in->text, "Breathe in");
        ASSERT_EVENT(ex, TL_SPEAK, SEC(10 * i + 4) + MS(300), SEC(2));
        assert_string_equal(ex->text, "Breathe out");
        const tl_event *cap = nth(t, TL_CAPTION, 2 * i);
        ASSERT_EVENT(cap, TL_CAPTION, in->at, in->len);
        assert_ptr_equal(cap->text, in->text); /* interned: one copy */
    }
    /* one leaf step, where it was written */
    assert_int_equal(t->nsteps, 1);
    assert_string_equal(t->steps[0].type, "breathe");
    assert_int_equal(t->steps[0].at, 0);
    assert_int_equal(t->steps[0].line, 2);
    assert_int_equal(t->steps[0].col, 3);
    assert_string_equal(t->steps[0].file, "test.lua");
    assert_string_equal(t->title, "T");
    assert_int_equal(t->rate, 150);
    built_free(&b);
}

static void test_breathe_holds(void **state)
{
    (void)state;
    built b;
    compile_clean(&b, "return session { title = \"T\",\n"
                      "  breathe { inhale = 4, hold_in = 3, exhale = 6, hold_out = 3, cycles = 2, speak_cycles = 1 },\n"
                      "}\n");
    const timeline *t = &b.t;
    assert_well_formed(t);
    assert_int_equal(t->frames, SEC(32));
    static const struct {
        int phase, at, len;
    } want[] = {
        {PACER_PHASE_INHALE, 0, 4},   {PACER_PHASE_HOLD_IN, 4, 3},  {PACER_PHASE_EXHALE, 7, 6},
        {PACER_PHASE_HOLD_OUT, 13, 3}, {PACER_PHASE_INHALE, 16, 4}, {PACER_PHASE_HOLD_IN, 20, 3},
        {PACER_PHASE_EXHALE, 23, 6},  {PACER_PHASE_HOLD_OUT, 29, 3},
    };
    assert_int_equal(support_count_kind(t, TL_PHASE), 8);
    for (int i = 0; i < 8; i++) {
        const tl_event *p = nth(t, TL_PHASE, i);
        ASSERT_EVENT(p, TL_PHASE, SEC(want[i].at), SEC(want[i].len));
        assert_int_equal(p->phase, want[i].phase);
        assert_int_equal(p->rep, i / 4 + 1);
        assert_int_equal(p->reps, 2);
    }
    /* a breath held in and a breath held out each have their own sound, not a stretch hold's */
    assert_int_equal(count_sound(t, PACER_SOUND_HOLD), 0);
    assert_int_equal(count_sound(t, PACER_SOUND_HOLD_IN), 2);
    assert_int_equal(count_sound(t, PACER_SOUND_HOLD_OUT), 2);
    ASSERT_EVENT(nth_sound(t, PACER_SOUND_HOLD_IN, 0), TL_TONE, SEC(4), MS(450));
    ASSERT_EVENT(nth_sound(t, PACER_SOUND_HOLD_IN, 1), TL_TONE, SEC(20), MS(450));
    ASSERT_EVENT(nth_sound(t, PACER_SOUND_HOLD_OUT, 0), TL_TONE, SEC(13), MS(600));
    ASSERT_EVENT(nth_sound(t, PACER_SOUND_HOLD_OUT, 1), TL_TONE, SEC(29), MS(600));
    /* the first breath is spoken through, hold cues included */
    static const char *const said[] = {"Breathe in", "Hold", "Breathe out", "Hold"};
    static const int said_at[] = {0, 4, 7, 13};
    assert_int_equal(support_count_kind(t, TL_SPEAK), 4);
    for (int i = 0; i < 4; i++) {
        const tl_event *s = nth(t, TL_SPEAK, i);
        assert_string_equal(s->text, said[i]);
        assert_int_equal(s->at, SEC(said_at[i]) + MS(300));
    }
    built_free(&b);
}

static void test_breathe_minutes_round_to_whole_breaths(void **state)
{
    (void)state;
    built b;
    /* 60 s / 7 s = 8.57 breaths: 9 */
    compile_clean(&b, "return session { title = \"T\", breathe { inhale = 4, exhale = 3, minutes = 1, speak_cycles = 0 } }");
    assert_int_equal(count_phase(&b.t, PACER_PHASE_INHALE), 9);
    assert_int_equal(b.t.frames, SEC(63));
    assert_int_equal(support_count_kind(&b.t, TL_SPEAK), 0);
    assert_int_equal(nth_phase(&b.t, PACER_PHASE_INHALE, 8)->reps, 9);
    built_free(&b);
    /* fractional phases add up exactly */
    compile_clean(&b, "return session { title = \"T\", breathe { inhale = 3.5, exhale = 5.25, cycles = 4, speak_cycles = 0 } }");
    assert_int_equal(b.t.frames, SEC(35));
    ASSERT_EVENT(nth_phase(&b.t, PACER_PHASE_EXHALE, 3), TL_PHASE, MS(3 * 8750 + 3500), MS(5250));
    built_free(&b);
}

/* announce: the halfway and last-minute cues are said on their breaths' inhales, in the
 * default words or the ones given */
static void test_breathe_announce(void **state)
{
    (void)state;
    static const char *const src[] = {
        "return session { title = \"T\", breathe { inhale = 5, exhale = 5, cycles = 30, speak_cycles = 0, "
        "announce = true } }",
        "return session { title = \"T\", language = \"es\", breathe { inhale = 5, exhale = 5, cycles = 30, "
        "speak_cycles = 0, announce = true, halfway_cue = \"Vas por la mitad.\", last_minute_cue = \"Queda un "
        "minuto.\" } }",
    };
    static const char *const said[][2] = {{"Halfway there.", "One minute to go."}, {"Vas por la mitad.", "Queda un minuto."}};
    for (int k = 0; k < 2; k++) {
        built b;
        compile_clean(&b, src[k]);
        assert_int_equal(support_count_kind(&b.t, TL_SPEAK), 2);
        /* 30 breaths of 10 s: half done at the 16th, one minute left from the 25th */
        const tl_event *half = nth(&b.t, TL_SPEAK, 0), *last = nth(&b.t, TL_SPEAK, 1);
        assert_string_equal(half->text, said[k][0]);
        assert_string_equal(last->text, said[k][1]);
        const tl_event *in16 = nth_phase(&b.t, PACER_PHASE_INHALE, 15), *in25 = nth_phase(&b.t, PACER_PHASE_INHALE, 24);
        assert_int_equal(in16->at, SEC(150));
        assert_int_equal(in25->at, SEC(240));
        assert_true(half->at >= in16->at && half->at < in16->at + in16->len);
        assert_true(last->at >= in25->at && last->at < in25->at + in25->len);
        built_free(&b);
    }
}

/* ---- hold ---- */

static void test_hold_reps_and_rest(void **state)
{
    (void)state;
    built b;
    /* rest between the holds: 4 holds, 3 rests, and nothing after the last hold's end chime */
    compile_clean(&b, "return session { title = \"T\", hold { seconds = 8, reps = 4, rest = 5 } }");
    const timeline *t = &b.t;
    assert_well_formed(t);
    assert_int_equal(t->frames, 4 * SEC(8) + 3 * SEC(5));
    assert_int_equal(count_phase(t, PACER_PHASE_HOLD), 4);
    assert_int_equal(count_phase(t, PACER_PHASE_REST), 3);
    for (int i = 0; i < 4; i++) {
        const tl_event *h = nth_phase(t, PACER_PHASE_HOLD, i);
        ASSERT_EVENT(h, TL_PHASE, SEC(13 * i), SEC(8));
        assert_int_equal(h->rep, i + 1);
        assert_int_equal(h->reps, 4);
        if (i < 3) {
            const tl_event *r = nth_phase(t, PACER_PHASE_REST, i);
            ASSERT_EVENT(r, TL_PHASE, SEC(13 * i + 8), SEC(5));
            assert_int_equal(r->rep, i + 1);
            assert_int_equal(r->reps, 4);
        }
        ASSERT_EVENT(nth_sound(t, PACER_SOUND_HOLD, i), TL_TONE, SEC(13 * i), MS(250));
        ASSERT_EVENT(nth_sound(t, PACER_SOUND_REP_END, i), TL_TONE, SEC(13 * i + 8), MS(600));
    }
    assert_int_equal(support_count_kind(t, TL_COUNTDOWN), 0);
    assert_int_equal(support_count_kind(t, TL_SPEAK), 0);
    assert_int_equal(t->count, 4 * 3 + 3 + 1);
    built_free(&b);

    /* last_rest = true: a rest after the last hold too */
    compile_clean(&b, "return session { title = \"T\", hold { seconds = 8, reps = 4, rest = 5, last_rest = true } }");
    assert_int_equal(b.t.frames, 4 * SEC(8 + 5));
    assert_int_equal(count_phase(&b.t, PACER_PHASE_REST), 4);
    ASSERT_EVENT(nth_phase(&b.t, PACER_PHASE_REST, 3), TL_PHASE, SEC(13 * 3 + 8), SEC(5));
    built_free(&b);

    /* no rest: holds back to back, no rest phase */
    compile_clean(&b, "return session { title = \"T\", hold { 8, reps = 2 } }");
    assert_int_equal(b.t.frames, SEC(16));
    assert_int_equal(count_phase(&b.t, PACER_PHASE_REST), 0);
    ASSERT_EVENT(nth_phase(&b.t, PACER_PHASE_HOLD, 1), TL_PHASE, SEC(8), SEC(8));
    built_free(&b);
}

static void test_hold_countdown_ticks(void **state)
{
    (void)state;
    built b;
    compile_clean(&b, "return session { title = \"T\", hold { seconds = 10, reps = 2, rest = 5, countdown = 3 } }");
    const timeline *t = &b.t;
    assert_well_formed(t);
    assert_int_equal(t->frames, SEC(25));
    /* the countdown covers the last 3 s of each hold */
    assert_int_equal(support_count_kind(t, TL_COUNTDOWN), 2);
    ASSERT_EVENT(nth(t, TL_COUNTDOWN, 0), TL_COUNTDOWN, SEC(7), SEC(3));
    ASSERT_EVENT(nth(t, TL_COUNTDOWN, 1), TL_COUNTDOWN, SEC(22), SEC(3));
    /* a tick on each of the last 3 whole seconds, and nowhere else */
    static const int ticks[] = {7, 8, 9, 22, 23, 24};
    assert_int_equal(count_sound(t, PACER_SOUND_TICK), 6);
    for (int i = 0; i < 6; i++) {
        const tl_event *k = nth_sound(t, PACER_SOUND_TICK, i);
        ASSERT_EVENT(k, TL_TONE, SEC(ticks[i]), MS(40));
        assert_int_equal(k->shape, PACER_SHAPE_TICK);
        const tl_event *h = nth_phase(t, PACER_PHASE_HOLD, i / 3);
        assert_true(k->at >= h->at && k->at + k->len <= h->at + h->len);
    }
    built_free(&b);

    /* a hold that is not whole seconds: ticks count back from its end */
    compile_clean(&b, "return session { title = \"T\", hold { seconds = 4.5, countdown = 2 } }");
    ASSERT_EVENT(nth_sound(&b.t, PACER_SOUND_TICK, 0), TL_TONE, MS(2500), MS(40));
    ASSERT_EVENT(nth_sound(&b.t, PACER_SOUND_TICK, 1), TL_TONE, MS(3500), MS(40));
    ASSERT_EVENT(nth(&b.t, TL_COUNTDOWN, 0), TL_COUNTDOWN, MS(2500), SEC(2));
    built_free(&b);
}

static void test_hold_cue_and_release(void **state)
{
    (void)state;
    built b;
    compile_clean(&b, "return session { title = \"T\",\n"
                      "  hold { seconds = 6, reps = 2, rest = 4, cue = \"Push now\", release = \"And relax\" } }");
    const timeline *t = &b.t;
    /* after the last hold no rest, but the release is said in full, then half a second */
    assert_int_equal(t->frames, SEC(16) + MS(300) + SEC(2) + MS(500));
    assert_int_equal(support_count_kind(t, TL_SPEAK), 4);
    ASSERT_EVENT(nth(t, TL_SPEAK, 0), TL_SPEAK, MS(300), SEC(2));
    assert_string_equal(nth(t, TL_SPEAK, 0)->text, "Push now");
    ASSERT_EVENT(nth(t, TL_SPEAK, 1), TL_SPEAK, SEC(6) + MS(300), SEC(2));
    assert_string_equal(nth(t, TL_SPEAK, 1)->text, "And relax");
    ASSERT_EVENT(nth(t, TL_SPEAK, 2), TL_SPEAK, SEC(10) + MS(300), SEC(2));
    ASSERT_EVENT(nth(t, TL_SPEAK, 3), TL_SPEAK, SEC(16) + MS(300), SEC(2));
    built_free(&b);
}

/* ---- sides ---- */

static void test_sides(void **state)
{
    (void)state;
    built b;
    compile_clean(&b, "return session { title = \"T\",\n"
                      "  sides { \"left\", \"right\",\n"
                      "    say \"Lift your {side} arm.\",\n"
                      "    hold { seconds = 5, cue = \"Hold the {side} side\" },\n"
                      "  },\n"
                      "}\n");
    const timeline *t = &b.t;
    assert_well_formed(t);
    /* per side: 4 words + 0.5 s gap, then a 5 s hold */
    assert_int_equal(t->frames, 2 * (SEC(4) + MS(500) + SEC(5)));
    assert_int_equal(support_count_kind(t, TL_SPEAK), 4);
    static const char *const text[] = {"Lift your left arm.", "Hold the left side", "Lift your right arm.",
                                       "Hold the right side"};
    static const int64_t at[] = {0, MS(4800), MS(9500), MS(14300)};
    for (int i = 0; i < 4; i++) {
        const tl_event *s = nth(t, TL_SPEAK, i);
        ASSERT_EVENT(s, TL_SPEAK, at[i], SEC(4));
        assert_string_equal(s->text, text[i]);
        assert_non_null(s->side);
        assert_string_equal(s->side, i < 2 ? "left" : "right");
    }
    /* every event but END carries its side */
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind == TL_END)
            continue;
        assert_non_null(e->side);
        assert_string_equal(e->side, e->step < 2 ? "left" : "right");
    }
    ASSERT_EVENT(nth_phase(t, PACER_PHASE_HOLD, 0), TL_PHASE, MS(4500), SEC(5));
    ASSERT_EVENT(nth_phase(t, PACER_PHASE_HOLD, 1), TL_PHASE, SEC(14), SEC(5));
    /* each side's leaf steps are steps of their own */
    assert_int_equal(t->nsteps, 4);
    assert_int_equal(t->steps[2].at, MS(9500));
    assert_string_equal(t->steps[2].type, "say");
    assert_int_equal(t->steps[2].line, 3);
    built_free(&b);
}

static void test_sides_default_and_many(void **state)
{
    (void)state;
    built b;
    compile_clean(&b, "return session { title = \"T\", sides { hold { 2 } } }");
    assert_int_equal(count_phase(&b.t, PACER_PHASE_HOLD), 2);
    assert_string_equal(nth_phase(&b.t, PACER_PHASE_HOLD, 0)->side, "left");
    assert_string_equal(nth_phase(&b.t, PACER_PHASE_HOLD, 1)->side, "right");
    assert_int_equal(b.t.frames, SEC(4));
    built_free(&b);

    compile_clean(&b, "return session { title = \"T\", sides { \"front\", \"back\", \"middle\", wait(1) } }");
    assert_int_equal(count_phase(&b.t, PACER_PHASE_REST), 3);
    assert_string_equal(nth_phase(&b.t, PACER_PHASE_REST, 2)->side, "middle");
    ASSERT_EVENT(nth_phase(&b.t, PACER_PHASE_REST, 2), TL_PHASE, SEC(2), SEC(1));
    assert_int_equal(b.t.frames, SEC(3));
    built_free(&b);

    /* names = { ... } works like the positional names */
    compile_clean(&b, "return session { title = \"T\", sides { names = { \"up\", \"down\" }, say \"Go {side}\" } }");
    assert_string_equal(nth(&b.t, TL_SPEAK, 0)->text, "Go up");
    assert_string_equal(nth(&b.t, TL_SPEAK, 1)->text, "Go down");
    built_free(&b);
}

static void test_side_outside_sides(void **state)
{
    (void)state;
    built b;
    assert_int_equal(compile_with(&b, "return session { title = \"T\",\n  say \"My {side} arm\" }", NULL), 0);
    assert_int_equal(b.d.errors, 0);
    assert_int_equal(count_diag_containing(&b.d, DIAG_WARNING, "'{side}' is used outside a sides block"), 1);
    const diag *w = support_find_diag(&b.d, DIAG_WARNING, "{side}");
    assert_int_equal(w->line, 2);
    assert_string_equal(nth(&b.t, TL_SPEAK, 0)->text, "My  arm");
    assert_null(nth(&b.t, TL_SPEAK, 0)->side);
    built_free(&b);
}

/* ---- sets ---- */

static void test_sets(void **state)
{
    (void)state;
    built b;
    compile_clean(&b, "return session { title = \"T\", sets { n = 3, rest = 10, hold { seconds = 5 } } }");
    const timeline *t = &b.t;
    assert_well_formed(t);
    assert_int_equal(t->frames, SEC(3 * 5 + 2 * 10));
    assert_int_equal(count_phase(t, PACER_PHASE_HOLD), 3);
    for (int i = 0; i < 3; i++) {
        const tl_event *h = nth_phase(t, PACER_PHASE_HOLD, i);
        ASSERT_EVENT(h, TL_PHASE, SEC(15 * i), SEC(5));
        assert_int_equal(h->set, i + 1);
        assert_int_equal(h->sets, 3);
    }
    /* rest between sets, not after the last */
    assert_int_equal(count_phase(t, PACER_PHASE_REST), 2);
    for (int i = 0; i < 2; i++) {
        const tl_event *r = nth_phase(t, PACER_PHASE_REST, i);
        ASSERT_EVENT(r, TL_PHASE, SEC(15 * i + 5), SEC(10));
        assert_string_equal(r->text, "Rest");
        assert_int_equal(r->set, 0);
    }
    /* the rest between sets opens with the soft rest tone, except where another tone has just
     * started: the hold's end chime already marks it, and two sounds would blur */
    assert_int_equal(count_sound(t, PACER_SOUND_REST), 0);
    assert_int_equal(count_sound(t, PACER_SOUND_REP_END), 3);
    built_free(&b);
    compile_clean(&b, "return session { title = \"T\", sets { n = 2, rest = 10, wait { 3, tone = false } } }");
    assert_int_equal(count_sound(&b.t, PACER_SOUND_REST), 1);
    ASSERT_EVENT(nth_sound(&b.t, PACER_SOUND_REST, 0), TL_TONE, SEC(3), MS(350));
    built_free(&b);

    /* sets inside sides: every combination, in order */
    compile_clean(&b, "return session { title = \"T\", sides { \"l\", \"r\", sets { n = 2, wait(1) } } }");
    assert_int_equal(count_phase(&b.t, PACER_PHASE_REST), 4);
    static const char *const side[] = {"l", "l", "r", "r"};
    for (int i = 0; i < 4; i++) {
        const tl_event *w = nth_phase(&b.t, PACER_PHASE_REST, i);
        ASSERT_EVENT(w, TL_PHASE, SEC(i), SEC(1));
        assert_string_equal(w->side, side[i]);
        assert_int_equal(w->set, i % 2 + 1);
        assert_int_equal(w->sets, 2);
    }
    built_free(&b);
}

/* ---- wait, ready, tone ---- */

static void test_wait(void **state)
{
    (void)state;
    built b;
    compile_clean(&b, "return session { title = \"T\", wait { 10, countdown = true, label = \"Rest\" }, wait(2.5) }");
    const timeline *t = &b.t;
    assert_well_formed(t);
    assert_int_equal(t->frames, SEC(10) + MS(2500));
    ASSERT_EVENT(nth(t, TL_PHASE, 0), TL_PHASE, 0, SEC(10));
    assert_int_equal(nth(t, TL_PHASE, 0)->phase, PACER_PHASE_REST);
    assert_string_equal(nth(t, TL_PHASE, 0)->text, "Rest");
    ASSERT_EVENT(nth(t, TL_PHASE, 1), TL_PHASE, SEC(10), MS(2500));
    assert_null(nth(t, TL_PHASE, 1)->text);
    assert_int_equal(support_count_kind(t, TL_COUNTDOWN), 1);
    ASSERT_EVENT(nth(t, TL_COUNTDOWN, 0), TL_COUNTDOWN, 0, SEC(10));
    /* each wait opens with the soft rest tone, heard with eyes closed; nothing is spoken */
    assert_int_equal(support_count_kind(t, TL_TONE), 2);
    ASSERT_EVENT(nth(t, TL_TONE, 0), TL_TONE, 0, MS(350));
    assert_int_equal(nth(t, TL_TONE, 0)->sound, PACER_SOUND_REST + 1);
    ASSERT_EVENT(nth(t, TL_TONE, 1), TL_TONE, SEC(10), MS(350));
    assert_int_equal(support_count_kind(t, TL_SPEAK), 0);
    built_free(&b);

    /* a wait right after a tone (less than 0.35 s): that tone marks the change, the wait adds none */
    compile_clean(&b, "return session { title = \"T\", tone { ms = 250 }, wait(5), tone { ms = 400 }, wait(5) }");
    assert_int_equal(count_sound(&b.t, PACER_SOUND_REST), 1);
    ASSERT_EVENT(nth_sound(&b.t, PACER_SOUND_REST, 0), TL_TONE, MS(250) + SEC(5) + MS(400), MS(350));
    built_free(&b);

    /* tone = false: a silent wait */
    compile_clean(&b, "return session { title = \"T\", wait { 3, tone = false } }");
    assert_int_equal(support_count_kind(&b.t, TL_TONE), 0);
    built_free(&b);

    /* zero seconds is allowed and takes no time */
    compile_clean(&b, "return session { title = \"T\", wait(0), wait(1) }");
    assert_int_equal(b.t.frames, SEC(1));
    built_free(&b);
}

static void test_ready(void **state)
{
    (void)state;
    built b;
    compile_clean(&b, "return session { title = \"T\", ready { \"Tap when you are lying down.\", timeout = 20 } }");
    const timeline *t = &b.t;
    assert_well_formed(t);
    /* speech (6 words = 6 s) + 0.3 s lead + 20 s timeout */
    const int64_t total = SEC(6) + MS(300) + SEC(20);
    assert_int_equal(total, 1262400);
    assert_int_equal(t->frames, total);
    /* the phase is emitted after the speech but opens its frame */
    ASSERT_EVENT(&t->events[0], TL_PHASE, 0, total);
    assert_int_equal(t->events[0].phase, PACER_PHASE_READY);
    assert_string_equal(t->events[0].text, "Tap when you are lying down.");
    assert_true(t->events[0].seq > nth(t, TL_SPEAK, 0)->seq);
    ASSERT_EVENT(nth(t, TL_SPEAK, 0), TL_SPEAK, 0, SEC(6));
    assert_int_equal(support_count_kind(t, TL_GATE), 1);
    ASSERT_EVENT(nth(t, TL_GATE, 0), TL_GATE, SEC(6) + MS(300), SEC(20));
    built_free(&b);

    /* the defaults: a 9-word prompt and 30 s */
    compile_clean(&b, "return session { title = \"T\", ready() }");
    assert_string_equal(nth(&b.t, TL_SPEAK, 0)->text, "Tap or press any key when you are ready.");
    ASSERT_EVENT(nth(&b.t, TL_GATE, 0), TL_GATE, SEC(9) + MS(300), SEC(30));
    assert_int_equal(b.t.frames, SEC(39) + MS(300));
    built_free(&b);
}

static void test_tones(void **state)
{
    (void)state;
    built b;
    compile_clean(&b, "return session { title = \"T\",\n"
                      "  tone { hz = 660, ms = 300, level = 0.4, shape = \"chime\" },\n"
                      "  tone(440, 250),\n"
                      "  tone { ms = 12.5 },\n"
                      "  beep(), bell(),\n"
                      "}\n");
    const timeline *t = &b.t;
    assert_well_formed(t);
    assert_int_equal(support_count_kind(t, TL_TONE), 5);
    const tl_event *a = nth(t, TL_TONE, 0), *c = nth(t, TL_TONE, 1), *d = nth(t, TL_TONE, 2);
    ASSERT_EVENT(a, TL_TONE, 0, 14400);
    assert_true(a->hz == 660.0f);
    assert_true(a->level == 0.4f);
    assert_int_equal(a->shape, PACER_SHAPE_CHIME);
    assert_int_equal(a->sound, 0);
    ASSERT_EVENT(c, TL_TONE, 14400, 12000);
    assert_true(c->hz == 440.0f);
    assert_true(c->level == 0.5f);
    assert_int_equal(c->shape, PACER_SHAPE_SINE);
    ASSERT_EVENT(d, TL_TONE, 26400, 600);
    const tl_event *beep = nth_sound(t, PACER_SOUND_BEEP, 0), *bell = nth_sound(t, PACER_SOUND_BELL, 0);
    ASSERT_EVENT(beep, TL_TONE, 27000, MS(150));
    ASSERT_EVENT(bell, TL_TONE, 27000 + MS(150), MS(2500));
    assert_int_equal(bell->shape, PACER_SHAPE_BELL);
    assert_int_equal(t->frames, 27000 + MS(150) + MS(2500));
    assert_int_equal(support_count_kind(t, TL_PHASE), 0);
    assert_int_equal(t->nsteps, 5);
    built_free(&b);
}

/* ---- order and total length ---- */

static void test_sorted_phase_first(void **state)
{
    (void)state;
    built b;
    compile_clean(&b, "return session { title = \"T\",\n"
                      "  show \"Card\",\n"
                      "  ready { \"Go\", timeout = 2 },\n"
                      "  sets { n = 2, rest = 3, sides { hold { seconds = 4, countdown = 2, cue = \"On {side}\" } } },\n"
                      "  breathe { cycles = 2 },\n"
                      "  say \"Done\", bell(),\n"
                      "}\n");
    const timeline *t = &b.t;
    assert_well_formed(t);
    /* at frame 0 the phase comes first though the card and the speech were emitted before it */
    assert_int_equal(t->events[0].kind, TL_PHASE);
    assert_int_equal(t->events[0].phase, PACER_PHASE_READY);
    assert_int_equal(t->events[1].kind, TL_CARD);
    assert_int_equal(t->events[2].kind, TL_SPEAK);
    assert_int_equal(t->events[3].kind, TL_CAPTION);
    /* where the second hold begins: its phase, though emitted after the first hold's end
     * sound of the same frame, then that end sound, then its own sound */
    const tl_event *h = nth_phase(t, PACER_PHASE_HOLD, 1);
    assert_int_equal(h[1].kind, TL_TONE);
    assert_int_equal(h[1].at, h->at);
    assert_int_equal(h[1].sound, PACER_SOUND_REP_END + 1);
    assert_true(h[1].seq < h->seq);
    assert_int_equal(h[2].kind, TL_TONE);
    assert_int_equal(h[2].at, h->at);
    assert_int_equal(h[2].sound, PACER_SOUND_HOLD + 1);
    built_free(&b);
}

static void test_total_length_exact(void **state)
{
    (void)state;
    built b;
    compile_clean(&b, "return session { title = \"T\",\n"
                      "  say \"One two three\",\n"      /* 3 s + 0.5 s gap */
                      "  wait(2),\n"                    /* 2 s */
                      "  tone { ms = 300 },\n"          /* 0.3 s */
                      "  show { \"Card\", seconds = 1.25 },\n"
                      "  say { \"a b\", gap = 0 },\n"   /* 2 s */
                      "  bell(),\n"                     /* 2.5 s */
                      "}\n");
    const timeline *t = &b.t;
    assert_well_formed(t);
    assert_int_equal(t->frames, MS(3500 + 2000 + 300 + 1250 + 2000 + 2500));
    assert_int_equal(t->frames, 554400);
    ASSERT_EVENT(nth_phase(t, PACER_PHASE_INSTRUCTION, 0), TL_PHASE, 0, MS(3500));
    ASSERT_EVENT(nth_phase(t, PACER_PHASE_INSTRUCTION, 1), TL_PHASE, MS(5800), MS(1250));
    ASSERT_EVENT(nth_phase(t, PACER_PHASE_INSTRUCTION, 2), TL_PHASE, MS(7050), SEC(2));
    /* the card shows from its step to the end of its block */
    ASSERT_EVENT(nth(t, TL_CARD, 0), TL_CARD, MS(5800), t->frames - MS(5800));
    assert_int_equal(t->nsteps, 6);
    built_free(&b);
}

static void test_cards(void **state)
{
    (void)state;
    built b;
    compile_clean(&b, "return session { title = \"T\",\n"
                      "  show \"A\", wait(2),\n"
                      "  show \"B\", wait(3),\n"
                      "  sides { show \"C {side}\", wait(1) },\n"
                      "  wait(4),\n"
                      "}\n");
    const timeline *t = &b.t;
    /* Cards follow one another: the inner block's cards interrupt B, which shows again after it. */
    assert_int_equal(support_count_kind(t, TL_CARD), 5);
    ASSERT_EVENT(nth(t, TL_CARD, 0), TL_CARD, 0, SEC(2));      /* until the next card */
    assert_string_equal(nth(t, TL_CARD, 0)->text, "A");
    ASSERT_EVENT(nth(t, TL_CARD, 1), TL_CARD, SEC(2), SEC(3)); /* until the inner block shows its own */
    assert_string_equal(nth(t, TL_CARD, 1)->text, "B");
    ASSERT_EVENT(nth(t, TL_CARD, 2), TL_CARD, SEC(5), SEC(1)); /* inner block: until the next card */
    assert_string_equal(nth(t, TL_CARD, 2)->text, "C left");
    ASSERT_EVENT(nth(t, TL_CARD, 3), TL_CARD, SEC(6), SEC(1)); /* and to the end of its block */
    assert_string_equal(nth(t, TL_CARD, 3)->text, "C right");
    ASSERT_EVENT(nth(t, TL_CARD, 4), TL_CARD, SEC(7), SEC(4)); /* B again, to the end of its block */
    assert_string_equal(nth(t, TL_CARD, 4)->text, "B");
    /* and the screen shows B during the last wait */
    tl_state st;
    timeline_state_at(t, SEC(8), &st);
    assert_non_null(st.card);
    assert_string_equal(st.card->text, "B");
    built_free(&b);
}

/* ---- state at a frame, step boundaries ---- */

static void test_state_at(void **state)
{
    (void)state;
    built b;
    compile_clean(&b, "return session { title = \"T\",\n"
                      "  show \"Lie down.\",\n"
                      "  breathe { inhale = 4, exhale = 6, cycles = 2, speak_cycles = 1 },\n"
                      "  hold { seconds = 5, countdown = 2 },\n"
                      "  ready { \"Tap now\", timeout = 5 },\n"
                      "}\n");
    const timeline *t = &b.t;
    assert_int_equal(t->frames, SEC(32) + MS(300));
    assert_int_equal(t->nsteps, 4); /* show, breathe, hold, ready */
    tl_state s;

    timeline_state_at(t, -1, &s);
    assert_null(s.phase);
    assert_null(s.card);
    assert_null(s.caption);
    assert_int_equal(s.step, -1);
    assert_int_equal(s.ended, 0);

    timeline_state_at(t, 0, &s);
    assert_non_null(s.phase);
    assert_int_equal(s.phase->phase, PACER_PHASE_INHALE);
    assert_int_equal(s.phase->rep, 1);
    assert_int_equal(s.phase->reps, 2);
    assert_null(s.caption); /* the cue starts 0.3 s in */
    assert_non_null(s.card);
    assert_string_equal(s.card->text, "Lie down.");
    assert_int_equal(s.step, 1);
    assert_int_equal(s.frame, 0);

    timeline_state_at(t, MS(300) - 1, &s);
    assert_null(s.caption);
    timeline_state_at(t, MS(300), &s);
    assert_non_null(s.caption);
    assert_string_equal(s.caption->text, "Breathe in");
    timeline_state_at(t, MS(2300) - 1, &s);
    assert_non_null(s.caption);
    timeline_state_at(t, MS(2300), &s); /* two words: gone after 2 s */
    assert_null(s.caption);
    assert_int_equal(s.phase->phase, PACER_PHASE_INHALE);

    timeline_state_at(t, SEC(4) - 1, &s);
    assert_int_equal(s.phase->phase, PACER_PHASE_INHALE);
    timeline_state_at(t, SEC(4), &s); /* a phase ends where the next begins */
    assert_int_equal(s.phase->phase, PACER_PHASE_EXHALE);
    timeline_state_at(t, SEC(4) + MS(300), &s);
    assert_string_equal(s.caption->text, "Breathe out");

    timeline_state_at(t, SEC(10), &s);
    assert_int_equal(s.phase->phase, PACER_PHASE_INHALE);
    assert_int_equal(s.phase->rep, 2);
    assert_null(s.caption); /* the second breath is tones only */

    timeline_state_at(t, SEC(20), &s);
    assert_int_equal(s.phase->phase, PACER_PHASE_HOLD);
    assert_null(s.countdown);
    assert_int_equal(s.step, 2);
    timeline_state_at(t, SEC(23) - 1, &s);
    assert_null(s.countdown);
    timeline_state_at(t, SEC(23), &s);
    assert_non_null(s.countdown);
    assert_int_equal(s.countdown->len, SEC(2));
    timeline_state_at(t, SEC(25) - 1, &s);
    assert_non_null(s.countdown);
    assert_string_equal(s.card->text, "Lie down.");

    timeline_state_at(t, SEC(25), &s);
    assert_int_equal(s.phase->phase, PACER_PHASE_READY);
    assert_null(s.countdown);
    assert_null(s.gate);
    assert_string_equal(s.caption->text, "Tap now");
    assert_int_equal(s.step, 3);
    timeline_state_at(t, SEC(27) + MS(300) - 1, &s);
    assert_null(s.gate);
    timeline_state_at(t, SEC(27) + MS(300), &s);
    assert_non_null(s.gate);
    assert_int_equal(s.gate->len, SEC(5));
    assert_null(s.caption);
    timeline_state_at(t, t->frames - 1, &s);
    assert_non_null(s.gate);
    assert_int_equal(s.phase->phase, PACER_PHASE_READY);
    assert_string_equal(s.card->text, "Lie down.");
    assert_int_equal(s.ended, 0);

    timeline_state_at(t, t->frames, &s);
    assert_int_equal(s.ended, 1);
    assert_null(s.phase);
    assert_null(s.gate);
    assert_null(s.card);
    timeline_state_at(t, t->frames + SEC(100), &s);
    assert_int_equal(s.ended, 1);
    built_free(&b);
}

static void test_step_boundary(void **state)
{
    (void)state;
    built b;
    compile_clean(&b, "return session { title = \"T\",\n"
                      "  say \"a b\",\n"   /* 0 .. 2.5 s */
                      "  wait(10),\n"      /* 2.5 .. 12.5 s */
                      "  hold { 5 },\n"    /* 12.5 .. 17.5 s */
                      "}\n");
    const timeline *t = &b.t;
    const int64_t s0 = 0, s1 = MS(2500), s2 = MS(12500), end = MS(17500);
    assert_int_equal(t->nsteps, 3);
    assert_int_equal(t->steps[1].at, s1);
    assert_int_equal(t->steps[2].at, s2);
    assert_int_equal(t->frames, end);

    /* next */
    assert_int_equal(timeline_step_boundary(t, s0, 1), s1);
    assert_int_equal(timeline_step_boundary(t, s1 - 1, 1), s1);
    assert_int_equal(timeline_step_boundary(t, s1, 1), s2);
    assert_int_equal(timeline_step_boundary(t, s2 + SEC(1), 1), end);
    assert_int_equal(timeline_step_boundary(t, end, 1), end);
    assert_int_equal(timeline_step_boundary(t, -5, 1), s0);

    /* previous: within 2 s of a step's start goes to the step before; later, to its own start */
    assert_int_equal(timeline_step_boundary(t, s0, -1), 0);
    assert_int_equal(timeline_step_boundary(t, SEC(1), -1), 0);
    assert_int_equal(timeline_step_boundary(t, s1 + SEC(1), -1), s0);
    assert_int_equal(timeline_step_boundary(t, s1 + SEC(2), -1), s0);
    assert_int_equal(timeline_step_boundary(t, s1 + SEC(2) + 1, -1), s1);
    assert_int_equal(timeline_step_boundary(t, s2 + SEC(1), -1), s1);
    assert_int_equal(timeline_step_boundary(t, s2 + SEC(3), -1), s2);
    assert_int_equal(timeline_step_boundary(t, end, -1), s2);
    assert_int_equal(timeline_step_boundary(t, -5, -1), 0);
    built_free(&b);

    /* steps that begin together (a card without reading time) are passed over as one */
    compile_clean(&b, "return session { title = \"T\", show \"x\", wait(3), show \"y\", wait(4) }");
    assert_int_equal(b.t.nsteps, 4);
    assert_int_equal(timeline_step_boundary(&b.t, 0, 1), SEC(3));
    assert_int_equal(timeline_step_boundary(&b.t, SEC(3), 1), SEC(7));
    assert_int_equal(timeline_step_boundary(&b.t, SEC(3) + SEC(1), -1), 0);
    built_free(&b);
}

/* ---- warnings ---- */

static void test_warn_cue_longer_than_phase(void **state)
{
    (void)state;
    built b;
    int rc = compile_with(&b, "return session { title = \"T\",\n"
                              "  breathe { inhale = 2, exhale = 6, cycles = 1,\n"
                              "            inhale_cue = \"one two three four\", exhale_cue = \"\" },\n"
                              "}\n",
                          NULL);
    assert_int_equal(rc, 0);
    assert_int_equal(b.d.errors, 0);
    assert_int_equal(b.d.warnings, 1);
    const diag *w = support_find_diag(&b.d, DIAG_WARNING, "the cue");
    assert_non_null(w);
    assert_string_equal(w->message,
                        "breathe: the cue \"one two three four\" takes 4.0 s but the inhale phase has only 1.7 s left");
    assert_int_equal(w->line, 2);
    assert_string_equal(w->file, "test.lua");
    /* still said in full */
    ASSERT_EVENT(nth(&b.t, TL_SPEAK, 0), TL_SPEAK, MS(300), SEC(4));
    built_free(&b);

    /* exactly filling the phase is fine: 0.3 s + 2 s in 2.3 s */
    compile_clean(&b, "return session { title = \"T\", breathe { inhale = 2.3, exhale = 3, cycles = 1,"
                      " inhale_cue = \"one two\", exhale_cue = \"\" } }");
    built_free(&b);
}

static void test_warn_overlapping_cues(void **state)
{
    (void)state;
    built b;
    /* a step that says a second cue while the first is still being said */
    int rc = compile_with(&b, "return session { title = \"T\",\n"
                              "  wait(1),\n"
                              "  probe \"duet\",\n"
                              "}\n",
                          NULL);
    assert_int_equal(rc, 0);
    assert_int_equal(b.d.errors, 0);
    assert_int_equal(b.d.warnings, 1);
    const diag *w = support_find_diag(&b.d, DIAG_WARNING, "starts");
    assert_non_null(w);
    assert_string_equal(w->message, "the cue \"e f\" at 00:02.000 starts 3.0 s before \"a b c d\" has finished");
    assert_int_equal(w->line, 3);
    assert_int_equal(w->col, 3);
    built_free(&b);

    /* three cues each starting inside the one before: one warning per overlap */
    rc = compile_with(&b, "return session { title = \"T\", probe \"trio\" }", NULL);
    assert_int_equal(rc, 0);
    assert_int_equal(count_diag_containing(&b.d, DIAG_WARNING, "has finished"), 2);
    built_free(&b);

    /* a hold's release is given the time to be said: no overlap, a longer rest instead */
    compile_clean(&b, "return session { title = \"T\", hold { seconds = 2, reps = 2, release = \"a b c d\" } }");
    assert_int_equal(count_phase(&b.t, PACER_PHASE_REST), 2);
    ASSERT_EVENT(nth_phase(&b.t, PACER_PHASE_REST, 0), TL_PHASE, SEC(2), MS(300 + 4000 + 500));
    assert_int_equal(b.t.frames, 2 * MS(2000 + 4800));
    built_free(&b);
}

static void test_warn_long_session(void **state)
{
    (void)state;
    built b;
    compile_clean(&b, "return session { title = \"T\", wait(3600) }"); /* exactly 60 minutes */
    assert_int_equal(b.t.frames, SEC(3600));
    built_free(&b);

    int rc = compile_with(&b, "return session { title = \"T\", wait(3600), wait(1) }", NULL);
    assert_int_equal(rc, 0);
    assert_int_equal(b.d.errors, 0);
    assert_int_equal(b.d.warnings, 1);
    const diag *w = support_find_diag(&b.d, DIAG_WARNING, "longer than");
    assert_non_null(w);
    assert_string_equal(w->message,
                        "session: it lasts 1:00:01, longer than 60 minutes; patients rarely finish sessions that long");
    assert_int_equal(w->line, 1);
    assert_int_equal(b.t.frames, SEC(3601));
    built_free(&b);

    compile_opts o = {.warn_minutes = 1};
    rc = compile_with(&b, "return session { title = \"T\", wait(61) }", &o);
    assert_int_equal(rc, 0);
    assert_int_equal(count_diag_containing(&b.d, DIAG_WARNING, "it lasts 01:01, longer than 1 minutes"), 1);
    built_free(&b);
}

/* ---- limits ---- */

static void test_limit_nested_empty_sets(void **state)
{
    (void)state;
    /* 50^8 empty blocks: no events and no time at all, so only the count of expanded steps
     * can stop it */
    built b;
    double t0 = support_cpu_seconds(); /* processor time: a busy machine does not inflate it */
    int rc = compile_with(&b, "local s = sets { n = 1 }\n"
                              "for i = 1, 8 do s = sets { n = 50, s } end\n"
                              "return session { title = \"T\", s }\n",
                          NULL);
    double took = support_cpu_seconds() - t0;
    assert_int_equal(rc, -1);
    assert_int_equal(b.d.errors, 1);
    assert_non_null(support_find_diag(&b.d, DIAG_ERROR, "sets: the session expands to more than 2000000 steps"));
    assert_int_equal(b.t.count, 0); /* freed on failure */
    assert_null(b.t.events);
    assert_null(b.t.steps);
    assert_true(took < 30.0);
    built_free(&b);

    /* the bound follows max_events; empty innermost blocks with many repeats too */
    compile_opts o = {.max_events = 1000};
    rc = compile_with(&b, "local s = sets { n = 50 }\n"
                          "for i = 1, 8 do s = sets { n = 50, s } end\n"
                          "return session { title = \"T\", sides { \"a\", \"b\", \"c\", s } }\n",
                      &o);
    assert_int_equal(rc, -1);
    assert_int_equal(b.d.errors, 1);
    assert_non_null(support_find_diag(&b.d, DIAG_ERROR, "expands to more than 2000 steps"));
    built_free(&b);
}

static void test_limit_dag_events(void **state)
{
    (void)state;
    /* One step used many times: 500^4 = 62.5 billion tones if nothing stopped it. */
    static const char dag[] = "local a = tone { ms = 5 }\n"
                              "local b = sets { n = 50, a, a, a, a, a, a, a, a, a, a }\n"
                              "local c = sets { n = 50, b, b, b, b, b, b, b, b, b, b }\n"
                              "local d = sets { n = 50, c, c, c, c, c, c, c, c, c, c }\n"
                              "local e = sets { n = 50, d, d, d, d, d, d, d, d, d, d }\n"
                              "return session { title = \"T\", e }\n";
    built b;
    compile_opts o = {.max_events = 100000};
    double t0 = support_cpu_seconds();
    int rc = compile_with(&b, dag, &o);
    double took = support_cpu_seconds() - t0;
    assert_int_equal(rc, -1);
    assert_int_equal(b.d.errors, 1);
    assert_non_null(support_find_diag(&b.d, DIAG_ERROR, "the session has more than 100000 events"));
    assert_int_equal(b.t.count, 0);
    assert_true(took < 30.0);
    built_free(&b);

    /* long steps: the 24-hour cap stops it first */
    static const char dag_long[] = "local a = wait(600)\n"
                                   "local b = sets { n = 50, a, a, a, a, a, a, a, a, a, a }\n"
                                   "local c = sets { n = 50, b, b, b, b, b, b, b, b, b, b }\n"
                                   "local d = sets { n = 50, c, c, c, c, c, c, c, c, c, c }\n"
                                   "return session { title = \"T\", d }\n";
    rc = compile_with(&b, dag_long, NULL);
    assert_int_equal(rc, -1);
    assert_int_equal(b.d.errors, 1);
    assert_non_null(support_find_diag(&b.d, DIAG_ERROR, "runs past 24 hours"));
    built_free(&b);

    /* and max_seconds lowers that cap */
    o = (compile_opts){.max_seconds = 60};
    rc = compile_with(&b, "return session { title = \"T\", wait(40), wait(40) }", &o);
    assert_int_equal(rc, -1);
    assert_non_null(support_find_diag(&b.d, DIAG_ERROR, "runs past"));
    built_free(&b);
}

static void test_speech_len_hook(void **state)
{
    (void)state;
    /* The compiler asks the hook once per cue it times, with the session's settings. */
    int calls = 0;
    compile_opts o = {.speech_len = word_seconds, .speech_ud = &calls};
    built b;
    int rc = compile_with(&b, "return session { title = \"T\", language = \"de\", rate = 120,\n"
                              "  say \"eins zwei\", say \"drei\" }",
                          &o);
    assert_int_equal(rc, 0);
    assert_int_equal(calls, 2);
    assert_string_equal(b.t.language, "de");
    assert_int_equal(b.t.rate, 120);
    assert_int_equal(b.t.frames, MS(2500 + 1500));
    built_free(&b);
}

/* ---- the host table's own checks ---- */

static void test_host_checks(void **state)
{
    (void)state;
    static const struct {
        const char *mode, *message;
    } cases[] = {
        {"back", "probe: a step's length must be a finite number of seconds, not negative (got -1)"},
        {"nan", "probe: a phase's length must be a finite number of seconds, not negative (got nan)"},
        {"lowtone", "probe: a tone's pitch must be 20 to 8000 Hz (got 10)"},
        {"rep", "probe: rep 3 of 2 is not a valid count"},
        {"status", "probe: the step could not be expanded (error -5)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char src[200];
        snprintf(src, sizeof src, "return session { title = \"T\",\n  wait(1),\n  probe \"%s\" }", cases[i].mode);
        built b;
        int rc = compile_with(&b, src, NULL);
        assert_int_equal(rc, -1);
        assert_int_equal(b.d.errors, 1);
        const diag *e = support_find_diag(&b.d, DIAG_ERROR, "probe:");
        assert_non_null(e);
        if (strcmp(e->message, cases[i].message) != 0)
            fail_msg("mode %s: got \"%s\"", cases[i].mode, e->message);
        assert_int_equal(e->line, 3);
        assert_int_equal(b.t.count, 0);
        built_free(&b);
    }
    /* the cursor and now() agree to the frame */
    built b;
    compile_clean(&b, "return session { title = \"T\", wait(1), probe() }");
    assert_int_equal(b.t.frames, MS(2750));
    built_free(&b);
}

static int group_setup(void **state)
{
    (void)state;
    char err[256];
    if (support_registry(&reg) < 0)
        return -1;
    return registry_add(&reg, &probe_type, "test", err, sizeof err);
}

static int group_teardown(void **state)
{
    (void)state;
    registry_free(&reg);
    return 0;
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_breathe_five_minutes),
        cmocka_unit_test(test_breathe_holds),
        cmocka_unit_test(test_breathe_minutes_round_to_whole_breaths),
        cmocka_unit_test(test_breathe_announce),
        cmocka_unit_test(test_hold_reps_and_rest),
        cmocka_unit_test(test_hold_countdown_ticks),
        cmocka_unit_test(test_hold_cue_and_release),
        cmocka_unit_test(test_sides),
        cmocka_unit_test(test_sides_default_and_many),
        cmocka_unit_test(test_side_outside_sides),
        cmocka_unit_test(test_sets),
        cmocka_unit_test(test_wait),
        cmocka_unit_test(test_ready),
        cmocka_unit_test(test_tones),
        cmocka_unit_test(test_sorted_phase_first),
        cmocka_unit_test(test_total_length_exact),
        cmocka_unit_test(test_cards),
        cmocka_unit_test(test_state_at),
        cmocka_unit_test(test_step_boundary),
        cmocka_unit_test(test_warn_cue_longer_than_phase),
        cmocka_unit_test(test_warn_overlapping_cues),
        cmocka_unit_test(test_warn_long_session),
        cmocka_unit_test(test_limit_nested_empty_sets),
        cmocka_unit_test(test_limit_dag_events),
        cmocka_unit_test(test_speech_len_hook),
        cmocka_unit_test(test_host_checks),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("timeline", tests, group_setup, group_teardown);
}
