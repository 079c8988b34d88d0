/* history.c - pacer history: the journal's sessions and summary as a table, JSON or CSV;
 * export, import and forget. Also the journal a play records into. */
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "journal.h"

journal *cli_journal_open(void)
{
    char why[PATH_MAX + 256];
    journal *j = journal_open(NULL, JOURNAL_CHECK_PAGES, why, sizeof why);
    if (!j || why[0]) {
        /* one line; the session plays either way */
        fprintf(stderr, "pacer: warning: %s", j ? "" : "the journal is not being kept: ");
        fput_safe(why, stderr);
        fputc('\n', stderr);
    }
    return j;
}

enum { HISTORY_RECENT = 20 };

static void print_pain(const journal_row *w)
{
    if (w->pain_before == JOURNAL_NO_PAIN && w->pain_after == JOURNAL_NO_PAIN) {
        printf("%-8s", "");
        return;
    }
    char b[4] = "-", a[4] = "-";
    if (w->pain_before != JOURNAL_NO_PAIN)
        snprintf(b, sizeof b, "%d", w->pain_before);
    if (w->pain_after != JOURNAL_NO_PAIN)
        snprintf(a, sizeof a, "%d", w->pain_after);
    char both[16];
    snprintf(both, sizeof both, "%s -> %s", b, a);
    printf("%-8s", both);
}

static void print_summary(const journal_summary *s)
{
    double m = s->minutes_per_day_7;
    const char *verdict = m < JOURNAL_GOAL_MIN ? "below" : m > JOURNAL_GOAL_MAX ? "above" : "within";
    printf("Last 7 days:  %d of 7 days practised, %.1f minutes a day (%s the goal of %d-%d)\n", s->days_7, m, verdict,
           JOURNAL_GOAL_MIN, JOURNAL_GOAL_MAX);
    printf("Last 30 days: %d of 30 days practised\n", s->days_30);
    printf("Streak:       %d day%s\n", s->streak, s->streak == 1 ? "" : "s");
    if (s->pain_pairs)
        printf("Pain:         %+.1f on average across a session (%d session%s rated before and after)\n",
               s->pain_change, s->pain_pairs, s->pain_pairs == 1 ? "" : "s");
    else
        printf("Pain:         no session rated before and after yet\n");
}

/* Which tags come with better and worse days (the check-ins' pain on days with a tag
 * against days without it). */
static void print_tags(const journal_tag_effect *e, int n)
{
    if (n == 0) {
        printf("Tags:         not enough check-ins yet (a tag is compared from %d days with it and %d without)\n",
               JOURNAL_TAG_MIN_DAYS, JOURNAL_TAG_MIN_DAYS);
        return;
    }
    printf("Tags:         the pain on days with a tag against days without it\n");
    for (int i = 0; i < n; i++) {
        int v = journal_tag_verdict(&e[i]);
        printf("  %-14s %4.1f against %4.1f  (%d days with, %d without)  %s\n", journal_tag_labels[e[i].tag],
               e[i].pain_with, e[i].pain_without, e[i].days_with, e[i].days_without,
               v < 0 ? "better days" : v > 0 ? "worse days" : "no clear difference");
    }
}

/* The rows (the recent ones, or all), and how many earlier ones were not read. */
static void print_table(const journal_rows *r, const journal_summary *s, int earlier)
{
    if (r->count == 0) {
        printf("No sessions in the journal yet.\n");
        return;
    }
    printf("%-16s  %7s  %-10s  %-8s  %s\n", "Date", "Minutes", "Ended", "Pain", "Session");
    for (int i = 0; i < r->count; i++) {
        const journal_row *w = &r->items[i];
        printf("%.10s %.5s  %7.1f  %-10s  ", w->started, w->started + 11, w->seconds / 60.0,
               journal_outcome_name(w->outcome));
        print_pain(w);
        fputs("  ", stdout);
        fput_safe(w->title[0] ? w->title : w->file, stdout);
        fputc('\n', stdout);
    }
    if (earlier > 0)
        printf("(%d earlier sessions: pacer history --all)\n", earlier);
    putchar('\n');
    print_summary(s);
}

static void json_pain(strbuf *b, const char *key, int p)
{
    if (p == JOURNAL_NO_PAIN)
        sb_printf(b, ",\"%s\":null", key);
    else
        sb_printf(b, ",\"%s\":%d", key, p);
}

