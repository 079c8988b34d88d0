/* test_journal.c - the journal module on its own: what the listener records from run
 * events, the summary's days, streak, minutes and pain change on known rows, and the CSV
 * copies of sessions, check-ins and answers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <math.h>
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

static journal_checkin ck(const char *date, int pain, double sleep, const char *helped, const char *worse)
{
    journal_checkin k = {.pain = pain, .sleep_hours = sleep, .helped = (char *)helped, .worse = (char *)worse,
                         .note = ""};
    snprintf(k.date, sizeof k.date, "%s", date);
    return k;
}

/* Known days: walking on 5 days with pain 2 (mean 2), sitting on 6 days with pain 7, heat on
 * 4 days only (too few to judge), stress on 5 days with the same pain as without. */
static void test_tag_effects(void **state)
{
    (void)state;
    journal_checkin items[40];
    int n = 0;
    char d[11];
    for (int i = 0; i < 5; i++) { /* walking: 2, 2, 2, 2, 2 */
        snprintf(d, sizeof d, "2026-10-%02d", 1 + i);
        items[n++] = ck(d, 2, 7, "walking", i < 4 ? "" : "stress");
    }
    for (int i = 0; i < 6; i++) { /* sitting long: 7 */
        snprintf(d, sizeof d, "2026-10-%02d", 10 + i);
        items[n++] = ck(d, 7, 6, i < 4 ? "heat" : "", i < 4 ? "sitting,stress" : "sitting");
    }
    for (int i = 0; i < 6; i++) { /* neither: 4 */
        snprintf(d, sizeof d, "2026-10-%02d", 20 + i);
        items[n++] = ck(d, 4, 8, "", "");
    }
    items[n++] = ck("2026-10-30", JOURNAL_NO_PAIN, 5, "walking", "sitting"); /* no pain: not counted */
    journal_checkins c = {.items = items, .count = n, .cap = n};
    journal_tag_effect e[8];
    int k = journal_tag_effects(&c, e);
    /* walking, stress (5 days), sitting; heat has 4 days */
    assert_int_equal(k, 3);
    assert_string_equal(journal_tags[e[0].tag], "walking");
    assert_int_equal(e[0].days_with, 5);
    assert_int_equal(e[0].days_without, 12);
    assert_true(e[0].pain_with == 2.0);
    assert_true(fabs(e[0].pain_without - (6 * 7 + 6 * 4) / 12.0) < 1e-9);
    assert_int_equal(journal_tag_verdict(&e[0]), -1);
    /* stress: days 5 (pain 2) and 10..13 (pain 7): mean 6; without: 2*4 + 7*2 + 4*6 = 46 over 12 */
    assert_string_equal(journal_tags[e[1].tag], "stress");
    assert_true(fabs(e[1].pain_with - 6.0) < 1e-9);
    assert_true(fabs(e[1].pain_without - 46.0 / 12) < 1e-9);
    assert_int_equal(journal_tag_verdict(&e[1]), 1);
    assert_string_equal(journal_tags[e[2].tag], "sitting");
    assert_int_equal(e[2].days_with, 6);
    assert_true(e[2].pain_with == 7.0);
    assert_int_equal(journal_tag_verdict(&e[2]), 1);
    /* one day fewer with walking: below the minimum, not judged */
    c.items = items + 1;
    c.count = n - 1;
    k = journal_tag_effects(&c, e);
    for (int i = 0; i < k; i++)
        assert_string_not_equal(journal_tags[e[i].tag], "walking");
    /* a difference under JOURNAL_TAG_CLEAR is no clear difference */
    journal_tag_effect small = {.pain_with = 4.0, .pain_without = 4.4};
    assert_int_equal(journal_tag_verdict(&small), 0);
    /* the daily pain and sleep of the last days, today last */
    float pain[3], sleep[3];
    journal_daily_checkins(&c, "2026-10-31", pain, sleep, 3);
    assert_true(pain[0] < 0 && sleep[0] < 0); /* 10-29: no check-in */
    assert_true(pain[1] < 0 && sleep[1] == 5.0f); /* 10-30: sleep only */
    assert_true(pain[2] < 0 && sleep[2] < 0);
    journal_daily_checkins(&c, "2026-10-25", pain, sleep, 3);
    assert_true(pain[2] == 4.0f && sleep[2] == 8.0f);
}

