/* recording_decode.c - decoding checked recordings into mono float, and the whole path from
 * a file name to a clip.
 *
 * WAV is read here; Ogg Vorbis by libvorbisfile, FLAC by libFLAC and MP3 by libmpg123, each
 * fed from memory (the bytes recording_probe checked, so nothing can change in between) and
 * each pulled a block at a time: the sound decoded so far is counted as it comes, and the
 * decoder is stopped as soon as it passes the limit. So memory and time stay bounded by the
 * limit, whatever a header claims. Channels are averaged to mono as they arrive; the
 * resampling to PACER_RATE is clip.c's (deterministic, the same as for speech). libmpg123
 * is told to be quiet: it would otherwise print its own notes on stderr. */
#include "recording.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OV_EXCLUDE_STATIC_CALLBACKS
#include <FLAC/stream_decoder.h>
#include <mpg123.h>
#include <vorbis/vorbisfile.h>

#include "pacer/plugin.h"
#include "util.h"

/* ---- the growing mono buffer, with its limit ---- */
typedef struct sink {
    float *s;
    int64_t n, cap, max;
    int too_long, no_memory;
} sink;

/* Room for k more frames; 0, or -1 (too_long or no_memory set) when there must be no more. */
static int sink_reserve(sink *k, int64_t more)
{
    if (k->n + more > k->max) {
        k->too_long = 1;
        return -1;
    }
    if (k->n + more <= k->cap)
        return 0;
    int64_t cap = k->cap ? k->cap * 2 : 65536;
    while (cap < k->n + more)
        cap *= 2;
    if (cap > k->max + 1)
        cap = k->max + 1;
    float *p = realloc(k->s, (size_t)cap * sizeof *p);
    if (!p) {
        k->no_memory = 1;
        return -1;
    }
    k->s = p;
    k->cap = cap;
    return 0;
}

/* A decoded value as a sample: non-finite values (a float WAV may hold them) are silence. */
static float sample(double x) { return isfinite(x) ? (float)x : 0.0f; }

static int finish(sink *k, double max_seconds, fclip *out, char *why, size_t wn)
{
    if (k->too_long || k->no_memory) {
        free(k->s);
        if (k->no_memory) {
            snprintf(why, wn, "out of memory");
            return RECORDING_BAD;
        }
        snprintf(why, wn, "it lasts more than %.0f minutes; recordings may be at most %.0f minutes", max_seconds / 60,
                 max_seconds / 60);
        return RECORDING_TOO_LONG;
    }
    if (k->n == 0) {
        free(k->s);
        snprintf(why, wn, "it holds no sound (nothing could be decoded)");
        return RECORDING_BAD;
    }
    out->samples = k->s;
    out->frames = k->n;
    return RECORDING_OK;
}

/* ---- WAV ---- */
static double wav_value(const unsigned char *p, const recording_info *ri)
{
    if (ri->wav_float) {
        if (ri->wav_bits == 32) {
            uint32_t u = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
            float f;
            memcpy(&f, &u, sizeof f);
            return f;
        }
        uint64_t u = 0;
        for (int i = 7; i >= 0; i--)
            u = u << 8 | p[i];
        double f;
        memcpy(&f, &u, sizeof f);
        return f;
    }
    switch (ri->wav_bits) {
    case 8: return (p[0] - 128) / 128.0;
    case 16: return (int16_t)(uint16_t)(p[0] | p[1] << 8) / 32768.0;
    case 24: return (int32_t)((uint32_t)p[0] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 24) / 2147483648.0;
    default: return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24) /
                    2147483648.0;
    }
}

static void decode_wav(const unsigned char *d, const recording_info *ri, sink *k)
{
    int64_t frames = (int64_t)(ri->data_len / (size_t)ri->wav_block);
    if (sink_reserve(k, frames) < 0)
        return;
    const unsigned char *p = d + ri->data_off;
    int bytes = ri->wav_bits / 8;
    for (int64_t i = 0; i < frames; i++) {
        double sum = 0;
        for (int c = 0; c < ri->channels; c++, p += bytes)
            sum += wav_value(p, ri);
        k->s[k->n++] = sample(sum / ri->channels);
    }
}

/* ---- Ogg Vorbis ---- */
typedef struct mem_in {
    const unsigned char *d;
    size_t n, pos;
} mem_in;

static size_t ov_mem_read(void *ptr, size_t size, size_t nmemb, void *src)
{
    mem_in *m = src;
    size_t want = size * nmemb, left = m->n - m->pos;
    if (want > left)
        want = left;
    memcpy(ptr, m->d + m->pos, want);
    m->pos += want;
    return size ? want / size : 0;
}

