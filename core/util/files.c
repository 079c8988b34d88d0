/* files.c - opening the files Pacer reads, and the one rule for paths that must stay inside
 * a folder.
 *
 * Every file is opened with O_NONBLOCK: open() of a FIFO waits for a writer, and a read of
 * a FIFO or a character device waits for data, in both cases where no signal handler of
 * ours can end the wait (SA_RESTART). Opening without blocking and refusing anything that
 * fstat does not call a regular file makes a FIFO or a device in place of a file an error at
 * once. The check is made on the open descriptor, so a file swapped after a stat() cannot
 * slip through. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* The reason to give for a file that is there but not a regular file. */
static const char *kind_of(mode_t m)
{
    if (S_ISDIR(m))
        return "it is a folder, not a file";
    if (S_ISFIFO(m))
        return "it is a pipe (FIFO), not a file";
    if (S_ISCHR(m) || S_ISBLK(m))
        return "it is a device, not a file";
    if (S_ISSOCK(m))
        return "it is a socket, not a file";
    return "it is not a regular file";
}

int file_open_regular(const char *path, struct stat *st, const char **why)
{
    struct stat own;
    if (!st)
        st = &own;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        if (why)
            *why = strerror(errno);
        return -1;
    }
    if (fstat(fd, st) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        if (why)
            *why = strerror(e);
        return -1;
    }
    if (!S_ISREG(st->st_mode)) {
        close(fd);
        errno = EINVAL;
        if (why)
            *why = kind_of(st->st_mode);
        return -1;
    }
    /* A regular file never blocks; the flag goes so later reads behave as usual. */
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    return fd;
}

FILE *file_fopen_regular(const char *path, struct stat *st, const char **why)
{
    int fd = file_open_regular(path, st, why);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        int e = errno;
        close(fd);
        errno = e;
        if (why)
            *why = strerror(e);
    }
    return f;
}

int file_read_regular(const char *path, size_t max, char **data, size_t *len, const char **why)
{
    *data = NULL;
    *len = 0;
    struct stat st;
    int fd = file_open_regular(path, &st, why);
    if (fd < 0)
        return -1;
    if (st.st_size < 0 || (uint64_t)st.st_size > max) {
        close(fd);
        errno = EFBIG;
        if (why)
            *why = "the file is too large";
        return 1;
    }
    size_t want = (size_t)st.st_size;
    char *buf = malloc(want + 1);
    if (!buf) {
        close(fd);
        errno = ENOMEM;
        if (why)
            *why = "out of memory";
        return -1;
    }
    /* Read what the size promised and no more: a file that grows meanwhile is cut there,
     * one that shrinks gives what it has. */
    size_t got = 0;
    while (got < want) {
        ssize_t r = read(fd, buf + got, want - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(buf);
            close(fd);
            errno = e;
            if (why)
                *why = strerror(e);
            return -1;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    buf[got] = 0;
    *data = buf;
    *len = got;
    return 0;
}

int path_inside(const char *root, const char *path, char *real, size_t n)
{
    char root_real[PATH_MAX], resolved[PATH_MAX];
    if (!realpath(root, root_real))
        return -1;
    if (!realpath(path, resolved))
        return -1;
    size_t rl = strlen(root_real);
    /* "/" as the root holds everything; otherwise the root and a '/' must lead the path. */
    int inside = rl == 1 ? 1 : strncmp(resolved, root_real, rl) == 0 && resolved[rl] == '/';
    if (!inside)
        return 1;
    if (real) {
        size_t l = strlen(resolved);
        if (l >= n) {
            errno = ENAMETOOLONG;
            return -1;
        }
        memcpy(real, resolved, l + 1);
    }
    return 0;
}

int xdg_path(const char *env, const char *fallback, const char *rel, char *buf, size_t n)
{
    const char *xdg = getenv(env), *home = getenv("HOME");
    int w;
    if (xdg && *xdg)
        w = snprintf(buf, n, "%s/%s", xdg, rel);
    else if (home && *home)
        w = snprintf(buf, n, "%s/%s/%s", home, fallback, rel);
    else
        return -1;
    return w > 0 && (size_t)w < n ? 0 : -1;
}
