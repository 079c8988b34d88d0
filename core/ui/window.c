/* window.c - the window's event loop: menu, player, end screen. */
#include "window.h"

#include <SDL.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "checkin.h"
#include "fbhint.h"
#include "i18n.h"
#include "layers.h"
#include "outfile.h"
#include "quit.h"
#include "util.h"

#define FPS 30.0

int window_available(void)
{
    const char *drv = getenv("SDL_VIDEODRIVER");
    if (drv && (strcmp(drv, "dummy") == 0 || strcmp(drv, "offscreen") == 0))
        return 0;
    if (!getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY"))
        return 0;
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) < 0)
        return 0;
    /* with no reachable display SDL may settle on a driver nobody sees */
    const char *got = SDL_GetCurrentVideoDriver();
    int visible = got && strcmp(got, "offscreen") != 0 && strcmp(got, "dummy") != 0 && strcmp(got, "evdev") != 0;
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return visible;
}

int window_keep_awake(int on)
{
    if (!on) {
        SDL_EnableScreenSaver();
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        return 0;
    }
    if ((getenv("DISPLAY") || getenv("WAYLAND_DISPLAY")) && SDL_InitSubSystem(SDL_INIT_VIDEO) == 0) {
        SDL_DisableScreenSaver();
        return 1;
    }
    return 0;
}

typedef enum { MODE_MENU, MODE_PLAY, MODE_END, MODE_PIN, MODE_STAFF, MODE_SETTINGS, MODE_PROGRESS, MODE_CHECKIN, MODE_QUIT } ui_mode;

#define CURSOR_HIDE_SECONDS 3.0
/* How long the Progress screen shows after a finished session (any key or tap ends it sooner). */
#define PROGRESS_AFTER_SECONDS 8.0

typedef struct win {
    const window_host *host;
    const window_opts *o;
    SDL_Window *w;
    SDL_Renderer *r;
    draw_ctx *d;
    scene_look look;
    run *run;
    run_digits digits; /* an answer being typed (1, then maybe 0) */
    ui_mode mode;
    int exit_code;
    /* menu */
    menu_item *items;
    int nitems, selected, first;
    int menu_gen; /* counts reloads: a reloaded menu is drawn again */
    SDL_Rect rects[256];
    char chosen[PATH_MAX]; /* the session last opened from the menu ("" none) */
    run *voice;            /* the menu by ear: its own runner, no listener, nothing resumed */
    ui_session said;       /* what it is saying */
    int said_loaded;
    char notice[300];
    int from_menu;
    /* play */
    ui_session s;
    int loaded;
    run_state rs; /* the runner's state, read once a turn of the loop */
    int sound_warned;
    int confirm;
    scene_hits hits;
    int finished;
    int64_t end_frames;
    /* a press in progress, for taps and swipes */
    int down, down_x, down_y;
    double down_at;
    /* kiosk */
    const window_kiosk *k;
    double last_input, end_at, cursor_at;
    int cursor_shown;
    window_kiosk_view kv;
    pin_hits ph;
    staff_hits sh;
    char load_error[300]; /* kiosk: a friendly card over the menu */
    /* the playing frame, redrawn only where it changed */
    player_layers layers;
    /* the Settings screen */
    ui_settings set;
    settings_hits seth;
    SDL_Rect settings_button;
    int set_focus, set_gen;
    char set_message[300];
    /* the journal's screens */
    progress_view progress;
    double progress_until; /* after a session: when the Progress screen goes; 0 from the menu */
    checkin_form form;
    checkin_hits ck;
    double checkin_input; /* the last input on the check-in (its timeout counts from it) */
    SDL_Rect journal_buttons[2];
} win;

static void out_size(win *g, int *w, int *h) { SDL_GetRendererOutputSize(g->r, w, h); }

/* The menu's last choice, remembered across runs (never in a kiosk, where every patient
 * finds a fresh menu): its path in $XDG_STATE_HOME/pacer/menu, written whole or not at all. */
static int menu_memory_path(char *buf, size_t n) { return xdg_path("XDG_STATE_HOME", ".local/state", "pacer/menu", buf, n); }

static void menu_memory_load(win *g)
{
    char path[PATH_MAX];
    g->chosen[0] = 0;
    if (g->k->on || menu_memory_path(path, sizeof path) < 0)
        return;
    FILE *f = file_fopen_regular(path, NULL, NULL);
    if (!f)
        return;
    if (fgets(g->chosen, sizeof g->chosen, f))
        g->chosen[strcspn(g->chosen, "\n")] = 0;
    else
        g->chosen[0] = 0;
    fclose(f);
}

static void menu_memory_save(win *g, const char *chosen)
{
    char path[PATH_MAX], err[OUTFILE_ERR_MAX];
    if (g->k->on || strlen(chosen) >= sizeof g->chosen || strchr(chosen, '\n'))
        return;
    snprintf(g->chosen, sizeof g->chosen, "%s", chosen);
    if (menu_memory_path(path, sizeof path) < 0)
        return;
    for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) { /* its folders, private */
        *p = 0;
        mkdir(path, 0700);
        *p = '/';
    }
    outfile o;
    if (outfile_open(&o, path, 0, err, sizeof err) < 0)
        return; /* a convenience lost, said nowhere: the menu works as before */
    if (fprintf(o.f, "%s\n", chosen) < 0)
        outfile_abort(&o);
    else
        outfile_commit(&o, err, sizeof err);
}

