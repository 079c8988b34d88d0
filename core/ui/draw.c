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

/* Shapes are built as one vertex list and drawn with a single SDL_RenderGeometry call: the
 * software renderer's cost is per call far more than per triangle. */
enum { GEO_MAX = 6 * 1024 };

typedef struct geo {
    SDL_Vertex v[GEO_MAX];
    int n;
} geo;

enum { SPAN_ROWS = 2048 };

struct draw_ctx {
    SDL_Renderer *r;
    char regular[PATH_MAX], bold[PATH_MAX];
    font_slot fonts[FONT_SLOTS];
    int nfonts;
    text_entry cache[TEXT_CACHE];
    unsigned long tick;
    draw_list *rec; /* draw_record: calls go here instead of the renderer */
    geo fill, edge;  /* scratch vertex lists for the shapes being drawn */
    SDL_Rect rows[SPAN_ROWS]; /* scratch rows for a disc's inside */
};

/* One recorded call: its arguments, and the pixels it can touch. */
enum { OP_FILL, OP_RECT, OP_ROUND_RECT, OP_DISC, OP_ARC, OP_TEXT };
struct draw_op {
    int kind;
    rgb c;
    float f[5];
    int i[6];
    char *text;
    SDL_Rect area;
};

static draw_op *op_add(draw_ctx *d, int kind, rgb c)
{
    draw_list *l = d->rec;
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 32;
        draw_op *ops = realloc(l->ops, (size_t)cap * sizeof *ops);
        if (!ops) {
            l->lost = 1;
            return NULL;
        }
        l->ops = ops, l->cap = cap;
    }
    draw_op *op = &l->ops[l->n++];
    memset(op, 0, sizeof *op);
    op->kind = kind, op->c = c;
    return op;
}

/* The pixels a shape reaching x0..x1, y0..y1 (fractional) can touch, with a margin for the
 * rasterizer's rounding and the soft edges. */
static SDL_Rect area_of(float x0, float y0, float x1, float y1)
{
    int ix0 = (int)floorf(x0) - 2, iy0 = (int)floorf(y0) - 2, ix1 = (int)ceilf(x1) + 2, iy1 = (int)ceilf(y1) + 2;
    return (SDL_Rect){ix0, iy0, ix1 - ix0, iy1 - iy0};
}

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

const char *assets_dir(char *buf, size_t n)
{
    const char *env = getenv("PACER_ASSETS");
    if (env && *env)
        return env;
    char exe[PATH_MAX - 64];
    if (exe_dir(exe, sizeof exe) == 0) {
        snprintf(buf, n, "%s/../share/pacer/assets/fonts/DejaVuSans.ttf", exe);
        if (file_exists(buf)) {
            snprintf(buf, n, "%s/../share/pacer/assets", exe);
            return buf;
        }
    }
    return PACER_SOURCE_ASSETS;
}

draw_ctx *draw_open(SDL_Renderer *r, const char *dir, char *err, size_t n)
{
    /* counted: each draw_close's TTF_Quit undoes one of these, so contexts can be open side
     * by side (a window and a snapshot's) */
    if (TTF_Init() < 0) {
        snprintf(err, n, "cannot start the text renderer: %s", TTF_GetError());
        return NULL;
    }
    draw_ctx *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, n, "out of memory");
        TTF_Quit();
        return NULL;
    }
    d->r = r;
    snprintf(d->regular, sizeof d->regular, "%s/fonts/DejaVuSans.ttf", dir);
    snprintf(d->bold, sizeof d->bold, "%s/fonts/DejaVuSans-Bold.ttf", dir);
    if (!file_exists(d->regular) || !file_exists(d->bold)) {
        snprintf(err, n, "the font is missing: %s", d->regular);
        free(d);
        TTF_Quit();
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
    if (d->rec) {
        draw_op *op = op_add(d, OP_FILL, c);
        if (op)
            op->area = (SDL_Rect){INT_MIN / 4, INT_MIN / 4, INT_MAX / 2, INT_MAX / 2};
        return;
    }
    set_color(d, c, 255);
    SDL_RenderClear(d->r);
}

static void do_rect(draw_ctx *d, SDL_Rect r, rgb c)
{
    set_color(d, c, 255);
    SDL_RenderFillRect(d->r, &r);
}

void draw_rect(draw_ctx *d, SDL_Rect r, rgb c)
{
    if (d->rec) {
        draw_op *op = op_add(d, OP_RECT, c);
        if (op) {
            memcpy(op->i, (int[]){r.x, r.y, r.w, r.h}, 4 * sizeof(int));
            op->area = area_of((float)r.x, (float)r.y, (float)(r.x + r.w), (float)(r.y + r.h));
        }
        return;
    }
    do_rect(d, r, c);
}

