/* scene.c - layouts that scale with the window, landscape or portrait. */
#include "scene.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

static int imin(int a, int b) { return a < b ? a : b; }
static int imax(int a, int b) { return a > b ? a : b; }

double scene_breath_scale(const view_model *v)
{
    double p = v->phase_progress < 0 ? 0 : v->phase_progress > 1 ? 1 : v->phase_progress;
    double ease = 0.5 - 0.5 * cos(3.141592653589793 * p);
    switch (v->phase_kind) {
    case PACER_PHASE_INHALE: return ease;
    case PACER_PHASE_HOLD_IN: return 1.0;
    case PACER_PHASE_EXHALE: return 1.0 - ease;
    case PACER_PHASE_HOLD_OUT: return 0.0;
    case PACER_PHASE_HOLD:
    case PACER_PHASE_REST: return 0.5;
    default: return 0.3;
    }
}

static int portrait(int w, int h) { return h > w; }

float scene_circle_radius(int w, int h, double s)
{
    float rmax = portrait(w, h) ? fminf(0.36f * w, 0.18f * h) : fminf(0.28f * h, 0.2f * w);
    float rmin = 0.38f * rmax;
    return rmin + (float)s * (rmax - rmin);
}

void scene_circle_center(int w, int h, float *cx, float *cy)
{
    if (portrait(w, h)) {
        *cx = 0.5f * w;
        *cy = 0.30f * h; /* clear of the title line above the ring */
    } else {
        *cx = 0.29f * w;
        *cy = 0.42f * h;
    }
}

static double text_k(const scene_look *look) { return look->text_scale > 0 ? look->text_scale : 1.0; }
static int scaled(int px, double k) { return (int)lround(px * k); }

/* The clock line under the caption band, and the bar under it. */
static int clock_px(int h, double k) { return scaled(imax(14, h / 32), k); }
static int bar_h(int h) { return imax(6, h / 90); }
/* Where the caption band ends: above the clock line. */
static int band_bottom(int w, int h, double k)
{
    (void)w;
    int m = imax(12, h / 30), px = clock_px(h, k);
    return h - m - bar_h(h) - px - m / 2;
}

/* Places one text: its box from the size it is drawn at. Returns its height. */
static int put(draw_ctx *d, scene_text *t, const char *s, int px, int bold, int x, int y, text_align al, int wrap,
               rgb fg, rgb bg)
{
    int tw = 0, tht = 0;
    if (s && *s)
        draw_text_size(d, s, px, bold, wrap, &tw, &tht);
    int bx = al == ALIGN_CENTER ? x - tw / 2 : al == ALIGN_RIGHT ? x - tw : x;
    *t = (scene_text){s && *s ? s : NULL, px, bold, x, y, al, wrap, fg, bg, {bx, y, tw, tht}};
    return tht;
}

static void draw_t(draw_ctx *d, const scene_text *t)
{
    if (t->s)
        draw_text(d, t->s, t->px, t->bold, t->fg, t->x, t->y, t->align, t->wrap);
}

/* The side, set and rep on one line when it fits, else one to a line (never broken inside
 * "Rep 2 of 4"). */
static void status_text(draw_ctx *d, const view_model *v, int px, int max_w, char *out, size_t n)
{
    const char *parts[] = {v->side, v->set, v->rep};
    for (int pass = 0; pass < 2; pass++) {
        out[0] = 0;
        for (int i = 0; i < 3; i++) {
            if (!parts[i][0])
                continue;
            size_t len = strlen(out);
            snprintf(out + len, n - len, "%s%s", !len ? "" : pass ? "\n" : "  \xC2\xB7  ", parts[i]);
        }
        int tw, tht;
        draw_text_size(d, out, px, 0, 0, &tw, &tht);
        if (tw <= max_w)
            return;
    }
}

/* The seconds left: big inside the circle (dark on the light circle), or above the bar with
 * reduced motion; as large as the smallest circle holds. */
static void number_layout(draw_ctx *d, int w, int h, const scene_look *look, const view_model *v, double k,
                          player_layout *L)
{
    if (v->seconds_left <= 0)
        return;
    const theme *th = look->th;
    float cx, cy, rmax = scene_circle_radius(w, h, 1), rmin = scene_circle_radius(w, h, 0);
    scene_circle_center(w, h, &cx, &cy);
    snprintf(L->number, sizeof L->number, "%d", v->seconds_left);
    if (look->reduced_motion) {
        int px = (int)(rmin * 1.25f * (float)k);
        put(d, &L->t[PT_NUMBER], L->number, px, 1, (int)cx, (int)(cy - 0.25f * rmax - px), ALIGN_CENTER, 0, th->text,
            th->bg);
        return;
    }
    int px = (int)(rmin * fminf(1.25f * (float)k, 1.4f)), tw, tht;
    draw_text_size(d, L->number, px, 1, 0, &tw, &tht);
    put(d, &L->t[PT_NUMBER], L->number, px, 1, (int)cx, (int)(cy - tht / 2), ALIGN_CENTER, 0, th->bg, th->accent);
}

