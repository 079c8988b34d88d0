/* speech_espeak.c - speech in every other language from espeak-ng, linked as a library.
 *
 * espeak-ng runs in AUDIO_OUTPUT_SYNCHRONOUS mode: espeak_Synth returns when the whole text
 * has been spoken into our callback, which appends the samples to a growing buffer. It is
 * initialized with espeakINITIALIZE_DONT_EXIT so that missing voice data is an error we
 * report rather than an exit of the whole program.
 *
 * Determinism: espeak-ng's noise uses rand(), seeded before each text, but its pitch flutter,
 * gain control and wave phase run on from one text to the next (static state with no reset
 * short of re-initializing, which 1.51 cannot do, see sp_espeak_stop), so the same text
 * would come out a pitch period or so different depending on what the process spoke before.
 * So this process never speaks: it starts the engine and sets the voice and rate, and each
 * text is spoken by a child forked for it, which starts from exactly that state, sends the
 * samples back through a pipe and exits. A text's samples then depend on the text, the voice
 * and the rate alone, whatever was said before and whatever the speech cache holds. The fork
 * and the child's copied pages cost about 20 ms of CPU a text (bench/README.md), paid once:
 * the speech cache keeps the clip. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <espeak-ng/speak_lib.h>

#include "pace.h"
#include "speech_engine.h"

/* espeak-ng's rate is nominally words per minute, but measured the way flite was calibrated
 * (see speech_flite.c: seven cue phrases, words over the time from first to last sound) its
 * English voice speaks about 12 % faster than asked: 93 wpm at 80, 167 at 150, 338 at 300.
 * Scaling the rate by this makes both engines speak a given rate alike. (espeak-ng's floor
 * of 80 means rates below 90 all come out near 93 wpm.) */
static const double ESPEAK_RATE_SCALE = 0.89;
/* Its natural rate: its default setting, 175, measured that way (175 / 0.89). */
static const double ESPEAK_NATURAL_WPM = 196.0;

int sp_espeak_rate(int rate)
{
    int r = (int)(pace_articulation(rate, ESPEAK_NATURAL_WPM) * ESPEAK_RATE_SCALE + 0.5);
    return r < espeakRATE_MINIMUM ? espeakRATE_MINIMUM : r > espeakRATE_MAXIMUM ? espeakRATE_MAXIMUM : r;
}

/* What this file knows of espeak-ng's one synthesizer. The library offers no handle: its
 * API (speak_lib.h) acts on state of its own, one per process. espeak_Initialize sets up
 * that one synthesizer and returns its sample rate; espeak_SetSynthCallback names the one
 * callback every espeak_Synth in the process calls; espeak_SetVoiceByName and
 * espeak_SetParameter change the one current voice and rate. It cannot be started a second
 * time either (see sp_espeak_stop). So this mirror of it is one per process too, and every
 * speech service shares it: per-engine copies could only disagree with the library (a
 * service believing its voice is set after another service changed it).
 *   started      1: initialized; -1: failed, the reason in start_err (initializing again
 *                would not help, the data folder is read once)
 *   sample_rate  what espeak_Initialize returned
 *   voice        the library's current voice as last set here, "" for none: set_voice skips
 *                espeak_SetVoiceByName when it is already the one (the call reloads the
 *                voice's files) */
static struct {
    int started;
    int sample_rate;
    char start_err[200];
    char voice[64];
} es;

typedef struct sink {
    short *buf;
    size_t n, cap;
    int failed;
} sink;

