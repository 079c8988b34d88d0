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

#include "session.h"
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
/* 1 when pin matches hash, else 0 (also for an empty or malformed hash). */
int kiosk_pin_verify(const char *hash, const char *pin);

#endif
