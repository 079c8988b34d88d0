/* remind.h - the daily reminder: a systemd user timer that shows a desktop notification
 * whose action opens today's sessions.
 *
 * Two units in $XDG_CONFIG_HOME/systemd/user (~/.config/systemd/user), each written whole
 * or not at all: pacer-remind.timer (when) and pacer-remind.service (what: `pacer remind
 * --notify -- pacer today`). They are enabled and removed with `systemctl --user`; the
 * notification is shown through libnotify. This module knows systemd and the notification
 * service; what the notification says is given to it. Uses util only. */
#ifndef PACER_REMIND_H
#define PACER_REMIND_H

#include <stddef.h>

#include "util.h"

#define REMIND_TIMER "pacer-remind.timer"
#define REMIND_SERVICE "pacer-remind.service"
#define REMIND_EVERY_DAY 0x7Fu

typedef struct remind_when {
    int hour, minute; /* 0..23, 0..59 */
    unsigned days;    /* bit 0 Monday .. bit 6 Sunday */
} remind_when;

/* "HH:MM" or "H:MM", 24-hour. Returns 0, or -1 leaving w as is. */
int remind_parse_at(const char *s, remind_when *w);
/* Comma-separated days: mon..sun or their full names, any case. Returns 0, or -1 with the
 * first word that is not a day in bad (empty when an item is empty). */
int remind_parse_days(const char *s, remind_when *w, char *bad, size_t n);
/* "08:00 every day", "08:00 on Mon, Wed, Fri". */
void remind_describe(const remind_when *w, char *out, size_t n);
/* The same in the user's language, for the screen ("08:00 todos los días"); the units keep
 * remind_describe's English. */
void remind_describe_local(const remind_when *w, char *out, size_t n);

/* The units' text. pacer: the program's absolute path; args: what follows it in ExecStart,
 * (for the service: "remind --notify -- PACER today"). Returns 0, or -1 when the path
 * cannot be written in a unit (a control character). */
void remind_timer_text(const remind_when *w, strbuf *out);
int remind_service_text(const char *pacer, strbuf *out);
/* Reads the timer's OnCalendar= back into w. Returns 0, or -1 when text is not a timer
 * this module wrote. */
int remind_parse_timer(const char *text, remind_when *w);

/* The folder of the units: $XDG_CONFIG_HOME/systemd/user or ~/.config/systemd/user.
 * Returns 0, or -1 when neither variable is set. */
int remind_unit_dir(char *buf, size_t n);

/* Whether `systemctl --user` reaches a user instance of systemd. Returns 1, or 0 with why
 * (systemctl's own first line). */
int remind_systemd_ready(char *why, size_t n);
/* Whether a notification service answers on the session bus. Returns 1, or 0 with why. */
int remind_notify_ready(char *why, size_t n);

/* Writes both units (replacing a reminder already set) and enables the timer. On any
 * failure, whatever it wrote is removed again. Returns 0, or -1 with why. */
int remind_install(const remind_when *w, const char *pacer, char *why, size_t n);
/* Disables the timer and removes both units. Returns 1 when a reminder was set, 0 when
 * none was, -1 with why. */
int remind_remove(char *why, size_t n);
/* The reminder set now: 1 (w filled), 0 none, -1 with why (a timer that cannot be read). */
int remind_current(remind_when *w, char *why, size_t n);

/* Shows the notification (summary, body, and one action, the default, labelled action) and
 * waits up to wait_s seconds until it is closed or its action is taken. Returns 1 when the
 * action was taken, 0 when not, -1 with why when nothing could be shown. */
int remind_notify(const char *summary, const char *body, const char *action, unsigned wait_s, char *why,
                  size_t n);

/* What the notification says: plan_minutes, today's planned minutes (-1: no program is
 * set), and done_minutes, practised today so far. */
void remind_message(int plan_minutes, double done_minutes, char *summary, size_t sn, char *body, size_t bn);

#endif
