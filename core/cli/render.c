/* render.c - pacer render: the session through the same mixer, as fast as the CPU allows,
 * into a WAV or Ogg Vorbis file. */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "mixer.h"
#include "quit.h"
#include "options.h"
#include "outfile.h"
#include "writer.h"

/* The writer always gets blocks of this size, whatever the mix buffer: the file's bytes
 * then never depend on --buffer. */
enum { WRITE_BLOCK = 4096, SLOT_BLOCKS = 16, QUEUE_SLOTS = 4 };

/* Two threads: this one mixes, a second one writes (the Ogg filter and encoder, or the
 * WAV file), the blocks passing in order through a ring of QUEUE_SLOTS slots of
 * SLOT_BLOCKS blocks each (1.3 s of sound a slot: the threads meet rarely). The file gets
 * the same blocks in the same order as it would from one thread. */
typedef struct pipeline {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    float *ring;                   /* QUEUE_SLOTS slots of SLOT_BLOCKS * WRITE_BLOCK frames */
    int len[QUEUE_SLOTS];          /* frames in each slot */
    int head, count;
    int closed;                    /* no more blocks will come */
    int abandoned;                 /* the render failed: the queued blocks are not written */
    int failed;                    /* the writer failed: err says why */
    writer *w;
    char err[OUTFILE_ERR_MAX];
    int slot, filling;             /* the mixing thread's: the slot it fills, frames in it */
} pipeline;

