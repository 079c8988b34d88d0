/* bench_history.c - `pacer history` on ten years of daily practice: about 11,000 sessions
 * (three on most days) and a daily check-in for each of those days (pain, sleep, tags), generated
 * into a private journal through the CSV import, then:
 *   - in process: open the journal, read every row, summarize, print the table (to
 *     /dev/null), the same work cmd_history does;
 *   - the whole command: `pacer history` (the 20 recent sessions and the summary, what a patient
 *     runs), `pacer history --all` and `pacer history --json`, run as a child
 *     with XDG_DATA_HOME pointing at the generated journal (process start included), and
 *     `pacer snapshot --progress` (the Progress picture of the same journal), and
 *     `pacer --version` for the cost of starting the program at all (its shared libraries:
 *     SDL, speech, Lua...).
 *   - the window's Progress screen in process: the figures read from the journal
 *     (cli_progress_figures) and the screen drawn by scene_progress at 1280x720 with the
 *     software renderer, as the window does when it opens the screen;
 * Median and minimum of wall and CPU times over --runs runs, after 2 warm-up runs.
 *
 *   bench_history [--pacer=PATH] [--rows=N] [--runs=N]
 * Prints a report and one line "RESULT {json}". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "draw.h"
#include "journal.h"
#include "scene.h"

static double now_s(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Ten years back from 2026-12-01: most days two or three sessions, some days none. */
static int generate_csv(const char *path, int rows)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs("started,file,title,seconds,outcome,pain_before,pain_after\n", f);
    struct tm tm = {.tm_year = 2016 - 1900, .tm_mon = 11, .tm_mday = 1, .tm_hour = 12};
    time_t day = timegm(&tm);
    static const char *const titles[] = {"Daily routine", "Psoas release", "Belly breathing 10 minutes"};
    unsigned seed = 12345;
    for (int i = 0; i < rows; day += 86400) {
        seed = seed * 1103515245u + 12345u;
        int n = (int)((seed >> 16) % 4); /* 0..3 sessions */
        for (int k = 0; k < n && i < rows; k++, i++) {
            struct tm d;
            gmtime_r(&day, &d);
            int before = (int)((seed >> 8) % 8) + 2, after = before - (int)((seed >> 4) % 3);
            fprintf(f, "%04d-%02d-%02dT%02d:%02d:00,/usr/share/pacer/sessions/s%d.lua,%s,%d,%s,%d,%d\n",
                    d.tm_year + 1900, d.tm_mon + 1, d.tm_mday, 7 + 5 * k, (int)(seed % 60), k, titles[k % 3],
                    600 + (int)(seed % 1200), k == 2 ? "stopped" : "finished", before, after);
        }
    }
    return fclose(f);
}

/* A check-in on each of the days of the sessions: pain, sleep, what helped and what made it
 * worse (so the tags have thousands of days to compare). */
static int generate_checkins(const char *path, int days)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs("date,pain,sleep_hours,helped,worse,note\n", f);
    struct tm tm = {.tm_year = 2016 - 1900, .tm_mon = 11, .tm_mday = 1, .tm_hour = 12};
    time_t day = timegm(&tm);
    unsigned seed = 777;
    for (int i = 0; i < days; i++, day += 86400) {
        struct tm d;
        gmtime_r(&day, &d);
        seed = seed * 1103515245u + 12345u;
        fprintf(f, "%04d-%02d-%02d,%d,%d,\"%s\",\"%s\",day %d\n", d.tm_year + 1900, d.tm_mon + 1, d.tm_mday,
                (int)((seed >> 8) % 11), 5 + (int)((seed >> 4) % 4), (seed >> 12) & 1 ? "walking,heat" : "",
                (seed >> 13) & 1 ? "sitting" : "", i);
    }
    return fclose(f);
}

