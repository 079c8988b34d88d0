/* test_run_answer.c - RUN_ANSWER: an answer to a question step (rate_pain) is told to the
 * listeners with its value and the step's moment, and the session goes on at once; outside
 * a question it does nothing; with no answer the question goes on by itself at its timeout.
 * Also the digit entry the front-ends share (1 then 0 is ten). Driven by the test's clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "run.h"
#include "script.h"
#include "compile.h"

static registry g_reg;

/* A 2 s wait, a question with a 20 s timeout, a 3 s wait, a question with a 5 s timeout, a
 * ready step (a gate that asks nothing). */
static const char k_session[] = "return session { title = 'Answer test',\n"
                                "  wait(2),\n"
                                "  rate_pain { moment = 'before', timeout = 20 },\n"
                                "  wait(3),\n"
                                "  rate_pain { moment = 'after', timeout = 5 },\n"
                                "  ready { 'Tap when you are ready.', timeout = 5 },\n"
                                "}\n";

typedef struct fixture {
    session_model m;
    timeline t;
    diag_list d;
    double now;
    run_event ev[64];
    char labels[64][16];
    int nev;
} fixture;

static double test_clock(void *ud) { return ((fixture *)ud)->now; }

static void on_event(void *ud, const run_event *e)
{
    fixture *f = ud;
    if (f->nev < 64) {
        f->ev[f->nev] = *e;
        snprintf(f->labels[f->nev], sizeof f->labels[0], "%s", e->label ? e->label : "(null)");
        f->nev++;
    }
}

static int count(const fixture *f, run_event_kind k)
{
    int n = 0;
    for (int i = 0; i < f->nev; i++)
        n += f->ev[i].kind == k;
    return n;
}

static int find(const fixture *f, run_event_kind k, int nth)
{
    for (int i = 0; i < f->nev; i++)
        if (f->ev[i].kind == k && nth-- == 0)
            return i;
    return -1;
}

static void tick(fixture *f, run *r, double seconds)
{
    for (double done = 0; done < seconds - 1e-9; done += 0.05) {
        f->now += 0.05;
        run_tick(r);
    }
}

static run *start(fixture *f)
{
    diags_init(&f->d);
    script_opts so = {.reg = &g_reg};
    assert_int_equal(script_load_buffer("answer.lua", "/nonexistent", k_session, strlen(k_session), &so, &f->m, &f->d), 0);
    assert_int_equal(session_compile(&f->m, NULL, &f->t, &f->d), 0);
    f->now = 500.0;
    run_opts o = {.no_audio = 1, .on_event = on_event, .ud = f, .clock = test_clock, .clock_ud = f};
    run *r = run_open(&o);
    assert_non_null(r);
    assert_int_equal(run_start(r, "/nonexistent/answer.lua", &f->t, NULL, NULL), 0);
    return r;
}

static void finish(fixture *f, run *r)
{
    run_close(r);
    timeline_free(&f->t);
    session_model_free(&f->m);
    diags_free(&f->d);
    free(f);
}

