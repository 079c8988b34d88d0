/* resume.c - unfinished sessions are not lost: where a session was stopped is remembered
 * per file (and forgotten when the file changes), so the next play continues from that
 * step. Kept in $XDG_STATE_HOME/pacer/resume (~/.local/state/pacer/resume), written whole
 * to a temporary file and renamed, at most 32 sessions. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "resume.h"

enum { MAX_ENTRIES = 32 };

typedef struct entry {
    char path[PATH_MAX];
    long long size, mtime, frame;
} entry;

static int state_file(char *buf, size_t n, int make_dir)
{
    const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    char dir[PATH_MAX - 16];
    if (xdg && *xdg)
        snprintf(dir, sizeof dir, "%s/pacer", xdg);
    else if (home && *home)
        snprintf(dir, sizeof dir, "%s/.local/state/pacer", home);
    else
        return -1;
    if (make_dir) {
        /* mkdir -p */
        for (char *p = dir + 1; *p; p++) {
            if (*p == '/') {
                *p = 0;
                mkdir(dir, 0700);
                *p = '/';
            }
        }
        mkdir(dir, 0700);
    }
    snprintf(buf, n, "%s/resume", dir);
    return 0;
}

static int read_entries(entry *e, int max)
{
    char file[PATH_MAX];
    if (state_file(file, sizeof file, 0) < 0)
        return 0;
    /* never blocks: a FIFO or a device in its place is simply no state */
    FILE *f = file_fopen_regular(file, NULL, NULL);
    if (!f)
        return 0;
    int n = 0;
    char line[PATH_MAX + 128];
    while (n < max && fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = 0;
        size_t len = (size_t)(tab - line);
        if (len < sizeof e[n].path &&
            sscanf(tab + 1, "%lld %lld %lld", &e[n].size, &e[n].mtime, &e[n].frame) == 3 && e[n].frame >= 0) {
            memcpy(e[n].path, line, len + 1);
            n++;
        }
    }
    fclose(f);
    return n;
}

static void write_entries(const entry *e, int n)
{
    char file[PATH_MAX], err[OUTFILE_ERR_MAX];
    outfile out;
    if (state_file(file, sizeof file, 1) < 0 || outfile_open(&out, file, 0, err, sizeof err) < 0)
        return; /* nothing to lose but a convenience */
    for (int i = 0; i < n; i++)
        fprintf(out.f, "%s\t%lld %lld %lld\n", e[i].path, e[i].size, e[i].mtime, e[i].frame);
    outfile_commit(&out, err, sizeof err);
}

static int identify(const char *path, entry *out)
{
    struct stat st;
    if (!realpath(path, out->path) || stat(out->path, &st) != 0 || strchr(out->path, '\t') ||
        strchr(out->path, '\n'))
        return -1;
    out->size = (long long)st.st_size;
    out->mtime = (long long)st.st_mtime;
    return 0;
}

int64_t resume_get(const char *path)
{
    entry me, all[MAX_ENTRIES];
    if (identify(path, &me) < 0)
        return -1;
    int n = read_entries(all, MAX_ENTRIES);
    for (int i = 0; i < n; i++)
        if (strcmp(all[i].path, me.path) == 0)
            return all[i].size == me.size && all[i].mtime == me.mtime ? all[i].frame : -1;
    return -1;
}

void resume_put(const char *path, int64_t frame)
{
    entry me, all[MAX_ENTRIES + 1];
    if (identify(path, &me) < 0)
        return;
    me.frame = frame;
    int n = read_entries(all + 1, MAX_ENTRIES), kept = 1;
    all[0] = me; /* newest first */
    for (int i = 1; i <= n && kept < MAX_ENTRIES; i++)
        if (strcmp(all[i].path, me.path) != 0)
            all[kept++] = all[i];
    if (frame < 0)
        write_entries(all + 1, kept - 1); /* forget it */
    else
        write_entries(all, kept);
}

void resume_clear(const char *path) { resume_put(path, -1); }

int64_t resume_point(const timeline *t, int64_t at)
{
    if (at < 30 * PACER_RATE || at >= t->frames - 15 * PACER_RATE)
        return -1; /* just begun, or nearly done: start over */
    int64_t step = timeline_step_boundary(t, at + 1, -1);
    return step > 0 ? step : -1;
}
