/* recording.c - the recording checker: WAV, Ogg Vorbis, FLAC and MP3 headers read by Pacer
 * itself before any decoder sees the file.
 *
 * Decoders trust their headers: SDL's WAV reader divided by a channel count of 0, and an MP3
 * whose Xing header claimed a few frames was decoded to gigabytes. So every size read here
 * is checked against the bytes really there, every count against a range Pacer can play,
 * and the length of a WAV or MP3 is counted from its samples and frames (never taken from a
 * header), stopping as soon as it passes the limit. Pure C; reads only the buffer given. */
#include "recording.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static uint32_t le16(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t le32(const unsigned char *p) { return le16(p) | le16(p + 2) << 16; }
static uint32_t be16(const unsigned char *p) { return (uint32_t)p[0] << 8 | p[1]; }
static uint32_t be24(const unsigned char *p) { return be16(p) << 8 | p[2]; }
static uint32_t be32(const unsigned char *p) { return be16(p) << 16 | be16(p + 2); }
static uint64_t le64(const unsigned char *p) { return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32; }

static int bad(char *why, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bad(char *why, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, n, fmt, ap);
    va_end(ap);
    return RECORDING_BAD;
}

/* Channels and rate, the same rule for every format. */
static int check_shape(long channels, long rate, char *why, size_t n)
{
    if (channels < 1)
        return bad(why, n, "it has %ld channels", channels);
    if (channels > RECORDING_MAX_CHANNELS)
        return bad(why, n, "it has %ld channels; recordings may have at most %d", channels, RECORDING_MAX_CHANNELS);
    if (rate < RECORDING_MIN_RATE || rate > RECORDING_MAX_RATE)
        return bad(why, n, "its sample rate, %ld Hz, is outside %d to %d Hz", rate, RECORDING_MIN_RATE,
                   RECORDING_MAX_RATE);
    return RECORDING_OK;
}

/* frames at rate against the limit: RECORDING_TOO_LONG with the length, or OK. */
static int check_length(uint64_t frames, long rate, double max_seconds, int exact, char *why, size_t n)
{
    double secs = (double)frames / (double)rate;
    if (secs <= max_seconds)
        return RECORDING_OK;
    if (exact)
        snprintf(why, n, "it lasts %.0f minutes; recordings may be at most %.0f minutes", secs / 60, max_seconds / 60);
    else
        snprintf(why, n, "it lasts more than %.0f minutes; recordings may be at most %.0f minutes", max_seconds / 60,
                 max_seconds / 60);
    return RECORDING_TOO_LONG;
}

/* ---- WAV ---- */
enum { WAVE_PCM = 1, WAVE_FLOAT = 3, WAVE_EXTENSIBLE = 0xFFFE };

static int probe_wav(const unsigned char *d, size_t n, double max_seconds, recording_info *ri, char *why, size_t wn)
{
    if (n < 12)
        return bad(why, wn, "it is cut short inside its header");
    if (memcmp(d + 8, "WAVE", 4) != 0)
        return bad(why, wn, "it is a RIFF file but not a WAV");
    const unsigned char *fmt = NULL;
    uint64_t pos = 12;
    int have_data = 0;
    while (pos + 8 <= n) {
        const unsigned char *c = d + pos;
        uint64_t size = le32(c + 4), body = pos + 8, avail = n - body;
        if (memcmp(c, "fmt ", 4) == 0) {
            if (size < 16)
                return bad(why, wn, "its fmt chunk is too small (%u bytes)", (unsigned)size);
            if (size > avail)
                return bad(why, wn, "its fmt chunk is cut short");
            fmt = c + 8;
            if (le16(fmt) == WAVE_EXTENSIBLE && size < 40)
                return bad(why, wn, "its extensible fmt chunk is too small (%u bytes)", (unsigned)size);
        } else if (memcmp(c, "data", 4) == 0) {
            if (!fmt)
                return bad(why, wn, "its sample data comes before its fmt chunk");
            /* A data chunk cut short (a copy that stopped) keeps the samples that are there. */
            ri->data_off = (size_t)body;
            ri->data_len = (size_t)(size < avail ? size : avail);
            have_data = 1;
            break;
        } else if (size > avail) {
            return bad(why, wn, "its chunk '%.4s' runs past the end of the file", (const char *)c);
        }
        pos = body + size + (size & 1);
    }
    if (!fmt)
        return bad(why, wn, "it has no fmt chunk");
    if (!have_data)
        return bad(why, wn, "it has no sample data (no data chunk)");
    uint32_t tag = le16(fmt), channels = le16(fmt + 2), rate = le32(fmt + 4), block = le16(fmt + 12),
             bits = le16(fmt + 14);
    if (tag == WAVE_EXTENSIBLE)
        tag = le16(fmt + 24); /* the sub-format GUID begins with the format tag */
    int r = check_shape(channels, rate, why, wn);
    if (r != RECORDING_OK)
        return r;
    if (tag == WAVE_PCM) {
        if (bits != 8 && bits != 16 && bits != 24 && bits != 32)
            return bad(why, wn, "its samples have %u bits; PCM WAV files may have 8, 16, 24 or 32", bits);
    } else if (tag == WAVE_FLOAT) {
        if (bits != 32 && bits != 64)
            return bad(why, wn, "its float samples have %u bits; they may have 32 or 64", bits);
    } else {
        return bad(why, wn, "its samples are encoded in a way Pacer does not read (WAV format 0x%04x); save it as PCM WAV",
                   tag);
    }
    if (block != channels * (bits / 8))
        return bad(why, wn, "its header says blocks of %u bytes for %u channels of %u bits", block, channels, bits);
    ri->format = REC_WAV;
    ri->channels = (int)channels;
    ri->rate = (int)rate;
    ri->wav_bits = (int)bits;
    ri->wav_float = tag == WAVE_FLOAT;
    ri->wav_block = (int)block;
    ri->data_len -= ri->data_len % block;
    ri->frames = (int64_t)(ri->data_len / block);
    if (ri->frames == 0)
        return bad(why, wn, "it holds no sound (no samples)");
    return check_length((uint64_t)ri->frames, rate, max_seconds, 1, why, wn);
}

