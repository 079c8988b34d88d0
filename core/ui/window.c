/* window.c - the window's event loop: menu, player, end screen. */
#include "window.h"

#include <SDL.h>
#include <stdlib.h>
#include <dirent.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include "device.h"
#include "drive.h"
#include "fbhint.h"
#include "layers.h"
#include "player.h"

#define FPS 30.0

/* SIGTERM and SIGINT come from the system (systemd stopping the kiosk, staff at a terminal),
 * never from a patient: they always end the program, in kiosk mode too. SDL's own handlers
 * would turn them into a window-close request, which a kiosk ignores. */
static volatile sig_atomic_t g_signal_quit;
static void on_signal(int sig)
{
    (void)sig;
    g_signal_quit = 1;
}

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

typedef enum { MODE_MENU, MODE_PLAY, MODE_END, MODE_PIN, MODE_STAFF, MODE_QUIT } ui_mode;

#define CURSOR_HIDE_SECONDS 3.0
#define FOLDER_POLL_SECONDS 2.0
#define END_SCREEN_SECONDS 20.0  /* kiosk: the end screen gives way to the menu */
#define PIN_LOCKOUT_SECONDS 30.0 /* after three wrong PINs */

typedef struct win {
    const window_host *host;
    const window_opts *o;
    SDL_Window *w;
    SDL_Renderer *r;
    draw_ctx *d;
    scene_look look;
    audio_device *dev;
    ui_mode mode;
    int exit_code;
    /* menu */
    menu_item *items;
    int nitems, selected, first;
    int menu_gen; /* counts reloads: a reloaded menu is drawn again */
    SDL_Rect rects[256];
    char notice[300];
    int from_menu;
    /* play */
    ui_session s;
    int loaded;
    player p;
    drive dv;
    int confirm;
    scene_hits hits;
    int finished;
    int64_t end_frames;
    char path[4096];      /* the session playing */
    int64_t ask_resume;   /* > 0: the continue-or-start-over question is open */
    double ask_until;     /* it answers itself "continue" then: hands-free */
    /* a press in progress, for taps and swipes */
    int down, down_x, down_y;
    double down_at;
    /* kiosk */
    const window_kiosk *k;
    double last_input, end_at, cursor_at, next_poll, lockout_until;
    int cursor_shown;
    unsigned long long folder_sig;
    char pin[16];
    int npin, pin_failures;
    int pin_checking; /* a PIN is being checked off this thread */
    char pin_msg[160];
    pin_hits ph;
    staff_hits sh;
    double volume;
    int voice_idx;
    char load_error[300]; /* kiosk: a friendly card over the menu */
    /* the playing frame, redrawn only where it changed */
    player_layers layers;
} win;

static void out_size(win *g, int *w, int *h) { SDL_GetRendererOutputSize(g->r, w, h); }

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
}

#define RESUME_ASK_SECONDS 15.0