/* Keeps the card in view: first moves so that selected is among the rows shown. */
static void menu_scroll_to_selected(win *g)
{
    int w, h;
    out_size(g, &w, &h);
    int rows = scene_menu_rows(w, h);
    if (g->selected < g->first)
        g->first = g->selected;
    if (g->selected >= g->first + rows)
        g->first = g->selected - rows + 1;
}

static void menu_reload(win *g)
{
    if (g->items)
        g->host->free_list(g->host->ud, g->items, g->nitems);
    g->items = NULL;
    g->nitems = g->host->list(g->host->ud, &g->items);
    g->menu_gen++;
    if (g->nitems < 0)
        g->nitems = 0;
    if (g->nitems > 256)
        g->nitems = 256;
    if (g->selected >= g->nitems)
        g->selected = g->nitems ? g->nitems - 1 : 0;
    /* the last choice stays selected, wherever the list now puts it */
    for (int i = 0; g->chosen[0] && i < g->nitems; i++)
        if (g->items[i].path && strcmp(g->items[i].path, g->chosen) == 0) {
            g->selected = i;
            menu_scroll_to_selected(g);
            break;
        }
}

static void unload_session(win *g)
{
    if (!g->loaded)
        return;
    /* the runner remembers where it stopped (a kiosk's next patient starts afresh) */
    run_stop(g->run);
    g->host->unload(g->host->ud, &g->s);
    g->loaded = 0;
    memset(&g->rs, 0, sizeof g->rs);
}

static void draw_message(win *g, const char *big, const char *small)
{
    int w, h;
    out_size(g, &w, &h);
    draw_fill(g->d, g->look.th->bg);
    int px = h / 10 > 24 ? h / 10 : 24;
    draw_text(g->d, big, px, 1, g->look.th->text, w / 2, h / 2 - px, ALIGN_CENTER, w * 9 / 10);
    if (small)
        draw_text(g->d, small, px / 2, 0, g->look.th->muted, w / 2, h / 2 + px / 2, ALIGN_CENTER, w * 9 / 10);
    layers_invalidate(&g->layers);
    SDL_RenderPresent(g->r);
}

static void menu_hush(win *g);

static int start_session(win *g, const char *path)
{
    menu_hush(g); /* one device at a time: the menu's voice goes first */
    draw_message(g, _("Preparing the session"), _("Getting the voice ready"));
    char err[300] = "";
    if (g->host->load(g->host->ud, path, &g->s, err, sizeof err) < 0) {
        snprintf(g->notice, sizeof g->notice, "%s", err[0] ? err : _("This session could not be opened."));
        if (g->k->on)
            snprintf(g->load_error, sizeof g->load_error, "%s", g->notice);
        return -1;
    }
    if (run_start(g->run, g->s.record_path ? g->s.record_path : path, g->s.t, g->s.clips, g->s.ambience) < 0) {
        g->host->unload(g->host->ud, &g->s);
        snprintf(g->notice, sizeof g->notice, _("Out of memory."));
        return -1;
    }
    g->loaded = 1;
    g->confirm = 0;
    g->notice[0] = 0;
    run_get_state(g->run, &g->rs);
    const char *why = run_sound_problem(g->run);
    if (why[0] && !g->sound_warned) {
        fprintf(stderr, "pacer: %s; playing without sound, paced by the system clock\n", why);
        g->sound_warned = 1; /* said once, not at every session */
    }
    SDL_SetWindowTitle(g->w, g->s.t->title ? g->s.t->title : "Pacer");
    g->mode = MODE_PLAY;
    return 0;
}

/* Back to a fresh menu: nothing of the last patient's session stays on screen. */
static void kiosk_reset(win *g)
{
    unload_session(g);
    SDL_SetWindowTitle(g->w, "Pacer");
    g->mode = MODE_MENU;
    g->selected = 0;
    g->first = 0;
    g->confirm = 0;
    g->notice[0] = 0;
    g->load_error[0] = 0;
    if (g->k->reset)
        g->k->reset(g->k->ud);
    g->down = 0;
}

/* ---- the journal's screens (only when the host keeps a journal) ---- */

static void open_progress(win *g, int after)
{
    memset(&g->progress, 0, sizeof g->progress);
    if (!g->host->progress || g->host->progress(g->host->journal_ud, &g->progress) < 0) {
        if (after) {
            g->mode = MODE_END; /* the end screen, as without a journal */
            g->end_at = run_now();
        }
        return;
    }
    g->mode = MODE_PROGRESS;
    g->progress_until = after ? run_now() + PROGRESS_AFTER_SECONDS : 0;
    SDL_SetWindowTitle(g->w, _("Pacer - Progress"));
}

static void open_checkin(win *g)
{
    checkin_reset(&g->form);
    g->mode = MODE_CHECKIN;
    g->checkin_input = run_now();
    SDL_SetWindowTitle(g->w, _("Pacer - Check-in"));
    SDL_StartTextInput();
    /* the text of the key that opened it (c) is not the start of a note */
    SDL_PumpEvents();
    SDL_FlushEvent(SDL_TEXTINPUT);
}

/* Today's check-in, offered once a day in the menu before the first session. */
static void offer_checkin(win *g)
{
    if (g->mode == MODE_MENU && g->host->checkin_due && g->host->checkin_due(g->host->journal_ud) == 1)
        open_checkin(g);
}

