/* scene.h - the screens: player, end, menu, and the paused and leave overlays. One drawing
 * path for the window and for snapshots, so a snapshot is exactly what the player shows. */
#ifndef PACER_SCENE_H
#define PACER_SCENE_H

#include "draw.h"
#include "run.h"
#include "view.h"

typedef struct scene_look {
    const theme *th;
    int reduced_motion; /* a filling bar instead of a growing circle */
    /* A plugin's visual for a step type, drawn in place of the breathing circle; may be NULL. */
    pacer_draw_fn (*find_draw)(void *ud, const char *step_type);
    void *find_ud;
    double text_scale; /* every text's size: 1 (or 0), or SCENE_TEXT_LARGE for large text */
} scene_look;

#define SCENE_TEXT_LARGE 1.25

/* plugin_draw.c: runs a plugin's draw hook with the drawing API. */
void scene_plugin_draw(draw_ctx *d, const theme *th, pacer_draw_fn fn, const pacer_draw_state *st);

typedef struct player_scene {
    const view_model *v;
    const char *title;
    run_phase state;
    double getready;  /* 0..1 through the get-ready */
    int confirm_exit; /* the leave dialog is open */
    int64_t ask_resume; /* > 0: asking whether to continue from this frame */
    int sound;        /* 0: playing without sound (shown as a small notice) */
    int asks;         /* the step asks for a rating: the 11 answer buttons show */
    int yesno;        /* an ask step's question is open: the Yes and No buttons show */
} player_scene;

/* Where the leave dialog's buttons are, for taps. */
typedef struct scene_hits {
    SDL_Rect stay, leave;
    SDL_Rect resume, restart;
} scene_hits;

/* A large button: its label centred, the accent colour when primary. */
void scene_button(draw_ctx *d, SDL_Rect r, const theme *th, const char *label, int primary);

/* Where the 11 answer buttons (0 to 10) of a rating question are in a window of w x h. */
void scene_answer_rects(int w, int h, SDL_Rect out[11]);

/* Where the Yes ([0]) and No ([1]) buttons of an ask step's question are in a window of w x h. */
void scene_yesno_rects(int w, int h, SDL_Rect out[2]);

/* How big the breathing circle is at a moment: 0 (smallest) .. 1 (largest). */
double scene_breath_scale(const view_model *v);
/* Where the breathing circle stands in a window of w x h. */
void scene_circle_center(int w, int h, float *cx, float *cy);
/* The circle's radius in pixels for a window of w x h at scale s (tests measure it). */
float scene_circle_radius(int w, int h, double s);

/* Where the player's texts stand, worked out once for the drawing and for the tests that
 * measure them. The sizes are shares of the screen's shorter side: the phase word and the
 * seconds left largest, the side and rep line next (its ink at least 5 % of the shorter
 * side), the caption (at least 4 %), then the card, the title and the clock. */
enum { PT_TITLE, PT_NOTICE, PT_WORDS, PT_STATUS, PT_CARD, PT_CAPTION, PT_NUMBER, PT_ELAPSED, PT_LEFT, PT_COUNT };
typedef struct scene_text {
    const char *s;   /* NULL: not shown */
    int px, bold;
    int x, y;        /* as draw_text takes them */
    text_align align;
    int wrap;        /* draw_text's wrap width; 0: one line */
    rgb fg, bg;      /* the text's colour and what it stands on */
    SDL_Rect box;    /* the box drawn (the font's line height, not the ink) */
} scene_text;
typedef struct player_layout {
    scene_text t[PT_COUNT];
    SDL_Rect band; /* the caption band; w == 0 when nothing is spoken */
    char status[200], number[16], elapsed[32], left[48];
} player_layout;
void scene_player_layout(draw_ctx *d, int w, int h, const scene_look *look, const player_scene *ps,
                         player_layout *L);

void scene_player(draw_ctx *d, int w, int h, const scene_look *look, const player_scene *ps, scene_hits *hits);
/* scene_player in two layers, for a window that keeps the still one between frames: */
void scene_player_still(draw_ctx *d, int w, int h, const scene_look *look, const player_scene *ps);
void scene_player_moving(draw_ctx *d, int w, int h, const scene_look *look, const player_scene *ps);
/* Changes exactly when the still layer would look different. */
unsigned long long scene_still_signature(int w, int h, const scene_look *look, const player_scene *ps);
void scene_end(draw_ctx *d, int w, int h, const scene_look *look, const char *title, int64_t frames, int finished);

