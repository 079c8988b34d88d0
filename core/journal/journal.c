/* journal.c - opening the journal (created 0600, WAL, migrated forward, a damaged file set
 * aside) and recording the runner's events into it. */
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "i18n.h"
#include "journal_db.h"

/* Each migration takes the schema from version i to i + 1, in one transaction. */
static const char *const k_migrations[JOURNAL_VERSION] = {
    "CREATE TABLE sessions ("
    " id INTEGER PRIMARY KEY,"
    " started TEXT NOT NULL,"          /* local ISO 8601 date and time */
    " file TEXT NOT NULL,"
    " title TEXT NOT NULL DEFAULT '',"
    " hash TEXT NOT NULL DEFAULT '',"  /* BLAKE2b-256 of the session file, hex */
    " seconds REAL NOT NULL DEFAULT 0,"
    " outcome TEXT NOT NULL DEFAULT 'started',"
    " owner TEXT NOT NULL DEFAULT '',"  /* the process writing it: pid:start time */
    " steps_reached INTEGER NOT NULL DEFAULT 0,"
    " steps_total INTEGER NOT NULL DEFAULT 0,"
    " pauses INTEGER NOT NULL DEFAULT 0,"
    " pain_before INTEGER,"
    " pain_after INTEGER,"
    " UNIQUE (started, file));"
    "CREATE INDEX sessions_started ON sessions (started);",
    /* 2: the daily check-in, one a day */
    "CREATE TABLE checkins ("
    " date TEXT PRIMARY KEY,"           /* the local day, YYYY-MM-DD */
    " pain INTEGER,"
    " sleep_hours REAL,"
    " helped TEXT NOT NULL DEFAULT '',"  /* tags, comma-separated */
    " worse TEXT NOT NULL DEFAULT '',"
    " note TEXT NOT NULL DEFAULT '');",
    /* 3: the answers to a session's yes/no questions (ask steps), one per question and play */
    "CREATE TABLE answers ("
    " session INTEGER NOT NULL,"        /* sessions.id */
    " ask INTEGER NOT NULL,"            /* which question of the session, from 0 */
    " question TEXT NOT NULL,"
    " answer TEXT NOT NULL CHECK (answer IN ('yes', 'no')),"
    " by_default INTEGER NOT NULL DEFAULT 0," /* 1: nobody answered; the default was taken */
    " PRIMARY KEY (session, ask));",
};

int journal_default_path(char *buf, size_t n)
{
    return xdg_path("XDG_DATA_HOME", ".local/share", "pacer/journal.sqlite3", buf, n);
}

/* mkdir -p of the folder that holds path, private to the user. */
static void make_parent(const char *path)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return;
    *slash = 0;
    for (char *p = dir + 1; *p; p++) {
        if (*p == '/') {
            *p = 0;
            mkdir(dir, 0700);
            *p = '/';
        }
    }
    mkdir(dir, 0700);
}

/* The patient's data: the file is created by us with mode 0600 before SQLite opens it
 * (SQLite would create it 0644; its -wal and -shm files copy the main file's mode). */
static int create_private(const char *path, char *why, size_t n)
{
    make_parent(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        close(fd);
        return 0;
    }
    if (errno == EEXIST)
        return 0;
    snprintf(why, n, _("cannot create %s: %s"), path, strerror(errno));
    return -1;
}

/* Moves from to base.damaged-num without ever replacing a file there: link() fails when
 * the name is taken. Returns 0, 1 when the name is taken, -1 on failure. */
static int move_aside(const char *from, const char *base, int num, char *moved, size_t n)
{
    char to[PATH_MAX + 32];
    snprintf(to, sizeof to, "%s.damaged-%d", base, num);
    if (link(from, to) != 0) {
        if (errno == EEXIST)
            return 1;
        /* a file system without hard links: rename, after checking the name is free */
        if (access(to, F_OK) == 0)
            return 1;
        if (rename(from, to) != 0)
            return -1;
    } else if (unlink(from) != 0) {
        return -1;
    }
    if (moved)
        snprintf(moved, n, "%s", to);
    return 0;
}

