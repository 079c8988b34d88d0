/* wavcheck.c - a test tool for rendered WAV files.
 *
 *   wavcheck info FILE
 *       Checks the header strictly (RIFF/WAVE, one 16-byte PCM fmt chunk, mono, 48 kHz,
 *       16 bits, the data chunk filling the rest of the file, the RIFF size matching) and
 *       prints "frames N".
 *   wavcheck timeline FILE TIMELINE.json
 *       Checks the file against `pacer timeline --json`: its length is the session's; every
 *       tone that sounds alone is in the file sample for sample at its exact frame (its
 *       sample 0 is silent, the rest is the tone as synthesized and written); every speak
 *       and play event has sound; and every sample outside the sounds is exactly zero.
 *       Prints one line per checked tone: "tone FRAME first-sound FRAME".
 *   wavcheck ogg DECODED.wav TIMELINE.json
 *       Checks a rendered Ogg Vorbis file, decoded to a 24 kHz WAV: its length is half the
 *       session's (rounded up), and every tone that sounds alone is there at its exact
 *       frame (cross-correlation with the tone as synthesized peaks at lag 0) and level
 *       (within 1 dB). Prints a summary line.
 *   wavcheck fake FILE RATE BITS SECONDS
 *       Writes a WAV header claiming SECONDS of mono sound and extends the file to the size
 *       the header promises without writing it (a sparse file): a long recording, instantly.
 *
 * Exit status 0 when the file passes, 1 with a message naming the first problem. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pacer/plugin.h"
#include "tone.h"
#include "writer.h"

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("wavcheck: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 1;
}

static uint32_t le32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }

typedef struct wav {
    int16_t *s;
    int64_t frames;
} wav;

static int load_rate(const char *path, wav *w, uint32_t rate)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail("cannot open %s: %s", path, strerror(errno));
    if (fseek(f, 0, SEEK_END) != 0) {
        fclose(f);
        return fail("cannot seek %s", path);
    }
    long size = ftell(f);
    rewind(f);
    unsigned char h[44];
    if (size < 44 || fread(h, 1, 44, f) != 44) {
        fclose(f);
        return fail("%s: shorter than a WAV header (%ld bytes)", path, size);
    }
    int rc = 0;
    if (memcmp(h, "RIFF", 4) || memcmp(h + 8, "WAVE", 4) || memcmp(h + 12, "fmt ", 4))
        rc = fail("%s: not a RIFF/WAVE file with a fmt chunk first", path);
    else if (le32(h + 4) != (uint32_t)size - 8)
        rc = fail("%s: RIFF size %u, file size - 8 is %ld", path, le32(h + 4), size - 8);
    else if (le32(h + 16) != 16 || le16(h + 20) != 1)
        rc = fail("%s: fmt chunk of %u bytes, format %u: expected 16-byte PCM", path, le32(h + 16), le16(h + 20));
    else if (le16(h + 22) != 1 || le32(h + 24) != rate || le16(h + 34) != 16)
        rc = fail("%s: %u channels, %u Hz, %u bits: expected mono %u Hz 16 bits", path, le16(h + 22), le32(h + 24),
                  le16(h + 34), rate);
    else if (le32(h + 28) != rate * 2 || le16(h + 32) != 2)
        rc = fail("%s: byte rate %u, block align %u", path, le32(h + 28), le16(h + 32));
    else if (memcmp(h + 36, "data", 4))
        rc = fail("%s: no data chunk after fmt", path);
    else if (le32(h + 40) != (uint32_t)size - 44)
        rc = fail("%s: data size %u, but %ld bytes follow the header", path, le32(h + 40), size - 44);
    if (rc) {
        fclose(f);
        return rc;
    }
    w->frames = (size - 44) / 2;
    w->s = malloc((size_t)(w->frames ? w->frames : 1) * 2);
    unsigned char *raw = malloc((size_t)(size - 44 + 1));
    if (!w->s || !raw || fread(raw, 1, (size_t)(size - 44), f) != (size_t)(size - 44)) {
        fclose(f);
        free(raw);
        return fail("%s: cannot read the samples", path);
    }
    fclose(f);
    for (int64_t i = 0; i < w->frames; i++)
        w->s[i] = (int16_t)le16(raw + 2 * i);
    free(raw);
    return 0;
}

static int load(const char *path, wav *w) { return load_rate(path, w, PACER_RATE); }

/* ---- the timeline's JSON: one event a line, as print_timeline_json writes it ---- */
typedef struct ev {
    int64_t at, len;
    char kind[16], shape[16];
    double hz, level;
} ev;

