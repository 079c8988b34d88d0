/* speech_festival.c - English speech from Festival's HTS voice cmu_us_slt_arctic_hts, the
 * clearest English voice Debian 12 ships (bench/README.md, "Clear speech at a calm pace").
 *
 * Festival is a program of its own with global state (a Scheme interpreter), so it never runs
 * in this process. A session's new texts are spoken ahead in one batch (see "a batch" below);
 * a text outside a batch is spoken by a child, `text2wave`, started with two fixed
 * expressions (select the voice; set its speaking speed from a number this file formats) and
 * given the text on its standard input. The text is never part of a command line or of Scheme
 * source, so quotes, parentheses and backslashes in it are spoken, never evaluated. The child
 * writes a WAV file (32 kHz mono 16-bit) to its standard output, read here from a socket; no
 * file is written anywhere. A fresh child per text also makes a text's samples depend on the
 * text, the voice and the rate alone, whatever was spoken before (Festival's HTS engine has
 * no noise source: the same input gives the same samples).
 *
 * Rate: the HTS engine's speed ("-r", 1 = the voice's own pace) divides every duration.
 * Measured as flite's natural rate was (speech_flite.c: words divided by the time from the
 * first to the last audible 10 ms frame), on the first 20 phrases of bench/audio/phrases.txt
 * (210 words), the voice speaks 211 words a minute at speed 1 (FESTIVAL_NATURAL_WPM). A rate is
 * spoken at its articulation rate (pace.h), so speed = articulation / natural: at the
 * default 150 words a minute overall the voice speaks at 188 (speed 0.89, a quarter faster
 * than 150) and the rest of the calm pace comes from pauses. (Festival's Duration_Stretch
 * does not reach the HTS engine: its speed is the setting that does.)
 *
 * Failure is never silent: text2wave missing, the voice's data missing, the child dying or
 * writing something that is not the WAV expected, or taking longer than a generous limit
 * (it is then killed) each give a one-line reason naming the voice and, where installing
 * helps, the Debian packages. */
#define _GNU_SOURCE /* posix_spawn_file_actions_addclosefrom_np */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pace.h"
#include "speech_engine.h"

extern char **environ;

#define PACKAGES "festival festvox-us-slt-hts"
#define VOICE_FN "voice_cmu_us_slt_arctic_hts"
/* The voice's own Scheme file, as Debian installs it: its presence says the voice is there. */
#define VOICE_FILE "/usr/share/festival/voices/us/cmu_us_slt_arctic_hts/festvox/cmu_us_slt_arctic_hts.scm"
/* A clip's WAV is at most this big (MAX_TEXT of speech at the slowest rate is far less). */
#define MAX_WAV ((size_t)64 << 20)
/* Seconds a child may take (a loaded machine takes a few for a long text; a hang is killed). */
#define DEFAULT_TIMEOUT 120

int sp_festival_known_voice(const char *name) { return strcmp(name, "slt") == 0; }

/* The program: text2wave as found on PATH (PACER_FESTIVAL_TEXT2WAVE names another, for tests
 * that need a text2wave which fails). */
static const char *program(void)
{
    const char *p = getenv("PACER_FESTIVAL_TEXT2WAVE");
    return p && *p ? p : "text2wave";
}

static int timeout_seconds(void)
{
    const char *t = getenv("PACER_FESTIVAL_TIMEOUT");
    long v = t && *t ? strtol(t, NULL, 10) : 0;
    return v > 0 && v < 3600 ? (int)v : DEFAULT_TIMEOUT;
}

double sp_festival_speed(int rate)
{
    return rate > 0 ? pace_articulation(rate, FESTIVAL_NATURAL_WPM) / FESTIVAL_NATURAL_WPM : 1.0;
}

/* 1 when name is an executable file on PATH (or, with a '/', that file). */
static int on_path(const char *name)
{
    if (strchr(name, '/'))
        return access(name, X_OK) == 0;
    const char *path = getenv("PATH");
    if (!path)
        return 0;
    char buf[4096];
    for (const char *p = path;; p++) {
        const char *end = strchr(p, ':');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > 0 && len + strlen(name) + 2 < sizeof buf) {
            snprintf(buf, sizeof buf, "%.*s/%s", (int)len, p, name);
            if (access(buf, X_OK) == 0)
                return 1;
        }
        if (!end)
            return 0;
        p = end;
    }
}

