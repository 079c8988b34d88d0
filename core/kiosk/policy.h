/* policy.h - what the kiosk decides: the staff PIN and its lockout, the staff screen's
 * choices, watching the sessions folder, and going back to the menu between patients.
 * The window asks through window_kiosk and only draws; nothing here touches SDL. */
#ifndef PACER_KIOSK_POLICY_H
#define PACER_KIOSK_POLICY_H

#include "app.h"
#include "kiosk.h"
#include "window.h"

#define KIOSK_END_SCREEN_SECONDS 20.0  /* the end screen gives way to the menu */
#define KIOSK_PIN_LOCKOUT_SECONDS 30.0 /* after three wrong PINs */
#define KIOSK_FOLDER_POLL_SECONDS 2.0

typedef struct kiosk_policy {
    const kiosk_config *cfg;
    pacer_app *app; /* the staff's choice of voice goes to it */
    /* the PIN pad */
    char pin[16];
    int npin, failures;
    double lockout_until;
    char message[160];
    kiosk_pin_check *check; /* the PIN is checked on a worker thread (Argon2id is slow on purpose) */
    int checking;
    double answered_at;     /* when the last answer came: the idle time runs from then */
    /* the staff screen */
    double volume;
    int voice;
    int exited; /* staff chose "Exit kiosk" */
    kiosk_pin_verify_fn verify;
    /* the sessions folder */
    unsigned long long folder_sig;
    double next_poll;
} kiosk_policy;

/* The voices the staff screen and the window's Settings offer ("" = each session's own):
 * flite's four, then Festival's slt (the clearest English voice, see bench/README.md) where
 * it is installed. Sets *voices and returns how many there are. */
int kiosk_voice_list(const char *const **voices);

void kiosk_policy_init(kiosk_policy *p, const kiosk_config *cfg, pacer_app *app);
/* Frees the PIN worker's state (a check still running finishes alone). */
void kiosk_policy_free(kiosk_policy *p);
/* Points the window's kiosk questions at p (k->on set, the corner and hold time copied). */
void kiosk_policy_bind(kiosk_policy *p, window_kiosk *k);

/* The decisions themselves (what the bound callbacks call; tests call them directly). */
/* OK starts checking the PIN: the answer comes from a later kiosk_tick. verify NULL:
 * kiosk_pin_verify (tests give their own). */
window_kiosk_action kiosk_pin_key(kiosk_policy *p, int key, double now);
void kiosk_policy_set_verify(kiosk_policy *p, kiosk_pin_verify_fn verify);
window_kiosk_action kiosk_staff_button(kiosk_policy *p, int button);
window_kiosk_action kiosk_tick(kiosk_policy *p, double now, double idle, int busy, int menu, int fresh,
                               double ended);
/* A cheap signature of a folder: names, sizes and times of its entries (0: unreadable). */
unsigned long long kiosk_folder_signature(const char *dir);

#endif
