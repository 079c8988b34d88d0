/* speech_cache.c - the on-disk speech cache: one file per clip, least recently used pruned.
 *
 * A file is named by the BLAKE2b-256 hash of the format version and its key (64 hex digits +
 * ".clip") and holds, all
 * little-endian:
 *     0  magic "PCRSPCH1"          8 bytes
 *     8  format version (2)         u32
 *    12  sample rate (PACER_RATE)   u32
 *    16  frame count                u64
 *    24  key length                 u32
 *    28  zero                       u32
 *    32  checksum                   u64  (BLAKE2b of bytes 8..31, the key and the samples)
 *    40  the key                    key length bytes
 *    ..  the samples                int16 each: the clip's own 16-bit samples
 * A file whose size, magic, version, rate, key or checksum do not match is ignored (the
 * caller synthesizes again and the new file replaces it). Format 2 came with 16-bit clips in
 * memory; files of format 1 (from earlier versions, which kept float clips) are ignored in
 * the same way and replaced. Files are written to a temporary name (.tmp-XXXXXX) in the same
 * folder and renamed into place, so a reader never sees half a file; temporary files an hour
 * old are left-overs of a crash and are removed.
 *
 * Size: the folder holds at most 'limit' bytes of clip files (SPEECH_CACHE_LIMIT, 64 MiB, by
 * default: about 11 minutes of distinct speech at 96 kB per second). A file's modification
 * time is its last use: set when it is written, and again each time it is read. When the
 * files add up to more than the limit (counted when the cache opens, then kept up to date
 * with what this process writes), the least recently used are removed, oldest first, until
 * three quarters of the limit is left, so pruning runs seldom. The file just written is never
 * removed. Several processes may share the folder: a clip removed under another one is just
 * synthesized again. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <sodium.h>
#include <unistd.h>

#include "pacer/plugin.h"
#include "speech.h"
#include "speech_engine.h"
#include "util.h"

#define MAGIC "PCRSPCH1"
enum {
    FORMAT_VERSION = 2,
    HEADER = 40,
    MAX_KEY = 64 * 1024,
    NAME_BYTES = 32,            /* BLAKE2b-256 of the format version and the key */
    NAME_HEX = 2 * NAME_BYTES,
};
/* No clip is longer than this (ten minutes); a larger count marks a corrupt file. */
static const uint64_t MAX_FRAMES = 600ULL * PACER_RATE;

struct sp_disk {
    char *dir;
    int64_t limit; /* bytes of clip files the folder may hold */
    int64_t used;  /* bytes of clip files: counted at open and at each prune, plus writes */
};

/* ---- hashing ---- */
static uint64_t rd64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static uint32_t rd32(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

static void wr64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void wr32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* BLAKE2b (libsodium) names the files and checks their contents: a vetted hash, so two keys
 * never share a file name by accident, and a file written for other words is never found
 * under this key's name. The key is stored in the file and compared too. */
void sp_hash128(const void *data, size_t n, uint64_t out[2])
{
    unsigned char h[16];
    crypto_generichash(h, sizeof h, data, n, NULL, 0);
    out[0] = rd64(h);
    out[1] = rd64(h + 8);
}

/* ---- folder ---- */
static int make_dirs(const char *path)
{
    char buf[PATH_MAX];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != 0)
            continue;
        char c = buf[i];
        buf[i] = 0;
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return -1;
        buf[i] = c;
    }
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

/* Is name one of our clip files: NAME_HEX hex digits and ".clip"? Nothing else is ever
 * pruned (files of the older, shorter names are left alone: they are never read again). */
static int is_clip_name(const char *name)
{
    size_t n = strlen(name);
    if (n != NAME_HEX + 5 || strcmp(name + NAME_HEX, ".clip") != 0)
        return 0;
    for (size_t i = 0; i < NAME_HEX; i++)
        if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f')))
            return 0;
    return 1;
}

