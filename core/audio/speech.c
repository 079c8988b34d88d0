/* speech.c - the speech service: picks voices, turns text into clips, caches them.
 *
 * Pipeline for a clip: engine (flite 16 kHz, espeak-ng 22.05 kHz or Festival 32 kHz) -> windowed-sinc
 * resample to PACER_RATE -> peak-normalize to PEAK (these two in float, one clip at a time)
 * -> quantize to a 16-bit clip, trimming silence to PAD at each end (zeros added where the
 * engine left less) -> the calm pace from pauses (pace.h: silence added at the voice's own
 * pauses and after the text, so that the clip lasts its words at the rate asked; the engine
 * spoke near its natural rate). The 16-bit clip is exactly what the disk cache stores, so a clip read
 * back from disk is sample for sample the clip that was synthesized. PIPELINE_VERSION is
 * part of every cache key: change it whenever any of these steps (or their constants)
 * change, and old entries are no longer found. */
#include "speech.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "pace.h"
#include "pacer/plugin.h"
#include "speech_engine.h"
#include "util.h"

#define PIPELINE_VERSION "pacer-speech-2"
static const float PEAK = 0.8f;                  /* -1.9 dBFS */
static const float FLOOR = 0.004f;               /* -46 dBFS: quieter than this at the ends is silence */
static const int64_t PAD = PACER_RATE * 30 / 1000; /* 30 ms of the original kept at each end */
/* English without a voice named: flite's rms, the voice an independent recognizer hears best
 * in a stream of cues (bench/README.md, "Listening as a patient does"). */
#define ENGLISH_VOICE "rms"
enum { RATE_MIN = 80, RATE_MAX = 300, MAX_TEXT = 8192 };

typedef struct entry {
    uint64_t hash;
    char *key;
    size_t key_len;
    int64_t frames; /* the clip's length, also while it is not held */
    clip c;         /* samples NULL: only in the disk cache (see speech_prepare) */
} entry;

struct speech {
    char *cache_dir;   /* NULL: no disk cache */
    int64_t cache_limit; /* bytes; 0: the default */
    int disk_state;    /* 0: not opened yet; 1: open; -1: off */
    int disk_warned;   /* the disk cache's one warning was given */
    sp_disk *disk;
    entry **table;     /* open addressing; entries never move, so clips stay put */
    size_t cap, count;
    speech_stats stats;
    strbuf warnings, taken;
    sp_festival_batch *batch; /* Festival's clips made ahead (speech_prepare_batch), until taken */
};

static int open_services; /* the engines stop when the last service closes */

/* ---- service ---- */
speech *speech_open(const speech_opts *o)
{
    speech *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    sb_init(&s->warnings);
    sb_init(&s->taken);
    if (o && o->cache_limit > 0)
        s->cache_limit = o->cache_limit;
    if (o && o->no_disk_cache) {
        s->disk_state = -1;
    } else if (o && o->cache_dir && *o->cache_dir) {
        s->cache_dir = strdup(o->cache_dir);
        if (!s->cache_dir) {
            free(s);
            return NULL;
        }
    } else {
        const char *xdg = getenv("XDG_CACHE_HOME");
        const char *home = getenv("HOME");
        strbuf b;
        sb_init(&b);
        if (xdg && xdg[0] == '/') /* the XDG spec says relative paths are to be ignored */
            sb_printf(&b, "%s/pacer/speech", xdg);
        else if (home && home[0] == '/')
            sb_printf(&b, "%s/.cache/pacer/speech", home);
        if (b.failed) {
            free(s);
            return NULL;
        }
        s->cache_dir = b.data; /* NULL when neither is set */
        if (!s->cache_dir) {
            s->disk_state = -1;
            s->disk_warned = 1;
            sb_puts(&s->warnings, "no cache folder (neither XDG_CACHE_HOME nor HOME is set); speech is cached in "
                                  "memory only\n");
        }
    }
    s->cap = 64;
    s->table = calloc(s->cap, sizeof *s->table);
    if (!s->table) {
        free(s->cache_dir);
        free(s);
        return NULL;
    }
    open_services++;
    return s;
}

