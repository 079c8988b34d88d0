/* draw.h - a small drawing kit over SDL_Renderer: anti-aliased discs and rings, bars, and
 * text through SDL2_ttf with the font shipped in assets/. */
#ifndef PACER_DRAW_H
#define PACER_DRAW_H

#include <SDL.h>

#include "theme.h"

typedef struct draw_ctx draw_ctx;

typedef enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } text_align;

/* Opens the fonts in assets_dir/fonts. NULL with err on failure. */
draw_ctx *draw_open(SDL_Renderer *r, const char *assets_dir, char *err, size_t n);
void draw_close(draw_ctx *d);
SDL_Renderer *draw_renderer(draw_ctx *d);

void draw_fill(draw_ctx *d, rgb c);
void draw_rect(draw_ctx *d, SDL_Rect r, rgb c);
void draw_round_rect(draw_ctx *d, SDL_Rect r, int radius, rgb c);
void draw_disc(draw_ctx *d, float cx, float cy, float radius, rgb c);
/* An arc of a ring from the top, clockwise, over fraction (0..1) of the circle. */
void draw_arc(draw_ctx *d, float cx, float cy, float radius, float thickness, float fraction, rgb c);

/* Text: px is the font's pixel height; wrap_w > 0 wraps lines at that width. Returns the
 * height drawn. (x, y) is the top of the text, horizontally by align. */
int draw_text(draw_ctx *d, const char *utf8, int px, int bold, rgb c, int x, int y, text_align align, int wrap_w);
/* One line shrunk (to 60 % at most) until it fits max_w; wrapped only if it still does not. */
int draw_text_fit(draw_ctx *d, const char *utf8, int px, int bold, rgb c, int x, int y, text_align align, int max_w);
/* The size and wrap width draw_text_fit would draw s with: returns the size, *wrap_w 0 for
 * one line. */
int draw_fit_size(draw_ctx *d, const char *s, int px, int bold, int max_w, int *wrap_w);
/* The size the text would take. */
void draw_text_size(draw_ctx *d, const char *utf8, int px, int bold, int wrap_w, int *w, int *h);

/* ---- a layer's drawing calls, kept to redraw only what changed between two frames ---- */
typedef struct draw_op draw_op;
typedef struct draw_list {
    draw_op *ops;
    int n, cap;
    int lost; /* a call could not be kept (out of memory): the list is not the whole layer */
} draw_list;

/* While l is set, the draw_* calls above are appended to l (with the area each can touch)
 * instead of drawn; NULL draws again. */
void draw_record(draw_ctx *d, draw_list *l);
/* Draws the calls of l in order; with clip, only those that reach into it (the renderer's
 * clip rectangle is the caller's: set it to clip for the same pixels as a whole redraw). */
void draw_replay(draw_ctx *d, const draw_list *l, const SDL_Rect *clip);
/* Where two frames drawn from a and b can differ: the areas of the calls that differ, matched
 * by their place in the lists, merged into at most max rectangles. Returns the count. */
int draw_list_diff(const draw_list *a, const draw_list *b, SDL_Rect *out, int max);
void draw_list_clear(draw_list *l);
void draw_list_free(draw_list *l);

/* The folder with fonts/: $PACER_ASSETS, the installed share/pacer/assets, or the source tree. */
const char *assets_dir(char *buf, size_t n);

#endif