/* The texts of the moving layer, which change every second: the seconds left (a plugin's
 * visual draws its own) and the clock, elapsed at the left, what is left at the right. */
static void moving_layout(draw_ctx *d, int w, int h, const scene_look *look, const player_scene *ps,
                          player_layout *L)
{
    const theme *th = look->th;
    const view_model *v = ps->v;
    double k = text_k(look);
    if (!(look->find_draw && v->step_type && look->find_draw(look->find_ud, v->step_type)))
        number_layout(d, w, h, look, v, k, L);
    int m = imax(12, h / 30), cpx = clock_px(h, k), cy = h - m - bar_h(h) - cpx - cpx / 3;
    char buf[32];
    format_time(v->elapsed, 0, L->elapsed, sizeof L->elapsed);
    snprintf(L->left, sizeof L->left, _("%s left"), format_time(v->total - v->elapsed, 0, buf, sizeof buf));
    put(d, &L->t[PT_ELAPSED], L->elapsed, cpx, 0, m, cy, ALIGN_LEFT, 0, th->muted, th->bg);
    put(d, &L->t[PT_LEFT], L->left, cpx, 0, w - m, cy, ALIGN_RIGHT, 0, th->muted, th->bg);
}

/* How far down the breathing visual can reach during the phase shown (the circle at its
 * largest in this phase, the hold ring, the reduced-motion bar, a plugin's square). */
static float visual_bottom(int w, int h, const scene_look *look, const view_model *v, int hook)
{
    float cx, cy, rmax = scene_circle_radius(w, h, 1), rmin = scene_circle_radius(w, h, 0);
    scene_circle_center(w, h, &cx, &cy);
    if (hook)
        return cy + rmax * 1.12f;
    if (look->reduced_motion)
        return cy + 0.2f * rmax + 0.45f * rmin * (1 + 1 / 3.0f + 1 / 4.0f) + 2;
    switch (v->phase_kind) {
    case PACER_PHASE_INHALE:
    case PACER_PHASE_EXHALE: return cy + rmax + 2;
    case PACER_PHASE_HOLD_IN:
    case PACER_PHASE_HOLD_OUT:
    case PACER_PHASE_HOLD:
    case PACER_PHASE_REST:
    case PACER_PHASE_READY: return cy + 1.09f * rmax + fmaxf(4.0f, 0.05f * rmax) / 2 + 2;
    default: return cy + scene_circle_radius(w, h, scene_breath_scale(v)) + 2;
    }
}