int sp_festival_check_voice(const char *name, char *err, size_t err_n)
{
    if (!sp_festival_known_voice(name)) {
        snprintf(err, err_n, "festival has no voice '%s' (it has slt)", name);
        return -1;
    }
    if (!on_path(program())) {
        snprintf(err, err_n, "voice 'festival:%s' needs Festival, which is not installed (Debian: %s)", name,
                 PACKAGES);
        return -1;
    }
    if (access(VOICE_FILE, R_OK) != 0) {
        snprintf(err, err_n, "voice 'festival:%s' is not installed (Debian: festvox-us-slt-hts)", name);
        return -1;
    }
    return 0;
}

/* Festival's version, "festival-2.5.0" (from `festival --version`, asked once); "festival-?"
 * when it cannot be asked (then nothing can be synthesized either). */
const char *sp_festival_version(void)
{
    static char version[64];
    if (version[0])
        return version;
    snprintf(version, sizeof version, "festival-?");
    FILE *p = popen("festival --version 2>/dev/null", "r");
    if (!p)
        return version;
    char line[256] = "";
    if (!fgets(line, sizeof line, p))
        line[0] = 0;
    pclose(p);
    /* "festival: Festival Speech Synthesis System: 2.5.0:release December 2017" */
    const char *v = strstr(line, "System: ");
    if (v) {
        v += 8;
        size_t n = strspn(v, "0123456789.");
        if (n > 0 && n < 32)
            snprintf(version, sizeof version, "festival-%.*s", (int)n, v);
    }
    return version;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static uint32_t le32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }

/* The samples of the WAV text2wave wrote (written to a socket, its data size may be 0: then the
 * data runs to the end, less the header text2wave repeats there). 0, or -1 with the reason. */
static int parse_wav(const unsigned char *b, size_t n, speech_raw *out, char *err, size_t err_n)
{
    if (n < 12 || memcmp(b, "RIFF", 4) != 0 || memcmp(b + 8, "WAVE", 4) != 0) {
        snprintf(err, err_n, "voice 'festival:slt': text2wave wrote no WAV (Festival or its voice is broken; "
                             "Debian: " PACKAGES ")");
        return -1;
    }
    int rate = 0, fmt_ok = 0;
    for (size_t at = 12; at + 8 <= n;) {
        uint32_t len = le32(b + at + 4);
        const unsigned char *body = b + at + 8;
        size_t left = n - at - 8;
        if (memcmp(b + at, "fmt ", 4) == 0 && len >= 16 && left >= 16) {
            rate = (int)le32(body + 4);
            fmt_ok = le16(body) == 1 && le16(body + 2) == 1 && le16(body + 14) == 16 && rate >= 8000 &&
                     rate <= 192000;
            if (!fmt_ok) {
                snprintf(err, err_n, "voice 'festival:slt': text2wave wrote %u channels of %u bits at %d Hz, "
                                     "not mono 16-bit", le16(body + 2), le16(body + 14), rate);
                return -1;
            }
        } else if (memcmp(b + at, "data", 4) == 0 && fmt_ok) {
            size_t bytes = len == 0 || len > left ? left : len;
            /* Streamed, text2wave cannot go back to write the sizes into its header: it writes
             * the whole header again after the samples. That is no sound: it goes. */
            if (len == 0 && bytes >= 44 && memcmp(body + bytes - 44, "RIFF", 4) == 0 &&
                memcmp(body + bytes - 36, "WAVE", 4) == 0 && le32(body + bytes - 4) == bytes - 44)
                bytes -= 44;
            size_t count = bytes / 2;
            out->samples = malloc((count + 1) * sizeof *out->samples);
            if (!out->samples) {
                snprintf(err, err_n, "out of memory");
                return -1;
            }
            for (size_t i = 0; i < count; i++)
                out->samples[i] = (int16_t)le16(body + 2 * i) / 32768.0f;
            out->n = (int64_t)count;
            out->rate = rate;
            return 0;
        }
        if (len > left)
            break;
        at += 8 + (size_t)len + (len & 1);
    }
    snprintf(err, err_n, "voice 'festival:slt': text2wave wrote a WAV without %s", fmt_ok ? "samples" : "a format");
    return -1;
}