/* Keeps a damaged journal (and its write-ahead log) under a new name. */
static int set_aside(const char *path, char *moved, size_t n)
{
    for (int num = 1; num < 1000; num++) {
        int rc = move_aside(path, path, num, moved, n);
        if (rc == 1)
            continue;
        if (rc < 0)
            return -1;
        char wal[PATH_MAX + 8], wal_to[PATH_MAX + 48];
        snprintf(wal, sizeof wal, "%s-wal", path);
        snprintf(wal_to, sizeof wal_to, "%s.damaged-%d-wal", path, num);
        if (access(wal, F_OK) == 0 && link(wal, wal_to) == 0)
            unlink(wal);
        snprintf(wal, sizeof wal, "%s-shm", path); /* an index SQLite rebuilds */
        unlink(wal);
        return 0;
    }
    return -1;
}

const char *journal_db_reason(int code)
{
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return _("the database is locked by another program");
    case SQLITE_READONLY: return _("the database is read-only");
    case SQLITE_FULL: return _("the disk is full");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return _("the database is damaged");
    case SQLITE_CANTOPEN: return _("the database cannot be opened");
    case SQLITE_PERM:
    case SQLITE_AUTH: return _("the database may not be written");
    default: return sqlite3_errstr(code);
    }
}

/* 1 when the file is not a usable database at all (it is then set aside). */
static int is_damage(int code) { return (code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB; }

/* Reads the schema version and (check_pages) checks the pages; returns an SQLite code. */
static int probe(sqlite3 *db, int check_pages, int *version)
{
    int rc = journal_db_int(db, "PRAGMA user_version", version);
    if (rc != SQLITE_OK || !check_pages)
        return rc;
    sqlite3_stmt *st;
    rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *r = sqlite3_column_text(st, 0);
        rc = r && strcmp((const char *)r, "ok") == 0 ? SQLITE_OK : SQLITE_CORRUPT;
    }
    sqlite3_finalize(st);
    return rc;
}

static int migrate(sqlite3 *db, int from)
{
    for (int v = from; v < JOURNAL_VERSION; v++) {
        int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            return rc;
        char set[48];
        snprintf(set, sizeof set, "PRAGMA user_version = %d", v + 1);
        rc = sqlite3_exec(db, k_migrations[v], NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, set, NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return rc;
        }
    }
    return SQLITE_OK;
}

/* This process, told apart from a later one that gets the same pid: pid and start time. */
static void owner_of(pid_t pid, char *out, size_t n)
{
    unsigned long long start = 0;
    char p[64], buf[1024];
    snprintf(p, sizeof p, "/proc/%ld/stat", (long)pid);
    FILE *f = fopen(p, "r");
    if (f) {
        size_t got = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[got] = 0;
        /* the name in parentheses may hold spaces: count fields after the last ')' */
        char *s = strrchr(buf, ')');
        for (int field = 2; s && field < 22; field++)
            s = strchr(s + 1, ' ');
        if (s)
            start = strtoull(s + 1, NULL, 10);
    }
    snprintf(out, n, "%ld:%llu", (long)pid, start);
}

int journal_owner_alive(const char *owner)
{
    char *end;
    long pid = strtol(owner, &end, 10);
    if (pid <= 0 || *end != ':')
        return 0;
    if (kill((pid_t)pid, 0) != 0 && errno != EPERM)
        return 0;
    char now[64];
    owner_of((pid_t)pid, now, sizeof now);
    return strcmp(now, owner) == 0;
}

/* Opens path as a database; *code gets the SQLite code of what failed. */
static sqlite3 *open_db(const char *path, int flags, int *version, int *code)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(db, JOURNAL_BUSY_MS);
        rc = probe(db, flags & JOURNAL_CHECK_PAGES, version);
    }
    if (rc != SQLITE_OK) {
        sqlite3_close(db);
        *code = rc;
        return NULL;
    }
    *code = SQLITE_OK;
    return db;
}

