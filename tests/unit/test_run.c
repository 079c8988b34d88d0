/* test_run.c - the session runner: commands, run events, the resume policy, the practised
 * time, all through the no-device clock driven by the test (so nothing depends on the
 * machine's speed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixtures.h"
#include "run_fixture.h"

static registry g_reg;
static char g_state[256]; /* XDG_STATE_HOME for the resume file */

/* Three steps of known lengths: a 4 s wait, 80 s of breathing, a 6 s wait. */
static const char k_session[] = "return session { title = 'Runner test',\n"
                                "  wait(4),\n"
                                "  breathe { inhale = 4, exhale = 6, cycles = 8 },\n"
                                "  wait(6),\n"
                                "}\n";

/* The session, loaded and compiled, with the clock at 1000 s. */
static run_fixture *load(void)
{
    run_fixture *f = runfix_load(&g_reg, "runner.lua", k_session, 1000.0);
    assert_non_null(f);
    return f;
}

/* The last event of kind k: there must be one. */
static const run_event *last(const run_fixture *f, run_event_kind k)
{
    int i = runfix_find(f, k, -1);
    assert_true(i >= 0);
    return &f->ev[i];
}

static run *open_runner(run_fixture *f, run_resume resume)
{
    run *r = runfix_runner(f, resume);
    assert_non_null(r);
    return r;
}

static void test_plays_to_the_end_and_says_so(void **state)
{
    (void)state;
    run_fixture *f = load();
    run *r = open_runner(f, RUN_RESUME_OFF);
    assert_int_equal(run_start(r, "/nonexistent/runner.lua", &f->t, NULL, NULL), 0);
    assert_int_equal(f->ev[0].kind, RUN_EV_STARTED);
    assert_string_equal(f->ev[0].title, "Runner test");
    assert_int_equal(f->ev[0].nsteps, f->t.nsteps);
    runfix_advance(f, r, (double)f->t.frames / PACER_RATE + 1.0);
    run_state s;
    run_get_state(r, &s);
    assert_int_equal(s.phase, RUN_ENDED);
    assert_int_equal(runfix_count(f, RUN_EV_FINISHED), 1);
    /* every leaf step was reached, in order */
    assert_int_equal(runfix_count(f, RUN_EV_STEP), f->t.nsteps);
    int expect = 0;
    for (int i = 0; i < f->nev; i++)
        if (f->ev[i].kind == RUN_EV_STEP)
            assert_int_equal(f->ev[i].step, expect++);
    /* played straight through: the whole session was practised */
    const run_event *fin = last(f, RUN_EV_FINISHED);
    assert_true(fin->practised >= f->t.frames - PACER_RATE / 10 && fin->practised <= f->t.frames + PACER_RATE);
    run_stop(r);
    assert_int_equal(runfix_count(f, RUN_EV_FINISHED), 1); /* not told twice */
    assert_int_equal(runfix_count(f, RUN_EV_STOPPED), 0);
    run_close(r);
    runfix_free(f);
}

static void test_pause_holds_the_clock_and_is_not_practised(void **state)
{
    (void)state;
    run_fixture *f = load();
    run *r = open_runner(f, RUN_RESUME_OFF);
    assert_int_equal(run_start(r, "/nonexistent/runner.lua", &f->t, NULL, NULL), 0);
    runfix_advance(f, r, 2.0);
    run_post(r, RUN_PAUSE);
    runfix_advance(f, r, 0.2);
    run_state a, b;
    run_get_state(r, &a);
    assert_int_equal(a.phase, RUN_PAUSED);
    assert_int_equal(runfix_count(f, RUN_EV_PAUSED), 1);
    runfix_advance(f, r, 10.0);
    run_get_state(r, &b);
    assert_int_equal(b.position, a.position); /* the clock stands still */
    assert_int_equal(b.practised, a.practised);
    run_post(r, RUN_TAP); /* any key resumes: the get-ready ticks, then on */
    runfix_advance(f, r, 0.2);
    assert_int_equal(runfix_count(f, RUN_EV_RESUMED), 1);
    runfix_advance(f, r, 3.0);
    run_get_state(r, &b);
    assert_int_equal(b.phase, RUN_PLAYING);
    assert_true(b.position > a.position);
    run_close(r);
    assert_int_equal(runfix_count(f, RUN_EV_STOPPED), 1);
    const run_event *st = last(f, RUN_EV_STOPPED);
    /* 2 s before the pause and about 1.3 s after the get-ready: pauses are not practised */
    assert_true(st->practised > 3 * PACER_RATE && st->practised < 4 * PACER_RATE);
    runfix_free(f);
}