static void print_json(const journal_rows *r, const journal_summary *s, const journal_tag_effect *e, int ne)
{
    strbuf b;
    sb_init(&b);
    sb_puts(&b, "{\"sessions\":[");
    for (int i = 0; i < r->count; i++) {
        const journal_row *w = &r->items[i];
        sb_printf(&b, "%s\n{\"started\":\"%s\",\"file\":", i ? "," : "", w->started);
        sb_add_json(&b, w->file);
        sb_puts(&b, ",\"title\":");
        sb_add_json(&b, w->title);
        sb_printf(&b, ",\"seconds\":%.3f,\"outcome\":\"%s\",\"steps_reached\":%d,\"steps_total\":%d,\"pauses\":%d",
                  w->seconds, journal_outcome_name(w->outcome), w->steps_reached, w->steps_total, w->pauses);
        json_pain(&b, "pain_before", w->pain_before);
        json_pain(&b, "pain_after", w->pain_after);
        sb_printf(&b, ",\"hash\":\"%s\"}", w->hash);
    }
    sb_printf(&b,
              "],\n\"summary\":{\"days_7\":%d,\"days_30\":%d,\"minutes_per_day_7\":%.1f,\"goal_minutes\":[%d,%d],"
              "\"streak\":%d,\"pain_pairs\":%d,\"pain_change\":",
              s->days_7, s->days_30, s->minutes_per_day_7, JOURNAL_GOAL_MIN, JOURNAL_GOAL_MAX, s->streak,
              s->pain_pairs);
    if (s->pain_pairs)
        sb_printf(&b, "%.2f", s->pain_change);
    else
        sb_puts(&b, "null");
    sb_printf(&b, ",\"tag_min_days\":%d,\"tags\":[", JOURNAL_TAG_MIN_DAYS);
    for (int i = 0; i < ne; i++) {
        int v = journal_tag_verdict(&e[i]);
        sb_printf(&b, "%s{\"tag\":\"%s\",\"days_with\":%d,\"days_without\":%d,\"pain_with\":%.2f,"
                  "\"pain_without\":%.2f,\"days\":\"%s\"}",
                  i ? "," : "", journal_tags[e[i].tag], e[i].days_with, e[i].days_without, e[i].pain_with,
                  e[i].pain_without, v < 0 ? "better" : v > 0 ? "worse" : "no clear difference");
    }
    sb_puts(&b, "]}}\n");
    fwrite(b.data, 1, b.len, stdout);
    sb_free(&b);
}

/* Written whole to a private temporary file, then renamed: never a half-written copy. */
static int export_file(const char *path, void (*write)(const void *rows, FILE *f), const void *rows)
{
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        fprintf(stderr, "pacer history: cannot write ");
        fput_safe(path, stderr);
        fputc('\n', stderr);
        return EXIT_IO;
    }
    write(rows, f);
    int bad = fflush(f) != 0 || fsync(fd) != 0 || ferror(f);
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        unlink(tmp);
        fprintf(stderr, "pacer history: cannot write ");
        fput_safe(path, stderr);
        fputc('\n', stderr);
        return EXIT_IO;
    }
    return 0;
}

static void write_sessions(const void *rows, FILE *f) { journal_write_csv(rows, f); }
static void write_checkins(const void *rows, FILE *f) { journal_write_checkins_csv(rows, f); }

/* The sessions to path, the check-ins beside it: backup.csv and backup-checkins.csv. */
static int export_csv(journal *j, const journal_rows *r, const char *path)
{
    char why[PATH_MAX + 256], beside[PATH_MAX];
    size_t len = strlen(path);
    int has_ext = len > 4 && strcmp(path + len - 4, ".csv") == 0;
    snprintf(beside, sizeof beside, "%.*s-checkins.csv", (int)(has_ext ? len - 4 : len), path);
    journal_checkins ck;
    if (journal_read_checkins(j, &ck, why, sizeof why) < 0) {
        fputs("pacer history: ", stderr);
        fput_safe(why, stderr);
        fputc('\n', stderr);
        return EXIT_IO;
    }
    int rc = export_file(path, write_sessions, r);
    if (rc == 0)
        rc = export_file(beside, write_checkins, &ck);
    if (rc == 0) {
        printf("Exported %d session%s to ", r->count, r->count == 1 ? "" : "s");
        fput_safe(path, stdout);
        printf(" and %d check-in%s to ", ck.count, ck.count == 1 ? "" : "s");
        fput_safe(beside, stdout);
        putchar('\n');
    }
    journal_checkins_free(&ck);
    return rc;
}

static int import_csv(journal *j, const char *path)
{
    char why[PATH_MAX + 256];
    int added, skipped;
    int kind = journal_import_csv(j, path, &added, &skipped, why, sizeof why);
    if (kind < 0) {
        fputs("pacer history: ", stderr);
        fput_safe(why, stderr);
        fputs("; nothing was imported\n", stderr);
        return EXIT_SESSION_ERROR;
    }
    printf("Imported %d %s%s (%d already in the journal)\n", added, kind ? "check-in" : "session", added == 1 ? "" : "s",
           skipped);
    return 0;
}

