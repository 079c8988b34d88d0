/* bench_load.c - how long loading, validating and compiling a very large session takes.
 *
 * Generates a session script of STEPS leaf steps in memory (a mix of say, show, hold, breathe,
 * wait, ready, tone, beep and bell, many inside sides and sets blocks with {side} texts; the
 * leaf steps are counted as written, before sides and sets repeat them) and times
 *
 *   full:     script_load_buffer (Lua sandbox, constructors, field checks, validate hooks)
 *             + session_compile (expansion into the timeline, sort, overlap check);
 *   lua-only: the same text run by a bare lua_newstate whose step names are all one C stub
 *             that returns its first argument: the part of the cost that is Lua itself.
 *
 * Both run interleaved (warm-up, then RUNS of each, alternating), so a noisy machine slows
 * both alike; the ratio of the medians is the figure to compare between machines. Memory is
 * measured in fresh processes (--once): peak RSS from getrusage, and where the C library
 * allows it the heap bytes the loader used (Lua state + model) and the timeline, counted by
 * wrapping malloc and friends at link time (see CMakeLists.txt); nothing in core is changed.
 *
 * Prints a human-readable report and one machine-readable line starting with "RESULT ". */
#include <errno.h>
#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "script.h"
#include "compile.h"

#define GOAL_MS 50.0

/* ---- heap accounting (only when linked with --wrap; see CMakeLists.txt) ---- */
#ifdef BENCH_HEAP_COUNT
#include <malloc.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static int g_counting;          /* set only in --once runs: timed runs pay one branch */
static long long g_heap, g_peak; /* bytes live, and the most at once since heap_reset_peak */

