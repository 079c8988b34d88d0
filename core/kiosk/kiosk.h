/* kiosk.h - Pacer for clinic tablets: a locked full-screen menu, staff exit by a hidden
 * gesture and a PIN, return to the menu between patients, self-recovery.
 *
 * The configuration is a Lua file read by the same sandbox as sessions, returning
 * kiosk { ... }; its fields are declared like a step type's, so a typo gets a suggestion and
 * docs/kiosk.md lists them. A bad configuration never stops the kiosk: it starts with safe
 * defaults and shows staff what was wrong. */
#ifndef PACER_KIOSK_H
#define PACER_KIOSK_H

#include <stddef.h>

#include "model.h"
#include "util.h"

typedef struct kiosk_config {
    char sessions[4096];  /* the folder of sessions the menu offers */
    double idle_minutes;  /* without input (and not playing) before the menu comes back */
    char pin_hash[256];   /* the staff PIN, hashed (libsodium); empty: staff cannot leave */
    char theme[32];
    int reduced_motion;
    double volume;        /* 0..1 */
    char voice[64];       /* a voice for English sessions, or empty for each session's own */
    char corner[16];      /* where staff hold: top-left, top-right, bottom-left, bottom-right */
    double hold_seconds;
    char warning[512];    /* what was wrong with the configuration, for the staff screen */
} kiosk_config;

/* The kiosk's configuration step type (for docs and for the loader). */
const pacer_step_type *kiosk_config_type(void);
/* The defaults: the shipped sessions, 5 minutes, no PIN, default theme, volume 0.8. */
void kiosk_config_defaults(kiosk_config *c, const char *default_sessions);
/* Reads path into c over the defaults. Problems are written to c->warning (and d) and the
 * defaults stay: returns 0 when the file was used, -1 when the defaults are in force. */
int kiosk_config_load(const char *path, kiosk_config *c, diag_list *d);
/* The same for the configuration's text already in memory (path names it and its folder);
 * same_process as in script_opts (for the fuzzer). */
int kiosk_config_load_text(const char *path, const char *text, size_t len, int same_process, kiosk_config *c,
                           diag_list *d);

/* PINs: 4 to 12 digits, hashed with Argon2id (libsodium's crypto_pwhash_str). */
int kiosk_pin_hash(const char *pin, char *out, size_t n, char *err, size_t errn);

/* The hashes the kiosk accepts: exactly the form --hash-pin makes,
 * $argon2id$v=19$m=M,t=T,p=1$SALT$TAG, with SALT 16 and TAG 32 bytes of unpadded base64 and
 * the cost within these bounds, so checking a PIN takes at most 256 MiB and a second or two.
 * Anything else (another algorithm, a plain PIN, bad base64, a missing field, a huge m=, t=
 * or p=) is refused: returns 0, or -1 with why in a sentence naming the part at fault. */
#define KIOSK_PIN_MEM_MIN_KIB 8192u    /* 8 MiB */
#define KIOSK_PIN_MEM_MAX_KIB 262144u  /* 256 MiB: libsodium's "moderate" */
#define KIOSK_PIN_PASSES_MIN 1u
#define KIOSK_PIN_PASSES_MAX 4u
int kiosk_pin_hash_check(const char *hash, char *why, size_t n);
/* 1 when pin matches hash, else 0 (also for a hash kiosk_pin_hash_check refuses). Slow by
 * design (Argon2id): never call it on the UI thread; use kiosk_pin_check. */
int kiosk_pin_verify(const char *hash, const char *pin);

/* A PIN checked on a worker thread, so the PIN pad keeps drawing and signals still end the
 * program while Argon2id runs. start() begins a check (a check still running is abandoned:
 * its answer is never reported); poll() answers without waiting. Freeing (or exiting) does
 * not wait for a running worker: it finishes, or dies with the process, on its own. */
typedef enum { KIOSK_PIN_IDLE, KIOSK_PIN_PENDING, KIOSK_PIN_RIGHT, KIOSK_PIN_WRONG } kiosk_pin_state;
typedef int (*kiosk_pin_verify_fn)(const char *hash, const char *pin);
typedef struct kiosk_pin_check kiosk_pin_check;
kiosk_pin_check *kiosk_pin_check_new(void);
/* 0 when the worker started; -1 (and nothing pending) when no thread could be made. verify
 * NULL means kiosk_pin_verify (tests pass their own). */
int kiosk_pin_check_start(kiosk_pin_check *c, kiosk_pin_verify_fn verify, const char *hash, const char *pin);
kiosk_pin_state kiosk_pin_check_poll(kiosk_pin_check *c);
/* Forgets a check in progress (its answer is dropped): the pad was cancelled. */
void kiosk_pin_check_cancel(kiosk_pin_check *c);
void kiosk_pin_check_free(kiosk_pin_check *c);

#endif