void scene_player_layout(draw_ctx *d, int w, int h, const scene_look *look, const player_scene *ps, player_layout *L)
{
    const theme *th = look->th;
    const view_model *v = ps->v;
    memset(L, 0, sizeof *L);
    double k = text_k(look);
    int m = imax(12, h / 30), S = imin(w, h), por = portrait(w, h);
    float ccx, ccy, rmax = scene_circle_radius(w, h, 1);
    scene_circle_center(w, h, &ccx, &ccy);

    /* the title and the no-sound notice: small, at the top */
    int small = scaled(imax(14, h / 32), k), wrap;
    int tpx = draw_fit_size(d, ps->title, small, 0, por ? w - 2 * m : w / 2 - 2 * m, &wrap);
    int title_h = put(d, &L->t[PT_TITLE], ps->title, tpx, 0, m, m, ALIGN_LEFT, wrap, th->muted, th->bg);
    if (!ps->sound)
        put(d, &L->t[PT_NOTICE], _("No sound: follow the captions"), small, 0, w - m, por ? m + title_h : m, ALIGN_RIGHT,
            0, th->muted, th->bg);

    /* the column: the phase word, the side and rep line, the card; smaller only when it
     * would not fit above the caption band */
    const char *words = ps->asks                                       ? _("Your pain?")
                        : ps->yesno && v->st.phase && v->st.phase->text ? v->st.phase->text
                        : v->waiting                                    ? _("Tap when you are ready")
                                                                        : v->phase_words;
    int bb = band_bottom(w, h, k), min_band = por ? h / 9 : h / 6;
    int speaking = v->caption && *v->caption;
    int limit = bb - m / 2 - (speaking ? min_band : 0); /* room for the caption band while it shows */
    int col_x = por ? m : (int)(0.52f * w), col_w = por ? w - 2 * m : w - (int)(0.52f * w) - m;
    int x = por ? w / 2 : col_x;
    text_align al = por ? ALIGN_CENTER : ALIGN_LEFT;
    int y0 = por ? (int)(ccy + rmax * 1.15f) + m : (int)(0.12f * h), y = y0;
    int above_card = y0; /* where the column ends without the card */
    for (int tries = 0; tries < 14; tries++) {
        /* the card gives way first (to 60 %), then everything by tenths */
        double kc = k * pow(0.9, tries > 3 ? tries - 3 : 0), kcard = kc * pow(0.85, tries < 3 ? tries : 3);
        int big = scaled(imax(24, S / 10), kc);
        int spx = scaled(imax(16, S * 9 / 125), kc), cpx = scaled(imax(14, S / (por ? 28 : 26)), kcard);
        y = y0;
        y += put(d, &L->t[PT_WORDS], words, big, 1, x, y, al, col_w, th->text, th->bg);
        y += m / 2;
        status_text(d, v, spx, col_w, L->status, sizeof L->status);
        y += put(d, &L->t[PT_STATUS], L->status, spx, 0, x, y, al, col_w, th->text, th->bg);
        above_card = y;
        y += por ? m / 2 : m;
        y += put(d, &L->t[PT_CARD], v->card, cpx, 0, x, y, al, col_w, th->muted, th->bg);
        if (y <= limit)
            break;
        if (speaking && above_card <= limit) {
            /* what is said comes first: the card makes room for the caption */
            L->t[PT_CARD].s = NULL;
            y = above_card;
            break;
        }
    }

    /* the caption band, only while something is spoken: as tall as the caption needs, from
     * below the column (and the breathing visual in landscape) to the clock line */
    pacer_draw_fn hook = look->find_draw && v->step_type ? look->find_draw(look->find_ud, v->step_type) : NULL;
    if (speaking) {
        int bw = w - 2 * m, tw = bw - 2 * m;
        int cpx = scaled(imax(16, S * 3 / 50), k), cw, cht;
        draw_text_size(d, v->caption, cpx, 0, tw, &cw, &cht);
        int floor_y = por ? 0 : (int)visual_bottom(w, h, look, v, hook != NULL) + m / 4;
        int top = imax(y + m / 2, floor_y);
        int without_card = imax(above_card + m / 2, floor_y);
        if (L->t[PT_CARD].s && cht + m > bb - top && without_card < top) {
            /* what is said comes first: the card makes room for a long caption */
            L->t[PT_CARD].s = NULL;
            top = without_card;
        }
        int avail = imax(bb - top, 2 * m);
        while (cht + m > avail && cpx > 12) {
            cpx = cpx * 9 / 10;
            draw_text_size(d, v->caption, cpx, 0, tw, &cw, &cht);
        }
        int band_h = imax(cht + m, imin(min_band, avail));
        L->band = (SDL_Rect){m, bb - band_h, bw, band_h};
        put(d, &L->t[PT_CAPTION], v->caption, cpx, 0, w / 2, L->band.y + (band_h - cht) / 2, ALIGN_CENTER, tw,
            th->text, th->panel);
    }

    moving_layout(d, w, h, look, ps, L);
}

static void draw_breath(draw_ctx *d, int w, int h, const scene_look *look, const view_model *v,
                        const scene_text *number)
{
    const theme *th = look->th;
    float cx, cy;
    scene_circle_center(w, h, &cx, &cy);
    double s = scene_breath_scale(v);
    float rmax = scene_circle_radius(w, h, 1), rmin = scene_circle_radius(w, h, 0);
    int ring = v->phase_kind == PACER_PHASE_HOLD || v->phase_kind == PACER_PHASE_REST ||
               v->phase_kind == PACER_PHASE_HOLD_IN || v->phase_kind == PACER_PHASE_HOLD_OUT ||
               v->phase_kind == PACER_PHASE_READY;
    if (look->reduced_motion) {
        /* A bar that fills on the inhale and empties on the exhale: no movement but its edge. */
        int bw = (int)(2 * rmax), bh = (int)(0.45f * rmin);
        SDL_Rect track = {(int)(cx - rmax), (int)(cy + 0.2f * rmax), bw, bh};
        draw_round_rect(d, track, bh / 2, th->track);
        int fill = (int)(bw * s);
        if (fill > bh)
            draw_round_rect(d, (SDL_Rect){track.x, track.y, fill, bh}, bh / 2, th->accent);
        if (ring)
            draw_round_rect(d, (SDL_Rect){track.x, track.y + bh + bh / 3, (int)(bw * (1 - v->phase_progress)), bh / 4},
                            bh / 8, th->ring);
        draw_t(d, number);
        return;
    }
    float ring_r = rmax + 0.09f * rmax, ring_t = fmaxf(4.0f, 0.05f * rmax);
    if (ring) {
        draw_arc(d, cx, cy, ring_r, ring_t, 1.0f, th->track);
        draw_arc(d, cx, cy, ring_r, ring_t, (float)(1.0 - v->phase_progress), th->ring);
    }
    draw_disc(d, cx, cy, scene_circle_radius(w, h, s), th->accent);
    draw_t(d, number);
}

