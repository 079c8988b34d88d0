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
        fprintf(stderr, "pacer: %s", j ? _("warning: ") : _("warning: the journal is not being kept: "));
        fput_safe(why, stderr);
        fputc('\n', stderr);
    }
    return j;
}

enum { HISTORY_RECENT = 20 };

/* The labels of the summary's lines, in one column as wide as the widest in the language. */
static const char *const summary_labels[] = {N_("Last 7 days:"), N_("Last 30 days:"), N_("Streak:"), N_("Pain:"),
                                             N_("Tags:")};
enum { LABEL_7, LABEL_30, LABEL_STREAK, LABEL_PAIN, LABEL_TAGS, NLABELS };

static void put_label(int which)
{
    int widest = 0;
    for (int i = 0; i < NLABELS; i++)
        widest = cli_col_width(_(summary_labels[i]), widest);
    cli_put_col(_(summary_labels[which]), -(widest + 1), stdout);
}

static void print_pain(const journal_row *w, int width)
{
    if (w->pain_before == JOURNAL_NO_PAIN && w->pain_after == JOURNAL_NO_PAIN) {
        printf("%-*s", width, "");
        return;
    }
    char b[4] = "-", a[4] = "-";
    if (w->pain_before != JOURNAL_NO_PAIN)
        snprintf(b, sizeof b, "%d", w->pain_before);
    if (w->pain_after != JOURNAL_NO_PAIN)
        snprintf(a, sizeof a, "%d", w->pain_after);
    char both[16];
    snprintf(both, sizeof both, "%s -> %s", b, a);
    printf("%-*s", width, both);
}

static void print_summary(const journal_summary *s)
{
    double m = s->minutes_per_day_7;
    put_label(LABEL_7);
    printf(m < JOURNAL_GOAL_MIN   ? _("%d of 7 days practised, %.1f minutes a day (below the goal of %d-%d)\n")
           : m > JOURNAL_GOAL_MAX ? _("%d of 7 days practised, %.1f minutes a day (above the goal of %d-%d)\n")
                                  : _("%d of 7 days practised, %.1f minutes a day (within the goal of %d-%d)\n"),
           s->days_7, m, JOURNAL_GOAL_MIN, JOURNAL_GOAL_MAX);
    put_label(LABEL_30);
    printf(_("%d of 30 days practised\n"), s->days_30);
    put_label(LABEL_STREAK);
    printf(P_("%d day\n", "%d days\n", s->streak), s->streak);
    put_label(LABEL_PAIN);
    if (s->pain_pairs)
        printf(P_("%+.1f on average across a session (%d session rated before and after)\n",
                  "%+.1f on average across a session (%d sessions rated before and after)\n", s->pain_pairs),
               s->pain_change, s->pain_pairs);
    else
        printf("%s\n", _("no session rated before and after yet"));
}

/* Which tags come with better and worse days (the check-ins' pain on days with a tag
 * against days without it). */
static void print_tags(const journal_tag_effect *e, int n)
{
    put_label(LABEL_TAGS);
    if (n == 0) {
        printf(_("not enough check-ins yet (a tag is compared from %d days with it and %d without)\n"),
               JOURNAL_TAG_MIN_DAYS, JOURNAL_TAG_MIN_DAYS);
        return;
    }
    printf("%s\n", _("the pain on days with a tag against days without it"));
    int label_w = 14; /* the widest label shown, so the figures stay in one column */
    for (int i = 0; i < n; i++)
        label_w = cli_col_width(_(journal_tag_labels[e[i].tag]), label_w);
    for (int i = 0; i < n; i++) {
        int v = journal_tag_verdict(&e[i]);
        fputs("  ", stdout);
        cli_put_col(_(journal_tag_labels[e[i].tag]), -label_w, stdout);
        /* TRANSLATORS: a tag's line: the pain on days with it against days without it */
        printf(_(" %4.1f against %4.1f  "), e[i].pain_with, e[i].pain_without);
        /* TRANSLATORS: days with a tag, days without it, then "better days", "worse days"... */
        printf(_("(%d days with, %d without)  %s\n"), e[i].days_with, e[i].days_without,
               v < 0 ? _("better days") : v > 0 ? _("worse days") : _("no clear difference"));
    }
}

