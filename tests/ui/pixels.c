/* pixels.c - see pixels.h. */
#include "pixels.h"
#include "scene.h"

#include <SDL_image.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int image_from_surface(SDL_Surface *s, image *im)
{
    memset(im, 0, sizeof *im);
    SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    if (!c)
        return -1;
    im->w = c->w;
    im->h = c->h;
    im->px = malloc((size_t)c->w * (size_t)c->h * sizeof *im->px);
    if (!im->px) {
        SDL_FreeSurface(c);
        return -1;
    }
    SDL_LockSurface(c);
    for (int y = 0; y < c->h; y++)
        memcpy(im->px + (size_t)y * c->w, (const uint8_t *)c->pixels + (size_t)y * c->pitch,
               (size_t)c->w * sizeof *im->px);
    SDL_UnlockSurface(c);
    SDL_FreeSurface(c);
    return 0;
}

int image_load(const char *path, image *im, char *err, size_t n)
{
    memset(im, 0, sizeof *im);
    SDL_Surface *s = IMG_Load(path);
    if (!s) {
        snprintf(err, n, "cannot read %s: %s", path, IMG_GetError());
        return -1;
    }
    int rc = image_from_surface(s, im);
    SDL_FreeSurface(s);
    if (rc < 0)
        snprintf(err, n, "cannot convert %s", path);
    return rc;
}

void image_free(image *im)
{
    free(im->px);
    memset(im, 0, sizeof *im);
}

int image_save(const image *im, const char *path)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormatFrom(im->px, im->w, im->h, 32, im->w * 4, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return -1;
    int rc = IMG_SavePNG(s, path);
    SDL_FreeSurface(s);
    return rc == 0 ? 0 : -1;
}

rgb image_at(const image *im, int x, int y)
{
    uint32_t p = im->px[(size_t)y * im->w + x];
    return (rgb){(uint8_t)(p >> 16), (uint8_t)(p >> 8), (uint8_t)p};
}

box image_box(const image *im) { return (box){0, 0, im->w, im->h}; }

box box_clip(box b, const image *im)
{
    int x0 = b.x < 0 ? 0 : b.x, y0 = b.y < 0 ? 0 : b.y;
    int x1 = b.x + b.w > im->w ? im->w : b.x + b.w, y1 = b.y + b.h > im->h ? im->h : b.y + b.h;
    if (x1 < x0)
        x1 = x0;
    if (y1 < y0)
        y1 = y0;
    return (box){x0, y0, x1 - x0, y1 - y0};
}

#define FOR_BOX(im, b, x, y)                                                                                           \
    for (int y = (b).y; y < (b).y + (b).h; y++)                                                                        \
        for (int x = (b).x; x < (b).x + (b).w; x++)

static double channel(uint8_t c)
{
    double s = c / 255.0;
    return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

double rel_luminance(rgb c) { return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b); }

