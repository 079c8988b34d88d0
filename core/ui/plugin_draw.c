/* plugin_draw.c - the drawing API plugins get for their own visuals: circle, ring, bar and
 * text in theme colours, over the same draw kit the player uses. */
#include "scene.h"

struct pacer_canvas {
    draw_ctx *d;
    const theme *th;
};

static rgb color_of(const pacer_canvas *c, pacer_color col)
{
    switch (col) {
    case PACER_COLOR_RING: return c->th->ring;
    case PACER_COLOR_TEXT: return c->th->text;
    case PACER_COLOR_MUTED: return c->th->muted;
    case PACER_COLOR_TRACK: return c->th->track;
    case PACER_COLOR_BACKGROUND: return c->th->bg;
    case PACER_COLOR_ACCENT:
    default: return c->th->accent;
    }
}

static int finite_pos(float v) { return v == v && v > -1e6f && v < 1e6f; }

static void api_circle(pacer_canvas *c, float cx, float cy, float r, pacer_color col)
{
    if (finite_pos(cx) && finite_pos(cy) && finite_pos(r) && r > 0 && r < 10000)
        draw_disc(c->d, cx, cy, r, color_of(c, col));
}

static void api_ring(pacer_canvas *c, float cx, float cy, float r, float t, float f, pacer_color col)
{
    if (finite_pos(cx) && finite_pos(cy) && finite_pos(r) && finite_pos(t) && f == f && r > 0 && r < 10000 && t > 0)
        draw_arc(c->d, cx, cy, r, t, f, color_of(c, col));
}

static void api_bar(pacer_canvas *c, float x, float y, float w, float h, float f, pacer_color col)
{
    if (!(finite_pos(x) && finite_pos(y) && finite_pos(w) && finite_pos(h) && f == f) || w < 1 || h < 1)
        return;
    if (f < 0)
        f = 0;
    if (f > 1)
        f = 1;
    SDL_Rect track = {(int)x, (int)y, (int)w, (int)h};
    draw_round_rect(c->d, track, (int)h / 2, c->th->track);
    if (w * f >= h)
        draw_round_rect(c->d, (SDL_Rect){(int)x, (int)y, (int)(w * f), (int)h}, (int)h / 2, color_of(c, col));
}

static void api_text(pacer_canvas *c, float x, float y, float px, const char *s, pacer_color col, pacer_align a)
{
    if (!s || !finite_pos(x) || !finite_pos(y) || !(px >= 6 && px <= 400))
        return;
    text_align al = a == PACER_ALIGN_CENTER ? ALIGN_CENTER : a == PACER_ALIGN_RIGHT ? ALIGN_RIGHT : ALIGN_LEFT;
    draw_text(c->d, s, (int)px, 0, color_of(c, col), (int)x, (int)y, al, 0);
}

static const pacer_draw_api api = {sizeof(pacer_draw_api), api_circle, api_ring, api_bar, api_text};

void scene_plugin_draw(draw_ctx *d, const theme *th, pacer_draw_fn fn, const pacer_draw_state *st)
{
    pacer_canvas c = {d, th};
    fn(&c, &api, st);
}
