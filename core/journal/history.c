/* history.c - reading the journal back: the rows, the summary, forgetting. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "journal_db.h"
#include "util.h"

/* names in the JSON and CSV; the table translates them where it prints them */
static const char *const k_outcomes[] = {N_("playing"), N_("finished"), N_("stopped"), N_("unfinished")};

const char *journal_outcome_name(journal_outcome o)
{
    return (unsigned)o < sizeof k_outcomes / sizeof k_outcomes[0] ? k_outcomes[o] : "unfinished";
}

int journal_outcome_parse(const char *s)
{
    for (int i = JOURNAL_FINISHED; i <= JOURNAL_UNFINISHED; i++)
        if (strcmp(s, k_outcomes[i]) == 0)
            return i;
    return -1;
}

static int pain_col(sqlite3_stmt *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL ? JOURNAL_NO_PAIN : sqlite3_column_int(st, col);
}

/* A row still marked "started" belongs to a session under way, or to a process that died
 * in the middle of one (it reads as unfinished). */
static journal_outcome outcome_of(const char *stored, const char *owner)
{
    int o = journal_outcome_parse(stored);
    if (o >= 0)
        return (journal_outcome)o;
    return journal_owner_alive(owner) ? JOURNAL_PLAYING : JOURNAL_UNFINISHED;
}

static int fill_row(sqlite3_stmt *st, void *item)
{
    journal_row *r = item;
    memset(r, 0, sizeof *r);
    journal_db_copy(st, 0, r->started, sizeof r->started);
    r->file = journal_db_text(st, 1);
    r->title = journal_db_text(st, 2);
    journal_db_copy(st, 3, r->hash, sizeof r->hash);
    r->seconds = sqlite3_column_double(st, 4);
    const unsigned char *oc = sqlite3_column_text(st, 5), *ow = sqlite3_column_text(st, 6);
    r->outcome = outcome_of(oc ? (const char *)oc : "", ow ? (const char *)ow : "");
    r->steps_reached = sqlite3_column_int(st, 7);
    r->steps_total = sqlite3_column_int(st, 8);
    r->pauses = sqlite3_column_int(st, 9);
    r->pain_before = pain_col(st, 10);
    r->pain_after = pain_col(st, 11);
    if (r->file && r->title)
        return 0;
    free(r->file);
    free(r->title);
    return -1;
}

#define ROW_COLUMNS                                                                                       \
    "SELECT started, file, title, hash, seconds, outcome, owner, steps_reached, steps_total, pauses, pain_before, " \
    "pain_after FROM sessions "

/* The rows sql selects (ROW_COLUMNS ...), with text (may be NULL) bound to its first parameter
 * and count (>= 0) to its second. newest_first: the query gives the newest first; the rows
 * are turned oldest first. */
static int read_rows(journal *j, const char *sql, const char *text, int count, int newest_first, journal_rows *out,
                     char *why, size_t n)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(j->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK && text)
        sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK && count >= 0)
        sqlite3_bind_int(st, 2, count);
    rc = journal_db_collect(st, rc, (void **)&out->items, &out->count, &out->cap, sizeof *out->items, fill_row);
    if (rc != SQLITE_DONE) {
        snprintf(why, n, "%s (%s)", journal_db_reason(rc), j->path);
        journal_rows_free(out);
        return -1;
    }
    for (int a = 0, b = out->count - 1; newest_first && a < b; a++, b--) {
        journal_row t = out->items[a];
        out->items[a] = out->items[b];
        out->items[b] = t;
    }
    return 0;
}

int journal_read(journal *j, journal_rows *out, char *why, size_t n)
{
    return read_rows(j, ROW_COLUMNS "ORDER BY started, id", NULL, -1, 0, out, why, n);
}

int journal_read_since(journal *j, const char *since, journal_rows *out, char *why, size_t n)
{
    return read_rows(j, ROW_COLUMNS "WHERE started >= ?1 ORDER BY started, id", since, -1, 0, out, why, n);
}

int journal_read_last(journal *j, int count, int rated, journal_rows *out, char *why, size_t n)
{
    return read_rows(j,
                     rated ? ROW_COLUMNS "WHERE (pain_before IS NOT NULL OR pain_after IS NOT NULL) AND ?1 IS NULL "
                                         "ORDER BY started DESC, id DESC LIMIT ?2"
                           : ROW_COLUMNS "WHERE ?1 IS NULL ORDER BY started DESC, id DESC LIMIT ?2",
                     NULL, count, 1, out, why, n);
}

int journal_count(journal *j)
{
    int count = 0;
    return journal_db_int(j->db, "SELECT count(*) FROM sessions", &count) == SQLITE_OK ? count : -1;
}

