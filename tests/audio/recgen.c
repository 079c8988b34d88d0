/* recgen.c - writes recordings, good and malformed, for recordings_test.sh: WAV files with
 * any header values, MP3 files of silent MPEG frames (with a Xing header that may lie), and
 * changes to the headers of real Ogg and FLAC files.
 *
 *   recgen wav OUT TAG CHANNELS RATE BITS BLOCK FRAMES   a WAV (a 440 Hz tone, or zeros when
 *                                                      the values make no sense) saying these
 *   recgen mp3 OUT VERSION RATE_INDEX KBPS_INDEX FRAMES XING   silent mono MPEG layer III
 *          frames (VERSION 1, 2 or 25); XING >= 0 puts a Xing header claiming XING frames
 *          into the first frame, -1 none
 *   recgen patch FILE OFFSET HEX                      overwrites bytes at OFFSET
 *   recgen flac-info FILE FIELD VALUE                 sets a STREAMINFO field of a FLAC file:
 *          rate, minblk, total
 *   recgen ogg-last-granule FILE VALUE                sets the granule position of the last
 *          Ogg page (its checksum is left as it was)
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put16(FILE *f, unsigned v) { fputc((int)(v & 255), f), fputc((int)(v >> 8 & 255), f); }
static void put32(FILE *f, unsigned long v) { put16(f, (unsigned)(v & 0xffff)), put16(f, (unsigned)(v >> 16 & 0xffff)); }

static int usage(void)
{
    fprintf(stderr, "usage: recgen wav|mp3|patch|flac-info|ogg-last-granule ... (see recgen.c)\n");
    return 2;
}

static int gen_wav(char **a)
{
    unsigned tag = (unsigned)strtoul(a[1], NULL, 0), ch = (unsigned)strtoul(a[2], NULL, 0);
    unsigned long rate = strtoul(a[3], NULL, 0);
    unsigned bits = (unsigned)strtoul(a[4], NULL, 0), block = (unsigned)strtoul(a[5], NULL, 0);
    unsigned long frames = strtoul(a[6], NULL, 0);
    unsigned long bytes = frames * (block ? block : 2);
    FILE *f = fopen(a[0], "wb");
    if (!f)
        return 1;
    fputs("RIFF", f);
    put32(f, 4 + 8 + 16 + 8 + bytes);
    fputs("WAVEfmt ", f);
    put32(f, 16);
    put16(f, tag), put16(f, ch), put32(f, rate), put32(f, rate * block), put16(f, block), put16(f, bits);
    fputs("data", f);
    put32(f, bytes);
    int pcm16 = tag == 1 && bits == 16 && ch >= 1 && block == ch * 2 && rate > 0;
    for (unsigned long i = 0; i < frames; i++) {
        if (pcm16) {
            int v = (int)lround(8000 * sin(2 * M_PI * 440.0 * (double)i / (double)rate));
            for (unsigned c = 0; c < ch; c++)
                put16(f, (unsigned)(v & 0xffff));
        } else {
            for (unsigned b = 0; b < (block ? block : 2); b++)
                fputc(0, f);
        }
    }
    return fclose(f) != 0;
}

static int gen_mp3(char **a)
{
    int ver = atoi(a[1]), sri = atoi(a[2]), bri = atoi(a[3]);
    long frames = atol(a[4]), xing = atol(a[5]);
    static const short kbps1[16] = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0};
    static const short kbps2[16] = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0};
    static const int rates[3] = {44100, 48000, 32000};
    int vbits = ver == 1 ? 3 : ver == 2 ? 2 : 0;
    int rate = rates[sri % 3] >> (ver == 1 ? 0 : ver == 2 ? 1 : 2);
    long br = (ver == 1 ? kbps1 : kbps2)[bri & 15] * 1000L;
    size_t bytes = br ? (size_t)((ver == 1 ? 144 : 72) * br / rate) : 200;
    unsigned char *fr = calloc(1, bytes);
    FILE *f = fopen(a[0], "wb");
    if (!fr || !f)
        return 1;
    fr[0] = 0xFF;
    fr[1] = (unsigned char)(0xE0 | vbits << 3 | 1 << 1 | 1); /* layer III, no CRC */
    fr[2] = (unsigned char)((bri & 15) << 4 | (sri & 3) << 2);
    fr[3] = 0xC0; /* mono */
    for (long i = 0; i < frames; i++) {
        unsigned char *out = fr;
        unsigned char first[4096];
        if (i == 0 && xing >= 0 && bytes <= sizeof first) {
            memcpy(first, fr, bytes);
            size_t at = 4 + (ver == 1 ? 17 : 9);
            memcpy(first + at, "Xing", 4);
            first[at + 7] = 1; /* flags: frame count present */
            first[at + 8] = (unsigned char)(xing >> 24), first[at + 9] = (unsigned char)(xing >> 16);
            first[at + 10] = (unsigned char)(xing >> 8), first[at + 11] = (unsigned char)xing;
            out = first;
        }
        fwrite(out, 1, bytes, f);
    }
    free(fr);
    return fclose(f) != 0;
}