void speech_close(speech *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->cap; i++) {
        entry *e = s->table[i];
        if (e) {
            free(e->key);
            clip_free(&e->c);
            free(e);
        }
    }
    free(s->table);
    sp_festival_batch_free(s->batch);
    sp_disk_close(s->disk);
    free(s->cache_dir);
    sb_free(&s->warnings);
    sb_free(&s->taken);
    free(s);
    if (--open_services == 0) {
        sp_flite_stop();
        sp_espeak_stop();
    }
}

void speech_get_stats(const speech *s, speech_stats *out) { *out = s->stats; }

const char *speech_take_warnings(speech *s)
{
    sb_free(&s->taken);
    if (s->warnings.len == 0)
        return NULL;
    s->taken = s->warnings;
    sb_init(&s->warnings);
    return s->taken.data;
}

static void add_warning(speech *s, const char *msg)
{
    sb_puts(&s->warnings, msg);
    sb_puts(&s->warnings, "\n");
}

/* ---- voices ---- */
static int is_english(const char *lang)
{
    return (lang[0] == 'e' || lang[0] == 'E') && (lang[1] == 'n' || lang[1] == 'N') &&
           (lang[2] == 0 || lang[2] == '-' || lang[2] == '_');
}

static void set_voice(speech_voice *out, speech_engine e, const char *name)
{
    out->engine = e;
    snprintf(out->name, sizeof out->name, "%s", name);
}

/* The voice for a language, with a warning when espeak-ng cannot speak it. */
static int default_voice(const char *lang, speech_voice *out, strbuf *w)
{
    char err[256];
    if (!is_english(lang)) {
        if (strlen(lang) < sizeof out->name && sp_espeak_check_voice(lang, err, sizeof err) == 0) {
            set_voice(out, SPEECH_ESPEAK, lang);
            return 0;
        }
        if (strlen(lang) >= sizeof out->name)
            snprintf(err, sizeof err, "espeak-ng has no voice for '%.60s...'", lang);
        sb_printf(w, "%s%s; using flite:" ENGLISH_VOICE " (English)", w->len ? "; " : "", err);
    }
    if (sp_flite_start(err, sizeof err) == 0) {
        set_voice(out, SPEECH_FLITE, ENGLISH_VOICE);
        return 0;
    }
    sb_printf(w, "%s%s", w->len ? "; " : "", err);
    return -1;
}

static const char *engine_label(speech_engine e)
{
    return e == SPEECH_FLITE ? "flite" : e == SPEECH_FESTIVAL ? "festival" : "espeak";
}

/* The voice named engine:name, when it is known and installed: 0 with out set; else -1 with
 * the reason added to w, and *missing set when it is a known voice that is not installed. */
static int named_voice(const char *lang, const char *voice, speech_voice *out, strbuf *w, int *missing)
{
    char err[256];
    int r = -1;
    const char *colon = strchr(voice, ':');
    size_t elen = colon ? (size_t)(colon - voice) : strlen(voice);
    const char *name = colon ? colon + 1 : "";
    if (elen == 5 && strncmp(voice, "flite", 5) == 0) {
        if (!*name)
            name = ENGLISH_VOICE;
        if (!sp_flite_known_voice(name)) {
            sb_printf(w, "unknown voice '%s' (flite has %s)", voice, sp_flite_voice_names());
        } else if (sp_flite_check_voice(name, err, sizeof err) != 0) {
            sb_printf(w, "voice '%s' is not usable: %s", voice, err);
        } else {
            set_voice(out, SPEECH_FLITE, name);
            r = 0;
        }
    } else if ((elen == 6 && strncmp(voice, "espeak", 6) == 0) ||
               (elen == 9 && strncmp(voice, "espeak-ng", 9) == 0)) {
        if (!*name)
            name = lang;
        if (strlen(name) >= sizeof out->name) {
            sb_printf(w, "unknown voice '%.60s...' (name too long)", voice);
        } else if (sp_espeak_check_voice(name, err, sizeof err) != 0) {
            sb_printf(w, "unknown voice '%s' (%s)", voice, err);
        } else {
            set_voice(out, SPEECH_ESPEAK, name);
            r = 0;
        }
    } else if (elen == 8 && strncmp(voice, "festival", 8) == 0) {
        if (!*name)
            name = "slt";
        if (!sp_festival_known_voice(name)) {
            sb_printf(w, "unknown voice '%s' (festival has slt)", voice);
        } else if (sp_festival_check_voice(name, err, sizeof err) != 0) {
            sb_printf(w, "%s", err);
            *missing = 1;
        } else {
            set_voice(out, SPEECH_FESTIVAL, name);
            r = 0;
        }
    } else {
        sb_printf(w, "unknown voice '%s' (use flite:" ENGLISH_VOICE ", festival:slt or espeak:<language>)", voice);
    }
    return r;
}

