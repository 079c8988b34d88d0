/* cues.c - speech and recordings for one session. */
#include "cues.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "recording.h"
#include "util.h"

void cues_init(cue_bank *b, speech *sp, diag_list *d, const char *session_file)
{
    memset(b, 0, sizeof *b);
    b->sp = sp;
    b->d = d;
    /* A copy: the session model holding the name is freed before cues_attach reports. Nothing
     * is allocated here, so a bank that is never attached needs no cues_free. */
    snprintf(b->file, sizeof b->file, "%s", session_file ? session_file : "");
    b->session_file = b->file;
}

/* The folder of the session file, as the loader resolves recordings against it. */
static const char *session_root(cue_bank *b)
{
    if (!b->root) {
        const char *slash = strrchr(b->file, '/');
        b->root = slash ? strndup(b->file, (size_t)(slash - b->file + (slash == b->file))) : strdup(".");
    }
    return b->root;
}

/* A recording or the ambience: inside the session's folder (links followed), then checked
 * and decoded. Returns 0, or -1 with the reason (*refused: the file is there, or something
 * is in its place, and it was refused; else it is missing). */
static int load_file(cue_bank *b, const char *path, clip *c, char *err, size_t n, int *refused)
{
    *refused = 1;
    char real[4096];
    const char *root = session_root(b);
    int where = root ? path_inside(root, path, real, sizeof real) : -1;
    if (where > 0) {
        snprintf(err, n, "it leads outside the session's folder");
        return -1;
    }
    if (where < 0) {
        *refused = root && errno != ENOENT && errno != ENOTDIR;
        snprintf(err, n, "%s", root ? strerror(errno) : "out of memory");
        return -1;
    }
    return recording_load(real, c, err, n);
}

static int pick_voice(cue_bank *b, const char *language, const char *voice)
{
    if (b->voice_picked)
        return b->voice_ok;
    b->voice_picked = 1;
    if (!b->sp) {
        diags_add(b->d, DIAG_WARNING, b->session_file, 0, 0, "speech is off; cues are shown as captions only");
        return 0;
    }
    char warn[256] = "";
    /* 1: the voice named is not installed; another speaks, but the session is in error */
    int r = speech_pick_voice(b->sp, language ? language : "en", voice, &b->voice, warn, sizeof warn);
    b->voice_ok = r >= 0;
    if (warn[0])
        diags_add(b->d, r == 0 ? DIAG_WARNING : DIAG_ERROR, b->session_file, 0, 0, "%s", warn);
    return b->voice_ok;
}

/* Warnings the speech service gathered by itself (an unusable cache folder), one each. */
static void relay_speech_warnings(cue_bank *b)
{
    const char *w = speech_take_warnings(b->sp);
    while (w && *w) {
        const char *nl = strchr(w, '\n');
        int len = nl ? (int)(nl - w) : (int)strlen(w);
        diags_add(b->d, DIAG_WARNING, b->session_file, 0, 0, "%.*s", len, w);
        w = nl ? nl + 1 : w + len;
    }
}

/* Speech for text in voice v: with out, the clip itself (speech_get); without, the clip is
 * only prepared (speech_prepare). Its length in frames, or -1 with the reason in err. */
static int64_t say(cue_bank *b, const speech_voice *v, int rate, const char *text, const clip **out, char *err,
                   size_t err_n)
{
    if (!out)
        return speech_prepare(b->sp, v, rate, text, err, err_n);
    *out = speech_get(b->sp, v, rate, text, err, err_n);
    return *out ? (*out)->frames : -1;
}

/* The speech for text in the session's voice (see say); on an engine failure, the other
 * engine; if that fails too, -1 after saying so once: the cue is then shown as a caption
 * only. */
static int64_t speak(cue_bank *b, int rate, const char *text, const clip **out)
{
    if (out)
        *out = NULL;
    if (!b->voice_ok)
        return -1;
    char err[256] = "";
    int64_t frames = say(b, &b->voice, rate, text, out, err, sizeof err);
    relay_speech_warnings(b);
    if (frames >= 0)
        return frames;
    speech_voice other;
    speech_fallback_voice(&b->voice, &other);
    char err2[256] = "";
    frames = say(b, &other, rate, text, out, err2, sizeof err2);
    relay_speech_warnings(b);
    if (!b->speech_warned) {
        b->speech_warned = 1;
        if (frames >= 0)
            diags_add(b->d, DIAG_WARNING, b->session_file, 0, 0, "the voice failed (%s); another voice speaks instead",
                      err);
        else
            diags_add(b->d, DIAG_WARNING, b->session_file, 0, 0,
                      "speech failed (%s); the cues are shown as captions only", err);
    }
    return frames;
}

