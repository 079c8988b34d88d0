/* bench_audio.c - how fast the one mixer renders a long session, next to baselines that do
 * the same amount of work without mixing, measured in the same run.
 *
 *   bench_audio [--session FILE] [--runs N] [--dir DIR]
 *   bench_audio --write-session FILE     (writes the 30-minute session and exits)
 *
 * Without --session it writes a 30-minute session (spoken cues, breathing with tones on
 * every phase, holds with countdown ticks, rests) into DIR (default: a temporary folder)
 * and uses that. The session is loaded once as `pacer render` loads it (speech prepared,
 * from the cache when warm), then each figure is the median of N runs (default 5):
 *
 *   mix        mixer_render over the whole session in 4096-frame buffers (as render does)
 *   memset     the same buffers cleared and touched, nothing mixed: the floor
 *   mix+wav    the above written through the WAV writer to a file in DIR (with its fsync)
 *   zeros+wav  silence written through the same writer: the file's own cost
 *   mix+ogg    the session through the Ogg Vorbis writer
 *
 * Each is printed as wall time and as times real time (session seconds / wall seconds), and
 * mix as a ratio to memset. Ends with one "RESULT {json}" line. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "mixer.h"
#include "writer.h"

enum { BLOCK = 4096 };

/* About 30 minutes: six rounds of talk, paced breathing and holds. */
static const char *BENCH_SESSION =
    "-- Written by bench_audio: a 30-minute mix of speech, breathing tones and holds.\n"
    "return session {\n"
    "  title = \"Benchmark, thirty minutes\",\n"
    "  summary = \"Speech, paced breathing with tones, holds with countdown ticks, rests\",\n"
    "  say \"Lie on your back with your knees bent and your feet flat on the floor.\",\n"
    "  say \"If your pain gets sharply worse, or spreads down a leg, stop and rest.\",\n"
    "  sets { n = 6, rest = 20,\n"
    "    say \"Breathe slowly, and let your belly rise as you breathe in.\",\n"
    "    breathe { inhale = 4, hold_in = 2, exhale = 6, minutes = 3, speak_cycles = 3,\n"
    "              inhale_cue = \"Breathe in, belly rises\", exhale_cue = \"Breathe out, belly falls\" },\n"
    "    say \"Now bring one knee towards your chest and hold it there.\",\n"
    "    hold { seconds = 10, reps = 4, rest = 5, countdown = 3,\n"
    "           cue = \"Press your thigh into your hands\", release = \"And relax\" },\n"
    "    say \"Rest now, and notice how your back feels.\",\n"
    "    wait { 30, countdown = true, label = \"Rest\" },\n"
    "  },\n"
    "  say \"Well done. Take your time before you get up.\",\n"
    "  bell(),\n"
    "}\n";

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

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

typedef enum { RUN_MIX, RUN_MEMSET, RUN_MIX_WAV, RUN_ZEROS_WAV, RUN_MIX_OGG, RUN_COUNT } run_kind;
static const char *const run_names[] = {"mix", "memset", "mix+wav", "zeros+wav", "mix+ogg"};
static const char *const run_keys[] = {"mix", "memset", "mix_wav", "zeros_wav", "mix_ogg"};

static volatile float g_sink;