static void close_checkin(win *g, checkin_result how)
{
    if (how == CHECKIN_OPEN)
        return;
    if (how == CHECKIN_SAVE && g->host->checkin_save(g->host->journal_ud, &g->form) < 0)
        snprintf(g->notice, sizeof g->notice, _("The check-in could not be kept in the journal."));
    g->host->checkin_offered(g->host->journal_ud);
    SDL_StopTextInput();
    SDL_SetWindowTitle(g->w, "Pacer");
    g->mode = MODE_MENU;
}

static void leave_session(win *g);

/* The Progress screen goes: back to the menu, or after a session where the end screen leads. */
static void close_progress(win *g, int timed_out)
{
    SDL_SetWindowTitle(g->w, "Pacer");
    if (!g->loaded) {
        g->mode = MODE_MENU;
    } else if (timed_out && !g->from_menu) {
        g->mode = MODE_END; /* a session played from a file: its end screen waits for a key */
        g->end_at = run_now();
    } else {
        leave_session(g);
    }
}

static void leave_session(win *g)
{
    unload_session(g);
    SDL_SetWindowTitle(g->w, "Pacer");
    if (g->k->on) {
        kiosk_reset(g);
        return;
    }
    if (g->from_menu) {
        g->mode = MODE_MENU;
        menu_reload(g);
        offer_checkin(g); /* a new day may have begun */
    } else {
        g->mode = MODE_QUIT;
    }
}

static int in_rect(SDL_Rect r, int x, int y) { return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h; }

/* ---- the menu by ear (window_opts.speak_menu; never in a kiosk) ---- */

/* Cuts what the menu is saying (its device closes with it). */
static void menu_hush(win *g)
{
    if (g->voice)
        run_stop(g->voice);
    if (g->said_loaded)
        g->host->unload(g->host->ud, &g->said);
    g->said_loaded = 0;
}

/* Says the focused card's title and length through the runner's device path, as a session
 * of one spoken cue; what was being said is cut. */
static void menu_say(win *g)
{
    if (!g->o->speak_menu || g->k->on || !g->host->load_words || g->selected < 0 || g->selected >= g->nitems)
        return;
    menu_hush(g);
    const menu_item *it = &g->items[g->selected];
    char words[400];
    int min = it->minutes;
    if (min > 0)
        snprintf(words, sizeof words, P_("%s. %d minute.", "%s. %d minutes.", min), it->title ? it->title : "", min);
    else
        snprintf(words, sizeof words, "%s.", it->title ? it->title : "");
    if (!g->voice) {
        run_opts vo = g->o->run;
        vo.on_event = NULL; /* nothing of it is a play: the journal never hears it */
        vo.ud = NULL;
        vo.resume = RUN_RESUME_OFF;
        g->voice = run_open(&vo);
        if (!g->voice)
            return;
    }
    char err[200];
    if (g->host->load_words(g->host->ud, words, &g->said, err, sizeof err) < 0) {
        fprintf(stderr, "pacer: %s\n", err);
        return;
    }
    g->said_loaded = 1;
    run_set_volume(g->voice, g->o->save_settings ? g->set.volume : g->o->run.volume);
    run_start(g->voice, NULL, g->said.t, g->said.clips, NULL);
    /* what is said, for anyone (and any test) without a sound card */
    if (getenv("PACER_UI_EVENTS"))
        fprintf(stderr, "pacer: menu says: %s\n", words);
}

static void open_selected(win *g)
{
    if (g->selected < 0 || g->selected >= g->nitems)
        return;
    if (g->items[g->selected].path)
        menu_memory_save(g, g->items[g->selected].path);
    start_session(g, g->items[g->selected].path);
}

/* What the kiosk decided. */
static void kiosk_act(win *g, window_kiosk_action a)
{
    switch (a) {
    case KIOSK_TO_STAFF: g->mode = MODE_STAFF; break;
    case KIOSK_TO_MENU: kiosk_reset(g); break;
    case KIOSK_RELOAD: menu_reload(g); break;
    case KIOSK_EXIT: g->mode = MODE_QUIT; break;
    case KIOSK_STAY: break;
    }
}

/* ---- kiosk: staff PIN and staff screen ---- */
/* A key of the PIN pad, tapped or typed: 0..9, 10 delete, 11 OK, 12 cancel. */
static void pin_press(win *g, int key)
{
    kiosk_act(g, g->k->pin_key(g->k->ud, key));
    g->k->view(g->k->ud, &g->kv);
}

static void pin_tap(win *g, int x, int y)
{
    for (int i = 0; i < 13; i++)
        if (in_rect(g->ph.keys[i], x, y)) {
            pin_press(g, i);
            return;
        }
}

/* A digit key of the keyboard or the keypad: 0..9, or -1. */
static int key_digit(SDL_Keycode k)
{
    return k >= SDLK_0 && k <= SDLK_9           ? (int)(k - SDLK_0)
           : k >= SDLK_KP_1 && k <= SDLK_KP_9 ? (int)(k - SDLK_KP_1) + 1
           : k == SDLK_KP_0                     ? 0
                                                : -1;
}

/* The PIN pad from a keyboard: digits, Backspace deletes, Enter is OK (Escape cancels, as
 * everywhere in the kiosk's staff screens). */
static void pin_keyboard(win *g, SDL_Keycode k)
{
    int key = key_digit(k);
    if (key < 0)
        key = k == SDLK_BACKSPACE ? 10 : k == SDLK_RETURN || k == SDLK_KP_ENTER ? 11 : -1;
    if (key >= 0)
        pin_press(g, key);
}

static void staff_tap(win *g, int x, int y)
{
    for (int i = 0; i < 6; i++)
        if (in_rect(g->sh.buttons[i], x, y)) {
            kiosk_act(g, g->k->staff_button(g->k->ud, i));
            g->k->view(g->k->ud, &g->kv);
            run_set_volume(g->run, g->kv.volume);
            return;
        }
}