journal *journal_open(const char *path, int flags, char *why, size_t n)
{
    why[0] = 0;
    char def[PATH_MAX];
    if (!path) {
        if (journal_default_path(def, sizeof def) < 0) {
            snprintf(why, n, _("there is no home folder to keep it in"));
            return NULL;
        }
        path = def;
    }
    if (create_private(path, why, n) < 0)
        return NULL;
    int version = 0, code;
    sqlite3 *db = open_db(path, flags, &version, &code);
    if (!db && is_damage(code)) {
        char moved[PATH_MAX + 32];
        if (set_aside(path, moved, sizeof moved) < 0) {
            snprintf(why, n, _("the database is damaged and cannot be set aside (%s)"), path);
            return NULL;
        }
        if (create_private(path, why, n) < 0)
            return NULL;
        db = open_db(path, flags, &version, &code);
        if (db)
            snprintf(why, n, _("the journal was damaged; it is kept as %s and a new one is started"), moved);
    }
    if (!db) {
        snprintf(why, n, "%s (%s)", journal_db_reason(code), path);
        return NULL;
    }
    if (sqlite3_db_readonly(db, "main") == 1)
        code = SQLITE_READONLY;
    else if (version > JOURNAL_VERSION) {
        snprintf(why, n, _("the database is from a newer version of Pacer (schema %d; this one knows %d) (%s)"), version,
                 JOURNAL_VERSION, path);
        sqlite3_close(db);
        return NULL;
    } else if ((code = journal_db_exec(db, "PRAGMA journal_mode = WAL")) == SQLITE_OK &&
               (code = journal_db_exec(db, "PRAGMA synchronous = FULL")) == SQLITE_OK) {
        code = migrate(db, version);
    }
    if (code != SQLITE_OK) {
        snprintf(why, n, "%s (%s)", journal_db_reason(code), path);
        sqlite3_close(db);
        return NULL;
    }
    journal *j = calloc(1, sizeof *j);
    if (!j) {
        snprintf(why, n, _("out of memory"));
        sqlite3_close(db);
        return NULL;
    }
    j->db = db;
    snprintf(j->path, sizeof j->path, "%s", path);
    owner_of(getpid(), j->owner, sizeof j->owner);
    return j;
}

void journal_close(journal *j)
{
    if (!j)
        return;
    sqlite3_close(j->db);
    free(j);
}

/* ---- recording ---- */

static void hash_file(const char *path, char hex[65])
{
    hex[0] = 0;
    FILE *f = fopen(path, "rb");
    if (!f || sodium_init() < 0) {
        if (f)
            fclose(f);
        return;
    }
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 32);
    unsigned char buf[8192], out[32];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        crypto_generichash_update(&st, buf, got);
    int bad = ferror(f);
    fclose(f);
    crypto_generichash_final(&st, out, sizeof out);
    if (!bad)
        sodium_bin2hex(hex, 65, out, sizeof out);
}

void journal_local_now(char out[20])
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(out, 20, "%Y-%m-%dT%H:%M:%S", &tm);
}

/* A write failed: say so once, then record nothing more. */
static void give_up(journal *j, int code)
{
    j->broken = 1;
    fprintf(stderr, _("pacer: warning: the journal is not being kept: %s (%s)\n"), journal_db_reason(code), j->path);
}

static void begin_row(journal *j, const run_event *e)
{
    char started[20], hash[65], full[PATH_MAX];
    journal_local_now(started);
    const char *file = e->path && realpath(e->path, full) ? full : (e->path ? e->path : "");
    hash_file(file, hash);
    j->steps_reached = 0;
    j->pauses = 0;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(j->db,
                                "INSERT OR REPLACE INTO sessions (started, file, title, hash, seconds, owner, "
                                "steps_total) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, started, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, file, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, e->title ? e->title : "", -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, hash, -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(st, 5, (double)e->practised / PACER_RATE);
        sqlite3_bind_text(st, 6, j->owner, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 7, e->nsteps);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_DONE) {
        give_up(j, rc);
        return;
    }
    j->row = sqlite3_last_insert_rowid(j->db);
}