typedef struct cached_file {
    char name[NAME_HEX + 6];
    int64_t size;
    struct timespec used; /* the modification time */
} cached_file;

static int older(const void *a, const void *b)
{
    const cached_file *x = a, *y = b;
    if (x->used.tv_sec != y->used.tv_sec)
        return x->used.tv_sec < y->used.tv_sec ? -1 : 1;
    if (x->used.tv_nsec != y->used.tv_nsec)
        return x->used.tv_nsec < y->used.tv_nsec ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Reads the folder: removes temporary files left by a process that died between writing and
 * renaming once they are an hour old (a younger one may belong to a process writing right
 * now), and lists the clip files in *files (NULL when files is NULL or on no memory). Returns
 * the bytes of clip files, or -1 when the folder cannot be read. */
static int64_t scan(const char *dir, cached_file **files, size_t *nfiles)
{
    if (files) {
        *files = NULL;
        *nfiles = 0;
    }
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    time_t limit = time(NULL) - 3600;
    int64_t total = 0;
    size_t cap = 0;
    int listing = files != NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        int temp = strncmp(e->d_name, ".tmp-", 5) == 0;
        if (!temp && !is_clip_name(e->d_name))
            continue;
        char path[PATH_MAX];
        struct stat st;
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path || lstat(path, &st) != 0 ||
            !S_ISREG(st.st_mode))
            continue;
        if (temp) {
            if (st.st_mtime < limit)
                unlink(path);
            continue;
        }
        total += (int64_t)st.st_size;
        if (!listing)
            continue;
        if (*nfiles == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            cached_file *p = realloc(*files, ncap * sizeof *p);
            if (!p) {
                free(*files);
                *files = NULL;
                *nfiles = 0;
                listing = 0;
                continue;
            }
            *files = p;
            cap = ncap;
        }
        cached_file *f = &(*files)[(*nfiles)++];
        memcpy(f->name, e->d_name, sizeof f->name);
        f->size = (int64_t)st.st_size;
        f->used = st.st_mtim;
    }
    closedir(d);
    return total;
}

/* Removes the least recently used clip files, never 'keep' (a file name, or NULL), until
 * three quarters of the limit is left. */
static void prune(sp_disk *d, const char *keep)
{
    cached_file *files;
    size_t n;
    int64_t total = scan(d->dir, &files, &n);
    if (total < 0)
        return;
    d->used = total;
    if (total <= d->limit || !files) {
        free(files);
        return;
    }
    qsort(files, n, sizeof *files, older);
    int64_t target = d->limit / 4 * 3;
    for (size_t i = 0; i < n && d->used > target; i++) {
        if (keep && strcmp(files[i].name, keep) == 0)
            continue;
        char path[PATH_MAX];
        if (snprintf(path, sizeof path, "%s/%s", d->dir, files[i].name) >= (int)sizeof path)
            continue;
        if (unlink(path) == 0 || errno == ENOENT)
            d->used -= files[i].size;
    }
    free(files);
}

sp_disk *sp_disk_open(const char *dir, int64_t limit, char *warn, size_t warn_n)
{
    if (sodium_init() < 0) {
        snprintf(warn, warn_n, "the hash library cannot start; speech is cached in memory only");
        return NULL;
    }
    if (make_dirs(dir) != 0 || access(dir, W_OK | X_OK) != 0) {
        snprintf(warn, warn_n, "speech cache folder %s is not usable (%s); speech is cached in memory only", dir,
                 strerror(errno));
        return NULL;
    }
    sp_disk *d = calloc(1, sizeof *d);
    if (d)
        d->dir = strdup(dir);
    if (!d || !d->dir) {
        free(d);
        snprintf(warn, warn_n, "out of memory; speech is cached in memory only");
        return NULL;
    }
    d->limit = limit > 0 ? limit : SPEECH_CACHE_LIMIT;
    int64_t used = scan(dir, NULL, NULL);
    d->used = used > 0 ? used : 0;
    if (d->used > d->limit)
        prune(d, NULL);
    return d;
}

