/* checkin.c - the daily check-in: pain today, hours slept, what helped and what made it
 * worse, a note. One a day: a second check-in the same day replaces the first. */
#include <stdlib.h>
#include <string.h>

#include "journal_db.h"
#include "outfile.h"
#include "util.h"
#include "i18n.h"

/* The source material's triggers and helps, one word each: walking, sitting long, lifting,
 * stress, poor sleep, the routine, heat, a medicine. */
const char *const journal_tags[] = {"walking", "sitting", "lifting", "stress", "sleep", "routine", "heat", "medicine"};
const int journal_ntags = (int)(sizeof journal_tags / sizeof journal_tags[0]);
/* In English; shown translated (_()). */
const char *const journal_tag_labels[] = {N_("walking"), N_("sitting long"), N_("lifting"), N_("stress"),
                                          N_("poor sleep"), N_("the routine"), N_("heat"), N_("a medicine")};

/* 1 when the comma-separated list holds the tag. */
static int has_tag(const char *list, const char *tag)
{
    size_t tl = strlen(tag);
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, ",");
        if (len == tl && strncmp(p, tag, len) == 0)
            return 1;
        p += len;
        if (*p == ',')
            p++;
    }
    return 0;
}

int journal_tag_effects(const journal_checkins *c, journal_tag_effect *out)
{
    int n = 0;
    for (int t = 0; t < journal_ntags; t++) {
        journal_tag_effect e = {.tag = t};
        double with = 0, without = 0;
        for (int i = 0; i < c->count; i++) {
            const journal_checkin *k = &c->items[i];
            if (k->pain == JOURNAL_NO_PAIN)
                continue;
            if (has_tag(k->helped, journal_tags[t]) || has_tag(k->worse, journal_tags[t]))
                e.days_with++, with += k->pain;
            else
                e.days_without++, without += k->pain;
        }
        if (e.days_with < JOURNAL_TAG_MIN_DAYS || e.days_without < JOURNAL_TAG_MIN_DAYS)
            continue;
        e.pain_with = with / e.days_with;
        e.pain_without = without / e.days_without;
        /* insertion by difference, best days first (ties keep the tags' order) */
        int at = n;
        while (at > 0 && out[at - 1].pain_with - out[at - 1].pain_without > e.pain_with - e.pain_without) {
            out[at] = out[at - 1];
            at--;
        }
        out[at] = e;
        n++;
    }
    return n;
}

int journal_tag_verdict(const journal_tag_effect *e)
{
    double d = e->pain_with - e->pain_without;
    return d <= -JOURNAL_TAG_CLEAR ? -1 : d >= JOURNAL_TAG_CLEAR ? 1 : 0;
}

const char *journal_check_tags(const char *tags, char *bad, size_t n)
{
    const char *p = tags;
    while (*p) {
        size_t len = strcspn(p, ",");
        int known = 0;
        for (int i = 0; i < journal_ntags; i++)
            known |= strlen(journal_tags[i]) == len && strncmp(p, journal_tags[i], len) == 0;
        if (!known) {
            snprintf(bad, n, "%.*s", (int)len, p);
            return bad;
        }
        p += len;
        if (*p == ',')
            p++;
    }
    return NULL;
}

static int bind_checkin(sqlite3_stmt *st, const journal_checkin *c)
{
    sqlite3_bind_text(st, 1, c->date, -1, SQLITE_TRANSIENT);
    if (c->pain == JOURNAL_NO_PAIN)
        sqlite3_bind_null(st, 2);
    else
        sqlite3_bind_int(st, 2, c->pain);
    if (c->sleep_hours < 0)
        sqlite3_bind_null(st, 3);
    else
        sqlite3_bind_double(st, 3, c->sleep_hours);
    sqlite3_bind_text(st, 4, c->helped ? c->helped : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, c->worse ? c->worse : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, c->note ? c->note : "", -1, SQLITE_TRANSIENT);
    return sqlite3_step(st);
}