static int in_corner(win *g, int x, int y)
{
    int w, h;
    out_size(g, &w, &h);
    int c = (w < h ? w : h) / 8;
    if (c < 64)
        c = 64;
    int right = g->k->corner == 1 || g->k->corner == 3, bottom = g->k->corner >= 2;
    int okx = right ? x >= w - c : x < c, oky = bottom ? y >= h - c : y < c;
    return okx && oky;
}

/* ---- the Settings screen ---- */
static int has_settings(win *g) { return g->o->save_settings && !g->k->on; }

static void open_settings(win *g)
{
    g->mode = MODE_SETTINGS;
    g->set_focus = 0;
    g->set_message[0] = 0;
}

/* A press of a Settings button: applied to the window at once and kept in the file. */
static void settings_press(win *g, int button, int dir)
{
    if (button == SETTINGS_ROW_BACK) {
        g->mode = MODE_MENU;
        return;
    }
    if (!ui_settings_press(&g->set, button, dir, g->o->voices, g->o->nvoices))
        return;
    const theme *th = theme_find(g->set.theme);
    if (th)
        g->look.th = th;
    g->look.reduced_motion = g->set.reduced_motion;
    g->look.text_scale = g->set.large_text ? SCENE_TEXT_LARGE : 1.0;
    run_set_volume(g->run, g->set.volume);
    char err[280];
    if (g->o->save_settings(g->o->settings_ud, &g->set, err, sizeof err) < 0)
        snprintf(g->set_message, sizeof g->set_message, _("Not saved: %s"), err);
    else
        snprintf(g->set_message, sizeof g->set_message, _("Saved: Pacer starts with these next time"));
    g->set_gen++;
}

static void settings_tap(win *g, int x, int y)
{
    for (int i = 0; i < SETTINGS_BUTTONS; i++)
        if (in_rect(g->seth.b[i], x, y)) {
            g->set_focus = i < SETTINGS_ROWS ? i : i == SETTINGS_MINUS_VOLUME ? SETTINGS_ROW_VOLUME : SETTINGS_ROW_RATE;
            settings_press(g, i, +1);
            return;
        }
}

static void settings_key(win *g, SDL_Keycode k)
{
    switch (k) {
    case SDLK_UP: g->set_focus = g->set_focus > 0 ? g->set_focus - 1 : 0; break;
    case SDLK_DOWN:
    case SDLK_TAB: g->set_focus = g->set_focus + 1 < SETTINGS_ROWS ? g->set_focus + 1 : g->set_focus; break;
    case SDLK_LEFT: settings_press(g, g->set_focus == SETTINGS_ROW_BACK ? -1 : g->set_focus, -1); break;
    case SDLK_RIGHT:
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE: settings_press(g, g->set_focus, +1); break;
    case SDLK_ESCAPE: g->mode = MODE_MENU; break;
    default: break;
    }
}

/* ---- input ---- */
static void on_tap(win *g, int x, int y)
{
    switch (g->mode) {
    case MODE_PIN: pin_tap(g, x, y); return;
    case MODE_STAFF: staff_tap(g, x, y); return;
    case MODE_SETTINGS: settings_tap(g, x, y); return;
    case MODE_PROGRESS: close_progress(g, 0); return;
    case MODE_CHECKIN:
        g->checkin_input = run_now();
        close_checkin(g, checkin_tap(&g->form, &g->ck, g->host->ntags, x, y));
        return;
    case MODE_MENU:
        if (g->load_error[0]) {
            g->load_error[0] = 0; /* the card goes away on a tap */
            return;
        }
        if (g->host->progress && in_rect(g->journal_buttons[0], x, y)) {
            open_checkin(g);
            return;
        }
        if (g->host->progress && in_rect(g->journal_buttons[1], x, y)) {
            open_progress(g, 0);
            return;
        }
        if (has_settings(g) && in_rect(g->settings_button, x, y)) {
            open_settings(g);
            return;
        }
        for (int i = g->first; i < g->nitems; i++) {
            if (in_rect(g->rects[i], x, y)) {
                g->selected = i;
                open_selected(g);
                return;
            }
        }
        break;
    case MODE_PLAY:
        if (g->rs.ask_resume > 0) {
            run_post(g->run, in_rect(g->hits.restart, x, y) ? RUN_RESTART : RUN_CONTINUE);
            return;
        }
        if (g->confirm) {
            if (in_rect(g->hits.leave, x, y))
                leave_session(g);
            else
                g->confirm = 0;
            return;
        }
        if (g->rs.yesno) {
            /* a yes/no question: a tap on Yes or No answers; elsewhere it is a tap as ever */
            int w, h;
            SDL_Rect r[2];
            out_size(g, &w, &h);
            scene_yesno_rects(w, h, r);
            for (int i = 0; i < 2; i++)
                if (in_rect(r[i], x, y)) {
                    run_post(g->run, i == 0 ? RUN_YES : RUN_NO);
                    return;
                }
        }
        if (g->rs.asks) {
            /* a rating question: a tap on a number answers; elsewhere it is a tap as ever */
            int w, h;
            SDL_Rect r[11];
            out_size(g, &w, &h);
            scene_answer_rects(w, h, r);
            for (int i = 0; i < 11; i++)
                if (in_rect(r[i], x, y)) {
                    run_post_value(g->run, RUN_ANSWER, i);
                    return;
                }
        }
        run_post(g->run, RUN_TAP);
        break;
    case MODE_END: leave_session(g); break;
    case MODE_QUIT: break;
    }
}

