/* test_journal.c - the journal module on its own: what the listener records from run
 * events, and the summary's days, streak, minutes and pain change on known rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "journal.h"

static char g_dir[] = "/tmp/pacer-test-journal-XXXXXX";
static char g_db[sizeof g_dir + 32];

static run_event ev(run_event_kind k, int step, double seconds)
{
    run_event e = {.kind = k, .path = "/nonexistent/s.lua", .title = "Unit session", .step = step, .nsteps = 4,
                   .practised = (int64_t)(seconds * PACER_RATE)};
    return e;
}

static void test_records_events(void **state)
{
    (void)state;
    char why[512];
    unlink(g_db);
    journal *j = journal_open(g_db, JOURNAL_CHECK_PAGES, why, sizeof why);
    assert_non_null(j);
    assert_string_equal(why, "");
    struct stat sb;
    assert_int_equal(stat(g_db, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    run_event e = ev(RUN_EV_STARTED, -1, 0);
    journal_on_event(j, &e);
    e = ev(RUN_EV_STEP, 0, 0);
    journal_on_event(j, &e);
    e = ev(RUN_EV_STEP, 1, 12.5);
    journal_on_event(j, &e);
    e = ev(RUN_EV_PAUSED, 1, 14);
    journal_on_event(j, &e);
    e = ev(RUN_EV_RESUMED, 1, 14);
    journal_on_event(j, &e);
    e = ev(RUN_EV_PAUSED, 1, 15);
    journal_on_event(j, &e);
    /* back to the first step: the steps reached stay 2 */
    e = ev(RUN_EV_STEP, 0, 20);
    journal_on_event(j, &e);
    journal_rows r;
    assert_int_equal(journal_read(j, &r, why, sizeof why), 0);
    assert_int_equal(r.count, 1);
    /* written by this live process, not ended: under way */
    assert_int_equal(r.items[0].outcome, JOURNAL_PLAYING);
    assert_true(r.items[0].seconds == 20.0);
    journal_rows_free(&r);
    e = ev(RUN_EV_STOPPED, 0, 21.5);
    journal_on_event(j, &e);
    assert_int_equal(journal_read(j, &r, why, sizeof why), 0);
    assert_int_equal(r.count, 1);
    const journal_row *w = &r.items[0];
    assert_int_equal(w->outcome, JOURNAL_STOPPED);
    assert_true(w->seconds == 21.5);
    assert_int_equal(w->steps_reached, 2);
    assert_int_equal(w->steps_total, 4);
    assert_int_equal(w->pauses, 2);
    assert_string_equal(w->title, "Unit session");
    assert_int_equal(w->pain_before, JOURNAL_NO_PAIN);
    journal_rows_free(&r);
    journal_close(j);
}

static journal_row row(const char *started, double minutes, int before, int after)
{
    journal_row w = {.seconds = minutes * 60, .outcome = JOURNAL_FINISHED, .pain_before = before, .pain_after = after};
    snprintf(w.started, sizeof w.started, "%s", started);
    return w;
}

static void test_summary(void **state)
{
    (void)state;
    journal_row items[] = {
        row("2026-10-01T08:00:00", 25, -1, -1),  /* long ago */
        row("2026-11-05T08:00:00", 20, -1, -1),  /* 27 days before 12-02 */
        row("2026-11-29T08:00:00", 10, 5, 3),
        row("2026-11-30T08:00:00", 0.5, -1, -1), /* under a minute: not a day practised */
        row("2026-12-01T08:00:00", 15, 6, 6),
        row("2026-12-01T19:00:00", 5, 4, -1),
        row("2026-12-02T07:00:00", 25, -1, -1),
    };
    journal_rows r = {.items = items, .count = 7, .cap = 7};
    journal_summary s;
    journal_summarize(&r, "2026-12-02", &s);
    assert_int_equal(s.days_7, 3);
    assert_int_equal(s.days_30, 4);
    assert_int_equal(s.streak, 2);
    assert_true(s.minutes_per_day_7 > (55.5 / 7) - 1e-9 && s.minutes_per_day_7 < (55.5 / 7) + 1e-9);
    assert_int_equal(s.pain_pairs, 2);
    assert_true(s.pain_change == -1.0);
    /* the next day, before practising: the streak still holds; the day after, it is gone */
    journal_summarize(&r, "2026-12-03", &s);
    assert_int_equal(s.streak, 2);
    assert_int_equal(s.days_7, 3);
    journal_summarize(&r, "2026-12-04", &s);
    assert_int_equal(s.streak, 0);
    /* across a month's end and a year's */
    journal_row y[] = {row("2025-12-31T08:00:00", 30, -1, -1), row("2026-01-01T08:00:00", 30, -1, -1)};
    journal_rows ry = {.items = y, .count = 2, .cap = 2};
    journal_summarize(&ry, "2026-01-01", &s);
    assert_int_equal(s.streak, 2);
    assert_int_equal(s.days_7, 2);
    assert_true(s.minutes_per_day_7 > 60.0 / 7 - 1e-9 && s.minutes_per_day_7 < 60.0 / 7 + 1e-9);
    journal_summarize(&ry, "2026-01-30", &s); /* 12-31 is 30 days back, 01-01 29 */
    assert_int_equal(s.days_30, 1);
    assert_int_equal(s.days_7, 0);
}

static void test_outcome_names(void **state)
{
    (void)state;
    assert_int_equal(journal_outcome_parse("finished"), JOURNAL_FINISHED);
    assert_int_equal(journal_outcome_parse("stopped"), JOURNAL_STOPPED);
    assert_int_equal(journal_outcome_parse("unfinished"), JOURNAL_UNFINISHED);
    assert_int_equal(journal_outcome_parse("playing"), -1);
    assert_int_equal(journal_outcome_parse("started"), -1);
    assert_string_equal(journal_outcome_name(JOURNAL_UNFINISHED), "unfinished");
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(g_dir))
        return -1;
    snprintf(g_db, sizeof g_db, "%s/j.sqlite3", g_dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char p[sizeof g_db + 8];
    unlink(g_db);
    snprintf(p, sizeof p, "%s-wal", g_db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", g_db);
    unlink(p);
    rmdir(g_dir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records_events),
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_outcome_names),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