int speech_pick_voice(speech *s, const char *language, const char *voice, speech_voice *out, char *warn,
                      size_t warn_n)
{
    (void)s;
    strbuf w;
    sb_init(&w);
    const char *lang = language && *language ? language : "en";
    int r = -1, missing = 0;
    memset(out, 0, sizeof *out);
    if (voice && *voice)
        r = named_voice(lang, voice, out, &w, &missing);
    if (r != 0) {
        size_t before = w.len;
        r = default_voice(lang, out, &w);
        if (r == 0 && before > 0 && w.len == before) /* the voice's warning says what is used */
            sb_printf(&w, "; using %s:%s", engine_label(out->engine), out->name);
        if (r == 0 && missing)
            r = 1;
    }
    if (warn && warn_n)
        snprintf(warn, warn_n, "%s", w.failed ? "out of memory" : w.data ? w.data : "");
    sb_free(&w);
    return r;
}

int speech_voice_installed(const char *voice)
{
    /* only the voice named: no fallback engine is started to answer */
    speech_voice v;
    strbuf w;
    sb_init(&w);
    int missing = 0, ok = voice && *voice && named_voice("en", voice, &v, &w, &missing) == 0;
    sb_free(&w);
    return ok;
}

/* ---- memory cache ---- */
static entry **slot(speech *s, uint64_t h, const char *key, size_t key_len)
{
    size_t i = (size_t)h & (s->cap - 1);
    for (;;) {
        entry *e = s->table[i];
        if (!e || (e->hash == h && e->key_len == key_len && memcmp(e->key, key, key_len) == 0))
            return &s->table[i];
        i = (i + 1) & (s->cap - 1);
    }
}

static int grow(speech *s)
{
    size_t cap = s->cap * 2;
    entry **t = calloc(cap, sizeof *t);
    if (!t)
        return -1;
    for (size_t i = 0; i < s->cap; i++) {
        entry *e = s->table[i];
        if (!e)
            continue;
        size_t j = (size_t)e->hash & (cap - 1);
        while (t[j])
            j = (j + 1) & (cap - 1);
        t[j] = e;
    }
    free(s->table);
    s->table = t;
    s->cap = cap;
    return 0;
}

static int64_t clip_bytes(const clip *c) { return c->samples ? c->frames * (int64_t)sizeof *c->samples : 0; }

/* A new entry for key with c's length. hold: the entry keeps c; else c is freed and only
 * its length is kept (the clip itself is in the disk cache). Takes ownership of c (freed on
 * failure, when NULL is returned). */
static entry *remember(speech *s, uint64_t h, const char *key, size_t key_len, clip *c, int hold)
{
    int64_t frames = c->frames;
    if (!hold)
        clip_free(c);
    if ((s->count + 1) * 4 > s->cap * 3 && grow(s) != 0) {
        clip_free(c);
        return NULL;
    }
    entry *e = calloc(1, sizeof *e);
    char *k = malloc(key_len + 1);
    if (!e || !k) {
        free(e);
        free(k);
        clip_free(c);
        return NULL;
    }
    memcpy(k, key, key_len);
    k[key_len] = 0;
    e->hash = h;
    e->key = k;
    e->key_len = key_len;
    e->frames = frames;
    if (hold) {
        e->c = *c;
        s->stats.held_bytes += clip_bytes(c);
    }
    *slot(s, h, key, key_len) = e;
    s->count++;
    return e;
}

