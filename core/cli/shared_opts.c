/* shared_opts.c - the options play, snapshot and kiosk share: one parse, one set of limits. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_view_defaults(cli_view_opts *v)
{
    memset(v, 0, sizeof *v);
    v->th = theme_find("default");
}

/* A whole number written out in full ("12abc" and "" are not). */
static int whole_number(const char *s, long lo, long hi, long *out)
{
    char *end;
    if (!s || !*s)
        return -1;
    long v = strtol(s, &end, 10);
    if (*end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int parse_size(const char *arg, int *w, int *h)
{
    const char *x = arg ? strchr(arg, 'x') : NULL;
    char wpart[16];
    long lw, lh;
    if (!x || (size_t)(x - arg) >= sizeof wpart)
        return -1;
    memcpy(wpart, arg, (size_t)(x - arg));
    wpart[x - arg] = 0;
    if (whole_number(wpart, CLI_SIZE_MIN, CLI_SIZE_MAX, &lw) < 0 ||
        whole_number(x + 1, CLI_SIZE_MIN, CLI_SIZE_MAX, &lh) < 0)
        return -1;
    *w = (int)lw, *h = (int)lh;
    return 0;
}

int cli_view_option(cli_view_opts *v, int c, const char *arg, const char *cmd)
{
    long n;
    switch (c) {
    case OPT_THEME:
        v->th = theme_find(arg);
        if (!v->th) {
            fprintf(stderr, "pacer %s: unknown theme '", cmd);
            fput_safe(arg, stderr);
            fprintf(stderr, "'; themes: %s\n", theme_names());
            return -1;
        }
        return 1;
    case OPT_REDUCED_MOTION: v->reduced_motion = 1; return 1;
    case OPT_NO_AUDIO: v->no_audio = 1; return 1;
    case OPT_SIZE:
        if (parse_size(arg, &v->width, &v->height) < 0) {
            fprintf(stderr, "pacer %s: --size takes WxH, each from %d to %d pixels, e.g. 1280x720\n", cmd,
                    CLI_SIZE_MIN, CLI_SIZE_MAX);
            return -1;
        }
        return 1;
    case OPT_BUFFER:
        if (whole_number(arg, CLI_BUFFER_MIN, CLI_BUFFER_MAX, &n) < 0) {
            fprintf(stderr, "pacer %s: --buffer takes a whole number of frames from %d to %d\n", cmd,
                    CLI_BUFFER_MIN, CLI_BUFFER_MAX);
            return -1;
        }
        v->buffer = (int)n;
        return 1;
    default: return 0;
    }
}