static unsigned char *slurp(const char *path, long *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    *n = ftell(f);
    rewind(f);
    unsigned char *b = malloc((size_t)*n + 1);
    if (b && fread(b, 1, (size_t)*n, f) != (size_t)*n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    return b;
}

static int spill(const char *path, const unsigned char *b, long n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return 1;
    fwrite(b, 1, (size_t)n, f);
    return fclose(f) != 0;
}

static int patch(char **a)
{
    long n, off = strtol(a[1], NULL, 0);
    unsigned char *b = slurp(a[0], &n);
    size_t hl = strlen(a[2]);
    if (!b || hl % 2 || off < 0 || off + (long)hl / 2 > n)
        return 1;
    for (size_t i = 0; i < hl; i += 2) {
        char h[3] = {a[2][i], a[2][i + 1], 0};
        b[off + (long)i / 2] = (unsigned char)strtoul(h, NULL, 16);
    }
    int r = spill(a[0], b, n);
    free(b);
    return r;
}

static int flac_info(char **a)
{
    long n;
    unsigned char *b = slurp(a[0], &n);
    if (!b || n < 42 || memcmp(b, "fLaC", 4) != 0)
        return 1;
    unsigned char *si = b + 8;
    unsigned long long v = strtoull(a[2], NULL, 0);
    if (!strcmp(a[1], "rate")) {
        si[10] = (unsigned char)(v >> 12), si[11] = (unsigned char)(v >> 4);
        si[12] = (unsigned char)((si[12] & 15) | (v & 15) << 4);
    } else if (!strcmp(a[1], "minblk")) {
        si[0] = (unsigned char)(v >> 8), si[1] = (unsigned char)v;
    } else if (!strcmp(a[1], "total")) {
        si[13] = (unsigned char)((si[13] & 0xF0) | (v >> 32 & 15));
        si[14] = (unsigned char)(v >> 24), si[15] = (unsigned char)(v >> 16);
        si[16] = (unsigned char)(v >> 8), si[17] = (unsigned char)v;
    } else {
        return usage();
    }
    int r = spill(a[0], b, n);
    free(b);
    return r;
}

static int ogg_last_granule(char **a)
{
    long n;
    unsigned char *b = slurp(a[0], &n);
    if (!b)
        return 1;
    unsigned long long v = strtoull(a[1], NULL, 0);
    for (long i = n - 27; i >= 0; i--) {
        if (memcmp(b + i, "OggS", 4) == 0) {
            for (int k = 0; k < 8; k++)
                b[i + 6 + k] = (unsigned char)(v >> (8 * k));
            int r = spill(a[0], b, n);
            free(b);
            return r;
        }
    }
    free(b);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    const char *c = argv[1];
    if (!strcmp(c, "wav") && argc == 9)
        return gen_wav(argv + 2);
    if (!strcmp(c, "mp3") && argc == 8)
        return gen_mp3(argv + 2);
    if (!strcmp(c, "patch") && argc == 5)
        return patch(argv + 2);
    if (!strcmp(c, "flac-info") && argc == 5)
        return flac_info(argv + 2);
    if (!strcmp(c, "ogg-last-granule") && argc == 4)
        return ogg_last_granule(argv + 2);
    return usage();
}