static void heap_add(long long n)
{
    long long v = __atomic_add_fetch(&g_heap, n, __ATOMIC_RELAXED);
    long long p = __atomic_load_n(&g_peak, __ATOMIC_RELAXED);
    while (v > p && !__atomic_compare_exchange_n(&g_peak, &p, v, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
    }
}

static void *counted(void *p)
{
    if (p && g_counting)
        heap_add((long long)malloc_usable_size(p));
    return p;
}

void *__wrap_malloc(size_t n) { return counted(__real_malloc(n)); }
void *__wrap_calloc(size_t k, size_t n) { return counted(__real_calloc(k, n)); }
char *__wrap_strdup(const char *s) { return counted(__real_strdup(s)); }
char *__wrap_strndup(const char *s, size_t n) { return counted(__real_strndup(s, n)); }

void *__wrap_realloc(void *p, size_t n)
{
    if (!g_counting)
        return __real_realloc(p, n);
    long long old = p ? (long long)malloc_usable_size(p) : 0;
    void *q = __real_realloc(p, n);
    if (q)
        heap_add((long long)malloc_usable_size(q) - old);
    else if (n == 0)
        heap_add(-old); /* realloc(p, 0) freed p */
    return q;
}

void __wrap_free(void *p)
{
    if (p && g_counting)
        heap_add(-(long long)malloc_usable_size(p));
    __real_free(p);
}

static void heap_start(void) { g_counting = 1; }
static long long heap_now(void) { return __atomic_load_n(&g_heap, __ATOMIC_RELAXED); }
static void heap_reset_peak(void) { __atomic_store_n(&g_peak, heap_now(), __ATOMIC_RELAXED); }
static long long heap_peak(void) { return __atomic_load_n(&g_peak, __ATOMIC_RELAXED); }
#else
static void heap_start(void) {}
static long long heap_now(void) { return -1; }
static void heap_reset_peak(void) {}
static long long heap_peak(void) { return -1; }
#endif

/* ---- the generated session ---- */
typedef struct script {
    strbuf text;
    int leaves, blocks, lines;
} script;

/* One leaf step per call; every call site counts what it adds. */
static void leaf(script *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void leaf(script *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&s->text, fmt, ap);
    va_end(ap);
    s->leaves++;
}

/* A unit of a long routine, the way the shipped sessions are written: an instruction card,
 * cues, holds with reps, rest and countdown, paced breathing, waits, a sides block with
 * {side} texts and a sets block. 19 leaf steps. */
enum { UNIT_LEAVES = 19 };

static void unit(script *s, int k)
{
    static const char *const parts[] = {"knee", "hip", "shoulder", "ankle", "wrist", "neck"};
    const char *part = parts[k % 6];
    sb_printf(&s->text, "  -- part %d: %s\n", k + 1, part);
    leaf(s, "  show \"Part %d: lie on your back, knees bent, feet flat.\",\n", k + 1);
    leaf(s, "  say \"Part %d. Bring your %s up slowly and hold it with both hands.\",\n", k + 1, part);
    leaf(s, "  hold { seconds = %d, reps = 3, rest = 3, countdown = 3,\n"
            "         cue = \"Press into your hands\", release = \"And relax\" },\n",
         5 + k % 4);
    leaf(s, "  wait(2),\n");
    leaf(s, "  breathe { inhale = 3, exhale = 5, cycles = %d, speak_cycles = 2,\n"
            "            inhale_cue = \"Breathe in, belly rises\", exhale_cue = \"Breathe out, belly falls\" },\n",
         2 + k % 3);
    leaf(s, "  say \"Now one side at a time.\",\n");
    sb_puts(&s->text, "  sides { \"left\", \"right\",\n");
    leaf(s, "    show \"Raise your {side} %s.\",\n", part);
    leaf(s, "    say \"Raise your {side} %s, slowly.\",\n", part);
    leaf(s, "    hold { seconds = 6, rest = 2, cue = \"Hold your {side} %s up\" },\n", part);
    leaf(s, "    say \"Lower your {side} %s.\",\n", part);
    leaf(s, "    wait { 3, countdown = true, label = \"Rest\" },\n");
    sb_puts(&s->text, "  },\n");
    sb_puts(&s->text, "  sets { n = 2, rest = 5,\n");
    leaf(s, "    say \"Rock your knees gently.\",\n");
    leaf(s, "    hold(5),\n");
    leaf(s, "    breathe { inhale = 3, hold_in = 1, exhale = 4, cycles = 1 },\n");
    leaf(s, "    tone { hz = 660, ms = 300, level = 0.4, shape = \"chime\" },\n");
    sb_puts(&s->text, "  },\n");
    leaf(s, "  ready { \"Tap when you are ready.\", timeout = 5 },\n");
    leaf(s, "  beep(),\n");
    leaf(s, "  wait { 3, label = \"Rest\" },\n");
    leaf(s, "  say \"Well done.\",\n");
    s->blocks += 2;
}

static void generate(script *s, int steps)
{
    memset(s, 0, sizeof *s);
    sb_init(&s->text);
    sb_printf(&s->text, "-- A generated session of %d steps, for the load benchmark.\n"
                        "return session {\n"
                        "  title = \"Benchmark, %d steps\",\n"
                        "  summary = \"Every built-in step type, in sides and sets blocks\",\n"
                        "  language = \"en\", rate = 150, api = 1,\n\n",
              steps, steps);
    int k = 0;
    while (steps - s->leaves - 1 >= UNIT_LEAVES) /* one left for the closing bell */
        unit(s, k++);
    while (steps - s->leaves > 1)
        leaf(s, "  wait(2),\n");
    leaf(s, "  bell(),\n");
    sb_puts(&s->text, "}\n");
    s->blocks++; /* the session */
    for (size_t i = 0; i < s->text.len; i++)
        s->lines += s->text.data[i] == '\n';
}

/* ---- the two things timed ---- */
static registry g_reg;

/* The CLI's compile settings, except that a session this long (21 hours, inside the 24-hour
 * limit) is not warned about: the script must load clean for the figures to mean anything. */
static const compile_opts g_copts = {.warn_minutes = 24 * 60.0};

/* --two-pass: compile the way pacer does with speech (pass 1 lists the texts, they are
 * answered, pass 2 compiles against the list), the answers being the estimates: the
 * compiler's own cost of the two passes, without synthesis. */
static int g_two_pass;

static int compile_two_pass(const session_model *m, timeline *t, diag_list *d)
{
    cue_list l;
    cue_list_init(&l);
    compile_opts o = g_copts;
    o.cues = &l;
    session_cue_requests(m, &o);
    for (int i = 0; i < l.count; i++) {
        cue_request *r = &l.items[i];
        double s = r->kind == CUE_SPEECH ? estimate_speech_len(NULL, r->language, r->voice, r->rate, r->text) : -1;
        cue_list_answer(&l, r, s, NULL);
    }
    int rc = session_compile(m, &o, t, d);
    if (cue_list_pending(&l))
        diags_add(d, DIAG_ERROR, "bench.lua", 0, 0, "pass 2 met %d sounds pass 1 did not list", cue_list_pending(&l));
    cue_list_free(&l);
    return rc;
}

typedef struct full_result {
    double load_ms, compile_ms, cpu_ms;
    int nsteps, nevents, errors, warnings;
    double seconds;
    long long heap_load_peak, heap_model, heap_compile_peak, heap_timeline;
} full_result;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of the process (all threads; the watchdog only sleeps) and of its finished
 * children (the script runs in a loader process): on a shared machine it moves far less with
 * other work than the wall time does. */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    struct rusage ru;
    double children = 0;
    if (getrusage(RUSAGE_CHILDREN, &ru) == 0)
        children = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
                   (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    return (double)ts.tv_sec * 1e3 + ts.tv_nsec / 1e6 + children;
}

static int run_full(const script *s, full_result *r, int print_diags)
{
    memset(r, 0, sizeof *r);
    script_opts so = {.reg = &g_reg};
    diag_list d;
    diags_init(&d);
    session_model m;
    timeline t;

    long long h0 = heap_now();
    heap_reset_peak();
    double c0 = cpu_ms();
    double t0 = now_ms();
    int rc = script_load_buffer("bench.lua", ".", s->text.data, s->text.len, &so, &m, &d);
    double t1 = now_ms();
    r->heap_load_peak = h0 < 0 ? -1 : heap_peak() - h0;
    r->heap_model = h0 < 0 ? -1 : heap_now() - h0;
    if (rc == 0) {
        long long h1 = heap_now();
        heap_reset_peak();
        double t2 = now_ms();
        rc = g_two_pass ? compile_two_pass(&m, &t, &d) : session_compile(&m, &g_copts, &t, &d);
        double t3 = now_ms();
        r->heap_compile_peak = h1 < 0 ? -1 : heap_peak() - h1;
        r->heap_timeline = h1 < 0 ? -1 : heap_now() - h1;
        r->compile_ms = t3 - t2;
        if (rc == 0) {
            r->nsteps = t.nsteps;
            r->nevents = t.count;
            r->seconds = (double)t.frames / PACER_RATE;
            timeline_free(&t);
        }
        session_model_free(&m);
    }
    r->load_ms = t1 - t0;
    r->cpu_ms = cpu_ms() - c0;
    r->errors = d.errors;
    r->warnings = d.warnings;
    if (print_diags)
        diags_print(&d, stderr);
    diags_free(&d);
    return rc;
}

/* The Lua-only baseline: a plain state, no libraries, every step name a stub. */
typedef struct lua_only {
    size_t used, peak;
} lua_only;

static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    lua_only *c = ud;
    if (nsize == 0) {
        if (ptr)
            c->used -= osize;
        free(ptr);
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (p) {
        c->used = c->used - (ptr ? osize : 0) + nsize;
        if (c->used > c->peak)
            c->peak = c->used;
    }
    return p;
}

static int stub(lua_State *L)
{
    lua_settop(L, 1);
    return 1;
}

static const char *const step_names[] = {"session", "say",  "tone", "beep", "bell", "wait",  "breathe",
                                         "hold",    "sides", "sets", "show", "ready", NULL};

static int run_lua_only(const script *s, size_t *peak_bytes)
{
    lua_only c = {0, 0};
    lua_State *L = lua_newstate(counting_alloc, &c);
    if (!L)
        return -1;
    for (int i = 0; step_names[i]; i++) {
        lua_pushcfunction(L, stub);
        lua_setglobal(L, step_names[i]);
    }
    int rc = luaL_loadbufferx(L, s->text.data, s->text.len, "@bench.lua", "t");
    if (rc == LUA_OK)
        rc = lua_pcall(L, 0, 1, 0);
    if (rc != LUA_OK)
        fprintf(stderr, "bench_load: lua-only run failed: %s\n", lua_tostring(L, -1));
    lua_close(L);
    if (peak_bytes)
        *peak_bytes = c.peak;
    return rc == LUA_OK ? 0 : -1;
}

/* ---- statistics ---- */
static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double minimum(const double *v, int n)
{
    double m = v[0];
    for (int i = 1; i < n; i++)
        m = v[i] < m ? v[i] : m;
    return m;
}

/* ---- one fresh process per memory figure ---- */
static long max_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss; /* kilobytes on Linux */
}