/* progress.c: the Progress picture, from plain figures (the caller reads the journal). */
#define PROGRESS_WEEKS 8
#define PROGRESS_DAYS (PROGRESS_WEEKS * 7)
#define PROGRESS_PAIN 30
typedef struct progress_view {
    float minutes[PROGRESS_DAYS]; /* minutes practised each day, oldest first; today last */
    int today_weekday;            /* 0 Monday .. 6 Sunday */
    float goal;                   /* the daily goal in minutes */
    float pain_before[PROGRESS_PAIN], pain_after[PROGRESS_PAIN]; /* recent sessions, oldest first; < 0: not given */
    int npain;
    int streak;
    float week_minutes; /* the last 7 days */
    /* the daily check-ins of the same days: pain 0..10 and hours slept; < 0: not given */
    float day_pain[PROGRESS_DAYS], day_sleep[PROGRESS_DAYS];
    /* the tags that come with better and with worse days, as a patient reads them ("" none) */
    char better[120], worse[120];
} progress_view;
void scene_progress(draw_ctx *d, int w, int h, const scene_look *look, const progress_view *p);

typedef struct menu_item {
    const char *title, *summary, *path;
    int minutes; /* the length to the minute, shown in the menu's language; 0: none */
} menu_item;

/* Draws the menu; rects receives each card's rectangle (for taps); returns the number of
 * cards drawn. */
int scene_menu(draw_ctx *d, int w, int h, const scene_look *look, const menu_item *items, int n, int selected,
               int first, SDL_Rect *rects);
/* The staff PIN pad: keys[0..9] digits, keys[10] delete, keys[11] OK, keys[12] cancel. */
typedef struct pin_hits {
    SDL_Rect keys[13];
} pin_hits;
void scene_pin(draw_ctx *d, int w, int h, const scene_look *look, int ndigits, const char *message, pin_hits *hits);

/* The staff screen: buttons[0] volume down, [1] volume up, [2] voice, [3] reload sessions,
 * [4] exit the kiosk, [5] back to the menu. */
typedef struct staff_hits {
    SDL_Rect buttons[6];
} staff_hits;
void scene_staff(draw_ctx *d, int w, int h, const scene_look *look, double volume, const char *voice,
                 const char *warning, int nsessions, staff_hits *hits);
/* A friendly card over the menu (a session that could not be opened). */
void scene_notice(draw_ctx *d, int w, int h, const scene_look *look, const char *big, const char *small);

/* Cards that fit on one screen of the menu. */
int scene_menu_rows(int w, int h);
/* Where the last card that fits ends (with its gap): the room below is free. */
int scene_menu_bottom(int w, int h);


/* settings_scene.c: the Settings screen (the window's, never the kiosk's) and the menu's
 * button that opens it. */
typedef struct ui_settings {
    char theme[32];
    int reduced_motion;
    char voice[64];  /* "": each session's own */
    int speech_rate; /* words per minute; 0: each session's own */
    double volume;   /* 0..1 */
    char language[16]; /* menus and messages; "": the system's */
    int large_text;    /* every text SCENE_TEXT_LARGE times as big */
} ui_settings;
/* The rows, top to bottom (keyboard focus moves along them). */
enum { SETTINGS_ROW_THEME, SETTINGS_ROW_MOTION, SETTINGS_ROW_VOLUME, SETTINGS_ROW_RATE, SETTINGS_ROW_VOICE,
       SETTINGS_ROW_LANGUAGE, SETTINGS_ROW_TEXT, SETTINGS_ROW_BACK, SETTINGS_ROWS };
/* The buttons: each row's, and the minus of the volume and rate rows. */
enum { SETTINGS_MINUS_VOLUME = SETTINGS_ROWS, SETTINGS_MINUS_RATE, SETTINGS_BUTTONS };
typedef struct settings_hits {
    SDL_Rect b[SETTINGS_BUTTONS]; /* [row]: the row's button (the plus of volume and rate) */
} settings_hits;
void scene_settings(draw_ctx *d, int w, int h, const scene_look *look, const ui_settings *s, int focus,
                    const char *message, settings_hits *hits);
/* What a press of button does to s (voices: the ones the Voice row cycles through). dir is
 * +1, or -1 for a step back (the Left key). Returns 1 when s changed. */
int ui_settings_press(ui_settings *s, int button, int dir, const char *const *voices, int nvoices);
/* The menu's buttons (Check-in, Progress, Settings: whichever the window offers), in a row at
 * the title band's right end in landscape, in the room below the last card in portrait; the
 * last label is the rightmost. Their rectangles in out. */
void scene_menu_buttons(draw_ctx *d, int w, int h, const scene_look *look, const char *const *labels, int n,
                        SDL_Rect *out);

#endif