static void draw_progress(draw_ctx *d, int w, int h, const theme *th, const view_model *v, const player_layout *L)
{
    int m = imax(12, h / 30);
    int bh = bar_h(h), y = h - m - bh;
    SDL_Rect track = {m, y, w - 2 * m, bh};
    draw_round_rect(d, track, bh / 2, th->track);
    double f = v->total > 0 ? (double)v->elapsed / (double)v->total : 1.0;
    if (f > 0)
        draw_round_rect(d, (SDL_Rect){m, y, imax(bh, (int)(track.w * f)), bh}, bh / 2, th->accent);
    draw_t(d, &L->t[PT_ELAPSED]);
    draw_t(d, &L->t[PT_LEFT]);
}

static void overlay(draw_ctx *d, int w, int h, const theme *th, double k, const char *big, const char *small)
{
    SDL_Renderer *r = draw_renderer(d);
    SDL_SetRenderDrawColor(r, th->bg.r, th->bg.g, th->bg.b, 225);
    SDL_RenderFillRect(r, &(SDL_Rect){0, 0, w, h});
    int px = scaled(imax(24, imin(w, h) / 8), k), tw, tht;
    draw_text_size(d, big, px, 1, 0, &tw, &tht);
    while (tw > w * 9 / 10 && px > 16) { /* one line that fits the width */
        px = px * 9 / 10;
        draw_text_size(d, big, px, 1, 0, &tw, &tht);
    }
    draw_text(d, big, px, 1, th->text, w / 2, h / 2 - px, ALIGN_CENTER, 0);
    if (small)
        draw_text(d, small, imax(16, px / 3), 0, th->muted, w / 2, h / 2 + px / 3, ALIGN_CENTER, w * 9 / 10);
}

void scene_button(draw_ctx *d, SDL_Rect r, const theme *th, const char *label, int primary)
{
    draw_round_rect(d, r, r.h / 4, primary ? th->accent : th->panel);
    int px = r.h * 2 / 5;
    draw_text(d, label, px, 1, primary ? th->bg : th->text, r.x + r.w / 2, r.y + (r.h - px * 6 / 5) / 2, ALIGN_CENTER,
              0);
}

void scene_menu_buttons(draw_ctx *d, int w, int h, const scene_look *look, const char *const *labels, int n,
                        SDL_Rect *out)
{
    if (n <= 0)
        return;
    int top = imax(48, h / 7), m = imax(12, h / 40), free_h = h - scene_menu_bottom(w, h);
    int below = h > w && free_h >= 48 + m;
    int bh = below ? imin(free_h - m, 96) : imax(48, top - 2 * m);
    int bw = below ? (w - (n + 1) * m) / n : imax(bh * 2, imin(w / (n > 2 ? 7 : 6), bh * 4));
    int y = below ? h - m - bh : (top - bh) / 2;
    for (int i = n - 1, x = w - m - bw; i >= 0; i--, x -= bw + m) {
        out[i] = (SDL_Rect){x, y, bw, bh};
        draw_round_rect(d, out[i], bh / 4, look->th->panel);
        int px = imin(bh * 2 / 5, 36);
        draw_text_fit(d, labels[i], px, 1, look->th->text, x + bw / 2, y + (bh - px * 6 / 5) / 2, ALIGN_CENTER,
                      bw - bh / 4);
    }
}

void scene_answer_rects(int w, int h, SDL_Rect out[11])
{
    int m = imax(12, h / 30), gap = imax(6, m / 2);
    int bw = (w - 2 * m - 10 * gap) / 11, bh = imax(56, imin(h / 8, bw * 3 / 2));
    for (int i = 0; i < 11; i++)
        out[i] = (SDL_Rect){m + i * (bw + gap), h * 3 / 5, bw, bh};
}

