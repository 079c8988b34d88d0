/* options.c - option values checked whole, with messages that say what is taken. */
#include "options.h"

#include <stdio.h>
#include <string.h>

#include "util.h"

/* "pacer CMD: OPT takes WHAT, not 'ARG'" (ARG terminal-safe). */
static int refuse(const char *cmd, const char *opt, const char *what, const char *arg)
{
    fprintf(stderr, "pacer %s: %s takes %s, not '", cmd, opt, what);
    fput_safe(arg, stderr);
    fputs("'\n", stderr);
    return -1;
}

int opt_int(const char *cmd, const char *opt, const char *arg, int min, int max, const char *unit, int *out)
{
    long long v;
    if (parse_int(arg, min, max, &v) == 0) {
        *out = (int)v;
        return 0;
    }
    char what[96];
    snprintf(what, sizeof what, "%d to %d %s", min, max, unit);
    return refuse(cmd, opt, what, arg);
}

int opt_seconds(const char *cmd, const char *opt, const char *arg, double *out)
{
    if (parse_double(arg, 0, OPT_SECONDS_MAX, out) == 0)
        return 0;
    char what[96];
    snprintf(what, sizeof what, "seconds from 0 to %.0f, e.g. 12.5", OPT_SECONDS_MAX);
    return refuse(cmd, opt, what, arg);
}

int opt_size(const char *cmd, const char *arg, int *w, int *h)
{
    const char *x = strchr(arg, 'x');
    long long vw, vh;
    if (x && x - arg < 16) {
        char first[16];
        memcpy(first, arg, (size_t)(x - arg));
        first[x - arg] = 0;
        if (parse_int(first, OPT_SIZE_MIN, OPT_SIZE_MAX, &vw) == 0 &&
            parse_int(x + 1, OPT_SIZE_MIN, OPT_SIZE_MAX, &vh) == 0) {
            *w = (int)vw;
            *h = (int)vh;
            return 0;
        }
    }
    char what[96];
    snprintf(what, sizeof what, "WxH, each side from %d to %d pixels, e.g. 1280x720", OPT_SIZE_MIN, OPT_SIZE_MAX);
    return refuse(cmd, "--size", what, arg);
}