static const char *field(const char *line, const char *name)
{
    char key[48];
    snprintf(key, sizeof key, "\"%s\":", name);
    const char *p = strstr(line, key);
    return p ? p + strlen(key) : NULL;
}

/* A question (ask) of the timeline: a render takes its default, so the other branch's frames
 * [skip_from, skip_to) are not in the file and everything after them comes that much sooner. */
typedef struct way {
    int id, default_yes;
    int64_t skip_from, skip_to;
} way;
enum { MAX_WAYS = 64 };

/* The "asks" line of one question: its default and the frames the render skips. */
static void read_way(const char *line, way *w)
{
    w->id = atoi(field(line, "ask"));
    w->default_yes = field(line, "default") && strncmp(field(line, "default"), "\"yes\"", 5) == 0;
    int64_t decide = strtoll(field(line, "decide"), NULL, 10);
    int64_t yes_end = field(line, "yes_end") ? strtoll(field(line, "yes_end"), NULL, 10) : decide;
    int64_t no_end = field(line, "no_end") ? strtoll(field(line, "no_end"), NULL, 10) : yes_end;
    w->skip_from = w->default_yes ? yes_end : decide;
    w->skip_to = w->default_yes ? no_end : yes_end;
}

/* Whether an event lies in a branch the render does not take. */
static int off_the_way(const char *line, const way *ways, int nways)
{
    if (!field(line, "ask") || !field(line, "answer"))
        return 0;
    int id = atoi(field(line, "ask"));
    int yes = strncmp(field(line, "answer"), "\"yes\"", 5) == 0;
    for (int i = 0; i < nways; i++)
        if (ways[i].id == id)
            return yes != ways[i].default_yes;
    return 0;
}

static int read_events(const char *path, ev **out, int *n, int64_t *frames)
{
    way ways[MAX_WAYS];
    int nways = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return fail("cannot open %s: %s", path, strerror(errno));
    char line[8192];
    int cap = 0, in_events = 0;
    *n = 0;
    *out = NULL;
    *frames = -1;
    while (fgets(line, sizeof line, f)) {
        if (*frames < 0 && field(line, "frames"))
            *frames = strtoll(field(line, "frames"), NULL, 10);
        if (strncmp(line, "\"events\"", 8) == 0) {
            in_events = 1;
            continue;
        }
        if (!in_events && field(line, "decide") && field(line, "ask") && nways < MAX_WAYS)
            read_way(line, &ways[nways++]);
        if (!in_events || !field(line, "kind") || off_the_way(line, ways, nways))
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 256;
            ev *p = realloc(*out, (size_t)cap * sizeof *p);
            if (!p) {
                fclose(f);
                return fail("out of memory");
            }
            *out = p;
        }
        ev *e = &(*out)[(*n)++];
        memset(e, 0, sizeof *e);
        e->at = strtoll(field(line, "frame"), NULL, 10);
        e->len = field(line, "len") ? strtoll(field(line, "len"), NULL, 10) : 0;
        sscanf(field(line, "kind"), "\"%15[^\"]\"", e->kind);
        if (field(line, "shape"))
            sscanf(field(line, "shape"), "\"%15[^\"]\"", e->shape);
        /* the timeline keeps pitch and level as floats: read them back the same way */
        if (field(line, "hz"))
            e->hz = (float)strtod(field(line, "hz"), NULL);
        if (field(line, "level"))
            e->level = (float)strtod(field(line, "level"), NULL);
    }
    fclose(f);
    if (*frames < 0)
        return fail("%s: no \"frames\" field", path);
    /* the render's frames: each skipped branch taken out */
    for (int i = 0; i < *n; i++) {
        int64_t shift = 0;
        for (int k = 0; k < nways; k++)
            if (ways[k].skip_to <= (*out)[i].at)
                shift += ways[k].skip_to - ways[k].skip_from;
        (*out)[i].at -= shift;
    }
    for (int k = 0; k < nways; k++)
        *frames -= ways[k].skip_to - ways[k].skip_from;
    return 0;
}

static int audible(const ev *e)
{
    return !strcmp(e->kind, "tone") || !strcmp(e->kind, "speak") || !strcmp(e->kind, "play");
}

static int shape_of(const char *name)
{
    static const char *const names[] = {"sine", "bell", "chime", "rise", "fall", "tick", "swell", "double"};
    for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
        if (!strcmp(name, names[i]))
            return i;
    return -1;
}

/* Where the render ends: the session's frames, or later where a sound runs past them. */
static int64_t session_end(const ev *e, int n, int64_t frames)
{
    int64_t end = frames;
    for (int i = 0; i < n; i++)
        if (audible(&e[i]) && e[i].at + e[i].len > end)
            end = e[i].at + e[i].len;
    return end;
}