/* ---- Ogg Vorbis ---- */
/* The granule position of the last page in the file's final 64 KiB, or -1. */
static int64_t last_granule(const unsigned char *d, size_t n)
{
    if (n < 27)
        return -1;
    size_t stop = n - 27 > 65536 ? n - 27 - 65536 : 0;
    for (size_t i = n - 27;; i--) {
        if (memcmp(d + i, "OggS", 4) == 0 && d[i + 4] == 0)
            return (int64_t)le64(d + i + 6);
        if (i == stop)
            return -1;
    }
}

static int probe_ogg(const unsigned char *d, size_t n, double max_seconds, recording_info *ri, char *why, size_t wn)
{
    if (n < 27)
        return bad(why, wn, "it is cut short inside its first Ogg page");
    if (d[4] != 0)
        return bad(why, wn, "its Ogg page has version %u; only version 0 exists", d[4]);
    if (!(d[5] & 2))
        return bad(why, wn, "its first Ogg page does not begin a stream");
    size_t nseg = d[26], body = 27 + nseg;
    if (body > n)
        return bad(why, wn, "it is cut short inside its first Ogg page");
    size_t plen = 0, k = 0;
    for (; k < nseg; k++) {
        plen += d[27 + k];
        if (d[27 + k] < 255)
            break;
    }
    if (body + plen > n)
        return bad(why, wn, "it is cut short inside its first Ogg page");
    const unsigned char *p = d + body;
    if (plen >= 8 && memcmp(p, "OpusHead", 8) == 0)
        return bad(why, wn, "it is Ogg Opus; Pacer reads Ogg Vorbis, WAV, FLAC and MP3");
    if (plen >= 5 && memcmp(p, "\x7f" "FLAC", 5) == 0)
        return bad(why, wn, "it is FLAC inside Ogg; save it as a plain .flac file");
    if (plen < 7 || memcmp(p, "\x01vorbis", 7) != 0)
        return bad(why, wn, "it is an Ogg file, but not Ogg Vorbis");
    if (plen != 30)
        return bad(why, wn, "its Vorbis header is %zu bytes long; it must be 30", plen);
    if (le32(p + 7) != 0)
        return bad(why, wn, "its Vorbis header has version %u; only version 0 exists", le32(p + 7));
    uint32_t channels = p[11], rate = le32(p + 12);
    int r = check_shape(channels, rate, why, wn);
    if (r != RECORDING_OK)
        return r;
    unsigned b0 = p[28] & 15, b1 = p[28] >> 4;
    if (b0 < 6 || b1 > 13 || b0 > b1)
        return bad(why, wn, "its Vorbis block sizes (2^%u, 2^%u) are not valid", b0, b1);
    if (!(p[29] & 1))
        return bad(why, wn, "its Vorbis header is not closed (framing bit)");
    ri->format = REC_VORBIS;
    ri->channels = (int)channels;
    ri->rate = (int)rate;
    int64_t g = last_granule(d, n);
    ri->frames = g > 0 ? g : 0;
    /* The last page's position only ever makes a file be refused sooner; the decoder counts. */
    return g > 0 ? check_length((uint64_t)g, rate, max_seconds, 1, why, wn) : RECORDING_OK;
}

