/* zipgen.c - makes the zip archives the bundle tests need, good and bad, through libarchive.
 *
 *   zipgen cat IN.zip NAME             prints one entry of IN
 *   zipgen OUT.zip [--from IN.zip] SPEC...
 *
 * OUT gets IN's entries (when given) changed by the SPECs, in order:
 *   file:NAME=PATH   NAME with PATH's bytes (replacing an entry of that name)
 *   text:NAME=TEXT   NAME with TEXT
 *   zeros:NAME=N     NAME with N zero bytes (deflated: a small archive, a large file)
 *   link:NAME=TARGET NAME a symbolic link to TARGET
 *   drop:NAME        no entry NAME
 *   declare:NAME=N   NAME's stored entry says it holds N bytes (written stored, then its
 *                    sizes in the local and central headers patched; the data stays small) */
#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ent {
    char *name, *data, *link;
    size_t len;
} ent;

static ent ents[512];
static int nents;

static ent *find(const char *name)
{
    for (int i = 0; i < nents; i++)
        if (strcmp(ents[i].name, name) == 0)
            return &ents[i];
    ents[nents].name = strdup(name);
    return &ents[nents++];
}

static int read_zip(const char *path, const char *only)
{
    struct archive *a = archive_read_new();
    archive_read_support_format_zip(a);
    if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
        fprintf(stderr, "zipgen: %s: %s\n", path, archive_error_string(a));
        return -1;
    }
    struct archive_entry *e;
    while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
        const char *name = archive_entry_pathname(e);
        size_t cap = 1 << 16, len = 0;
        char *buf = malloc(cap);
        la_ssize_t got;
        while ((got = archive_read_data(a, buf + len, cap - len)) > 0) {
            len += (size_t)got;
            if (len == cap)
                buf = realloc(buf, cap *= 2);
        }
        if (only) {
            if (strcmp(name, only) == 0)
                fwrite(buf, 1, len, stdout);
            free(buf);
            continue;
        }
        ent *x = find(name);
        free(x->data);
        x->data = buf, x->len = len;
    }
    archive_read_free(a);
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    *len = fread(b, 1, (size_t)n, f);
    fclose(f);
    return b;
}

/* Sets the uncompressed size of the stored entry name in the local and central headers. */
static void patch_size(const char *out, const char *name, unsigned long size)
{
    size_t len;
    unsigned char *z = (unsigned char *)slurp(out, &len);
    size_t nl = strlen(name);
    for (size_t i = 0; i + 46 + nl <= len; i++) {
        int local = memcmp(z + i, "PK\3\4", 4) == 0, central = memcmp(z + i, "PK\1\2", 4) == 0;
        size_t at = local ? 30 : 46, field = local ? 22 : 24, namelen_at = local ? 26 : 28;
        if (!local && !central)
            continue;
        if ((size_t)(z[i + namelen_at] | z[i + namelen_at + 1] << 8) != nl || memcmp(z + i + at, name, nl) != 0)
            continue;
        for (int k = 0; k < 4; k++)
            z[i + field + k] = (unsigned char)(size >> (8 * k));
    }
    FILE *f = fopen(out, "wb");
    fwrite(z, 1, len, f);
    fclose(f);
    free(z);
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "cat") == 0)
        return read_zip(argv[2], argv[3]) < 0 ? 1 : 0;
    if (argc < 2)
        return 2;
    const char *out = argv[1];
    const char *declared = NULL;
    unsigned long declared_size = 0;
    for (int i = 2; i < argc; i++) {
        char *spec = argv[i], *colon = strchr(spec, ':');
        if (strcmp(spec, "--from") == 0 && i + 1 < argc) {
            if (read_zip(argv[++i], NULL) < 0)
                return 1;
            continue;
        }
        if (!colon)
            return 2;
        *colon = 0;
        char *name = colon + 1, *eq = strchr(name, '=');
        if (eq)
            *eq++ = 0;
        if (strcmp(spec, "drop") == 0) {
            ent *x = find(name);
            x->name[0] = 0;
            continue;
        }
        if (!eq)
            return 2;
        ent *x = find(name);
        if (strcmp(spec, "file") == 0 || strcmp(spec, "text") == 0 || strcmp(spec, "zeros") == 0) {
            free(x->data); /* an entry of IN replaced */
            x->data = NULL;
        }
        if (strcmp(spec, "file") == 0) {
            x->data = slurp(eq, &x->len);
            if (!x->data) {
                perror(eq);
                return 1;
            }
        } else if (strcmp(spec, "text") == 0) {
            x->data = strdup(eq), x->len = strlen(eq);
        } else if (strcmp(spec, "zeros") == 0) {
            x->len = strtoul(eq, NULL, 10), x->data = calloc(1, x->len + 1);
        } else if (strcmp(spec, "link") == 0) {
            x->link = eq;
        } else if (strcmp(spec, "declare") == 0) {
            declared = name, declared_size = strtoul(eq, NULL, 10);
            if (!x->data)
                x->data = strdup("small"), x->len = 5;
        } else {
            return 2;
        }
    }
    struct archive *a = archive_write_new();
    archive_write_set_format_zip(a);
    if (declared)
        archive_write_set_options(a, "zip:compression=store");
    if (archive_write_open_filename(a, out) != ARCHIVE_OK)
        return 1;
    for (int i = 0; i < nents; i++) {
        ent *x = &ents[i];
        if (!x->name[0])
            continue;
        struct archive_entry *e = archive_entry_new();
        archive_entry_set_pathname(e, x->name);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_mtime(e, 946684800, 0);
        if (x->link) {
            archive_entry_set_filetype(e, AE_IFLNK);
            archive_entry_set_symlink(e, x->link);
        } else {
            archive_entry_set_filetype(e, AE_IFREG);
            archive_entry_set_size(e, (la_int64_t)x->len);
        }
        archive_write_header(a, e);
        if (!x->link && x->len)
            archive_write_data(a, x->data, x->len);
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
    for (int i = 0; i < nents; i++) {
        free(ents[i].name);
        free(ents[i].data);
    }
    if (declared)
        patch_size(out, declared, declared_size);
    return 0;
}
