/* render.c - pacer render: the session through the same mixer, as fast as the CPU allows,
 * into a WAV or Ogg Vorbis file. */
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "mixer.h"
#include "writer.h"

static volatile sig_atomic_t g_interrupted;

static void on_signal(int sig)
{
    (void)sig;
    g_interrupted = 1;
}

/* The writer always gets blocks of this size, whatever the mix buffer: the file's bytes
 * then never depend on --buffer. */
enum { WRITE_BLOCK = 4096 };

static void progress_bar(int64_t done, int64_t total)
{
    int width = 40, filled = total > 0 ? (int)(done * width / total) : width;
    char bar[64];
    for (int i = 0; i < width; i++)
        bar[i] = i < filled ? '#' : '-';
    bar[width] = 0;
    char a[32], b[32];
    fprintf(stderr, "\r[%s] %s / %s", bar, format_time(done, 0, a, sizeof a), format_time(total, 0, b, sizeof b));
    fflush(stderr);
}

int cmd_render(int argc, char **argv)
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
            buffer = atoi(optarg);
            if (buffer < 1 || buffer > 1 << 20) {
                fprintf(stderr, "pacer render: --buffer takes 1 to 1048576 frames\n");
                return EXIT_USAGE;
            }
            break;
        case 'h': fputs(cli_usage_text, stdout); return 0;
        default: return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc || !out) {
        fprintf(stderr, "pacer render: usage: pacer render FILE -o OUT.wav|OUT.ogg\n");
        return EXIT_USAGE;
    }
    writer_format fmt = writer_format_for(out);
    if (!fmt) {
        fprintf(stderr, "pacer render: the output must end in .wav or .ogg: ");
        fput_safe(out, stderr);
        fputc('\n', stderr);
        return EXIT_USAGE;
    }

    loaded_session s;
    int rc = cli_load_report(argv[optind], &s);
    if (rc < 0)
        return EXIT_SESSION_ERROR;

    mixer mx;
    float *buf = malloc((size_t)(buffer > WRITE_BLOCK ? buffer : WRITE_BLOCK) * 2 * sizeof *buf);
    if (!buf || mixer_init(&mx, &s.t, s.cues.event_clips, s.cues.ambience) < 0) {
        free(buf);
        cli_unload(&s);
        fprintf(stderr, "pacer render: out of memory\n");
        return EXIT_IO;
    }
    char err[512];
    writer *w = writer_open(out, fmt, s.t.title, err, sizeof err);
    if (!w) {
        fprintf(stderr, "pacer render: ");
        fput_safe(err, stderr);
        fputc('\n', stderr);
        mixer_free(&mx);
        free(buf);
        cli_unload(&s);
        return EXIT_IO;
    }
    /* A full disk or a file size limit must end in a message, not a signal. */
    signal(SIGXFSZ, SIG_IGN);
    struct sigaction sa = {0}, old_int, old_term;
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);

    const int show = isatty(2);
    const int64_t total = mx.end;
    float *stage = buf + (buffer > WRITE_BLOCK ? buffer : WRITE_BLOCK);
    int staged = 0;
    rc = 0;
    for (int64_t done = 0; done < total && rc == 0;) {
        int n = total - done < buffer ? (int)(total - done) : buffer;
        mixer_render(&mx, buf, n);
        for (int k = 0; k < n && rc == 0;) {
            int take = WRITE_BLOCK - staged < n - k ? WRITE_BLOCK - staged : n - k;
            memcpy(stage + staged, buf + k, (size_t)take * sizeof *buf);
            staged += take;
            k += take;
            if (staged == WRITE_BLOCK) {
                rc = writer_write(w, stage, staged, err, sizeof err);
                staged = 0;
            }
        }
        done += n;
        if (g_interrupted) {
            snprintf(err, sizeof err, "interrupted");
            rc = -1;
        }
        if (show && (done % (PACER_RATE * 10) < n || done == total))
            progress_bar(done, total);
    }
    if (rc == 0 && staged)
        rc = writer_write(w, stage, staged, err, sizeof err);
    if (show)
        fputc('\n', stderr);
    if (rc == 0) {
        rc = writer_finish(w, err, sizeof err);
    } else {
        writer_abort(w);
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    if (rc < 0) {
        fprintf(stderr, "pacer render: ");
        fput_safe(err, stderr);
        fprintf(stderr, "; nothing was written\n");
    } else if (show) {
        char len[32];
        fprintf(stderr, "Wrote ");
        fput_safe(out, stderr);
        fprintf(stderr, " (%s)\n", format_time(total, 0, len, sizeof len));
    }
    mixer_free(&mx);
    free(buf);
    cli_unload(&s);
    return rc < 0 ? EXIT_IO : 0;
}