/* ---- synthesis ---- */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static const char *engine_name(speech_engine e)
{
    return e == SPEECH_FLITE ? "flite" : e == SPEECH_FESTIVAL ? "festival" : "espeak-ng";
}

static int known_engine(speech_engine e) { return e == SPEECH_FLITE || e == SPEECH_ESPEAK || e == SPEECH_FESTIVAL; }

static int synthesize(speech *s, const speech_voice *v, int rate, const char *text, clip *out, char *err,
                      size_t err_n)
{
    speech_raw raw;
    double t0 = now();
    int r;
    if (v->engine == SPEECH_FESTIVAL && sp_festival_batch_take(s->batch, v->name, rate, text, &raw) == 1) {
        r = 0;
        s->stats.batched++;
    } else {
        r = v->engine == SPEECH_FLITE      ? sp_flite_synth(v->name, rate, text, &raw, err, err_n)
            : v->engine == SPEECH_FESTIVAL ? sp_festival_synth(v->name, rate, text, &raw, err, err_n)
                                           : sp_espeak_synth(v->name, rate, text, &raw, err, err_n);
    }
    s->stats.synth_seconds += now() - t0;
    if (r != 0)
        return -1;
    s->stats.synthesized++;
    /* The float work buffer lives only while this one clip is made. */
    fclip full;
    r = fclip_resample(raw.samples, raw.n, raw.rate, &full);
    free(raw.samples);
    if (r != 0) {
        snprintf(err, err_n, "out of memory");
        return -1;
    }
    fclip_normalize(&full, PEAK);
    r = clip_from_float(full.samples, full.frames, FLOOR, PAD, out);
    fclip_free(&full);
    if (r == 0 && pace_clip(out, text, rate) != 0) {
        clip_free(out);
        r = -1;
    }
    if (r != 0) {
        snprintf(err, err_n, "out of memory");
        return -1;
    }
    if (out->frames == 0) {
        snprintf(err, err_n, "%s produced no sound for this text", engine_name(v->engine));
        return -1;
    }
    return 0;
}

static void disk_failed(speech *s, const char *why)
{
    if (!s->disk_warned) /* one warning per service at most */
        add_warning(s, why);
    s->disk_warned = 1;
    sp_disk_close(s->disk);
    s->disk = NULL;
    s->disk_state = -1;
}

static sp_disk *disk(speech *s)
{
    if (s->disk_state == 0) {
        char warn[512];
        s->disk = sp_disk_open(s->cache_dir, s->cache_limit, warn, sizeof warn);
        s->disk_state = 1;
        if (!s->disk)
            disk_failed(s, warn);
    }
    return s->disk;
}

static int only_space(const char *t)
{
    for (; *t; t++)
        if (!isspace((unsigned char)*t))
            return 0;
    return 1;
}

/* What the caller asks for: the clip itself, or only its length (see speech_prepare). */
enum { WANT_CLIP, WANT_LENGTH };

/* The clip for key, from the disk cache or the engine (then stored to the disk cache). 0 with
 * the clip in c, or -1 with the reason in err. */
static int make(speech *s, const speech_voice *v, int rate, const char *text, const char *key, size_t key_len,
                clip *c, char *err, size_t err_n)
{
    sp_disk *d = disk(s);
    int loaded = d ? sp_disk_load(d, key, key_len, c) : 0;
    if (loaded == 1) {
        s->stats.disk_hits++;
        return 0;
    }
    if (loaded < 0)
        s->stats.disk_rejected++;
    if (synthesize(s, v, rate, text, c, err, err_n) != 0)
        return -1;
    if (d) {
        char why[512];
        if (sp_disk_store(d, key, key_len, c, why, sizeof why) == 0)
            s->stats.disk_writes++;
        else
            disk_failed(s, why); /* from now on every clip is held in memory */
    }
    return 0;
}

