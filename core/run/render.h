/* render.h - a session played into a file instead of a device: the runner's mixer in a loop,
 * as fast as the CPU allows, into a WAV or Ogg Vorbis file that appears whole or not at all.
 *
 * `pacer render` is one front-end of it: it parses options, loads the session through the
 * app, and prints. The file's bytes depend only on the timeline and its clips, never on the
 * mix buffer or on how the work is split between threads. */
#ifndef PACER_RENDER_H
#define PACER_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "timeline.h"

struct clip;

/* Zero means the default in every field. */
typedef struct render_opts {
    int buffer; /* frames mixed at a time (default 4096); the file is the same whatever it is */
    /* Told how far the render is, about every 10 s of sound and at its end (may be NULL). */
    void (*progress)(void *ud, int64_t done, int64_t total);
    void *ud;
} render_opts;

/* 1 when path names a format render_session writes (.wav or .ogg, any case), else 0. */
int render_format_known(const char *path);

/* Renders t (its clips as for run_start) into path. SIGINT, SIGTERM and SIGHUP end it early,
 * with nothing written. Returns the session's length in frames, or -1 with err saying why:
 * a reason alone when nothing was started ("out of memory", a session too long for the
 * format, a file that cannot be created), "REASON; nothing was written" once the render was
 * under way (a full disk, "interrupted"). The target is left as it was on failure. */
int64_t render_session(const char *path, const timeline *t, const struct clip *const *clips,
                       const struct clip *ambience, const render_opts *o, char *err, size_t n);

#endif
