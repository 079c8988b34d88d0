/* journal_db.h - what the journal's files share (internal to core/journal). */
#ifndef PACER_JOURNAL_DB_H
#define PACER_JOURNAL_DB_H

#include <limits.h>
#include <sqlite3.h>

#include "journal.h"

/* How long a write waits for another process's short transaction before the journal
 * gives up (a hang guard, not a pace: a session never waits on the journal longer). */
#define JOURNAL_BUSY_MS 250

struct journal {
    sqlite3 *db;
    char path[PATH_MAX];
    char owner[64];    /* this process: pid:start time */
    int broken;        /* a write failed and was reported: record nothing more */
    /* the session under way */
    sqlite3_int64 row; /* 0: none */
    int steps_reached, pauses;
};

/* One sentence for an SQLite result code. */
const char *journal_db_reason(int code);
/* Runs sql (no result rows wanted); returns the SQLite code. */
int journal_db_exec(sqlite3 *db, const char *sql);
/* Runs sql and reads the first column of its first row as an int. */
int journal_db_int(sqlite3 *db, const char *sql, int *out);
/* Column col's text ("" for NULL) into buf of size bytes, cut to fit. */
void journal_db_copy(sqlite3_stmt *st, int col, char *buf, size_t size);
/* A copy of column col's text ("" for NULL); NULL when out of memory. */
char *journal_db_text(sqlite3_stmt *st, int col);
/* Steps st (prepared with result rc) to its end, each row filled by fill into a new item of
 * size bytes at the end of *items (fill returns -1 when out of memory, having freed what it
 * took), then finalizes st. Returns SQLITE_DONE when every row was read, else the error. */
int journal_db_collect(sqlite3_stmt *st, int rc, void **items, int *count, int *cap, size_t size,
                       int (*fill)(sqlite3_stmt *st, void *item));
/* 1 when the process named by owner (pid:start time) still runs. */
int journal_owner_alive(const char *owner);
/* Adds a check-in (replace: a check-in of the same day is replaced; else it is kept and
 * this one skipped). Returns an SQLite code. */
int journal_put_checkin(journal *j, const journal_checkin *c, int replace);
/* The local date and time now, ISO 8601 (2026-12-02T08:30:00). */
void journal_local_now(char out[20]);

#endif