/* The rows (the recent ones, or all), and how many earlier ones were not read. */
static void print_table(const journal_rows *r, const journal_summary *s, int earlier)
{
    if (r->count == 0) {
        printf("%s\n", _("No sessions in the journal yet."));
        return;
    }
    /* the headers and the outcome padded by their width on the screen, so longer words keep
     * the columns straight */
    const char *minutes = _("Minutes"), *ended = _("Ended"), *pain = _("Pain");
    int minutes_w = cli_col_width(minutes, 7), ended_w = cli_col_width(ended, 10), pain_w = cli_col_width(pain, 8);
    for (int i = 0; i < r->count; i++)
        ended_w = cli_col_width(_(journal_outcome_name(r->items[i].outcome)), ended_w);
    cli_put_col(_("Date"), -16, stdout);
    fputs("  ", stdout);
    cli_put_col(minutes, minutes_w, stdout);
    fputs("  ", stdout);
    cli_put_col(ended, -ended_w, stdout);
    fputs("  ", stdout);
    cli_put_col(pain, -pain_w, stdout);
    printf("  %s\n", _("Session"));
    for (int i = 0; i < r->count; i++) {
        const journal_row *w = &r->items[i];
        printf("%.10s %.5s  %*.1f  ", w->started, w->started + 11, minutes_w, w->seconds / 60.0);
        cli_put_col(_(journal_outcome_name(w->outcome)), -ended_w, stdout);
        fputs("  ", stdout);
        print_pain(w, pain_w);
        fputs("  ", stdout);
        fput_safe(w->title[0] ? w->title : w->file, stdout);
        fputc('\n', stdout);
    }
    if (earlier > 0)
        printf(P_("(%d earlier session: pacer history --all)\n", "(%d earlier sessions: pacer history --all)\n",
                  earlier),
               earlier);
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

/* The answers of row w, the next ones of a (both in the journal's order, so one pass
 * over a serves every row): ,"answers":[{"ask":0,"question":"...","answer":"yes",...}] */
static void json_answers(strbuf *b, const journal_row *w, const journal_answers *a, int *next)
{
    sb_puts(b, ",\"answers\":[");
    for (int first = 1; *next < a->count; first = 0, ++*next) {
        const journal_answer *x = &a->items[*next];
        if (strcmp(x->started, w->started) != 0 || strcmp(x->file, w->file) != 0)
            break;
        sb_printf(b, "%s{\"ask\":%d,\"question\":", first ? "" : ",", x->ask);
        sb_add_json(b, x->question);
        sb_printf(b, ",\"answer\":\"%s\",\"by_default\":%s}", x->yes ? "yes" : "no", x->by_default ? "true" : "false");
    }
    sb_puts(b, "]");
}

static void print_json(const journal_rows *r, const journal_answers *a, const journal_summary *s,
                       const journal_tag_effect *e, int ne)
{
    strbuf b;
    sb_init(&b);
    sb_puts(&b, "{\"sessions\":[");
    int next = 0;
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
        sb_printf(&b, ",\"hash\":\"%s\"", w->hash);
        json_answers(&b, w, a, &next);
        sb_puts(&b, "}");
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

/* "pacer history: WHY" on stderr. */
static void say_why(const char *why)
{
    fputs("pacer history: ", stderr);
    fput_safe(why, stderr);
    fputc('\n', stderr);
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
        fprintf(stderr, "pacer history: %s", _("cannot write "));
        fput_safe(path, stderr);
        fputc('\n', stderr);
        return EXIT_IO;
    }
    write(rows, f);
    int bad = fflush(f) != 0 || fsync(fd) != 0 || ferror(f);
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        unlink(tmp);
        fprintf(stderr, "pacer history: %s", _("cannot write "));
        fput_safe(path, stderr);
        fputc('\n', stderr);
        return EXIT_IO;
    }
    return 0;
}

static void write_sessions(const void *rows, FILE *f) { journal_write_csv(rows, f); }
static void write_checkins(const void *rows, FILE *f) { journal_write_checkins_csv(rows, f); }
static void write_answers(const void *rows, FILE *f) { journal_write_answers_csv(rows, f); }

