/* bundle.h - session bundles (NAME.pacer): a zip archive, through libarchive, of a session
 * script, every file it includes, every recording it plays, and a manifest
 * (pacer-bundle.txt): the title, length, language, API version, the script's name, each
 * file's size and BLAKE2b hash, and a hash of the whole content.
 *
 * Reading checks everything before the caller writes anything: the archive is read whole
 * into memory within limits, and an entry whose name is absolute, holds "..", a backslash or
 * a control character, an entry that is a link or a device, a size over the limits
 * (declared or actual: a zip bomb), a damaged archive, and a manifest that does not list
 * exactly the archive's files with their sizes and hashes are all refused with one line
 * saying why. Pure C over util and libarchive; what a session is, core/app knows. */
#ifndef PACER_BUNDLE_H
#define PACER_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#define BUNDLE_MANIFEST "pacer-bundle.txt"
#define BUNDLE_FORMAT 1
enum {
    BUNDLE_MAX_FILES = 256,
    BUNDLE_MAX_NAME = 200,
    BUNDLE_MAX_ARCHIVE = 64 << 20,   /* the .pacer file itself */
    BUNDLE_MAX_FILE = 64 << 20,      /* one file once unpacked */
    BUNDLE_MAX_TOTAL = 128 << 20,    /* all files once unpacked */
};

typedef struct bundle_file {
    char *name; /* relative, '/'-separated, checked */
    unsigned char *data;
    size_t len;
} bundle_file;

typedef struct bundle_manifest {
    char title[256];
    char language[32];
    char script[BUNDLE_MAX_NAME + 1]; /* the session script's name in the bundle */
    int64_t frames;                   /* the length at 48 kHz (speech estimated), every branch of its
                                       * questions counted: what a bundle is checked against */
    int64_t length;                   /* as it plays when nobody answers (0: frames), for people */
    int api;                          /* the session API's major version it was made for */
    char hash[65];                    /* BLAKE2b-256 of the content, hex */
} bundle_manifest;

typedef struct bundle {
    bundle_file *files; /* the manifest not among them */
    int nfiles;
    bundle_manifest m;
} bundle;

/* Reads and checks the bundle at path (or len bytes at data). Returns 0 with b filled, or -1
 * with why (one line) and b empty. */
int bundle_read(const char *path, bundle *b, char *why, size_t n);
int bundle_read_memory(const void *data, size_t len, bundle *b, char *why, size_t n);
void bundle_free(bundle *b);
/* The file of b named name, or NULL. */
const bundle_file *bundle_find(const bundle *b, const char *name);

/* What is wrong with a name inside a bundle (zip-slip and the like), or NULL when fine. */
const char *bundle_bad_name(const char *name);

/* Writes a bundle of files (names checked) with manifest m (its hash is computed here) to
 * path, atomically (util/outfile.c). The bytes depend only on the content: the same session
 * packs to the same file. Returns 0, or -1 with err. */
int bundle_write(const char *path, const bundle_file *files, int nfiles, const bundle_manifest *m, char *err,
                 size_t n);

/* Writes b's files under dir, making folders as needed (dir must exist). Returns 0, or -1
 * with err. */
int bundle_extract(const bundle *b, const char *dir, char *err, size_t n);

#endif
