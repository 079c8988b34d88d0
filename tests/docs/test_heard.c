/* test_heard.c - what docs/writing-sessions.md says the patient hears, checked on the timeline
 * of the guide's own examples (taken from the page itself, so a changed example is checked as
 * it now reads). Speech is timed by the core's estimate; no speech engine is needed.
 *
 *   knee_hugs.lua        a tone starts every breath and every hold, a lower chime ends each
 *                        hold, a cue starts every instruction; a say lasts its speech plus
 *                        half a second (gap = 2: plus two); ready goes on after its timeout;
 *                        {side} is left, then right; hold: reps holds, rest seconds between
 *                        them (reps - 1 rests), the cue as each starts, ticks on the last three
 *                        seconds, the release said after the end chime; breathe: a rising tone
 *                        in, a falling one out, the first speak_cycles breaths spoken; the bell
 *                        rings the session out
 *   hip_flexor_sets.lua  one sound starts the rest between the sets (the hold's end chime), not
 *                        two; a wait starts with the soft rest tone, left out right after a tone
 *   knee_question.lua    ask: the question said, its timeout waited for, the default (no)
 *                        taken with no answer, the other side only in the no branch */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "script.h"
#include "timeline.h"

#ifndef PACER_DOCS_DIR
#error "PACER_DOCS_DIR must name the docs folder"
#endif

#define SEC(s) ((int64_t)((s) * PACER_RATE + ((s) >= 0 ? 0.5 : -0.5)))

static registry reg;
static char *guide;

typedef struct built {
    session_model m;
    timeline t;
    diag_list d;
} built;

/* The ```lua block of the guide that starts with "-- name". */
static char *example(const char *name)
{
    char head[128];
    snprintf(head, sizeof head, "```lua\n-- %s\n", name);
    const char *p = strstr(guide, head);
    if (!p)
        fail_msg("docs/writing-sessions.md has no example %s", name);
    p += 7;
    const char *end = strstr(p, "```");
    assert_non_null(end);
    char *s = malloc((size_t)(end - p) + 1);
    assert_non_null(s);
    memcpy(s, p, (size_t)(end - p));
    s[end - p] = 0;
    return s;
}

static void build_text(built *b, const char *name, const char *text)
{
    memset(b, 0, sizeof *b);
    diags_init(&b->d);
    script_opts so = {.reg = &reg, .same_process = 1};
    if (script_load_buffer(name, "/nonexistent", text, strlen(text), &so, &b->m, &b->d) != 0) {
        diags_print(&b->d, stderr);
        fail_msg("%s does not load", name);
    }
    compile_opts co = {.speech_len = estimate_speech_len};
    if (session_compile(&b->m, &co, &b->t, &b->d) != 0 || b->d.errors) {
        diags_print(&b->d, stderr);
        fail_msg("%s does not compile", name);
    }
}

static void build(built *b, const char *name)
{
    char *text = example(name);
    build_text(b, name, text);
    free(text);
}

static void unbuild(built *b)
{
    timeline_free(&b->t);
    session_model_free(&b->m);
    diags_free(&b->d);
}

static int is_phase(const tl_event *e, int phase) { return e->kind == TL_PHASE && e->phase == phase; }

/* The preset sound s starting at frame, or NULL. */
static const tl_event *sound_at(const timeline *t, int64_t at, pacer_sound s)
{
    for (int i = 0; i < t->count; i++)
        if (t->events[i].kind == TL_TONE && t->events[i].at == at && t->events[i].sound == s + 1)
            return &t->events[i];
    return NULL;
}

static int count_sound(const timeline *t, pacer_sound s)
{
    int n = 0;
    for (int i = 0; i < t->count; i++)
        n += t->events[i].kind == TL_TONE && t->events[i].sound == s + 1;
    return n;
}

/* Speech starting from at to at + within, or NULL. */
static const tl_event *speech_from(const timeline *t, int64_t at, int64_t within)
{
    for (int i = 0; i < t->count; i++)
        if (t->events[i].kind == TL_SPEAK && t->events[i].at >= at && t->events[i].at <= at + within)
            return &t->events[i];
    return NULL;
}

