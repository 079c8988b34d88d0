/* outfile.c - atomic output files through a temporary beside the target; standard output
 * checked at the end. See outfile.h. */
#define _GNU_SOURCE /* renameat2 */
#include "outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TMP_PREFIX ".pacer-"

/* ---- temporaries removed on a signal ----
 * A fixed table the handler can read without locks: the folder and the name, filled in
 * before the slot is marked used. */
enum { MAX_OPEN = 8, NSIGNALS = 3 };
static const int g_signals[NSIGNALS] = {SIGINT, SIGTERM, SIGHUP};
static struct {
    volatile sig_atomic_t used;
    int dirfd;
    char name[48];
} g_temps[MAX_OPEN];
static int g_open;                      /* outfiles open */
static int g_ours[NSIGNALS];            /* our handler is installed for this signal */

static void on_fatal_signal(int sig)
{
    for (int i = 0; i < MAX_OPEN; i++)
        if (g_temps[i].used)
            unlinkat(g_temps[i].dirfd, g_temps[i].name, 0);
    /* then the signal's usual end, so the parent sees how we ended */
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Installs the handler for the signals the program leaves at their default (a program
 * with its own handler, like render, cleans up itself). */
static void handlers_install(void)
{
    if (g_open++ > 0)
        return;
    for (int i = 0; i < NSIGNALS; i++) {
        struct sigaction old, sa = {0};
        g_ours[i] = 0;
        if (sigaction(g_signals[i], NULL, &old) != 0 || old.sa_handler != SIG_DFL)
            continue;
        sa.sa_handler = on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        for (int k = 0; k < NSIGNALS; k++)
            sigaddset(&sa.sa_mask, g_signals[k]);
        g_ours[i] = sigaction(g_signals[i], &sa, NULL) == 0;
    }
}

static void handlers_remove(void)
{
    if (g_open == 0 || --g_open > 0)
        return;
    for (int i = 0; i < NSIGNALS; i++) {
        if (g_ours[i])
            signal(g_signals[i], SIG_DFL);
        g_ours[i] = 0;
    }
}

static int slot_take(int dirfd, const char *name)
{
    for (int i = 0; i < MAX_OPEN; i++) {
        if (!g_temps[i].used) {
            g_temps[i].dirfd = dirfd;
            snprintf(g_temps[i].name, sizeof g_temps[i].name, "%s", name);
            g_temps[i].used = 1;
            return i;
        }
    }
    return -1; /* more than MAX_OPEN at once: still swept later */
}

static void slot_free(int slot)
{
    if (slot >= 0)
        g_temps[slot].used = 0;
}

/* ---- names ---- */

/* Splits path into its folder (malloc'd) and its last name (inside path). */
static char *split_path(const char *path, const char **base)
{
    const char *slash = strrchr(path, '/');
    *base = slash ? slash + 1 : path;
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

static void fail(char *err, size_t n, const char *path, const char *reason)
{
    snprintf(err, n, "cannot write %s: %s", path, reason);
}

/* Is the process with this id gone? (Not a guess: a live process of another user says
 * EPERM, and counts as alive.) */
static int process_gone(long pid) { return pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH; }

/* The pid in ".pacer-PID-XXXXXX", or -1. */
static long temp_pid(const char *name)
{
    size_t k = strlen(TMP_PREFIX);
    if (strncmp(name, TMP_PREFIX, k) != 0)
        return -1;
    char *end;
    errno = 0;
    long pid = strtol(name + k, &end, 10);
    if (errno || end == name + k || *end != '-' || pid <= 0)
        return -1;
    return pid;
}

/* The pid in "TARGET.partial-PID" (the names of earlier versions), or -1. */
static long legacy_pid(const char *name, const char *target)
{
    size_t k = strlen(target);
    if (!target[0] || strncmp(name, target, k) != 0 || strncmp(name + k, ".partial-", 9) != 0)
        return -1;
    const char *p = name + k + 9;
    if (!*p || strspn(p, "0123456789") != strlen(p) || strlen(p) > 9)
        return -1;
    return strtol(p, NULL, 10);
}

/* Removes name from dirfd if it is a regular file of ours and, when locked, no one holds
 * the lock (a live writer in another pid namespace still does). */
static int remove_stale(int dirfd, const char *name, int need_lock)
{
    struct stat st;
    if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid())
        return 0;
    int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return 0;
    int removed = 0;
    if (!need_lock || flock(fd, LOCK_EX | LOCK_NB) == 0)
        removed = unlinkat(dirfd, name, 0) == 0;
    close(fd);
    return removed;
}

int outfile_sweep(int dirfd, const char *target)
{
    int dup_fd = dup(dirfd);
    if (dup_fd < 0)
        return 0;
    DIR *d = fdopendir(dup_fd);
    if (!d) {
        close(dup_fd);
        return 0;
    }
    rewinddir(d);
    int removed = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        long pid = temp_pid(e->d_name);
        if (pid > 0 && pid != (long)getpid() && process_gone(pid))
            removed += remove_stale(dirfd, e->d_name, 1);
        pid = target ? legacy_pid(e->d_name, target) : -1;
        if (pid > 0 && pid != (long)getpid() && process_gone(pid))
            removed += remove_stale(dirfd, e->d_name, 0);
    }
    closedir(d);
    return removed;
}

