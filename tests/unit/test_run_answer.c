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

#include "fixtures.h"
#include "run_fixture.h"

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

/* The session playing from its start, with the clock at 500 s. */
static run *start(run_fixture **fp)
{
    run_fixture *f = runfix_load(&g_reg, "answer.lua", k_session, 500.0);
    assert_non_null(f);
    run *r = runfix_runner(f, RUN_RESUME_OFF);
    assert_non_null(r);
    assert_int_equal(run_start(r, "/nonexistent/answer.lua", &f->t, NULL, NULL), 0);
    *fp = f;
    return r;
}

static void finish(run_fixture *f, run *r)
{
    run_close(r);
    runfix_free(f);
}

static void test_answer_is_told_and_goes_on(void **state)
{
    (void)state;
    run_fixture *f;
    run *r = start(&f);
    /* in the first wait nothing is asked: an answer is ignored, and does not pause */
    runfix_advance(f, r, 1.0);
    run_state s;
    run_get_state(r, &s);
    assert_false(s.asks);
    run_post_value(r, RUN_ANSWER, 4);
    runfix_advance(f, r, 0.2);
    assert_int_equal(runfix_count(f, RUN_EV_ANSWER), 0);
    run_get_state(r, &s);
    assert_int_equal(s.phase, RUN_PLAYING);
    /* in the question (while it is still being said): taken */
    runfix_advance(f, r, 1.5);
    run_get_state(r, &s);
    assert_true(s.asks);
    assert_int_equal(s.v.st.step, 1);
    run_post_value(r, RUN_ANSWER, 7);
    run_post_value(r, RUN_ANSWER, 3); /* a second answer before the skip: not another skip */
    int i = runfix_find(f, RUN_EV_ANSWER, 0);
    assert_true(i >= 0);
    assert_int_equal(f->ev[i].value, 7);
    assert_string_equal(f->labels[i], "before");
    assert_int_equal(runfix_count(f, RUN_EV_ANSWER), 1);
    runfix_advance(f, r, 0.1);
    run_get_state(r, &s);
    /* on at once to the next step (the 3 s wait), not 20 s later, and not past it */
    assert_int_equal(s.v.st.step, 2);
    assert_false(s.asks);
    /* the second question: nobody answers, so it goes on after its timeout */
    runfix_advance(f, r, 3.5);
    run_get_state(r, &s);
    assert_int_equal(s.v.st.step, 3);
    assert_true(s.asks);
    /* the ready step's wait asks nothing: an answer there is not taken */
    for (int guard = 0; s.v.st.step != 4 && guard < 1200; guard++) {
        runfix_advance(f, r, 0.05);
        run_get_state(r, &s);
    }
    assert_int_equal(s.v.st.step, 4);
    assert_false(s.asks);
    run_post_value(r, RUN_ANSWER, 5);
    assert_int_equal(runfix_count(f, RUN_EV_ANSWER), 1);
    runfix_advance(f, r, 60.0);
    run_get_state(r, &s);
    assert_int_equal(s.phase, RUN_ENDED);
    assert_int_equal(runfix_count(f, RUN_EV_ANSWER), 1);
    assert_int_equal(runfix_count(f, RUN_EV_FINISHED), 1);
    finish(f, r);
}

static void test_answer_after(void **state)
{
    (void)state;
    run_fixture *f;
    run *r = start(&f);
    /* in the question's wait (after it was said), a tap goes on without an answer */
    runfix_advance(f, r, 2.0);
    run_state s;
    run_get_state(r, &s);
    for (int guard = 0; !s.v.waiting && guard < 600; guard++) {
        runfix_advance(f, r, 0.05);
        run_get_state(r, &s);
    }
    assert_true(s.v.waiting);
    run_post(r, RUN_TAP);
    runfix_advance(f, r, 3.5);
    run_get_state(r, &s);
    assert_int_equal(s.v.st.step, 3);
    assert_int_equal(runfix_count(f, RUN_EV_PAUSED), 0);
    run_post_value(r, RUN_ANSWER, 10);
    runfix_advance(f, r, 0.2);
    assert_int_equal(runfix_count(f, RUN_EV_ANSWER), 1);
    int i = runfix_find(f, RUN_EV_ANSWER, 0);
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
    if (support_registry(&g_reg) < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_answer_is_told_and_goes_on),
        cmocka_unit_test(test_answer_after),
        cmocka_unit_test(test_digits),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    registry_free(&g_reg);
    return rc;
}