/* A rating question: 11 large buttons, 0 (no pain) to 10 (the worst). */
static void draw_answers(draw_ctx *d, int w, int h, const theme *th)
{
    SDL_Rect r[11];
    scene_answer_rects(w, h, r);
    for (int i = 0; i < 11; i++) {
        char label[4];
        snprintf(label, sizeof label, "%d", i);
        scene_button(d, r[i], th, label, 0);
    }
}

void scene_yesno_rects(int w, int h, SDL_Rect out[2])
{
    /* the rating buttons' band, below the card and above the caption */
    int m = imax(12, h / 30);
    int bw = (w - 3 * m) / 2, bh = imax(56, h / 9);
    out[0] = (SDL_Rect){m, h * 3 / 5 + m / 2, bw, bh};
    out[1] = (SDL_Rect){2 * m + bw, h * 3 / 5 + m / 2, bw, bh};
}

/* A yes/no question: two large buttons, the same weight (neither is the one to take). */
static void draw_yesno(draw_ctx *d, int w, int h, const theme *th)
{
    SDL_Rect r[2];
    scene_yesno_rects(w, h, r);
    scene_button(d, r[0], th, _("Yes"), 0);
    scene_button(d, r[1], th, _("No"), 0);
}

/* The still layer: what changes only when the phase, the step or a caption does. */
void scene_player_still(draw_ctx *d, int w, int h, const scene_look *look, const player_scene *ps)
{
    const theme *th = look->th;
    player_layout L;
    scene_player_layout(d, w, h, look, ps, &L);
    draw_fill(d, th->bg);
    for (int i = PT_TITLE; i <= PT_CARD; i++)
        draw_t(d, &L.t[i]);
    if (L.band.w) {
        draw_round_rect(d, L.band, imin(24, L.band.h / 4), th->panel);
        draw_t(d, &L.t[PT_CAPTION]);
    }
}

unsigned long long scene_still_signature(int w, int h, const scene_look *look, const player_scene *ps)
{
    const view_model *v = ps->v;
    unsigned long long x = 1469598103934665603ull;
    /* the texts are the timeline's own strings: the same pointer is the same text */
    const void *ptrs[] = {look->th, ps->title, v->phase_words, v->card, v->caption};
    for (size_t i = 0; i < sizeof ptrs / sizeof ptrs[0]; i++)
        x = (x ^ (unsigned long long)(uintptr_t)ptrs[i]) * 1099511628211ull;
    long long nums[] = {w, h, v->waiting, ps->sound, look->reduced_motion, ps->asks, ps->yesno,
                        (long long)(text_k(look) * 1000)};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
        x = (x ^ (unsigned long long)nums[i]) * 1099511628211ull;
    for (const char *p = v->side; *p; p++)
        x = (x ^ (unsigned char)*p) * 1099511628211ull;
    for (const char *p = v->set; *p; p++)
        x = (x ^ (unsigned char)*p) * 1099511628211ull;
    for (const char *p = v->rep; *p; p++)
        x = (x ^ (unsigned char)*p) * 1099511628211ull;
    return x;
}

/* The moving layer: the breathing visual (or a plugin's), the countdown, the progress. */
void scene_player_moving(draw_ctx *d, int w, int h, const scene_look *look, const player_scene *ps)
{
    const theme *th = look->th;
    const view_model *v = ps->v;
    player_layout L;
    memset(&L, 0, sizeof L);
    moving_layout(d, w, h, look, ps, &L);
    pacer_draw_fn hook = look->find_draw && v->step_type ? look->find_draw(look->find_ud, v->step_type) : NULL;
    if (hook) {
        float cx, cy, r = scene_circle_radius(w, h, 1) * 1.12f;
        scene_circle_center(w, h, &cx, &cy);
        const tl_event *p = v->st.phase;
        pacer_draw_state st = {sizeof st, cx - r, cy - r, 2 * r, 2 * r,
                               (pacer_phase)v->phase_kind, v->phase_progress,
                               p ? (double)p->len / PACER_RATE : 0, v->seconds_left,
                               p ? p->rep : 0, p ? p->reps : 0, v->step_seconds, v->step_length,
                               look->reduced_motion, p ? p->text : NULL};
        scene_plugin_draw(d, th, hook, &st);
    } else {
        draw_breath(d, w, h, look, v, &L.t[PT_NUMBER]);
    }
    /* over the visual, which they may cross on a small screen */
    if (ps->asks)
        draw_answers(d, w, h, th);
    if (ps->yesno)
        draw_yesno(d, w, h, th);
    draw_progress(d, w, h, th, v, &L);
}

