/* isolate.c - runs the sandboxed load in a child process and brings the result back.
 *
 * A session script can get stuck inside one library call (a pattern that backtracks without
 * end, a table.move over 2^62 slots): no Lua hook runs there and no other thread can end it
 * safely. So the load runs in a forked child: the child's watchdog names the call and its line
 * and ends the child, and the parent, which only waits on a pipe, goes on. If even that fails
 * (the child crashes, or hangs where its watchdog cannot help), the parent kills it after a
 * generous backstop, counted in the child's processor time (or, when it does no work at all,
 * in seconds without any), and reports the file. A CPU-time limit ends a child left behind.
 *
 * The result travels as one record: the return code, the diagnostics in order, and (on
 * success) the model, step by step, each step type named by its index in the registry the
 * parent and child share (the child is a copy of the parent, so the registry is the same). */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

#include "sandbox.h"

/* Beyond the script's own time limit and the watchdog's second of grace: only a child that
 * failed in an unforeseen way waits this long. Generous, for slow and shared machines. */
enum { BACKSTOP_SECONDS = 15 };
static const char MAGIC[4] = {'P', 'S', 'M', '1'};
static const char END[4] = {'E', 'N', 'D', '.'};

/* ---- writing (in the child) ---- */
static void put_i32(strbuf *b, int32_t v) { sb_add(b, (const char *)&v, sizeof v); }
static void put_f64(strbuf *b, double v) { sb_add(b, (const char *)&v, sizeof v); }

static void put_str(strbuf *b, const char *s)
{
    if (!s) {
        put_i32(b, -1);
        return;
    }
    size_t n = strlen(s);
    if (n > INT32_MAX) {
        b->failed = 1;
        return;
    }
    put_i32(b, (int32_t)n);
    sb_add(b, s, n);
}

static int type_index(const registry *reg, const pacer_step_type *t)
{
    for (int i = 0; i < reg->count; i++)
        if (reg->items[i].type == t)
            return i;
    return -1;
}

/* The model is at most MAX_NESTING deep (the constructors refuse deeper), so this recursion
 * is bounded; the check here keeps it so whatever the caller passes. */
static void put_node(strbuf *b, const step_node *n, const registry *reg, int depth)
{
    int ti = type_index(reg, n->type);
    if (ti < 0 || depth > MAX_NESTING + 8) {
        b->failed = 1;
        return;
    }
    put_i32(b, ti);
    put_str(b, n->file);
    put_i32(b, n->line);
    put_i32(b, n->col);
    put_i32(b, n->type->nfields);
    for (int i = 0; i < n->type->nfields; i++) {
        const step_value *v = &n->values[i];
        put_i32(b, v->given);
        put_f64(b, v->num);
        put_str(b, v->str);
        put_i32(b, v->list ? v->nlist : -1);
        for (int k = 0; v->list && k < v->nlist; k++)
            put_str(b, v->list[k]);
    }
    put_i32(b, n->nchildren);
    for (int i = 0; i < n->nchildren && !b->failed; i++)
        put_node(b, n->children[i], reg, depth + 1);
}

static void write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return; /* the parent is gone or gave up: nothing left to tell */
        p += w;
        n -= (size_t)w;
    }
}

static void put_plan(strbuf *b, const program_plan *p)
{
    put_str(b, p->file);
    put_str(b, p->title);
    put_str(b, p->summary);
    put_i32(b, p->line);
    put_i32(b, p->count);
    for (int i = 0; i < p->count; i++) {
        const plan_item *it = &p->items[i];
        put_str(b, it->file);
        put_str(b, it->why);
        put_str(b, it->src);
        put_i32(b, it->line);
        put_i32(b, it->col);
        put_i32(b, it->nparams);
        for (int k = 0; k < it->nparams; k++) {
            put_str(b, it->params[k].name);
            put_i32(b, (int32_t)it->params[k].type);
            put_f64(b, it->params[k].num);
            put_str(b, it->params[k].str);
            put_i32(b, it->params[k].boolean);
        }
    }
}

void isolate_send(int fd, int rc, const session_model *m, const program_plan *p, const diag_list *d,
                  const registry *reg)
{
    strbuf b;
    sb_init(&b);
    sb_add(&b, MAGIC, sizeof MAGIC);
    put_i32(&b, rc);
    put_i32(&b, d->count);
    for (int i = 0; i < d->count; i++) {
        put_i32(&b, (int32_t)d->items[i].severity);
        put_i32(&b, d->items[i].line);
        put_i32(&b, d->items[i].col);
        put_str(&b, d->items[i].file);
        put_str(&b, d->items[i].message);
    }
    if (rc == 0 && m && m->root) {
        put_i32(&b, 1);
        put_str(&b, m->file);
        put_str(&b, m->dir);
        put_node(&b, m->root, reg, 0);
        put_i32(&b, m->nincludes);
        for (int i = 0; i < m->nincludes; i++) {
            put_str(&b, m->include_names[i]);
            put_str(&b, m->include_paths[i]);
        }
    } else if (rc == 0 && p && p->file) {
        put_i32(&b, 2);
        put_plan(&b, p);
    } else {
        put_i32(&b, 0);
    }
    sb_add(&b, END, sizeof END);
    if (!b.failed && b.data)
        write_all(fd, b.data, b.len);
    sb_free(&b);
}