static int decode_vorbis(const unsigned char *d, size_t n, const recording_info *ri, sink *k, char *why, size_t wn)
{
    mem_in m = {d, n, 0};
    /* No seek callback: read as a stream, front to back, never trusting a page's position. */
    ov_callbacks cb = {ov_mem_read, NULL, NULL, NULL};
    OggVorbis_File vf;
    if (ov_open_callbacks(&m, &vf, NULL, 0, cb) < 0) {
        snprintf(why, wn, "it cannot be decoded (not a whole Ogg Vorbis stream)");
        return RECORDING_BAD;
    }
    int rc = RECORDING_OK;
    for (;;) {
        float **pcm;
        int section;
        long got = ov_read_float(&vf, &pcm, 4096, &section);
        if (got == OV_HOLE)
            continue; /* a gap in the pages: decoding goes on after it */
        if (got <= 0)
            break; /* the end, or damage from here on: what came before plays */
        vorbis_info *vi = ov_info(&vf, -1);
        if (!vi || vi->channels != ri->channels || vi->rate != ri->rate) {
            snprintf(why, wn, "it changes its channels or sample rate part-way");
            rc = RECORDING_BAD;
            break;
        }
        if (sink_reserve(k, got) < 0)
            break;
        for (long i = 0; i < got; i++) {
            double sum = 0;
            for (int c = 0; c < vi->channels; c++)
                sum += pcm[c][i];
            k->s[k->n++] = sample(sum / vi->channels);
        }
    }
    ov_clear(&vf);
    return rc;
}

/* ---- FLAC ---- */
typedef struct flac_ctx {
    mem_in in;
    const recording_info *ri;
    sink *k;
    int changed;
} flac_ctx;

static FLAC__StreamDecoderReadStatus flac_read(const FLAC__StreamDecoder *dec, FLAC__byte buf[], size_t *bytes,
                                               void *ud)
{
    (void)dec;
    flac_ctx *x = ud;
    size_t left = x->in.n - x->in.pos;
    if (left == 0) {
        *bytes = 0;
        return FLAC__STREAM_DECODER_READ_STATUS_END_OF_STREAM;
    }
    if (*bytes > left)
        *bytes = left;
    memcpy(buf, x->in.d + x->in.pos, *bytes);
    x->in.pos += *bytes;
    return FLAC__STREAM_DECODER_READ_STATUS_CONTINUE;
}

static FLAC__StreamDecoderWriteStatus flac_write(const FLAC__StreamDecoder *dec, const FLAC__Frame *fr,
                                                 const FLAC__int32 *const buf[], void *ud)
{
    (void)dec;
    flac_ctx *x = ud;
    const FLAC__FrameHeader *h = &fr->header;
    if ((int)h->sample_rate != x->ri->rate || h->channels < 1 || h->bits_per_sample < 4 || h->bits_per_sample > 32) {
        x->changed = 1;
        return FLAC__STREAM_DECODER_WRITE_STATUS_ABORT;
    }
    if (sink_reserve(x->k, h->blocksize) < 0)
        return FLAC__STREAM_DECODER_WRITE_STATUS_ABORT;
    double scale = 1.0 / (double)(1ULL << (h->bits_per_sample - 1));
    for (unsigned i = 0; i < h->blocksize; i++) {
        double sum = 0;
        for (unsigned c = 0; c < h->channels; c++)
            sum += buf[c][i] * scale;
        x->k->s[x->k->n++] = sample(sum / h->channels);
    }
    return FLAC__STREAM_DECODER_WRITE_STATUS_CONTINUE;
}

/* Damaged frames are skipped by libFLAC; the sound around them still plays. */
static void flac_error(const FLAC__StreamDecoder *dec, FLAC__StreamDecoderErrorStatus st, void *ud)
{
    (void)dec, (void)st, (void)ud;
}

static int decode_flac(const unsigned char *d, size_t n, const recording_info *ri, sink *k, char *why, size_t wn)
{
    FLAC__StreamDecoder *dec = FLAC__stream_decoder_new();
    if (!dec) {
        snprintf(why, wn, "out of memory");
        return RECORDING_BAD;
    }
    flac_ctx x = {{d, n, 0}, ri, k, 0};
    FLAC__stream_decoder_set_md5_checking(dec, false);
    if (FLAC__stream_decoder_init_stream(dec, flac_read, NULL, NULL, NULL, NULL, flac_write, NULL, flac_error, &x) !=
        FLAC__STREAM_DECODER_INIT_STATUS_OK) {
        FLAC__stream_decoder_delete(dec);
        snprintf(why, wn, "it cannot be decoded (the FLAC decoder does not start)");
        return RECORDING_BAD;
    }
    (void)FLAC__stream_decoder_process_until_end_of_stream(dec);
    FLAC__stream_decoder_finish(dec);
    FLAC__stream_decoder_delete(dec);
    if (x.changed) {
        snprintf(why, wn, "it changes its sample rate or sample size part-way");
        return RECORDING_BAD;
    }
    return RECORDING_OK;
}