static void unload_session(win *g)
{
    if (!g->loaded)
        return;
    /* unfinished sessions are not lost (a kiosk's next patient starts afresh) */
    if (!g->k->on && g->host->stopped_at) {
        int done = player_get_state(&g->p) == PLAYER_ENDED;
        g->host->stopped_at(g->host->ud, g->path, done ? -1 : player_frame(&g->p));
    }
    g->ask_resume = 0;
    drive_stop(&g->dv);
    if (!g->dv.dev)
        g->dev = NULL; /* a device lost mid-session was closed by the drive */
    player_free(&g->p);
    g->host->unload(g->host->ud, &g->s);
    g->loaded = 0;
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

static int start_session(win *g, const char *path)
{
    draw_message(g, "Preparing the session", "Getting the voice ready");
    char err[300] = "";
    if (g->host->load(g->host->ud, path, &g->s, err, sizeof err) < 0) {
        snprintf(g->notice, sizeof g->notice, "%s", err[0] ? err : "This session could not be opened.");
        if (g->k->on)
            snprintf(g->load_error, sizeof g->load_error, "%s", g->notice);
        return -1;
    }
    if (player_init(&g->p, g->s.t, g->s.clips, g->s.ambience) < 0) {
        g->host->unload(g->host->ud, &g->s);
        snprintf(g->notice, sizeof g->notice, "Out of memory.");
        return -1;
    }
    g->loaded = 1;
    g->confirm = 0;
    g->notice[0] = 0;
    snprintf(g->path, sizeof g->path, "%s", path);
    g->ask_resume = 0;
    if (!g->k->on && g->host->resume_at) {
        int64_t at = g->host->resume_at(g->host->ud, path, g->s.t);
        if (at > 0) {
            player_start_at(&g->p, at);
            g->ask_resume = at;
            g->ask_until = drive_now() + RESUME_ASK_SECONDS;
        }
    }
    player_set_volume(&g->p, g->volume);
    drive_start(&g->dv, g->dev, &g->p);
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
    g->npin = 0;
    memset(g->pin, 0, sizeof g->pin);
    g->pin_msg[0] = 0;
    g->pin_checking = 0; /* an answer still to come is ignored */
    g->down = 0;
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
    } else {
        g->mode = MODE_QUIT;
    }
}

static int in_rect(SDL_Rect r, int x, int y) { return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h; }

static void open_selected(win *g)
{
    if (g->selected >= 0 && g->selected < g->nitems)
        start_session(g, g->items[g->selected].path);
}

/* Continue from where it stopped, or start over; either way after the get-ready ticks. */
static void answer_resume(win *g, int resume)
{
    if (!resume)
        player_start_at(&g->p, 0);
    g->ask_resume = 0;
    player_send(&g->p, PLAYER_RESUME);
}

/* ---- kiosk: staff PIN and staff screen ---- */
static void pin_tap(win *g, int x, int y)
{
    int key = -1;
    for (int i = 0; i < 13; i++)
        if (in_rect(g->ph.keys[i], x, y))
            key = i;
    if (key < 0)
        return;
    if (key == 12) { /* cancel */
        kiosk_reset(g);
        return;
    }
    if (key == 10) {
        if (g->npin > 0)
            g->pin[--g->npin] = 0;
        return;
    }
    if (key <= 9) {
        if (g->npin < 12)
            g->pin[g->npin++] = (char)('0' + key);
        g->pin[g->npin] = 0;
        return;
    }
    /* OK: the answer comes later, from pin_answer */
    if (g->pin_checking) {
        return;
    } else if (drive_now() < g->lockout_until) {
        snprintf(g->pin_msg, sizeof g->pin_msg, "Too many tries: wait half a minute");
    } else if (!g->k->pin_start) {
        snprintf(g->pin_msg, sizeof g->pin_msg, "No staff PIN is set: see docs/kiosk.md");
    } else {
        g->k->pin_start(g->k->ud, g->pin);
        g->pin_checking = 1;
        snprintf(g->pin_msg, sizeof g->pin_msg, "Checking...");
    }
    memset(g->pin, 0, sizeof g->pin);
    g->npin = 0;
}

/* The PIN checked off the UI thread, once its answer is in. */
static void pin_answer(win *g)
{
    int right = g->pin_checking && g->mode == MODE_PIN ? g->k->pin_poll(g->k->ud) : -1;
    if (right < 0)
        return;
    g->pin_checking = 0;
    g->last_input = drive_now(); /* the idle time runs from the answer: staff need to read it */
    if (right) {
        g->pin_failures = 0;
        g->pin_msg[0] = 0;
        g->mode = MODE_STAFF;
        return;
    }
    g->pin_failures++;
    snprintf(g->pin_msg, sizeof g->pin_msg, "That PIN is not right");
    if (g->pin_failures >= 3) {
        g->lockout_until = drive_now() + PIN_LOCKOUT_SECONDS;
        g->pin_failures = 0;
    }
}

