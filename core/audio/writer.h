/* writer.h - rendered sessions as files: WAV (16-bit PCM, mono, 48 kHz) or Ogg Vorbis.
 *
 * Ogg Vorbis is mono at 24 kHz, quality 0.4 (libvorbis VBR, no bitrate management): the
 * 48 kHz mix goes through the half-band filter of halfband.h, so every sound keeps its exact
 * start (48 kHz frame t is 24 kHz frame t / 2) and everything up to 10 kHz is kept (every
 * preset tone's partials, flite's speech, espeak-ng's up to 10 kHz). libvorbis spends its
 * time per sample: half the samples take half the time, and the file is smaller too. The
 * encoder gets fixed blocks, so the file's bytes depend on the sound only, not on how
 * writer_write is called.
 *
 * A writer writes through an outfile (outfile.h): a temporary file beside the target,
 * renamed into place only when writer_finish succeeds; writer_abort (or any failure)
 * removes it, so there is never a half-written file under the target's name. */
#ifndef PACER_WRITER_H
#define PACER_WRITER_H

#include <stddef.h>
#include <stdint.h>

typedef struct writer writer;

typedef enum writer_format { WRITER_WAV = 1, WRITER_OGG = 2 } writer_format;

/* The format a path's extension names (.wav, .ogg/.oga), or 0. */
writer_format writer_format_for(const char *path);
/* Whether a recording of this many frames fits the format (a WAV file holds at most 12 h
 * 25 min): 0, or -1 with err. Check before rendering, not after. */
int writer_fits(writer_format fmt, int64_t frames, char *err, size_t n);
/* title goes into the file's tags where the format has them. NULL with err on failure. */
writer *writer_open(const char *path, writer_format fmt, const char *title, char *err, size_t n);
/* Appends mono float frames. Returns 0, or -1 with err (e.g. the disk is full). */
int writer_write(writer *w, const float *frames, int n, char *err, size_t errn);
/* Completes the file and moves it into place. Returns 0, or -1 with err; the writer is freed
 * either way. */
int writer_finish(writer *w, char *err, size_t n);
/* Removes the temporary file and frees the writer. */
void writer_abort(writer *w);

/* Float to 16-bit PCM, clamped, round to nearest: the same everywhere. */
int16_t writer_pcm16(float x);

#endif