double wcag_ratio(rgb a, rgb b)
{
    double la = rel_luminance(a), lb = rel_luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

int rgb_dist(rgb a, rgb b)
{
    int dr = abs(a.r - b.r), dg = abs(a.g - b.g), db = abs(a.b - b.b);
    int m = dr > dg ? dr : dg;
    return m > db ? m : db;
}

int rgb_dist2(rgb a, rgb b)
{
    int dr = a.r - b.r, dg = a.g - b.g, db = a.b - b.b;
    return dr * dr + dg * dg + db * db;
}

int rgb_parse(const char *hex, rgb *c)
{
    if (hex[0] == '#')
        hex++;
    if (strlen(hex) != 6)
        return -1;
    unsigned v;
    char *end;
    v = (unsigned)strtoul(hex, &end, 16);
    if (*end)
        return -1;
    *c = (rgb){(uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    return 0;
}

long count_near(const image *im, box b, rgb c, int tol)
{
    b = box_clip(b, im);
    long n = 0;
    FOR_BOX(im, b, x, y)
    n += rgb_dist(image_at(im, x, y), c) <= tol;
    return n;
}

static int nearest_is(rgb p, rgb c, const rgb *others, int nothers)
{
    int d = rgb_dist2(p, c);
    for (int i = 0; i < nothers; i++)
        if (rgb_dist2(p, others[i]) <= d)
            return 0;
    return 1;
}

long count_nearest(const image *im, box b, rgb c, const rgb *others, int nothers)
{
    b = box_clip(b, im);
    long n = 0;
    FOR_BOX(im, b, x, y)
    n += nearest_is(image_at(im, x, y), c, others, nothers);
    return n;
}

static int same(rgb a, rgb b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

int palette_others(const theme *th, rgb except, rgb *out)
{
    const rgb all[] = {th->bg, th->panel, th->text, th->muted, th->accent, th->ring, th->track};
    int n = 0;
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!same(all[i], except))
            out[n++] = all[i];
    return n;
}

long count_theme(const image *im, box b, const theme *th, rgb c)
{
    rgb others[8];
    int n = palette_others(th, c, others);
    return count_nearest(im, b, c, others, n);
}

static int is_ink(rgb p, rgb fg, rgb bg)
{
    if (rgb_dist2(p, fg) >= rgb_dist2(p, bg))
        return 0;
    double lf = rel_luminance(fg), lb = rel_luminance(bg), lp = rel_luminance(p);
    if (fabs(lf - lb) < 1e-6)
        return 1;
    return (lp - lb) / (lf - lb) >= 0.5;
}

long count_ink(const image *im, box b, rgb fg, rgb bg)
{
    b = box_clip(b, im);
    long n = 0;
    FOR_BOX(im, b, x, y)
    n += is_ink(image_at(im, x, y), fg, bg);
    return n;
}

box ink_box(const image *im, box b, rgb fg, rgb bg, int *line_h)
{
    b = box_clip(b, im);
    int x0 = im->w, y0 = im->h, x1 = -1, y1 = -1, rows = 0;
    *line_h = 0;
    for (int y = b.y; y < b.y + b.h; y++) {
        int row = 0;
        for (int x = b.x; x < b.x + b.w; x++) {
            if (!is_ink(image_at(im, x, y), fg, bg))
                continue;
            row = 1;
            x0 = x < x0 ? x : x0;
            x1 = x > x1 ? x : x1;
        }
        if (row) {
            y0 = y < y0 ? y : y0;
            y1 = y;
            rows++;
            *line_h = rows > *line_h ? rows : *line_h;
        } else {
            rows = 0;
        }
    }
    if (x1 < 0)
        return (box){0, 0, 0, 0};
    return (box){x0, y0, x1 + 1 - x0, y1 + 1 - y0};
}

static box bbox_of(const image *im, box b, int (*pred)(rgb, const void *), const void *ud)
{
    b = box_clip(b, im);
    int x0 = im->w, y0 = im->h, x1 = -1, y1 = -1;
    FOR_BOX(im, b, x, y)
    {
        if (!pred(image_at(im, x, y), ud))
            continue;
        if (x < x0)
            x0 = x;
        if (y < y0)
            y0 = y;
        if (x > x1)
            x1 = x;
        if (y > y1)
            y1 = y;
    }
    if (x1 < 0)
        return (box){0, 0, 0, 0};
    return (box){x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

typedef struct near_arg {
    rgb c;
    int tol;
} near_arg;

static int pred_near(rgb p, const void *ud)
{
    const near_arg *a = ud;
    return rgb_dist(p, a->c) <= a->tol;
}

box bbox_near(const image *im, box b, rgb c, int tol)
{
    near_arg a = {c, tol};
    return bbox_of(im, b, pred_near, &a);
}

typedef struct theme_arg {
    rgb c;
    rgb others[8];
    int n;
} theme_arg;

static int pred_theme(rgb p, const void *ud)
{
    const theme_arg *a = ud;
    return nearest_is(p, a->c, a->others, a->n);
}

box bbox_theme(const image *im, box b, const theme *th, rgb c)
{
    theme_arg a = {.c = c};
    a.n = palette_others(th, c, a.others);
    return bbox_of(im, b, pred_theme, &a);
}

double mean_luminance(const image *im, box b)
{
    b = box_clip(b, im);
    if (b.w == 0 || b.h == 0)
        return 0;
    double s = 0;
    FOR_BOX(im, b, x, y)
    s += rel_luminance(image_at(im, x, y));
    return s / ((double)b.w * b.h);
}

typedef struct colour_count {
    uint32_t c;
    long n;
} colour_count;

static int by_colour(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

rgb most_common(const image *im, box b)
{
    b = box_clip(b, im);
    size_t n = (size_t)b.w * b.h;
    if (n == 0)
        return (rgb){0, 0, 0};
    uint32_t *v = malloc(n * sizeof *v);
    if (!v)
        return image_at(im, b.x, b.y);
    size_t k = 0;
    FOR_BOX(im, b, x, y)
    v[k++] = im->px[(size_t)y * im->w + x] & 0xffffff;
    qsort(v, n, sizeof *v, by_colour);
    uint32_t best = v[0];
    size_t best_n = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && v[j] == v[i])
            j++;
        if (j - i > best_n) {
            best_n = j - i;
            best = v[i];
        }
        i = j;
    }
    free(v);
    return (rgb){(uint8_t)(best >> 16), (uint8_t)(best >> 8), (uint8_t)best};
}

rgb farthest_luminance(const image *im, box b, rgb bg)
{
    b = box_clip(b, im);
    double lb = rel_luminance(bg), best = -1;
    rgb out = bg;
    FOR_BOX(im, b, x, y)
    {
        rgb p = image_at(im, x, y);
        double d = fabs(rel_luminance(p) - lb);
        if (d > best) {
            best = d;
            out = p;
        }
    }
    return out;
}

long count_diff(const image *a, const image *b, box r, int tol)
{
    if (a->w != b->w || a->h != b->h)
        return -1;
    r = box_clip(r, a);
    long n = 0;
    FOR_BOX(a, r, x, y)
    n += rgb_dist(image_at(a, x, y), image_at(b, x, y)) > tol;
    return n;
}

double mask_iou(const image *a, const image *b, box r, rgb c, int tol)
{
    if (a->w != b->w || a->h != b->h)
        return 0;
    r = box_clip(r, a);
    long inter = 0, uni = 0;
    FOR_BOX(a, r, x, y)
    {
        int ia = rgb_dist(image_at(a, x, y), c) <= tol, ib = rgb_dist(image_at(b, x, y), c) <= tol;
        inter += ia && ib;
        uni += ia || ib;
    }
    return uni ? (double)inter / (double)uni : 1.0;
}

/* ---- layout: the same arithmetic as core/ui/scene.c ---- */
static int imax(int a, int b) { return a > b ? a : b; }
static int imin(int a, int b) { return a < b ? a : b; }

int layout_portrait(int w, int h) { return h > w; }
int layout_margin(int w, int h)
{
    (void)w;
    return imax(12, h / 30);
}

/* The circle's place and size come from the scene itself. */
void layout_circle_center(int w, int h, float *cx, float *cy) { scene_circle_center(w, h, cx, cy); }

static float rmax_of(int w, int h) { return scene_circle_radius(w, h, 1); }

box layout_caption_band(int w, int h)
{
    int m = layout_margin(w, h);
    int band_h = layout_portrait(w, h) ? h / 9 : h / 6, px = imax(14, h / 32);
    int y = h - m - imax(6, h / 90) - px - m / 2 - band_h;
    return (box){m, y, w - 2 * m, band_h};
}

box layout_progress(int w, int h)
{
    int m = layout_margin(w, h), px = imax(14, h / 32), bh = imax(6, h / 90);
    int ybar = h - m - bh, ytext = ybar - px - px / 3;
    return (box){0, ytext - 2, w, ybar + bh + 2 - (ytext - 2)};
}

box layout_phase_word(int w, int h)
{
    int m = layout_margin(w, h);
    if (layout_portrait(w, h)) {
        float cx, cy;
        layout_circle_center(w, h, &cx, &cy);
        int y = (int)(cy + rmax_of(w, h) * 1.15f) + m;
        int big = imax(24, w / 10);
        return (box){m, y, w - 2 * m, big * 5 / 4};
    }
    int x = (int)(0.52f * w), big = imax(24, h / 10);
    return (box){x, (int)(0.12f * h), w - x - m, big * 5 / 4};
}

box layout_status(int w, int h)
{
    box word = layout_phase_word(w, h), band = layout_caption_band(w, h);
    int y = word.y + word.h;
    return (box){word.x, y, word.w, band.y - y};
}

box layout_title(int w, int h)
{
    int m = layout_margin(w, h), small = imax(14, h / 32);
    return (box){0, 0, w, m + small * 3 / 2};
}

box layout_overlay_word(int w, int h)
{
    int px = imax(24, imin(w, h) / 8);
    return (box){0, h / 2 - px, w, px * 6 / 5};
}

box layout_end_words(int w, int h)
{
    int px = imax(28, imin(w, h) / 7);
    return (box){0, h / 4, w, px * 6 / 5};
}

box layout_breath_area(int w, int h)
{
    float cx, cy, r = rmax_of(w, h);
    layout_circle_center(w, h, &cx, &cy);
    float ring = 1.09f * r + fmaxf(4.0f, 0.05f * r) / 2 + 3;
    return (box){(int)(cx - ring), (int)(cy - ring), (int)(2 * ring) + 1, (int)(2 * ring) + 1};
}

void layout_menu_card(int w, int h, box *first, int *step)
{
    int m = imax(16, h / 30);
    int card_h = imax(96, (layout_portrait(w, h) ? w : h) / 6);
    int top = imax(48, h / 7);
    *first = (box){m, top, w - 2 * m, card_h};
    *step = card_h + card_h / 6;
}

double measure_circle_radius(const image *im, const theme *th)
{
    float cx, cy;
    layout_circle_center(im->w, im->h, &cx, &cy);
    box area = box_clip(layout_breath_area(im->w, im->h), im);
    int y = (int)cy;
    rgb others[8];
    int n = palette_others(th, th->accent, others);
    int left = -1, right = -1;
    for (int x = area.x; x < area.x + area.w; x++) {
        if (nearest_is(image_at(im, x, y), th->accent, others, n)) {
            if (left < 0)
                left = x;
            right = x;
        }
    }
    if (left < 0)
        return 0;
    return (right + 1 - left) / 2.0;
}