/* ---- the child ---- */
static void child_run(int fd, pid_t parent, const char *name, const char *dir, const char *buf, size_t len,
                      const script_opts *o)
{
    /* Ends with its parent; the parent's signal handlers (which may remove its output
     * files) are not the child's. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(0);
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
    double limit = o->time_limit > 0 ? o->time_limit : 2.0;
    struct rlimit cpu = {(rlim_t)ceil(limit) + BACKSTOP_SECONDS, (rlim_t)ceil(limit) + BACKSTOP_SECONDS + 1};
    struct rlimit old;
    if (getrlimit(RLIMIT_CPU, &old) == 0 && (old.rlim_cur == RLIM_INFINITY || old.rlim_cur > cpu.rlim_cur))
        setrlimit(RLIMIT_CPU, &cpu);
    struct rlimit core = {0, 0};
    setrlimit(RLIMIT_CORE, &core);

    session_model m;
    diag_list d;
    diags_init(&d);
    int rc = script_load_here(name, dir, buf, len, o, &m, &d, fd);
    isolate_send(fd, rc, &m, o->plan, &d, o->reg);
    if (rc == 0)
        session_model_free(&m);
    diags_free(&d);
    _exit(0);
}

/* ---- reading (in the parent) ---- */
typedef struct reader {
    const char *p, *end;
    int bad;
} reader;

static void get_bytes(reader *r, void *out, size_t n)
{
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = 1;
        memset(out, 0, n);
        return;
    }
    memcpy(out, r->p, n);
    r->p += n;
}

static int32_t get_i32(reader *r)
{
    int32_t v;
    get_bytes(r, &v, sizeof v);
    return v;
}

static double get_f64(reader *r)
{
    double v;
    get_bytes(r, &v, sizeof v);
    return v;
}

/* A string copied into a, or NULL (as sent, or when the record is bad). */
static const char *get_str(reader *r, arena *a)
{
    int32_t n = get_i32(r);
    if (r->bad || n < 0)
        return NULL;
    if ((size_t)(r->end - r->p) < (size_t)n) {
        r->bad = 1;
        return NULL;
    }
    char *s = arena_strndup(a, r->p, (size_t)n);
    if (!s)
        r->bad = 1;
    r->p += n;
    return s;
}

/* A count of items still to come, each at least min_size bytes: no more than the record holds. */
static int get_count(reader *r, size_t min_size, int allow_none)
{
    int32_t n = get_i32(r);
    if (allow_none && n == -1)
        return -1;
    if (r->bad || n < 0 || (size_t)n > (size_t)(r->end - r->p) / min_size)
        r->bad = 1;
    return r->bad ? 0 : n;
}

static step_node *get_node(reader *r, arena *a, const registry *reg, int depth)
{
    int32_t ti = get_i32(r);
    if (r->bad || ti < 0 || ti >= reg->count || depth > MAX_NESTING + 8) {
        r->bad = 1;
        return NULL;
    }
    step_node *n = arena_alloc(a, sizeof *n);
    if (!n) {
        r->bad = 1;
        return NULL;
    }
    n->type = reg->items[ti].type;
    n->file = get_str(r, a);
    n->line = get_i32(r);
    n->col = get_i32(r);
    int nf = get_i32(r);
    if (nf != n->type->nfields || !(n->values = arena_alloc(a, (size_t)(nf ? nf : 1) * sizeof *n->values))) {
        r->bad = 1;
        return NULL;
    }
    for (int i = 0; i < nf && !r->bad; i++) {
        step_value *v = &n->values[i];
        v->given = get_i32(r);
        v->num = get_f64(r);
        v->str = get_str(r, a);
        int nlist = get_count(r, 4, 1);
        if (nlist < 0 || r->bad)
            continue;
        if (!(v->list = arena_alloc(a, (size_t)(nlist + 1) * sizeof *v->list))) {
            r->bad = 1;
            break;
        }
        for (int k = 0; k < nlist && !r->bad; k++)
            v->list[k] = get_str(r, a);
        v->nlist = nlist;
    }
    int nc = get_count(r, 4, 0);
    if (r->bad)
        return NULL;
    if (nc && !(n->children = arena_alloc(a, (size_t)nc * sizeof *n->children))) {
        r->bad = 1;
        return NULL;
    }
    for (int i = 0; i < nc && !r->bad; i++)
        n->children[i] = get_node(r, a, reg, depth + 1);
    n->nchildren = nc;
    return r->bad ? NULL : n;
}

