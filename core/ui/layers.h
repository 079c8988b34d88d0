/* layers.h - the playing frame in two layers, redrawn only where it changed.
 *
 * The still layer (background, words, card, caption) is drawn into a texture when it
 * changes; the moving layer (the breathing visual, the countdown, the progress) is recorded as
 * a list of drawing calls each frame and compared with the last frame's. Only the rectangles
 * where the two lists differ are drawn again (the still layer copied, then the moving calls
 * that reach into them), so the target must still hold the frame drawn last time. Inside
 * and outside those rectangles the pixels are exactly those of scene_player's whole frame. */
#ifndef PACER_LAYERS_H
#define PACER_LAYERS_H

#include "scene.h"

typedef struct player_layers {
    Uint32 format; /* the still layer's pixel format: the target's, so copying it is a plain copy
                    * (0: ARGB8888) */
    SDL_Texture *still;
    int w, h;
    unsigned long long still_sig;
    draw_list last, now; /* the moving layer's calls: last frame's and this one's */
    int valid;           /* the target holds the last frame drawn here */
} player_layers;

/* At most this many rectangles come back from layers_draw. */
enum { LAYERS_MAX_RECTS = 40 };

/* Draws the playing frame (no overlay) onto the renderer's target. Returns the number of
 * rectangles that changed, written to rects (0: nothing did), or -1 when the whole frame was
 * drawn (the first frame, after layers_invalidate, or when the still layer changed). */
int layers_draw(player_layers *L, draw_ctx *d, int w, int h, const scene_look *look, const player_scene *ps,
                SDL_Rect rects[LAYERS_MAX_RECTS]);
/* The target no longer holds the last frame (another screen was drawn, the window was
 * resized, exposed or lost its pixels): the next frame is drawn whole. */
void layers_invalidate(player_layers *L);
void layers_free(player_layers *L);

#endif
