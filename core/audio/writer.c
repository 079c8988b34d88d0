/* writer.c - WAV and Ogg Vorbis output through a temporary file. */
#include "writer.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <vorbis/vorbisenc.h>

#include "halfband.h"
#include "outfile.h"
#include "pacer/plugin.h"

/* Ogg Vorbis is encoded at half the mixer's rate: see writer.h. */
#define OGG_RATE (PACER_RATE / 2)
#define OGG_QUALITY 0.4f
/* The encoder always gets blocks of this many frames (the last may be shorter), whatever
 * the callers' blocks: the file's bytes depend on the sound alone. */
enum { OGG_BLOCK = 1024 };

struct writer {
    writer_format fmt;
    outfile out;       /* the temporary, renamed into place by writer_finish */
    FILE *f;           /* out.f */
    const char *path;  /* out.path */
    int64_t frames;
    /* ogg */
    ogg_stream_state os;
    vorbis_info vi;
    vorbis_comment vc;
    vorbis_dsp_state vd;
    vorbis_block vb;
    int ogg_ready;
    halfband hb;
    float block[OGG_BLOCK];
    int blocked;
};

writer_format writer_format_for(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot)
        return 0;
    if (strcasecmp(dot, ".wav") == 0)
        return WRITER_WAV;
    if (strcasecmp(dot, ".ogg") == 0 || strcasecmp(dot, ".oga") == 0)
        return WRITER_OGG;
    return 0;
}

int16_t writer_pcm16(float x)
{
    if (!(x == x))
        return 0; /* NaN */
    if (x > 1.0f)
        x = 1.0f;
    if (x < -1.0f)
        x = -1.0f;
    return (int16_t)lrintf(x * 32767.0f);
}

static void put_le(unsigned char *p, uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* The most frames a WAV file holds: its sizes are 32-bit, 36 header bytes besides the data. */
#define WAV_MAX_FRAMES ((int64_t)((0xFFFFFFFFu - 36) / 2))

int writer_fits(writer_format fmt, int64_t frames, char *err, size_t n)
{
    if (fmt != WRITER_WAV || frames <= WAV_MAX_FRAMES)
        return 0;
    int64_t max_s = WAV_MAX_FRAMES / PACER_RATE, s = (frames + PACER_RATE - 1) / PACER_RATE;
    snprintf(err, n,
             "the session is %lld:%02lld:%02lld long, too long for a WAV file (at most %lld:%02lld:%02lld); "
             "write .ogg instead",
             (long long)(s / 3600), (long long)(s / 60 % 60), (long long)(s % 60), (long long)(max_s / 3600),
             (long long)(max_s / 60 % 60), (long long)(max_s % 60));
    return -1;
}

static int write_all(writer *w, const void *data, size_t n, char *err, size_t errn)
{
    if (fwrite(data, 1, n, w->f) != n) {
        snprintf(err, errn, "cannot write %s: %s", w->path, strerror(errno ? errno : EIO));
        return -1;
    }
    return 0;
}

static int wav_header(writer *w, uint32_t data_bytes, char *err, size_t errn)
{
    unsigned char h[44];
    memcpy(h, "RIFF", 4);
    put_le(h + 4, 36 + data_bytes, 4);
    memcpy(h + 8, "WAVEfmt ", 8);
    put_le(h + 16, 16, 4);
    put_le(h + 20, 1, 2);                 /* PCM */
    put_le(h + 22, 1, 2);                 /* mono */
    put_le(h + 24, PACER_RATE, 4);
    put_le(h + 28, PACER_RATE * 2, 4);    /* bytes per second */
    put_le(h + 32, 2, 2);                 /* block align */
    put_le(h + 34, 16, 2);                /* bits */
    memcpy(h + 36, "data", 4);
    put_le(h + 40, data_bytes, 4);
    return write_all(w, h, sizeof h, err, errn);
}

static int ogg_flush(writer *w, int force, char *err, size_t errn)
{
    ogg_page og;
    while (force ? ogg_stream_flush(&w->os, &og) : ogg_stream_pageout(&w->os, &og)) {
        if (write_all(w, og.header, (size_t)og.header_len, err, errn) < 0 ||
            write_all(w, og.body, (size_t)og.body_len, err, errn) < 0)
            return -1;
    }
    return 0;
}

static int ogg_drain(writer *w, char *err, size_t errn)
{
    ogg_packet op;
    while (vorbis_analysis_blockout(&w->vd, &w->vb) == 1) {
        vorbis_analysis(&w->vb, NULL);
        vorbis_bitrate_addblock(&w->vb);
        while (vorbis_bitrate_flushpacket(&w->vd, &op)) {
            ogg_stream_packetin(&w->os, &op);
            if (ogg_flush(w, 0, err, errn) < 0)
                return -1;
        }
    }
    return 0;
}

/* The frames gathered in w->block to the encoder. */
static void ogg_submit(writer *w)
{
    float **in = vorbis_analysis_buffer(&w->vd, w->blocked);
    memcpy(in[0], w->block, (size_t)w->blocked * sizeof *w->block);
    vorbis_analysis_wrote(&w->vd, w->blocked);
    w->blocked = 0;
}

/* 24 kHz frames to the encoder, in blocks of OGG_BLOCK. */
static int ogg_feed(writer *w, const float *x, int n, char *err, size_t errn)
{
    for (int done = 0; done < n;) {
        int take = OGG_BLOCK - w->blocked < n - done ? OGG_BLOCK - w->blocked : n - done;
        memcpy(w->block + w->blocked, x + done, (size_t)take * sizeof *x);
        w->blocked += take;
        done += take;
        if (w->blocked == OGG_BLOCK) {
            ogg_submit(w);
            if (ogg_drain(w, err, errn) < 0)
                return -1;
        }
    }
    return 0;
}

static uint32_t serial_for(const char *title)
{
    /* A serial from the title, not a random one: the same session renders to the same bytes. */
    uint32_t h = 2166136261u;
    for (const char *p = title ? title : ""; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    return h;
}

static int ogg_start(writer *w, const char *title, char *err, size_t errn)
{
    vorbis_info_init(&w->vi);
    if (vorbis_encode_init_vbr(&w->vi, 1, OGG_RATE, OGG_QUALITY) != 0) {
        vorbis_info_clear(&w->vi);
        snprintf(err, errn, "the Ogg Vorbis encoder refused 24 kHz mono");
        return -1;
    }
    vorbis_comment_init(&w->vc);
    if (title && *title)
        vorbis_comment_add_tag(&w->vc, "TITLE", title);
    vorbis_comment_add_tag(&w->vc, "ENCODER", "pacer");
    halfband_init(&w->hb);
    vorbis_analysis_init(&w->vd, &w->vi);
    vorbis_block_init(&w->vd, &w->vb);
    ogg_stream_init(&w->os, (int)serial_for(title));
    w->ogg_ready = 1;
    ogg_packet header, comm, code;
    vorbis_analysis_headerout(&w->vd, &w->vc, &header, &comm, &code);
    ogg_stream_packetin(&w->os, &header);
    ogg_stream_packetin(&w->os, &comm);
    ogg_stream_packetin(&w->os, &code);
    return ogg_flush(w, 1, err, errn);
}

static void ogg_end(writer *w)
{
    if (!w->ogg_ready)
        return;
    ogg_stream_clear(&w->os);
    vorbis_block_clear(&w->vb);
    vorbis_dsp_clear(&w->vd);
    vorbis_comment_clear(&w->vc);
    vorbis_info_clear(&w->vi);
    w->ogg_ready = 0;
}

static void writer_free(writer *w)
{
    ogg_end(w);
    free(w);
}

writer *writer_open(const char *path, writer_format fmt, const char *title, char *err, size_t n)
{
    writer *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, n, "out of memory");
        return NULL;
    }
    w->fmt = fmt;
    if (outfile_open(&w->out, path, 0, err, n) < 0) {
        writer_free(w);
        return NULL;
    }
    w->f = w->out.f;
    w->path = w->out.path;
    int rc = fmt == WRITER_WAV ? wav_header(w, 0, err, n) : ogg_start(w, title, err, n);
    if (rc < 0) {
        writer_abort(w);
        return NULL;
    }
    return w;
}

