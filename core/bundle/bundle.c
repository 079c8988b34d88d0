/* bundle.c - session bundles: a zip through libarchive, checked whole before use. */
#include "bundle.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "outfile.h"
#include "pacer/plugin.h"
#include "i18n.h"
#include "util.h"

const char *bundle_bad_name(const char *name)
{
    size_t len = strlen(name);
    if (!len)
        return _("has an empty name");
    if (len > BUNDLE_MAX_NAME)
        return _("has a name longer than 200 bytes");
    if (name[0] == '/')
        return _("is an absolute path");
    if (strchr(name, '\\'))
        return _("has a backslash in its name");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return _("has a control character in its name");
    for (const char *s = name; *s;) {
        const char *slash = strchr(s, '/');
        size_t n = slash ? (size_t)(slash - s) : strlen(s);
        if (n == 0)
            return _("has an empty folder name ('//' or a trailing '/')");
        if (n == 2 && s[0] == '.' && s[1] == '.')
            return _("leads outside the bundle ('..' in its name)");
        if (n == 1 && s[0] == '.')
            return _("has '.' as a folder name");
        if (s[0] == '.' && !slash && n > 7 && strncmp(s, ".pacer-", 7) == 0)
            return _("has the name of a temporary file");
        s = slash ? slash + 1 : s + n;
    }
    return NULL;
}

void bundle_free(bundle *b)
{
    for (int i = 0; i < b->nfiles; i++) {
        free(b->files[i].name);
        free(b->files[i].data);
    }
    free(b->files);
    memset(b, 0, sizeof *b);
}

const bundle_file *bundle_find(const bundle *b, const char *name)
{
    for (int i = 0; i < b->nfiles; i++)
        if (strcmp(b->files[i].name, name) == 0)
            return &b->files[i];
    return NULL;
}

static void hex(const unsigned char *h, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", h[i]);
}

static void file_hash(const bundle_file *f, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, f->data, f->len, NULL, 0);
    hex(h, sizeof h, out);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const bundle_file *)a)->name, ((const bundle_file *)b)->name);
}

/* The content hash: every file in name order, as name, NUL, its length (8 bytes, little
 * endian) and its bytes. files must be sorted. */
static void content_hash(const bundle_file *files, int n, char out[65])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 32);
    for (int i = 0; i < n; i++) {
        unsigned char len[8];
        for (int k = 0; k < 8; k++)
            len[k] = (unsigned char)((uint64_t)files[i].len >> (8 * k));
        crypto_generichash_update(&st, (const unsigned char *)files[i].name, strlen(files[i].name) + 1);
        crypto_generichash_update(&st, len, sizeof len);
        crypto_generichash_update(&st, files[i].data, files[i].len);
    }
    unsigned char h[32];
    crypto_generichash_final(&st, h, sizeof h);
    hex(h, sizeof h, out);
}

/* ---- reading ---- */

/* One entry's bytes, at most the limits allow. */
static int read_entry(struct archive *a, const char *name, size_t *total, unsigned char **out, size_t *outlen,
                      char *why, size_t n)
{
    strbuf b;
    sb_init(&b);
    char chunk[65536];
    for (;;) {
        la_ssize_t got = archive_read_data(a, chunk, sizeof chunk);
        if (got == 0)
            break;
        if (got < 0) {
            sb_free(&b);
            return fail_why(why, n, _("the archive is damaged: '%s': %s"), name, archive_error_string(a));
        }
        if (b.len + (size_t)got > BUNDLE_MAX_FILE || *total + (size_t)got > BUNDLE_MAX_TOTAL) {
            sb_free(&b);
            return fail_why(why, n, _("'%s' unpacks to more than %d MiB (one file at most %d MiB, all at most %d MiB)"), name,
                        (b.len + (size_t)got > BUNDLE_MAX_FILE ? BUNDLE_MAX_FILE : BUNDLE_MAX_TOTAL) >> 20,
                        BUNDLE_MAX_FILE >> 20, BUNDLE_MAX_TOTAL >> 20);
        }
        *total += (size_t)got;
        sb_add(&b, chunk, (size_t)got);
        if (b.failed) {
            sb_free(&b);
            return fail_why(why, n, _("out of memory"));
        }
    }
    *outlen = b.len;
    *out = b.data ? (unsigned char *)b.data : calloc(1, 1);
    return *out ? 0 : fail_why(why, n, _("out of memory"));
}