/* One timed pass over the whole session. Returns seconds, or -1 on a write error. */
static double run_once(run_kind k, loaded_session *s, const char *dir, float *buf)
{
    char path[4096], err[512];
    writer *w = NULL;
    if (k == RUN_MIX_WAV || k == RUN_ZEROS_WAV || k == RUN_MIX_OGG) {
        snprintf(path, sizeof path, "%s/bench.%s", dir, k == RUN_MIX_OGG ? "ogg" : "wav");
        w = writer_open(path, k == RUN_MIX_OGG ? WRITER_OGG : WRITER_WAV, s->t.title, err, sizeof err);
        if (!w) {
            fprintf(stderr, "bench_audio: %s\n", err);
            return -1;
        }
    }
    const double t0 = now();
    mixer m;
    if (mixer_init(&m, &s->t, s->cues.event_clips, s->cues.ambience) < 0) {
        fprintf(stderr, "bench_audio: out of memory\n");
        return -1;
    }
    const int64_t total = m.end;
    for (int64_t done = 0; done < total;) {
        int n = total - done < BLOCK ? (int)(total - done) : BLOCK;
        if (k == RUN_MEMSET || k == RUN_ZEROS_WAV) {
            memset(buf, 0, (size_t)n * sizeof *buf);
            g_sink += buf[n - 1];
        } else {
            mixer_render(&m, buf, n);
        }
        if (w && writer_write(w, buf, n, err, sizeof err) < 0) {
            fprintf(stderr, "bench_audio: %s\n", err);
            writer_abort(w);
            mixer_free(&m);
            return -1;
        }
        done += n;
    }
    g_sink += buf[0];
    mixer_free(&m);
    if (w && writer_finish(w, err, sizeof err) < 0) {
        fprintf(stderr, "bench_audio: %s\n", err);
        return -1;
    }
    const double t = now() - t0;
    if (w)
        unlink(path);
    return t;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {{"session", required_argument, NULL, 's'},
                                         {"runs", required_argument, NULL, 'r'},
                                         {"dir", required_argument, NULL, 'd'},
                                         {"write-session", required_argument, NULL, 'w'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    const char *session = NULL, *dir = NULL;
    int runs = 5, c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 's': session = optarg; break;
        case 'r': runs = atoi(optarg); break;
        case 'd': dir = optarg; break;
        case 'w': {
            FILE *f = fopen(optarg, "w");
            if (!f || fputs(BENCH_SESSION, f) < 0 || fclose(f) != 0) {
                fprintf(stderr, "bench_audio: cannot write %s\n", optarg);
                return 1;
            }
            return 0;
        }
        default:
            fprintf(stderr, "usage: bench_audio [--session FILE] [--runs N] [--dir DIR] | --write-session FILE\n");
            return c == 'h' ? 0 : 2;
        }
    }
    if (runs < 1 || runs > 99) {
        fprintf(stderr, "bench_audio: --runs takes 1 to 99\n");
        return 2;
    }
    char tmpdir[] = "/tmp/bench_audio.XXXXXX";
    int own_dir = 0;
    if (!dir) {
        if (!mkdtemp(tmpdir)) {
            fprintf(stderr, "bench_audio: cannot make a temporary folder: %s\n", strerror(errno));
            return 1;
        }
        dir = tmpdir;
        own_dir = 1;
    }
    char gen[4096] = "";
    if (!session) {
        snprintf(gen, sizeof gen, "%s/bench30.lua", dir);
        FILE *f = fopen(gen, "w");
        if (!f || fputs(BENCH_SESSION, f) < 0 || fclose(f) != 0) {
            fprintf(stderr, "bench_audio: cannot write %s\n", gen);
            return 1;
        }
        session = gen;
    }

    /* Loaded as `pacer render` loads it: speech prepared (timed: cold or warm cache). */
    diag_list d;
    diags_init(&d);
    loaded_session s;
    const double l0 = now();
    char err[256];
    pacer_app *app = app_open(&(app_config){0}, err, sizeof err);
    int rc = app ? app_load(app, session, &s, &d) : -1;
    const double load = now() - l0;
    diags_print(&d, stderr);
    diags_free(&d);
    if (rc < 0)
        return 1;
    int cues = 0;
    for (int i = 0; i < s.t.count; i++)
        cues += s.t.events[i].kind == TL_SPEAK;
    float *buf = malloc(BLOCK * sizeof *buf);
    if (!buf)
        return 1;
    mixer probe;
    if (mixer_init(&probe, &s.t, s.cues.event_clips, s.cues.ambience) < 0)
        return 1;
    const double secs = (double)probe.end / PACER_RATE;
    mixer_free(&probe);

    printf("session:  %s, %.1f min (%lld frames), %d events, %d spoken cues; loaded in %.3f s\n",
           s.t.title ? s.t.title : session, secs / 60, (long long)(secs * PACER_RATE), s.t.count, cues, load);
    printf("runs:     median of %d, buffers of %d frames, files in %s\n", runs, BLOCK, dir);
    double med[RUN_COUNT];
    double *t = malloc((size_t)runs * sizeof *t);
    if (!t)
        return 1;
    int failed = 0;
    /* warm-up: one pass of each, not counted */
    for (int k = 0; k < RUN_COUNT && !failed; k++)
        failed = run_once((run_kind)k, &s, dir, buf) < 0;
    for (int k = 0; k < RUN_COUNT && !failed; k++) {
        for (int r = 0; r < runs && !failed; r++) {
            t[r] = run_once((run_kind)k, &s, dir, buf);
            failed = t[r] < 0;
        }
        if (failed)
            break;
        med[k] = median(t, runs);
        printf("%-10s %8.1f ms   %8.0fx real time\n", run_names[k], med[k] * 1e3, secs / med[k]);
    }
    if (!failed) {
        printf("mix / memset:          %.1fx the floor's time\n", med[RUN_MIX] / med[RUN_MEMSET]);
        printf("mix+wav / zeros+wav:   %.2fx the file's own cost\n", med[RUN_MIX_WAV] / med[RUN_ZEROS_WAV]);
        printf("goal: >= 1000x real time for mix+wav: %s\n", secs / med[RUN_MIX_WAV] >= 1000 ? "met" : "NOT met");
        printf("RESULT {\"bench\":\"audio_render\",\"session_seconds\":%.3f,\"spoken_cues\":%d,\"load_s\":%.4f,"
               "\"runs\":%d",
               secs, cues, load, runs);
        for (int k = 0; k < RUN_COUNT; k++)
            printf(",\"%s_ms\":%.3f,\"%s_x_realtime\":%.0f", run_keys[k], med[k] * 1e3, run_keys[k], secs / med[k]);
        printf("}\n");
    }
    free(t);
    free(buf);
    app_unload(&s);
    app_close(app);
    if (gen[0])
        unlink(gen);
    if (own_dir)
        rmdir(tmpdir);
    return failed;
}