/* The tone event x as the core synthesizes it (x->shape must be known); malloc'd, NULL on no
 * memory. */
static float *synth_tone(const ev *x)
{
    float *buf = calloc((size_t)x->len, sizeof *buf);
    if (buf) {
        tone_params tp = {(pacer_shape)shape_of(x->shape), x->hz, x->level, x->len};
        tone_mix(&tp, 0, buf, (int)x->len);
    }
    return buf;
}

static int check_timeline(const char *wav_path, const char *json_path)
{
    wav w;
    ev *e;
    int n;
    int64_t frames;
    if (load(wav_path, &w) || read_events(json_path, &e, &n, &frames))
        return 1;
    int rc = 0;
    int64_t end = session_end(e, n, frames);
    if (w.frames != end)
        rc = fail("%s has %lld frames; the timeline's sounds end at %lld", wav_path, (long long)w.frames,
                  (long long)end);
    /* silence outside every sound */
    char *covered = calloc((size_t)(w.frames + 1), 1);
    if (!covered)
        return fail("out of memory");
    for (int i = 0; i < n && !rc; i++)
        if (audible(&e[i]))
            for (int64_t k = e[i].at; k < e[i].at + e[i].len && k < w.frames; k++)
                covered[k] = 1;
    for (int64_t k = 0; k < w.frames && !rc; k++)
        if (!covered[k] && w.s[k] != 0)
            rc = fail("sample %lld (%.3f s) is %d, outside every sound", (long long)k, (double)k / PACER_RATE, w.s[k]);
    int tones = 0, cues = 0;
    float *buf = NULL;
    for (int i = 0; i < n && !rc; i++) {
        const ev *x = &e[i];
        if (!audible(x))
            continue;
        int alone = 1;
        for (int k = 0; k < n && alone; k++)
            if (k != i && audible(&e[k]) && e[k].at < x->at + x->len && e[k].at + e[k].len > x->at)
                alone = 0;
        if (strcmp(x->kind, "tone") != 0) {
            /* speech or a recording: it sounds inside its event */
            int64_t loud = 0;
            for (int64_t k = x->at; k < x->at + x->len; k++)
                loud += w.s[k] != 0;
            if (loud < x->len / 4)
                rc = fail("the %s at %lld has sound in only %lld of its %lld frames", x->kind, (long long)x->at,
                          (long long)loud, (long long)x->len);
            cues++;
            continue;
        }
        if (!alone)
            continue;
        if (shape_of(x->shape) < 0) {
            rc = fail("unknown tone shape '%s'", x->shape);
            break;
        }
        free(buf);
        if (!(buf = synth_tone(x)))
            return fail("out of memory");
        int64_t first = -1;
        for (int64_t k = 0; k < x->len && !rc; k++) {
            int16_t want = writer_pcm16(buf[k]);
            if (w.s[x->at + k] != want)
                rc = fail("tone at %lld (%s): sample %lld is %d, expected %d", (long long)x->at, x->shape,
                          (long long)k, w.s[x->at + k], want);
            if (first < 0 && w.s[x->at + k] != 0)
                first = x->at + k;
        }
        if (!rc && w.s[x->at] != 0)
            rc = fail("tone at %lld: its sample 0 is %d, not silent", (long long)x->at, w.s[x->at]);
        if (!rc) {
            printf("tone %lld first-sound %lld\n", (long long)x->at, (long long)first);
            tones++;
        }
    }
    if (!rc)
        printf("checked %d tones sample for sample, %d spoken cues, %lld frames\n", tones, cues,
               (long long)w.frames);
    free(buf);
    free(covered);
    free(e);
    free(w.s);
    return rc;
}

/* The Ogg file decoded (24 kHz, as sox writes it): its length is half the session's,
 * rounded up; every tone that sounds alone is there at its frame, lined up to the sample
 * (the cross-correlation with the tone as synthesized peaks at lag 0 of -48..48) at its
 * level (within 1 dB). Output frame m stands for session frame 2m. */
