/* speech.h - offline speech: flite's cmu_us_rms voice for English, espeak-ng for every other
 * language and as the fallback, both run as libraries (flite opened only when needed), and
 * Festival's HTS slt voice for English when a session asks for it, run as a child program
 * (speech_festival.c). Every
 * clip (16-bit, see clip.h) is cached by (engine, voice, rate, text) in memory and on disk,
 * so a second start is instant; the disk cache is kept under a size limit, least recently
 * used out first.
 *
 * Not thread-safe: one thread synthesizes (the engines keep global state). The audio thread
 * never calls in here; it only reads clips already returned, which stay valid until
 * speech_close. */
#ifndef PACER_SPEECH_H
#define PACER_SPEECH_H

#include <stddef.h>
#include <stdint.h>

#include "clip.h"

typedef enum speech_engine { SPEECH_FLITE = 1, SPEECH_ESPEAK = 2, SPEECH_FESTIVAL = 3 } speech_engine;

typedef struct speech_voice {
    speech_engine engine;
    char name[48]; /* flite: "slt"; espeak-ng: a voice or language name such as "es", "en-us"; festival: "slt" */
} speech_voice;

typedef struct speech speech;

/* The disk cache's default size limit: 64 MiB of clip files, about 11 minutes of distinct
 * speech. Beyond it the least recently used clips are removed (see speech_cache.c). */
#define SPEECH_CACHE_LIMIT ((int64_t)64 << 20)

typedef struct speech_opts {
    const char *cache_dir; /* NULL: $XDG_CACHE_HOME/pacer/speech (or ~/.cache/...) */
    int no_disk_cache;     /* 1: memory cache only */
    int64_t cache_limit;   /* bytes the disk cache may hold; 0: SPEECH_CACHE_LIMIT */
} speech_opts;

/* Opens the service; engines start lazily on first use. NULL only on no memory. */
speech *speech_open(const speech_opts *o);
void speech_close(speech *s);

/* Picks the voice for a session: 'voice' ("flite:slt", "espeak:es", "festival:slt", or NULL)
 * wins, else the language ("en" -> flite rms, anything else -> espeak-ng with that language).
 * An unknown or unusable choice falls back to the default for the language (or English) and
 * writes a one-line warning to warn (empty when none). Returns 0; 1 when a voice was picked
 * that way but the one named is a known voice that is not installed (festival:slt without
 * Festival: warn says which packages to install, and the session is in error); or -1 when no
 * engine works at all (the reason in warn). */
int speech_pick_voice(speech *s, const char *language, const char *voice, speech_voice *out, char *warn,
                      size_t warn_n);
/* 1 when voice ("festival:slt", ...) is known and installed here, so a settings screen may
 * offer it; 0 when it is not (speech_pick_voice would say why). */
int speech_voice_installed(const char *voice);

/* The clip for text, synthesized or from the cache: mono PACER_RATE, leading/trailing silence
 * trimmed to a short pad, peak-normalized. rate is words per minute (80..300). Returns NULL
 * with the reason in err if the engine failed; the caller falls back (another engine, or
 * captions only) and says so. speech_get itself never switches engines, so what it returns
 * is always the voice asked for (and cached under it). */
const clip *speech_get(speech *s, const speech_voice *v, int rate, const char *text, char *err, size_t err_n);

/* Makes sure the clip for text exists, as speech_get does, and returns its length in frames
 * (-1 with the reason in err, as speech_get). When the disk cache is usable the clip is left
 * there and only its length is kept in memory; speech_get later reads it back. A session's
 * speech is prepared this way first, then the engines released (speech_release_engines),
 * then the clips fetched: the engines and all the clips are never in memory together. Without
 * a usable disk cache the clip is held in memory at once. */
int64_t speech_prepare(speech *s, const speech_voice *v, int rate, const char *text, char *err, size_t err_n);

/* Makes the clips of many texts at once where the engine pays for starting (Festival: one
 * process for all of them instead of one per text; other engines: nothing), ahead of the
 * speech_prepare or speech_get that asks for each (texts[k] at rates[k]). The clips are the
 * same as those made one at a time; a text the batch did not make is made then, as usual
 * (with its error, if any). Returns how many texts the batch took on (0: none). */
int speech_prepare_batch(speech *s, const speech_voice *v, const int *rates, const char *const *texts, int n);

/* 1 when clips go to a usable disk cache (opened now if it was not yet): a clip another
 * process prepared into the same cache is then found there by speech_prepare. */
int speech_disk_cache_usable(speech *s);

/* 1 when the clip for text would come without an engine: it is in memory, or a file of its
 * name is in the disk cache (not read, so not yet checked). */
int speech_cached(speech *s, const speech_voice *v, int rate, const char *text);

/* Stops the engines and gives back what they hold (for flite: its libraries and heap, about
 * 6 MB); they start again when next needed. Clips already returned stay valid. Call once a
 * session's speech is prepared. */
void speech_release_engines(speech *s);

/* The voice that speaks when v's engine fails: espeak-ng's English for flite, flite's rms for
 * espeak-ng and Festival (a cue in the wrong accent is better than a silent one). */
void speech_fallback_voice(const speech_voice *v, speech_voice *out);

/* Warnings the service gathered on its own since the last call (today only: the disk cache
 * is unusable, so clips are cached in memory only; given once per service), one line each,
 * each ending in '\n'. NULL when none. The text stays valid until the next call. */
const char *speech_take_warnings(speech *s);

/* Counters for benchmarks and tests. */
typedef struct speech_stats {
    int synthesized;      /* clips made by an engine */
    int batched;          /* of those, made ahead in a batch (speech_prepare_batch) */
    int disk_hits, memory_hits;
    double synth_seconds; /* wall time spent in the engines */
    int disk_writes;      /* clips written to the disk cache */
    int disk_rejected;    /* cache files ignored as corrupt, truncated or for another key */
    int64_t held_bytes;   /* clip samples held in memory */
} speech_stats;
void speech_get_stats(const speech *s, speech_stats *out);

#endif