static void on_swipe(win *g, int dir)
{
    if (g->mode == MODE_PLAY && !g->confirm)
        run_post(g->run, dir > 0 ? RUN_NEXT : RUN_PREV);
    else if (g->mode == MODE_MENU) {
        int rows = 0, w, h;
        out_size(g, &w, &h);
        rows = scene_menu_rows(w, h);
        g->first += dir > 0 ? rows : -rows;
        if (g->first > g->nitems - rows)
            g->first = g->nitems - rows;
        if (g->first < 0)
            g->first = 0;
    }
}

static void on_press_end(win *g, int x, int y)
{
    if (!g->down)
        return;
    g->down = 0;
    int w, h;
    out_size(g, &w, &h);
    int dx = x - g->down_x, dy = y - g->down_y;
    if (abs(dx) > w / 8 && abs(dx) > 2 * abs(dy))
        on_swipe(g, dx < 0 ? +1 : -1); /* swipe left: forward */
    else if (g->mode == MODE_MENU && abs(dy) > h / 8 && abs(dy) > 2 * abs(dx))
        on_swipe(g, dy < 0 ? +1 : -1);
    else
        on_tap(g, g->down_x, g->down_y);
}

static void menu_key(win *g, SDL_Keycode k)
{
    int before = g->selected;
    switch (k) {
    case SDLK_UP:
    case SDLK_LEFT: g->selected = g->selected > 0 ? g->selected - 1 : 0; break;
    case SDLK_DOWN:
    case SDLK_RIGHT:
    case SDLK_TAB: g->selected = g->selected + 1 < g->nitems ? g->selected + 1 : g->selected; break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE: open_selected(g); return;
    case SDLK_ESCAPE:
        if (!g->k->on)
            g->mode = MODE_QUIT; /* a kiosk's menu cannot be left */
        return;
    case SDLK_s:
        if (has_settings(g))
            open_settings(g);
        return;
    case SDLK_c:
        if (g->host->progress)
            open_checkin(g);
        return;
    case SDLK_p:
        if (g->host->progress)
            open_progress(g, 0);
        return;
    default: return;
    }
    menu_scroll_to_selected(g);
    if (g->selected != before)
        menu_say(g);
}

static void play_key(win *g, SDL_Keycode k)
{
    if (g->rs.ask_resume > 0) {
        /* any key continues; Backspace or Home starts over */
        run_post(g->run, k == SDLK_BACKSPACE || k == SDLK_HOME ? RUN_RESTART : RUN_CONTINUE);
        return;
    }
    if (g->confirm) {
        if (k == SDLK_ESCAPE)
            leave_session(g);
        else
            g->confirm = 0;
        return;
    }
    /* while a yes/no question is asked, y and n answer it */
    if (g->rs.yesno && (k == SDLK_y || k == SDLK_n)) {
        run_post(g->run, k == SDLK_y ? RUN_YES : RUN_NO);
        return;
    }
    /* while a question is asked, digits answer it (1 then 0 is ten) and Enter ends a 1 */
    int digit = key_digit(k);
    int answer = digit >= 0 && g->rs.asks ? run_digits_key(&g->digits, digit, run_now())
                 : k == SDLK_RETURN || k == SDLK_KP_ENTER ? run_digits_enter(&g->digits) : -2;
    if (answer != -2 && (answer >= 0 || digit >= 0)) {
        if (answer >= 0)
            run_post_value(g->run, RUN_ANSWER, answer);
        return;
    }
    switch (k) {
    case SDLK_ESCAPE: g->confirm = 1; break;
    case SDLK_RIGHT: run_post(g->run, RUN_NEXT); break;
    case SDLK_LEFT: run_post(g->run, RUN_PREV); break;
    default: run_post(g->run, RUN_TAP); break; /* any key, a clicker's PageUp/PageDown, a switch */
    }
}

