/* options.h - option values of the pacer program, checked whole and against one set of
 * limits. A wrong value gets one line naming the command, the option, what it takes and
 * the value given; the caller then exits with EXIT_USAGE. */
#ifndef PACER_OPTIONS_H
#define PACER_OPTIONS_H

/* --size WxH, for the window (play) and for pictures (snapshot): each side from
 * OPT_SIZE_MIN (the smallest the layout is drawn for: its buttons are 200 px wide) to
 * OPT_SIZE_MAX pixels. */
enum { OPT_SIZE_MIN = 200, OPT_SIZE_MAX = 8192 };
/* --at SECONDS: from 0 to a session's longest possible length, 24 hours. */
#define OPT_SECONDS_MAX 86400.0

/* Each returns 0 with the value set, or -1 after printing why ("pacer CMD: OPT takes ..."). */
int opt_int(const char *cmd, const char *opt, const char *arg, int min, int max, const char *unit, int *out);
int opt_seconds(const char *cmd, const char *opt, const char *arg, double *out);
int opt_size(const char *cmd, const char *arg, int *w, int *h);

#endif
