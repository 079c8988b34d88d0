/* checkin.h - the daily check-in screen (pain today, hours slept, what helped and what made
 * it worse, a note) and the menu's two buttons to it and to the Progress screen. The form's
 * state and its input (taps, keys, typed text) live here; the window only routes events and
 * hands the finished form to its host, which keeps it in the journal. */
#ifndef PACER_CHECKIN_H
#define PACER_CHECKIN_H

#include "scene.h"

#define CHECKIN_MAX_TAGS 8
#define CHECKIN_NOTE_MAX 240
/* The hours slept shown before the patient sets them, and their step. */
#define CHECKIN_SLEEP_START 7.0
#define CHECKIN_SLEEP_STEP 0.5

typedef struct checkin_form {
    int pain;               /* 0..10, or -1 not given */
    double sleep;           /* hours slept (shown from CHECKIN_SLEEP_START) */
    int sleep_given;        /* the patient set the hours */
    unsigned helped, worse; /* bit i: tag i */
    char note[CHECKIN_NOTE_MAX];
    int one;                /* the last key was a 1 (a 0 after it makes 10) */
} checkin_form;

typedef struct checkin_hits {
    SDL_Rect pain[11], sleep_down, sleep_up, save, skip;
    SDL_Rect helped[CHECKIN_MAX_TAGS], worse[CHECKIN_MAX_TAGS];
} checkin_hits;

/* What an input did to the form. */
typedef enum checkin_result { CHECKIN_OPEN = 0, CHECKIN_SAVE = 1, CHECKIN_SKIP = 2 } checkin_result;

void checkin_reset(checkin_form *f);
/* 1 when anything was given (a form with nothing in it is a skip). */
int checkin_given(const checkin_form *f);

/* Draws the form; tags are the tags' labels (at most CHECKIN_MAX_TAGS). */
void scene_checkin(draw_ctx *d, int w, int h, const scene_look *look, const checkin_form *f, const char *const *tags,
                   int ntags, checkin_hits *hits);

/* A tap at (x, y) on the form drawn with hits. */
checkin_result checkin_tap(checkin_form *f, const checkin_hits *hits, int ntags, int x, int y);
/* A key: digits rate the pain (1 then 0 is 10) while no note is being typed; + and - or the
 * arrows change the hours slept; Backspace takes back the note's last character; Enter saves,
 * Escape skips. */
checkin_result checkin_key(checkin_form *f, SDL_Keycode k);
/* Typed text (SDL_TEXTINPUT): it goes into the note, except a first digit, + or - (a key). */
void checkin_text(checkin_form *f, const char *utf8);


#endif
