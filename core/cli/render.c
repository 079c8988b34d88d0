/* render.c - pacer render: its options and what it prints. The render itself (the session
 * through the same mixer, as fast as the CPU allows, into a WAV or Ogg Vorbis file) is
 * core/run's render_session. */
#include <getopt.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"
#include "outfile.h"
#include "render.h"

/* The progress on a terminal, drawn over itself; ud: set to 1 once drawn. */
static void progress_bar(void *ud, int64_t done, int64_t total)
{
    *(int *)ud = 1;
    int width = 40, filled = total > 0 ? (int)(done * width / total) : width;
    char bar[64];
    for (int i = 0; i < width; i++)
        bar[i] = i < filled ? '#' : '-';
    bar[width] = 0;
    char a[32], b[32];
    fprintf(stderr, "\r[%s] %s / %s", bar, format_time(done, 0, a, sizeof a), format_time(total, 0, b, sizeof b));
    fflush(stderr);
}

int cmd_render(const cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
                                         {"buffer", required_argument, NULL, 'b'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    const char *out = NULL;
    int buffer = 4096, c;
    while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'b':
            if (opt_int("render", "--buffer", optarg, 1, 1 << 20, "frames", &buffer) < 0)
                return EXIT_USAGE;
            break;
        case 'h': cli_usage(stdout); return 0;
        default: return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc || !out) {
        fprintf(stderr, "pacer render: usage: pacer render FILE -o OUT.wav|OUT.ogg\n");
        return EXIT_USAGE;
    }
    if (!render_format_known(out)) {
        fprintf(stderr, "pacer render: the output must end in .wav or .ogg: ");
        fput_safe(out, stderr);
        fputc('\n', stderr);
        return EXIT_USAGE;
    }
    if (cli_output_ok("render", out) < 0)
        return EXIT_IO;

    pacer_app *a = cli_app_open(ctx, 0);
    if (!a)
        return EXIT_SESSION_ERROR;
    loaded_session s;
    if (cli_load_report(a, argv[optind], &s) < 0) {
        app_close(a);
        return EXIT_SESSION_ERROR;
    }
    const int show = isatty(2);
    int drawn = 0;
    render_opts ro = {.buffer = buffer, .progress = show ? progress_bar : NULL, .ud = &drawn};
    char err[OUTFILE_ERR_MAX];
    int64_t total = render_session(out, &s.t, s.cues.event_clips, s.cues.ambience, &ro, err, sizeof err);
    if (drawn)
        fputc('\n', stderr);
    if (total < 0) {
        fprintf(stderr, "pacer render: ");
        fput_safe(err, stderr);
        fputc('\n', stderr);
    } else if (show) {
        char len[32];
        fprintf(stderr, "Wrote ");
        fput_safe(out, stderr);
        fprintf(stderr, " (%s)\n", format_time(total, 0, len, sizeof len));
    }
    app_unload(&s);
    app_close(a);
    return total < 0 ? EXIT_IO : 0;
}