/* A question over the screen with two big buttons, the first the one to take (it is filled). */
static void question(draw_ctx *d, int w, int h, const theme *th, double k, const char *big, const char *small,
                     const char *yes, const char *no, SDL_Rect *yes_at, SDL_Rect *no_at)
{
    int m = imax(12, h / 30);
    overlay(d, w, h, th, k, big, small);
    int bw = imax(200, imin(w, h) / 3), bh = imax(72, h / 9);
    SDL_Rect a = {w / 2 - bw - m / 2, h / 2 + h / 8, bw, bh}, b = {w / 2 + m / 2, h / 2 + h / 8, bw, bh};
    scene_button(d, a, th, yes, 1);
    scene_button(d, b, th, no, 0);
    if (yes_at)
        *yes_at = a;
    if (no_at)
        *no_at = b;
}

void scene_player(draw_ctx *d, int w, int h, const scene_look *look, const player_scene *ps, scene_hits *hits)
{
    const theme *th = look->th;
    double k = text_k(look);
    scene_player_still(d, w, h, look, ps);
    scene_player_moving(d, w, h, look, ps);

    if (ps->state == RUN_PAUSED && ps->ask_resume <= 0 && !ps->confirm_exit)
        overlay(d, w, h, th, k, _("Paused"), _("Tap or press any key to go on"));
    else if (ps->state == RUN_GETREADY)
        overlay(d, w, h, th, k, _("Get ready"), NULL);
    if (ps->ask_resume > 0) {
        char when[32], line[96];
        snprintf(line, sizeof line, _("From %s, the step you stopped in last time"),
                 format_time(ps->ask_resume, 0, when, sizeof when));
        question(d, w, h, th, k, _("Continue where you left off?"), line, _("Continue"), _("Start over"),
                 hits ? &hits->resume : NULL, hits ? &hits->restart : NULL);
    }
    if (ps->confirm_exit)
        question(d, w, h, th, k, _("Leave this session?"), _("Press Escape again to leave"), _("Stay"), _("Leave"),
                 hits ? &hits->stay : NULL, hits ? &hits->leave : NULL);
}

void scene_end(draw_ctx *d, int w, int h, const scene_look *look, const char *title, int64_t frames, int finished)
{
    const theme *th = look->th;
    draw_fill(d, th->bg);
    int px = scaled(imax(28, imin(w, h) / 7), text_k(look)), m = imax(12, h / 30);
    int y = h / 4;
    y += draw_text(d, finished ? _("Well done") : _("Session stopped"), px, 1, th->text, w / 2, y, ALIGN_CENTER, w - 2 * m);
    y += m;
    char len[32], line[256];
    snprintf(line, sizeof line, "%s: %s", title, format_time(frames, 0, len, sizeof len));
    y += draw_text(d, line, imax(16, px / 2), 0, th->text, w / 2, y, ALIGN_CENTER, w - 2 * m);
    y += m;
    draw_text(d, _("Tap or press any key to close"), imax(14, px / 3), 0, th->muted, w / 2, y, ALIGN_CENTER, w - 2 * m);
}

/* The line under the cards: how to start, and how many more sessions lie below. */
static int menu_footer_h(int w, int h) { return imax(32, imin(w, h) / 16); }

int scene_menu_rows(int w, int h)
{
    int card_h = imax(96, (portrait(w, h) ? w : h) / 6);
    int top = imax(48, h / 7);
    return imax(1, (h - top - menu_footer_h(w, h)) / (card_h + card_h / 6));
}

int scene_menu_bottom(int w, int h)
{
    int card_h = imax(96, (portrait(w, h) ? w : h) / 6);
    return imax(48, h / 7) + scene_menu_rows(w, h) * (card_h + card_h / 6) + menu_footer_h(w, h);
}

/* Under the last card: "Tap a session or press Enter to start" at the left, and while more
 * sessions lie below, "3 more below" with an arrow at the right. */
static void menu_footer(draw_ctx *d, int w, int h, const scene_look *look, int y, int below)
{
    const theme *th = look->th;
    int m = imax(16, h / 30), fh = menu_footer_h(w, h), px = scaled(fh * 3 / 5, text_k(look));
    char more[96] = "", words[80];
    int mw = 0, mh;
    if (below > 0) {
        snprintf(words, sizeof words, P_("%d more below", "%d more below", below), below);
        snprintf(more, sizeof more, "%s \xE2\x96\xBC", words);
        draw_text_size(d, more, px, 1, 0, &mw, &mh);
        draw_text(d, more, px, 1, th->text, w - m, y, ALIGN_RIGHT, 0);
    }
    draw_text_fit(d, _("Tap a session or press Enter to start"), px, 0, th->muted, m, y, ALIGN_LEFT,
                  w - 2 * m - mw - (mw ? m : 0));
}

