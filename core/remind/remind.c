/* remind.c - the reminder's systemd units: their text, writing them whole, enabling them
 * with systemctl --user, reading them back, removing them. */
#define _GNU_SOURCE /* pipe2 */
#include "remind.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "outfile.h"

extern char **environ;

/* the units' (systemd's) day names; pacer remind prints them translated */
static const char *const k_days[7] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun")};
static const char *const k_day_names[7] = {"monday", "tuesday", "wednesday", "thursday",
                                           "friday", "saturday", "sunday"};

int remind_parse_at(const char *s, remind_when *w)
{
    int h = 0, m = 0, i = 0;
    if (!isdigit((unsigned char)s[i]))
        return -1;
    h = s[i++] - '0';
    if (isdigit((unsigned char)s[i]))
        h = h * 10 + (s[i++] - '0');
    if (s[i++] != ':' || !isdigit((unsigned char)s[i]) || !isdigit((unsigned char)s[i + 1]) || s[i + 2])
        return -1;
    m = (s[i] - '0') * 10 + (s[i + 1] - '0');
    if (h > 23 || m > 59)
        return -1;
    w->hour = h;
    w->minute = m;
    return 0;
}

int remind_parse_days(const char *s, remind_when *w, char *bad, size_t n)
{
    unsigned days = 0;
    const char *p = s;
    for (;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        int found = -1;
        for (int d = 0; d < 7 && len >= 3; d++)
            if (len <= strlen(k_day_names[d]) && strncasecmp(p, k_day_names[d], len) == 0 &&
                (len == 3 || len == strlen(k_day_names[d])))
                found = d;
        if (found < 0) {
            snprintf(bad, n, "%.*s", (int)(len < 40 ? len : 40), p);
            return -1;
        }
        days |= 1u << found;
        if (!end)
            break;
        p = end + 1;
    }
    w->days = days;
    return 0;
}

/* In English for the units, in the user's language (local) for the screen. */
static void describe(const remind_when *w, int local, char *out, size_t n)
{
    char time[8];
    snprintf(time, sizeof time, "%02d:%02d", w->hour % 100, w->minute % 100);
    if ((w->days & REMIND_EVERY_DAY) == REMIND_EVERY_DAY) {
        /* TRANSLATORS: a reminder's time: "08:00 every day" */
        snprintf(out, n, local ? _("%s every day") : "%s every day", time);
        return;
    }
    strbuf b;
    sb_init(&b);
    for (int d = 0; d < 7; d++)
        if (w->days & (1u << d))
            sb_printf(&b, "%s%s", b.len ? ", " : "", local ? _(k_days[d]) : k_days[d]);
    /* TRANSLATORS: a reminder's time and days: "08:00 on Mon, Wed, Fri" */
    snprintf(out, n, local ? _("%s on %s") : "%s on %s", time, b.data ? b.data : "");
    sb_free(&b);
}

void remind_describe(const remind_when *w, char *out, size_t n) { describe(w, 0, out, n); }

void remind_describe_local(const remind_when *w, char *out, size_t n) { describe(w, 1, out, n); }

/* "Mon,Wed,Fri *-*-* 08:00:00", or "*-*-* 08:00:00" every day. */
static void add_calendar(strbuf *b, const remind_when *w)
{
    if ((w->days & REMIND_EVERY_DAY) != REMIND_EVERY_DAY) {
        const char *sep = "";
        for (int d = 0; d < 7; d++)
            if (w->days & (1u << d)) {
                sb_printf(b, "%s%s", sep, k_days[d]);
                sep = ",";
            }
        sb_puts(b, " ");
    }
    sb_printf(b, "*-*-* %02d:%02d:00", w->hour, w->minute);
}

void remind_timer_text(const remind_when *w, strbuf *out)
{
    char when[64];
    remind_describe(w, when, sizeof when);
    sb_printf(out,
              "# Written by pacer remind; pacer remind --off removes it.\n"
              "[Unit]\n"
              "Description=Pacer: a reminder for your back care, %s\n"
              "\n"
              "[Timer]\n"
              "OnCalendar=",
              when);
    add_calendar(out, w);
    sb_puts(out, "\nUnit=" REMIND_SERVICE "\n\n[Install]\nWantedBy=timers.target\n");
}

/* One word of a command line in a unit: in double quotes, with systemd's escapes for the
 * quote and the backslash, and its specifiers (%) and variables ($) doubled. */
static int add_unit_word(strbuf *b, const char *s)
{
    sb_puts(b, "\"");
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == 0x7F)
            return -1;
        if (c == '"' || c == '\\')
            sb_add(b, "\\", 1);
        else if (c == '%' || c == '$')
            sb_add(b, p, 1);
        sb_add(b, p, 1);
    }
    sb_puts(b, "\"");
    return 0;
}

