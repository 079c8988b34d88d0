/* recording.h - recordings (WAV, Ogg Vorbis, FLAC, MP3): checked by Pacer itself before any
 * decoder sees them, then decoded with a limit on the sound they may make.
 *
 * recording_probe is pure C and reads nothing but the bytes it is given (it is fuzzed: see
 * tests/fuzz). recording_decode hands checked bytes to libvorbisfile, libFLAC or libmpg123
 * (WAV it reads itself) and stops as soon as the decoded sound passes the limit, whatever a
 * header said. */
#ifndef PACER_RECORDING_H
#define PACER_RECORDING_H

#include <stddef.h>
#include <stdint.h>

#include "clip.h"

enum {
    RECORDING_MAX_BYTES = 64 << 20,  /* larger files are refused unread */
    RECORDING_MAX_SECONDS = 15 * 60, /* longer recordings are refused */
    RECORDING_MIN_RATE = 8000,
    RECORDING_MAX_RATE = 96000,
    RECORDING_MAX_CHANNELS = 8,
};

typedef enum { REC_WAV, REC_VORBIS, REC_FLAC, REC_MP3 } recording_format;

typedef struct recording_info {
    recording_format format;
    int channels, rate;
    /* Frames (per channel) the file holds: counted from the sample bytes (WAV) or the MPEG
     * frames (MP3), so exact; for FLAC and Ogg the header's figure (0: not given), which the
     * decoder does not trust. */
    int64_t frames;
    /* WAV: the sample bytes (whole frames only) and their encoding; MP3: the MPEG frames,
     * tags left out. */
    size_t data_off, data_len;
    int wav_bits, wav_float, wav_block;
    /* MP3: a Xing/Info header whose frame count is not the number of frames: the decoder
     * must not believe it. */
    int mp3_info_lies;
} recording_info;

enum { RECORDING_OK = 0, RECORDING_BAD = -1, RECORDING_TOO_LONG = 1 };

/* Checks the n bytes of a recording file: its format, a header that makes sense (channels
 * 1..RECORDING_MAX_CHANNELS, a rate from RECORDING_MIN_RATE to RECORDING_MAX_RATE, sizes
 * inside the file, ...), and for WAV and MP3 its length, counted as it goes and stopped as
 * soon as it passes max_seconds. Returns RECORDING_OK with info; RECORDING_BAD or
 * RECORDING_TOO_LONG with the reason in why (a phrase: "it has 0 channels"). */
int recording_probe(const unsigned char *d, size_t n, double max_seconds, recording_info *info, char *why,
                    size_t why_n);

/* Decodes checked bytes (recording_probe said OK) into mono float at info->rate, at most
 * max_seconds of it: more is RECORDING_TOO_LONG, found as soon as the decoder passes it. A
 * file cut short gives the sound before the cut. Returns RECORDING_OK with *out malloc'd (at
 * least one frame), else RECORDING_BAD or RECORDING_TOO_LONG with why. */
int recording_decode(const unsigned char *d, size_t n, const recording_info *info, double max_seconds, fclip *out,
                     char *why, size_t why_n);

/* The whole path: reads the file (opened without blocking, a regular file only, at most
 * RECORDING_MAX_BYTES), checks it, decodes it and makes a clip at PACER_RATE. Returns 0, or
 * -1 with the reason in err. */
int recording_load(const char *path, clip *out, char *err, size_t n);

#endif