/* Everything that changes the audio is in the key: the pipeline's version, the engine and
 * its version, the voice, the rate and the engine's own setting for it (so recalibrating a
 * rate mapping retires the clips made with the old one), the text. The disk cache adds its
 * file format's version. */
static void make_key(strbuf *key, const speech_voice *v, int rate, const char *text, size_t len)
{
    sb_init(key);
    if (v->engine == SPEECH_FLITE)
        sb_printf(key, "%s|flite|%s|%s|%d|s%ld|", PIPELINE_VERSION, sp_flite_version(), v->name, rate,
                  lround(sp_flite_stretch(v->name, rate) * 10000)); /* no locale-dependent '.' */
    else if (v->engine == SPEECH_FESTIVAL)
        /* each text spoken by Festival alone (a text2wave child or a batch: the same
         * samples), at the HTS speed the rate maps to; "w2": read without the header
         * text2wave repeats after the samples, which clips made before kept as a click */
        sb_printf(key, "%s|festival|%s|w2|%s|%d|r%ld|", PIPELINE_VERSION, sp_festival_version(), v->name, rate,
                  lround(sp_festival_speed(rate) * 10000));
    else
        /* "child": each text spoken by a fresh child (speech_espeak.c); a clip made the
         * older way depended on what was spoken before it and is never used again */
        sb_printf(key, "%s|espeak-ng|espeak-ng-%s|child|%s|%d|r%d|", PIPELINE_VERSION, sp_espeak_version(), v->name,
                  rate, sp_espeak_rate(rate));
    sb_add(key, text, len);
}

/* 1 with the reason in err when no engine is asked to say text at rate (out of range, too
 * long, not UTF-8, nothing but space); 0 when it may be. */
static int refused(int rate, const char *text, char *err, size_t err_n)
{
    size_t len = strlen(text);
    if (rate < RATE_MIN || rate > RATE_MAX)
        snprintf(err, err_n, "speech rate %d is outside %d..%d words per minute", rate, RATE_MIN, RATE_MAX);
    else if (len > MAX_TEXT)
        snprintf(err, err_n, "text too long to speak (%zu bytes, at most %d)", len, MAX_TEXT);
    else if (utf8_invalid_at(text, len))
        snprintf(err, err_n, "text is not valid UTF-8");
    else if (only_space(text))
        snprintf(err, err_n, "nothing to say (empty text)");
    else
        return 0;
    return 1;
}

static entry *lookup(speech *s, const speech_voice *v, int rate, const char *text, int want, char *err,
                     size_t err_n)
{
    if (!s || !v || !text) {
        snprintf(err, err_n, "speech_get: missing argument");
        return NULL;
    }
    if (!known_engine(v->engine)) {
        snprintf(err, err_n, "no speech engine chosen");
        return NULL;
    }
    if (!memchr(v->name, 0, sizeof v->name) || !v->name[0]) {
        snprintf(err, err_n, "bad voice name");
        return NULL;
    }
    if (refused(rate, text, err, err_n))
        return NULL;
    size_t len = strlen(text);

    strbuf key;
    make_key(&key, v, rate, text, len);
    if (key.failed) {
        sb_free(&key);
        snprintf(err, err_n, "out of memory");
        return NULL;
    }
    uint64_t h[2];
    sp_hash128(key.data, key.len, h);

    entry *e = *slot(s, h[0], key.data, key.len);
    clip c;
    if (e) {
        if (want == WANT_LENGTH || e->c.samples) {
            s->stats.memory_hits++;
        } else if (make(s, v, rate, text, key.data, key.len, &c, err, err_n) != 0) {
            e = NULL; /* only its length was kept, and the clip cannot be had again */
        } else {
            /* Normally read back from the disk cache. Made again only if its file went
             * meanwhile: flite then gives the same samples; espeak-ng may differ by a pitch
             * period (see speech_espeak.c), and the clip as made now is what plays. */
            e->c = c;
            e->frames = c.frames;
            s->stats.held_bytes += clip_bytes(&c);
        }
        sb_free(&key);
        return e;
    }
    if (make(s, v, rate, text, key.data, key.len, &c, err, err_n) != 0) {
        sb_free(&key);
        return NULL;
    }
    /* Only the length is kept when the disk cache holds the clip and the caller asked for no
     * more; without a usable disk cache the clip stays in memory. */
    e = remember(s, h[0], key.data, key.len, &c, want == WANT_CLIP || !s->disk);
    if (!e)
        snprintf(err, err_n, "out of memory");
    sb_free(&key);
    return e;
}