/* Sounds (tones and speech) starting from at to at + within. */
static int sounds_from(const timeline *t, int64_t at, int64_t within)
{
    int n = 0;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        n += (e->kind == TL_TONE || e->kind == TL_SPEAK) && e->at >= at && e->at <= at + within;
    }
    return n;
}

static void test_knee_hugs(void **state)
{
    (void)state;
    built b;
    build(&b, "knee_hugs.lua");
    const timeline *t = &b.t;
    int holds = 0, rests = 0, breaths = 0, spoken_breaths = 0;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind != TL_PHASE)
            continue;
        switch (e->phase) {
        case PACER_PHASE_INHALE:
            /* a rising tone in; the first two breaths (speak_cycles = 2) also spoken */
            assert_non_null(sound_at(t, e->at, PACER_SOUND_INHALE));
            assert_int_equal(sound_at(t, e->at, PACER_SOUND_INHALE)->shape, PACER_SHAPE_RISE);
            breaths++;
            if (speech_from(t, e->at, SEC(0.35))) {
                spoken_breaths++;
                assert_true(e->rep <= 2);
            }
            break;
        case PACER_PHASE_EXHALE:
            assert_non_null(sound_at(t, e->at, PACER_SOUND_EXHALE));
            assert_int_equal(sound_at(t, e->at, PACER_SOUND_EXHALE)->shape, PACER_SHAPE_FALL);
            break;
        case PACER_PHASE_HOLD: {
            /* a chime starts it and the cue is said; the last three seconds tick; a lower
             * chime ends it, then the release is said */
            holds++;
            assert_non_null(sound_at(t, e->at, PACER_SOUND_HOLD));
            const tl_event *cue = speech_from(t, e->at, SEC(0.35));
            assert_non_null(cue);
            assert_string_equal(cue->text, "Hug your knee gently in");
            for (int k = 1; k <= 3; k++)
                assert_non_null(sound_at(t, e->at + e->len - SEC(k), PACER_SOUND_TICK));
            assert_int_equal(e->len, SEC(10));
            assert_non_null(sound_at(t, e->at + e->len, PACER_SOUND_REP_END));
            const tl_event *rel = speech_from(t, e->at + e->len, SEC(0.35));
            assert_non_null(rel);
            assert_string_equal(rel->text, "And let go");
            break;
        }
        case PACER_PHASE_REST:
            /* the rests between the holds: rest = 5; after the last only its release */
            if (e->reps && e->rep < e->reps) {
                rests++;
                assert_int_equal(e->len, SEC(5));
            } else if (e->reps) {
                const tl_event *rel = speech_from(t, e->at, SEC(0.35));
                assert_non_null(rel);
                assert_int_equal(e->len, SEC(0.3) + rel->len + SEC(0.5));
            }
            break;
        case PACER_PHASE_INSTRUCTION: {
            /* a cue starts every instruction, and the step lasts it plus its gap */
            const tl_event *s = speech_from(t, e->at, 0);
            assert_non_null(s);
            double gap = strcmp(s->text, "Lower your foot to the floor.") == 0 ? 2.0 : 0.5;
            assert_int_equal(e->len, s->len + SEC(gap));
            break;
        }
        case PACER_PHASE_READY: {
            /* ready goes on by itself after its timeout */
            int gates = 0;
            for (int k = 0; k < t->count; k++)
                if (t->events[k].kind == TL_GATE && t->events[k].step == e->step) {
                    assert_int_equal(t->events[k].len, SEC(15));
                    assert_int_equal(t->events[k].at + t->events[k].len, e->at + e->len);
                    gates++;
                }
            assert_int_equal(gates, 1);
            break;
        }
        default: break;
        }
    }
    /* 3 holds on each side with a rest of 5 s between them: 2 rests a side */
    assert_int_equal(holds, 6);
    assert_int_equal(rests, 4);
    assert_int_equal(breaths, 6);
    assert_int_equal(spoken_breaths, 2);
    /* {side} is left, then right */
    const tl_event *left = NULL, *right = NULL;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind == TL_SPEAK && strcmp(e->text, "Bring your left knee up, and hold it with both hands.") == 0)
            left = e;
        if (e->kind == TL_SPEAK && strcmp(e->text, "Bring your right knee up, and hold it with both hands.") == 0)
            right = e;
    }
    assert_non_null(left);
    assert_non_null(right);
    assert_true(left->at < right->at);
    /* the bell rings the session out: the last sound */
    const tl_event *last = NULL;
    for (int i = 0; i < t->count; i++)
        if (t->events[i].kind == TL_TONE || t->events[i].kind == TL_SPEAK)
            last = &t->events[i];
    assert_non_null(last);
    assert_int_equal(last->sound, PACER_SOUND_BELL + 1);
    unbuild(&b);
}