static int forget(journal *j, int count, int yes)
{
    if (!yes) {
        printf("This deletes all %d session%s from your journal. Type yes to go on: ", count, count == 1 ? "" : "s");
        fflush(stdout);
        char line[32] = "";
        if (fgets(line, sizeof line, stdin))
            line[strcspn(line, "\r\n")] = 0;
        if (strcmp(line, "yes") != 0) {
            printf("\nNothing was deleted.\n");
            return EXIT_SESSION_ERROR;
        }
    }
    char why[PATH_MAX + 256];
    if (journal_forget(j, why, sizeof why) < 0) {
        fputs("pacer history: ", stderr);
        fput_safe(why, stderr);
        fputc('\n', stderr);
        return EXIT_IO;
    }
    printf("The journal is empty.\n");
    return 0;
}

int cmd_history(const cli_ctx *c, int argc, char **argv)
{
    (void)c;
    enum { OPT_EXPORT = 2000, OPT_IMPORT, OPT_FORGET, OPT_CSV };
    static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
                                         {"csv", no_argument, NULL, OPT_CSV},
                                         {"all", no_argument, NULL, 'a'},
                                         {"export", required_argument, NULL, OPT_EXPORT},
                                         {"import", required_argument, NULL, OPT_IMPORT},
                                         {"forget", no_argument, NULL, OPT_FORGET},
                                         {"yes", no_argument, NULL, 'y'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    int json = 0, csv = 0, all = 0, do_forget = 0, yes = 0, o;
    const char *export_to = NULL, *import_from = NULL;
    optind = 1;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (o) {
        case 'j': json = 1; break;
        case OPT_CSV: csv = 1; break;
        case 'a': all = 1; break;
        case OPT_EXPORT: export_to = optarg; break;
        case OPT_IMPORT: import_from = optarg; break;
        case OPT_FORGET: do_forget = 1; break;
        case 'y': yes = 1; break;
        case 'h': cli_usage(stdout); return 0;
        default: return EXIT_USAGE;
        }
    }
    if (optind < argc || json + csv + !!export_to + !!import_from + do_forget > 1) {
        fprintf(stderr, "pacer history: use one of --json, --csv, --export FILE, --import FILE, --forget\n");
        return EXIT_USAGE;
    }
    char why[PATH_MAX + 256];
    journal *j = journal_open(NULL, 0, why, sizeof why);
    if (!j) {
        fputs("pacer history: the journal cannot be read: ", stderr);
        fput_safe(why, stderr);
        fputc('\n', stderr);
        return EXIT_IO;
    }
    if (why[0]) {
        fputs("pacer: warning: ", stderr);
        fput_safe(why, stderr);
        fputc('\n', stderr);
    }
    int rc = 0;
    journal_rows rows;
    /* the table of recent sessions reads only those and what the summary needs: its time does
     * not grow with years of records */
    int recent = !(json || csv || export_to || do_forget || all);
    int total = recent ? journal_count(j) : 0;
    journal_summary s;
    char today[11];
    journal_today(today);
    int bad = 0;
    if (!import_from) {
        if (total < 0)
            snprintf(why, sizeof why, "the journal cannot be read");
        bad = total < 0 || (recent ? journal_read_last(j, HISTORY_RECENT, 0, &rows, why, sizeof why)
                                   : journal_read(j, &rows, why, sizeof why)) < 0;
        if (!bad && recent && journal_summary_read(j, today, &s, why, sizeof why) < 0) {
            journal_rows_free(&rows);
            bad = 1;
        }
    }
    if (import_from) {
        rc = import_csv(j, import_from);
    } else if (bad) {
        fputs("pacer history: ", stderr);
        fput_safe(why, stderr);
        fputc('\n', stderr);
        rc = EXIT_IO;
    } else {
        if (!recent)
            journal_summarize(&rows, today, &s);
        /* the check-ins: which tags come with better and worse days */
        journal_checkins ck = {0};
        journal_tag_effect tags[16];
        int ntags = 0;
        if ((json || !(csv || export_to || do_forget)) && journal_read_checkins(j, &ck, why, sizeof why) == 0)
            ntags = journal_tag_effects(&ck, tags);
        int nck = ck.count;
        journal_checkins_free(&ck);
        if (do_forget)
            rc = forget(j, rows.count, yes);
        else if (export_to)
            rc = export_csv(j, &rows, export_to);
        else if (csv)
            journal_write_csv(&rows, stdout);
        else if (json)
            print_json(&rows, &s, tags, ntags);
        else {
            print_table(&rows, &s, recent ? total - rows.count : 0);
            if (rows.count > 0 || nck > 0)
                print_tags(tags, ntags);
        }
        journal_rows_free(&rows);
    }
    journal_close(j);
    return rc;
}