static int on_samples(short *wav, int numsamples, espeak_EVENT *events)
{
    sink *s = NULL;
    for (espeak_EVENT *e = events; e && e->type != espeakEVENT_LIST_TERMINATED; e++)
        if (e->user_data) {
            s = e->user_data;
            break;
        }
    if (!s && events)
        s = events->user_data;
    if (!s || !wav || numsamples <= 0)
        return 0;
    if (s->failed)
        return 1;
    if (s->n + (size_t)numsamples > s->cap) {
        size_t cap = s->cap ? s->cap : 16384;
        while (cap < s->n + (size_t)numsamples)
            cap *= 2;
        short *p = realloc(s->buf, cap * sizeof *p);
        if (!p) {
            s->failed = 1;
            return 1; /* stop synthesis */
        }
        s->buf = p;
        s->cap = cap;
    }
    memcpy(s->buf + s->n, wav, (size_t)numsamples * sizeof *wav);
    s->n += (size_t)numsamples;
    return 0;
}

static const char *ee_name(espeak_ERROR e)
{
    switch (e) {
    case EE_OK: return "ok";
    case EE_INTERNAL_ERROR: return "internal error";
    case EE_BUFFER_FULL: return "buffer full";
    case EE_NOT_FOUND: return "not found";
    }
    return "unknown error";
}

const char *sp_espeak_version(void)
{
    const char *s = espeak_Info(NULL); /* the library's own constant string */
    return s ? s : "?";
}

int sp_espeak_start(char *err, size_t err_n)
{
    if (es.started == 0) {
        int r = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT);
        if (r <= 0) {
            const char *path = NULL;
            espeak_Info(&path);
            snprintf(es.start_err, sizeof es.start_err, "espeak-ng could not start (voice data in %s missing or unreadable)",
                     path ? path : "its data folder");
            es.started = -1;
        } else {
            es.sample_rate = r;
            espeak_SetSynthCallback(on_samples);
            es.voice[0] = 0;
            es.started = 1;
        }
    }
    if (es.started < 0) {
        snprintf(err, err_n, "%s", es.start_err);
        return -1;
    }
    return 0;
}

static const char NAME_CHARS[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_+";

/* "es_ES" -> "es-es": espeak-ng names languages in lower case with '-'. */
static void normalize_name(const char *name, char *out, size_t n)
{
    size_t i = 0;
    for (; name[i] && i + 1 < n; i++)
        out[i] = name[i] == '_' ? '-' : (char)tolower((unsigned char)name[i]);
    out[i] = 0;
}

/* Does a voice's language list (priority byte, name, NUL; ... ; NUL) hold one whose primary
 * tag matches lang's ("es" matches "es", "es-419")? */
static int voice_speaks(const espeak_VOICE *v, const char *lang)
{
    if (!v || !v->languages)
        return 0;
    size_t primary = strcspn(lang, "-");
    for (const char *p = v->languages; *p; p += strlen(p + 1) + 2) {
        const char *l = p + 1;
        if (strncmp(l, lang, primary) == 0 && (l[primary] == 0 || l[primary] == '-'))
            return 1;
    }
    return 0;
}

static int set_voice(const char *name, char *err, size_t err_n)
{
    char norm[sizeof es.voice];
    normalize_name(name, norm, sizeof norm);
    if (strcmp(norm, es.voice) == 0)
        return 0;
    es.voice[0] = 0;
    espeak_ERROR e = espeak_SetVoiceByName(norm);
    if (e != EE_OK) {
        /* Not a voice name: try it as a language, and accept only a voice that speaks it
         * (espeak-ng otherwise falls back to some default voice). */
        espeak_VOICE spec;
        memset(&spec, 0, sizeof spec);
        spec.languages = norm;
        e = espeak_SetVoiceByProperties(&spec);
        if (e != EE_OK || !voice_speaks(espeak_GetCurrentVoice(), norm)) {
            snprintf(err, err_n, "espeak-ng has no voice for '%s'", name);
            return -1;
        }
    }
    snprintf(es.voice, sizeof es.voice, "%s", norm);
    return 0;
}

int sp_espeak_check_voice(const char *name, char *err, size_t err_n)
{
    if (sp_espeak_start(err, err_n) != 0)
        return -1;
    /* Voice names are file names inside espeak-ng's data folder: no paths. */
    if (!*name || strlen(name) >= sizeof es.voice || name[strspn(name, NAME_CHARS)] != 0) {
        snprintf(err, err_n, "espeak-ng has no voice for '%s'", name);
        return -1;
    }
    return set_voice(name, err, err_n);
}

static void speak_here(const char *text, sink *s, espeak_ERROR *e)
{
    srand(SP_SYNTH_SEED); /* espeak-ng's noise sources use rand(): same text, same samples */
    *e = espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, s);
}