/* ---- FLAC ---- */
static int probe_flac(const unsigned char *d, size_t n, double max_seconds, recording_info *ri, char *why, size_t wn)
{
    size_t pos = 4;
    int first = 1, last = 0;
    const unsigned char *si = NULL;
    while (!last) {
        if (pos + 4 > n)
            return bad(why, wn, "it is cut short inside its metadata");
        last = d[pos] >> 7;
        unsigned type = d[pos] & 127;
        size_t len = be24(d + pos + 1);
        if (type == 127)
            return bad(why, wn, "it has a metadata block of the invalid type 127");
        if (first && (type != 0 || len != 34))
            return bad(why, wn, "its first metadata block is not a stream header (STREAMINFO)");
        if (!first && type == 0)
            return bad(why, wn, "it has a second stream header (STREAMINFO)");
        if (len > n - pos - 4)
            return bad(why, wn, "it is cut short inside its metadata");
        if (first)
            si = d + pos + 4;
        first = 0;
        pos += 4 + len;
    }
    unsigned minblk = be16(si), maxblk = be16(si + 2);
    uint32_t rate = be24(si + 10) >> 4;
    unsigned channels = ((si[12] >> 1) & 7) + 1, bps = (((si[12] & 1) << 4) | (si[13] >> 4)) + 1;
    uint64_t total = (uint64_t)(si[13] & 15) << 32 | be32(si + 14);
    int r = check_shape(channels, rate, why, wn);
    if (r != RECORDING_OK)
        return r;
    if (minblk < 16 || maxblk < minblk)
        return bad(why, wn, "its block sizes (%u to %u) are not valid", minblk, maxblk);
    if (bps < 4)
        return bad(why, wn, "its samples have %u bits; FLAC samples have 4 to 32", bps);
    if (pos >= n)
        return bad(why, wn, "it holds no sound (no audio frames)");
    ri->format = REC_FLAC;
    ri->channels = (int)channels;
    ri->rate = (int)rate;
    ri->frames = (int64_t)total;
    return total ? check_length(total, rate, max_seconds, 1, why, wn) : RECORDING_OK;
}

/* ---- MP3 (MPEG audio layers I, II, III) ---- */
typedef struct mpeg_frame {
    int version; /* 1: MPEG-1, 2: MPEG-2, 25: MPEG-2.5 */
    int layer, rate, channels, samples;
    size_t bytes;
} mpeg_frame;

/* 0 and the frame for a valid frame header at p (4 bytes); -1 when it is none. */
static int mpeg_header(const unsigned char *p, mpeg_frame *f)
{
    static const short kbps[2][3][16] = {
        {{0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448, 0},
         {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 0},
         {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0}},
        {{0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256, 0},
         {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0},
         {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0}},
    };
    static const int rates[3] = {44100, 48000, 32000};
    if (p[0] != 0xFF || (p[1] & 0xE0) != 0xE0)
        return -1;
    int ver = (p[1] >> 3) & 3, lay = (p[1] >> 1) & 3, bri = p[2] >> 4, sri = (p[2] >> 2) & 3, pad = (p[2] >> 1) & 1;
    if (ver == 1 || lay == 0 || bri == 0 || bri == 15 || sri == 3)
        return -1; /* reserved values; bitrate 0 is the free format, which has no frame size */
    f->version = ver == 3 ? 1 : ver == 2 ? 2 : 25;
    f->layer = 4 - lay;
    f->rate = rates[sri] >> (ver == 3 ? 0 : ver == 2 ? 1 : 2);
    f->channels = (p[3] >> 6) == 3 ? 1 : 2;
    long br = kbps[f->version != 1][f->layer - 1][bri] * 1000L;
    if (f->layer == 1) {
        f->samples = 384;
        f->bytes = (size_t)((12 * br / f->rate + pad) * 4);
    } else if (f->layer == 3 && f->version != 1) {
        f->samples = 576;
        f->bytes = (size_t)(72 * br / f->rate + pad);
    } else {
        f->samples = 1152;
        f->bytes = (size_t)(144 * br / f->rate + pad);
    }
    return f->bytes > 4 ? 0 : -1;
}

/* The frame count of a Xing/Info header in the first frame, or -1 when it has none. */
static int64_t xing_frames(const unsigned char *p, const mpeg_frame *f)
{
    if (f->layer != 3)
        return -1;
    size_t side = f->version == 1 ? (f->channels == 1 ? 17 : 32) : (f->channels == 1 ? 9 : 17);
    size_t at = 4 + side;
    if (at + 12 > f->bytes || (memcmp(p + at, "Xing", 4) != 0 && memcmp(p + at, "Info", 4) != 0))
        return -1;
    return be32(p + at + 4) & 1 ? (int64_t)be32(p + at + 8) : -1;
}

