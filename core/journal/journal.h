/* journal.h - the patient's journal: every session played, remembered in one SQLite
 * database ($XDG_DATA_HOME/pacer/journal.sqlite3, mode 0600, WAL).
 *
 * The journal only listens: journal_on_event is a run_listener, given in run_opts by the
 * front-ends that record (the window and the terminal view; never the kiosk). A row is
 * written when a session starts and updated at each step boundary, pause and end, so a
 * process that dies mid-session leaves a row that reads as "unfinished" with the time
 * practised up to its last step.
 *
 * The journal never stops a session: when the database is locked, read-only, damaged or
 * from a newer version, one warning line goes to stderr and the session plays unrecorded.
 * A damaged file is renamed aside (journal.sqlite3.damaged-N), never overwritten.
 *
 * Uses run.h's event type and util only. */
#ifndef PACER_JOURNAL_H
#define PACER_JOURNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "run.h"

/* The schema this code writes (PRAGMA user_version). */
#define JOURNAL_VERSION 3

typedef struct journal journal;

/* The default file: $XDG_DATA_HOME/pacer/journal.sqlite3 (~/.local/share/...). Returns 0,
 * or -1 when there is no home to put it in. */
int journal_default_path(char *buf, size_t n);

/* journal_open's flags. */
enum {
    /* read every page first (PRAGMA quick_check), so a file damaged inside is set aside
     * before a session is recorded into it; a reader goes without (history stays quick, and
     * damage it meets is reported as an error) */
    JOURNAL_CHECK_PAGES = 1,
};

/* Opens (creating, migrating or setting aside a damaged file as needed) the journal at
 * path (NULL: the default). Returns NULL when it cannot be kept, with why in why: one
 * sentence for the warning. A damaged file set aside is not a failure: the new journal is
 * returned and why says where the old one went (why[0] == 0 when there is nothing to say). */
journal *journal_open(const char *path, int flags, char *why, size_t n);
void journal_close(journal *j);

/* The run_listener that records (ud: the journal). When a write fails (the database
 * became locked or read-only), it prints one warning line on stderr and records nothing
 * more. */
void journal_on_event(void *ud, const run_event *e);

/* ---- looking back ---- */

typedef enum journal_outcome {
    JOURNAL_PLAYING = 0,    /* started by a process still running */
    JOURNAL_FINISHED = 1,
    JOURNAL_STOPPED = 2,
    JOURNAL_UNFINISHED = 3, /* started by a process that died */
} journal_outcome;

const char *journal_outcome_name(journal_outcome o);
/* The outcome named by s (finished, stopped or unfinished); -1 when none. */
int journal_outcome_parse(const char *s);

#define JOURNAL_NO_PAIN (-1)

typedef struct journal_row {
    char started[20];  /* local date and time, ISO 8601: 2026-12-02T08:30:00 */
    char *file, *title;
    char hash[65];     /* BLAKE2b-256 of the session file, hex ("" when unknown) */
    double seconds;    /* practised, pauses and skipped parts excluded */
    journal_outcome outcome;
    int steps_reached, steps_total, pauses;
    int pain_before, pain_after; /* 0..10, or JOURNAL_NO_PAIN */
} journal_row;

typedef struct journal_rows {
    journal_row *items; /* oldest first */
    int count, cap;
} journal_rows;

/* Reads every session, oldest first. Returns 0, or -1 with why. */
int journal_read(journal *j, journal_rows *out, char *why, size_t n);
/* Reads the sessions started on the day since (YYYY-MM-DD) or later, oldest first. */
int journal_read_since(journal *j, const char *since, journal_rows *out, char *why, size_t n);
/* Reads the last count sessions (rated: only those with a pain rating), oldest first. */
int journal_read_last(journal *j, int count, int rated, journal_rows *out, char *why, size_t n);
/* How many sessions the journal holds; -1 when it cannot be read. */
int journal_count(journal *j);
void journal_rows_free(journal_rows *r);

typedef struct journal_summary {
    int days_7, days_30;       /* days with practice among the last 7 and 30 (today included) */
    double minutes_per_day_7;  /* minutes practised over the last 7 days, divided by 7 */
    int streak;                /* consecutive days practised up to today (or yesterday) */
    int pain_pairs;            /* sessions with both ratings */
    double pain_change;        /* the mean of after - before over those (0 when none) */
} journal_summary;

#define JOURNAL_GOAL_MIN 20
#define JOURNAL_GOAL_MAX 30

/* The summary of rows as seen on the day today ("YYYY-MM-DD", local). */
void journal_summarize(const journal_rows *r, const char *today, journal_summary *s);
/* The same summary as journal_summarize over every session, read from the database with only
 * what it needs (the last 30 days, the streak's days, one sum for the pain): its time does not
 * grow with years of records. Returns 0, or -1 with why. */
int journal_summary_read(journal *j, const char *today, journal_summary *s, char *why, size_t n);
/* The day days before today, both YYYY-MM-DD. */
void journal_day_before(const char *today, int days, char out[11]);
/* The minutes practised on each of the ndays days up to today (minutes[ndays - 1] is today),
 * and today's day of the week (0 Monday .. 6 Sunday; -1 when today is not a date). */
int journal_daily_minutes(const journal_rows *r, const char *today, float *minutes, int ndays);
/* Today's local date as YYYY-MM-DD. */
void journal_today(char out[11]);

/* ---- export, import, forget ---- */