static void in_process(const char *db, double *wall, double *cpu)
{
    double w0 = now_s(CLOCK_MONOTONIC), c0 = now_s(CLOCK_PROCESS_CPUTIME_ID);
    char why[512];
    journal *j = journal_open(db, 0, why, sizeof why);
    journal_rows r;
    if (!j || journal_read(j, &r, why, sizeof why) < 0) {
        fprintf(stderr, "bench_history: %s\n", why);
        exit(1);
    }
    journal_summary s;
    journal_summarize(&r, "2026-12-01", &s);
    FILE *out = fopen("/dev/null", "w");
    journal_write_csv(&r, out);
    fclose(out);
    journal_rows_free(&r);
    journal_close(j);
    *wall = now_s(CLOCK_MONOTONIC) - w0;
    *cpu = now_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
}

/* What the window does to show the Progress screen (its draw context is open already). */
static void progress_screen(const char *db, draw_ctx *d, double *wall, double *cpu)
{
    double w0 = now_s(CLOCK_MONOTONIC), c0 = now_s(CLOCK_PROCESS_CPUTIME_ID);
    char why[512];
    journal *j = journal_open(db, 0, why, sizeof why);
    progress_view p;
    if (!j || cli_progress_figures(j, &p, why, sizeof why) < 0) {
        fprintf(stderr, "bench_history: %s\n", why);
        exit(1);
    }
    journal_close(j);
    scene_look look = {.th = theme_find("default")};
    scene_progress(d, 1280, 720, &look, &p);
    SDL_RenderPresent(draw_renderer(d));
    *wall = now_s(CLOCK_MONOTONIC) - w0;
    *cpu = now_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
}

/* Runs pacer with args (NULL-terminated), output to /dev/null; the child's wall and CPU time. */
static void command(const char *pacer, char *const *args, double *wall, double *cpu)
{
    struct rusage ru0, ru1;
    getrusage(RUSAGE_CHILDREN, &ru0);
    double w0 = now_s(CLOCK_MONOTONIC);
    fflush(stdout); /* nothing buffered is written twice by the child */
    pid_t p = fork();
    if (p == 0) {
        if (!freopen("/dev/null", "w", stdout))
            _exit(127);
        execv(pacer, args);
        _exit(127);
    }
    int st;
    waitpid(p, &st, 0);
    *wall = now_s(CLOCK_MONOTONIC) - w0;
    getrusage(RUSAGE_CHILDREN, &ru1);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "bench_history: %s %s failed\n", pacer, args[1]);
        exit(1);
    }
    *cpu = (double)(ru1.ru_utime.tv_sec - ru0.ru_utime.tv_sec + ru1.ru_stime.tv_sec - ru0.ru_stime.tv_sec) +
           (double)(ru1.ru_utime.tv_usec - ru0.ru_utime.tv_usec + ru1.ru_stime.tv_usec - ru0.ru_stime.tv_usec) / 1e6;
}

typedef struct series {
    const char *name;
    double wall[64], cpu[64];
} series;

static void report(series *s, int runs, char *json, size_t n)
{
    qsort(s->wall, (size_t)runs, sizeof(double), cmp_d);
    qsort(s->cpu, (size_t)runs, sizeof(double), cmp_d);
    printf("%-28s wall median %7.2f ms  min %7.2f ms   CPU median %7.2f ms\n", s->name, s->wall[runs / 2] * 1e3,
           s->wall[0] * 1e3, s->cpu[runs / 2] * 1e3);
    size_t used = strlen(json);
    snprintf(json + used, n - used, ",\"%s_wall_ms_median\":%.2f,\"%s_cpu_ms_median\":%.2f", s->name,
             s->wall[runs / 2] * 1e3, s->name, s->cpu[runs / 2] * 1e3);
}

