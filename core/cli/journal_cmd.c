/* journal_cmd.c - pacer journal: the daily check-in from the terminal (add), and the
 * check-ins so far (list, or --csv). */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "journal.h"

static int bad_value(const char *what, const char *v, const char *want)
{
    fprintf(stderr, "pacer journal add: %s '", what);
    fput_safe(v, stderr);
    fprintf(stderr, "' %s\n", _(want));
    return EXIT_USAGE;
}

static int check_tags(const char *what, const char *tags)
{
    char bad[64];
    if (!journal_check_tags(tags, bad, sizeof bad))
        return 0;
    const char *near = suggest(bad, journal_tags, journal_ntags);
    fprintf(stderr, "pacer journal add: %s: '", what);
    fput_safe(bad, stderr);
    fputs("' ", stderr);
    if (near)
        fprintf(stderr, _("is not a tag (did you mean '%s'?); the tags are:"), near);
    else
        fputs(_("is not a tag; the tags are:"), stderr);
    for (int i = 0; i < journal_ntags; i++)
        fprintf(stderr, " %s", journal_tags[i]);
    fputc('\n', stderr);
    return EXIT_USAGE;
}

static int parse_add(int argc, char **argv, journal_checkin *k)
{
    enum { OPT_PAIN = 3000, OPT_SLEEP, OPT_HELPED, OPT_WORSE, OPT_NOTE };
    static const struct option opts[] = {{"pain", required_argument, NULL, OPT_PAIN},
                                         {"sleep", required_argument, NULL, OPT_SLEEP},
                                         {"helped", required_argument, NULL, OPT_HELPED},
                                         {"worse", required_argument, NULL, OPT_WORSE},
                                         {"note", required_argument, NULL, OPT_NOTE},
                                         {0}};
    int o;
    char *end;
    optind = 1;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case OPT_PAIN:
            k->pain = (int)strtol(optarg, &end, 10);
            if (!*optarg || *end || k->pain < 0 || k->pain > 10)
                return bad_value("--pain", optarg, N_("is not a rating from 0 to 10"));
            break;
        case OPT_SLEEP:
            k->sleep_hours = strtod(optarg, &end);
            if (!*optarg || *end || !(k->sleep_hours >= 0 && k->sleep_hours <= 24))
                return bad_value("--sleep", optarg, N_("is not a number of hours from 0 to 24"));
            break;
        case OPT_HELPED: k->helped = optarg; break;
        case OPT_WORSE: k->worse = optarg; break;
        case OPT_NOTE:
            if (utf8_invalid_at(optarg, strlen(optarg)) || strlen(optarg) > 2000)
                return bad_value("--note", "...", N_("is not UTF-8 text of at most 2000 bytes"));
            k->note = optarg;
            break;
        default: return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "pacer journal add: %s'", _("unexpected "));
        fput_safe(argv[optind], stderr);
        fprintf(stderr, "'\n");
        return EXIT_USAGE;
    }
    if (k->pain == JOURNAL_NO_PAIN && k->sleep_hours < 0 && !k->helped[0] && !k->worse[0] && !k->note[0]) {
        fprintf(stderr, "pacer journal add: %s\n", _("nothing to add (--pain, --sleep, --helped, --worse, --note)"));
        return EXIT_USAGE;
    }
    int rc = check_tags("--helped", k->helped);
    return rc ? rc : check_tags("--worse", k->worse);
}

static void print_checkins(const journal_checkins *c)
{
    if (c->count == 0) {
        printf("%s\n", _("No check-ins yet (pacer journal add --pain N --sleep HOURS ...)."));
        return;
    }
    /* the headers padded by their width on the screen; the tags stay the journal's words */
    const char *pain_h = _("Pain"), *sleep_h = _("Sleep");
    int pain_w = cli_col_width(pain_h, 4), sleep_w = cli_col_width(sleep_h, 5);
    cli_put_col(_("Date"), -10, stdout);
    fputs("  ", stdout);
    cli_put_col(pain_h, pain_w, stdout);
    fputs("  ", stdout);
    cli_put_col(sleep_h, sleep_w, stdout);
    fputs("  ", stdout);
    cli_put_col(_("Helped"), -20, stdout);
    fputs("  ", stdout);
    cli_put_col(_("Worse"), -20, stdout);
    printf("  %s\n", _("Note"));
    for (int i = c->count > 30 ? c->count - 30 : 0; i < c->count; i++) {
        const journal_checkin *k = &c->items[i];
        char pain[8] = "", sleep[16] = "";
        if (k->pain != JOURNAL_NO_PAIN)
            snprintf(pain, sizeof pain, "%d", k->pain);
        if (k->sleep_hours >= 0)
            snprintf(sleep, sizeof sleep, "%.1f", k->sleep_hours);
        printf("%-10s  %*s  %*s  %-20s  %-20s  ", k->date, pain_w, pain, sleep_w, sleep, k->helped, k->worse);
        fput_safe(k->note, stdout);
        putchar('\n');
    }
}

int cmd_journal(const cli_ctx *c, int argc, char **argv)
{
    (void)c;
    const char *sub = argc > 1 ? argv[1] : "list";
    int add = strcmp(sub, "add") == 0, csv = strcmp(sub, "--csv") == 0;
    if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0) {
        cli_usage(stdout);
        return 0;
    }
    if (!add && !csv && strcmp(sub, "list") != 0) {
        fprintf(stderr, "pacer journal: %s\n", _("use 'add', 'list' or '--csv'"));
        return EXIT_USAGE;
    }
    journal_checkin k = {.pain = JOURNAL_NO_PAIN, .sleep_hours = JOURNAL_NO_SLEEP, .helped = "", .worse = "", .note = ""};
    if (add) {
        int rc = parse_add(argc - 1, argv + 1, &k);
        if (rc)
            return rc;
    }
    char why[PATH_MAX + 256];
    journal *j = journal_open(NULL, add ? JOURNAL_CHECK_PAGES : 0, why, sizeof why);
    if (!j) {
        fprintf(stderr, "pacer journal: %s", _("the journal cannot be kept: "));
        fput_safe(why, stderr);
        fputc('\n', stderr);
        return EXIT_IO;
    }
    int rc = 0;
    journal_checkins all;
    if (add) {
        journal_today(k.date);
        if (journal_add_checkin(j, &k, why, sizeof why) < 0)
            rc = EXIT_IO;
        else
            printf(_("Check-in for %s kept.\n"), k.date);
    } else if (journal_read_checkins(j, &all, why, sizeof why) < 0) {
        rc = EXIT_IO;
    } else {
        if (csv)
            journal_write_checkins_csv(&all, stdout);
        else
            print_checkins(&all);
        journal_checkins_free(&all);
    }
    if (rc) {
        fputs("pacer journal: ", stderr);
        fput_safe(why, stderr);
        fputc('\n', stderr);
    }
    journal_close(j);
    return rc;
}