/* ---- checks ---- */

/* The reason path cannot be written, or NULL; st_out gets the existing target's status
 * (st_mode 0 when there is none). dirfd: the folder, opened. */
static const char *check_target(int dirfd, const char *base, int flags, struct stat *st_out)
{
    memset(st_out, 0, sizeof *st_out);
    if (!base[0] || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
        return strerror(EISDIR);
    if (strlen(base) > NAME_MAX)
        return strerror(ENAMETOOLONG);
    struct stat st;
    if (fstatat(dirfd, base, &st, 0) == 0) {
        if (flags & OUTFILE_NO_REPLACE)
            return "it exists already";
        if (S_ISDIR(st.st_mode))
            return strerror(EISDIR);
        if (!S_ISREG(st.st_mode))
            return "it is not a regular file (a device, a pipe or a socket)";
        *st_out = st;
    } else if (errno != ENOENT) {
        return strerror(errno);
    } else if (flags & OUTFILE_NO_REPLACE && fstatat(dirfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        return "it exists already"; /* a dangling symbolic link */
    }
    if (faccessat(dirfd, ".", W_OK, AT_EACCESS) != 0)
        return strerror(errno);
    return NULL;
}

static int open_dir(const char *path, const char **base, char *err, size_t n)
{
    if (!path[0]) {
        snprintf(err, n, "cannot write a file without a name (the file name is empty)");
        return -1;
    }
    if (strlen(path) >= PATH_MAX) {
        snprintf(err, n, "cannot write a file whose name is longer than %d bytes", PATH_MAX - 1);
        return -1;
    }
    char *dir = split_path(path, base);
    if (!dir) {
        fail(err, n, path, "out of memory");
        return -1;
    }
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        fail(err, n, path, strerror(errno));
    free(dir);
    return fd;
}

int outfile_check(const char *path, int flags, char *err, size_t n)
{
    const char *base;
    int dirfd = open_dir(path, &base, err, n);
    if (dirfd < 0)
        return -1;
    struct stat st;
    const char *why = check_target(dirfd, base, flags, &st);
    close(dirfd);
    if (why) {
        fail(err, n, path, why);
        return -1;
    }
    return 0;
}

/* ---- writing ---- */

static unsigned long random_bits(void)
{
    unsigned long r;
    if (getrandom(&r, sizeof r, GRND_NONBLOCK) == (ssize_t)sizeof r)
        return r;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long)ts.tv_nsec ^ ((unsigned long)ts.tv_sec << 20) ^ (unsigned long)getpid();
}

/* Creates the temporary: new files get the usual 0666 less the umask; a replacement is made
 * private (0600) until it has the old file's permissions. */
static int create_temp(outfile *o, const struct stat *old)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned long r = random_bits();
        char tail[7];
        for (int i = 0; i < 6; i++, r /= 36)
            tail[i] = alphabet[r % 36];
        tail[6] = 0;
        snprintf(o->tmp, sizeof o->tmp, TMP_PREFIX "%ld-%s", (long)getpid(), tail);
        int fd = openat(o->dirfd, o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                        old->st_mode ? 0600 : 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

/* The old file's owner where we may (root, or our own file with one of our groups), then
 * its permissions (after the owner: a change of owner clears some mode bits). */
static void keep_attributes(int fd, const struct stat *old)
{
    if (!old->st_mode)
        return;
    struct stat now;
    if (fstat(fd, &now) == 0 && (now.st_uid != old->st_uid || now.st_gid != old->st_gid)) {
        if (fchown(fd, old->st_uid, old->st_gid) != 0 && fchown(fd, (uid_t)-1, old->st_gid) != 0) {
            /* not permitted: the file becomes ours, with the old permissions */
        }
    }
    if (fchmod(fd, old->st_mode & 0777) != 0) {
        /* the temporary is ours: this does not fail in practice; 0600 is kept if it does */
    }
}

static void outfile_release(outfile *o)
{
    slot_free(o->slot);
    o->slot = -1;
    if (o->f)
        fclose(o->f);
    else if (o->fd >= 0)
        close(o->fd);
    o->f = NULL;
    o->fd = -1;
    if (o->tmp[0] && o->dirfd >= 0)
        unlinkat(o->dirfd, o->tmp, 0);
    o->tmp[0] = 0;
    if (o->dirfd >= 0) {
        close(o->dirfd);
        handlers_remove();
    }
    o->dirfd = -1;
    free(o->path);
    o->path = NULL;
}

int outfile_open(outfile *o, const char *path, int flags, char *err, size_t n)
{
    memset(o, 0, sizeof *o);
    o->fd = o->dirfd = o->slot = -1;
    o->flags = flags;
    const char *base;
    int dirfd = open_dir(path, &base, err, n);
    if (dirfd < 0)
        return -1;
    o->path = strdup(path);
    if (!o->path) {
        close(dirfd);
        fail(err, n, path, "out of memory");
        return -1;
    }
    o->base = o->path + (base - path);
    o->dirfd = dirfd;
    handlers_install();
    outfile_sweep(dirfd, o->base);
    struct stat old;
    const char *why = check_target(dirfd, o->base, flags, &old);
    if (!why) {
        o->fd = create_temp(o, &old);
        if (o->fd < 0)
            why = strerror(errno);
    }
    if (!why) {
        o->slot = slot_take(dirfd, o->tmp);
        /* a live writer's lock: no sweep takes this temporary while it is being written */
        if (flock(o->fd, LOCK_EX | LOCK_NB) != 0) {
            /* no locks on this file system: the process id in the name still protects it */
        }
        keep_attributes(o->fd, &old);
        o->f = fdopen(o->fd, "wb");
        if (!o->f)
            why = strerror(errno);
    }
    if (why) {
        fail(err, n, path, why);
        outfile_release(o);
        return -1;
    }
    return 0;
}

/* Moves the temporary into place: over the target, or (OUTFILE_NO_REPLACE) only if there
 * is none. Returns 0, or an errno. */
static int move_into_place(outfile *o)
{
    if (!(o->flags & OUTFILE_NO_REPLACE))
        return renameat(o->dirfd, o->tmp, o->dirfd, o->base) == 0 ? 0 : errno;
    if (renameat2(o->dirfd, o->tmp, o->dirfd, o->base, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return errno;
    /* a file system without RENAME_NOREPLACE: a hard link fails the same way on a name taken */
    if (linkat(o->dirfd, o->tmp, o->dirfd, o->base, 0) != 0)
        return errno;
    unlinkat(o->dirfd, o->tmp, 0);
    return 0;
}

int outfile_commit(outfile *o, char *err, size_t n)
{
    if (!o->f) {
        fail(err, n, o->path ? o->path : "", "the file was not opened");
        outfile_release(o);
        return -1;
    }
    int e = 0;
    if (fflush(o->f) != 0)
        e = errno ? errno : EIO;
    else if (ferror(o->f))
        e = EIO;
    else if (fsync(o->fd) != 0 && errno != EINVAL)
        e = errno;
    int closed = fclose(o->f);
    o->f = NULL;
    o->fd = -1;
    if (!e && closed != 0)
        e = errno;
    if (!e)
        e = move_into_place(o);
    if (e) {
        fail(err, n, o->path, e == EEXIST ? "it exists already" : strerror(e));
        outfile_release(o);
        return -1;
    }
    o->tmp[0] = 0; /* it is the target now */
    if (fsync(o->dirfd) != 0) {
        /* the rename is done; a folder that cannot be synced (some file systems) keeps it */
    }
    outfile_release(o);
    return 0;
}

void outfile_abort(outfile *o)
{
    if (o)
        outfile_release(o);
}

/* ---- standard output ----
 * While the program runs, stdout is a stream of our own over descriptor 1 that remembers
 * the first write error: stdio itself keeps only a flag, and once a failed buffer is dropped
 * the reason is gone by the time the program ends. */

static FILE *g_real_stdout;
static int g_stdout_errno;

static ssize_t guarded_write(void *cookie, const char *buf, size_t n)
{
    (void)cookie;
    size_t done = 0;
    while (done < n) {
        ssize_t k = write(1, buf + done, n - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            if (!g_stdout_errno)
                g_stdout_errno = k < 0 ? errno : EIO;
            break; /* fewer bytes than asked: stdio marks the stream failed */
        }
        done += (size_t)k;
    }
    return (ssize_t)done;
}

void stdout_guard_init(void)
{
    signal(SIGXFSZ, SIG_IGN);
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        /* the lowest free descriptor is fd itself; read-only for output, so writes still fail */
        int got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
        if (got >= 0 && got != fd)
            close(got);
    }
    if (g_real_stdout)
        return;
    FILE *f = fopencookie(NULL, "w", (cookie_io_functions_t){.write = guarded_write});
    if (!f)
        return; /* the plain stdout: its errors are still noticed, their reason maybe not */
    /* a terminal sees each line as it is printed, as with the usual stdout */
    setvbuf(f, NULL, isatty(1) ? _IOLBF : _IOFBF, BUFSIZ);
    fflush(stdout);
    g_real_stdout = stdout;
    stdout = f;
}

int stdout_guard_finish(const char *prog)
{
    int had_error = ferror(stdout), e = 0;
    errno = 0;
    if (fflush(stdout) != 0 && !g_stdout_errno)
        g_stdout_errno = errno ? errno : EIO;
    if (g_real_stdout) {
        fclose(stdout); /* flushed above: this frees the stream */
        stdout = g_real_stdout;
        g_real_stdout = NULL;
    }
    e = g_stdout_errno;
    /* A deferred error (a network file system's) comes with a close; closing a copy of the
     * descriptor reports it and leaves standard output usable for whatever runs at exit. */
    int copy = e ? -1 : dup(1);
    if (copy >= 0 && close(copy) != 0 && errno != EINTR)
        e = errno;
    if (!e && !had_error)
        return 0;
    fprintf(stderr, "%s: cannot write to standard output: %s\n", prog,
            e ? strerror(e) : "some of the output was lost");
    return -1;
}