int journal_put_checkin(journal *j, const journal_checkin *c, int replace)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(j->db,
                                replace ? "INSERT OR REPLACE INTO checkins VALUES (?, ?, ?, ?, ?, ?)"
                                        : "INSERT OR IGNORE INTO checkins VALUES (?, ?, ?, ?, ?, ?)",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = bind_checkin(st, c);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int journal_add_checkin(journal *j, const journal_checkin *c, char *why, size_t n)
{
    int rc = journal_put_checkin(j, c, 1);
    if (rc != SQLITE_OK) {
        snprintf(why, n, "%s (%s)", journal_db_reason(rc), j->path);
        return -1;
    }
    return 0;
}

static int fill_checkin(sqlite3_stmt *st, void *item)
{
    journal_checkin *c = item;
    memset(c, 0, sizeof *c);
    journal_db_copy(st, 0, c->date, sizeof c->date);
    c->pain = sqlite3_column_type(st, 1) == SQLITE_NULL ? JOURNAL_NO_PAIN : sqlite3_column_int(st, 1);
    c->sleep_hours = sqlite3_column_type(st, 2) == SQLITE_NULL ? JOURNAL_NO_SLEEP : sqlite3_column_double(st, 2);
    c->helped = journal_db_text(st, 3);
    c->worse = journal_db_text(st, 4);
    c->note = journal_db_text(st, 5);
    if (c->helped && c->worse && c->note)
        return 0;
    free(c->helped);
    free(c->worse);
    free(c->note);
    return -1;
}

int journal_read_checkins(journal *j, journal_checkins *out, char *why, size_t n)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(j->db, "SELECT date, pain, sleep_hours, helped, worse, note FROM checkins ORDER BY date",
                                -1, &st, NULL);
    rc = journal_db_collect(st, rc, (void **)&out->items, &out->count, &out->cap, sizeof *out->items, fill_checkin);
    if (rc != SQLITE_DONE) {
        snprintf(why, n, "%s (%s)", journal_db_reason(rc), j->path);
        journal_checkins_free(out);
        return -1;
    }
    return 0;
}

void journal_checkins_free(journal_checkins *c)
{
    for (int i = 0; i < c->count; i++) {
        free(c->items[i].helped);
        free(c->items[i].worse);
        free(c->items[i].note);
    }
    free(c->items);
    memset(c, 0, sizeof *c);
}

/* checkin-offered, in the journal's folder. */
static void offered_path(const journal *j, char *out, size_t n)
{
    const char *slash = strrchr(j->path, '/');
    int dir = slash ? (int)(slash - j->path) : 1;
    snprintf(out, n, "%.*s/checkin-offered", dir, slash ? j->path : ".");
}

int journal_checkin_due(journal *j, const char *today)
{
    sqlite3_stmt *st;
    int have = 1;
    if (sqlite3_prepare_v2(j->db, "SELECT 1 FROM checkins WHERE date = ?", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, today, -1, SQLITE_TRANSIENT);
        have = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
    }
    if (have)
        return 0;
    char path[PATH_MAX + 32], day[16] = "";
    offered_path(j, path, sizeof path);
    FILE *f = file_fopen_regular(path, NULL, NULL);
    if (f) {
        if (!fgets(day, sizeof day, f))
            day[0] = 0;
        fclose(f);
    }
    return strncmp(day, today, 10) != 0;
}

void journal_checkin_offered(journal *j, const char *today)
{
    char path[PATH_MAX + 32], err[OUTFILE_ERR_MAX];
    offered_path(j, path, sizeof path);
    outfile o;
    if (outfile_open(&o, path, 0, err, sizeof err) < 0)
        return; /* then it is offered again: nothing is lost */
    fprintf(o.f, "%.10s\n", today);
    outfile_commit(&o, err, sizeof err);
}