static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

static int read_all(int fd, void *p, size_t n)
{
    char *c = p;
    while (n > 0) {
        ssize_t r = read(fd, c, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        c += r;
        n -= (size_t)r;
    }
    return 0;
}

/* The text spoken by a child forked from this process (see the top of the file). The child
 * sends espeak-ng's result, the sample count and the samples. Returns 0 with s and e filled
 * as speak_here would; -1 when no child could be started, -2 when it died (espeak-ng
 * crashed on the text, or was killed): nothing is filled then. */
static int speak_in_child(const char *text, sink *s, espeak_ERROR *e)
{
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    if (pid == 0) {
        close(fd[0]);
        sink cs = {0};
        espeak_ERROR ce = EE_OK;
        speak_here(text, &cs, &ce);
        int32_t head[2] = {(int32_t)ce, cs.failed ? -1 : (int32_t)cs.n};
        int bad = write_all(fd[1], head, sizeof head) != 0 ||
                  (head[1] > 0 && write_all(fd[1], cs.buf, cs.n * sizeof *cs.buf) != 0);
        _exit(bad); /* nothing of the parent's (atexit handlers, stdio buffers) runs twice */
    }
    close(fd[1]);
    int32_t head[2];
    int ok = read_all(fd[0], head, sizeof head) == 0;
    if (ok && head[1] > 0) {
        s->buf = malloc((size_t)head[1] * sizeof *s->buf);
        ok = s->buf && read_all(fd[0], s->buf, (size_t)head[1] * sizeof *s->buf) == 0;
    }
    close(fd[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!ok || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        free(s->buf);
        memset(s, 0, sizeof *s);
        return -2;
    }
    *e = (espeak_ERROR)head[0];
    if (head[1] < 0)
        s->failed = 1;
    else
        s->n = s->cap = (size_t)head[1];
    return 0;
}

int sp_espeak_synth(const char *voice, int rate, const char *text, speech_raw *out, char *err, size_t err_n)
{
    memset(out, 0, sizeof *out);
    if (sp_espeak_check_voice(voice, err, err_n) != 0)
        return -1;
    int erate = sp_espeak_rate(rate);
    espeak_ERROR e = espeak_SetParameter(espeakRATE, erate, 0);
    if (e != EE_OK) {
        snprintf(err, err_n, "espeak-ng refused rate %d (%s)", rate, ee_name(e));
        return -1;
    }
    sink s = {0};
    int r = speak_in_child(text, &s, &e);
    if (r == -1)
        speak_here(text, &s, &e); /* no process to spare: speech matters more than its last bits */
    if (r == -2) {
        snprintf(err, err_n, "espeak-ng stopped while speaking the text");
        return -1;
    }
    if (e != EE_OK || s.failed) {
        free(s.buf);
        if (s.failed)
            snprintf(err, err_n, "out of memory");
        else
            snprintf(err, err_n, "espeak-ng failed to synthesize the text (%s)", ee_name(e));
        return -1;
    }
    out->samples = malloc((s.n + 1) * sizeof *out->samples);
    if (!out->samples) {
        free(s.buf);
        snprintf(err, err_n, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < s.n; i++)
        out->samples[i] = s.buf[i] / 32768.0f;
    out->n = (int64_t)s.n;
    out->rate = es.sample_rate;
    free(s.buf);
    return 0;
}

/* espeak-ng stays initialized until the process ends: in 1.51, espeak_Terminate followed by
 * espeak_Initialize leaves it in a state where the next espeak_Terminate never returns. */
void sp_espeak_stop(void) {}