/* The sessions to path, the check-ins and the answers beside it: backup.csv,
 * backup-checkins.csv and backup-answers.csv. */
static int export_csv(journal *j, const journal_rows *r, const char *path)
{
    char why[PATH_MAX + 256], checkins[PATH_MAX], answers[PATH_MAX];
    size_t len = strlen(path);
    int stem = (int)(len > 4 && strcmp(path + len - 4, ".csv") == 0 ? len - 4 : len);
    snprintf(checkins, sizeof checkins, "%.*s-checkins.csv", stem, path);
    snprintf(answers, sizeof answers, "%.*s-answers.csv", stem, path);
    journal_checkins ck = {0};
    journal_answers an = {0};
    int rc = 0;
    if (journal_read_checkins(j, &ck, why, sizeof why) < 0 || journal_read_answers(j, &an, why, sizeof why) < 0) {
        say_why(why);
        rc = EXIT_IO;
    }
    if (rc == 0)
        rc = export_file(path, write_sessions, r);
    if (rc == 0)
        rc = export_file(checkins, write_checkins, &ck);
    if (rc == 0)
        rc = export_file(answers, write_answers, &an);
    if (rc == 0) {
        printf(P_("Exported %d session to ", "Exported %d sessions to ", r->count), r->count);
        fput_safe(path, stdout);
        printf(P_(", %d check-in to ", ", %d check-ins to ", ck.count), ck.count);
        fput_safe(checkins, stdout);
        printf(P_(" and %d answer to ", " and %d answers to ", an.count), an.count);
        fput_safe(answers, stdout);
        putchar('\n');
    }
    journal_checkins_free(&ck);
    journal_answers_free(&an);
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
        fputs(_("; nothing was imported\n"), stderr);
        return EXIT_SESSION_ERROR;
    }
    if (kind == JOURNAL_CSV_CHECKINS)
        printf(P_("Imported %d check-in", "Imported %d check-ins", added), added);
    else if (kind == JOURNAL_CSV_ANSWERS)
        printf(P_("Imported %d answer", "Imported %d answers", added), added);
    else
        printf(P_("Imported %d session", "Imported %d sessions", added), added);
    printf(_(" (%d already in the journal)\n"), skipped);
    return 0;
}

static int forget(journal *j, int count, int yes)
{
    if (!yes) {
        /* TRANSLATORS: the answer the question asks for; both it and "yes" are taken */
        const char *word = _("yes");
        printf(P_("This deletes all %d session from your journal. Type %s to go on: ",
                  "This deletes all %d sessions from your journal. Type %s to go on: ", count),
               count, word);
        fflush(stdout);
        char line[32] = "";
        if (fgets(line, sizeof line, stdin))
            line[strcspn(line, "\r\n")] = 0;
        if (strcmp(line, "yes") != 0 && strcmp(line, word) != 0) {
            printf("\n%s\n", _("Nothing was deleted."));
            return EXIT_SESSION_ERROR;
        }
    }
    char why[PATH_MAX + 256];
    if (journal_forget(j, why, sizeof why) < 0) {
        say_why(why);
        return EXIT_IO;
    }
    printf("%s\n", _("The journal is empty."));
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
        fprintf(stderr, "pacer history: %s\n", _("use one of --json, --csv, --export FILE, --import FILE, --forget"));
        return EXIT_USAGE;
    }
    char why[PATH_MAX + 256];
    journal *j = journal_open(NULL, 0, why, sizeof why);
    if (!j) {
        fprintf(stderr, "pacer history: %s", _("the journal cannot be read: "));
        fput_safe(why, stderr);
        fputc('\n', stderr);
        return EXIT_IO;
    }
    if (why[0]) {
        fprintf(stderr, "pacer: %s", _("warning: "));
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
            snprintf(why, sizeof why, "%s", _("the journal cannot be read"));
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
        say_why(why);
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
        else if (json) {
            journal_answers an;
            if (journal_read_answers(j, &an, why, sizeof why) < 0) {
                say_why(why);
                rc = EXIT_IO;
            } else {
                print_json(&rows, &an, &s, tags, ntags);
                journal_answers_free(&an);
            }
        }
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