/* ---- MP3 ---- */
static int decode_mp3(const unsigned char *d, const recording_info *ri, sink *k, char *why, size_t wn)
{
    int err = MPG123_OK;
    mpg123_handle *mh = mpg123_new(NULL, &err);
    if (!mh) {
        snprintf(why, wn, "it cannot be decoded (%s)", mpg123_plain_strerror(err));
        return RECORDING_BAD;
    }
    /* Quiet: no notes of its own on stderr. Mono, float. A Xing/Info frame that lies about
     * the length is decoded as the (silent) frame it is, not believed. */
    long flags = MPG123_QUIET | MPG123_MONO_MIX | MPG123_FORCE_FLOAT | (ri->mp3_info_lies ? MPG123_IGNORE_INFOFRAME : 0);
    int rc = RECORDING_OK;
    if (mpg123_param(mh, MPG123_ADD_FLAGS, flags, 0) != MPG123_OK || mpg123_format_none(mh) != MPG123_OK ||
        mpg123_format(mh, ri->rate, MPG123_MONO, MPG123_ENC_FLOAT_32) != MPG123_OK || mpg123_open_feed(mh) != MPG123_OK ||
        mpg123_feed(mh, d + ri->data_off, ri->data_len) != MPG123_OK) {
        snprintf(why, wn, "it cannot be decoded (%s)", mpg123_strerror(mh));
        rc = RECORDING_BAD;
    }
    float buf[4096];
    while (rc == RECORDING_OK) {
        size_t done = 0;
        int r = mpg123_read(mh, (unsigned char *)buf, sizeof buf, &done);
        int64_t got = (int64_t)(done / sizeof *buf);
        if (got > 0) {
            if (sink_reserve(k, got) < 0)
                break;
            for (int64_t i = 0; i < got; i++)
                k->s[k->n++] = sample(buf[i]);
        }
        if (r == MPG123_OK || r == MPG123_NEW_FORMAT)
            continue;
        if (r != MPG123_NEED_MORE && r != MPG123_DONE && k->n == 0) {
            snprintf(why, wn, "it cannot be decoded (%s)", mpg123_strerror(mh));
            rc = RECORDING_BAD;
        }
        break; /* all fed bytes are decoded (or the rest is damaged: what came before plays) */
    }
    mpg123_delete(mh);
    return rc;
}

int recording_decode(const unsigned char *d, size_t n, const recording_info *ri, double max_seconds, fclip *out,
                     char *why, size_t wn)
{
    out->samples = NULL;
    out->frames = 0;
    sink k = {NULL, 0, 0, (int64_t)(max_seconds * ri->rate), 0, 0};
    int rc = RECORDING_OK;
    switch (ri->format) {
    case REC_WAV: decode_wav(d, ri, &k); break;
    case REC_VORBIS: rc = decode_vorbis(d, n, ri, &k, why, wn); break;
    case REC_FLAC: rc = decode_flac(d, n, ri, &k, why, wn); break;
    case REC_MP3: rc = decode_mp3(d, ri, &k, why, wn); break;
    }
    if (rc != RECORDING_OK) {
        free(k.s);
        return rc;
    }
    return finish(&k, max_seconds, out, why, wn);
}

/* ---- the whole path ---- */
int recording_load(const char *path, clip *out, char *err, size_t n)
{
    out->samples = NULL;
    out->frames = 0;
    /* Its size first, from the file opened as every file Pacer reads is (never blocking,
     * regular files only): a file over the limit is refused unread. */
    struct stat st;
    const char *why = "";
    int fd = file_open_regular(path, &st, &why);
    if (fd < 0)
        return fail_why(err, n, "%s", why);
    close(fd);
    if (st.st_size > RECORDING_MAX_BYTES)
        return fail_why(err, n, "it is %.0f MB; recordings may be at most %d MB", (double)st.st_size / (1 << 20),
                    RECORDING_MAX_BYTES >> 20);
    char *data;
    size_t len;
    int r = file_read_regular(path, RECORDING_MAX_BYTES, &data, &len, &why);
    if (r != 0)
        return fail_why(err, n, "%s", r > 0 ? "it grew past the size limit while it was read" : why);
    recording_info ri;
    char reason[200];
    const unsigned char *bytes = (const unsigned char *)data;
    int rc = recording_probe(bytes, len, RECORDING_MAX_SECONDS, &ri, reason, sizeof reason);
    fclip mono = {NULL, 0};
    if (rc == RECORDING_OK)
        rc = recording_decode(bytes, len, &ri, RECORDING_MAX_SECONDS, &mono, reason, sizeof reason);
    free(data);
    if (rc != RECORDING_OK)
        return fail_why(err, n, "%s", reason);
    fclip at_rate;
    int bad = fclip_resample(mono.samples, mono.frames, ri.rate, &at_rate);
    fclip_free(&mono);
    if (bad)
        return fail_why(err, n, "out of memory");
    bad = clip_from_float(at_rate.samples, at_rate.frames, 0, 0, out);
    fclip_free(&at_rate);
    if (bad)
        return fail_why(err, n, "out of memory");
    if (out->frames == 0)
        return fail_why(err, n, "it holds no sound");
    return 0;
}