/* Cells a spreadsheet would run as formulas are written with an apostrophe before them, and
 * import takes exactly that away: the same rows come back. */
static void test_csv_neutralised(void **state)
{
    (void)state;
    char why[512], path[sizeof g_dir + 32], ckpath[sizeof g_dir + 32];
    unlink(g_db);
    journal *j = journal_open(g_db, 0, why, sizeof why);
    assert_non_null(j);
    static const char *const notes[] = {"-3 after the walk", "=SUM(A1:A2)", "+1", "@here", "\tcell", "'quoted",
                                        "''=two", "'plain", "plain - no sign"};
    const int nn = (int)(sizeof notes / sizeof notes[0]);
    journal_checkin in[9];
    for (int i = 0; i < nn; i++) {
        char d[11];
        snprintf(d, sizeof d, "2026-11-%02d", 1 + i);
        in[i] = ck(d, i, 7, "", "");
        in[i].note = (char *)notes[i];
        assert_int_equal(journal_add_checkin(j, &in[i], why, sizeof why), 0);
    }
    journal_checkins out;
    assert_int_equal(journal_read_checkins(j, &out, why, sizeof why), 0);
    snprintf(ckpath, sizeof ckpath, "%s/ck.csv", g_dir);
    FILE *f = fopen(ckpath, "w");
    assert_non_null(f);
    journal_write_checkins_csv(&out, f);
    fclose(f);
    journal_checkins_free(&out);
    /* the file: every dangerous cell starts with an apostrophe, and no cell with = + - @ */
    f = fopen(ckpath, "r");
    char line[256];
    int checked = 0;
    while (fgets(line, sizeof line, f)) {
        const char *note = strrchr(line, ',') + 1;
        if (note[0] == '"')
            note++;
        assert_true(strchr("=+-@\t", note[0]) == NULL || note[0] == 0);
        checked += note[0] == '\'';
    }
    fclose(f);
    assert_int_equal(checked, 8); /* all but the last note */
    /* a session whose title starts with "=" and file with "-" */
    run_event e = {.kind = RUN_EV_STARTED, .path = "-odd.lua", .title = "=HYPERLINK(\"x\")", .step = -1, .nsteps = 1};
    journal_on_event(j, &e);
    e.kind = RUN_EV_FINISHED;
    journal_on_event(j, &e);
    journal_rows r;
    assert_int_equal(journal_read(j, &r, why, sizeof why), 0);
    snprintf(path, sizeof path, "%s/s.csv", g_dir);
    f = fopen(path, "w");
    journal_write_csv(&r, f);
    fclose(f);
    journal_rows_free(&r);
    assert_int_equal(journal_forget(j, why, sizeof why), 0);
    int added, skipped;
    assert_int_equal(journal_import_csv(j, ckpath, &added, &skipped, why, sizeof why), 1);
    assert_int_equal(added, nn);
    assert_int_equal(journal_import_csv(j, path, &added, &skipped, why, sizeof why), 0);
    assert_int_equal(added, 1);
    assert_int_equal(journal_read_checkins(j, &out, why, sizeof why), 0);
    assert_int_equal(out.count, nn);
    for (int i = 0; i < nn; i++)
        assert_string_equal(out.items[i].note, notes[i]);
    journal_checkins_free(&out);
    assert_int_equal(journal_read(j, &r, why, sizeof why), 0);
    assert_int_equal(r.count, 1);
    assert_string_equal(r.items[0].file, "-odd.lua");
    assert_string_equal(r.items[0].title, "=HYPERLINK(\"x\")");
    journal_rows_free(&r);
    journal_close(j);
    unlink(path);
    unlink(ckpath);
}

/* The answers to ask steps go out beside the sessions and come back to the same sessions;
 * without their session they are refused, and a bad row adds nothing. */
