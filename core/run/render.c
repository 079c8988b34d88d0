/* render.c - the render pipeline: session -> mixer -> writer, into a file written whole or
 * not at all (the writer's outfile). */
#include "render.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mixer.h"
#include "outfile.h"
#include "quit.h"
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

int render_format_known(const char *path) { return writer_format_for(path) != 0; }

/* Starts the writing thread, with the signals left to the calling one. 1 when it runs. */
static int pipeline_start(pipeline *q, pthread_t *th)
{
    int threaded = 0;
    q->ring = malloc((size_t)QUEUE_SLOTS * SLOT_BLOCKS * WRITE_BLOCK * sizeof *q->ring);
    if (q->ring && pthread_mutex_init(&q->mu, NULL) == 0) {
        if (pthread_cond_init(&q->cv, NULL) == 0) {
            sigset_t block, old;
            sigemptyset(&block);
            sigaddset(&block, SIGINT);
            sigaddset(&block, SIGTERM);
            sigaddset(&block, SIGHUP);
            pthread_sigmask(SIG_BLOCK, &block, &old);
            threaded = pthread_create(th, NULL, write_blocks, q) == 0;
            pthread_sigmask(SIG_SETMASK, &old, NULL);
            if (!threaded)
                pthread_cond_destroy(&q->cv);
        }
        if (!threaded)
            pthread_mutex_destroy(&q->mu);
    }
    return threaded;
}

/* Mixes the whole session into w. Returns 0, or -1 with err. */
static int mix_into(mixer *mx, int64_t total, writer *w, float *buf, int buffer, const render_opts *o, char *err,
                    size_t errn)
{
    float *stage = buf + (buffer > WRITE_BLOCK ? buffer : WRITE_BLOCK);
    int staged = 0, rc = 0;
    pipeline q = {.w = w};
    pthread_t th;
    int threaded = pipeline_start(&q, &th);
    for (int64_t done = 0; done < total && rc == 0;) {
        int n = total - done < buffer ? (int)(total - done) : buffer;
        mixer_render(mx, buf, n);
        for (int k = 0; k < n && rc == 0;) {
            int take = WRITE_BLOCK - staged < n - k ? WRITE_BLOCK - staged : n - k;
            memcpy(stage + staged, buf + k, (size_t)take * sizeof *buf);
            staged += take;
            k += take;
            if (staged == WRITE_BLOCK) {
                rc = put_block(threaded ? &q : NULL, w, stage, staged, done + k >= total, err, errn);
                staged = 0;
            }
        }
        done += n;
        if (quit_requested()) {
            snprintf(err, errn, "interrupted");
            rc = -1;
        }
        if (o->progress && (done % (PACER_RATE * 10) < n || done == total))
            o->progress(o->ud, done, total);
    }
    if (rc == 0 && staged)
        rc = put_block(threaded ? &q : NULL, w, stage, staged, 1, err, errn);
    if (threaded) {
        pipeline_close(&q, th, rc < 0);
        if (q.failed) {
            snprintf(err, errn, "%s", q.err);
            rc = -1;
        }
        pthread_cond_destroy(&q.cv);
        pthread_mutex_destroy(&q.mu);
    }
    free(q.ring);
    return rc;
}

int64_t render_session(const char *path, const timeline *t, const struct clip *const *clips,
                       const struct clip *ambience, const render_opts *o, char *err, size_t n)
{
    static const render_opts defaults = {0};
    if (!o)
        o = &defaults;
    const int buffer = o->buffer > 0 ? o->buffer : 4096;
    writer_format fmt = writer_format_for(path);
    if (!fmt) {
        snprintf(err, n, "the output must end in .wav or .ogg");
        return -1;
    }
    mixer mx;
    float *buf = malloc((size_t)(buffer > WRITE_BLOCK ? buffer : WRITE_BLOCK) * 2 * sizeof *buf);
    if (!buf || mixer_init(&mx, t, clips, ambience) < 0) {
        free(buf);
        snprintf(err, n, "out of memory");
        return -1;
    }
    /* A full disk or a file size limit must end in a message, not a signal; SIGINT, SIGTERM
     * and SIGHUP (the terminal closed) end the render with its temporary removed. Caught
     * before the file opens, so no signal finds it half-written. */
    quit_install();
    /* too long for the format: said before a byte is written */
    char why[OUTFILE_ERR_MAX];
    writer *w = NULL;
    /* an ask plays its default: the render is the way nobody answers (its branches skipped) */
    const int64_t total = mixer_left(&mx);
    if (writer_fits(fmt, total, why, sizeof why) == 0)
        w = writer_open(path, fmt, t->title, why, sizeof why);
    int rc = -1;
    if (!w) {
        snprintf(err, n, "%s", why);
    } else {
        rc = mix_into(&mx, total, w, buf, buffer, o, why, sizeof why);
        if (rc == 0)
            rc = writer_finish(w, why, sizeof why);
        else
            writer_abort(w);
        if (rc < 0)
            snprintf(err, n, "%s; nothing was written", why);
    }
    quit_restore();
    mixer_free(&mx);
    free(buf);
    return rc < 0 ? -1 : total;
}