/* Writes all of text to fd (a socket: no SIGPIPE if the child is gone). */
static int send_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Reads fd to its end within the deadline into *buf (malloc'd). 0; -1 out of memory; -2 the
 * deadline passed; -3 more than MAX_WAV. */
static int read_until(int fd, double deadline, unsigned char **buf, size_t *len)
{
    size_t cap = 0;
    *buf = NULL;
    *len = 0;
    for (;;) {
        double left = deadline - now();
        if (left <= 0)
            return -2;
        struct pollfd p = {fd, POLLIN, 0};
        int r = poll(&p, 1, (int)(left * 1000) + 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0)
            continue; /* the deadline is checked above */
        if (r < 0)
            return -1;
        if (*len == cap) {
            if (cap >= MAX_WAV)
                return -3;
            cap = cap ? cap * 2 : 1 << 18;
            unsigned char *nb = realloc(*buf, cap);
            if (!nb)
                return -1;
            *buf = nb;
        }
        ssize_t got = read(fd, *buf + *len, cap - *len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0)
            return 0;
        *len += (size_t)got;
    }
}

int sp_festival_synth(const char *voice, int rate, const char *text, speech_raw *out, char *err, size_t err_n)
{
    memset(out, 0, sizeof *out);
    if (sp_festival_check_voice(voice, err, err_n) != 0)
        return -1;
    /* The speed, formatted without the locale (no ',' for '.'): "1.0000". */
    long speed = lround(sp_festival_speed(rate) * 10000);
    char set_speed[128];
    snprintf(set_speed, sizeof set_speed, "(set! hts_engine_params (append hts_engine_params (list (list \"-r\" %ld.%04ld))))",
             speed / 10000, speed % 10000);
    char *argv[] = {(char *)program(), "-eval", "(" VOICE_FN ")", "-eval", set_speed, "-o", "-", NULL};

    int in[2], outp[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0) {
        snprintf(err, err_n, "voice 'festival:%s': no socket for Festival (%s)", voice, strerror(errno));
        return -1;
    }
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, outp) != 0) {
        snprintf(err, err_n, "voice 'festival:%s': no socket for Festival (%s)", voice, strerror(errno));
        close(in[0]);
        close(in[1]);
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[1], 0);
    posix_spawn_file_actions_adddup2(&fa, outp[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclosefrom_np(&fa, 3); /* none of Pacer's files (the journal...) */
    pid_t pid;
    int se = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(in[1]);
    close(outp[1]);
    if (se != 0) {
        close(in[0]);
        close(outp[0]);
        if (se == ENOENT)
            snprintf(err, err_n, "voice 'festival:%s' needs Festival, which is not installed (Debian: %s)", voice,
                     PACKAGES);
        else
            snprintf(err, err_n, "voice 'festival:%s': Festival could not be started (%s)", voice, strerror(se));
        return -1;
    }
    /* The text and a line end (text2wave reads to the end of its input); at most MAX_TEXT
     * bytes, which the socket's buffer holds, so this never waits on the child's output. */
    int sent = send_all(in[0], text, strlen(text)) == 0 && send_all(in[0], "\n", 1) == 0;
    close(in[0]);
    unsigned char *wav = NULL;
    size_t len = 0;
    int rr = read_until(outp[0], now() + timeout_seconds(), &wav, &len);
    close(outp[0]);
    if (rr == -2 || rr == -3)
        kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    int r = -1;
    if (rr == -2)
        snprintf(err, err_n, "voice 'festival:%s': Festival took longer than %d seconds and was stopped", voice,
                 timeout_seconds());
    else if (rr == -1)
        snprintf(err, err_n, "out of memory");
    else if (rr == -3)
        snprintf(err, err_n, "voice 'festival:%s': Festival wrote more than %zu MiB", voice, MAX_WAV >> 20);
    else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !sent)
        snprintf(err, err_n, "voice 'festival:%s': Festival stopped while speaking the text (%s %d; Debian: %s)",
                 voice, WIFSIGNALED(status) ? "signal" : "exit status",
                 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status), PACKAGES);
    else
        r = parse_wav(wav, len, out, err, err_n);
    free(wav);
    return r;
}