void journal_rows_free(journal_rows *r)
{
    for (int i = 0; i < r->count; i++) {
        free(r->items[i].file);
        free(r->items[i].title);
    }
    free(r->items);
    memset(r, 0, sizeof *r);
}

/* ---- the summary ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date (no time zone involved). */
static long day_number(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The value of n digits at s, or -1 (read by hand: this runs for every row). */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* The day of "YYYY-MM-DD..." or -1. */
static long day_of(const char *s)
{
    if (strlen(s) < 10 || s[4] != '-' || s[7] != '-')
        return -1;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    return day_number(y, m, d);
}

int journal_daily_minutes(const journal_rows *r, const char *today, float *minutes, int ndays)
{
    long t = day_of(today);
    for (int i = 0; i < ndays; i++)
        minutes[i] = 0;
    for (int i = 0; i < r->count; i++) {
        long back = t - day_of(r->items[i].started);
        if (back >= 0 && back < ndays)
            minutes[ndays - 1 - back] += (float)(r->items[i].seconds / 60.0);
    }
    /* 1970-01-01 was a Thursday */
    return t < 0 ? -1 : (int)((t % 7 + 7 + 3) % 7);
}

void journal_daily_checkins(const journal_checkins *c, const char *today, float *pain, float *sleep, int ndays)
{
    long t = day_of(today);
    for (int i = 0; i < ndays; i++)
        pain[i] = JOURNAL_NO_PAIN, sleep[i] = (float)JOURNAL_NO_SLEEP;
    /* the check-ins are in order of their day: only the last ndays are looked at */
    for (int i = c->count - 1; i >= 0; i--) {
        long d = day_of(c->items[i].date);
        if (d < 0 || d > t)
            continue;
        if (t - d >= ndays)
            break;
        long back = t - d;
        pain[ndays - 1 - back] = (float)c->items[i].pain;
        sleep[ndays - 1 - back] = (float)c->items[i].sleep_hours;
    }
}

void journal_today(char out[11])
{
    char now[20];
    journal_local_now(now);
    memcpy(out, now, 10);
    out[10] = 0;
}

/* A day counts as practised from one minute on (a session opened and left at once is not
 * practice). */
#define PRACTISED_DAY_SECONDS 60.0

void journal_summarize(const journal_rows *r, const char *today, journal_summary *s)
{
    memset(s, 0, sizeof *s);
    long t = day_of(today);
    double pain_sum = 0, week_seconds = 0;
    /* the rows are in order of their start: one pass totals each day */
    long streak_end = -1, day = -1, last_counted = -2;
    double day_seconds = 0;
    int streak = 0;
    for (int i = 0; i <= r->count; i++) {
        long d = i < r->count ? day_of(r->items[i].started) : -2;
        if (d != day) {
            if (day >= 0 && day <= t && day_seconds >= PRACTISED_DAY_SECONDS) {
                s->days_7 += t - day < 7;
                s->days_30 += t - day < 30;
                streak = day == last_counted + 1 ? streak + 1 : 1;
                last_counted = day;
                streak_end = day;
            }
            day = d;
            day_seconds = 0;
        }
        if (i == r->count)
            break;
        const journal_row *row = &r->items[i];
        day_seconds += row->seconds;
        if (d >= 0 && d <= t && t - d < 7)
            week_seconds += row->seconds;
        if (row->pain_before != JOURNAL_NO_PAIN && row->pain_after != JOURNAL_NO_PAIN) {
            pain_sum += row->pain_after - row->pain_before;
            s->pain_pairs++;
        }
    }
    /* a streak still holds today when it reached yesterday */
    s->streak = streak_end >= 0 && t - streak_end <= 1 ? streak : 0;
    s->minutes_per_day_7 = week_seconds / 60.0 / 7.0;
    s->pain_change = s->pain_pairs ? pain_sum / s->pain_pairs : 0.0;
}

/* The days practised in a row up to today (or yesterday), as journal_summarize counts them,
 * read newest first from the index of starts and stopped at the first day missed: the work
 * is as long as the streak, not the journal. */
static int read_streak(journal *j, long t, int *streak)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(j->db, "SELECT started, seconds FROM sessions ORDER BY started DESC", -1, &st, NULL);
    long day = -1, prev = -1; /* the day being totalled; the streak's earliest day */
    double seconds = 0;
    *streak = 0;
    while (rc == SQLITE_OK) {
        int step = sqlite3_step(st);
        long d = -2;
        if (step == SQLITE_ROW) {
            const unsigned char *started = sqlite3_column_text(st, 0);
            d = started ? day_of((const char *)started) : -1;
            if (d < 0 || d > t)
                continue; /* unreadable, or after today: no part of a streak */
        } else if (step != SQLITE_DONE) {
            rc = step;
            break;
        }
        if (d != day) {
            if (day >= 0 && seconds >= PRACTISED_DAY_SECONDS) {
                if (*streak == 0 ? t - day <= 1 : day == prev - 1)
                    (*streak)++, prev = day;
                else
                    break;
            }
            /* the run goes on only through the day before its earliest (before any: yesterday) */
            if (step != SQLITE_ROW || d < (*streak ? prev - 1 : t - 1))
                break;
            day = d, seconds = 0;
        }
        seconds += sqlite3_column_double(st, 1);
    }
    sqlite3_finalize(st);
    return rc;
}

