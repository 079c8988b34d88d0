/* test_ask.c - the ask step: a yes/no question whose answer chooses which of two step lists
 * plays. The compiler lays out both branches and marks their events; the mixer follows the
 * way the answers choose, jumping over the other branch at its exact frame, the same bits
 * however the buffers are split; the runner takes y/n while the question is open, tells its
 * listeners the answer (or that the default was taken at the timeout), and its progress and
 * remaining time follow the branch taken. Driven by the test's clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"
#include "mixer.h"
#include "run_fixture.h"
#include "script.h"

static registry g_reg;

/* A 2 s wait, the question (5 s to answer, default no), yes: a 440 Hz tone and a 1 s wait;
 * no: an 880 Hz tone and a 4 s wait; then a 660 Hz tone and a 2 s wait. Tones only: no
 * speech clips are needed to hear which way it went. */
static const char k_session[] = "return session { title = 'Ask test',\n"
                                "  wait { 2, tone = false },\n"
                                "  ask { 'Did that help?', timeout = 5, default = 'no',\n"
                                "        yes = { tone { hz = 440, ms = 300 }, wait { 1, tone = false } },\n"
                                "        no = { tone { hz = 880, ms = 300 }, wait { 4, tone = false } } },\n"
                                "  tone { hz = 660, ms = 300 },\n"
                                "  wait { 2, tone = false },\n"
                                "}\n";

static run_fixture *load(void)
{
    run_fixture *f = runfix_load(&g_reg, "ask.lua", k_session, 500.0);
    assert_non_null(f);
    return f;
}

/* The first event of kind k: there must be one. */
static const run_event *first(const run_fixture *f, run_event_kind k)
{
    int i = runfix_find(f, k, 0);
    assert_true(i >= 0);
    return &f->ev[i];
}

static int64_t secs(double s) { return seconds_to_frames(s); }

/* The frame of the first tone of hz. */
static int64_t tone_at(const timeline *t, float hz)
{
    for (int i = 0; i < t->count; i++)
        if (t->events[i].kind == TL_TONE && t->events[i].hz == hz)
            return t->events[i].at;
    return -1;
}

static void test_layout(void **state)
{
    (void)state;
    run_fixture *f = load();
    const timeline *t = &f->t;
    assert_int_equal(t->nasks, 1);
    const tl_ask *q = &t->asks[0];
    assert_string_equal(q->question, "Did that help?");
    assert_int_equal(q->def, TL_NO);
    assert_int_equal(q->at, secs(2));
    /* the gate ends where the branches begin: yes, then no, then the rest */
    int gate = -1;
    for (int i = 0; i < t->count; i++)
        if (t->events[i].kind == TL_GATE)
            gate = i;
    assert_true(gate >= 0);
    assert_int_equal(t->events[gate].at + t->events[gate].len, q->decide);
    assert_int_equal(t->events[gate].len, secs(5));
    assert_int_equal(tone_at(t, 440), q->decide);
    assert_int_equal(q->yes_end - q->decide, secs(0.3) + secs(1));
    assert_int_equal(tone_at(t, 880), q->yes_end);
    assert_int_equal(q->no_end - q->yes_end, secs(0.3) + secs(4));
    assert_int_equal(tone_at(t, 660), q->no_end);
    /* every event of a branch is marked with its ask and answer; the rest with none */
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->at >= q->decide && e->at < q->yes_end) {
            assert_int_equal(e->ask, 1);
            assert_int_equal(e->answer, TL_YES);
        } else if (e->at >= q->yes_end && e->at < q->no_end) {
            assert_int_equal(e->ask, 1);
            assert_int_equal(e->answer, TL_NO);
        } else {
            assert_int_equal(e->ask, 0);
        }
    }
    /* the default (no) skips the yes branch; yes skips the no branch */
    uint8_t yes[1] = {TL_YES}, no[1] = {TL_NO};
    assert_int_equal(timeline_skipped_before(t, NULL, t->frames), q->yes_end - q->decide);
    assert_int_equal(timeline_skipped_before(t, yes, t->frames), q->no_end - q->yes_end);
    assert_int_equal(timeline_path_next(t, no, q->decide), q->yes_end);
    assert_int_equal(timeline_path_next(t, yes, q->decide), q->decide);
    assert_int_equal(timeline_path_next(t, yes, q->yes_end), q->no_end);
    assert_int_equal(timeline_ask_at(t, q->at), 0);
    assert_int_equal(timeline_ask_at(t, q->decide), -1);
    /* skipping steps stays on the way: the step after the question is the no branch's first
     * with no, and back from the no branch is the question itself */
    assert_int_equal(timeline_path_boundary(t, no, q->at + 10, +1), q->yes_end);
    assert_int_equal(timeline_path_boundary(t, yes, q->at + 10, +1), q->decide);
    assert_int_equal(timeline_path_boundary(t, no, q->yes_end, -1), q->at);
    assert_int_equal(timeline_path_boundary(t, yes, q->no_end, -1), q->yes_end - secs(1));
    runfix_free(f);
}