/* ---- a batch: many texts, one Festival ----
 * A Festival process spends about a second of CPU starting (its Scheme, the lexicon, the HTS
 * voice) and well under a tenth of one per cue after that, so a fresh text2wave per text makes
 * a session's speech cost a dozen times what the voice does. A batch starts Festival once for
 * all of a session's texts (twice, on two cores, when there are many): each text goes to a file
 * of its own in a private temporary folder, and a Scheme program this file writes speaks them
 * one after another, each exactly as text2wave would (the same text mode, the same hooks, the
 * speed set afresh for each text), into a WAV file beside it. The HTS engine keeps nothing
 * from one text to the next, so every clip is byte for byte the one a text2wave child makes
 * (tests/audio/test_speech_festival.c checks it). As with text2wave, no text is ever part of
 * the program or of a command line.
 *
 * After each text Festival writes "pacer-done tK" to its standard error, read here through a
 * pipe: a text counts only once its line has come (a file without it may be half-written),
 * and a Festival that says nothing for the per-text time limit is stopped. The batch is only a
 * faster way to the same clips: a text it did not make is spoken later by sp_festival_synth,
 * which then says why if Festival cannot speak it. */

typedef struct fb_item {
    int rate;
    char *text;
    int done, taken;
} fb_item;

struct sp_festival_batch {
    char dir[256];
    fb_item *items;
    int n;
    int children; /* how many Festival processes spoke it (for the program files' names) */
};

/* A batch is worth a second Festival (on a second core) from this many texts: each costs a
 * start (about a second of CPU) to save half of the per-text work (see above). */
enum { FB_TWO_CHILDREN = 24 };