/* The date days before day number z, as YYYY-MM-DD (the inverse of day_number). */
static void date_of(long z, char out[11])
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
    char buf[80];
    snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
    memcpy(out, buf, 10);
    out[10] = 0;
}

void journal_day_before(const char *today, int days, char out[11])
{
    long t = day_of(today);
    if (t < 0)
        snprintf(out, 11, "0000-00-00");
    else
        date_of(t - days, out);
}

int journal_summary_read(journal *j, const char *today, journal_summary *s, char *why, size_t n)
{
    /* the last 30 days give the days practised and the minutes; the streak and the pain are read
     * on their own */
    char since[11];
    journal_day_before(today, 29, since);
    memset(s, 0, sizeof *s);
    journal_rows r;
    if (journal_read_since(j, since, &r, why, n) < 0)
        return -1;
    journal_summarize(&r, today, s);
    journal_rows_free(&r);
    int rc = read_streak(j, day_of(today), &s->streak);
    sqlite3_stmt *st = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(j->db,
                                "SELECT count(*), total(pain_after - pain_before) FROM sessions "
                                "WHERE pain_before IS NOT NULL AND pain_after IS NOT NULL",
                                -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        s->pain_pairs = sqlite3_column_int(st, 0);
        s->pain_change = s->pain_pairs ? sqlite3_column_double(st, 1) / s->pain_pairs : 0.0;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) {
        snprintf(why, n, "%s (%s)", journal_db_reason(rc), j->path);
        return -1;
    }
    return 0;
}

static int fill_answer(sqlite3_stmt *st, void *item)
{
    journal_answer *a = item;
    memset(a, 0, sizeof *a);
    const unsigned char *answer = sqlite3_column_text(st, 4);
    journal_db_copy(st, 0, a->started, sizeof a->started);
    a->file = journal_db_text(st, 1);
    a->ask = sqlite3_column_int(st, 2);
    a->question = journal_db_text(st, 3);
    a->yes = answer && strcmp((const char *)answer, "yes") == 0;
    a->by_default = sqlite3_column_int(st, 5) != 0;
    if (a->file && a->question)
        return 0;
    free(a->file);
    free(a->question);
    return -1;
}

int journal_read_answers(journal *j, journal_answers *out, char *why, size_t n)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(j->db,
                                "SELECT s.started, s.file, a.ask, a.question, a.answer, a.by_default "
                                "FROM answers a JOIN sessions s ON s.id = a.session ORDER BY s.started, s.id, a.ask",
                                -1, &st, NULL);
    rc = journal_db_collect(st, rc, (void **)&out->items, &out->count, &out->cap, sizeof *out->items, fill_answer);
    if (rc != SQLITE_DONE) {
        snprintf(why, n, "%s (%s)", journal_db_reason(rc), j->path);
        journal_answers_free(out);
        return -1;
    }
    return 0;
}

void journal_answers_free(journal_answers *a)
{
    for (int i = 0; i < a->count; i++) {
        free(a->items[i].file);
        free(a->items[i].question);
    }
    free(a->items);
    memset(a, 0, sizeof *a);
}

int journal_forget(journal *j, char *why, size_t n)
{
    /* the patient asked for it gone: overwrite the deleted pages, empty the log */
    int rc = journal_db_exec(j->db, "PRAGMA secure_delete = ON");
    if (rc == SQLITE_OK)
        rc = journal_db_exec(j->db, "DELETE FROM answers; DELETE FROM sessions; DELETE FROM checkins");
    if (rc == SQLITE_OK)
        rc = journal_db_exec(j->db, "PRAGMA wal_checkpoint(TRUNCATE)");
    if (rc != SQLITE_OK) {
        snprintf(why, n, "%s (%s)", journal_db_reason(rc), j->path);
        return -1;
    }
    return 0;
}