static void test_answers_csv(void **state)
{
    (void)state;
    char why[512], spath[sizeof g_dir + 32], apath[sizeof g_dir + 32], bad[sizeof g_dir + 32];
    unlink(g_db);
    journal *j = journal_open(g_db, 0, why, sizeof why);
    assert_non_null(j);
    /* two plays of one session: answered yes to a question with a comma and a formula's
     * sign; then nobody answered the second question, its default taken */
    static const char *const questions[] = {"=Better, or the same?", "Did the left side feel tight?"};
    for (int play = 0; play < 2; play++) {
        run_event e = ev(RUN_EV_STARTED, -1, 0);
        journal_on_event(j, &e);
        for (int k = 0; k <= play; k++) {
            run_event c = {.kind = RUN_EV_CHOICE, .label = questions[k], .value = !k, .by_default = k, .ask = k};
            journal_on_event(j, &c);
        }
        e = ev(RUN_EV_FINISHED, 3, 60);
        journal_on_event(j, &e);
        /* a new second: rows are told apart by their start */
        sleep(1);
    }
    journal_rows r;
    journal_answers a;
    assert_int_equal(journal_read(j, &r, why, sizeof why), 0);
    assert_int_equal(journal_read_answers(j, &a, why, sizeof why), 0);
    assert_int_equal(r.count, 2);
    assert_int_equal(a.count, 3);
    assert_string_equal(a.items[0].started, r.items[0].started);
    assert_string_equal(a.items[2].started, r.items[1].started);
    assert_string_equal(a.items[2].question, questions[1]);
    assert_int_equal(a.items[2].yes, 0);
    assert_int_equal(a.items[2].by_default, 1);
    assert_int_equal(a.items[1].yes, 1);
    snprintf(spath, sizeof spath, "%s/s.csv", g_dir);
    snprintf(apath, sizeof apath, "%s/a.csv", g_dir);
    FILE *f = fopen(spath, "w");
    journal_write_csv(&r, f);
    fclose(f);
    f = fopen(apath, "w");
    journal_write_answers_csv(&a, f);
    fclose(f);
    journal_answers_free(&a);
    assert_int_equal(journal_forget(j, why, sizeof why), 0);
    int added, skipped;
    /* the answers before their sessions: refused, naming the first line */
    assert_int_equal(journal_import_csv(j, apath, &added, &skipped, why, sizeof why), -1);
    assert_non_null(strstr(why, "a.csv:2: no session started"));
    assert_int_equal(journal_import_csv(j, spath, &added, &skipped, why, sizeof why), JOURNAL_CSV_SESSIONS);
    assert_int_equal(journal_import_csv(j, apath, &added, &skipped, why, sizeof why), JOURNAL_CSV_ANSWERS);
    assert_int_equal(added, 3);
    assert_int_equal(journal_import_csv(j, apath, &added, &skipped, why, sizeof why), JOURNAL_CSV_ANSWERS);
    assert_int_equal(added, 0);
    assert_int_equal(skipped, 3);
    assert_int_equal(journal_read_answers(j, &a, why, sizeof why), 0);
    assert_int_equal(a.count, 3);
    assert_string_equal(a.items[0].question, questions[0]);
    assert_string_equal(a.items[1].started, r.items[1].started);
    assert_int_equal(a.items[2].by_default, 1);
    journal_answers_free(&a);
    /* a bad answer on line 3: nothing of the file is added */
    assert_int_equal(journal_forget(j, why, sizeof why), 0);
    assert_int_equal(journal_import_csv(j, spath, &added, &skipped, why, sizeof why), JOURNAL_CSV_SESSIONS);
    snprintf(bad, sizeof bad, "%s/bad.csv", g_dir);
    f = fopen(bad, "w");
    fprintf(f, "started,file,ask,question,answer\n%s,%s,0,Q,yes\n%s,%s,1,Q,maybe\n", r.items[0].started,
            r.items[0].file, r.items[0].started, r.items[0].file);
    fclose(f);
    assert_int_equal(journal_import_csv(j, bad, &added, &skipped, why, sizeof why), -1);
    assert_non_null(strstr(why, "bad.csv:3: answer 'maybe' is not yes or no"));
    assert_int_equal(journal_read_answers(j, &a, why, sizeof why), 0);
    assert_int_equal(a.count, 0);
    journal_answers_free(&a);
    /* a header without the question */
    f = fopen(bad, "w");
    fputs("started,file,ask,answer\n", f);
    fclose(f);
    assert_int_equal(journal_import_csv(j, bad, &added, &skipped, why, sizeof why), -1);
    assert_non_null(strstr(why, "bad.csv:1: the header has no 'question' column"));
    journal_rows_free(&r);
    journal_close(j);
    unlink(spath);
    unlink(apath);
    unlink(bad);
}