int scene_menu(draw_ctx *d, int w, int h, const scene_look *look, const menu_item *items, int n, int selected,
               int first, SDL_Rect *rects)
{
    const theme *th = look->th;
    draw_fill(d, th->bg);
    int m = imax(16, h / 30);
    int card_h = imax(96, (portrait(w, h) ? w : h) / 6);
    int gap = card_h / 6;
    int top = imax(48, h / 7);
    draw_text_fit(d, _("Choose a session"), imax(24, imin(top / 2, w / 12)), 1, th->text, m, (top - top / 2) / 2,
                  ALIGN_LEFT, w - 2 * m);
    if (n == 0) {
        draw_text(d, _("No sessions found"), imax(18, card_h / 4), 0, th->muted, w / 2, h / 2, ALIGN_CENTER, w - 2 * m);
        return 0;
    }
    int rows = scene_menu_rows(w, h), drawn = 0;
    double k = text_k(look);
    for (int i = first; i < n && drawn < rows; i++, drawn++) {
        SDL_Rect r = {m, top + drawn * (card_h + gap), w - 2 * m, card_h};
        rects[i] = r;
        if (i == selected)
            draw_round_rect(d, (SDL_Rect){r.x - 4, r.y - 4, r.w + 8, r.h + 8}, card_h / 5, th->accent);
        draw_round_rect(d, r, card_h / 6, th->panel);
        int tpx = scaled(imax(18, card_h / 4), k), spx = scaled(imax(14, card_h / 6), k);
        int lw = 0, lh;
        char len[32] = "";
        if (items[i].minutes > 0) {
            /* TRANSLATORS: a session's length on its menu card, in minutes */
            snprintf(len, sizeof len, _("%d min"), items[i].minutes);
            draw_text_size(d, len, tpx, 0, 0, &lw, &lh);
            draw_text(d, len, tpx, 0, th->text, r.x + r.w - m, r.y + card_h / 6, ALIGN_RIGHT, 0);
        }
        draw_text_fit(d, items[i].title, tpx, 1, th->text, r.x + m, r.y + card_h / 6, ALIGN_LEFT, r.w - 3 * m - lw);
        draw_text_fit(d, items[i].summary, spx, 0, th->muted, r.x + m, r.y + card_h / 6 + tpx * 3 / 2, ALIGN_LEFT,
                      r.w - 2 * m);
    }
    menu_footer(d, w, h, look, top + drawn * (card_h + gap), n - first - drawn);
    return drawn;
}