/* --once=MODE: do MODE once in this process and print "key=value ..." for the parent. */
static int once(const char *mode, const script *s)
{
    if (strcmp(mode, "none") == 0) {
        printf("rss_kb=%ld\n", max_rss_kb());
        return 0;
    }
    if (strcmp(mode, "lua") == 0) {
        size_t peak = 0;
        int rc = run_lua_only(s, &peak);
        printf("rss_kb=%ld lua_heap=%zu\n", max_rss_kb(), peak);
        return rc < 0;
    }
    if (strcmp(mode, "full") == 0) {
        heap_start();
        full_result r;
        int rc = run_full(s, &r, 0);
        printf("rss_kb=%ld load_heap=%lld model=%lld compile_heap=%lld timeline=%lld\n", max_rss_kb(),
               r.heap_load_peak, r.heap_model, r.heap_compile_peak, r.heap_timeline);
        return rc < 0;
    }
    fprintf(stderr, "bench_load: unknown --once mode '%s' (full, lua or none)\n", mode);
    return 2;
}

/* Runs this program again with --once=mode and reads the numbers it prints. */
static int measure_in_child(const char *self, const char *mode, int steps, long long *vals, const char *const *keys,
                            int nkeys)
{
    int fd[2];
    if (pipe(fd) < 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        char a_once[32], a_steps[32];
        snprintf(a_once, sizeof a_once, "--once=%s", mode);
        snprintf(a_steps, sizeof a_steps, "--steps=%d", steps);
        dup2(fd[1], STDOUT_FILENO);
        close(fd[0]);
        close(fd[1]);
        execl(self, self, a_once, a_steps, g_two_pass ? "--two-pass" : (char *)NULL, (char *)NULL);
        _exit(127);
    }
    close(fd[1]);
    char buf[512];
    size_t n = 0;
    ssize_t k;
    while (n < sizeof buf - 1 && ((k = read(fd[0], buf + n, sizeof buf - 1 - n)) > 0 || (k < 0 && errno == EINTR)))
        if (k > 0)
            n += (size_t)k;
    buf[n] = 0;
    close(fd[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    for (int i = 0; i < nkeys; i++) {
        vals[i] = -1;
        char pat[64];
        snprintf(pat, sizeof pat, "%s=", keys[i]);
        const char *p = strstr(buf, pat);
        if (p)
            vals[i] = strtoll(p + strlen(pat), NULL, 10);
    }
    return 0;
}

static double mib(long long bytes) { return (double)bytes / (1024.0 * 1024.0); }

typedef struct mem_figures {
    int ok;
    long long full[5]; /* rss_kb, load_heap, model, compile_heap, timeline */
    long long lua[2];  /* rss_kb, lua_heap */
    long long none;    /* rss_kb */
} mem_figures;

/* The timed runs and the report. Returns the exit status. */
static int timed(const script *s, int runs, int warmup, int check, const mem_figures *mf)
{
    const long long *fm = mf->full, *lm = mf->lua;
    /* The script must load clean, or the figures mean nothing. */
    full_result first;
    if (run_full(s, &first, 1) < 0 || first.errors || first.warnings) {
        fprintf(stderr, "bench_load: the generated script does not load clean (%d errors, %d warnings)\n",
                first.errors, first.warnings);
        return 1;
    }
    if (run_lua_only(s, NULL) < 0)
        return 1;

    for (int i = 0; i < warmup; i++) {
        full_result r;
        run_full(s, &r, 0);
        run_lua_only(s, NULL);
    }
    enum { TOTAL, LOAD, COMP, LUA, TOTAL_CPU, LUA_CPU, NSERIES };
    double *v[NSERIES], med[NSERIES], min[NSERIES];
    int failed = 0;
    for (int k = 0; k < NSERIES; k++)
        failed |= !(v[k] = calloc((size_t)runs, sizeof *v[k]));
    for (int i = 0; i < runs && !failed; i++) {
        full_result r;
        failed = run_full(s, &r, 0) < 0;
        v[LOAD][i] = r.load_ms;
        v[COMP][i] = r.compile_ms;
        v[TOTAL][i] = r.load_ms + r.compile_ms;
        v[TOTAL_CPU][i] = r.cpu_ms;
        double c0 = cpu_ms(), t0 = now_ms();
        failed |= run_lua_only(s, NULL) < 0;
        v[LUA][i] = now_ms() - t0;
        v[LUA_CPU][i] = cpu_ms() - c0;
    }
    for (int k = 0; k < NSERIES; k++) {
        if (!failed) {
            min[k] = minimum(v[k], runs);
            med[k] = median(v[k], runs);
        }
        free(v[k]);
    }
    if (failed)
        return 1;
    const double total_med = med[TOTAL], total_min = min[TOTAL], lua_med = med[LUA], lua_min = min[LUA];
    const double load_med = med[LOAD], load_min = min[LOAD], comp_med = med[COMP], comp_min = min[COMP];

    const int pass = total_med < GOAL_MS;
    printf("bench_load: load + validate + compile of a generated session\n");
    printf("  script        %d leaf steps (%d blocks), %d lines, %.0f KiB; compiles to %d timeline steps,\n"
           "                %d events, %.1f hours of session\n",
           s->leaves, s->blocks, s->lines, s->text.len / 1024.0, first.nsteps, first.nevents, first.seconds / 3600.0);
    printf("  runs          %d timed of each, after %d warm-up, interleaved\n", runs, warmup);
    printf("                         median      min\n");
    printf("  load+validate      %8.2f ms %8.2f ms\n", load_med, load_min);
    printf("  compile            %8.2f ms %8.2f ms\n", comp_med, comp_min);
    printf("  total              %8.2f ms %8.2f ms   goal < %.0f ms: %s\n", total_med, total_min, GOAL_MS,
           pass ? "met" : "MISSED");
    printf("  lua-only baseline  %8.2f ms %8.2f ms   (same text, stub constructors)\n", lua_med, lua_min);
    printf("  ratio total/lua    %8.2f x  %8.2f x\n", total_med / lua_med, total_min / lua_min);
    printf("  CPU time: total    %8.2f ms %8.2f ms\n", med[TOTAL_CPU], min[TOTAL_CPU]);
    printf("  CPU time: lua-only %8.2f ms %8.2f ms\n", med[LUA_CPU], min[LUA_CPU]);
    printf("  CPU ratio          %8.2f x  %8.2f x\n", med[TOTAL_CPU] / med[LUA_CPU], min[TOTAL_CPU] / min[LUA_CPU]);
    if (mf->ok) {
        printf("  peak RSS           full %.1f MiB, lua-only %.1f MiB, script text only %.1f MiB\n", fm[0] / 1024.0,
               lm[0] / 1024.0, mf->none / 1024.0);
        if (fm[1] >= 0)
            printf("  heap               load peak %.2f MiB (Lua state + model), model kept %.2f MiB,\n"
                   "                     compile peak %.2f MiB, timeline kept %.2f MiB; lua-only peak %.2f MiB\n",
                   mib(fm[1]), mib(fm[2]), mib(fm[3]), mib(fm[4]), mib(lm[1]));
        else
            printf("  heap               lua-only peak %.2f MiB (heap counting needs glibc and GNU ld)\n", mib(lm[1]));
    }
    printf("RESULT {\"bench\":\"load\",\"steps\":%d,\"timeline_steps\":%d,\"events\":%d,\"script_bytes\":%zu,"
           "\"runs\":%d,\"total_ms_median\":%.3f,\"total_ms_min\":%.3f,\"load_ms_median\":%.3f,"
           "\"compile_ms_median\":%.3f,\"lua_only_ms_median\":%.3f,\"lua_only_ms_min\":%.3f,"
           "\"ratio_median\":%.3f,\"total_cpu_ms_median\":%.3f,\"lua_only_cpu_ms_median\":%.3f,"
           "\"cpu_ratio_median\":%.3f,\"goal_ms\":%.0f,\"goal_met\":%s,"
           "\"rss_kb_full\":%lld,\"rss_kb_lua_only\":%lld,\"rss_kb_script_only\":%lld,"
           "\"heap_load_peak\":%lld,\"heap_model\":%lld,\"heap_compile_peak\":%lld,\"heap_timeline\":%lld,"
           "\"heap_lua_only_peak\":%lld}\n",
           s->leaves, first.nsteps, first.nevents, s->text.len, runs, total_med, total_min, load_med, comp_med, lua_med,
           lua_min, total_med / lua_med, med[TOTAL_CPU], med[LUA_CPU], med[TOTAL_CPU] / med[LUA_CPU], GOAL_MS, pass ? "true" : "false", fm[0], lm[0], mf->none, fm[1], fm[2], fm[3],
           fm[4], lm[1]);
    return check && !pass ? 1 : 0;
}

/* ---- main ---- */
static void usage(FILE *f)
{
    fputs("Usage: bench_load [--steps=N] [--runs=N] [--warmup=N] [--check] [--emit] [--two-pass]\n"
          "                  [--once=full|lua|none]\n"
          "Times load + validate + compile of a generated session of N leaf steps (default 10000)\n"
          "against Lua alone running the same text, and measures peak memory in fresh processes.\n"
          "  --runs=N     timed runs of each (default 15), after --warmup=N (default 2)\n"
          "  --check      exit 1 when the median misses the 50 ms goal\n"
          "  --emit       print the generated script and exit\n"
          "  --two-pass   compile as pacer does with speech: texts listed, answered (by the\n"
          "               estimate here), then compiled against the list\n"
          "  --once=MODE  internal: one run in this process, numbers on stdout\n",
          f);
}

int main(int argc, char **argv)
{
    int steps = 10000, runs = 15, warmup = 2, check = 0, emit = 0;
    const char *once_mode = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--steps=", 8) == 0)
            steps = atoi(a + 8);
        else if (strncmp(a, "--runs=", 7) == 0)
            runs = atoi(a + 7);
        else if (strncmp(a, "--warmup=", 9) == 0)
            warmup = atoi(a + 9);
        else if (strncmp(a, "--once=", 7) == 0)
            once_mode = a + 7;
        else if (strcmp(a, "--check") == 0)
            check = 1;
        else if (strcmp(a, "--emit") == 0)
            emit = 1;
        else if (strcmp(a, "--two-pass") == 0)
            g_two_pass = 1;
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (steps < 1 || steps > 10000000 || runs < 1 || runs > 100000 || warmup < 0) {
        usage(stderr);
        return 2;
    }

    static const char *const full_keys[] = {"rss_kb", "load_heap", "model", "compile_heap", "timeline"};
    static const char *const lua_keys[] = {"rss_kb", "lua_heap"};
    static const char *const none_keys[] = {"rss_kb"};
    mem_figures mem = {0, {-1, -1, -1, -1, -1}, {-1, -1}, -1};
    /* Memory first, each figure in a fresh process, while this one is still small: on Linux
     * a process's ru_maxrss starts from the RSS of the process image it was exec'ed from. */
    if (!once_mode && !emit) {
        char self[4096];
        ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
        if (sl > 0)
            self[sl] = 0;
        else
            snprintf(self, sizeof self, "%s", argv[0]);
        mem.ok = measure_in_child(self, "full", steps, mem.full, full_keys, 5) == 0 &&
                 measure_in_child(self, "lua", steps, mem.lua, lua_keys, 2) == 0 &&
                 measure_in_child(self, "none", steps, &mem.none, none_keys, 1) == 0;
        if (!mem.ok)
            fprintf(stderr, "bench_load: the memory runs failed; memory figures are left out\n");
    }

    script s;
    generate(&s, steps);
    int rc = 1;
    char err[256];
    registry_init(&g_reg);
    if (s.text.failed)
        fprintf(stderr, "bench_load: out of memory generating the script\n");
    else if (emit)
        rc = fwrite(s.text.data, 1, s.text.len, stdout) == s.text.len ? 0 : 1;
    else if (registry_add_builtins(&g_reg, err, sizeof err) < 0)
        fprintf(stderr, "bench_load: %s\n", err);
    else if (once_mode)
        rc = once(once_mode, &s);
    else
        rc = timed(&s, runs, warmup, check, &mem);
    sb_free(&s.text);
    registry_free(&g_reg);
    return rc;
}
