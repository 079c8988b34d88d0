/* draw.c - shapes through SDL_RenderGeometry, text through SDL2_ttf with a texture cache. */
#include "draw.h"
#include "util.h"

#include <SDL_ttf.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { FONT_SLOTS = 24, TEXT_CACHE = 96 };

typedef struct font_slot {
    int px, bold;
    TTF_Font *font;
} font_slot;

typedef struct text_entry {
    char *text;
    int px, bold, wrap_w, align;
    rgb c;
    SDL_Texture *tex;
    int w, h;
    unsigned long used;
} text_entry;

struct draw_ctx {
    SDL_Renderer *r;
    char regular[PATH_MAX], bold[PATH_MAX];
    font_slot fonts[FONT_SLOTS];
    int nfonts;
    text_entry cache[TEXT_CACHE];
    unsigned long tick;
};

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

const char *assets_dir(void)
{
    static char buf[PATH_MAX];
    const char *env = getenv("PACER_ASSETS");
    if (env && *env)
        return env;
    char exe[PATH_MAX - 64];
    if (exe_dir(exe, sizeof exe) == 0) {
        snprintf(buf, sizeof buf, "%s/../share/pacer/assets/fonts/DejaVuSans.ttf", exe);
        if (file_exists(buf)) {
            snprintf(buf, sizeof buf, "%s/../share/pacer/assets", exe);
            return buf;
        }
    }
    return PACER_SOURCE_ASSETS;
}

draw_ctx *draw_open(SDL_Renderer *r, const char *dir, char *err, size_t n)
{
    if (!TTF_WasInit() && TTF_Init() < 0) {
        snprintf(err, n, "cannot start the text renderer: %s", TTF_GetError());
        return NULL;
    }
    draw_ctx *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, n, "out of memory");
        return NULL;
    }
    d->r = r;
    snprintf(d->regular, sizeof d->regular, "%s/fonts/DejaVuSans.ttf", dir);
    snprintf(d->bold, sizeof d->bold, "%s/fonts/DejaVuSans-Bold.ttf", dir);
    if (!file_exists(d->regular) || !file_exists(d->bold)) {
        snprintf(err, n, "the font is missing: %s", d->regular);
        free(d);
        return NULL;
    }
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    return d;
}

void draw_close(draw_ctx *d)
{
    if (!d)
        return;
    for (int i = 0; i < TEXT_CACHE; i++) {
        free(d->cache[i].text);
        if (d->cache[i].tex)
            SDL_DestroyTexture(d->cache[i].tex);
    }
    for (int i = 0; i < d->nfonts; i++)
        TTF_CloseFont(d->fonts[i].font);
    free(d);
    TTF_Quit();
}

SDL_Renderer *draw_renderer(draw_ctx *d) { return d->r; }

static TTF_Font *font(draw_ctx *d, int px, int bold)
{
    if (px < 6)
        px = 6;
    if (px > 400)
        px = 400;
    for (int i = 0; i < d->nfonts; i++)
        if (d->fonts[i].px == px && d->fonts[i].bold == bold)
            return d->fonts[i].font;
    TTF_Font *f = TTF_OpenFont(bold ? d->bold : d->regular, px);
    if (!f)
        return NULL;
    if (d->nfonts == FONT_SLOTS) {
        /* Sizes change only when the window does: start over. */
        for (int i = 0; i < TEXT_CACHE; i++) {
            free(d->cache[i].text);
            if (d->cache[i].tex)
                SDL_DestroyTexture(d->cache[i].tex);
            memset(&d->cache[i], 0, sizeof d->cache[i]);
        }
        for (int i = 0; i < d->nfonts; i++)
            TTF_CloseFont(d->fonts[i].font);
        d->nfonts = 0;
    }
    d->fonts[d->nfonts++] = (font_slot){px, bold, f};
    return f;
}

