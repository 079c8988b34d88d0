/* snapshot_cmd.c - pacer snapshot: one frame of the player as a PNG, rendered off-screen. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "outfile.h"
#include "journal.h"
#include "snapshot.h"

/* The Progress picture's figures, from the journal. Returns 0, or -1 (said on stderr). */
static int progress_figures(progress_view *p)
{
    char why[4352];
    journal *j = journal_open(NULL, 0, why, sizeof why);
    if (!j || cli_progress_figures(j, p, why, sizeof why) < 0) {
        fputs("pacer snapshot: the journal cannot be read: ", stderr);
        fput_safe(why, stderr);
        fputc('\n', stderr);
        journal_close(j);
        return -1;
    }
    journal_close(j);
    return 0;
}

int cmd_snapshot(const cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {CLI_VIEW_OPTIONS,
                                         {"at", required_argument, NULL, 'a'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"paused", no_argument, NULL, 'p'},
                                         {"progress", no_argument, NULL, 'P'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    double at = 0;
    int progress = 0;
    const char *out = NULL;
    snapshot_opts so = {.w = 1280, .h = 720, .state = RUN_PLAYING};
    cli_view_opts v;
    cli_view_defaults(&v);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        int taken = cli_view_option(&v, c, optarg, "snapshot");
        if (taken < 0)
            return EXIT_USAGE;
        if (taken)
            continue;
        switch (c) {
        case 'a':
            if (opt_seconds("snapshot", "--at", optarg, &at) < 0)
                return EXIT_USAGE;
            break;
        case 'o': out = optarg; break;
        case 'p': so.state = RUN_PAUSED; break;
        case 'P': progress = 1; break;
        case 'h': cli_usage(stdout); return 0;
        default: return EXIT_USAGE;
        }
    }
    if (optind + (progress ? 0 : 1) != argc || !out) {
        fprintf(stderr, "pacer snapshot: usage: pacer snapshot FILE --at SECONDS -o OUT.png, or --progress -o OUT.png\n");
        return EXIT_USAGE;
    }
    so.look.th = v.th;
    so.look.reduced_motion = v.reduced_motion;
    so.look.text_scale = v.large_text ? SCENE_TEXT_LARGE : 1.0;
    if (v.width)
        so.w = v.width, so.h = v.height;
    if (cli_output_ok("snapshot", out) < 0)
        return EXIT_IO;
    if (progress) {
        progress_view pv = {0};
        char err[OUTFILE_ERR_MAX];
        if (progress_figures(&pv) < 0)
            return EXIT_IO;
        if (snapshot_progress_write(&pv, &so, out, err, sizeof err) < 0) {
            fprintf(stderr, "pacer snapshot: ");
            fput_safe(err, stderr);
            fputc('\n', stderr);
            return EXIT_IO;
        }
        return 0;
    }
    char err[OUTFILE_ERR_MAX];
    pacer_app *a = cli_app_open(ctx, 0);
    if (!a)
        return EXIT_SESSION_ERROR;
    so.look.find_draw = app_find_draw;
    so.look.find_ud = a;
    loaded_session s;
    int rc = cli_load_report(a, argv[optind], &s);
    if (rc < 0) {
        app_close(a);
        return EXIT_SESSION_ERROR;
    }
    rc = snapshot_write(&s.t, seconds_to_frames(at), &so, out, err, sizeof err);
    if (rc < 0) {
        fprintf(stderr, "pacer snapshot: ");
        fput_safe(err, stderr);
        fputc('\n', stderr);
    }
    app_unload(&s);
    app_close(a);
    return rc < 0 ? EXIT_IO : 0;
}
