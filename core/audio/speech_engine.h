/* speech_engine.h - internal to the speech service: the engines and the cache.
 *
 * Engines keep process-wide state (flite's voice list, espeak-ng's one synthesizer), so each
 * is started once and shared by every open service; the last speech_close stops them. */
#ifndef PACER_SPEECH_ENGINE_H
#define PACER_SPEECH_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "clip.h"

/* Raw engine output: mono samples (-1..1) at the engine's own rate; malloc'd. */
typedef struct speech_raw {
    float *samples;
    int64_t n;
    int rate;
} speech_raw;

/* Both engines draw noise from the C library's rand(); each synthesis seeds it with this so
 * that the same text always gives the same samples. */
#define SP_SYNTH_SEED 20240601u

/* ---- flite (English) ---- */
/* flite's natural speaking rate, measured (see speech_flite.c); a rate maps to
 * duration_stretch = FLITE_NATURAL_WPM / its articulation rate (pace.h). */
#define FLITE_NATURAL_WPM 189.0
int sp_flite_known_voice(const char *name); /* 1 for the voices linked in */
const char *sp_flite_voice_names(void);     /* "slt, kal, ..." for messages */
int sp_flite_start(char *err, size_t err_n);
/* 0 when the voice loads (registering it), else -1 with the reason. */
int sp_flite_check_voice(const char *name, char *err, size_t err_n);
/* The duration_stretch a rate maps to (1 for an unknown voice). */
double sp_flite_stretch(const char *voice, int rate);
int sp_flite_synth(const char *voice, int rate, const char *text, speech_raw *out, char *err, size_t err_n);
const char *sp_flite_version(void);
/* 1 while flite is open (between its first use and sp_flite_stop). */
int sp_flite_running(void);
/* Unregisters every voice and closes flite and the voices' libraries, giving their memory
 * back; the next use opens them again. */
void sp_flite_stop(void);

/* ---- espeak-ng (other languages, fallback) ---- */
int sp_espeak_start(char *err, size_t err_n);
/* 0 when espeak-ng has a voice for name (a voice or language name), else -1 with the reason. */
int sp_espeak_check_voice(const char *name, char *err, size_t err_n);
/* The espeak-ng rate setting a rate (words per minute overall) maps to: its articulation
 * rate (pace.h), scaled to what espeak-ng calls words a minute. */
int sp_espeak_rate(int rate);
int sp_espeak_synth(const char *voice, int rate, const char *text, speech_raw *out, char *err, size_t err_n);
/* espeak-ng's version ("1.51"): the library's own string. */
const char *sp_espeak_version(void);
void sp_espeak_stop(void);

/* ---- Festival (English, HTS slt; run as child processes: a batch, or text2wave for one text) ---- */
/* Festival's slt HTS voice's natural rate, measured as flite's was (see speech_festival.c). */
#define FESTIVAL_NATURAL_WPM 211.0
int sp_festival_known_voice(const char *name); /* 1 for "slt" */
/* 0 when text2wave and the voice are installed, else -1 with the reason (naming the Debian
 * packages). */
int sp_festival_check_voice(const char *name, char *err, size_t err_n);
/* The HTS engine's speed a rate maps to: articulation rate (pace.h) / natural rate. */
double sp_festival_speed(int rate);
int sp_festival_synth(const char *voice, int rate, const char *text, speech_raw *out, char *err, size_t err_n);
/* Many texts spoken by one Festival (two on two cores when there are many), ahead of their
 * sp_festival_synth; see speech_festival.c. texts[k] at rates[k]. NULL when no batch could be
 * made (a stand-in text2wave is set, Festival is missing, fewer than two texts): each text is
 * then spoken by its own text2wave child, as without a batch. */
typedef struct sp_festival_batch sp_festival_batch;
sp_festival_batch *sp_festival_batch_make(const char *voice, const int *rates, const char *const *texts, int n);
/* 1 with the samples (as sp_festival_synth gives them) when b holds text at rate, each once;
 * 0 when it does not (not in the batch, or Festival did not finish it). */
int sp_festival_batch_take(sp_festival_batch *b, const char *voice, int rate, const char *text, speech_raw *out);
/* Removes the batch's folder and what is left in it. */
void sp_festival_batch_free(sp_festival_batch *b);
/* "festival-2.5.0" ("festival-?" when Festival cannot be asked). */
const char *sp_festival_version(void);

/* ---- disk cache: one file per clip, named by the BLAKE2b-256 hash of the key ---- */
typedef struct sp_disk sp_disk;
/* Opens (creating it if needed) the cache folder, which may hold 'limit' bytes of clips (0:
 * SPEECH_CACHE_LIMIT); the least recently used are removed beyond that (see speech_cache.c).
 * NULL with the reason in warn when it cannot be used; the service then keeps its cache in
 * memory only. */
sp_disk *sp_disk_open(const char *dir, int64_t limit, char *warn, size_t warn_n);
void sp_disk_close(sp_disk *d);
/* 1 and the clip when a valid file for key exists (the file is then marked as just used);
 * 0 when none; -1 when a file was there but
 * corrupt, truncated or for another key (it is ignored and will be replaced). */
int sp_disk_load(sp_disk *d, const char *key, size_t key_len, clip *out);
/* 0 on success, -1 with the reason when the file could not be written (nothing half-written
 * is left: the file appears whole or not at all). */
int sp_disk_store(sp_disk *d, const char *key, size_t key_len, const clip *c, char *err, size_t err_n);
/* The path a key's file has (for tests and messages). */
int sp_disk_path(const sp_disk *d, const char *key, size_t key_len, char *buf, size_t n);

/* BLAKE2b-128 of bytes (libsodium), as two little-endian 64-bit halves. */
void sp_hash128(const void *data, size_t n, uint64_t out[2]);

#endif