static void set_color(draw_ctx *d, rgb c, uint8_t a) { SDL_SetRenderDrawColor(d->r, c.r, c.g, c.b, a); }

void draw_fill(draw_ctx *d, rgb c)
{
    set_color(d, c, 255);
    SDL_RenderClear(d->r);
}

void draw_rect(draw_ctx *d, SDL_Rect r, rgb c)
{
    set_color(d, c, 255);
    SDL_RenderFillRect(d->r, &r);
}

void draw_round_rect(draw_ctx *d, SDL_Rect r, int radius, rgb c)
{
    if (radius * 2 > r.h)
        radius = r.h / 2;
    if (radius * 2 > r.w)
        radius = r.w / 2;
    draw_rect(d, (SDL_Rect){r.x + radius, r.y, r.w - 2 * radius, r.h}, c);
    draw_rect(d, (SDL_Rect){r.x, r.y + radius, radius, r.h - 2 * radius}, c);
    draw_rect(d, (SDL_Rect){r.x + r.w - radius, r.y + radius, radius, r.h - 2 * radius}, c);
    float rad = (float)radius;
    draw_disc(d, r.x + rad, r.y + rad, rad, c);
    draw_disc(d, r.x + r.w - rad, r.y + rad, rad, c);
    draw_disc(d, r.x + rad, r.y + r.h - rad, rad, c);
    draw_disc(d, r.x + r.w - rad, r.y + r.h - rad, rad, c);
}

static SDL_Vertex vtx(float x, float y, rgb c, uint8_t a)
{
    SDL_Vertex v = {{x, y}, {c.r, c.g, c.b, a}, {0, 0}};
    return v;
}

/* A ring band between r0 and r1 over [a0, a1] radians with alpha a_in at r0 and a_out at r1:
 * with a_out 0 it is the soft, anti-aliased edge of a shape. */
static void band(draw_ctx *d, float cx, float cy, float r0, float r1, float a0, float a1, rgb c, uint8_t a_in,
                 uint8_t a_out)
{
    float span = a1 - a0;
    int segs = (int)(fabsf(span) * (r1 > 40 ? r1 : 40) / 6.0f) + 8;
    if (segs > 720)
        segs = 720;
    SDL_Vertex v[6];
    for (int i = 0; i < segs; i++) {
        float t0 = a0 + span * i / segs, t1 = a0 + span * (i + 1) / segs;
        float c0 = cosf(t0), s0 = sinf(t0), c1 = cosf(t1), s1 = sinf(t1);
        v[0] = vtx(cx + r0 * c0, cy + r0 * s0, c, a_in);
        v[1] = vtx(cx + r1 * c0, cy + r1 * s0, c, a_out);
        v[2] = vtx(cx + r1 * c1, cy + r1 * s1, c, a_out);
        v[3] = v[0];
        v[4] = v[2];
        v[5] = vtx(cx + r0 * c1, cy + r0 * s1, c, a_in);
        SDL_RenderGeometry(d->r, NULL, v, 6, NULL, 0);
    }
}

void draw_disc(draw_ctx *d, float cx, float cy, float radius, rgb c)
{
    if (radius <= 0.5f)
        return;
    int segs = (int)(radius * 0.8f) + 24;
    if (segs > 512)
        segs = 512;
    SDL_Vertex v[3];
    float inner = radius - 0.75f;
    for (int i = 0; i < segs; i++) {
        float t0 = 6.2831853f * i / segs, t1 = 6.2831853f * (i + 1) / segs;
        v[0] = vtx(cx, cy, c, 255);
        v[1] = vtx(cx + inner * cosf(t0), cy + inner * sinf(t0), c, 255);
        v[2] = vtx(cx + inner * cosf(t1), cy + inner * sinf(t1), c, 255);
        SDL_RenderGeometry(d->r, NULL, v, 3, NULL, 0);
    }
    band(d, cx, cy, inner, radius + 0.75f, 0, 6.2831853f, c, 255, 0);
}