/* Renders the way the answers choose in buffers of n frames. */
static float *render_path(const timeline *t, int answer, int n, int64_t *frames)
{
    mixer m;
    assert_int_equal(mixer_init(&m, t, NULL, NULL), 0);
    if (answer != TL_OPEN)
        mixer_answer(&m, 0, answer);
    int64_t total = mixer_left(&m);
    float *out = calloc((size_t)total + 1, sizeof *out);
    assert_non_null(out);
    for (int64_t done = 0; done < total;) {
        int k = total - done < n ? (int)(total - done) : n;
        mixer_render(&m, out + done, k);
        done += k;
    }
    mixer_free(&m);
    *frames = total;
    return out;
}

/* The same stretches rendered from a copy of the timeline that knows no asks. */
static void render_linear(const timeline *t, int64_t from, int64_t to, float *out)
{
    timeline plain = *t;
    plain.nasks = 0;
    mixer m;
    assert_int_equal(mixer_init(&m, &plain, NULL, NULL), 0);
    mixer_seek(&m, from, 0);
    mixer_render(&m, out, (int)(to - from));
    mixer_free(&m);
}

static void test_mixer_follows_the_way(void **state)
{
    (void)state;
    run_fixture *f = load();
    const timeline *t = &f->t;
    const tl_ask *q = &t->asks[0];
    int64_t end = t->frames;
    for (int answer = TL_OPEN; answer <= TL_NO; answer++) {
        int64_t n1, n2;
        float *a = render_path(t, answer, 4096, &n1);
        float *b = render_path(t, answer, 317, &n2); /* another split: the same bits */
        assert_int_equal(n1, n2);
        assert_memory_equal(a, b, (size_t)n1 * sizeof *a);
        /* the answer's branch, then the rest, as if the other branch were not there */
        int yes = answer == TL_YES;
        int64_t skip = yes ? q->no_end - q->yes_end : q->yes_end - q->decide;
        assert_int_equal(n1, end - skip);
        float *ref = calloc((size_t)n1 + 1, sizeof *ref);
        assert_non_null(ref);
        int64_t b1 = yes ? q->yes_end : q->decide, b2 = yes ? q->no_end : q->yes_end;
        render_linear(t, 0, b1, ref);
        render_linear(t, b2, end, ref + b1);
        assert_memory_equal(a, ref, (size_t)n1 * sizeof *a);
        /* and the branch's own tone is heard just after the question */
        int heard = 0;
        for (int64_t i = q->decide; i < q->decide + secs(0.2); i++)
            heard |= a[i] != 0.0f;
        assert_true(heard);
        free(ref);
        free(a);
        free(b);
    }
    runfix_free(f);
}

/* The session playing from its start. */
static run *start(run_fixture **fp)
{
    run_fixture *f = load();
    run *r = runfix_runner(f, RUN_RESUME_OFF);
    assert_non_null(r);
    assert_int_equal(run_start(r, "/nonexistent/ask.lua", &f->t, NULL, NULL), 0);
    *fp = f;
    return r;
}