static void staff_tap(win *g, int x, int y)
{
    int b = -1;
    for (int i = 0; i < 6; i++)
        if (in_rect(g->sh.buttons[i], x, y))
            b = i;
    switch (b) {
    case 0:
    case 1:
        g->volume += b == 0 ? -0.1 : 0.1;
        g->volume = g->volume < 0 ? 0 : g->volume > 1 ? 1 : g->volume;
        g->volume = (double)(int)(g->volume * 10 + 0.5) / 10;
        if (g->k->set_volume)
            g->k->set_volume(g->k->ud, g->volume);
        break;
    case 2:
        if (g->k->nvoices > 0) {
            g->voice_idx = (g->voice_idx + 1) % g->k->nvoices;
            if (g->k->set_voice)
                g->k->set_voice(g->k->ud, g->k->voices[g->voice_idx]);
        }
        break;
    case 3: menu_reload(g); break;
    case 4:
        g->exit_code = g->k->exit_status;
        g->mode = MODE_QUIT;
        break;
    case 5: kiosk_reset(g); break;
    default: break;
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

/* ---- input ---- */
static void on_tap(win *g, int x, int y)
{
    switch (g->mode) {
    case MODE_PIN: pin_tap(g, x, y); return;
    case MODE_STAFF: staff_tap(g, x, y); return;
    case MODE_MENU:
        if (g->load_error[0]) {
            g->load_error[0] = 0; /* the card goes away on a tap */
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
        if (g->ask_resume > 0) {
            answer_resume(g, !in_rect(g->hits.restart, x, y));
            return;
        }
        if (g->confirm) {
            if (in_rect(g->hits.leave, x, y))
                leave_session(g);
            else
                g->confirm = 0;
            return;
        }
        player_send(&g->p, PLAYER_TAP);
        break;
    case MODE_END: leave_session(g); break;
    case MODE_QUIT: break;
    }
}

static void on_swipe(win *g, int dir)
{
    if (g->mode == MODE_PLAY && !g->confirm)
        player_send(&g->p, dir > 0 ? PLAYER_NEXT : PLAYER_PREV);
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
    int w, h;
    out_size(g, &w, &h);
    int rows = scene_menu_rows(w, h);
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
    default: return;
    }
    if (g->selected < g->first)
        g->first = g->selected;
    if (g->selected >= g->first + rows)
        g->first = g->selected - rows + 1;
}

static void play_key(win *g, SDL_Keycode k)
{
    if (g->ask_resume > 0) {
        /* any key continues; Backspace or Home starts over */
        answer_resume(g, !(k == SDLK_BACKSPACE || k == SDLK_HOME));
        return;
    }
    if (g->confirm) {
        if (k == SDLK_ESCAPE)
            leave_session(g);
        else
            g->confirm = 0;
        return;
    }
    switch (k) {
    case SDLK_ESCAPE: g->confirm = 1; break;
    case SDLK_RIGHT: player_send(&g->p, PLAYER_NEXT); break;
    case SDLK_LEFT: player_send(&g->p, PLAYER_PREV); break;
    default: player_send(&g->p, PLAYER_TAP); break; /* any key, a clicker's PageUp/PageDown, a switch */
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
    case SDL_MOUSEWHEEL: g->last_input = drive_now(); break;
    case SDL_MOUSEMOTION:
        if (e->motion.which != SDL_TOUCH_MOUSEID && g->k->on) {
            g->cursor_at = drive_now();
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
            break;
        }
        if (g->mode == MODE_MENU && g->load_error[0]) {
            g->load_error[0] = 0;
            break;
        }
        if (g->mode == MODE_MENU)
            menu_key(g, e->key.keysym.sym);
        else if (g->mode == MODE_PLAY)
            play_key(g, e->key.keysym.sym);
        else if (g->mode == MODE_END)
            leave_session(g);
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.which == SDL_TOUCH_MOUSEID)
            break;
        g->down = 1, g->down_x = e->button.x, g->down_y = e->button.y, g->down_at = drive_now();
        break;
    case SDL_MOUSEBUTTONUP:
        if (e->button.which != SDL_TOUCH_MOUSEID)
            on_press_end(g, e->button.x, e->button.y);
        break;
    case SDL_FINGERDOWN:
        out_size(g, &w, &h);
        g->down = 1, g->down_x = (int)(e->tfinger.x * w), g->down_y = (int)(e->tfinger.y * h);
        g->down_at = drive_now();
        break;
    case SDL_FINGERUP:
        out_size(g, &w, &h);
        on_press_end(g, (int)(e->tfinger.x * w), (int)(e->tfinger.y * h));
        break;
    case SDL_MOUSEWHEEL:
        if (g->mode == MODE_MENU)
            on_swipe(g, e->wheel.y < 0 ? +1 : -1);
        break;
    case SDL_WINDOWEVENT:
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        /* resized, exposed, shown again, or the window's pixels lost: the next frame is
         * drawn and pushed whole, not only where it changed */
        layers_invalidate(&g->layers);
        break;
    case SDL_AUDIODEVICEREMOVED:
        if (!e->adevice.iscapture && g->loaded && g->dv.dev)
            device_mark_lost(g->dv.dev);
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

static void draw(win *g)
{
    int w, h;
    out_size(g, &w, &h);
    if (g->mode == MODE_MENU) {
        memset(g->rects, 0, sizeof g->rects);
        scene_menu(g->d, w, h, &g->look, g->items, g->nitems, g->selected, g->first, g->rects);
        if (g->notice[0] && !g->k->on)
            draw_text(g->d, g->notice, h / 28 > 14 ? h / 28 : 14, 0, g->look.th->ring, w / 2, h - h / 12,
                      ALIGN_CENTER, w * 9 / 10);
    } else if (g->mode == MODE_PLAY) {
        view_model v;
        view_at(g->s.t, player_frame(&g->p), &v);
        player_scene ps = {.v = &v,
                           .title = g->s.t->title ? g->s.t->title : "",
                           .state = player_get_state(&g->p),
                           .confirm_exit = g->confirm,
                           .ask_resume = g->ask_resume,
                           .sound = drive_has_sound(&g->dv)};
        if (ps.state == PLAYER_PLAYING && !ps.confirm_exit && ps.ask_resume <= 0) {
            draw_playing(g, w, h, &ps); /* no overlay: the two layers are the frame */
            return;
        }
        scene_player(g->d, w, h, &g->look, &ps, &g->hits);
    } else if (g->mode == MODE_END) {
        scene_end(g->d, w, h, &g->look, g->s.t && g->s.t->title ? g->s.t->title : "", g->end_frames, g->finished);
    } else if (g->mode == MODE_PIN) {
        scene_pin(g->d, w, h, &g->look, g->npin, g->pin_msg, &g->ph);
    } else if (g->mode == MODE_STAFF) {
        const char *voice = g->k->nvoices ? g->k->voices[g->voice_idx] : "";
        char warn[1200];
        const char *probs = g->host->problems ? g->host->problems(g->host->ud) : NULL;
        snprintf(warn, sizeof warn, "%s%s%s", g->k->warning ? g->k->warning : "",
                 g->k->warning && g->k->warning[0] && probs && probs[0] ? "\n" : "", probs ? probs : "");
        scene_staff(g->d, w, h, &g->look, g->volume, voice, warn, g->nitems, &g->sh);
    }
    if (g->mode == MODE_MENU && g->load_error[0])
        scene_notice(g->d, w, h, &g->look, "Sorry, this session could not be opened",
                     "Please choose another one. Staff can see the details on the staff screen.");
    layers_invalidate(&g->layers); /* the window no longer shows the playing frame */
    SDL_RenderPresent(g->r);
}

/* A cheap signature of the sessions folder: names, sizes and times of its entries. */
static unsigned long long folder_signature(const char *dir)
{
    unsigned long long h = 1469598103934665603ull;
    struct stat st;
    if (!dir || stat(dir, &st) != 0)
        return 0;
    h = (h ^ (unsigned long long)st.st_mtime) * 1099511628211ull;
    DIR *d = opendir(dir);
    if (!d)
        return h;
    struct dirent *e;
    char path[4200];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue; /* '..' is the parent folder: its changes are not the menu's */
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0)
            continue;
        unsigned long long x = (unsigned long long)st.st_mtime * 31 + (unsigned long long)st.st_size;
        for (const char *p = e->d_name; *p; p++)
            x = x * 131 + (unsigned char)*p;
        h ^= x; /* order-free */
    }
    closedir(d);
    return h;
}

static void kiosk_tick(win *g)
{
    pin_answer(g);
    double now = drive_now();
    /* the hidden staff gesture: a corner held down */
    if (g->down && (g->mode == MODE_MENU || g->mode == MODE_END) && in_corner(g, g->down_x, g->down_y) &&
        now - g->down_at >= g->k->hold_seconds) {
        g->down = 0; /* the press is used up: no tap on release */
        unload_session(g);
        g->mode = MODE_PIN;
        g->npin = 0;
        g->pin_msg[0] = 0;
        g->last_input = now;
    }
    /* between patients: back to a fresh menu after the idle time, unless a session plays */
    int playing = g->mode == MODE_PLAY && !g->confirm &&
                  (player_get_state(&g->p) == PLAYER_PLAYING || player_get_state(&g->p) == PLAYER_GETREADY);
    int fresh = g->mode == MODE_MENU && g->selected == 0 && g->first == 0 && !g->load_error[0];
    if (!playing && !fresh && !g->pin_checking && now - g->last_input > g->k->idle_seconds)
        kiosk_reset(g);
    if (g->mode == MODE_END && now - g->end_at > END_SCREEN_SECONDS && now - g->last_input > END_SCREEN_SECONDS)
        kiosk_reset(g);
    /* the sessions folder: changes show without a restart */
    if (g->mode == MODE_MENU && now >= g->next_poll) {
        g->next_poll = now + FOLDER_POLL_SECONDS;
        unsigned long long sig = folder_signature(g->k->sessions_dir);
        if (sig != g->folder_sig) {
            g->folder_sig = sig;
            menu_reload(g);
        }
    }
    if (g->cursor_shown && now - g->cursor_at > CURSOR_HIDE_SECONDS) {
        SDL_ShowCursor(SDL_DISABLE);
        g->cursor_shown = 0;
    }
}

static int animating(win *g)
{
    if (g->mode != MODE_PLAY || g->confirm)
        return 0;
    player_state st = player_get_state(&g->p);
    return st == PLAYER_PLAYING || st == PLAYER_GETREADY;
}

/* What a still screen depends on: when it has not changed, it is not drawn again. */
static unsigned long long still_signature(win *g)
{
    unsigned long long h = 1469598103934665603ull;
    long long parts[] = {g->mode,
                         g->loaded ? (long long)player_get_state(&g->p) : -1,
                         g->loaded ? player_frame(&g->p) : -1,
                         g->confirm,
                         g->ask_resume,
                         g->selected,
                         g->first,
                         g->nitems,
                         g->menu_gen,
                         g->npin,
                         (long long)(g->volume * 1000),
                         g->voice_idx,
                         g->load_error[0],
                         g->pin_msg[0],
                         g->pin_checking,
                         g->notice[0],
                         g->loaded ? drive_has_sound(&g->dv) : -1};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        h = (h ^ (unsigned long long)parts[i]) * 1099511628211ull;
    return h;
}

static void loop(win *g)
{
    double next = drive_now();
    unsigned long long drawn = 0;
    int had_event = 1;
    while (g->mode != MODE_QUIT && !g_signal_quit) {
        SDL_Event e;
        int timeout;
        if (animating(g)) {
            /* rounded up: the last fraction of a millisecond is waited, not spun through
             * with zero timeouts (each one reads the X connection) */
            double wait = next - drive_now();
            timeout = wait > 0 ? (int)(wait * 1000.0) + 1 : 0;
        } else {
            /* Nothing moves: wait for input (and look at the device now and then; a kiosk
             * also watches a held corner, its folder and the idle time). */
            timeout = g->mode == MODE_PLAY ? 250 : 1000;
            if (g->k->on)
                timeout = g->down || g->pin_checking ? 100 : 500;
        }
        if (SDL_WaitEventTimeout(&e, timeout)) {
            handle(g, &e);
            while (g->mode != MODE_QUIT && SDL_PollEvent(&e))
                handle(g, &e);
            had_event = 1;
        }
        if (g->mode == MODE_QUIT)
            break;
        if (g->mode == MODE_PLAY && g->ask_resume > 0 && drive_now() >= g->ask_until)
            answer_resume(g, 1); /* hands-free: nobody answered, so continue */
        if (g->mode == MODE_PLAY) {
            drive_tick(&g->dv);
            if (player_get_state(&g->p) == PLAYER_ENDED) {
                g->finished = 1;
                g->end_frames = g->s.t->frames;
                g->mode = MODE_END;
                g->end_at = drive_now();
            }
        }
        if (g->k->on)
            kiosk_tick(g);
        double now = drive_now();
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
    g.volume = o->volume > 0 || o->kiosk.on ? o->volume : 1.0;
    g.last_input = drive_now();
    g.look.th = theme_find(o->theme);
    g.look.reduced_motion = o->reduced_motion;
    g.look.find_draw = o->find_draw;
    g.look.find_ud = o->find_ud;
    if (!g.look.th) {
        fprintf(stderr, "pacer: unknown theme '%s'; themes: %s\n", o->theme, theme_names());
        return 2;
    }
    /* The software renderer: small and quick to start (how it reaches the screen depends on
     * the video driver: fbhint.h). */
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    g_signal_quit = 0;
    struct sigaction sa = {0}, old_int, old_term;
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS) < 0) {
        fprintf(stderr, "pacer: cannot open a window: %s\n", SDL_GetError());
        return 3;
    }
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, fbhint_for_driver(SDL_GetCurrentVideoDriver()));
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
    g.d = g.r ? draw_open(g.r, assets_dir(), err, sizeof err) : NULL;
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
        return 3;
    }
    SDL_DisableScreenSaver();
    if (o->kiosk.on) {
        SDL_ShowCursor(SDL_DISABLE);
        SDL_SetWindowKeyboardGrab(g.w, SDL_TRUE);
    }
    draw_message(&g, "Pacer", NULL);

    if (!o->no_audio) {
        g.dev = device_open(o->buffer > 0 ? o->buffer : 512, err, sizeof err);
        if (!g.dev)
            fprintf(stderr, "pacer: %s; playing without sound, paced by the system clock\n", err);
    }
    if (path) {
        g.from_menu = 0;
        if (start_session(&g, path) < 0) {
            fprintf(stderr, "pacer: %s\n", g.notice);
            g.exit_code = 1;
            g.mode = MODE_QUIT;
        }
    } else {
        g.from_menu = 1;
        g.mode = MODE_MENU;
        menu_reload(&g);
        g.folder_sig = folder_signature(o->kiosk.sessions_dir);
    }
    loop(&g);
    unload_session(&g);
    if (g.items)
        host->free_list(host->ud, g.items, g.nitems);
    device_close(g.dev);
    layers_free(&g.layers);
    draw_close(g.d);
    SDL_DestroyRenderer(g.r);
    SDL_DestroyWindow(g.w);
    SDL_EnableScreenSaver();
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    return g.exit_code;
}
