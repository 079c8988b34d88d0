/* window.h - the player and the session menu in an SDL2 window.
 *
 * The screen is a front-end of the session runner: it reads run_state (the audio clock and
 * what it means) and posts commands; it never keeps its own time. Animating,
 * it draws on an absolute 30 fps schedule; paused, in the menu or at the end it waits on
 * events. Any key, tap, click, clicker (PageUp/PageDown) or switch pauses and resumes;
 * arrows or a swipe skip steps; Escape asks before leaving; F11 toggles full screen. */
#ifndef PACER_WINDOW_H
#define PACER_WINDOW_H

#include "run.h"
#include "scene.h"
#include "timeline.h"

typedef struct ui_session {
    const timeline *t;
    const struct clip *const *clips;
    const struct clip *ambience;
    void *handle; /* the host's */
    const char *record_path; /* the session file the runner records; NULL: the path loaded */
} ui_session;

struct checkin_form;

typedef struct window_host {
    void *ud;
    /* Loads a session; on failure err holds one line for the screen. */
    int (*load)(void *ud, const char *path, ui_session *s, char *err, size_t n);
    void (*unload)(void *ud, ui_session *s);
    /* The sessions for the menu; items and their strings stay valid until free_list. */
    int (*list)(void *ud, menu_item **items);
    void (*free_list)(void *ud, menu_item *items, int n);
    /* Session files the last list could not open, one line each (for staff); may be NULL. */
    const char *(*problems)(void *ud);
    /* The menu by ear (window_opts.speak_menu): words made into a session of one spoken cue,
     * by the same speech service as every session's cues; freed with unload. May be NULL. */
    int (*load_words)(void *ud, const char *words, ui_session *s, char *err, size_t n);
    /* The patient's journal: the Progress and check-in screens. All NULL where nothing is
     * recorded (the kiosk, a play with --no-journal): then neither screen is offered. They
     * are given journal_ud. */
    void *journal_ud;
    int (*progress)(void *jud, progress_view *p); /* the figures now: 0, or -1 */
    int (*checkin_due)(void *jud);                /* 1: today's check-in is to be offered */
    void (*checkin_offered)(void *jud);           /* offered (saved or skipped): not again today */
    int (*checkin_save)(void *jud, const struct checkin_form *f); /* 0, or -1 */
    const char *const *tag_labels;               /* the check-in's tags, as the patient reads them */
    int ntags;
    double checkin_timeout; /* seconds without input after which the check-in is skipped */
} window_host;

/* What the kiosk decides (core/kiosk implements it; the window only asks). */
typedef enum window_kiosk_action {
    KIOSK_STAY = 0,     /* nothing changes screens */
    KIOSK_TO_STAFF = 1, /* the PIN was right: the staff screen */
    KIOSK_TO_MENU = 2,  /* back to a fresh menu */
    KIOSK_RELOAD = 3,   /* read the sessions folder again */
    KIOSK_EXIT = 4,     /* staff leave the kiosk */
} window_kiosk_action;

/* What the PIN pad and the staff screen show. */
typedef struct window_kiosk_view {
    int pin_digits;          /* typed so far */
    const char *pin_message; /* "" or why the PIN was refused, "Checking..." */
    int checking;            /* a PIN is being checked (off the window's thread) */
    double volume;           /* 0..1 */
    const char *voice;       /* "" = each session's own */
    const char *warning;     /* a configuration problem, for the staff screen */
} window_kiosk_view;

/* Kiosk mode: the window cannot be closed; staff leave through a corner held down and a
 * PIN; between patients everything returns to the menu. */
typedef struct window_kiosk {
    int on;
    int corner;          /* 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right */
    double hold_seconds; /* how long the corner is held */
    void *ud;
    /* A key of the PIN pad: 0..9 digits, 10 delete, 11 OK, 12 cancel. */
    window_kiosk_action (*pin_key)(void *ud, int key);
    /* A button of the staff screen: 0 volume down, 1 volume up, 2 voice, 3 reload, 4 exit,
     * 5 back to the menu. */
    window_kiosk_action (*staff_button)(void *ud, int button);
    /* Called every turn of the loop: a PIN check that finished, a changed sessions folder,
     * or time to go back to the menu between patients. idle: seconds without input; busy: a
     * session is playing; menu: the menu shows; fresh: as a new patient finds it; ended:
     * seconds the end screen has shown (-1 when it does not). */
    window_kiosk_action (*tick)(void *ud, double idle, int busy, int menu, int fresh, double ended);
    /* The pad and the staff screen's state. */
    void (*view)(void *ud, window_kiosk_view *v);
    /* Forget what was typed and said (a new patient, or the pad opened again). */
    void (*reset)(void *ud);
} window_kiosk;

typedef struct window_opts {
    const theme *theme; /* NULL: the default theme */
    int reduced_motion;
    double text_scale; /* 1 (or 0), or SCENE_TEXT_LARGE */
    int speak_menu;    /* the menu says the focused card's title and length when focus moves */
    int fullscreen;
    int width, height;
    pacer_draw_fn (*find_draw)(void *ud, const char *step_type); /* plugin visuals; may be NULL */
    void *find_ud;
    run_opts run; /* the runner: buffer, no audio, volume, resume, the listener */
    window_kiosk kiosk;
    /* The Settings screen, from the menu's Settings button or the S key (never in a kiosk):
     * the values it starts from, the voices its Voice row offers, and how a change is kept
     * (save NULL: no Settings screen). A change applies to the window at once. */
    ui_settings settings;
    const char *const *voices;
    int nvoices;
    int (*save_settings)(void *ud, const ui_settings *s, char *err, size_t n);
    void *settings_ud;
} window_opts;

/* 1 when a window can be opened here (a display, not SDL's dummy or offscreen driver). */
int window_available(void);
/* The terminal view's way to keep the screen and the system awake while a session plays
 * (where there is a display): on=1 returns 1 when it took effect; on=0 undoes it. */
int window_keep_awake(int on);
/* Plays path, or shows the menu when path is NULL. Returns the program's exit code. */
int window_run(const window_host *host, const char *path, const window_opts *o);

#endif