static int get_plan(reader *r, program_plan *p)
{
    arena *a = &p->mem;
    p->file = get_str(r, a);
    p->title = get_str(r, a);
    p->summary = get_str(r, a);
    p->line = get_i32(r);
    int n = get_count(r, 24, 0);
    if (r->bad)
        return -1;
    p->items = n ? arena_alloc(a, (size_t)n * sizeof *p->items) : NULL;
    if (n && !p->items)
        return r->bad = 1, -1;
    for (int i = 0; i < n && !r->bad; i++) {
        plan_item *it = &p->items[i];
        it->file = get_str(r, a);
        it->why = get_str(r, a);
        it->src = get_str(r, a);
        it->line = get_i32(r);
        it->col = get_i32(r);
        int np = get_count(r, 24, 0);
        if (r->bad || np > SCRIPT_MAX_PARAMS || !it->file || !it->src)
            return r->bad = 1, -1;
        it->params = np ? arena_alloc(a, (size_t)np * sizeof *it->params) : NULL;
        if (np && !it->params)
            return r->bad = 1, -1;
        for (int k = 0; k < np && !r->bad; k++) {
            script_param *q = &it->params[k];
            q->name = get_str(r, a);
            int t = get_i32(r);
            q->num = get_f64(r);
            q->str = get_str(r, a);
            q->boolean = get_i32(r);
            if (!q->name || t < SCRIPT_PARAM_NUMBER || t > SCRIPT_PARAM_BOOLEAN ||
                (t == SCRIPT_PARAM_STRING && !q->str))
                r->bad = 1;
            q->type = (script_param_type)t;
        }
        it->nparams = np;
        p->count = i + 1;
    }
    return r->bad || !p->file ? -1 : 0;
}

/* Reads the record: diagnostics into d, the model into m (or the plan into p). Returns the
 * child's rc, or -2 when the record is incomplete (nothing is added to d then). */