int remind_service_text(const char *pacer, strbuf *out)
{
    sb_puts(out, "# Written by pacer remind; pacer remind --off removes it.\n"
                 "[Unit]\n"
                 "Description=Pacer: the notification that opens today's sessions\n"
                 "\n"
                 "[Service]\n"
                 "Type=exec\n"
                 "ExecStart=");
    /* the notification's action runs the same pacer: pacer today */
    if (add_unit_word(out, pacer) < 0)
        return -1;
    sb_puts(out, " remind --notify -- ");
    add_unit_word(out, pacer);
    sb_puts(out, " today\n");
    return 0;
}

int remind_parse_timer(const char *text, remind_when *w)
{
    const char *line = strstr(text, "\nOnCalendar=");
    if (!line)
        return -1;
    line += strlen("\nOnCalendar=");
    remind_when got = {.days = REMIND_EVERY_DAY};
    if (strncmp(line, "*-*-* ", 6) != 0) {
        const char *sp = strchr(line, ' ');
        char days[64], bad[8];
        if (!sp || (size_t)(sp - line) >= sizeof days)
            return -1;
        snprintf(days, sizeof days, "%.*s", (int)(sp - line), line);
        if (remind_parse_days(days, &got, bad, sizeof bad) < 0)
            return -1;
        line = sp + 1;
        if (strncmp(line, "*-*-* ", 6) != 0)
            return -1;
    }
    line += 6;
    char at[6];
    if (strlen(line) < 8 || strncmp(line + 5, ":00", 3) != 0)
        return -1;
    snprintf(at, sizeof at, "%.5s", line);
    if (remind_parse_at(at, &got) < 0)
        return -1;
    *w = got;
    return 0;
}

int remind_unit_dir(char *buf, size_t n)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    int len;
    if (xdg && xdg[0] == '/')
        len = snprintf(buf, n, "%s/systemd/user", xdg);
    else if (home && home[0])
        len = snprintf(buf, n, "%s/.config/systemd/user", home);
    else
        return -1;
    return len > 0 && (size_t)len < n ? 0 : -1;
}

/* Runs systemctl --user ARGS..., its output discarded. Returns its exit status (127 when it
 * could not run), with the first line it printed on stderr in why. */