static cue_file *find_file(cue_bank *b, const char *path)
{
    for (int i = 0; i < b->nfiles; i++)
        if (strcmp(b->files[i].path, path) == 0)
            return &b->files[i];
    return NULL;
}

/* Decodes the recording at path once; its length in seconds, or -1 with the reason in err. */
static double file_seconds(cue_bank *b, const char *path, char *err, size_t n)
{
    cue_file *f = find_file(b, path);
    if (!f) {
        if (b->nfiles == b->files_cap) {
            int cap = b->files_cap ? b->files_cap * 2 : 8;
            cue_file *p = realloc(b->files, (size_t)cap * sizeof *p);
            if (!p) {
                snprintf(err, n, "out of memory");
                return -1;
            }
            b->files = p;
            b->files_cap = cap;
        }
        f = &b->files[b->nfiles];
        memset(f, 0, sizeof *f);
        f->path = strdup(path);
        if (!f->path) {
            snprintf(err, n, "out of memory");
            return -1;
        }
        b->nfiles++;
        f->ok = load_file(b, path, &f->c, f->err, sizeof f->err, &f->refused) == 0;
    }
    if (!f->ok) {
        snprintf(err, n, "%s", f->err);
        return f->refused ? FILE_LEN_REFUSED : -1;
    }
    return (double)f->c.frames / PACER_RATE;
}

/* The length of one speech request: only prepared (its clip made and left in the disk cache),
 * the clips are fetched by cues_attach once the engines are released. -1 when no voice can
 * say it: the compiler then times it by its estimate and the cue is shown as a caption. */
static double speech_seconds(cue_bank *b, const cue_request *r)
{
    if (!pick_voice(b, r->language, r->voice))
        return -1;
    int64_t frames = speak(b, r->rate, r->text, NULL);
    b->spoken++;
    if (b->progress)
        b->progress(b->spoken, b->progress_ud);
    return frames >= 0 ? (double)frames / PACER_RATE : -1;
}

/* ---- one batch of speech on both cores ----
 * flite makes speech about 90 times faster than real time on one core, and keeps global
 * state, so two threads cannot share it. A helper process can: forked with its own copy of
 * the engine, it prepares the batch's texts from the last one backwards into the disk cache,
 * while this process prepares them from the first one forwards and finds the helper's clips
 * there as disk hits. This process never waits for the helper: once it has every length it
 * stops it (at most the one text both were making is made twice), so a helper that dies or
 * hangs costs no more than its share. flite gives the same samples whichever process makes
 * them. espeak-ng is not split: it is ten times faster, so a helper would not pay, and what it
 * says depends on what the same process said before (see speech_espeak.c). Festival runs
 * as child processes already: the speech service speaks its batch on both cores itself
 * (prepare_batch below). */
enum { HELPER_MIN_TEXTS = 8 };

/* How many of the texts have no clip yet (a warm cache has none: no helper is worth its fork). */
static int texts_to_make(cue_bank *b, const cue_list *l, const int *texts, int n)
{
    int missing = 0;
    for (int k = 0; k < n; k++)
        missing += !speech_cached(b->sp, &b->voice, l->items[texts[k]].rate, l->items[texts[k]].text);
    return missing;
}

static pid_t start_helper(cue_bank *b, const cue_list *l, const int *texts, int n)
{
    if (n < HELPER_MIN_TEXTS || b->no_helper || !b->voice_ok || b->voice.engine != SPEECH_FLITE ||
        !speech_disk_cache_usable(b->sp) || texts_to_make(b, l, texts, n) < HELPER_MIN_TEXTS)
        return -1;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid != 0)
        return pid; /* -1: no helper; this process makes them all */
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* a helper never outlives a pacer stopped meanwhile */
    if (getppid() != parent)
        _exit(0);
