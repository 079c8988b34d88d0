/* speech.c - the speech service: picks voices, turns text into clips, caches them.
 *
 * Pipeline for a clip: engine (flite 16 kHz or espeak-ng 22.05 kHz) -> windowed-sinc
 * resample to PACER_RATE -> peak-normalize to PEAK (these two in float, one clip at a time)
 * -> quantize to a 16-bit clip, trimming silence to PAD at each end (zeros added where the
 * engine left less). The 16-bit clip is exactly what the disk cache stores, so a clip read
 * back from disk is sample for sample the clip that was synthesized. PIPELINE_VERSION is part of every cache key: change it whenever
 * any of these steps (or their constants) change, and old entries are no longer found. */
#include "speech.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pacer/plugin.h"
#include "speech_engine.h"
#include "util.h"

#define PIPELINE_VERSION "pacer-speech-1"
static const float PEAK = 0.8f;                  /* -1.9 dBFS */
static const float FLOOR = 0.004f;               /* -46 dBFS: quieter than this at the ends is silence */
static const int64_t PAD = PACER_RATE * 30 / 1000; /* 30 ms of the original kept at each end */
enum { RATE_MIN = 80, RATE_MAX = 300, MAX_TEXT = 8192 };

typedef struct entry {
    uint64_t hash;
    char *key;
    size_t key_len;
    clip c;
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
        sb_printf(w, "%s%s; using flite:slt (English)", w->len ? "; " : "", err);
    }
    if (sp_flite_start(err, sizeof err) == 0) {
        set_voice(out, SPEECH_FLITE, "slt");
        return 0;
    }
    sb_printf(w, "%s%s", w->len ? "; " : "", err);
    return -1;
}

