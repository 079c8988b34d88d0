/* csv.c - the journal as CSV (RFC 4180): export for a backup or a spreadsheet, import of
 * any CSV with the needed columns (in any order), all or nothing, naming a bad line. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "journal_db.h"
#include "i18n.h"
#include "util.h"

/* A spreadsheet takes a cell that starts with one of these as a formula (OWASP's list); such
 * a cell is written with an apostrophe before it, which shows it as text. A cell that starts
 * with an apostrophe gets one more, so that reading it back takes exactly one away. */
static int needs_apostrophe(const char *s) { return *s && strchr("=+-@\t\r'", *s); }

/* The field as written, from a cell read from the file (in place: the apostrophe export put
 * before it taken away). */
static const char *unneutralise(const char *s) { return s[0] == '\'' && needs_apostrophe(s + 1) ? s + 1 : s; }

static void put_field(FILE *out, const char *s)
{
    const char *mark = needs_apostrophe(s) ? "'" : "";
    if (!strpbrk(s, ",\"\r\n")) {
        fprintf(out, "%s%s", mark, s);
        return;
    }
    fprintf(out, "\"%s", mark);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void put_pain(FILE *out, int p)
{
    if (p != JOURNAL_NO_PAIN)
        fprintf(out, "%d", p);
}

void journal_write_csv(const journal_rows *r, FILE *out)
{
    fputs("started,file,title,seconds,outcome,steps_reached,steps_total,pauses,pain_before,pain_after,hash\r\n", out);
    for (int i = 0; i < r->count; i++) {
        const journal_row *w = &r->items[i];
        /* a session under way is not finished yet: in a copy it is unfinished */
        journal_outcome o = w->outcome == JOURNAL_PLAYING ? JOURNAL_UNFINISHED : w->outcome;
        fprintf(out, "%s,", w->started);
        put_field(out, w->file);
        fputc(',', out);
        put_field(out, w->title);
        fprintf(out, ",%.3f,%s,%d,%d,%d,", w->seconds, journal_outcome_name(o), w->steps_reached, w->steps_total,
                w->pauses);
        put_pain(out, w->pain_before);
        fputc(',', out);
        put_pain(out, w->pain_after);
        fprintf(out, ",%s\r\n", w->hash);
    }
}

/* ---- reading ---- */

enum { COL_STARTED, COL_FILE, COL_TITLE, COL_SECONDS, COL_OUTCOME, COL_PAIN_BEFORE, COL_PAIN_AFTER,
       COL_STEPS_REACHED, COL_STEPS_TOTAL, COL_PAUSES, COL_HASH, NCOLS };
static const char *const k_cols[NCOLS] = {"started", "file", "title", "seconds", "outcome", "pain_before",
                                          "pain_after", "steps_reached", "steps_total", "pauses", "hash"};
#define NREQUIRED 7 /* the columns before COL_STEPS_REACHED */
#define MAX_FIELDS 64
#define MAX_CSV_BYTES (256L << 20)

typedef struct csv {
    char *text;
    size_t pos, len;
    int line;            /* the line the reader is on */
    char *field[MAX_FIELDS];
    int nfields;
} csv;

/* Reads one record in place (fields unquoted, NUL-terminated). Returns 1, 0 at the end, or
 * -1 for a quote never closed or too many fields. */
static int csv_record(csv *c)
{
    if (c->pos >= c->len)
        return 0;
    c->nfields = 0;
    char *w = c->text + c->pos;
    for (;;) {
        if (c->nfields == MAX_FIELDS)
            return -1;
        char *start = w;
        c->field[c->nfields++] = start;
        if (c->pos < c->len && c->text[c->pos] == '"') {
            c->pos++;
            for (;;) {
                if (c->pos >= c->len)
                    return -1;
                char ch = c->text[c->pos++];
                if (ch == '"') {
                    if (c->pos < c->len && c->text[c->pos] == '"')
                        c->pos++;
                    else
                        break;
                }
                if (ch == '\n')
                    c->line++;
                *w++ = ch;
            }
        }
        while (c->pos < c->len && c->text[c->pos] != ',' && c->text[c->pos] != '\n')
            *w++ = c->text[c->pos++];
        char end = c->pos < c->len ? c->text[c->pos] : '\n';
        c->pos++;
        if (w > start && w[-1] == '\r' && end == '\n')
            w--;
        *w++ = 0;
        if (end == '\n') {
            c->line++;
            return 1;
        }
    }
}

static int load_file(const char *path, csv *c, char *why, size_t n)
{
    memset(c, 0, sizeof *c);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, n, "%s: %s", path, strerror(errno));
        return -1;
    }
    strbuf b;
    sb_init(&b);
    char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0 && b.len <= (size_t)MAX_CSV_BYTES)
        sb_add(&b, buf, got);
    int bad = ferror(f);
    fclose(f);
    if (bad || b.failed || b.len > (size_t)MAX_CSV_BYTES) {
        snprintf(why, n, "%s: %s", path, bad ? _("cannot be read") : _("too large for a journal"));
        sb_free(&b);
        return -1;
    }
    sb_add(&b, "", 1); /* room for the last field's terminator */
    if (b.failed) {
        snprintf(why, n, _("out of memory"));
        sb_free(&b);
        return -1;
    }
    c->text = b.data;
    c->len = b.len - 1;
    c->line = 1;
    /* a spreadsheet's byte-order mark */
    if (c->len >= 3 && memcmp(c->text, "\xEF\xBB\xBF", 3) == 0)
        c->pos = 3;
    return c->text ? 0 : -1;
}

