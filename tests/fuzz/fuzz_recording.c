/* fuzz_recording.c - libFuzzer target: the bytes of a recording file in, recording_probe's
 * verdict out, then (when it accepted them) recording_decode's. Neither may crash, leak, trip
 * a sanitizer, or break one of the invariants below.
 *
 * The decoding limit is 5 seconds (the CLI's is 15 minutes): a small input that decodes to
 * more is refused quickly, so every input stays cheap. libvorbisfile, libFLAC and libmpg123
 * are the system's and not instrumented; the checker and Pacer's code around the decoders
 * are.
 *
 * Invariants: the verdict is OK, BAD or TOO_LONG; BAD and TOO_LONG come with a reason, OK
 * with channels, a rate and a format in range; for WAV and MP3, the sound bytes lie inside
 * the input, WAV's in whole frames and at most the limit; a decode gives at least one frame
 * and never more than the limit, all finite. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recording.h"

enum { LIMIT_SECONDS = 5 };

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_recording: invariant broken: %s\n", what);
    abort();
}

static void check_info(const recording_info *ri, size_t n)
{
    if (ri->channels < 1 || ri->channels > RECORDING_MAX_CHANNELS)
        fail("accepted with a channel count out of range");
    if (ri->rate < RECORDING_MIN_RATE || ri->rate > RECORDING_MAX_RATE)
        fail("accepted with a sample rate out of range");
    if ((int)ri->format < REC_WAV || (int)ri->format > REC_MP3)
        fail("accepted with no format");
    if (ri->format == REC_WAV || ri->format == REC_MP3) {
        if (ri->data_len == 0 || ri->data_off > n || ri->data_len > n - ri->data_off)
            fail("the sound bytes lie outside the input");
        if (ri->frames < 1 || ri->frames > (int64_t)LIMIT_SECONDS * ri->rate)
            fail("an exact length outside 1 frame .. the limit");
    }
    if (ri->format == REC_WAV &&
        (ri->wav_block != ri->channels * ri->wav_bits / 8 || ri->data_len % (size_t)ri->wav_block != 0))
        fail("WAV sound bytes are not whole frames");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    recording_info ri;
    char why[200] = "";
    int rc = recording_probe(data, size, LIMIT_SECONDS, &ri, why, sizeof why);
    if (rc != RECORDING_OK && rc != RECORDING_BAD && rc != RECORDING_TOO_LONG)
        fail("recording_probe returned no verdict");
    if (rc != RECORDING_OK) {
        if (!why[0] || !memchr(why, 0, sizeof why))
            fail("a refusal without a reason");
        return 0;
    }
    check_info(&ri, size);
    fclip out = {NULL, 0};
    why[0] = 0;
    rc = recording_decode(data, size, &ri, LIMIT_SECONDS, &out, why, sizeof why);
    if (rc != RECORDING_OK) {
        if (!why[0] || out.samples)
            fail("a failed decode without a reason, or with samples left behind");
        return 0;
    }
    if (!out.samples || out.frames < 1 || out.frames > (int64_t)LIMIT_SECONDS * ri.rate)
        fail("a decode outside 1 frame .. the limit");
    for (int64_t i = 0; i < out.frames; i++)
        if (!isfinite(out.samples[i]))
            fail("a decoded sample is not finite");
    fclip_free(&out);
    return 0;
}