static void toggle_fullscreen(win *g)
{
    Uint32 flags = SDL_GetWindowFlags(g->w);
    SDL_SetWindowFullscreen(g->w, (flags & SDL_WINDOW_FULLSCREEN_DESKTOP) ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
}

static void handle(win *g, const SDL_Event *e)
{
    int w, h;
    switch (e->type) {
    case SDL_KEYDOWN:
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_MOUSEWHEEL: g->last_input = run_now(); break;
    case SDL_MOUSEMOTION:
        if (e->motion.which != SDL_TOUCH_MOUSEID && g->k->on) {
            g->cursor_at = run_now();
            if (!g->cursor_shown) {
                SDL_ShowCursor(SDL_ENABLE);
                g->cursor_shown = 1;
            }
        }
        break;
    default: break;
    }
    switch (e->type) {
    case SDL_QUIT:
        if (g->k->on)
            break; /* window-close requests, Alt+F4 and the like never leave a kiosk */
        if (g->mode == MODE_PLAY && !g->confirm)
            g->confirm = 1;
        else
            g->mode = MODE_QUIT;
        break;
    case SDL_KEYDOWN:
        if (e->key.repeat)
            break;
        if (e->key.keysym.sym == SDLK_F11) {
            if (!g->k->on)
                toggle_fullscreen(g);
            break;
        }
        if (g->mode == MODE_PIN || g->mode == MODE_STAFF) {
            if (e->key.keysym.sym == SDLK_ESCAPE)
                kiosk_reset(g);
            else if (g->mode == MODE_PIN)
                pin_keyboard(g, e->key.keysym.sym);
            break;
        }
        if (g->mode == MODE_MENU && g->load_error[0]) {
            g->load_error[0] = 0;
            break;
        }
        if (g->mode == MODE_MENU)
            menu_key(g, e->key.keysym.sym);
        else if (g->mode == MODE_SETTINGS)
            settings_key(g, e->key.keysym.sym);
        else if (g->mode == MODE_PROGRESS)
            close_progress(g, 0);
        else if (g->mode == MODE_CHECKIN) {
            g->checkin_input = run_now();
            close_checkin(g, checkin_key(&g->form, e->key.keysym.sym));
        } else if (g->mode == MODE_PLAY)
            play_key(g, e->key.keysym.sym);
        else if (g->mode == MODE_END)
            leave_session(g);
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.which == SDL_TOUCH_MOUSEID)
            break;
        g->down = 1, g->down_x = e->button.x, g->down_y = e->button.y, g->down_at = run_now();
        break;
    case SDL_MOUSEBUTTONUP:
        if (e->button.which != SDL_TOUCH_MOUSEID)
            on_press_end(g, e->button.x, e->button.y);
        break;
    case SDL_FINGERDOWN:
        out_size(g, &w, &h);
        g->down = 1, g->down_x = (int)(e->tfinger.x * w), g->down_y = (int)(e->tfinger.y * h);
        g->down_at = run_now();
        break;
    case SDL_FINGERUP:
        out_size(g, &w, &h);
        on_press_end(g, (int)(e->tfinger.x * w), (int)(e->tfinger.y * h));
        break;
    case SDL_MOUSEWHEEL:
        if (g->mode == MODE_MENU)
            on_swipe(g, e->wheel.y < 0 ? +1 : -1);
        break;
    case SDL_TEXTINPUT:
        if (g->mode == MODE_CHECKIN) {
            g->checkin_input = run_now();
            checkin_text(&g->form, e->text.text);
        }
        break;
    case SDL_WINDOWEVENT:
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        /* resized, exposed, shown again, or the window's pixels lost: the next frame is
         * drawn and pushed whole, not only where it changed */
        layers_invalidate(&g->layers);
        break;
    default: break;
    }
}

/* ---- drawing ---- */

/* The playing frame with nothing over it: only the rectangles that changed since the last
 * frame (the circle, the progress) are drawn and pushed to the window; the X server then
 * receives those, not the whole window, 30 times a second. */
static void draw_playing(win *g, int w, int h, const player_scene *ps)
{
    SDL_Rect rects[LAYERS_MAX_RECTS];
    if (!g->layers.format) {
        SDL_Surface *surface = SDL_GetWindowSurface(g->w);
        if (surface)
            g->layers.format = surface->format->format;
    }
    int n = layers_draw(&g->layers, g->d, w, h, &g->look, ps, rects);
    if (n < 0) {
        SDL_RenderPresent(g->r);
        return;
    }
    if (n == 0)
        return;
    SDL_RenderFlush(g->r);
    if (SDL_UpdateWindowSurfaceRects(g->w, rects, n) != 0) {
        /* the window's surface went away (a resize not seen yet): the whole frame */
        layers_invalidate(&g->layers);
        layers_draw(&g->layers, g->d, w, h, &g->look, ps, rects);
        SDL_RenderPresent(g->r);
    }
}

/* The menu's buttons in one row: the journal's two where it is kept, Settings outside the
 * kiosk. A button not offered has an empty rectangle, so no tap finds it. */
static void menu_buttons(win *g, int w, int h)
{
    const char *labels[3];
    SDL_Rect r[3];
    int n = 0;
    if (g->host->progress) {
        labels[n++] = _("Check-in");
        labels[n++] = _("Progress");
    }
    if (has_settings(g))
        labels[n++] = _("Settings");
    scene_menu_buttons(g->d, w, h, &g->look, labels, n, r);
    memset(g->journal_buttons, 0, sizeof g->journal_buttons);
    memset(&g->settings_button, 0, sizeof g->settings_button);
    int k = 0;
    if (g->host->progress) {
        g->journal_buttons[0] = r[k++];
        g->journal_buttons[1] = r[k++];
    }
    if (has_settings(g))
        g->settings_button = r[k];
}