void sp_disk_close(sp_disk *d)
{
    if (!d)
        return;
    free(d->dir);
    free(d);
}

int sp_disk_path(const sp_disk *d, const char *key, size_t key_len, char *buf, size_t n)
{
    /* The file format's version is hashed with the key: a new format never reads old files. */
    unsigned char h[NAME_BYTES], ver[12];
    memcpy(ver, MAGIC, 8);
    wr32(ver + 8, FORMAT_VERSION);
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, sizeof h);
    crypto_generichash_update(&st, ver, sizeof ver);
    crypto_generichash_update(&st, (const unsigned char *)key, key_len);
    crypto_generichash_final(&st, h, sizeof h);
    char hex[NAME_HEX + 1];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    int r = snprintf(buf, n, "%s/%s.clip", d->dir, hex);
    return r > 0 && (size_t)r < n ? 0 : -1;
}

/* The checksum: the first 64 bits of the BLAKE2b-128 (sp_hash128) of the header's bytes
 * 8..31, the key and the samples, fed in pieces. */
typedef struct hasher {
    crypto_generichash_state st;
} hasher;

static void h_init(hasher *h) { crypto_generichash_init(&h->st, NULL, 0, 16); }
static void h_add(hasher *h, const void *data, size_t n) { crypto_generichash_update(&h->st, data, n); }
static void h_final(hasher *h, uint64_t out[2])
{
    unsigned char b[16];
    crypto_generichash_final(&h->st, b, sizeof b);
    out[0] = rd64(b);
    out[1] = rd64(b + 8);
}

static uint64_t checksum(const unsigned char *header, const char *key, size_t key_len, const unsigned char *pcm,
                         size_t pcm_n)
{
    hasher h;
    uint64_t out[2];
    h_init(&h);
    h_add(&h, header + 8, HEADER - 16);
    h_add(&h, key, key_len);
    h_add(&h, pcm, pcm_n);
    h_final(&h, out);
    return out[0];
}

/* ---- load ---- */
int sp_disk_load(sp_disk *d, const char *key, size_t key_len, clip *out)
{
    out->samples = NULL;
    out->frames = 0;
    char path[PATH_MAX];
    if (sp_disk_path(d, key, key_len, path, sizeof path) != 0)
        return 0;
    /* Never blocks, regular files only: a FIFO or a device under a clip's name is a file
     * to reject (and replace), not a wait. */
    struct stat st;
    int fd = file_open_regular(path, &st, NULL);
    if (fd < 0)
        return errno == ENOENT ? 0 : -1;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        return -1;
    }
    int result = -1;
    char *kbuf = NULL;
    int16_t *samples = NULL;
    unsigned char hd[HEADER];
    if (st.st_size < HEADER || fread(hd, 1, HEADER, f) != HEADER)
        goto done;
    uint64_t frames = rd64(hd + 16);
    uint32_t klen = rd32(hd + 24);
    if (memcmp(hd, MAGIC, 8) != 0 || rd32(hd + 8) != FORMAT_VERSION || rd32(hd + 12) != PACER_RATE ||
        rd32(hd + 28) != 0 || klen != key_len || frames > MAX_FRAMES ||
        (uint64_t)st.st_size != HEADER + (uint64_t)klen + 2 * frames)
        goto done;
    kbuf = malloc((size_t)klen + 1);
    if (!kbuf || fread(kbuf, 1, klen, f) != klen || memcmp(kbuf, key, key_len) != 0)
        goto done;
    /* The samples are read straight into the clip, checked, then turned from little-endian
     * bytes into int16 in place: no second copy of the clip is made. */
    size_t pcm_n = 2 * (size_t)frames;
    samples = malloc(pcm_n + 2);
    unsigned char *pcm = (unsigned char *)samples;
    if (!samples || fread(pcm, 1, pcm_n, f) != pcm_n)
        goto done;
    if (checksum(hd, key, key_len, pcm, pcm_n) != rd64(hd + 32))
        goto done;
    for (uint64_t i = 0; i < frames; i++) {
        uint16_t u = (uint16_t)(pcm[2 * i] | pcm[2 * i + 1] << 8);
        samples[i] = (int16_t)u;
    }
    /* Mark the file as used now, for pruning (best effort: a read-only file stays as is). */
    (void)futimens(fd, NULL);
    out->samples = samples;
    out->frames = (int64_t)frames;
    samples = NULL;
    result = 1;