/* The manifest's lines into b->m, checked against b's files. */
static int check_manifest(bundle *b, const bundle_file *mf, char *why, size_t n)
{
    char *text = malloc(mf->len + 1);
    if (!text)
        return fail_why(why, n, _("out of memory"));
    memcpy(text, mf->data, mf->len);
    text[mf->len] = 0;
    if (strlen(text) != mf->len) {
        free(text);
        return fail_why(why, n, _("the manifest is not text"));
    }
    int listed[BUNDLE_MAX_FILES] = {0};
    int format = 0, have_title = 0, have_frames = 0, have_api = 0, lineno = 0, rc = 0;
    for (char *line = text, *next; line && *line && rc == 0; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        lineno++;
        long long num;
        char h[65], name[BUNDLE_MAX_NAME + 2], size[32];
        if (lineno == 1) {
            if (sscanf(line, "pacer-bundle %d", &format) != 1)
                rc = fail_why(why, n, _("the manifest does not start with 'pacer-bundle %d'"), BUNDLE_FORMAT);
            else if (format != BUNDLE_FORMAT)
                rc = fail_why(why, n, _("the bundle is of format %d; this Pacer reads format %d"), format, BUNDLE_FORMAT);
        } else if (strncmp(line, "title: ", 7) == 0) {
            have_title = snprintf(b->m.title, sizeof b->m.title, "%s", line + 7) < (int)sizeof b->m.title;
        } else if (strncmp(line, "language: ", 10) == 0) {
            snprintf(b->m.language, sizeof b->m.language, "%s", line + 10);
        } else if (strncmp(line, "frames: ", 8) == 0) {
            have_frames = parse_int(line + 8, 0, (long long)PACER_RATE * 86400, &num) == 0;
            b->m.frames = num;
        } else if (strncmp(line, "api: ", 5) == 0) {
            have_api = parse_int(line + 5, 1, 1000, &num) == 0;
            b->m.api = (int)num;
        } else if (strncmp(line, "script: ", 8) == 0) {
            snprintf(b->m.script, sizeof b->m.script, "%s", line + 8);
        } else if (strncmp(line, "hash: ", 6) == 0) {
            snprintf(b->m.hash, sizeof b->m.hash, "%s", line + 6);
        } else if (strncmp(line, "file: ", 6) == 0) {
            if (strlen(line) > 6 + 64 + 1 + 20 + 1 + BUNDLE_MAX_NAME ||
                sscanf(line + 6, "%64s %31s %201[^\n]", h, size, name) != 3 ||
                parse_int(size, 0, BUNDLE_MAX_FILE, &num) < 0) {
                rc = fail_why(why, n, _("the manifest's line %d is not 'file: HASH SIZE NAME'"), lineno);
                break;
            }
            const bundle_file *f = bundle_find(b, name);
            if (!f) {
                rc = fail_why(why, n, _("the manifest lists '%s', which the bundle does not hold"), name);
                break;
            }
            char got[65];
            file_hash(f, got);
            if ((size_t)num != f->len || strcmp(h, got) != 0)
                rc = fail_why(why, n, _("the manifest does not match '%s': the file was changed after it was packed"), name);
            listed[f - b->files] = 1;
        } else if (strncmp(line, "length: ", 8) != 0 && *line) {
            rc = fail_why(why, n, _("the manifest's line %d is not understood"), lineno);
        }
    }
    free(text);
    if (rc < 0)
        return -1;
    if (!have_title || !have_frames || !have_api || !b->m.script[0] || !b->m.hash[0])
        return fail_why(why, n, _("the manifest lacks its title, frames, api, script or hash"));
    if (b->m.api > PACER_ABI_MAJOR)
        return fail_why(why, n, _("the bundle was made for session API %d; this Pacer has %d: update Pacer"), b->m.api,
                    PACER_ABI_MAJOR);
    for (int i = 0; i < b->nfiles; i++)
        if (!listed[i])
            return fail_why(why, n, _("the bundle holds '%s', which its manifest does not list"), b->files[i].name);
    size_t sl = strlen(b->m.script);
    if (bundle_bad_name(b->m.script) || sl < 5 || strcmp(b->m.script + sl - 4, ".lua") != 0 ||
        strchr(b->m.script, '/') || !bundle_find(b, b->m.script))
        return fail_why(why, n, _("the manifest's script '%s' is not a .lua file at the top of the bundle"), b->m.script);
    char got[65];
    content_hash(b->files, b->nfiles, got);
    if (strcmp(got, b->m.hash) != 0)
        return fail_why(why, n, _("the manifest's content hash does not match the files"));
    return 0;
}