static void test_answer_yes(void **state)
{
    (void)state;
    run_fixture *f;
    run *r = start(&f);
    const tl_ask *q = &f->t.asks[0];
    run_state s;
    /* before the question, y is nothing */
    runfix_advance(f, r, 1.0);
    run_get_state(r, &s);
    assert_false(s.yesno);
    run_post(r, RUN_YES);
    runfix_advance(f, r, 0.2);
    assert_int_equal(runfix_count(f, RUN_EV_CHOICE), 0);
    /* while it is asked, the remaining time counts the default's branch (no) */
    runfix_advance(f, r, 1.5);
    run_get_state(r, &s);
    assert_true(s.yesno);
    assert_int_equal(s.v.total, f->t.frames - (q->yes_end - q->decide));
    run_post(r, RUN_YES);
    run_post(r, RUN_NO); /* one answer per question */
    runfix_advance(f, r, 0.1);
    assert_int_equal(runfix_count(f, RUN_EV_CHOICE), 1);
    const run_event *e = first(f, RUN_EV_CHOICE);
    assert_int_equal(e->value, 1);
    assert_int_equal(e->by_default, 0);
    assert_int_equal(e->ask, 0);
    assert_string_equal(e->label, "Did that help?");
    /* on at once into the yes branch; the total now counts it and not the no branch */
    run_get_state(r, &s);
    assert_false(s.yesno);
    assert_true(s.position >= q->decide && s.position < q->yes_end);
    assert_int_equal(s.v.total, f->t.frames - (q->no_end - q->yes_end));
    /* at the yes branch's end, the no branch is jumped over */
    runfix_advance(f, r, 1.4);
    run_get_state(r, &s);
    assert_true(s.position >= q->no_end);
    runfix_advance(f, r, 5.0);
    run_get_state(r, &s);
    assert_int_equal(s.phase, RUN_ENDED);
    assert_int_equal(s.v.elapsed, s.v.total);
    assert_int_equal(runfix_count(f, RUN_EV_CHOICE), 1);
    assert_int_equal(runfix_count(f, RUN_EV_FINISHED), 1);
    run_close(r);
    runfix_free(f);
}

static void test_default_at_timeout(void **state)
{
    (void)state;
    run_fixture *f;
    run *r = start(&f);
    const tl_ask *q = &f->t.asks[0];
    run_state s;
    /* nobody answers: at the gate's end the default (no) is taken, and told */
    runfix_advance(f, r, 2.0 + 5.0 + 2.0);
    assert_int_equal(runfix_count(f, RUN_EV_CHOICE), 1);
    const run_event *e = first(f, RUN_EV_CHOICE);
    assert_int_equal(e->value, 0);
    assert_int_equal(e->by_default, 1);
    run_get_state(r, &s);
    assert_true(s.position >= q->yes_end && s.position < q->no_end);
    /* an answer now is too late */
    run_post(r, RUN_YES);
    runfix_advance(f, r, 0.2);
    assert_int_equal(runfix_count(f, RUN_EV_CHOICE), 1);
    runfix_advance(f, r, 10.0);
    run_get_state(r, &s);
    assert_int_equal(s.phase, RUN_ENDED);
    assert_int_equal(s.v.total, f->t.frames - (q->yes_end - q->decide));
    run_close(r);
    runfix_free(f);
}

static void test_skip_and_back(void **state)
{
    (void)state;
    run_fixture *f;
    run *r = start(&f);
    const tl_ask *q = &f->t.asks[0];
    run_state s;
    runfix_advance(f, r, 2.5);
    /* skipping the question takes its default: into the no branch */
    run_post(r, RUN_NEXT);
    runfix_advance(f, r, 0.1);
    run_get_state(r, &s);
    assert_true(s.position >= q->yes_end && s.position < q->yes_end + secs(0.5));
    assert_int_equal(runfix_count(f, RUN_EV_CHOICE), 1);
    assert_int_equal(first(f, RUN_EV_CHOICE)->by_default, 1);
    /* back from the no branch's start: the question, asked again */
    run_post(r, RUN_PREV);
    runfix_advance(f, r, 0.1);
    run_get_state(r, &s);
    assert_true(s.position >= q->at && s.position < q->at + secs(0.5));
    assert_true(s.yesno);
    run_post(r, RUN_YES);
    runfix_advance(f, r, 0.1);
    assert_int_equal(runfix_count(f, RUN_EV_CHOICE), 2);
    int last = runfix_find(f, RUN_EV_CHOICE, -1);
    assert_true(last >= 0);
    assert_int_equal(f->ev[last].value, 1);
    assert_int_equal(f->ev[last].by_default, 0);
    run_get_state(r, &s);
    assert_true(s.position >= q->decide && s.position < q->yes_end);
    run_close(r);
    runfix_free(f);
}