static int parse_result(const char *data, size_t len, const registry *reg, session_model *m, program_plan *p,
                        diag_list *d)
{
    reader r = {data, data + len, 0};
    char magic[4];
    get_bytes(&r, magic, sizeof magic);
    if (r.bad || memcmp(magic, MAGIC, sizeof magic) != 0 || len < 8 || memcmp(data + len - 4, END, 4) != 0)
        return -2;
    r.end -= 4;
    int rc = get_i32(&r);
    int nd = get_count(&r, 20, 0);
    arena scratch;
    arena_init(&scratch);
    diag_list got;
    diags_init(&got);
    for (int i = 0; i < nd && !r.bad; i++) {
        int sev = get_i32(&r), line = get_i32(&r), col = get_i32(&r);
        const char *file = get_str(&r, &scratch), *msg = get_str(&r, &scratch);
        if (sev < DIAG_ERROR || sev > DIAG_NOTE)
            r.bad = 1;
        if (!r.bad)
            diags_add(&got, (diag_severity)sev, file, line, col, "%s", msg ? msg : "");
    }
    arena_init(&m->mem);
    int kind = get_i32(&r);
    if (kind == 1 && !r.bad) {
        m->file = get_str(&r, &m->mem);
        m->dir = get_str(&r, &m->mem);
        m->root = get_node(&r, &m->mem, reg, 0);
        int ni = get_count(&r, 8, 0);
        if (ni > MAX_SOURCES)
            r.bad = 1;
        if (ni > 0 && !r.bad) {
            m->include_names = arena_alloc(&m->mem, (size_t)ni * sizeof *m->include_names);
            m->include_paths = arena_alloc(&m->mem, (size_t)ni * sizeof *m->include_paths);
            if (!m->include_names || !m->include_paths)
                r.bad = 1;
            for (int i = 0; i < ni && !r.bad; i++) {
                m->include_names[i] = get_str(&r, &m->mem);
                m->include_paths[i] = get_str(&r, &m->mem);
                if (!m->include_names[i] || !m->include_paths[i])
                    r.bad = 1;
            }
            m->nincludes = r.bad ? 0 : ni;
        }
    } else if (kind == 2 && p && !r.bad) {
        arena_init(&p->mem);
        get_plan(&r, p);
    } else if (kind != 0) {
        r.bad = 1;
    }
    if (rc == 0 && !m->root && !(p && p->file))
        r.bad = 1;
    if (!r.bad && r.p != r.end)
        r.bad = 1;
    arena_free(&scratch);
    if (r.bad) {
        diags_free(&got);
        session_model_free(m);
        if (p)
            program_plan_free(p);
        return -2;
    }
    for (int i = 0; i < got.count; i++)
        diags_add(d, got.items[i].severity, got.items[i].file, got.items[i].line, got.items[i].col, "%s",
                  got.items[i].message);
    diags_free(&got);
    if (rc != 0)
        session_model_free(m);
    return rc == 0 ? 0 : -1;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The processor time the child has used (all its threads), or -1 when it cannot be read. */
static double child_cpu_seconds(pid_t pid)
{
    clockid_t clock;
    struct timespec ts;
    if (clock_getcpuclockid(pid, &clock) != 0 || clock_gettime(clock, &ts) != 0)
        return -1;
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Reads until the child closes the pipe. Returns 0, or when the child is given up on: 1 when
 * it has used cpu_limit seconds of processor time, 2 when it used none at all for
 * BACKSTOP_SECONDS (stuck, waiting on something that never comes). Both count the child's own work, not the
 * clock: on a busy machine a child that gets a tenth of a core takes ten times as long and is
 * not cut short. Only when its processor time cannot be read does the clock stand in. */
static int read_result(int fd, pid_t pid, double cpu_limit, strbuf *out)
{
    char chunk[65536];
    const double start = now_seconds();
    double seen = 0, working_at = start;
    for (;;) {
        double now = now_seconds(), cpu = child_cpu_seconds(pid);
        if (cpu < 0) {
            if (now - start >= cpu_limit)
                return 1;
        } else if (cpu >= cpu_limit) {
            return 1;
        } else if (cpu > seen) {
            seen = cpu;
            working_at = now;
        } else if (now - working_at >= BACKSTOP_SECONDS) {
            return 2;
        }
        struct pollfd p = {fd, POLLIN, 0};
        int ready = poll(&p, 1, 250);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0)
            return 1;
        if (ready == 0)
            continue; /* the limits are checked above */
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            return 0;
        sb_add(out, chunk, (size_t)n);
        if (out->failed)
            return 0; /* out of memory: the record is incomplete, and reported so */
    }
}

/* Waits for the child; returns its wait status, or 0 when it was reaped elsewhere (SIGCHLD
 * ignored). */
static int reap(pid_t pid)
{
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return 0;
    }
    return status;
}

int isolate_load(const char *name, const char *dir, const char *buf, size_t len, const script_opts *o,
                 session_model *m, diag_list *d)
{
    memset(m, 0, sizeof *m);
    int fds[2];
    if (pipe(fds) < 0) {
        diags_add(d, DIAG_ERROR, name, 0, 0, "cannot start the script engine: %s", strerror(errno));
        return -1;
    }
    fcntl(fds[0], F_SETFD, FD_CLOEXEC); /* not into programs this process starts */
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        close(fds[0]);
        close(fds[1]);
        diags_add(d, DIAG_ERROR, name, 0, 0, "cannot start the script engine: %s", strerror(err));
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        child_run(fds[1], parent, name, dir, buf, len, o);
    }
    close(fds[1]);
    double limit = o->time_limit > 0 ? o->time_limit : 2.0;
    strbuf got;
    sb_init(&got);
    int late = read_result(fds[0], pid, limit + 1 + BACKSTOP_SECONDS, &got);
    close(fds[0]);
    if (late)
        kill(pid, SIGKILL);
    int status = reap(pid);
    if (o->plan)
        memset(o->plan, 0, sizeof *o->plan);
    int rc = late ? -2 : parse_result(got.data ? got.data : "", got.len, o->reg, m, o->plan, d);
    sb_free(&got);
    if (rc != -2)
        return rc;
    memset(m, 0, sizeof *m);
    if (late == 1)
        diags_add(d, DIAG_ERROR, name, 0, 0, "the script did not finish within %g s of processor time and was stopped",
                  limit + 1 + BACKSTOP_SECONDS);
    else if (late)
        diags_add(d, DIAG_ERROR, name, 0, 0, "the script engine did no work for %d s and was stopped",
                  (int)BACKSTOP_SECONDS);
    else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)
        diags_add(d, DIAG_ERROR, name, 0, 0, "the script used too much processor time and was stopped");
    else if (WIFSIGNALED(status))
        diags_add(d, DIAG_ERROR, name, 0, 0, "the script engine failed (%s) while running the script",
                  strsignal(WTERMSIG(status)));
    else
        diags_add(d, DIAG_ERROR, name, 0, 0, "the script engine failed while running the script");
    return -1;
}