int writer_write(writer *w, const float *frames, int n, char *err, size_t errn)
{
    if (w->fmt == WRITER_WAV) {
        int16_t buf[4096];
        for (int done = 0; done < n;) {
            int k = n - done < 2048 ? n - done : 2048;
            unsigned char *b = (unsigned char *)buf;
            for (int i = 0; i < k; i++) {
                uint16_t v = (uint16_t)writer_pcm16(frames[done + i]);
                b[2 * i] = (unsigned char)(v & 0xFF);
                b[2 * i + 1] = (unsigned char)(v >> 8);
            }
            if (write_all(w, buf, (size_t)k * 2, err, errn) < 0)
                return -1;
            done += k;
        }
    } else {
        float half[HALFBAND_PIECE / 2 + 1];
        for (int done = 0; done < n;) {
            int k = n - done < HALFBAND_PIECE ? n - done : HALFBAND_PIECE;
            int made = halfband_push(&w->hb, frames + done, k, half);
            if (ogg_feed(w, half, made, err, errn) < 0)
                return -1;
            done += k;
        }
    }
    w->frames += n;
    return 0;
}

int writer_finish(writer *w, char *err, size_t n)
{
    int rc = 0;
    if (w->fmt == WRITER_WAV) {
        /* render checks with writer_fits before it starts: this is a guard */
        if (writer_fits(w->fmt, w->frames, err, n) < 0) {
            rc = -1;
        } else if (fseek(w->f, 0, SEEK_SET) != 0 || wav_header(w, (uint32_t)(w->frames * 2), err, n) < 0) {
            rc = -1;
        }
    } else {
        float rest[HALFBAND_HALF / 2 + 2];
        int made = halfband_finish(&w->hb, rest);
        rc = ogg_feed(w, rest, made, err, n);
        if (rc == 0 && w->blocked)
            ogg_submit(w);
        if (rc == 0) {
            vorbis_analysis_wrote(&w->vd, 0);
            rc = ogg_drain(w, err, n);
        }
        if (rc == 0)
            rc = ogg_flush(w, 1, err, n);
    }
    if (rc == 0)
        rc = outfile_commit(&w->out, err, n);
    else
        outfile_abort(&w->out);
    writer_free(w);
    return rc;
}

void writer_abort(writer *w)
{
    if (!w)
        return;
    outfile_abort(&w->out);
    writer_free(w);
}