/* Where each of ncols named columns is in the header just read (-1: absent). */
static void find_columns(const csv *c, const char *const *names, int ncols, int *at)
{
    for (int k = 0; k < ncols; k++)
        at[k] = -1;
    for (int i = 0; i < c->nfields; i++)
        for (int k = 0; k < ncols; k++)
            if (strcasecmp(c->field[i], names[k]) == 0 && at[k] < 0)
                at[k] = i;
}

/* Where each known column of the sessions is in the header just read. */
static int read_header(csv *c, int at[NCOLS], const char *path, char *why, size_t n)
{
    find_columns(c, k_cols, NCOLS, at);
    for (int k = 0; k < NREQUIRED; k++)
        if (at[k] < 0) {
            snprintf(why, n, _("%s:1: the header has no '%s' column (needed: started, file, title, seconds, outcome, "
                     "pain_before, pain_after)"), path, k_cols[k]);
            return -1;
        }
    return 0;
}

/* "2026-12-02T08:30:00", also with a space for the T or without the seconds (as a
 * spreadsheet may write it back), into the journal's form. */
static int parse_started(const char *s, char out[20])
{
    int y, mo, d, h, mi, sec = 0, used = 0;
    char sep;
    if (sscanf(s, "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &used) != 6)
        return -1;
    if (s[used] == ':') {
        int more = 0;
        if (sscanf(s + used, ":%2d%n", &sec, &more) != 1)
            return -1;
        used += more;
    }
    if (s[used] || (sep != 'T' && sep != ' ') || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
        sec > 59 || y < 1900 || y > 9999 || h < 0 || mi < 0 || sec < 0)
        return -1;
    char full[64];
    snprintf(full, sizeof full, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, sec);
    memcpy(out, full, 20);
    return 0;
}

static int csv_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

/* 1 when the journal has a session of this start and file; 0 when not, or when it cannot be
 * read (*rc then holds SQLite's error). */
static int session_known(journal *j, const char *started, const char *file, int *rc)
{
    sqlite3_stmt *st;
    int known = 0;
    *rc = sqlite3_prepare_v2(j->db, "SELECT 1 FROM sessions WHERE started = ? AND file = ?", -1, &st, NULL);
    if (*rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, started, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, file, -1, SQLITE_TRANSIENT);
        *rc = sqlite3_step(st);
        known = *rc == SQLITE_ROW;
        if (*rc == SQLITE_ROW)
            *rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return known;
}

typedef struct import_row {
    char started[20];
    const char *file, *title, *hash;
    double seconds;
    const char *outcome;
    int pain[2], steps_reached, steps_total, pauses;
} import_row;

static const char *field_at(const csv *c, int col) { return col >= 0 ? c->field[col] : ""; }
/* A text cell (a title, a note): as it was before export neutralised it. */
static const char *text_at(const csv *c, int col) { return unneutralise(field_at(c, col)); }

static int row_is_utf8(const csv *c)
{
    for (int i = 0; i < c->nfields; i++)
        if (utf8_invalid_at(c->field[i], strlen(c->field[i])))
            return 0;
    return 1;
}

/* The start in column col into out; -1 with what is wrong in msg. */
static int started_at(const csv *c, int col, char out[20], char *msg, size_t n)
{
    if (parse_started(field_at(c, col), out) == 0)
        return 0;
    snprintf(msg, n, _("started '%.40s' is not a local date and time like 2026-12-02T08:30:00"), field_at(c, col));
    return -1;
}

/* Checks one record; returns NULL or what is wrong with it. */
static const char *check_row(const csv *c, const int at[NCOLS], import_row *r, char *msg, size_t n)
{
    if (started_at(c, at[COL_STARTED], r->started, msg, n) < 0)
        return msg;
    r->file = text_at(c, at[COL_FILE]);
    r->title = text_at(c, at[COL_TITLE]);
    r->hash = field_at(c, at[COL_HASH]);
    if (!r->file[0])
        return _("the file is empty");
    const char *sec = field_at(c, at[COL_SECONDS]);
    char *end;
    r->seconds = strtod(sec, &end);
    if (!*sec || *end || !isfinite(r->seconds) || r->seconds < 0 || r->seconds > 86400.0) {
        snprintf(msg, n, _("seconds '%.40s' is not a number of seconds from 0 to 86400"), sec);
        return msg;
    }
    r->outcome = field_at(c, at[COL_OUTCOME]);
    if (journal_outcome_parse(r->outcome) < 0) {
        snprintf(msg, n, _("outcome '%.40s' is not finished, stopped or unfinished"), r->outcome);
        return msg;
    }
    for (int k = 0; k < 2; k++) {
        const char *p = field_at(c, at[k ? COL_PAIN_AFTER : COL_PAIN_BEFORE]);
        r->pain[k] = JOURNAL_NO_PAIN;
        if (p[0] && csv_int(p, 0, 10, &r->pain[k]) < 0) {
            snprintf(msg, n, _("%s '%.40s' is not a rating from 0 to 10 (or empty)"), k ? "pain_after" : "pain_before", p);
            return msg;
        }
    }
    int *counts[] = {&r->steps_reached, &r->steps_total, &r->pauses};
    for (int k = 0; k < 3; k++) {
        const char *p = field_at(c, at[COL_STEPS_REACHED + k]);
        *counts[k] = 0;
        if (p[0] && csv_int(p, 0, 1000000, counts[k]) < 0) {
            snprintf(msg, n, _("%s '%.40s' is not a count"), k_cols[COL_STEPS_REACHED + k], p);
            return msg;
        }
    }
    return NULL;
}

static int insert_row(sqlite3_stmt *st, const import_row *r)
{
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, r->started, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, r->file, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, r->title, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, r->hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(st, 5, r->seconds);
    sqlite3_bind_text(st, 6, r->outcome, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 7, r->steps_reached);
    sqlite3_bind_int(st, 8, r->steps_total);
    sqlite3_bind_int(st, 9, r->pauses);
    for (int k = 0; k < 2; k++) {
        if (r->pain[k] == JOURNAL_NO_PAIN)
            sqlite3_bind_null(st, 10 + k);
        else
            sqlite3_bind_int(st, 10 + k, r->pain[k]);
    }
    return sqlite3_step(st);
}

/* What one kind of record needs to be imported. */
typedef struct importer {
    journal *j;
    sqlite3_stmt *st;
    const int *at;
    /* checks and inserts the record; returns NULL, or what is wrong (in msg); *rc gets
     * SQLite's result of the insert */
    const char *(*row)(struct importer *im, const csv *c, char *msg, size_t n, int *rc);
} importer;

/* Every record after the header, inside the caller's transaction. */
static int import_rows(importer *im, csv *c, const char *path, int *added, int *skipped, char *why, size_t n)
{
    int width = c->nfields;
    for (;;) {
        int line = c->line;
        int got = csv_record(c);
        if (got == 0)
            return 0;
        if (got < 0) {
            snprintf(why, n, _("%s:%d: a quoted field is never closed, or the row has too many fields"), path, line);
            return -1;
        }
        if (c->nfields == 1 && !c->field[0][0])
            continue; /* an empty line */
        char msg[160];
        int rc = SQLITE_DONE;
        const char *wrong = msg;
        if (c->nfields != width)
            snprintf(msg, sizeof msg, _("the row has %d fields; the header has %d"), c->nfields, width);
        else if (!row_is_utf8(c))
            wrong = _("the row is not valid UTF-8 text");
        else
            wrong = im->row(im, c, msg, sizeof msg, &rc);
        if (wrong) {
            snprintf(why, n, "%s:%d: %s", path, line, wrong);
            return -1;
        }
        if (rc != SQLITE_DONE) {
            snprintf(why, n, "%s (%s)", journal_db_reason(rc), im->j->path);
            return -1;
        }
        if (sqlite3_changes(im->j->db) > 0)
            (*added)++;
        else
            (*skipped)++;
    }
}

static const char *session_row(importer *im, const csv *c, char *msg, size_t n, int *rc)
{
    import_row r;
    const char *wrong = check_row(c, im->at, &r, msg, n);
    if (!wrong)
        *rc = insert_row(im->st, &r);
    return wrong;
}

/* ---- check-ins ---- */

enum { CK_DATE, CK_PAIN, CK_SLEEP, CK_HELPED, CK_WORSE, CK_NOTE, NCK };
static const char *const k_ck_cols[NCK] = {"date", "pain", "sleep_hours", "helped", "worse", "note"};

static const char *checkin_row(importer *im, const csv *c, char *msg, size_t n, int *rc)
{
    journal_checkin k = {.pain = JOURNAL_NO_PAIN, .sleep_hours = JOURNAL_NO_SLEEP};
    const char *date = field_at(c, im->at[CK_DATE]);
    char full[20];
    char withtime[32];
    snprintf(withtime, sizeof withtime, "%.10sT00:00:00", date);
    if (strlen(date) != 10 || parse_started(withtime, full) < 0) {
        snprintf(msg, n, _("date '%.40s' is not a day like 2026-12-02"), date);
        return msg;
    }
    memcpy(k.date, full, 10);
    const char *pain = field_at(c, im->at[CK_PAIN]), *sleep = field_at(c, im->at[CK_SLEEP]);
    if (pain[0] && csv_int(pain, 0, 10, &k.pain) < 0) {
        snprintf(msg, n, _("pain '%.40s' is not a rating from 0 to 10 (or empty)"), pain);
        return msg;
    }
    if (sleep[0]) {
        char *end;
        k.sleep_hours = strtod(sleep, &end);
        if (*end || !isfinite(k.sleep_hours) || k.sleep_hours < 0 || k.sleep_hours > 24) {
            snprintf(msg, n, _("sleep_hours '%.40s' is not a number of hours from 0 to 24 (or empty)"), sleep);
            return msg;
        }
    }
    k.helped = (char *)text_at(c, im->at[CK_HELPED]);
    k.worse = (char *)text_at(c, im->at[CK_WORSE]);
    k.note = (char *)text_at(c, im->at[CK_NOTE]);
    char bad[64];
    const char *tags[] = {k.helped, k.worse};
    for (int i = 0; i < 2; i++)
        if (journal_check_tags(tags[i], bad, sizeof bad)) {
            snprintf(msg, n, _("%s: '%.40s' is not a tag (walking, sitting, lifting, stress, sleep, routine, heat, medicine)"),
                     i ? "worse" : "helped", bad);
            return msg;
        }
    *rc = journal_put_checkin(im->j, &k, 0);
    if (*rc == SQLITE_OK)
        *rc = SQLITE_DONE;
    return NULL;
}

void journal_write_checkins_csv(const journal_checkins *c, FILE *out)
{
    fputs("date,pain,sleep_hours,helped,worse,note\r\n", out);
    for (int i = 0; i < c->count; i++) {
        const journal_checkin *k = &c->items[i];
        fprintf(out, "%s,", k->date);
        put_pain(out, k->pain);
        fputc(',', out);
        if (k->sleep_hours >= 0)
            fprintf(out, "%g", k->sleep_hours);
        fputc(',', out);
        put_field(out, k->helped);
        fputc(',', out);
        put_field(out, k->worse);
        fputc(',', out);
        put_field(out, k->note);
        fputs("\r\n", out);
    }
}

/* ---- the answers to ask steps' questions ---- */

enum { AN_STARTED, AN_FILE, AN_ASK, AN_QUESTION, AN_ANSWER, AN_BY_DEFAULT, NAN_COLS };
static const char *const k_an_cols[NAN_COLS] = {"started", "file", "ask", "question", "answer", "by_default"};

void journal_write_answers_csv(const journal_answers *a, FILE *out)
{
    fputs("started,file,ask,question,answer,by_default\r\n", out);
    for (int i = 0; i < a->count; i++) {
        const journal_answer *w = &a->items[i];
        fprintf(out, "%s,", w->started);
        put_field(out, w->file);
        fprintf(out, ",%d,", w->ask);
        put_field(out, w->question);
        fprintf(out, ",%s,%d\r\n", w->yes ? "yes" : "no", w->by_default);
    }
}

/* An answer goes to the session of the same start and file, which must be in the journal
 * already (its file is imported first); an answer already there is kept. */
static const char *answer_row(importer *im, const csv *c, char *msg, size_t n, int *rc)
{
    char started[20];
    if (started_at(c, im->at[AN_STARTED], started, msg, n) < 0)
        return msg;
    const char *file = text_at(c, im->at[AN_FILE]), *question = text_at(c, im->at[AN_QUESTION]);
    const char *ask = field_at(c, im->at[AN_ASK]), *answer = field_at(c, im->at[AN_ANSWER]);
    const char *by_default = field_at(c, im->at[AN_BY_DEFAULT]);
    int k, dflt = 0;
    if (csv_int(ask, 0, 1000000, &k) < 0) {
        snprintf(msg, n, _("ask '%.40s' is not a question's number (0 for the first)"), ask);
        return msg;
    }
    if (strcmp(answer, "yes") != 0 && strcmp(answer, "no") != 0) {
        snprintf(msg, n, _("answer '%.40s' is not yes or no"), answer);
        return msg;
    }
    if (by_default[0] && csv_int(by_default, 0, 1, &dflt) < 0) {
        snprintf(msg, n, _("by_default '%.40s' is not 0 or 1 (or empty)"), by_default);
        return msg;
    }
    sqlite3_reset(im->st);
    sqlite3_bind_text(im->st, 1, started, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(im->st, 2, file, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(im->st, 3, k);
    sqlite3_bind_text(im->st, 4, question, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(im->st, 5, answer, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(im->st, 6, dflt);
    *rc = sqlite3_step(im->st);
    if (*rc == SQLITE_DONE && sqlite3_changes(im->j->db) == 0 && !session_known(im->j, started, file, rc)) {
        if (*rc != SQLITE_DONE)
            return NULL;
        snprintf(msg, n, _("no session started %s from %.200s is in the journal (import the sessions' file first)"),
                 started, file);
        return msg;
    }
    return NULL;
}

/* Reads the header, then every record: sessions, check-ins when the header has their
 * columns and no "started", or answers when it has "ask" and "answer". */
static int import_records(journal *j, csv *c, const char *path, int *kind, int *added, int *skipped, char *why,
                          size_t n)
{
    if (csv_record(c) != 1) {
        snprintf(why, n, _("%s:1: no header row"), path);
        return -1;
    }
    int ck[NCK], an[NAN_COLS], at[NCOLS];
    find_columns(c, k_ck_cols, NCK, ck);
    find_columns(c, k_an_cols, NAN_COLS, an);
    importer im = {.j = j};
    const char *insert = NULL;
    if (ck[CK_DATE] >= 0 && ck[CK_PAIN] >= 0 && ck[CK_SLEEP] >= 0) {
        *kind = JOURNAL_CSV_CHECKINS;
        im.at = ck, im.row = checkin_row;
    } else if (an[AN_ASK] >= 0 && an[AN_ANSWER] >= 0) {
        for (int k = 0; k < NAN_COLS; k++)
            if (an[k] < 0 && k != AN_BY_DEFAULT) {
                snprintf(why, n, _("%s:1: the header has no '%s' column (needed: started, file, ask, question, answer)"),
                         path, k_an_cols[k]);
                return -1;
            }
        *kind = JOURNAL_CSV_ANSWERS;
        im.at = an, im.row = answer_row;
        /* the session's row by its key; nothing when it is not there (answer_row says so) */
        insert = "INSERT OR IGNORE INTO answers (session, ask, question, answer, by_default) "
                 "SELECT id, ?3, ?4, ?5, ?6 FROM sessions WHERE started = ?1 AND file = ?2";
    } else {
        if (read_header(c, at, path, why, n) < 0)
            return -1;
        *kind = JOURNAL_CSV_SESSIONS;
        im.at = at, im.row = session_row;
        insert = "INSERT OR IGNORE INTO sessions (started, file, title, hash, seconds, outcome, "
                 "steps_reached, steps_total, pauses, pain_before, pain_after) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }
    if (insert) {
        int rc = sqlite3_prepare_v2(j->db, insert, -1, &im.st, NULL);
        if (rc != SQLITE_OK) {
            snprintf(why, n, "%s (%s)", journal_db_reason(rc), j->path);
            return -1;
        }
    }
    int result = import_rows(&im, c, path, added, skipped, why, n);
    sqlite3_finalize(im.st);
    return result;
}

int journal_import_csv(journal *j, const char *csv_path, int *added, int *skipped, char *why, size_t n)
{
    *added = *skipped = 0;
    csv c;
    if (load_file(csv_path, &c, why, n) < 0)
        return -1;
    int rc = journal_db_exec(j->db, "BEGIN IMMEDIATE");
    if (rc != SQLITE_OK) {
        snprintf(why, n, "%s (%s)", journal_db_reason(rc), j->path);
        free(c.text);
        return -1;
    }
    int kind = 0;
    int result = import_records(j, &c, csv_path, &kind, added, skipped, why, n);
    free(c.text);
    if (result == 0 && (rc = journal_db_exec(j->db, "COMMIT")) != SQLITE_OK) {
        snprintf(why, n, "%s (%s)", journal_db_reason(rc), j->path);
        result = -1;
    }
    if (result < 0) {
        journal_db_exec(j->db, "ROLLBACK");
        *added = *skipped = 0;
    }
    return result < 0 ? -1 : kind;
}
