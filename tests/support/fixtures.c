/* fixtures.c - see fixtures.h. */
#include "fixtures.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int support_registry(registry *r)
{
    char err[256];
    registry_init(r);
    if (registry_add_builtins(r, err, sizeof err) < 0) {
        fprintf(stderr, "the built-in step types do not register: %s\n", err);
        registry_free(r);
        return -1;
    }
    return 0;
}

const diag *support_find_diag(const diag_list *d, diag_severity sev, const char *text)
{
    for (int i = 0; i < d->count; i++)
        if (d->items[i].severity == sev && strstr(d->items[i].message, text))
            return &d->items[i];
    return NULL;
}

int support_count_kind(const timeline *t, int kind)
{
    int n = 0;
    for (int i = 0; i < t->count; i++)
        n += t->events[i].kind == kind;
    return n;
}

int support_count_words(const char *text)
{
    int words = 0, in_word = 0;
    for (const char *p = text; *p; p++) {
        int blank = *p == ' ' || *p == '\n' || *p == '\t';
        if (!blank && !in_word)
            words++;
        in_word = !blank;
    }
    return words;
}

double support_cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int support_tmpdir(char *buf, size_t n, const char *name)
{
    const char *base = getenv("TMPDIR");
    int len = snprintf(buf, n, "%s/%s.XXXXXX", base && *base ? base : "/tmp", name);
    if (len < 0 || (size_t)len >= n) {
        fprintf(stderr, "the temporary folder's path is too long for %zu bytes\n", n);
        return -1;
    }
    if (!mkdtemp(buf)) {
        perror(buf);
        return -1;
    }
    return 0;
}

void support_remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        unlink(path);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char sub[1024];
        int n = snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        if (n > 0 && (size_t)n < sizeof sub)
            support_remove_tree(sub);
    }
    closedir(d);
    rmdir(path);
}

unsigned char *support_read_file(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *data = NULL;
    long n = -1;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0)
        data = malloc((size_t)n + 1);
    if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
        free(data);
        data = NULL;
    }
    fclose(f);
    if (!data)
        return NULL;
    data[n] = 0;
    if (len)
        *len = n;
    return data;
}

int support_count_files(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int k = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.')
            k++;
    closedir(d);
    return k;
}