int speech_pick_voice(speech *s, const char *language, const char *voice, speech_voice *out, char *warn,
                      size_t warn_n)
{
    (void)s;
    char err[256];
    strbuf w;
    sb_init(&w);
    const char *lang = language && *language ? language : "en";
    int r = -1;
    memset(out, 0, sizeof *out);
    if (voice && *voice) {
        const char *colon = strchr(voice, ':');
        size_t elen = colon ? (size_t)(colon - voice) : strlen(voice);
        const char *name = colon ? colon + 1 : "";
        if (elen == 5 && strncmp(voice, "flite", 5) == 0) {
            if (!*name)
                name = "slt";
            if (!sp_flite_known_voice(name)) {
                sb_printf(&w, "unknown voice '%s' (flite has %s)", voice, sp_flite_voice_names());
            } else if (sp_flite_check_voice(name, err, sizeof err) != 0) {
                sb_printf(&w, "voice '%s' is not usable: %s", voice, err);
            } else {
                set_voice(out, SPEECH_FLITE, name);
                r = 0;
            }
        } else if ((elen == 6 && strncmp(voice, "espeak", 6) == 0) ||
                   (elen == 9 && strncmp(voice, "espeak-ng", 9) == 0)) {
            if (!*name)
                name = lang;
            if (strlen(name) >= sizeof out->name) {
                sb_printf(&w, "unknown voice '%.60s...' (name too long)", voice);
            } else if (sp_espeak_check_voice(name, err, sizeof err) != 0) {
                sb_printf(&w, "unknown voice '%s' (%s)", voice, err);
            } else {
                set_voice(out, SPEECH_ESPEAK, name);
                r = 0;
            }
        } else {
            sb_printf(&w, "unknown voice '%s' (use flite:slt or espeak:<language>)", voice);
        }
    }
    if (r != 0) {
        size_t before = w.len;
        r = default_voice(lang, out, &w);
        if (r == 0 && before > 0 && w.len == before) /* the voice's warning says what is used */
            sb_printf(&w, "; using %s:%s", out->engine == SPEECH_FLITE ? "flite" : "espeak", out->name);
    }
    if (warn && warn_n)
        snprintf(warn, warn_n, "%s", w.failed ? "out of memory" : w.data ? w.data : "");
    sb_free(&w);
    return r;
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

/* Takes ownership of c (freed on failure). */
static const clip *remember(speech *s, uint64_t h, const char *key, size_t key_len, clip *c)
{
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
    e->c = *c;
    *slot(s, h, key, key_len) = e;
    s->count++;
    return &e->c;
}

/* ---- synthesis ---- */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static const char *engine_name(speech_engine e) { return e == SPEECH_FLITE ? "flite" : "espeak-ng"; }

static int synthesize(speech *s, const speech_voice *v, int rate, const char *text, clip *out, char *err,
                      size_t err_n)
{
    speech_raw raw;
    double t0 = now();
    int r = v->engine == SPEECH_FLITE ? sp_flite_synth(v->name, rate, text, &raw, err, err_n)
                                      : sp_espeak_synth(v->name, rate, text, &raw, err, err_n);
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

const clip *speech_get(speech *s, const speech_voice *v, int rate, const char *text, char *err, size_t err_n)
{
    if (err && err_n)
        err[0] = 0;
    char dummy[8];
    if (!err || !err_n) {
        err = dummy;
        err_n = sizeof dummy;
    }
    if (!s || !v || !text) {
        snprintf(err, err_n, "speech_get: missing argument");
        return NULL;
    }
    if (v->engine != SPEECH_FLITE && v->engine != SPEECH_ESPEAK) {
        snprintf(err, err_n, "no speech engine chosen");
        return NULL;
    }
    if (!memchr(v->name, 0, sizeof v->name) || !v->name[0]) {
        snprintf(err, err_n, "bad voice name");
        return NULL;
    }
    if (rate < RATE_MIN || rate > RATE_MAX) {
        snprintf(err, err_n, "speech rate %d is outside %d..%d words per minute", rate, RATE_MIN, RATE_MAX);
        return NULL;
    }
    size_t len = strlen(text);
    if (len > MAX_TEXT) {
        snprintf(err, err_n, "text too long to speak (%zu bytes, at most %d)", len, MAX_TEXT);
        return NULL;
    }
    if (utf8_invalid_at(text, len)) {
        snprintf(err, err_n, "text is not valid UTF-8");
        return NULL;
    }
    if (only_space(text)) {
        snprintf(err, err_n, "nothing to say (empty text)");
        return NULL;
    }

    strbuf key;
    sb_init(&key);
    /* The engine's own setting for the rate is in the key too, so recalibrating a rate
     * mapping retires the clips made with the old one. */
    if (v->engine == SPEECH_FLITE)
        sb_printf(&key, "%s|%s|%s|%d|s%ld|", PIPELINE_VERSION, sp_flite_version(), v->name, rate,
                  lround(sp_flite_stretch(v->name, rate) * 10000)); /* no locale-dependent '.' */
    else
        sb_printf(&key, "%s|%s|%s|%d|r%d|", PIPELINE_VERSION, sp_espeak_version(), v->name, rate,
                  sp_espeak_rate(rate));
    sb_add(&key, text, len);
    if (key.failed) {
        sb_free(&key);
        snprintf(err, err_n, "out of memory");
        return NULL;
    }
    uint64_t h[2];
    sp_hash128(key.data, key.len, h);

    entry *e = *slot(s, h[0], key.data, key.len);
    if (e) {
        s->stats.memory_hits++;
        sb_free(&key);
        return &e->c;
    }

    clip c;
    const clip *res = NULL;
    sp_disk *d = disk(s);
    int loaded = d ? sp_disk_load(d, key.data, key.len, &c) : 0;
    if (loaded == 1) {
        s->stats.disk_hits++;
        res = remember(s, h[0], key.data, key.len, &c);
        if (!res)
            snprintf(err, err_n, "out of memory");
        sb_free(&key);
        return res;
    }
    if (loaded < 0)
        s->stats.disk_rejected++;

    if (synthesize(s, v, rate, text, &c, err, err_n) != 0) {
        sb_free(&key);
        return NULL;
    }
    if (d) {
        char why[512];
        if (sp_disk_store(d, key.data, key.len, &c, why, sizeof why) == 0)
            s->stats.disk_writes++;
        else
            disk_failed(s, why);
    }
    res = remember(s, h[0], key.data, key.len, &c);
    if (!res)
        snprintf(err, err_n, "out of memory");
    sb_free(&key);
    return res;
}

const clip *speech_get_or_fallback(speech *s, const speech_voice *v, int rate, const char *text, char *msg,
                                   size_t msg_n)
{
    char err[256];
    const clip *c = speech_get(s, v, rate, text, err, sizeof err);
    if (c || !v || v->engine != SPEECH_FLITE) {
        if (msg && msg_n)
            snprintf(msg, msg_n, "%s", c ? "" : err);
        return c;
    }
    speech_voice alt;
    set_voice(&alt, SPEECH_ESPEAK, "en");
    char err2[256];
    c = speech_get(s, &alt, rate, text, err2, sizeof err2);
    if (c)
        s->stats.fallbacks++;
    if (msg && msg_n) {
        if (c)
            snprintf(msg, msg_n, "flite:%s failed (%s); spoken by espeak:en instead", v->name, err);
        else
            snprintf(msg, msg_n, "flite:%s failed (%s); espeak:en failed too (%s)", v->name, err, err2);
    }
    return c;
}