static void draw(win *g)
{
    int w, h;
    out_size(g, &w, &h);
    /* a session's screens speak its language; the menus, the user's */
    i18n_use((g->mode == MODE_PLAY || g->mode == MODE_END) && g->loaded && g->s.t ? g->s.t->language : NULL);
    if (g->mode == MODE_MENU) {
        memset(g->rects, 0, sizeof g->rects);
        scene_menu(g->d, w, h, &g->look, g->items, g->nitems, g->selected, g->first, g->rects);
        if (g->notice[0] && !g->k->on)
            draw_text(g->d, g->notice, h / 28 > 14 ? h / 28 : 14, 0, g->look.th->ring, w / 2, h - h / 12,
                      ALIGN_CENTER, w * 9 / 10);
        menu_buttons(g, w, h);
    } else if (g->mode == MODE_PROGRESS) {
        scene_progress(g->d, w, h, &g->look, &g->progress);
    } else if (g->mode == MODE_CHECKIN) {
        scene_checkin(g->d, w, h, &g->look, &g->form, g->host->tag_labels, g->host->ntags, &g->ck);
    } else if (g->mode == MODE_PLAY) {
        player_scene ps = {.v = &g->rs.v,
                           .title = g->s.t->title ? g->s.t->title : "",
                           .state = g->rs.phase,
                           .confirm_exit = g->confirm,
                           .ask_resume = g->rs.ask_resume,
                           .sound = g->rs.sound,
                           .asks = g->rs.asks,
                           .yesno = g->rs.yesno};
        if (ps.state == RUN_PLAYING && !ps.confirm_exit && ps.ask_resume <= 0) {
            draw_playing(g, w, h, &ps); /* no overlay: the two layers are the frame */
            return;
        }
        scene_player(g->d, w, h, &g->look, &ps, &g->hits);
    } else if (g->mode == MODE_END) {
        scene_end(g->d, w, h, &g->look, g->s.t && g->s.t->title ? g->s.t->title : "", g->end_frames, g->finished);
    } else if (g->mode == MODE_SETTINGS) {
        scene_settings(g->d, w, h, &g->look, &g->set, g->set_focus, g->set_message, &g->seth);
    } else if (g->mode == MODE_PIN) {
        scene_pin(g->d, w, h, &g->look, g->kv.pin_digits, g->kv.pin_message, &g->ph);
    } else if (g->mode == MODE_STAFF) {
        char warn[1200];
        const char *probs = g->host->problems ? g->host->problems(g->host->ud) : NULL;
        const char *kw = g->kv.warning ? g->kv.warning : "";
        snprintf(warn, sizeof warn, "%s%s%s", kw, kw[0] && probs && probs[0] ? "\n" : "", probs ? probs : "");
        scene_staff(g->d, w, h, &g->look, g->kv.volume, g->kv.voice ? g->kv.voice : "", warn, g->nitems, &g->sh);
    }
    if (g->mode == MODE_MENU && g->load_error[0])
        scene_notice(g->d, w, h, &g->look, _("Sorry, this session could not be opened"),
                     _("Please choose another one. Staff can see the details on the staff screen."));
    layers_invalidate(&g->layers); /* the window no longer shows the playing frame */
    SDL_RenderPresent(g->r);
}

static void kiosk_tick(win *g)
{
    double now = run_now();
    /* the hidden staff gesture: a corner held down */
    if (g->down && (g->mode == MODE_MENU || g->mode == MODE_END) && in_corner(g, g->down_x, g->down_y) &&
        now - g->down_at >= g->k->hold_seconds) {
        g->down = 0; /* the press is used up: no tap on release */
        unload_session(g);
        g->k->reset(g->k->ud);
        g->mode = MODE_PIN;
        g->last_input = now;
    }
    int busy = g->mode == MODE_PLAY && !g->confirm &&
               (g->rs.phase == RUN_PLAYING || g->rs.phase == RUN_GETREADY);
    int fresh = g->mode == MODE_MENU && g->selected == 0 && g->first == 0 && !g->load_error[0];
    kiosk_act(g, g->k->tick(g->k->ud, now - g->last_input, busy, g->mode == MODE_MENU, fresh,
                            g->mode == MODE_END ? now - g->end_at : -1));
    g->k->view(g->k->ud, &g->kv);
    if (g->cursor_shown && now - g->cursor_at > CURSOR_HIDE_SECONDS) {
        SDL_ShowCursor(SDL_DISABLE);
        g->cursor_shown = 0;
    }
}

static int animating(win *g)
{
    if (g->mode != MODE_PLAY || g->confirm)
        return 0;
    return g->rs.phase == RUN_PLAYING || g->rs.phase == RUN_GETREADY;
}