/* Tags that may end an MP3 file: ID3v1, APEv2, Lyrics3. */
static int trailing_tag(const unsigned char *p, size_t left)
{
    return (left >= 3 && memcmp(p, "TAG", 3) == 0) || (left >= 8 && memcmp(p, "APETAGEX", 8) == 0) ||
           (left >= 11 && memcmp(p, "LYRICSBEGIN", 11) == 0);
}

static int probe_mp3(const unsigned char *d, size_t n, double max_seconds, recording_info *ri, char *why, size_t wn)
{
    size_t pos = 0;
    while (n - pos >= 10 && memcmp(d + pos, "ID3", 3) == 0) {
        const unsigned char *t = d + pos;
        if ((t[6] | t[7] | t[8] | t[9]) & 0x80)
            return bad(why, wn, "its ID3 tag has a size that is not valid");
        size_t size = (size_t)t[6] << 21 | (size_t)t[7] << 14 | (size_t)t[8] << 7 | t[9];
        size += 10 + (t[5] & 0x10 ? 10 : 0);
        if (size > n - pos)
            return bad(why, wn, "its ID3 tag runs past the end of the file");
        pos += size;
    }
    while (pos < n && d[pos] == 0) /* some tools pad the tag with zeros */
        pos++;
    mpeg_frame first, f;
    if (n - pos < 4 || mpeg_header(d + pos, &first) < 0)
        return bad(why, wn, "it is not a recording Pacer reads (no MPEG audio frame where one must begin)");
    int r = check_shape(first.channels, first.rate, why, wn);
    if (r != RECORDING_OK)
        return r;
    size_t start = pos;
    int64_t frames = 0, count = 0, xing = -1;
    while (n - pos >= 4) {
        if (trailing_tag(d + pos, n - pos))
            break;
        if (mpeg_header(d + pos, &f) < 0)
            return bad(why, wn, "it holds bytes that are not MPEG audio at byte %zu", pos);
        if (f.rate != first.rate || f.layer != first.layer)
            return bad(why, wn, "it changes its %s at byte %zu", f.rate != first.rate ? "sample rate" : "layer", pos);
        if (f.bytes > n - pos)
            break; /* cut short inside its last frame: what comes before plays */
        if (count == 0)
            xing = xing_frames(d + pos, &f);
        count++;
        frames += f.samples;
        pos += f.bytes;
        /* Counted as it goes: a file longer than the limit is refused at the frame that
         * passes it, whatever its headers say. */
        if (check_length((uint64_t)frames, first.rate, max_seconds, 0, why, wn) != RECORDING_OK)
            return RECORDING_TOO_LONG;
    }
    if (count == 0 || (xing >= 0 && count == 1))
        return bad(why, wn, "it holds no sound (no whole MPEG audio frame)");
    ri->format = REC_MP3;
    ri->channels = first.channels;
    ri->rate = first.rate;
    ri->data_off = start;
    ri->data_len = pos - start;
    /* A Xing/Info frame is a header, not sound; the decoder skips it when it is believed. */
    ri->mp3_info_lies = xing >= 0 && xing != count - 1;
    ri->frames = frames - (xing >= 0 && !ri->mp3_info_lies ? first.samples : 0);
    return RECORDING_OK;
}

int recording_probe(const unsigned char *d, size_t n, double max_seconds, recording_info *ri, char *why, size_t wn)
{
    memset(ri, 0, sizeof *ri);
    if (n == 0)
        return bad(why, wn, "it is an empty file");
    if (n >= 4 && memcmp(d, "RIFF", 4) == 0)
        return probe_wav(d, n, max_seconds, ri, why, wn);
    if (n >= 4 && (memcmp(d, "RIFX", 4) == 0 || memcmp(d, "RF64", 4) == 0))
        return bad(why, wn, "it is a %.4s file; Pacer reads plain (RIFF) WAV files", (const char *)d);
    if (n >= 4 && memcmp(d, "OggS", 4) == 0)
        return probe_ogg(d, n, max_seconds, ri, why, wn);
    if (n >= 4 && memcmp(d, "fLaC", 4) == 0)
        return probe_flac(d, n, max_seconds, ri, why, wn);
    if ((n >= 3 && memcmp(d, "ID3", 3) == 0) || (n >= 2 && d[0] == 0xFF && (d[1] & 0xE0) == 0xE0))
        return probe_mp3(d, n, max_seconds, ri, why, wn);
    return bad(why, wn, "it is not a recording Pacer reads (WAV, Ogg Vorbis, FLAC or MP3)");
}