static void test_answer_is_told_and_goes_on(void **state)
{
    (void)state;
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    run *r = start(f);
    /* in the first wait nothing is asked: an answer is ignored, and does not pause */
    tick(f, r, 1.0);
    run_state s;
    run_get_state(r, &s);
    assert_false(s.asks);
    run_post_value(r, RUN_ANSWER, 4);
    tick(f, r, 0.2);
    assert_int_equal(count(f, RUN_EV_ANSWER), 0);
    run_get_state(r, &s);
    assert_int_equal(s.phase, RUN_PLAYING);
    /* in the question (while it is still being said): taken */
    tick(f, r, 1.5);
    run_get_state(r, &s);
    assert_true(s.asks);
    assert_int_equal(s.v.st.step, 1);
    run_post_value(r, RUN_ANSWER, 7);
    run_post_value(r, RUN_ANSWER, 3); /* a second answer before the skip: not another skip */
    int i = find(f, RUN_EV_ANSWER, 0);
    assert_true(i >= 0);
    assert_int_equal(f->ev[i].value, 7);
    assert_string_equal(f->labels[i], "before");
    assert_int_equal(count(f, RUN_EV_ANSWER), 1);
    tick(f, r, 0.1);
    run_get_state(r, &s);
    /* on at once to the next step (the 3 s wait), not 20 s later, and not past it */
    assert_int_equal(s.v.st.step, 2);
    assert_false(s.asks);
    /* the second question: nobody answers, so it goes on after its timeout */
    tick(f, r, 3.5);
    run_get_state(r, &s);
    assert_int_equal(s.v.st.step, 3);
    assert_true(s.asks);
    /* the ready step's wait asks nothing: an answer there is not taken */
    for (int guard = 0; s.v.st.step != 4 && guard < 1200; guard++) {
        tick(f, r, 0.05);
        run_get_state(r, &s);
    }
    assert_int_equal(s.v.st.step, 4);
    assert_false(s.asks);
    run_post_value(r, RUN_ANSWER, 5);
    assert_int_equal(count(f, RUN_EV_ANSWER), 1);
    tick(f, r, 60.0);
    run_get_state(r, &s);
    assert_int_equal(s.phase, RUN_ENDED);
    assert_int_equal(count(f, RUN_EV_ANSWER), 1);
    assert_int_equal(count(f, RUN_EV_FINISHED), 1);
    finish(f, r);
}

static void test_answer_after(void **state)
{
    (void)state;
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    run *r = start(f);
    /* in the question's wait (after it was said), a tap goes on without an answer */
    tick(f, r, 2.0);
    run_state s;
    run_get_state(r, &s);
    for (int guard = 0; !s.v.waiting && guard < 600; guard++) {
        tick(f, r, 0.05);
        run_get_state(r, &s);
    }
    assert_true(s.v.waiting);
    run_post(r, RUN_TAP);
    tick(f, r, 3.5);
    run_get_state(r, &s);
    assert_int_equal(s.v.st.step, 3);
    assert_int_equal(count(f, RUN_EV_PAUSED), 0);
    run_post_value(r, RUN_ANSWER, 10);
    tick(f, r, 0.2);
    assert_int_equal(count(f, RUN_EV_ANSWER), 1);
    int i = find(f, RUN_EV_ANSWER, 0);
    assert_int_equal(f->ev[i].value, 10);
    assert_string_equal(f->labels[i], "after");
    run_get_state(r, &s);
    assert_int_equal(s.v.st.step, 4); /* on at once to the ready step */
    assert_int_equal(s.phase, RUN_PLAYING);
    finish(f, r);
}

static void test_digits(void **state)
{
    (void)state;
    run_digits d = {0};
    assert_int_equal(run_digits_key(&d, 7, 0.0), 7);
    assert_int_equal(run_digits_key(&d, 0, 0.0), 0);
    assert_int_equal(run_digits_key(&d, 1, 10.0), -1); /* may become 10 */
    assert_int_equal(run_digits_due(&d, 10.5), -1);
    assert_int_equal(run_digits_key(&d, 0, 10.6), 10);
    assert_int_equal(run_digits_key(&d, 1, 20.0), -1);
    assert_int_equal(run_digits_enter(&d), 1);
    assert_int_equal(run_digits_enter(&d), -1); /* nothing typed */
    assert_int_equal(run_digits_key(&d, 1, 30.0), -1);
    assert_int_equal(run_digits_due(&d, 30.0 + RUN_DIGIT_SECONDS), 1); /* nobody typed a 0 */
    assert_int_equal(run_digits_due(&d, 40.0), -1);
}

int main(void)
{
    char err[256];
    registry_init(&g_reg);
    if (registry_add_builtins(&g_reg, err, sizeof err) < 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_answer_is_told_and_goes_on),
        cmocka_unit_test(test_answer_after),
        cmocka_unit_test(test_digits),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    registry_free(&g_reg);
    return rc;
}