void draw_arc(draw_ctx *d, float cx, float cy, float radius, float thickness, float fraction, rgb c)
{
    if (fraction <= 0)
        return;
    if (fraction > 1)
        fraction = 1;
    const float top = -1.5707963f;
    float a1 = top + 6.2831853f * fraction;
    float r0 = radius - thickness / 2, r1 = radius + thickness / 2;
    band(d, cx, cy, r0 + 0.75f, r1 - 0.75f, top, a1, c, 255, 255);
    band(d, cx, cy, r1 - 0.75f, r1 + 0.75f, top, a1, c, 255, 0);
    band(d, cx, cy, r0 + 0.75f, r0 - 0.75f, top, a1, c, 255, 0);
}

static text_entry *text_get(draw_ctx *d, const char *s, int px, int bold, rgb c, int wrap_w, int align)
{
    if (wrap_w <= 0)
        align = ALIGN_LEFT; /* one line: alignment is only where it is placed */
    d->tick++;
    text_entry *oldest = &d->cache[0];
    for (int i = 0; i < TEXT_CACHE; i++) {
        text_entry *e = &d->cache[i];
        if (e->text && e->px == px && e->bold == bold && e->wrap_w == wrap_w && e->align == align && e->c.r == c.r &&
            e->c.g == c.g &&
            e->c.b == c.b && strcmp(e->text, s) == 0) {
            e->used = d->tick;
            return e;
        }
        if (e->used < oldest->used)
            oldest = e;
    }
    TTF_Font *f = font(d, px, bold);
    if (!f)
        return NULL;
    TTF_SetFontWrappedAlign(f, align == ALIGN_CENTER  ? TTF_WRAPPED_ALIGN_CENTER
                               : align == ALIGN_RIGHT ? TTF_WRAPPED_ALIGN_RIGHT
                                                      : TTF_WRAPPED_ALIGN_LEFT);
    SDL_Color col = {c.r, c.g, c.b, 255};
    SDL_Surface *surf = wrap_w > 0 ? TTF_RenderUTF8_Blended_Wrapped(f, s, col, (Uint32)wrap_w)
                                   : TTF_RenderUTF8_Blended(f, s, col);
    if (!surf)
        return NULL;
    SDL_Texture *tex = SDL_CreateTextureFromSurface(d->r, surf);
    int w = surf->w, h = surf->h;
    SDL_FreeSurface(surf);
    if (!tex)
        return NULL;
    free(oldest->text);
    if (oldest->tex)
        SDL_DestroyTexture(oldest->tex);
    *oldest = (text_entry){strdup(s), px, bold, wrap_w, align, c, tex, w, h, d->tick};
    if (!oldest->text) {
        SDL_DestroyTexture(tex);
        memset(oldest, 0, sizeof *oldest);
        return NULL;
    }
    return oldest;
}

void draw_text_size(draw_ctx *d, const char *s, int px, int bold, int wrap_w, int *w, int *h)
{
    *w = *h = 0;
    if (!s || !*s)
        return;
    text_entry *e = text_get(d, s, px, bold, (rgb){255, 255, 255}, wrap_w, ALIGN_LEFT);
    if (e) {
        *w = e->w;
        *h = e->h;
    }
}

int draw_text(draw_ctx *d, const char *s, int px, int bold, rgb c, int x, int y, text_align align, int wrap_w)
{
    if (!s || !*s)
        return 0;
    text_entry *e = text_get(d, s, px, bold, c, wrap_w, align);
    if (!e)
        return 0;
    SDL_Rect dst = {x, y, e->w, e->h};
    if (align == ALIGN_CENTER)
        dst.x = x - e->w / 2;
    else if (align == ALIGN_RIGHT)
        dst.x = x - e->w;
    SDL_RenderCopy(d->r, e->tex, NULL, &dst);
    return e->h;
}