static int check_ogg(const char *wav_path, const char *json_path)
{
    wav w;
    ev *e;
    int n;
    int64_t frames;
    if (load_rate(wav_path, &w, PACER_RATE / 2) || read_events(json_path, &e, &n, &frames))
        return 1;
    int rc = 0;
    int64_t end = session_end(e, n, frames);
    if (w.frames != (end + 1) / 2)
        rc = fail("%s has %lld frames; the session's %lld frames make %lld", wav_path, (long long)w.frames,
                  (long long)end, (long long)((end + 1) / 2));
    enum { MAXLAG = 48 };
    int tones = 0;
    double worst_db = 0;
    float *buf = NULL;
    for (int i = 0; i < n && !rc; i++) {
        const ev *x = &e[i];
        if (strcmp(x->kind, "tone") != 0)
            continue;
        int alone = 1;
        for (int k = 0; k < n && alone; k++)
            if (k != i && audible(&e[k]) && e[k].at < x->at + x->len + 2 * MAXLAG &&
                e[k].at + e[k].len + 2 * MAXLAG > x->at)
                alone = 0;
        if (!alone || shape_of(x->shape) < 0)
            continue;
        free(buf);
        if (!(buf = synth_tone(x)))
            return fail("out of memory");
        /* the tone at 24 kHz: output frame m is session frame 2m */
        const int64_t m0 = (x->at + 1) / 2, m1 = (x->at + x->len + 1) / 2;
        if (m0 - MAXLAG < 0 || m1 + MAXLAG > w.frames)
            continue;
        int best = 0;
        double best_c = -1e300, ref2 = 0, got2 = 0;
        for (int lag = -MAXLAG; lag <= MAXLAG; lag++) {
            double c = 0;
            for (int64_t m = m0; m < m1; m++)
                c += (double)buf[2 * m - x->at] * w.s[m + lag];
            if (c > best_c) {
                best_c = c;
                best = lag;
            }
        }
        for (int64_t m = m0; m < m1; m++) {
            ref2 += (double)buf[2 * m - x->at] * buf[2 * m - x->at];
            got2 += ((double)w.s[m] / 32767.0) * ((double)w.s[m] / 32767.0);
        }
        double db = 10.0 * log10((got2 + 1e-30) / (ref2 + 1e-30));
        if (best != 0)
            rc = fail("tone at %lld (%s %.1f Hz): the decoded Ogg lines up at lag %d output frames, not 0",
                      (long long)x->at, x->shape, x->hz, best);
        else if (fabs(db) > 1.0)
            rc = fail("tone at %lld (%s %.1f Hz): the decoded Ogg is %+.2f dB from the tone's level", (long long)x->at,
                      x->shape, x->hz, db);
        if (fabs(db) > fabs(worst_db))
            worst_db = db;
        tones++;
    }
    if (!rc && tones == 0)
        rc = fail("%s: no tone sounds alone, nothing to check", wav_path);
    if (!rc)
        printf("checked %d tones in the decoded Ogg: all at lag 0, level within %.2f dB; %lld frames\n", tones,
               fabs(worst_db), (long long)w.frames);
    free(buf);
    free(e);
    free(w.s);
    return rc;
}

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}
static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static int fake(const char *path, int rate, int bits, double seconds)
{
    uint64_t data = (uint64_t)llround(seconds * rate) * (uint64_t)(bits / 8);
    if (data > 0xFFFFFFFFu - 36)
        return fail("%.0f s at %d Hz, %d bits does not fit in a WAV file", seconds, rate, bits);
    unsigned char h[44];
    memcpy(h, "RIFF", 4);
    put32(h + 4, (uint32_t)(36 + data));
    memcpy(h + 8, "WAVEfmt ", 8);
    put32(h + 16, 16);
    put16(h + 20, 1);
    put16(h + 22, 1);
    put32(h + 24, (uint32_t)rate);
    put32(h + 28, (uint32_t)(rate * bits / 8));
    put16(h + 32, (unsigned)(bits / 8));
    put16(h + 34, (unsigned)bits);
    memcpy(h + 36, "data", 4);
    put32(h + 40, (uint32_t)data);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(h, 1, 44, f) != 44 || fclose(f) != 0)
        return fail("cannot write %s", path);
    if (truncate(path, (off_t)(44 + data)) != 0)
        return fail("cannot extend %s: %s", path, strerror(errno));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "info")) {
        wav w;
        if (load(argv[2], &w))
            return 1;
        printf("frames %lld\n", (long long)w.frames);
        free(w.s);
        return 0;
    }
    if (argc == 4 && !strcmp(argv[1], "timeline"))
        return check_timeline(argv[2], argv[3]);
    if (argc == 4 && !strcmp(argv[1], "ogg"))
        return check_ogg(argv[2], argv[3]);
    if (argc == 6 && !strcmp(argv[1], "fake"))
        return fake(argv[2], atoi(argv[3]), atoi(argv[4]), atof(argv[5]));
    fprintf(stderr, "usage: wavcheck info FILE | timeline FILE TIMELINE.json | ogg DECODED.wav TIMELINE.json | fake FILE RATE BITS SECONDS\n");
    return 2;
}