static void clear_err(char **err, size_t *err_n, char *dummy, size_t dummy_n)
{
    if (*err && *err_n)
        (*err)[0] = 0;
    if (!*err || !*err_n) {
        *err = dummy;
        *err_n = dummy_n;
    }
}

const clip *speech_get(speech *s, const speech_voice *v, int rate, const char *text, char *err, size_t err_n)
{
    char dummy[8];
    clear_err(&err, &err_n, dummy, sizeof dummy);
    entry *e = lookup(s, v, rate, text, WANT_CLIP, err, err_n);
    return e ? &e->c : NULL;
}

int64_t speech_prepare(speech *s, const speech_voice *v, int rate, const char *text, char *err, size_t err_n)
{
    char dummy[8];
    clear_err(&err, &err_n, dummy, sizeof dummy);
    entry *e = lookup(s, v, rate, text, WANT_LENGTH, err, err_n);
    return e ? e->frames : -1;
}

int speech_disk_cache_usable(speech *s) { return s && disk(s) != NULL; }

int speech_cached(speech *s, const speech_voice *v, int rate, const char *text)
{
    if (!s || !v || !text || !known_engine(v->engine))
        return 0;
    strbuf key;
    make_key(&key, v, rate, text, strlen(text));
    int found = 0;
    if (!key.failed) {
        uint64_t h[2];
        sp_hash128(key.data, key.len, h);
        char path[PATH_MAX];
        sp_disk *d = disk(s);
        found = *slot(s, h[0], key.data, key.len) != NULL ||
                (d && sp_disk_path(d, key.data, key.len, path, sizeof path) == 0 && access(path, F_OK) == 0);
    }
    sb_free(&key);
    return found;
}

int speech_prepare_batch(speech *s, const speech_voice *v, const int *rates, const char *const *texts, int n)
{
    if (!s || !v || v->engine != SPEECH_FESTIVAL || n < 2)
        return 0;
    int *r = malloc((size_t)n * sizeof *r);
    const char **t = malloc((size_t)n * sizeof *t);
    int m = 0;
    for (int k = 0; r && t && k < n; k++) {
        /* what lookup would refuse, or finds without an engine, is not Festival's work */
        char why[128];
        if (!texts[k] || refused(rates[k], texts[k], why, sizeof why) || speech_cached(s, v, rates[k], texts[k]))
            continue;
        r[m] = rates[k];
        t[m++] = texts[k];
    }
    if (m >= 2) {
        double t0 = now();
        sp_festival_batch_free(s->batch);
        s->batch = sp_festival_batch_make(v->name, r, t, m);
        s->stats.synth_seconds += now() - t0;
    }
    free(r);
    free(t);
    return s->batch ? m : 0;
}

void speech_release_engines(speech *s)
{
    if (s) {
        sp_festival_batch_free(s->batch); /* what is left in it was not asked for */
        s->batch = NULL;
    }
    sp_flite_stop();
#ifdef __GLIBC__
    malloc_trim(0); /* the heap flite left free goes back to the system, not only to malloc */
#endif
}

void speech_fallback_voice(const speech_voice *v, speech_voice *out)
{
    if (v->engine == SPEECH_FLITE)
        set_voice(out, SPEECH_ESPEAK, "en");
    else
        set_voice(out, SPEECH_FLITE, ENGLISH_VOICE);
}
