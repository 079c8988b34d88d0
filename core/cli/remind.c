/* remind.c - pacer remind: the daily reminder (a systemd user timer and a desktop
 * notification whose action opens today's sessions); --notify is what the timer runs. */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "journal.h"
#include "remind.h"

/* How long a notification waits for its action before it is taken away. */
enum { REMIND_WAIT_S = 12 * 60 * 60 };

static int usage_error(const char *what, const char *value, const char *want)
{
    fprintf(stderr, "pacer remind: %s", what);
    if (value) {
        fputs(" '", stderr);
        fput_safe(value, stderr);
        fputs("'", stderr);
    }
    fprintf(stderr, "%s\n", want[0] ? _(want) : "");
    return EXIT_USAGE;
}

/* Minutes practised today, from the journal (0 when there is none to read). */
static double done_today(void)
{
    char why[PATH_MAX + 256], today[11];
    journal *j = journal_open(NULL, 0, why, sizeof why);
    if (!j)
        return 0;
    journal_rows rows = {0};
    float minutes = 0;
    journal_today(today);
    if (journal_read(j, &rows, why, sizeof why) == 0)
        journal_daily_minutes(&rows, today, &minutes, 1);
    journal_rows_free(&rows);
    journal_close(j);
    return minutes;
}

/* --notify [-- COMMAND...]: the notification; its action runs COMMAND in place of this
 * process (so it stays the service's own), by default this pacer's `today`. */
static int notify_now(const cli_ctx *c, char **cmd, int ncmd)
{
    char self[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    self[len > 0 ? len : 0] = 0;
    char *fallback[] = {self, "today", NULL};
    char **argv = ncmd > 0 ? cmd : fallback;
    char summary[128], body[256], why[256];
    /* with a program set, today's planned minutes; else the daily goal */
    remind_message(cli_today_minutes(c), done_today(), summary, sizeof summary, body, sizeof body);
    int acted = remind_notify(summary, body, _("Open today's sessions"), REMIND_WAIT_S, why, sizeof why);
    if (acted < 0) {
        fprintf(stderr, "pacer remind: %s\n", why);
        return EXIT_IO;
    }
    if (!acted)
        return 0;
    printf("pacer remind: %s", _("opening today's sessions:"));
    for (int i = 0; argv[i]; i++) {
        fputs(" ", stdout);
        fput_safe(argv[i], stdout);
    }
    putchar('\n');
    fflush(stdout);
    execvp(argv[0], argv);
    fprintf(stderr, "pacer remind: %s", _("cannot run "));
    fput_safe(argv[0], stderr);
    fprintf(stderr, "\n");
    return EXIT_IO;
}

static int show_current(void)
{
    remind_when w;
    char why[PATH_MAX + 64], when[64];
    int set = remind_current(&w, why, sizeof why);
    if (set < 0) {
        fprintf(stderr, "pacer remind: ");
        fput_safe(why, stderr);
        fputc('\n', stderr);
        return EXIT_IO;
    }
    if (!set) {
        printf("%s\n", _("No reminder is set (pacer remind --at 08:00 sets one)."));
        return 0;
    }
    remind_describe_local(&w, when, sizeof when);
    printf(_("Reminder: %s, a notification that opens today's sessions (pacer remind --off removes it).\n"), when);
    return 0;
}

static int set_reminder(const remind_when *w)
{
    char why[PATH_MAX + 512], when[64];
    if (!remind_systemd_ready(why, sizeof why)) {
        fprintf(stderr, "pacer remind: %s (", _("no systemd user instance here to keep the reminder"));
        fput_safe(why, stderr);
        fprintf(stderr, ")%s\n", _("; nothing was changed"));
        return EXIT_IO;
    }
    if (!remind_notify_ready(why, sizeof why)) {
        fprintf(stderr, "pacer remind: %s (%s)%s\n", _("no notification service on this desktop"), why,
                _("; nothing was changed"));
        return EXIT_IO;
    }
    char self[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (len <= 0) {
        fprintf(stderr, "pacer remind: %s%s\n", _("cannot find this program's own path"), _("; nothing was changed"));
        return EXIT_IO;
    }
    self[len] = 0;
    if (remind_install(w, self, why, sizeof why) < 0) {
        fprintf(stderr, "pacer remind: ");
        fput_safe(why, stderr);
        fprintf(stderr, "%s\n", _("; nothing was changed"));
        return EXIT_IO;
    }
    remind_describe_local(w, when, sizeof when);
    printf(_("Reminder set: %s, a notification that opens today's sessions (pacer remind --off removes it).\n"), when);
    return 0;
}

int cmd_remind(const cli_ctx *c, int argc, char **argv)
{
    enum { OPT_AT = 4000, OPT_DAYS, OPT_OFF, OPT_NOTIFY };
    static const struct option opts[] = {{"at", required_argument, NULL, OPT_AT},
                                         {"days", required_argument, NULL, OPT_DAYS},
                                         {"off", no_argument, NULL, OPT_OFF},
                                         {"notify", no_argument, NULL, OPT_NOTIFY},
                                         {0}};
    remind_when w = {.days = REMIND_EVERY_DAY};
    int at = 0, days = 0, off = 0, notify = 0, o;
    optind = 1;
    opterr = 0;
    while ((o = getopt_long(argc, argv, "+:", opts, NULL)) != -1) {
        switch (o) {
        case OPT_AT:
            if (remind_parse_at(optarg, &w) < 0)
                return usage_error("--at", optarg, N_(" is not a time of day: use HH:MM, 24-hour, such as 08:00 or 18:30"));
            at = 1;
            break;
        case OPT_DAYS: {
            char bad[48];
            if (remind_parse_days(optarg, &w, bad, sizeof bad) < 0)
                return usage_error("--days:", bad[0] ? bad : NULL,
                                   bad[0] ? N_(" is not a day: use mon, tue, wed, thu, fri, sat, sun, comma-separated")
                                          : N_(" an empty day: use mon, tue, wed, thu, fri, sat, sun, comma-separated"));
            days = 1;
            break;
        }
        case OPT_OFF: off = 1; break;
        case OPT_NOTIFY: notify = 1; break;
        case ':': return usage_error(argv[optind - 1], NULL, N_(" needs a value; see pacer --help"));
        default:
            return usage_error(_("unknown option"), argv[optind - 1], N_("; see pacer --help"));
        }
    }
    if (notify)
        return notify_now(c, argv + optind, argc - optind);
    if (optind < argc)
        return usage_error(_("unexpected argument"), argv[optind], N_("; see pacer --help"));
    if (off && (at || days))
        return usage_error(_("--off takes no --at or --days"), NULL, "");
    if (days && !at)
        return usage_error(_("--days needs --at, the time of day (such as --at 08:00)"), NULL, "");
    if (off) {
        char why[PATH_MAX + 256];
        int was = remind_remove(why, sizeof why);
        if (was < 0) {
            fprintf(stderr, "pacer remind: ");
            fput_safe(why, stderr);
            fputc('\n', stderr);
            return EXIT_IO;
        }
        printf("%s\n", was ? _("Reminder removed.") : _("No reminder was set."));
        return 0;
    }
    return at ? set_reminder(&w) : show_current();
}