void scene_pin(draw_ctx *d, int w, int h, const scene_look *look, int ndigits, const char *message, pin_hits *hits)
{
    const theme *th = look->th;
    draw_fill(d, th->bg);
    int m = imax(12, h / 40);
    int key = imax(64, imin(w / 5, h / 7)); /* at least 64 px: well over 48 at 1080p */
    int gridw = 3 * key + 2 * m;
    int x0 = (w - gridw) / 2, y0 = h / 2 - 2 * key - m;
    int px = imax(18, key / 3);
    draw_text(d, _("Staff PIN"), px, 1, th->text, w / 2, imax(m, y0 - 3 * px), ALIGN_CENTER, 0);
    char dots[16 * 4 + 1] = ""; /* 4 bytes a digit ("\xE2\x97\x8F "), at most 12 digits */
    for (int i = 0; i < ndigits && i < 12; i++)
        memcpy(dots + 4 * i, "\xE2\x97\x8F ", 5);
    /* the message (a wrong PIN) stands where the prompt was: always on screen */
    if (message && *message)
        draw_text_fit(d, message, px * 3 / 4, 0, th->ring, w / 2, imax(m, y0 - 3 * px / 2), ALIGN_CENTER, w - 2 * m);
    else
        draw_text(d, ndigits ? dots : _("Enter the PIN"), px, 0, ndigits ? th->text : th->muted, w / 2,
                  imax(m, y0 - 3 * px / 2), ALIGN_CENTER, 0);
    static const char *const labels[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", N_("Delete"), "0", N_("OK")};
    static const int ids[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 11};
    for (int i = 0; i < 12; i++) {
        SDL_Rect r = {x0 + (i % 3) * (key + m), y0 + (i / 3) * (key + m), key, key};
        draw_round_rect(d, r, key / 6, ids[i] == 11 ? th->accent : th->panel);
        int lp = ids[i] >= 10 ? px * 3 / 4 : px;
        draw_text(d, _(labels[i]), lp, 1, ids[i] == 11 ? th->bg : th->text, r.x + key / 2, r.y + (key - lp * 6 / 5) / 2,
                  ALIGN_CENTER, 0);
        if (hits)
            hits->keys[ids[i]] = r;
    }
    SDL_Rect cancel = {w / 2 - key, y0 + 4 * (key + m), 2 * key, key * 3 / 4};
    draw_round_rect(d, cancel, key / 6, th->panel);
    draw_text(d, _("Cancel"), px * 3 / 4, 1, th->text, w / 2, cancel.y + (cancel.h - px) / 2, ALIGN_CENTER, 0);
    if (hits)
        hits->keys[12] = cancel;
}

static void staff_button(draw_ctx *d, SDL_Rect r, const theme *th, const char *label, int primary)
{
    draw_round_rect(d, r, r.h / 5, primary ? th->accent : th->panel);
    int px = imax(16, r.h * 2 / 5);
    draw_text(d, label, px, 1, primary ? th->bg : th->text, r.x + r.w / 2, r.y + (r.h - px * 6 / 5) / 2, ALIGN_CENTER,
              r.w - 8);
}

void scene_staff(draw_ctx *d, int w, int h, const scene_look *look, double volume, const char *voice,
                 const char *warning, int nsessions, staff_hits *hits)
{
    const theme *th = look->th;
    draw_fill(d, th->bg);
    int m = imax(12, h / 30), bh = imax(72, h / 9), bw = imin(w - 2 * m, imax(320, w / 2));
    int x = (w - bw) / 2, y = m;
    int px = imax(20, bh / 2);
    y += draw_text(d, _("Staff"), px, 1, th->text, w / 2, y, ALIGN_CENTER, 0) + m / 2;
    char line[160];
    snprintf(line, sizeof line, P_("%d session in the folder", "%d sessions in the folder", nsessions), nsessions);
    y += draw_text(d, line, imax(14, px / 2), 0, th->muted, w / 2, y, ALIGN_CENTER, w - 2 * m) + m;
    /* volume: - [80 %] + */
    SDL_Rect down = {x, y, bh, bh}, up = {x + bw - bh, y, bh, bh};
    staff_button(d, down, th, "-", 0);
    staff_button(d, up, th, "+", 0);
    snprintf(line, sizeof line, _("Volume %d %%"), (int)(volume * 100 + 0.5));
    draw_text(d, line, imax(16, bh * 2 / 5), 1, th->text, w / 2, y + (bh - bh / 2) / 2, ALIGN_CENTER, 0);
    y += bh + m;
    snprintf(line, sizeof line, _("Voice: %s"), voice && *voice ? voice : _("each session's own"));
    SDL_Rect vb = {x, y, bw, bh};
    staff_button(d, vb, th, line, 0);
    y += bh + m;
    SDL_Rect reload = {x, y, bw, bh};
    staff_button(d, reload, th, _("Reload sessions"), 0);
    y += bh + m;
    SDL_Rect exitb = {x, y, (bw - m) / 2, bh}, back = {x + (bw + m) / 2, y, (bw - m) / 2, bh};
    staff_button(d, exitb, th, _("Exit kiosk"), 0);
    staff_button(d, back, th, _("Back"), 1);
    y += bh + m;
    if (warning && *warning)
        draw_text(d, warning, imax(14, px / 2), 0, th->ring, w / 2, y, ALIGN_CENTER, w - 2 * m);
    if (hits) {
        hits->buttons[0] = down;
        hits->buttons[1] = up;
        hits->buttons[2] = vb;
        hits->buttons[3] = reload;
        hits->buttons[4] = exitb;
        hits->buttons[5] = back;
    }
}

void scene_notice(draw_ctx *d, int w, int h, const scene_look *look, const char *big, const char *small)
{
    const theme *th = look->th;
    int m = imax(16, h / 30);
    SDL_Rect card = {w / 8, h / 3, w - w / 4, h / 3};
    draw_round_rect(d, (SDL_Rect){card.x - 4, card.y - 4, card.w + 8, card.h + 8}, m, th->ring);
    draw_round_rect(d, card, m, th->panel);
    int px = imax(20, card.h / 6);
    int y = card.y + m;
    y += draw_text(d, big, px, 1, th->text, w / 2, y, ALIGN_CENTER, card.w - 2 * m) + m / 2;
    draw_text(d, small, imax(14, px * 2 / 3), 0, th->text, w / 2, y, ALIGN_CENTER, card.w - 2 * m);
}