static SDL_Vertex vtx(float x, float y, rgb c, uint8_t a)
{
    SDL_Vertex v = {{x, y}, {c.r, c.g, c.b, a}, {0, 0}};
    return v;
}


static void geo_tri(geo *g, SDL_Vertex a, SDL_Vertex b, SDL_Vertex c)
{
    if (g->n + 3 > GEO_MAX)
        return;
    g->v[g->n++] = a;
    g->v[g->n++] = b;
    g->v[g->n++] = c;
}

static void geo_flush(draw_ctx *d, geo *g)
{
    if (g->n)
        SDL_RenderGeometry(d->r, NULL, g->v, g->n, NULL, 0);
    g->n = 0;
}

/* Opaque parts are drawn without blending: the software rasterizer then only writes. */
static void geo_flush_opaque(draw_ctx *d, geo *g)
{
    SDL_SetRenderDrawBlendMode(d->r, SDL_BLENDMODE_NONE);
    geo_flush(d, g);
    SDL_SetRenderDrawBlendMode(d->r, SDL_BLENDMODE_BLEND);
}

/* Segments with a chord of about 16 px: the polygon strays from the true circle by under
 * 0.2 px at these radii, less than the soft edge covers. */
static int segments_for(float radius, float span)
{
    int segs = (int)(span * (radius > 40 ? radius : 40) / 16.0f) + 12;
    return segs > 360 ? 360 : segs;
}

/* A ring band between r0 and r1 over [a0, a1] radians with alpha a_in at r0 and a_out at r1:
 * with a_out 0 it is the soft, anti-aliased edge of a shape. */
/* While a list is replayed into a clip rectangle: the clip. A disc's edge leaves out the
 * segments that cannot touch it (their pixels would be clipped away anyway). */
static const SDL_Rect *g_cull;

static int segment_outside(SDL_Vertex p0, SDL_Vertex p1, SDL_Vertex p2, SDL_Vertex p3)
{
    if (!g_cull)
        return 0;
    float x0 = fminf(fminf(p0.position.x, p1.position.x), fminf(p2.position.x, p3.position.x));
    float x1 = fmaxf(fmaxf(p0.position.x, p1.position.x), fmaxf(p2.position.x, p3.position.x));
    float y0 = fminf(fminf(p0.position.y, p1.position.y), fminf(p2.position.y, p3.position.y));
    float y1 = fmaxf(fmaxf(p0.position.y, p1.position.y), fmaxf(p2.position.y, p3.position.y));
    SDL_Rect box = {(int)floorf(x0) - 2, (int)floorf(y0) - 2, (int)ceilf(x1) - (int)floorf(x0) + 4,
                    (int)ceilf(y1) - (int)floorf(y0) + 4};
    return !SDL_HasIntersection(&box, g_cull);
}

static void band(geo *g, float cx, float cy, float r0, float r1, float a0, float a1, int segs, rgb c, uint8_t a_in,
                 uint8_t a_out)
{
    float span = a1 - a0;
    for (int i = 0; i < segs; i++) {
        float t0 = a0 + span * i / segs, t1 = a0 + span * (i + 1) / segs;
        float c0 = cosf(t0), s0 = sinf(t0), c1 = cosf(t1), s1 = sinf(t1);
        SDL_Vertex p0 = vtx(cx + r0 * c0, cy + r0 * s0, c, a_in), p1 = vtx(cx + r1 * c0, cy + r1 * s0, c, a_out);
        SDL_Vertex p2 = vtx(cx + r1 * c1, cy + r1 * s1, c, a_out), p3 = vtx(cx + r0 * c1, cy + r0 * s1, c, a_in);
        if (segment_outside(p0, p1, p2, p3))
            continue;
        geo_tri(g, p0, p1, p2);
        geo_tri(g, p0, p2, p3);
    }
}

/* A disc: an opaque fan (fill) and its soft edge (edge) share the same vertices on the
 * inner circle, so there is no sliver between them. */
static void disc(geo *fill, geo *edge, float cx, float cy, float radius, rgb c)
{
    if (radius <= 0.5f)
        return;
    const float inner = radius - 0.75f;
    int segs = segments_for(radius, 6.2831853f);
    SDL_Vertex centre = vtx(cx, cy, c, 255);
    for (int i = 0; i < segs; i++) {
        float t0 = 6.2831853f * i / segs, t1 = 6.2831853f * (i + 1) / segs;
        geo_tri(fill, centre, vtx(cx + inner * cosf(t0), cy + inner * sinf(t0), c, 255),
                vtx(cx + inner * cosf(t1), cy + inner * sinf(t1), c, 255));
    }
    band(edge, cx, cy, inner, radius + 0.75f, 0, 6.2831853f, segs, c, 255, 0);
}