static int systemctl(const char *const args[], char *why, size_t n)
{
    const char *argv[12] = {"systemctl", "--user"};
    int argc = 2;
    for (int i = 0; args[i] && argc < 11; i++)
        argv[argc++] = args[i];
    argv[argc] = NULL;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) {
        snprintf(why, n, "cannot run systemctl: %s", strerror(errno));
        return 127;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
    pid_t pid;
    int rc = posix_spawnp(&pid, "systemctl", &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        snprintf(why, n, "cannot run systemctl: %s", strerror(rc));
        return 127;
    }
    char out[512];
    size_t got = 0;
    ssize_t k;
    while ((k = read(fds[0], out + got, sizeof out - 1 - got)) > 0 || (k < 0 && errno == EINTR))
        if (k > 0 && (got += (size_t)k) == sizeof out - 1)
            break;
    out[got] = 0;
    /* the rest unread: systemctl is not left blocked on a full pipe */
    close(fds[0]);
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    out[strcspn(out, "\n")] = 0;
    strbuf safe;
    sb_init(&safe);
    sb_add_safe(&safe, out, strlen(out));
    snprintf(why, n, "%s", safe.data ? safe.data : "");
    sb_free(&safe);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

int remind_systemd_ready(char *why, size_t n)
{
    static const char *const args[] = {"show", "--property=Version", NULL};
    char err[256];
    if (systemctl(args, err, sizeof err) == 0)
        return 1;
    snprintf(why, n, "%s", err[0] ? err : "systemctl --user failed");
    return 0;
}

/* dir/name into buf. */
static int unit_path(char *buf, size_t n, const char *dir, const char *name)
{
    int len = snprintf(buf, n, "%s/%s", dir, name);
    return len > 0 && (size_t)len < n ? 0 : -1;
}

static int write_unit(const char *path, const strbuf *text, char *why, size_t n)
{
    outfile o;
    char err[OUTFILE_ERR_MAX];
    if (outfile_open(&o, path, 0, err, sizeof err) < 0) {
        snprintf(why, n, "%s", err);
        return -1;
    }
    fwrite(text->data, 1, text->len, o.f);
    if (outfile_commit(&o, err, sizeof err) < 0) {
        snprintf(why, n, "%s", err);
        return -1;
    }
    return 0;
}

/* mkdir -p of the unit folder: $XDG_CONFIG_HOME/systemd/user. */
static int make_dirs(const char *dir, char *why, size_t n)
{
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s", dir);
    for (char *s = p + 1;; s++) {
        if (*s == '/' || !*s) {
            char c = *s;
            *s = 0;
            if (mkdir(p, 0755) < 0 && errno != EEXIST) {
                snprintf(why, n, "cannot make the folder %s: %s", p, strerror(errno));
                return -1;
            }
            *s = c;
            if (!c)
                return 0;
        }
    }
}

/* Removes both units and the link enabling the timer; 1 when any was there. */
static int remove_files(const char *dir)
{
    char p[PATH_MAX];
    int any = 0;
    const char *names[] = {REMIND_TIMER, REMIND_SERVICE, "timers.target.wants/" REMIND_TIMER};
    for (int i = 0; i < 3; i++)
        if (unit_path(p, sizeof p, dir, names[i]) == 0 && unlink(p) == 0)
            any = 1;
    return any;
}

int remind_install(const remind_when *w, const char *pacer, char *why, size_t n)
{
    char dir[PATH_MAX], svc[PATH_MAX], tmr[PATH_MAX];
    if (remind_unit_dir(dir, sizeof dir) < 0 || unit_path(svc, sizeof svc, dir, REMIND_SERVICE) < 0 ||
        unit_path(tmr, sizeof tmr, dir, REMIND_TIMER) < 0) {
        snprintf(why, n, "no folder for the units (neither XDG_CONFIG_HOME nor HOME is set)");
        return -1;
    }
    strbuf service, timer;
    sb_init(&service);
    sb_init(&timer);
    int rc = -1;
    if (remind_service_text(pacer, &service) < 0) {
        snprintf(why, n, "the program's path has a control character; a unit cannot name it");
        goto out;
    }
    remind_timer_text(w, &timer);
    if (service.failed || timer.failed) {
        snprintf(why, n, "out of memory");
        goto out;
    }
    if (make_dirs(dir, why, n) < 0 || write_unit(svc, &service, why, n) < 0)
        goto out;
    if (write_unit(tmr, &timer, why, n) < 0) {
        unlink(svc);
        goto out;
    }
    /* the timer restarted, so a new time counts from now on */
    static const char *const reload[] = {"daemon-reload", NULL};
    static const char *const enable[] = {"enable", REMIND_TIMER, NULL};
    static const char *const restart[] = {"restart", REMIND_TIMER, NULL};
    const char *const *steps[] = {reload, enable, restart};
    for (int i = 0; i < 3; i++) {
        char err[256];
        if (systemctl(steps[i], err, sizeof err) != 0) {
            snprintf(why, n, "systemctl --user %s failed: %s", steps[i][0], err);
            char ignored[256];
            static const char *const disable[] = {"disable", "--now", REMIND_TIMER, NULL};
            systemctl(disable, ignored, sizeof ignored);
            remove_files(dir);
            systemctl(reload, ignored, sizeof ignored);
            goto out;
        }
    }
    rc = 0;
out:
    sb_free(&service);
    sb_free(&timer);
    return rc;
}

int remind_remove(char *why, size_t n)
{
    char dir[PATH_MAX];
    if (remind_unit_dir(dir, sizeof dir) < 0) {
        snprintf(why, n, "no folder for the units (neither XDG_CONFIG_HOME nor HOME is set)");
        return -1;
    }
    char err[256];
    int reachable = remind_systemd_ready(err, sizeof err);
    if (reachable) {
        /* stops a reminder on screen now too; a timer not there is no failure */
        static const char *const disable[] = {"disable", "--now", REMIND_TIMER, NULL};
        static const char *const stop[] = {"stop", REMIND_SERVICE, NULL};
        systemctl(disable, err, sizeof err);
        systemctl(stop, err, sizeof err);
    }
    int was = remove_files(dir);
    if (reachable) {
        static const char *const reload[] = {"daemon-reload", NULL};
        if (systemctl(reload, err, sizeof err) != 0) {
            snprintf(why, n, "systemctl --user daemon-reload failed: %s", err);
            return -1;
        }
    }
    return was;
}

int remind_current(remind_when *w, char *why, size_t n)
{
    char dir[PATH_MAX], tmr[PATH_MAX];
    if (remind_unit_dir(dir, sizeof dir) < 0 || unit_path(tmr, sizeof tmr, dir, REMIND_TIMER) < 0)
        return 0;
    FILE *f = fopen(tmr, "re");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        snprintf(why, n, "cannot read %s: %s", tmr, strerror(errno));
        return -1;
    }
    char text[4096];
    size_t got = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[got] = 0;
    if (remind_parse_timer(text, w) < 0) {
        snprintf(why, n, "%s is not a timer pacer remind wrote", tmr);
        return -1;
    }
    return 1;
}