int bundle_read_memory(const void *data, size_t len, bundle *b, char *why, size_t n)
{
    memset(b, 0, sizeof *b);
    if (sodium_init() < 0)
        return fail_why(why, n, _("the hash library cannot start"));
    struct archive *a = archive_read_new();
    if (!a)
        return fail_why(why, n, _("out of memory"));
    archive_read_support_format_zip(a);
    bundle_file *files = calloc(BUNDLE_MAX_FILES + 1, sizeof *files);
    int nf = 0, rc = 0;
    size_t total = 0;
    if (!files) {
        archive_read_free(a);
        return fail_why(why, n, _("out of memory"));
    }
    if (archive_read_open_memory(a, data, len) != ARCHIVE_OK) {
        rc = fail_why(why, n, _("not a session bundle (a zip archive): %s"), archive_error_string(a));
    }
    struct archive_entry *e;
    while (rc == 0) {
        int st = archive_read_next_header(a, &e);
        if (st == ARCHIVE_EOF)
            break;
        if (st != ARCHIVE_OK && st != ARCHIVE_WARN) {
            rc = fail_why(why, n, _("the archive is damaged: %s"), archive_error_string(a));
            break;
        }
        const char *name = archive_entry_pathname(e);
        if (!name) {
            rc = fail_why(why, n, _("an entry has no name"));
            break;
        }
        mode_t type = archive_entry_filetype(e);
        const char *bad = bundle_bad_name(name);
        if (type == AE_IFDIR && !bad) {
            size_t l = strlen(name);
            char dir[BUNDLE_MAX_NAME + 2];
            snprintf(dir, sizeof dir, "%.*s", (int)(l && name[l - 1] == '/' ? l - 1 : l), name);
            bad = bundle_bad_name(dir);
            if (!bad)
                continue; /* a folder: made as its files need it */
        }
        if (bad) {
            rc = fail_why(why, n, _("refused: the entry '%.200s' %s"), name, bad);
            break;
        }
        if (archive_entry_symlink(e) || archive_entry_hardlink(e) || type == AE_IFLNK) {
            rc = fail_why(why, n, _("refused: the entry '%s' is a link"), name);
            break;
        }
        if (type != AE_IFREG) {
            rc = fail_why(why, n, _("refused: the entry '%s' is not a plain file"), name);
            break;
        }
        if (archive_entry_size_is_set(e) && archive_entry_size(e) > BUNDLE_MAX_FILE) {
            rc = fail_why(why, n, _("refused: the entry '%s' declares %lld bytes; a file may have at most %d MiB"), name,
                      (long long)archive_entry_size(e), BUNDLE_MAX_FILE >> 20);
            break;
        }
        for (int i = 0; i < nf && rc == 0; i++)
            if (strcmp(files[i].name, name) == 0)
                rc = fail_why(why, n, _("refused: the entry '%s' is in the archive twice"), name);
        if (rc)
            break;
        if (nf >= BUNDLE_MAX_FILES) {
            rc = fail_why(why, n, _("refused: more than %d files"), BUNDLE_MAX_FILES);
            break;
        }
        files[nf].name = strdup(name);
        if (!files[nf].name) {
            rc = fail_why(why, n, _("out of memory"));
            break;
        }
        rc = read_entry(a, files[nf].name, &total, &files[nf].data, &files[nf].len, why, n);
        nf++;
    }
    archive_read_free(a);
    b->files = files;
    b->nfiles = nf;
    if (rc < 0) {
        bundle_free(b);
        return -1;
    }
    /* the manifest, apart from the content it describes */
    int mi = -1;
    for (int i = 0; i < nf; i++)
        if (strcmp(files[i].name, BUNDLE_MANIFEST) == 0)
            mi = i;
    if (mi < 0) {
        bundle_free(b);
        return fail_why(why, n, _("not a session bundle: it has no %s"), BUNDLE_MANIFEST);
    }
    bundle_file mf = files[mi];
    files[mi] = files[--b->nfiles];
    qsort(files, (size_t)b->nfiles, sizeof *files, by_name);
    rc = check_manifest(b, &mf, why, n);
    free(mf.name);
    free(mf.data);
    if (rc < 0)
        bundle_free(b);
    return rc;
}

int bundle_read(const char *path, bundle *b, char *why, size_t n)
{
    memset(b, 0, sizeof *b);
    char *data;
    size_t len;
    const char *err = "";
    int r = file_read_regular(path, BUNDLE_MAX_ARCHIVE, &data, &len, &err);
    if (r > 0)
        return fail_why(why, n, _("%s: larger than %d MiB; a bundle may have at most that"), path, BUNDLE_MAX_ARCHIVE >> 20);
    if (r < 0)
        return fail_why(why, n, _("%s: cannot read it: %s"), path, err);
    char inner[600];
    int rc = bundle_read_memory(data, len, b, inner, sizeof inner);
    free(data);
    if (rc < 0)
        fail_why(why, n, "%s: %s", path, inner);
    return rc;
}

/* ---- writing ---- */

static int add_entry(struct archive *a, const char *name, const void *data, size_t len)
{
    struct archive_entry *e = archive_entry_new();
    if (!e)
        return -1;
    archive_entry_set_pathname(e, name);
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, (la_int64_t)len);
    archive_entry_set_mtime(e, 946684800, 0); /* 2000-01-01: the same bytes for the same content */
    int rc = archive_write_header(a, e) == ARCHIVE_OK &&
                     (len == 0 || archive_write_data(a, data, len) == (la_ssize_t)len)
                 ? 0
                 : -1;
    archive_entry_free(e);
    return rc;
}

