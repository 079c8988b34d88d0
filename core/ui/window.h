/* window.h - the player and the session menu in an SDL2 window.
 *
 * The screen reads the audio clock (player_frame) and never keeps its own time. Animating,
 * it draws on an absolute 30 fps schedule; paused, in the menu or at the end it waits on
 * events. Any key, tap, click, clicker (PageUp/PageDown) or switch pauses and resumes;
 * arrows or a swipe skip steps; Escape asks before leaving; F11 toggles full screen. */
#ifndef PACER_WINDOW_H
#define PACER_WINDOW_H

#include "clip.h"
#include "scene.h"
#include "timeline.h"

typedef struct ui_session {
    const timeline *t;
    const clip *const *clips;
    const clip *ambience;
    void *handle; /* the host's */
} ui_session;

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
    /* Unfinished sessions: where to continue path (a frame, or -1), and remembering where it
     * stopped (-1: it was finished). May be NULL; never used in kiosk mode. */
    int64_t (*resume_at)(void *ud, const char *path, const timeline *t);
    void (*stopped_at)(void *ud, const char *path, int64_t frame);
} window_host;

/* Kiosk mode: the window cannot be closed; staff leave through a corner held down and a
 * PIN; between patients everything returns to the menu. */
typedef struct window_kiosk {
    int on;
    double idle_seconds;  /* without input, and no session playing, before the menu returns */
    int corner;           /* 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right */
    double hold_seconds;  /* how long the corner is held */
    const char *sessions_dir; /* watched: changes show in the menu without a restart */
    const char *warning;  /* a configuration problem, for the staff screen */
    void *ud;
    /* The staff PIN, checked off the UI thread (Argon2id is slow on purpose): pin_start
     * begins checking pin (NULL: no PIN configured); pin_poll answers without waiting: -1
     * still checking, 1 right, 0 wrong. */
    void (*pin_start)(void *ud, const char *pin);
    int (*pin_poll)(void *ud);
    const char *const *voices; /* choices for the staff screen ("" = each session's own) */
    int nvoices;
    void (*set_voice)(void *ud, const char *voice);
    void (*set_volume)(void *ud, double volume);
    int exit_status; /* what "Exit kiosk" returns: a status the service does not restart on */
} window_kiosk;

typedef struct window_opts {
    const char *theme;
    int reduced_motion;
    int fullscreen;
    int buffer;   /* audio buffer frames */
    int no_audio;
    int width, height;
    pacer_draw_fn (*find_draw)(void *ud, const char *step_type); /* plugin visuals; may be NULL */
    void *find_ud;
    double volume; /* 0..1; 0 is taken as 1 unless kiosk.on */
    window_kiosk kiosk;
} window_opts;

/* 1 when a window can be opened here (a display, not SDL's dummy or offscreen driver). */
int window_available(void);
/* Plays path, or shows the menu when path is NULL. Returns the program's exit code. */
int window_run(const window_host *host, const char *path, const window_opts *o);

#endif