/* The inside of a disc as one opaque rectangle per pixel row, in one call: the software
 * renderer fills rows with plain stores, far faster than rasterizing triangles. */
static void disc_spans(draw_ctx *d, float cx, float cy, float r, rgb c)
{
    SDL_Rect *rows = d->rows;
    int n = 0;
    for (int y = (int)floorf(cy - r); y <= (int)ceilf(cy + r) && n < SPAN_ROWS; y++) {
        if (g_cull && (y < g_cull->y || y >= g_cull->y + g_cull->h))
            continue; /* clipped away */
        float dy = (float)y + 0.5f - cy;
        if (dy * dy >= r * r)
            continue;
        float hw = sqrtf(r * r - dy * dy);
        /* whole pixels reaching the circle: the soft edge's opaque inner part covers them */
        int x0 = (int)floorf(cx - hw), x1 = (int)ceilf(cx + hw);
        rows[n++] = (SDL_Rect){x0, y, x1 - x0, 1};
    }
    SDL_SetRenderDrawBlendMode(d->r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(d->r, c.r, c.g, c.b, 255);
    SDL_RenderFillRects(d->r, rows, n);
    SDL_SetRenderDrawBlendMode(d->r, SDL_BLENDMODE_BLEND);
}

void draw_disc(draw_ctx *d, float cx, float cy, float radius, rgb c)
{
    if (radius <= 0.5f)
        return;
    if (d->rec) {
        draw_op *op = op_add(d, OP_DISC, c);
        if (op) {
            op->f[0] = cx, op->f[1] = cy, op->f[2] = radius;
            op->area = area_of(cx - radius - 0.75f, cy - radius - 0.75f, cx + radius + 0.75f, cy + radius + 0.75f);
        }
        return;
    }
    /* the inside as rows; the soft edge as disc() makes it (its fan is not needed) */
    const float inner = radius - 0.75f;
    disc_spans(d, cx, cy, inner, c);
    band(&d->edge, cx, cy, inner, radius + 0.75f, 0, 6.2831853f, segments_for(radius, 6.2831853f), c, 255, 0);
    geo_flush(d, &d->edge);
}

void draw_round_rect(draw_ctx *d, SDL_Rect r, int radius, rgb c)
{
    if (radius * 2 > r.h)
        radius = r.h / 2;
    if (radius * 2 > r.w)
        radius = r.w / 2;
    if (d->rec) {
        draw_op *op = op_add(d, OP_ROUND_RECT, c);
        if (op) {
            memcpy(op->i, (int[]){r.x, r.y, r.w, r.h, radius}, 5 * sizeof(int));
            op->area = area_of((float)r.x, (float)r.y, (float)(r.x + r.w), (float)(r.y + r.h));
        }
        return;
    }
    /* the corners' soft edges first, then the opaque body over their inner parts, so no
     * blended arc shows inside the shape */
    float rad = (float)radius;
    disc(&d->fill, &d->edge, r.x + rad, r.y + rad, rad, c);
    disc(&d->fill, &d->edge, r.x + r.w - rad, r.y + rad, rad, c);
    disc(&d->fill, &d->edge, r.x + rad, r.y + r.h - rad, rad, c);
    disc(&d->fill, &d->edge, r.x + r.w - rad, r.y + r.h - rad, rad, c);
    geo_flush_opaque(d, &d->fill);
    geo_flush(d, &d->edge);
    do_rect(d, (SDL_Rect){r.x + radius, r.y, r.w - 2 * radius, r.h}, c);
    do_rect(d, (SDL_Rect){r.x, r.y + radius, radius, r.h - 2 * radius}, c);
    do_rect(d, (SDL_Rect){r.x + r.w - radius, r.y + radius, radius, r.h - 2 * radius}, c);
}

void draw_arc(draw_ctx *d, float cx, float cy, float radius, float thickness, float fraction, rgb c)
{
    if (fraction <= 0)
        return;
    if (fraction > 1)
        fraction = 1;
    if (d->rec) {
        draw_op *op = op_add(d, OP_ARC, c);
        if (op) {
            float out = radius + thickness / 2 + 0.75f;
            op->f[0] = cx, op->f[1] = cy, op->f[2] = radius, op->f[3] = thickness, op->f[4] = fraction;
            op->area = area_of(cx - out, cy - out, cx + out, cy + out);
        }
        return;
    }
    const float top = -1.5707963f;
    float a1 = top + 6.2831853f * fraction;
    float r0 = radius - thickness / 2, r1 = radius + thickness / 2;
    int segs = segments_for(r1, a1 - top);
    band(&d->fill, cx, cy, r0 + 0.75f, r1 - 0.75f, top, a1, segs, c, 255, 255);
    geo_flush_opaque(d, &d->fill);
    band(&d->edge, cx, cy, r1 - 0.75f, r1 + 0.75f, top, a1, segs, c, 255, 0);
    band(&d->edge, cx, cy, r0 + 0.75f, r0 - 0.75f, top, a1, segs, c, 255, 0);
    geo_flush(d, &d->edge);
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

int draw_fit_size(draw_ctx *d, const char *s, int px, int bold, int max_w, int *wrap_w)
{
    int tw, th;
    draw_text_size(d, s, px, bold, 0, &tw, &th);
    int min_px = px * 6 / 10 > 10 ? px * 6 / 10 : 10;
    while (tw > max_w && px > min_px) {
        px = px * 9 / 10;
        draw_text_size(d, s, px, bold, 0, &tw, &th);
    }
    /* still too long at the smallest size: wrap (never off the screen) */
    *wrap_w = tw > max_w ? max_w : 0;
    return px;
}

int draw_text_fit(draw_ctx *d, const char *s, int px, int bold, rgb c, int x, int y, text_align align, int max_w)
{
    int wrap;
    px = draw_fit_size(d, s, px, bold, max_w, &wrap);
    return draw_text(d, s, px, bold, c, x, y, align, wrap);
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
    if (d->rec) {
        draw_op *op = op_add(d, OP_TEXT, c);
        if (op) {
            op->text = strdup(s);
            if (!op->text) {
                d->rec->n--;
                d->rec->lost = 1;
                return e->h;
            }
            memcpy(op->i, (int[]){px, bold, x, y, (int)align, wrap_w}, 6 * sizeof(int));
            op->area = area_of((float)dst.x, (float)dst.y, (float)(dst.x + dst.w), (float)(dst.y + dst.h));
        }
        return e->h;
    }
    SDL_RenderCopy(d->r, e->tex, NULL, &dst);
    return e->h;
}

/* ---- recorded calls ---- */

void draw_record(draw_ctx *d, draw_list *l) { d->rec = l; }

void draw_list_clear(draw_list *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->ops[i].text);
    l->n = 0;
    l->lost = 0;
}

void draw_list_free(draw_list *l)
{
    draw_list_clear(l);
    free(l->ops);
    memset(l, 0, sizeof *l);
}

void draw_replay(draw_ctx *d, const draw_list *l, const SDL_Rect *clip)
{
    draw_list *rec = d->rec;
    d->rec = NULL;
    g_cull = clip;
    for (int k = 0; k < l->n; k++) {
        const draw_op *op = &l->ops[k];
        if (clip && !SDL_HasIntersection(&op->area, clip))
            continue;
        const int *i = op->i;
        const float *f = op->f;
        switch (op->kind) {
        case OP_FILL:
            if (clip) { /* a clear ignores the clip rectangle: fill only the clip */
                SDL_SetRenderDrawBlendMode(d->r, SDL_BLENDMODE_NONE);
                do_rect(d, *clip, op->c);
                SDL_SetRenderDrawBlendMode(d->r, SDL_BLENDMODE_BLEND);
            } else {
                draw_fill(d, op->c);
            }
            break;
        case OP_RECT: do_rect(d, (SDL_Rect){i[0], i[1], i[2], i[3]}, op->c); break;
        case OP_ROUND_RECT: draw_round_rect(d, (SDL_Rect){i[0], i[1], i[2], i[3]}, i[4], op->c); break;
        case OP_DISC: draw_disc(d, f[0], f[1], f[2], op->c); break;
        case OP_ARC: draw_arc(d, f[0], f[1], f[2], f[3], f[4], op->c); break;
        case OP_TEXT: draw_text(d, op->text, i[0], i[1], op->c, i[2], i[3], (text_align)i[4], i[5]); break;
        default: break;
        }
    }
    g_cull = NULL;
    d->rec = rec;
}

static int op_same(const draw_op *a, const draw_op *b)
{
    if (a->kind != b->kind || a->c.r != b->c.r || a->c.g != b->c.g || a->c.b != b->c.b)
        return 0;
    for (int k = 0; k < 5; k++)
        if (a->f[k] != b->f[k])
            return 0;
    for (int k = 0; k < 6; k++)
        if (a->i[k] != b->i[k])
            return 0;
    if (!a->text || !b->text)
        return a->text == b->text;
    return strcmp(a->text, b->text) == 0;
}

static long area(SDL_Rect r) { return (long)r.w * r.h; }

/* Adds r to the set. It is merged with a rectangle when their union costs little more than
 * the two (one copy and one push of a slightly larger rectangle cost less than two); when
 * the set is full, with the one whose union wastes least. */
static void add_area(SDL_Rect *out, int *n, int max, SDL_Rect r)
{
    enum { SLACK = 1024 }; /* pixels a merge may add for free */
    if (r.w <= 0 || r.h <= 0)
        return;
    for (;;) {
        int best = -1;
        long best_waste = 0;
        for (int k = 0; k < *n; k++) {
            SDL_Rect u;
            SDL_UnionRect(&out[k], &r, &u);
            long waste = area(u) - area(out[k]) - area(r);
            if (best < 0 || waste < best_waste)
                best = k, best_waste = waste;
        }
        if (best < 0 || (best_waste > SLACK && *n < max))
            break;
        SDL_UnionRect(&out[best], &r, &r);
        out[best] = out[--*n];
    }
    out[(*n)++] = r;
}

/* A disc that only grew or shrank (same centre and colour): its pixels can differ only
 * between the smaller inside and the larger outside, so the changed area is that ring, in
 * bands of rows: one rectangle each side where the inside is whole across the band, one
 * across otherwise. */
static void add_ring_area(SDL_Rect *out, int *n, int max, float cx, float cy, float r_lo, float r_hi)
{
    enum { BAND = 32 };
    /* both draw the same opaque colour closer than r_lo - 0.75 (their rows and the inner
     * edge of their soft edge), and nothing farther than r_hi + 0.75; 2 px of margin */
    float rin = r_lo - 0.75f - 2, rout = r_hi + 0.75f + 2;
    int top = (int)floorf(cy - rout), bottom = (int)ceilf(cy + rout);
    for (int y0 = top; y0 < bottom; y0 += BAND) {
        int y1 = y0 + BAND < bottom ? y0 + BAND : bottom; /* rows y0..y1-1: y from y0 to y1 */
        float far_dy = fmaxf(fabsf((float)y0 - cy), fabsf((float)y1 - cy));
        float near_dy = cy >= (float)y0 && cy <= (float)y1 ? 0 : fminf(fabsf((float)y0 - cy), fabsf((float)y1 - cy));
        if (near_dy >= rout)
            continue;
        float ho = sqrtf(rout * rout - near_dy * near_dy);
        int xl = (int)floorf(cx - ho) - 1, xr = (int)ceilf(cx + ho) + 1;
        if (rin > 0 && far_dy < rin) {
            float hi = sqrtf(rin * rin - far_dy * far_dy);
            int xa = (int)ceilf(cx - hi), xb = (int)floorf(cx + hi); /* whole pixels inside: xa..xb-1 */
            if (xb > xa) {
                add_area(out, n, max, (SDL_Rect){xl, y0, xa - xl, y1 - y0});
                add_area(out, n, max, (SDL_Rect){xb, y0, xr - xb, y1 - y0});
                continue;
            }
        }
        add_area(out, n, max, (SDL_Rect){xl, y0, xr - xl, y1 - y0});
    }
}

int draw_list_diff(const draw_list *a, const draw_list *b, SDL_Rect *out, int max)
{
    int n = 0;
    if (max <= 0)
        return 0;
    int most = a->n > b->n ? a->n : b->n;
    for (int k = 0; k < most; k++) {
        const draw_op *x = k < a->n ? &a->ops[k] : NULL, *y = k < b->n ? &b->ops[k] : NULL;
        if (x && y && op_same(x, y))
            continue;
        if (x && y && x->kind == OP_DISC && y->kind == OP_DISC && x->f[0] == y->f[0] && x->f[1] == y->f[1] &&
            x->c.r == y->c.r && x->c.g == y->c.g && x->c.b == y->c.b) {
            add_ring_area(out, &n, max, x->f[0], x->f[1], fminf(x->f[2], y->f[2]), fmaxf(x->f[2], y->f[2]));
            continue;
        }
        if (x)
            add_area(out, &n, max, x->area);
        if (y)
            add_area(out, &n, max, y->area);
    }
    return n;
}