/* journal_summary_read (only the rows it needs) gives what journal_summarize gives over every
 * row, on a journal with gaps, a day under a minute, a long streak and rows after "today". */
static void test_summary_read(void **state)
{
    (void)state;
    char why[512], path[sizeof g_dir + 32];
    unlink(g_db);
    journal *j = journal_open(g_db, 0, why, sizeof why);
    assert_non_null(j);
    snprintf(path, sizeof path, "%s/s.csv", g_dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("started,file,title,seconds,outcome,pain_before,pain_after\n", f);
    /* 2026-09-01 .. 2026-12-10: most days, some days twice, every 9th day missed, every 13th
     * day only 30 seconds */
    for (int k = 0; k < 101; k++) {
        char day[11];
        journal_day_before("2026-12-10", k, day);
        if (k % 9 == 4)
            continue;
        fprintf(f, "%sT08:00:00,a.lua,A,%d,finished,%d,%s\n", day, k % 13 == 6 ? 30 : 600 + k, k % 10,
                k % 3 ? "2" : "");
        if (k % 4 == 0)
            fprintf(f, "%sT19:00:00,b.lua,B,45,stopped,,\n", day);
    }
    fclose(f);
    int added, skipped;
    assert_int_equal(journal_import_csv(j, path, &added, &skipped, why, sizeof why), 0);
    journal_rows all;
    assert_int_equal(journal_read(j, &all, why, sizeof why), 0);
    assert_int_equal(journal_count(j), all.count);
    static const char *const days[] = {"2026-12-10", "2026-12-11", "2026-12-12", "2026-12-05", "2026-11-20",
                                       "2026-11-18", "2026-10-01", "2026-08-01", "2027-01-01"};
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        journal_summary a, b;
        journal_summarize(&all, days[i], &a);
        assert_int_equal(journal_summary_read(j, days[i], &b, why, sizeof why), 0);
        assert_int_equal(a.days_7, b.days_7);
        assert_int_equal(a.days_30, b.days_30);
        assert_int_equal(a.streak, b.streak);
        assert_int_equal(a.pain_pairs, b.pain_pairs);
        assert_true(fabs(a.minutes_per_day_7 - b.minutes_per_day_7) < 1e-9);
        assert_true(fabs(a.pain_change - b.pain_change) < 1e-9);
    }
    /* the last rated sessions, oldest first */
    journal_rows last;
    assert_int_equal(journal_read_last(j, 3, 1, &last, why, sizeof why), 0);
    assert_int_equal(last.count, 3);
    assert_string_equal(last.items[2].started, "2026-12-10T08:00:00");
    assert_true(strcmp(last.items[0].started, last.items[1].started) < 0);
    journal_rows_free(&last);
    journal_rows_free(&all);
    char d[11];
    journal_day_before("2026-03-01", 1, d);
    assert_string_equal(d, "2026-02-28");
    journal_day_before("2024-03-01", 1, d);
    assert_string_equal(d, "2024-02-29");
    journal_day_before("2027-01-05", 55, d);
    assert_string_equal(d, "2026-11-11");
    journal_close(j);
    unlink(path);
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
        cmocka_unit_test(test_tag_effects),
        cmocka_unit_test(test_csv_neutralised),
        cmocka_unit_test(test_answers_csv),
        cmocka_unit_test(test_summary_read),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
