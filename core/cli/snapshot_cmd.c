/* snapshot_cmd.c - pacer snapshot: one frame of the player as a PNG, rendered off-screen. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "outfile.h"
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
        switch (c) {
        case 'a':
            if (opt_seconds("snapshot", "--at", optarg, &at) < 0)
                return EXIT_USAGE;
            break;
        case 'o': out = optarg; break;
        case 's':
            if (opt_size("snapshot", optarg, &so.w, &so.h) < 0)
                return EXIT_USAGE;
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
    char err[OUTFILE_ERR_MAX];
    if (outfile_check(out, 0, err, sizeof err) < 0) {
        fprintf(stderr, "pacer snapshot: ");
        fput_safe(err, stderr);
        fputc('\n', stderr);
        return EXIT_IO;
    }
    loaded_session s;
    int rc = cli_load_report(argv[optind], &s);
    if (rc < 0)
        return EXIT_SESSION_ERROR;
    rc = snapshot_write(&s.t, seconds_to_frames(at), &so, out, err, sizeof err);
    if (rc < 0) {
        fprintf(stderr, "pacer snapshot: ");
        fput_safe(err, stderr);
        fputc('\n', stderr);
    }
    cli_unload(&s);
    return rc < 0 ? EXIT_IO : 0;
}