#endif
    for (int k = n - 1; k >= 0; k--)
        speak(b, l->items[texts[k]].rate, l->items[texts[k]].text, NULL);
    _exit(0); /* nothing of the parent's (atexit handlers, stdio buffers) runs twice */
}

static void stop_helper(cue_bank *b, pid_t pid)
{
    if (pid <= 0)
        return;
    if (!b->wait_for_helper)
        kill(pid, SIGKILL);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
}

/* Festival's start costs more than a dozen cues: it speaks the batch's texts in one go
 * (speech_prepare_batch), and the loop below then finds each clip made. */
static void prepare_batch(cue_bank *b, const cue_list *l, const int *texts, int n)
{
    int *rates = malloc((size_t)n * sizeof *rates);
    const char **said = malloc((size_t)n * sizeof *said);
    if (rates && said) {
        for (int k = 0; k < n; k++) {
            rates[k] = l->items[texts[k]].rate;
            said[k] = l->items[texts[k]].text;
        }
        speech_prepare_batch(b->sp, &b->voice, rates, said, n);
    }
    free(rates);
    free(said);
}

int cues_prepare(cue_bank *b, cue_list *l)
{
    int *texts = malloc((size_t)(l->count ? l->count : 1) * sizeof *texts);
    if (!texts)
        return -1;
    int n = 0;
    for (int i = 0; i < l->count; i++) {
        cue_request *r = &l->items[i];
        if (r->ready)
            continue;
        if (r->kind == CUE_SPEECH) {
            texts[n++] = i;
        } else {
            char err[256] = "";
            double s = file_seconds(b, r->text, err, sizeof err);
            cue_list_answer(l, r, s, err);
        }
    }
    if (n > 0 && pick_voice(b, l->items[texts[0]].language, l->items[texts[0]].voice)) {
        if (b->voice_ok && b->voice.engine == SPEECH_FESTIVAL)
            prepare_batch(b, l, texts, n);
        pid_t helper = start_helper(b, l, texts, n);
        if (b->wait_for_helper) {
            stop_helper(b, helper);
            helper = -1;
        }
        for (int k = 0; k < n; k++)
            cue_list_answer(l, &l->items[texts[k]], speech_seconds(b, &l->items[texts[k]]), NULL);
        stop_helper(b, helper);
    } else {
        for (int k = 0; k < n; k++)
            cue_list_answer(l, &l->items[texts[k]], -1, NULL);
    }
    free(texts);
    return 0;
}

int cues_attach(cue_bank *b, const timeline *t)
{
    free(b->event_clips);
    b->event_clips = calloc((size_t)(t->count ? t->count : 1), sizeof *b->event_clips);
    if (!b->event_clips)
        return -1;
    b->ambience = NULL;
    /* Every text is prepared: the engines' memory goes back before the clips come in. */
    if (b->sp)
        speech_release_engines(b->sp);
    if (t->ambience) {
        char err[256] = "";
        double len = file_seconds(b, t->ambience, err, sizeof err);
        if (len > 0) {
            b->ambience = &find_file(b, t->ambience)->c;
        } else {
            /* named as the session wrote it: the path after the session's folder */
            const char *root = session_root(b);
            size_t rl = root ? strlen(root) : 0;
            const char *shown = rl && strncmp(t->ambience, root, rl) == 0 && t->ambience[rl] == '/'
                                    ? t->ambience + rl + 1
                                    : t->ambience;
            diags_add(b->d, len <= FILE_LEN_REFUSED ? DIAG_ERROR : DIAG_WARNING, b->session_file, 0, 0,
                      "session: the ambience '%s' cannot be used (%s); the session plays without it", shown, err);
        }
    }
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind == TL_SPEAK && b->voice_ok) {
            speak(b, t->rate, e->text, &b->event_clips[i]);
        } else if (e->kind == TL_PLAY) {
            cue_file *f = find_file(b, e->text);
            b->event_clips[i] = f && f->ok ? &f->c : NULL;
        }
    }
    return 0;
}

void cues_free(cue_bank *b)
{
    for (int i = 0; i < b->nfiles; i++) {
        free(b->files[i].path);
        clip_free(&b->files[i].c);
    }
    free(b->files);
    free(b->event_clips);
    free(b->root);
    memset(b, 0, sizeof *b);
}
