/* snapshot_cmd.c - pacer snapshot: one frame of the player as a PNG, rendered off-screen. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "snapshot.h"

int cmd_snapshot(int argc, char **argv)
{
    static const struct option opts[] = {{"at", required_argument, NULL, 'a'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"size", required_argument, NULL, 's'},
                                         {"theme", required_argument, NULL, 't'},
                                         {"reduced-motion", no_argument, NULL, 'r'},
                                         {"paused", no_argument, NULL, 'p'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    double at = 0;
    const char *out = NULL, *theme_name = "default";
    snapshot_opts so = {.w = 1280, .h = 720, .state = PLAYER_PLAYING, .look.find_draw = cli_find_draw};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'a':
            at = strtod(optarg, &end);
            if (*end || !isfinite(at) || at < 0) {
                fprintf(stderr, "pacer snapshot: --at takes seconds, e.g. 12.5\n");
                return EXIT_USAGE;
            }
            break;
        case 'o': out = optarg; break;
        case 's':
            if (sscanf(optarg, "%dx%d", &so.w, &so.h) != 2 || so.w < 64 || so.h < 64 || so.w > 8192 || so.h > 8192) {
                fprintf(stderr, "pacer snapshot: --size takes WxH, e.g. 1280x720\n");
                return EXIT_USAGE;
            }
            break;
        case 't': theme_name = optarg; break;
        case 'r': so.look.reduced_motion = 1; break;
        case 'p': so.state = PLAYER_PAUSED; break;
        case 'h': fputs(cli_usage_text, stdout); return 0;
        default: return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc || !out) {
        fprintf(stderr, "pacer snapshot: usage: pacer snapshot FILE --at SECONDS -o OUT.png\n");
        return EXIT_USAGE;
    }
    so.look.th = theme_find(theme_name);
    if (!so.look.th) {
        fprintf(stderr, "pacer snapshot: unknown theme; themes: %s\n", theme_names());
        return EXIT_USAGE;
    }
    loaded_session s;
    int rc = cli_load_report(argv[optind], &s);
    if (rc < 0)
        return EXIT_SESSION_ERROR;
    char err[512];
    rc = snapshot_write(&s.t, seconds_to_frames(at), &so, out, err, sizeof err);
    if (rc < 0) {
        fprintf(stderr, "pacer snapshot: ");
        fput_safe(err, stderr);
        fputc('\n', stderr);
    }
    cli_unload(&s);
    return rc < 0 ? EXIT_IO : 0;
}