/* Writes path (relative to the batch's folder) whole; 0 or -1. */
static int write_file(const sp_festival_batch *b, const char *name, const char *data, size_t n)
{
    char path[320];
    snprintf(path, sizeof path, "%s/%s", b->dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fwrite(data, 1, n, f) == n;
    return fclose(f) == 0 && ok ? 0 : -1;
}

/* The Scheme program of child c: how to speak one text file into a WAV file as text2wave
 * does, then the voice, then one call per text (its file's name and its speed, both made
 * here from numbers). NULL on no memory. */
static char *child_program(const sp_festival_batch *b, int c)
{
    static const char head[] =
        "(define (pacer_say name speed)\n"
        "  (set! hts_engine_params (append pacer_params (list (list \"-r\" speed))))\n"
        "  (let ((fp (fopen (string-append name \".wav\") \"wb\")) (total 0) (last nil))\n"
        "    (set! tts_hooks\n"
        "      (list utt.synth\n"
        "            (lambda (utt)\n"
        "              (if (eq? total 0)\n"
        "                  (wave.save.header fp (utt.wave utt) 'riff nil (list (list \"numsamples\" 0))))\n"
        "              (set! total (+ total (get_param 'num_samples (wave.info (utt.wave utt)) 0)))\n"
        "              (wave.save.data.fp (utt.wave utt) fp 'riff nil)\n"
        "              (set! last utt))))\n"
        "    (tts_file name nil)\n"
        "    (if last\n"
        "        (begin\n"
        "          (fseek fp 0 0)\n"
        "          (wave.save.header fp (utt.wave last) 'riff nil (list (list \"numsamples\" total)))\n"
        "          (fclose fp)\n"
        "          (format stderr \"pacer-done %s\\n\" name))\n"
        "        (fclose fp))))\n"
        "(" VOICE_FN ")\n"
        "(set! pacer_params hts_engine_params)\n";
    size_t cap = sizeof head + (size_t)b->n * 48, len = sizeof head - 1;
    char *p = malloc(cap);
    if (!p)
        return NULL;
    memcpy(p, head, len);
    for (int k = c; k < b->n; k += b->children) {
        if (b->items[k].done < 0)
            continue; /* the same text at the same rate as an earlier one */
        long speed = lround(sp_festival_speed(b->items[k].rate) * 10000);
        len += (size_t)snprintf(p + len, cap - len, "(pacer_say \"t%d\" %ld.%04ld)\n", k, speed / 10000,
                                speed % 10000);
    }
    return p;
}

/* Starts Festival on program file name in the batch's folder, its standard error to the pipe
 * end err_fd; the child's pid or -1. */
static pid_t start_child(const sp_festival_batch *b, const char *name, int err_fd)
{
    char *argv[] = {"festival", "-b", (char *)name, NULL};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
    posix_spawn_file_actions_addclosefrom_np(&fa, 3);
    posix_spawn_file_actions_addchdir_np(&fa, b->dir);
    pid_t pid;
    int se = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    return se == 0 ? pid : -1;
}

typedef struct fb_child {
    pid_t pid;
    int fd;          /* its standard error; -1 once at its end */
    double deadline; /* the per-text limit from its last sign of progress */
    char line[64];
    size_t len;
} fb_child;

/* Takes what child c wrote: every whole "pacer-done tK" line marks text K done. */
static void read_progress(sp_festival_batch *b, fb_child *c)
{
    char buf[512];
    ssize_t got = read(c->fd, buf, sizeof buf);
    if (got < 0 && errno == EINTR)
        return;
    if (got <= 0) {
        close(c->fd);
        c->fd = -1;
        return;
    }
    for (ssize_t i = 0; i < got; i++) {
        if (buf[i] != '\n') {
            if (c->len < sizeof c->line - 1)
                c->line[c->len++] = buf[i];
            continue;
        }
        c->line[c->len] = 0;
        c->len = 0;
        int k;
        char end;
        if (sscanf(c->line, "pacer-done t%d%c", &k, &end) == 1 && k >= 0 && k < b->n && b->items[k].done == 0) {
            b->items[k].done = 1;
            c->deadline = now() + timeout_seconds();
        }
    }
}

/* Runs the children until each has ended or was stopped for saying nothing within the limit. */
static void run_children(sp_festival_batch *b, fb_child *kids, int nk)
{
    for (;;) {
        struct pollfd p[2];
        int np = 0, map[2];
        double soonest = 0;
        for (int c = 0; c < nk; c++) {
            if (kids[c].fd < 0)
                continue;
            if (now() >= kids[c].deadline) {
                kill(kids[c].pid, SIGKILL);
                close(kids[c].fd);
                kids[c].fd = -1;
                continue;
            }
            p[np] = (struct pollfd){kids[c].fd, POLLIN, 0};
            map[np++] = c;
            if (!soonest || kids[c].deadline < soonest)
                soonest = kids[c].deadline;
        }
        if (np == 0)
            break;
        int r = poll(p, (nfds_t)np, (int)((soonest - now()) * 1000) + 1);
        if (r < 0 && errno != EINTR)
            break;
        for (int i = 0; r > 0 && i < np; i++)
            if (p[i].revents)
                read_progress(b, &kids[map[i]]);
    }
    for (int c = 0; c < nk; c++) {
        if (kids[c].fd >= 0) { /* poll failed: stop it */
            kill(kids[c].pid, SIGKILL);
            close(kids[c].fd);
        }
        while (waitpid(kids[c].pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
}

sp_festival_batch *sp_festival_batch_make(const char *voice, const int *rates, const char *const *texts, int n)
{
    char err[256];
    if (n < 2 || getenv("PACER_FESTIVAL_TEXT2WAVE") || sp_festival_check_voice(voice, err, sizeof err) != 0 ||
        !on_path("festival"))
        return NULL; /* a stand-in text2wave (tests) replaces Festival as a whole */
    sp_festival_batch *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    const char *tmp = getenv("TMPDIR");
    snprintf(b->dir, sizeof b->dir, "%s/pacer-festival.XXXXXX",
             tmp && tmp[0] == '/' && strlen(tmp) < sizeof b->dir - 32 ? tmp : "/tmp");
    b->items = calloc((size_t)n, sizeof *b->items);
    if (!b->items || !mkdtemp(b->dir)) {
        free(b->items);
        free(b);
        return NULL;
    }
    b->n = n;
    int ok = 1;
    for (int k = 0; k < n && ok; k++) {
        b->items[k].rate = rates[k];
        b->items[k].text = strdup(texts[k]);
        ok = b->items[k].text != NULL;
        for (int j = 0; ok && j < k; j++)
            if (b->items[j].rate == rates[k] && b->items[j].done == 0 && strcmp(b->items[j].text, texts[k]) == 0)
                b->items[k].done = -1; /* said once is enough */
        char name[32];
        snprintf(name, sizeof name, "t%d", k);
        /* the text and a line end, as sp_festival_synth gives text2wave */
        if (ok && b->items[k].done == 0) {
            size_t len = strlen(texts[k]);
            char *line = malloc(len + 1);
            ok = line != NULL;
            if (ok) {
                memcpy(line, texts[k], len);
                line[len] = '\n';
                ok = write_file(b, name, line, len + 1) == 0;
                free(line);
            }
        }
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    b->children = n >= FB_TWO_CHILDREN && cores >= 2 ? 2 : 1;
    fb_child kids[2];
    int nk = 0;
    for (int c = 0; c < b->children && ok; c++) {
        char name[16];
        snprintf(name, sizeof name, "b%d.scm", c);
        char *prog = child_program(b, c);
        int fds[2];
        if (!prog || write_file(b, name, prog, strlen(prog)) != 0 || pipe2(fds, O_CLOEXEC) != 0) {
            free(prog);
            ok = 0;
            break;
        }
        free(prog);
        pid_t pid = start_child(b, name, fds[1]);
        close(fds[1]);
        if (pid < 0) {
            close(fds[0]);
            ok = 0;
            break;
        }
        kids[nk++] = (fb_child){.pid = pid, .fd = fds[0], .deadline = now() + timeout_seconds()};
    }
    run_children(b, kids, nk);
    if (nk < b->children) { /* not started as a whole: every text goes the usual way */
        sp_festival_batch_free(b);
        return NULL;
    }
    for (int k = 0; k < n; k++)
        if (b->items[k].done < 0)
            b->items[k].done = 0;
    return b;
}

/* Reads the batch's file name whole (at most MAX_WAV bytes) into *buf; 0 or -1. */
static int read_file(const sp_festival_batch *b, const char *name, unsigned char **buf, size_t *len)
{
    char path[320];
    snprintf(path, sizeof path, "%s/%s", b->dir, name);
    *buf = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    int r = -1;
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        if (size > 0 && (size_t)size <= MAX_WAV && fseek(f, 0, SEEK_SET) == 0 && (*buf = malloc((size_t)size))) {
            *len = fread(*buf, 1, (size_t)size, f);
            r = *len == (size_t)size ? 0 : -1;
        }
    }
    fclose(f);
    if (r != 0) {
        free(*buf);
        *buf = NULL;
    }
    return r;
}

int sp_festival_batch_take(sp_festival_batch *b, const char *voice, int rate, const char *text, speech_raw *out)
{
    memset(out, 0, sizeof *out);
    if (!b || !sp_festival_known_voice(voice))
        return 0;
    for (int k = 0; k < b->n; k++) {
        fb_item *it = &b->items[k];
        if (!it->done || it->taken || it->rate != rate || strcmp(it->text, text) != 0)
            continue;
        it->taken = 1;
        char name[32], err[256];
        snprintf(name, sizeof name, "t%d.wav", k);
        unsigned char *wav;
        size_t len;
        int r = read_file(b, name, &wav, &len) == 0 && parse_wav(wav, len, out, err, sizeof err) == 0;
        free(wav);
        char path[320];
        snprintf(path, sizeof path, "%s/%s", b->dir, name);
        unlink(path); /* its clip is in the cache from now on */
        return r;
    }
    return 0;
}

void sp_festival_batch_free(sp_festival_batch *b)
{
    if (!b)
        return;
    char path[320];
    for (int k = 0; k < b->n; k++) {
        snprintf(path, sizeof path, "%s/t%d", b->dir, k);
        unlink(path);
        snprintf(path, sizeof path, "%s/t%d.wav", b->dir, k);
        unlink(path);
        free(b->items[k].text);
    }
    for (int c = 0; c < 2; c++) {
        snprintf(path, sizeof path, "%s/b%d.scm", b->dir, c);
        unlink(path);
    }
    rmdir(b->dir);
    free(b->items);
    free(b);
}