/* The length a listing shows is the default way's; the range is the shortest and longest of
 * every set of answers, asks nested in branches included: checked against playing every
 * set of answers through timeline_skipped_before. */
static void test_length_range(void **state)
{
    (void)state;
    static const char nested[] =
        "return session { title = 'Nested',\n"
        "  wait { 1, tone = false },\n"
        "  ask { 'First?', timeout = 2, default = 'no',\n"
        "        yes = { wait { 2, tone = false },\n"
        "                ask { 'Inner?', timeout = 2, default = 'yes',\n"
        "                      yes = { wait { 9, tone = false } }, no = { wait { 1, tone = false } } } },\n"
        "        no = { wait { 12, tone = false } } },\n"
        "  ask { 'Second?', timeout = 2, default = 'yes',\n"
        "        yes = { wait { 1, tone = false } },\n"
        "        no = { wait { 5, tone = false },\n"
        "               ask { 'Deep?', timeout = 2, default = 'no',\n"
        "                     yes = { wait { 4, tone = false } } } } },\n"
        "  wait { 1, tone = false },\n"
        "}\n";
    run_fixture *f = runfix_load(&g_reg, "nested.lua", nested, 500.0);
    assert_non_null(f);
    const timeline *t = &f->t;
    assert_int_equal(t->nasks, 4);
    int64_t lo = INT64_MAX, hi = 0;
    for (int bits = 0; bits < 16; bits++) {
        uint8_t answers[4];
        for (int k = 0; k < 4; k++)
            answers[k] = bits >> k & 1 ? TL_YES : TL_NO;
        int64_t len = t->frames - timeline_skipped_before(t, answers, t->frames);
        lo = len < lo ? len : lo;
        hi = len > hi ? len : hi;
    }
    int64_t shortest, longest;
    timeline_length_range(t, &shortest, &longest);
    assert_int_equal(shortest, lo);
    assert_int_equal(longest, hi);
    /* the longest goes through the inner ask's 9 s; the shortest takes neither long way */
    assert_true(longest - shortest > secs(9));
    assert_true(t->frames > longest);
    /* nobody answers: no at the first, yes at the second */
    assert_int_equal(timeline_length(t), t->frames - timeline_skipped_before(t, NULL, t->frames));
    assert_true(timeline_length(t) > shortest && timeline_length(t) < longest);
    runfix_free(f);
    /* a session without a question: one length */
    f = load();
    timeline plain = f->t;
    plain.nasks = 0;
    timeline_length_range(&plain, &shortest, &longest);
    assert_int_equal(shortest, plain.frames);
    assert_int_equal(longest, plain.frames);
    runfix_free(f);
}

static void test_check_messages(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "return session { title = 'x', ask { 'Well?' } }\n",
        "return session { title = 'x', ask { 'Well?', yes = say 'a' } }\n",
        "return session { title = 'x', ask { 'Well?', no = { 'text' } } }\n",
        "return session { title = 'x', ask { 'Well?', default = 'maybe', yes = { say 'a' } } }\n",
    };
    static const char *const want[] = {
        "ask: give the steps for 'yes', for 'no', or for both",
        "ask: 'yes' must be a list of steps in braces",
        "ask: 'no' may hold only steps; item 1 is string",
        "ask: 'default' must be one of yes, no",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        session_model m;
        diag_list d;
        diags_init(&d);
        script_opts so = {.reg = &g_reg, .same_process = 1};
        assert_int_not_equal(script_load_buffer("bad.lua", "/nonexistent", bad[i], strlen(bad[i]), &so, &m, &d), 0);
        int found = 0;
        for (int k = 0; k < d.count; k++)
            found |= strstr(d.items[k].message, want[i]) != NULL && d.items[k].line == 1;
        if (!found)
            fail_msg("case %zu: no \"%s\" at line 1 (%d diagnostics)", i, want[i], d.count);
        session_model_free(&m);
        diags_free(&d);
    }
}

int main(void)
{
    if (support_registry(&g_reg) < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),         cmocka_unit_test(test_mixer_follows_the_way),
        cmocka_unit_test(test_answer_yes),     cmocka_unit_test(test_default_at_timeout),
        cmocka_unit_test(test_skip_and_back),  cmocka_unit_test(test_check_messages),
        cmocka_unit_test(test_length_range),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    registry_free(&g_reg);
    return rc;
}
