/* shared_opts.c - the options play, snapshot and kiosk share: one parse, one set of limits
 * (the values checked whole by options.c). */
#include <string.h>

#include "cli.h"
#include "options.h"

void cli_view_defaults(cli_view_opts *v)
{
    memset(v, 0, sizeof *v);
    v->th = theme_find("default");
}

int cli_text_size(const char *arg, const char *cmd)
{
    if (strcmp(arg, "normal") == 0 || strcmp(arg, "large") == 0)
        return arg[0] == 'l';
    fprintf(stderr, "pacer %s: --text-size takes normal or large, not '", cmd);
    fput_safe(arg, stderr);
    fputs("'\n", stderr);
    return -1;
}

int cli_view_option(cli_view_opts *v, int c, const char *arg, const char *cmd)
{
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
    case OPT_TEXT_SIZE: return (v->large_text = cli_text_size(arg, cmd)) < 0 ? -1 : 1;
    case OPT_SIZE: return opt_size(cmd, arg, &v->width, &v->height) < 0 ? -1 : 1;
    case OPT_BUFFER:
        return opt_int(cmd, "--buffer", arg, CLI_BUFFER_MIN, CLI_BUFFER_MAX, "frames", &v->buffer) < 0 ? -1 : 1;
    default: return 0;
    }
}
