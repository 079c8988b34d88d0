/* outfile.h - files written whole or not at all, and standard output whose loss is noticed.
 *
 * An output file is written to a temporary beside its target, named .pacer-PID-XXXXXX
 * (short, whatever the target's name: a 255-byte name still fits), and renamed into place
 * only once all of it is on the disk (flushed and fsync'ed). Until then the target keeps
 * its old contents, or does not exist. Replacing a file keeps its permissions and, where
 * the system allows, its owner and group. A temporary is removed on failure, on
 * outfile_abort, and on SIGINT, SIGTERM or SIGHUP when the program has no handler of its
 * own for them; one left by a process that was killed outright (SIGKILL, a power cut) is
 * removed by the next outfile_open in that folder, once its process is gone. */
#ifndef PACER_OUTFILE_H
#define PACER_OUTFILE_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>

enum {
    OUTFILE_NO_REPLACE = 1, /* fail if the target exists (checked again at the rename) */
};

/* Room for any message of this module: a path the system accepts and a reason. */
enum { OUTFILE_ERR_MAX = PATH_MAX + 512 };

typedef struct outfile {
    FILE *f;        /* write here */
    char *path;     /* the target, as given */
    char *base;     /* its name in its folder */
    int dirfd;      /* its folder */
    int fd;         /* the temporary */
    int slot;       /* in the table of temporaries removed on a signal, or -1 */
    int flags;
    char tmp[48];   /* the temporary's name in the folder */
} outfile;

/* Whether path can be written at all, before any work is done: its folder exists, it is not
 * a folder or a device, it is short enough (and with OUTFILE_NO_REPLACE, it does not exist).
 * Returns 0, or -1 with err ("cannot write PATH: REASON"). */
int outfile_check(const char *path, int flags, char *err, size_t n);

/* Starts writing path: creates the temporary and sweeps stale ones from the folder.
 * Returns 0, or -1 with err. */
int outfile_open(outfile *o, const char *path, int flags, char *err, size_t n);

/* Flushes, syncs, closes and renames the temporary into place. Returns 0, or -1 with err
 * (the temporary removed, the target as it was). The outfile is finished either way. */
int outfile_commit(outfile *o, char *err, size_t n);

/* Removes the temporary; the target stays as it was. Safe on a finished outfile. */
void outfile_abort(outfile *o);

/* Removes from the folder dirfd the temporaries of processes that are gone (ours only,
 * never another user's, never one still locked by a live writer), and target's old-style
 * TARGET.partial-PID leftovers (target may be NULL). Returns how many were removed. */
int outfile_sweep(int dirfd, const char *target);

/* ---- standard output ---- */
/* At start: SIGXFSZ ignored (a file size limit becomes a write error to report); standard
 * input, output and error opened on /dev/null when closed, so no file the program opens can
 * take their place (a closed output stays unwritable); stdout made a stream that remembers
 * the first write error's reason (line-buffered on a terminal, as before). */
void stdout_guard_init(void);
/* At the end: flushes standard output and checks that all of it was written. Returns 0, or
 * -1 after printing "PROG: cannot write to standard output: REASON" on standard error. */
int stdout_guard_finish(const char *prog);

#endif