int bundle_write(const char *path, const bundle_file *files, int nfiles, const bundle_manifest *m, char *err,
                 size_t n)
{
    if (sodium_init() < 0)
        return fail_why(err, n, "the hash library cannot start");
    if (nfiles > BUNDLE_MAX_FILES)
        return fail_why(err, n, "more than %d files", BUNDLE_MAX_FILES);
    bundle_file *sorted = calloc((size_t)nfiles + 1, sizeof *sorted);
    if (!sorted)
        return fail_why(err, n, "out of memory");
    memcpy(sorted, files, (size_t)nfiles * sizeof *sorted);
    qsort(sorted, (size_t)nfiles, sizeof *sorted, by_name);
    for (int i = 0; i < nfiles; i++) {
        const char *bad = bundle_bad_name(sorted[i].name);
        if (bad || strcmp(sorted[i].name, BUNDLE_MANIFEST) == 0 || (i && !strcmp(sorted[i].name, sorted[i - 1].name))) {
            fail_why(err, n, "the file '%s' cannot go into a bundle: %s", sorted[i].name, bad ? bad : "its name is taken");
            free(sorted);
            return -1;
        }
    }
    strbuf man;
    sb_init(&man);
    char hash[65], len[32];
    content_hash(sorted, nfiles, hash);
    sb_printf(&man, "pacer-bundle %d\ntitle: %s\nlanguage: %s\nlength: %s\nframes: %lld\napi: %d\nscript: %s\nhash: %s\n",
              BUNDLE_FORMAT, m->title, m->language, format_time(m->length ? m->length : m->frames, 0, len, sizeof len),
              (long long)m->frames,
              m->api, m->script, hash);
    for (int i = 0; i < nfiles; i++) {
        file_hash(&sorted[i], hash);
        sb_printf(&man, "file: %s %zu %s\n", hash, sorted[i].len, sorted[i].name);
    }
    char oerr[OUTFILE_ERR_MAX];
    outfile o;
    int rc = man.failed ? fail_why(oerr, sizeof oerr, "out of memory") : outfile_open(&o, path, 0, oerr, sizeof oerr);
    if (rc == 0) {
        struct archive *a = archive_write_new();
        int ok = a && archive_write_set_format_zip(a) == ARCHIVE_OK && archive_write_open_FILE(a, o.f) == ARCHIVE_OK &&
                 add_entry(a, BUNDLE_MANIFEST, man.data, man.len) == 0;
        for (int i = 0; ok && i < nfiles; i++)
            ok = add_entry(a, sorted[i].name, sorted[i].data, sorted[i].len) == 0;
        if (a && ok)
            ok = archive_write_close(a) == ARCHIVE_OK;
        if (!ok)
            snprintf(oerr, sizeof oerr, "cannot write %s: %s", path, a ? archive_error_string(a) : "out of memory");
        if (a)
            archive_write_free(a);
        if (ok)
            rc = outfile_commit(&o, oerr, sizeof oerr);
        else {
            outfile_abort(&o);
            rc = -1;
        }
    }
    if (rc < 0)
        snprintf(err, n, "%s", oerr);
    sb_free(&man);
    free(sorted);
    return rc;
}

/* Makes the folders of name under dir (never through a link). */
static int make_dirs(const char *dir, const char *name, char *err, size_t n)
{
    char path[4096];
    int l = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (l < 0 || (size_t)l >= sizeof path)
        return fail_why(err, n, "the path of '%s' is too long", name);
    for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = 0;
        struct stat st;
        if (mkdir(path, 0755) != 0 && errno != EEXIST)
            return fail_why(err, n, "cannot make the folder %s: %s", path, strerror(errno));
        if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))
            return fail_why(err, n, "%s is not a folder", path);
        *p = '/';
    }
    return 0;
}

int bundle_extract(const bundle *b, const char *dir, char *err, size_t n)
{
    for (int i = 0; i < b->nfiles; i++) {
        const bundle_file *f = &b->files[i];
        if (make_dirs(dir, f->name, err, n) < 0)
            return -1;
        char path[4096], oerr[OUTFILE_ERR_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, f->name);
        outfile o;
        if (outfile_open(&o, path, 0, oerr, sizeof oerr) < 0)
            return fail_why(err, n, "%s", oerr);
        if (f->len && fwrite(f->data, 1, f->len, o.f) != f->len) {
            outfile_abort(&o);
            return fail_why(err, n, "cannot write %s: %s", path, strerror(errno));
        }
        if (outfile_commit(&o, oerr, sizeof oerr) < 0)
            return fail_why(err, n, "%s", oerr);
    }
    return 0;
}