int main(int argc, char **argv)
{
    const char *pacer = NULL;
    int rows = 11000, runs = 15;
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "--pacer=", 8) == 0)
            pacer = argv[i] + 8;
        else if (strncmp(argv[i], "--rows=", 7) == 0)
            rows = atoi(argv[i] + 7);
        else if (strncmp(argv[i], "--runs=", 7) == 0)
            runs = atoi(argv[i] + 7);
        else {
            fprintf(stderr, "usage: bench_history [--pacer=PATH] [--rows=N] [--runs=N]\n");
            return 2;
        }
    }
    if (runs < 1 || runs > 64 || rows < 1)
        return 2;
    char dir[] = "/tmp/pacer-bench-history-XXXXXX", db[128], csv[128];
    if (!mkdtemp(dir))
        return 1;
    snprintf(db, sizeof db, "%s/pacer/journal.sqlite3", dir);
    snprintf(csv, sizeof csv, "%s/gen.csv", dir);
    setenv("XDG_DATA_HOME", dir, 1);
    char why[512];
    int added = 0, skipped = 0;
    double t0 = now_s(CLOCK_MONOTONIC);
    journal *j = generate_csv(csv, rows) == 0 ? journal_open(db, 0, why, sizeof why) : NULL;
    int checkins = 0;
    if (!j || journal_import_csv(j, csv, &added, &skipped, why, sizeof why) < 0 ||
        generate_checkins(csv, rows / 3) < 0 || journal_import_csv(j, csv, &checkins, &skipped, why, sizeof why) < 0) {
        fprintf(stderr, "bench_history: %s\n", j ? why : "cannot generate the journal");
        return 1;
    }
    journal_close(j);
    printf("journal: %d sessions and %d check-ins generated and imported in %.0f ms (%s)\n", added, checkins,
           (now_s(CLOCK_MONOTONIC) - t0) * 1e3, db);
    series s[7] = {{.name = "in_process"},         {.name = "pacer_history_all"},       {.name = "pacer_history_json"},
                   {.name = "pacer_snapshot_progress"}, {.name = "pacer_version"}, {.name = "pacer_history"},
                   {.name = "progress_screen"}};
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, 1280, 720, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *ren = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    char assets[4096];
    draw_ctx *d = ren ? draw_open(ren, assets_dir(assets, sizeof assets), why, sizeof why) : NULL;
    if (!d) {
        fprintf(stderr, "bench_history: cannot draw: %s\n", ren ? why : SDL_GetError());
        return 1;
    }
    char png[160];
    snprintf(png, sizeof png, "%s/progress.png", dir);
    char *p = (char *)pacer;
    char *const args[6][6] = {{NULL},
                              {p, "history", "--all", NULL},
                              {p, "history", "--json", NULL},
                              {p, "snapshot", "--progress", "-o", png, NULL},
                              {p, "--version", NULL},
                              {p, "history", NULL}};
    int nseries = pacer ? 6 : 1;
    for (int i = -2; i < runs; i++) {
        double w, c;
        in_process(db, &w, &c);
        if (i >= 0)
            s[0].wall[i] = w, s[0].cpu[i] = c;
        progress_screen(db, d, &w, &c);
        if (i >= 0)
            s[6].wall[i] = w, s[6].cpu[i] = c;
        for (int k = 1; k < nseries; k++) {
            command(pacer, args[k], &w, &c);
            if (i >= 0)
                s[k].wall[i] = w, s[k].cpu[i] = c;
        }
    }
    char json[1400];
    snprintf(json, sizeof json, "{\"bench\":\"history\",\"rows\":%d,\"runs\":%d", added, runs);
    for (int k = 0; k < nseries; k++)
        report(&s[k], runs, json, sizeof json);
    report(&s[6], runs, json, sizeof json);
    draw_close(d);
    SDL_DestroyRenderer(ren);
    SDL_FreeSurface(surf);
    printf("RESULT %s}\n", json);
    char rm[200];
    snprintf(rm, sizeof rm, "rm -rf '%s'", dir);
    return system(rm) == 0 ? 0 : 1;
}