static unsigned long long text_signature(const char *s)
{
    unsigned long long h = 1469598103934665603ull;
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* What a still screen depends on: when it has not changed, it is not drawn again. */
static unsigned long long still_signature(win *g)
{
    unsigned long long h = 1469598103934665603ull;
    long long parts[] = {g->mode,
                         g->loaded ? (long long)g->rs.phase : -1,
                         g->loaded ? g->rs.position : -1,
                         g->confirm,
                         g->rs.ask_resume,
                         g->selected,
                         g->first,
                         g->nitems,
                         g->menu_gen,
                         g->kv.pin_digits,
                         (long long)(g->kv.volume * 1000),
                         (long long)(uintptr_t)g->kv.voice,
                         g->load_error[0],
                         (long long)text_signature(g->kv.pin_message),
                         g->kv.checking,
                         g->notice[0],
                         g->set_focus,
                         g->set_gen,
                         g->loaded ? g->rs.sound : -1};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        h = (h ^ (unsigned long long)parts[i]) * 1099511628211ull;
    return h;
}

static void loop(win *g)
{
    double next = run_now();
    unsigned long long drawn = 0;
    int had_event = 1;
    while (g->mode != MODE_QUIT && !quit_requested()) {
        SDL_Event e;
        int timeout;
        if (animating(g)) {
            /* rounded up: the last fraction of a millisecond is waited, not spun through
             * with zero timeouts (each one reads the X connection) */
            double wait = next - run_now();
            timeout = wait > 0 ? (int)(wait * 1000.0) + 1 : 0;
        } else {
            /* Nothing moves: wait for input (and look at the device now and then; a kiosk
             * also watches a held corner, its folder and the idle time). */
            timeout = g->mode == MODE_PLAY ? 250 : 1000;
            if (g->k->on)
                timeout = g->down || g->kv.checking ? 100 : 500;
        }
        if (SDL_WaitEventTimeout(&e, timeout)) {
            handle(g, &e);
            while (g->mode != MODE_QUIT && SDL_PollEvent(&e))
                handle(g, &e);
            had_event = 1;
        }
        if (g->mode == MODE_QUIT)
            break;
        if (g->mode == MODE_PLAY) {
            int due = run_digits_due(&g->digits, run_now());
            if (due >= 0)
                run_post_value(g->run, RUN_ANSWER, due);
            run_tick(g->run);
            run_get_state(g->run, &g->rs);
            if (g->rs.phase == RUN_ENDED) {
                g->finished = 1;
                g->end_frames = g->s.t->frames;
                g->mode = MODE_END;
                g->end_at = run_now();
                if (g->host->progress)
                    open_progress(g, 1); /* the journal has the session: how the weeks look now */
            }
        }
        if (g->mode == MODE_PROGRESS && g->progress_until > 0 && run_now() >= g->progress_until)
            close_progress(g, 1);
        if (g->mode == MODE_CHECKIN && run_now() - g->checkin_input >= g->host->checkin_timeout)
            close_checkin(g, CHECKIN_SKIP); /* nobody answered: the sessions */
        if (g->k->on)
            kiosk_tick(g);
        double now = run_now();
        unsigned long long sig = still_signature(g);
        int still_changed = sig != drawn || had_event;
        if ((animating(g) && now >= next) || (!animating(g) && still_changed)) {
            draw(g);
            drawn = sig;
            had_event = 0;
            /* an absolute schedule: frames at t0 + k / FPS, never drifting */
            next += 1.0 / FPS;
            if (next < now - 2.0 / FPS)
                next = now + 1.0 / FPS;
        }
    }
}

int window_run(const window_host *host, const char *path, const window_opts *o)
{
    win g;
    memset(&g, 0, sizeof g);
    g.host = host;
    g.o = o;
    g.k = &o->kiosk;
    g.last_input = run_now();
    g.look.th = o->theme ? o->theme : theme_find("default");
    g.look.reduced_motion = o->reduced_motion;
    g.look.text_scale = o->text_scale;
    g.look.find_draw = o->find_draw;
    g.look.find_ud = o->find_ud;
    g.set = o->settings;
    /* The software renderer: small and quick to start (how it reaches the screen depends on
     * the video driver: fbhint.h). */
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    /* SIGTERM and SIGINT come from the system, never from a patient: they end the program,
     * in kiosk mode too. SDL's own handlers would turn them into a close request, which a
     * kiosk ignores. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS) < 0) {
        fprintf(stderr, "pacer: cannot open a window: %s\n", SDL_GetError());
        return 3;
    }
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, fbhint_for_driver(SDL_GetCurrentVideoDriver()));
    quit_install();
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (o->fullscreen || o->kiosk.on)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    if (o->kiosk.on) {
        /* keyboard shortcuts (Alt+Tab, Alt+F4) come to the kiosk, not the desktop */
        SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
        SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    }
    int ww = o->width > 0 ? o->width : 1280, wh = o->height > 0 ? o->height : 720;
    int wx = SDL_WINDOWPOS_CENTERED, wy = SDL_WINDOWPOS_CENTERED;
    SDL_DisplayMode desk;
    if ((o->fullscreen || o->kiosk.on) && SDL_GetDesktopDisplayMode(0, &desk) == 0) {
        /* the whole screen even where no window manager makes it so (a bare X server) */
        ww = desk.w, wh = desk.h, wx = 0, wy = 0;
    }
    g.w = SDL_CreateWindow("Pacer", wx, wy, ww, wh, flags);
    g.r = g.w ? SDL_CreateRenderer(g.w, -1, SDL_RENDERER_SOFTWARE) : NULL;
    char err[300];
    char assets[4096];
    g.d = g.r ? draw_open(g.r, assets_dir(assets, sizeof assets), err, sizeof err) : NULL;
    if (!g.d) {
        if (g.r)
            fprintf(stderr, "pacer: %s\n", err);
        else
            fprintf(stderr, "pacer: cannot open a window: %s\n", SDL_GetError());
        if (g.r)
            SDL_DestroyRenderer(g.r);
        if (g.w)
            SDL_DestroyWindow(g.w);
        SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
        quit_restore();
        return 3;
    }
    SDL_DisableScreenSaver();
    if (o->kiosk.on) {
        SDL_ShowCursor(SDL_DISABLE);
        SDL_SetWindowKeyboardGrab(g.w, SDL_TRUE);
    }
    draw_message(&g, "Pacer", NULL);

    g.run = run_open(&o->run);
    if (!g.run) {
        fprintf(stderr, "pacer: out of memory\n");
        g.exit_code = 3;
        g.mode = MODE_QUIT;
    } else if (path) {
        g.from_menu = 0;
        if (start_session(&g, path) < 0) {
            fprintf(stderr, "pacer: %s\n", g.notice);
            g.exit_code = 1;
            g.mode = MODE_QUIT;
        }
    } else {
        g.from_menu = 1;
        g.mode = MODE_MENU;
        menu_memory_load(&g);
        menu_reload(&g);
        offer_checkin(&g);
    }
    if (g.k->on)
        g.k->view(g.k->ud, &g.kv);
    loop(&g);
    menu_hush(&g);
    if (g.voice)
        run_close(g.voice);
    unload_session(&g);
    if (g.items)
        host->free_list(host->ud, g.items, g.nitems);
    run_close(g.run);
    layers_free(&g.layers);
    draw_close(g.d);
    SDL_DestroyRenderer(g.r);
    SDL_DestroyWindow(g.w);
    SDL_EnableScreenSaver();
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
    quit_restore();
    return g.exit_code;
}