static void *write_blocks(void *arg)
{
    pipeline *q = arg;
    pthread_mutex_lock(&q->mu);
    for (;;) {
        while (q->count == 0 && !q->closed)
            pthread_cond_wait(&q->cv, &q->mu);
        if (q->count == 0 || q->abandoned)
            break;
        /* the head slot is ours until count drops: the mixer fills only free slots */
        const float *slot = q->ring + (size_t)q->head * SLOT_BLOCKS * WRITE_BLOCK;
        int n = q->len[q->head], rc = 0;
        pthread_mutex_unlock(&q->mu);
        char err[OUTFILE_ERR_MAX];
        for (int done = 0; done < n && rc == 0; done += WRITE_BLOCK)
            rc = writer_write(q->w, slot + done, n - done < WRITE_BLOCK ? n - done : WRITE_BLOCK, err, sizeof err);
        pthread_mutex_lock(&q->mu);
        q->head = (q->head + 1) % QUEUE_SLOTS;
        q->count--;
        pthread_cond_broadcast(&q->cv);
        if (rc < 0) {
            snprintf(q->err, sizeof q->err, "%s", err);
            q->failed = 1;
            break;
        }
    }
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

/* Hands one block to the writing thread: into the slot being filled, which goes to the
 * thread when full or when flush is set. Returns -1 once the thread has failed. */
static int pipeline_put(pipeline *q, const float *block, int n, int flush)
{
    if (q->filling == 0) {
        /* wait for a free slot */
        pthread_mutex_lock(&q->mu);
        while (q->count == QUEUE_SLOTS && !q->failed)
            pthread_cond_wait(&q->cv, &q->mu);
        q->slot = (q->head + q->count) % QUEUE_SLOTS;
        int failed = q->failed;
        pthread_mutex_unlock(&q->mu);
        if (failed)
            return -1;
    }
    memcpy(q->ring + ((size_t)q->slot * SLOT_BLOCKS * WRITE_BLOCK + (size_t)q->filling), block,
           (size_t)n * sizeof *block);
    q->filling += n;
    if (q->filling == SLOT_BLOCKS * WRITE_BLOCK || flush) {
        pthread_mutex_lock(&q->mu);
        q->len[q->slot] = q->filling;
        q->count++;
        pthread_cond_broadcast(&q->cv);
        int failed = q->failed;
        pthread_mutex_unlock(&q->mu);
        q->filling = 0;
        if (failed)
            return -1;
    }
    return 0;
}

/* One block to the writing thread, or (q NULL: it could not start) to the writer here. */
static int put_block(pipeline *q, writer *w, const float *block, int n, int last, char *err, size_t errn)
{
    return q ? pipeline_put(q, block, n, last) : writer_write(w, block, n, err, errn);
}

/* No more blocks; with abandon, the ones still queued are dropped. Waits for the thread. */
static void pipeline_close(pipeline *q, pthread_t th, int abandon)
{
    pthread_mutex_lock(&q->mu);
    q->closed = 1;
    q->abandoned = abandon;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
    pthread_join(th, NULL);
}

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
    if (cli_output_ok("render", out) < 0)
        return EXIT_IO;
    char err[OUTFILE_ERR_MAX];

    pacer_app *a = cli_app_open(ctx, 0);
    if (!a)
        return EXIT_SESSION_ERROR;
    loaded_session s;
    int rc = cli_load_report(a, argv[optind], &s);
    if (rc < 0) {
        app_close(a);
        return EXIT_SESSION_ERROR;
    }

    mixer mx;
    float *buf = malloc((size_t)(buffer > WRITE_BLOCK ? buffer : WRITE_BLOCK) * 2 * sizeof *buf);
    if (!buf || mixer_init(&mx, &s.t, s.cues.event_clips, s.cues.ambience) < 0) {
        free(buf);
        app_unload(&s);
        app_close(a);
        fprintf(stderr, "pacer render: out of memory\n");
        return EXIT_IO;
    }
    /* A full disk or a file size limit must end in a message, not a signal; SIGINT, SIGTERM
     * and SIGHUP (the terminal closed) end the render with its temporary removed. Caught
     * before the file opens, so no signal finds it half-written. */
    quit_install();
    /* too long for the format: said before a byte is written */
    writer *w = NULL;
    /* an ask plays its default: the render is the way nobody answers (its branches skipped) */
    const int64_t total = mixer_left(&mx);
    if (writer_fits(fmt, total, err, sizeof err) == 0)
        w = writer_open(out, fmt, s.t.title, err, sizeof err);
    if (!w) {
        quit_restore();
        fprintf(stderr, "pacer render: ");
        fput_safe(err, stderr);
        fputc('\n', stderr);
        mixer_free(&mx);
        free(buf);
        app_unload(&s);
        app_close(a);
        return EXIT_IO;
    }

    const int show = isatty(2);
    float *stage = buf + (buffer > WRITE_BLOCK ? buffer : WRITE_BLOCK);
    int staged = 0;
    rc = 0;

    /* The writing thread, with the signals left to this one. */
    pipeline q = {.w = w};
    pthread_t th;
    int threaded = 0;
    q.ring = malloc((size_t)QUEUE_SLOTS * SLOT_BLOCKS * WRITE_BLOCK * sizeof *q.ring);
    if (q.ring && pthread_mutex_init(&q.mu, NULL) == 0) {
        if (pthread_cond_init(&q.cv, NULL) == 0) {
            sigset_t block, old;
            sigemptyset(&block);
            sigaddset(&block, SIGINT);
            sigaddset(&block, SIGTERM);
            sigaddset(&block, SIGHUP);
            pthread_sigmask(SIG_BLOCK, &block, &old);
            threaded = pthread_create(&th, NULL, write_blocks, &q) == 0;
            pthread_sigmask(SIG_SETMASK, &old, NULL);
            if (!threaded)
                pthread_cond_destroy(&q.cv);
        }
        if (!threaded)
            pthread_mutex_destroy(&q.mu);
    }
    for (int64_t done = 0; done < total && rc == 0;) {
        int n = total - done < buffer ? (int)(total - done) : buffer;
        mixer_render(&mx, buf, n);
        for (int k = 0; k < n && rc == 0;) {
            int take = WRITE_BLOCK - staged < n - k ? WRITE_BLOCK - staged : n - k;
            memcpy(stage + staged, buf + k, (size_t)take * sizeof *buf);
            staged += take;
            k += take;
            if (staged == WRITE_BLOCK) {
                rc = put_block(threaded ? &q : NULL, w, stage, staged, done + k >= total, err, sizeof err);
                staged = 0;
            }
        }
        done += n;
        if (quit_requested()) {
            snprintf(err, sizeof err, "interrupted");
            rc = -1;
        }
        if (show && (done % (PACER_RATE * 10) < n || done == total))
            progress_bar(done, total);
    }
    if (rc == 0 && staged)
        rc = put_block(threaded ? &q : NULL, w, stage, staged, 1, err, sizeof err);
    if (threaded) {
        pipeline_close(&q, th, rc < 0);
        if (q.failed) {
            snprintf(err, sizeof err, "%s", q.err);
            rc = -1;
        }
        pthread_cond_destroy(&q.cv);
        pthread_mutex_destroy(&q.mu);
    }
    free(q.ring);
    if (show)
        fputc('\n', stderr);
    if (rc == 0) {
        rc = writer_finish(w, err, sizeof err);
    } else {
        writer_abort(w);
    }
    quit_restore();
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
    app_unload(&s);
    app_close(a);
    return rc < 0 ? EXIT_IO : 0;
}