done:
    free(kbuf);
    free(samples);
    fclose(f);
    return result;
}

/* ---- store ---- */
enum { CHUNK = 4096 }; /* samples encoded at a time */

static size_t encode(const int16_t *in, size_t n, unsigned char *out)
{
    for (size_t i = 0; i < n; i++) {
        uint16_t u = (uint16_t)in[i];
        out[2 * i] = (unsigned char)(u & 0xff);
        out[2 * i + 1] = (unsigned char)(u >> 8);
    }
    return 2 * n;
}

int sp_disk_store(sp_disk *d, const char *key, size_t key_len, const clip *c, char *err, size_t err_n)
{
    char path[PATH_MAX], tmp[PATH_MAX];
    if (key_len > MAX_KEY || c->frames < 0 || (uint64_t)c->frames > MAX_FRAMES) {
        snprintf(err, err_n, "clip too large for the speech cache");
        return -1;
    }
    if (sp_disk_path(d, key, key_len, path, sizeof path) != 0 ||
        snprintf(tmp, sizeof tmp, "%s/.tmp-XXXXXX", d->dir) >= (int)sizeof tmp) {
        snprintf(err, err_n, "speech cache path too long");
        return -1;
    }
    const size_t frames = (size_t)c->frames;
    unsigned char buf[2 * CHUNK];
    unsigned char hd[HEADER];
    memcpy(hd, MAGIC, 8);
    wr32(hd + 8, FORMAT_VERSION);
    wr32(hd + 12, PACER_RATE);
    wr64(hd + 16, (uint64_t)frames);
    wr32(hd + 24, (uint32_t)key_len);
    wr32(hd + 28, 0);
    /* The checksum (in the header) over the samples encoded a chunk at a time; they are
     * encoded again as they are written, so no copy of the whole clip is made. */
    hasher h;
    uint64_t sum[2];
    h_init(&h);
    h_add(&h, hd + 8, HEADER - 16);
    h_add(&h, key, key_len);
    for (size_t i = 0; i < frames; i += CHUNK)
        h_add(&h, buf, encode(c->samples + i, frames - i < CHUNK ? frames - i : CHUNK, buf));
    h_final(&h, sum);
    wr64(hd + 32, sum[0]);

    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, err_n, "cannot write to the speech cache %s (%s)", d->dir, strerror(errno));
        return -1;
    }
    FILE *f = fdopen(fd, "wb");
    int ok = f != NULL;
    if (!f)
        close(fd);
    ok = ok && fwrite(hd, 1, HEADER, f) == HEADER;
    ok = ok && fwrite(key, 1, key_len, f) == key_len;
    for (size_t i = 0; ok && i < frames; i += CHUNK) {
        size_t nb = encode(c->samples + i, frames - i < CHUNK ? frames - i : CHUNK, buf);
        ok = fwrite(buf, 1, nb, f) == nb;
    }
    int saved = errno;
    if (f && fclose(f) != 0 && ok) {
        ok = 0;
        saved = errno;
    }
    if (!ok || rename(tmp, path) != 0) {
        if (ok)
            saved = errno;
        unlink(tmp);
        snprintf(err, err_n, "cannot write to the speech cache %s (%s)", d->dir, strerror(saved));
        return -1;
    }
    d->used += HEADER + (int64_t)key_len + 2 * (int64_t)frames;
    if (d->used > d->limit) {
        const char *name = strrchr(path, '/');
        prune(d, name ? name + 1 : path);
    }
    return 0;
}