static void test_sets_and_wait(void **state)
{
    (void)state;
    built b;
    build(&b, "hip_flexor_sets.lua");
    const timeline *t = &b.t;
    int between = 0;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (!is_phase(e, PACER_PHASE_REST) || !e->text || strcmp(e->text, "Rest") != 0)
            continue;
        /* the hold's end chime starts the rest between the sets, and nothing else does */
        between++;
        assert_non_null(sound_at(t, e->at, PACER_SOUND_REP_END));
        assert_null(sound_at(t, e->at, PACER_SOUND_REST));
        assert_int_equal(sounds_from(t, e->at - SEC(0.35), SEC(0.7)), 1);
        assert_int_equal(e->len, SEC(10));
    }
    assert_int_equal(between, 1);
    unbuild(&b);

    /* a wait starts with the soft rest tone; right after a chime, the chime is the one sound */
    build_text(&b, "wait.lua",
               "return session { title = 'w', wait(5), tone { hz = 523.3, ms = 250, shape = 'chime' }, wait(5) }");
    assert_non_null(sound_at(&b.t, 0, PACER_SOUND_REST));
    assert_int_equal(count_sound(&b.t, PACER_SOUND_REST), 1);
    unbuild(&b);
}

static void test_ask(void **state)
{
    (void)state;
    built b;
    build(&b, "knee_question.lua");
    const timeline *t = &b.t;
    assert_int_equal(t->nasks, 1);
    const tl_ask *q = &t->asks[0];
    /* the question is said, then its timeout is waited for */
    const tl_event *said = speech_from(t, q->at, 0);
    assert_non_null(said);
    assert_string_equal(said->text, "Did that ease your back?");
    int gate = 0;
    for (int i = 0; i < t->count; i++)
        if (t->events[i].kind == TL_GATE && t->events[i].at + t->events[i].len == q->decide) {
            assert_int_equal(t->events[i].len, SEC(15));
            gate = 1;
        }
    assert_true(gate);
    /* with no answer, the default: the no branch plays, the yes branch is left out */
    assert_int_equal(q->def, TL_NO);
    assert_int_equal(timeline_skipped_before(t, NULL, t->frames), q->yes_end - q->decide);
    /* the other side only in the no branch; the closing after both */
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (is_phase(e, PACER_PHASE_HOLD) && e->side && strcmp(e->side, "other side") == 0)
            assert_true(e->ask == 1 && e->answer == TL_NO);
        if (is_phase(e, PACER_PHASE_HOLD) && e->side && strcmp(e->side, "painful side") == 0)
            assert_true(e->ask == 0 && e->at < q->at);
        if (e->kind == TL_SPEAK && strstr(e->text, "Well done"))
            assert_true(e->ask == 0 && e->at >= q->no_end);
    }
    unbuild(&b);
}

int main(void)
{
    FILE *f = fopen(PACER_DOCS_DIR "/writing-sessions.md", "rb");
    if (!f)
        return 1;
    static char buf[1 << 17];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    guide = buf;
    registry_init(&reg);
    char err[256];
    if (registry_add_builtins(&reg, err, sizeof err) < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_knee_hugs),
        cmocka_unit_test(test_sets_and_wait),
        cmocka_unit_test(test_ask),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    registry_free(&reg);
    return rc;
}