/* The row as it stands now; outcome NULL leaves it as it is. */
static void update_row(journal *j, const run_event *e, const char *outcome)
{
    if (e->step + 1 > j->steps_reached)
        j->steps_reached = e->step + 1;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(j->db,
                                "UPDATE sessions SET seconds = ?, steps_reached = ?, pauses = ?, "
                                "outcome = coalesce(?, outcome) WHERE id = ?",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_double(st, 1, (double)e->practised / PACER_RATE);
        sqlite3_bind_int(st, 2, j->steps_reached);
        sqlite3_bind_int(st, 3, j->pauses);
        if (outcome)
            sqlite3_bind_text(st, 4, outcome, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 4);
        sqlite3_bind_int64(st, 5, j->row);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_DONE)
        give_up(j, rc);
}

/* A pain rating: the answer to rate_pain, whose label is its moment. */
static void record_pain(journal *j, const run_event *e)
{
    const char *sql = strcmp(e->label, "before") == 0  ? "UPDATE sessions SET pain_before = ? WHERE id = ?"
                      : strcmp(e->label, "after") == 0 ? "UPDATE sessions SET pain_after = ? WHERE id = ?"
                                                       : NULL;
    if (!sql || e->value < 0 || e->value > 10)
        return;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(j->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int(st, 1, e->value);
        sqlite3_bind_int64(st, 2, j->row);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_DONE)
        give_up(j, rc);
}

/* The answer to an ask step's question (or its default); answered again (the patient went
 * back to it), the newer answer counts. */
static void record_choice(journal *j, const run_event *e)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(j->db,
                                "INSERT OR REPLACE INTO answers (session, ask, question, answer, by_default) "
                                "VALUES (?, ?, ?, ?, ?)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, j->row);
        sqlite3_bind_int(st, 2, e->ask);
        sqlite3_bind_text(st, 3, e->label, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, e->value ? "yes" : "no", -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 5, e->by_default != 0);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_DONE)
        give_up(j, rc);
}

void journal_on_event(void *ud, const run_event *e)
{
    journal *j = ud;
    if (!j || j->broken)
        return;
    if (e->kind == RUN_EV_STARTED) {
        begin_row(j, e);
        return;
    }
    if (!j->row)
        return;
    switch (e->kind) {
    case RUN_EV_STEP: update_row(j, e, NULL); break;
    case RUN_EV_ANSWER: record_pain(j, e); break;
    case RUN_EV_CHOICE: record_choice(j, e); break;
    case RUN_EV_PAUSED:
        j->pauses++;
        update_row(j, e, NULL);
        break;
    case RUN_EV_STOPPED:
    case RUN_EV_FINISHED:
        update_row(j, e, e->kind == RUN_EV_FINISHED ? "finished" : "stopped");
        j->row = 0;
        break;
    default: break;
    }
}

int journal_db_exec(sqlite3 *db, const char *sql) { return sqlite3_exec(db, sql, NULL, NULL, NULL); }

void journal_db_copy(sqlite3_stmt *st, int col, char *buf, size_t size)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    snprintf(buf, size, "%s", t ? (const char *)t : "");
}

char *journal_db_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return strdup(t ? (const char *)t : "");
}

int journal_db_collect(sqlite3_stmt *st, int rc, void **items, int *count, int *cap, size_t size,
                       int (*fill)(sqlite3_stmt *st, void *item))
{
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (grow_array(items, cap, *count, size) < 0 || fill(st, (char *)*items + (size_t)*count * size) < 0) {
            rc = SQLITE_NOMEM;
            break;
        }
        ++*count;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

int journal_db_int(sqlite3 *db, const char *sql, int *out)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        *out = 0;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}