static void test_a_skip_is_not_practised(void **state)
{
    (void)state;
    run_fixture *f = load();
    run *r = open_runner(f, RUN_RESUME_OFF);
    assert_int_equal(run_start(r, "/nonexistent/runner.lua", &f->t, NULL, NULL), 0);
    runfix_advance(f, r, 1.0);
    run_post(r, RUN_NEXT);
    runfix_advance(f, r, 1.0);
    run_state s;
    run_get_state(r, &s);
    assert_true(s.position >= 5 * PACER_RATE);         /* past the 4 s wait */
    assert_true(s.practised <= 2 * PACER_RATE + 4800); /* only the two seconds played */
    run_close(r);
    runfix_free(f);
}

static void test_resume_ask_continue_and_restart(void **state)
{
    (void)state;
    run_fixture *f = load();
    /* resume_get identifies a file by its size and time: a real file */
    char file[300];
    snprintf(file, sizeof file, "%s/resume_me.lua", g_state);
    FILE *fp = fopen(file, "w");
    assert_non_null(fp);
    fputs(k_session, fp);
    fclose(fp);

    run *r = open_runner(f, RUN_RESUME_ASK);
    assert_int_equal(run_start(r, file, &f->t, NULL, NULL), 0);
    runfix_advance(f, r, 40.0); /* well into the breathing step */
    run_stop(r);
    assert_int_equal(runfix_count(f, RUN_EV_STOPPED), 1);

    /* asked: nothing plays until it is answered */
    assert_int_equal(run_start(r, file, &f->t, NULL, NULL), 0);
    run_state s;
    run_get_state(r, &s);
    assert_true(s.ask_resume > 0);
    int64_t from = s.ask_resume;
    run_post(r, RUN_TAP); /* not an answer */
    runfix_advance(f, r, 1.0);
    run_get_state(r, &s);
    assert_int_equal(s.ask_resume, from);
    assert_int_equal(s.position, from);
    run_post(r, RUN_RESTART);
    runfix_advance(f, r, 3.0);
    run_get_state(r, &s);
    assert_int_equal(s.ask_resume, 0);
    assert_true(s.position < 3 * PACER_RATE); /* from the start */
    run_stop(r);

    /* stopped early again (near the start: nothing to continue), then a stop further on */
    assert_int_equal(run_start(r, file, &f->t, NULL, NULL), 0);
    run_get_state(r, &s);
    assert_int_equal(s.ask_resume, 0);
    runfix_advance(f, r, 40.0);
    run_stop(r);
    /* nobody answers: after RUN_ASK_SECONDS it continues by itself */
    assert_int_equal(run_start(r, file, &f->t, NULL, NULL), 0);
    run_get_state(r, &s);
    from = s.ask_resume;
    assert_true(from > 0);
    runfix_advance(f, r, RUN_ASK_SECONDS + 3.0);
    run_get_state(r, &s);
    assert_int_equal(s.ask_resume, 0);
    assert_true(s.position > from);
    runfix_advance(f, r, 30.0); /* far enough in to be continued next time */
    run_close(r);

    /* the terminal view's policy continues without asking */
    r = open_runner(f, RUN_RESUME_AUTO);
    assert_int_equal(run_start(r, file, &f->t, NULL, NULL), 0);
    run_get_state(r, &s);
    assert_int_equal(s.ask_resume, 0);
    assert_true(s.continued_from > 0);
    run_close(r);
    unlink(file);
    runfix_free(f);
}

static void test_kiosk_policy_remembers_nothing(void **state)
{
    (void)state;
    run_fixture *f = load();
    char resume[300];
    snprintf(resume, sizeof resume, "%s/pacer/resume", g_state);
    unlink(resume);
    run *r = open_runner(f, RUN_RESUME_OFF);
    assert_int_equal(run_start(r, "/etc/hostname", &f->t, NULL, NULL), 0);
    runfix_advance(f, r, 12.0);
    run_close(r);
    struct stat st;
    assert_int_not_equal(stat(resume, &st), 0);
    runfix_free(f);
}

static void test_commands_without_a_session_do_nothing(void **state)
{
    (void)state;
    run_fixture *f = load();
    run *r = open_runner(f, RUN_RESUME_OFF);
    run_post(r, RUN_TAP);
    run_tick(r);
    run_stop(r);
    run_state s;
    run_get_state(r, &s);
    assert_int_equal(s.active, 0);
    assert_int_equal(f->nev, 0);
    run_close(r);
    runfix_free(f);
}

int main(void)
{
    if (support_registry(&g_reg) < 0 || support_tmpdir(g_state, sizeof g_state, "pacer-run") < 0)
        return 1;
    setenv("XDG_STATE_HOME", g_state, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plays_to_the_end_and_says_so),
        cmocka_unit_test(test_pause_holds_the_clock_and_is_not_practised),
        cmocka_unit_test(test_a_skip_is_not_practised),
        cmocka_unit_test(test_resume_ask_continue_and_restart),
        cmocka_unit_test(test_kiosk_policy_remembers_nothing),
        cmocka_unit_test(test_commands_without_a_session_do_nothing),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    support_remove_tree(g_state);
    registry_free(&g_reg);
    return rc;
}
