/* speech_festival.c - English speech from Festival's HTS voice cmu_us_slt_arctic_hts, the
 * clearest English voice Debian 12 ships (bench/README.md, "Clear speech at a calm pace").
 *
 * Festival is a program of its own with global state (a Scheme interpreter), so it never runs
 * in this process: each text is spoken by a child, `text2wave`, started with two fixed
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
 * data runs to the end). 0, or -1 with the reason. */
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