/* Writes rows as CSV (a header row, then one row per session). */
void journal_write_csv(const journal_rows *r, FILE *out);
/* What a CSV file held: journal_import_csv's result. */
enum { JOURNAL_CSV_SESSIONS, JOURNAL_CSV_CHECKINS, JOURNAL_CSV_ANSWERS };
/* Adds the sessions of a CSV file that has at least the columns started, file, title,
 * seconds, outcome, pain_before and pain_after (any order, others ignored); or, when its
 * header has the check-ins' columns (date, pain, sleep_hours, helped, worse, note), the
 * check-ins (a day already there is skipped); or, when it has the answers' columns
 * (started, file, ask, question, answer, by_default), the answers, each to the session of
 * the same start and file, which must be in the journal (an answer already there is
 * skipped). A row already in the journal (same start and file) is skipped, so importing
 * twice adds nothing. All or nothing: on a bad row nothing is added and why says
 * "FILE:LINE: what is wrong". Returns a JOURNAL_CSV_ kind and the counts, or -1. */
int journal_import_csv(journal *j, const char *csv_path, int *added, int *skipped, char *why, size_t n);
/* The answer to one ask step's question in one play, and the session it belongs to. */
typedef struct journal_answer {
    char started[20]; /* the session's start and file: its key, in the journal and in a copy */
    char *file;
    int ask;          /* which question of the session, from 0 */
    char *question;
    int yes;          /* 1: yes, 0: no */
    int by_default;   /* 1: nobody answered; the default was taken */
} journal_answer;

typedef struct journal_answers {
    journal_answer *items; /* in the sessions' order, then the questions' */
    int count, cap;
} journal_answers;

/* Reads every answer, in the order journal_read gives the sessions. Returns 0, or -1 with why. */
int journal_read_answers(journal *j, journal_answers *out, char *why, size_t n);
void journal_answers_free(journal_answers *a);
/* The answers as CSV: started, file, ask, question, answer, by_default. */
void journal_write_answers_csv(const journal_answers *a, FILE *out);

/* Deletes every session, check-in and answer. Returns 0, or -1 with why. */
int journal_forget(journal *j, char *why, size_t n);

/* ---- the daily check-in ---- */

/* The tags a check-in may carry, as what helped or what made the pain worse. */
extern const char *const journal_tags[];
extern const int journal_ntags;

#define JOURNAL_NO_SLEEP (-1.0)

typedef struct journal_checkin {
    char date[11];      /* the local day, YYYY-MM-DD */
    int pain;           /* 0..10, or JOURNAL_NO_PAIN */
    double sleep_hours; /* 0..24, or JOURNAL_NO_SLEEP */
    char *helped, *worse; /* tags, comma-separated ("" when none) */
    char *note;
} journal_checkin;

typedef struct journal_checkins {
    journal_checkin *items; /* oldest first */
    int count, cap;
} journal_checkins;

/* Checks a comma-separated tag list: NULL when every tag is known, else the first unknown
 * tag (copied into bad). */
const char *journal_check_tags(const char *tags, char *bad, size_t n);
/* Records the day's check-in (a second one the same day replaces the first). Returns 0, or
 * -1 with why. */
int journal_add_checkin(journal *j, const journal_checkin *c, char *why, size_t n);
int journal_read_checkins(journal *j, journal_checkins *out, char *why, size_t n);
void journal_checkins_free(journal_checkins *c);
/* The check-ins as CSV: date, pain, sleep_hours, helped, worse, note. */
void journal_write_checkins_csv(const journal_checkins *c, FILE *out);

/* The window offers the check-in once a day, before the first session: 1 when today (YYYY-MM-DD)
 * has no check-in and it was not offered yet today, else 0. */
int journal_checkin_due(journal *j, const char *today);
/* Remembers that today's check-in was offered (answered or skipped), in a small file beside
 * the journal (checkin-offered). */
void journal_checkin_offered(journal *j, const char *today);

/* The tags as a patient reads them: "sitting long", "poor sleep", "the routine", ... */
extern const char *const journal_tag_labels[];

/* The pain and the hours slept of each of the ndays days up to today from the check-ins
 * (pain[ndays - 1] is today), JOURNAL_NO_PAIN and JOURNAL_NO_SLEEP on days without. */
void journal_daily_checkins(const journal_checkins *c, const char *today, float *pain, float *sleep, int ndays);

/* ---- which tags come with better and worse days ---- */

/* A tag is judged only with at least this many check-ins rating the pain on days with it,
 * and as many without it: fewer days say nothing about it. */
#define JOURNAL_TAG_MIN_DAYS 5
/* The difference in mean pain (on the 0-10 scale) from which days with a tag are called
 * better or worse; a smaller one is no clear difference. */
#define JOURNAL_TAG_CLEAR 0.5

typedef struct journal_tag_effect {
    int tag;                        /* index into journal_tags */
    int days_with, days_without;    /* check-ins with a pain rating */
    double pain_with, pain_without; /* their mean pain */
} journal_tag_effect;

/* The tags noted on enough days (as what helped or what made it worse), each with the mean
 * pain on the days it was noted and on the days it was not, sorted from the best days (the
 * lowest pain_with - pain_without) to the worst. out holds journal_ntags; returns the count. */
int journal_tag_effects(const journal_checkins *c, journal_tag_effect *out);
/* -1: the tag comes with better days, 1: with worse days, 0: no clear difference. */
int journal_tag_verdict(const journal_tag_effect *e);

#endif
