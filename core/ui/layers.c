/* layers.c - the playing frame in two layers, redrawn only where it changed. */
#include "layers.h"

#include <string.h>

void layers_invalidate(player_layers *L)
{
    L->valid = 0;
    L->still_sig = 0; /* a target texture's pixels can be lost with the window's: draw it too */
}

void layers_free(player_layers *L)
{
    if (L->still)
        SDL_DestroyTexture(L->still);
    draw_list_free(&L->last);
    draw_list_free(&L->now);
    Uint32 format = L->format;
    memset(L, 0, sizeof *L);
    L->format = format;
}

static int whole(player_layers *L, draw_ctx *d, int w, int h, const scene_look *look, const player_scene *ps)
{
    L->valid = 0;
    scene_player(d, w, h, look, ps, NULL);
    return -1;
}

int layers_draw(player_layers *L, draw_ctx *d, int w, int h, const scene_look *look, const player_scene *ps,
                SDL_Rect rects[LAYERS_MAX_RECTS])
{
    SDL_Renderer *r = draw_renderer(d);
    unsigned long long sig = scene_still_signature(w, h, look, ps);
    int full = !L->valid;
    if (!L->still || L->w != w || L->h != h) {
        if (L->still)
            SDL_DestroyTexture(L->still);
        L->still = SDL_CreateTexture(r, L->format ? L->format : SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
        L->w = w, L->h = h;
        if (!L->still)
            return whole(L, d, w, h, look, ps);
        SDL_SetTextureBlendMode(L->still, SDL_BLENDMODE_NONE);
        L->still_sig = sig + 1; /* draw it */
    }
    if (sig != L->still_sig) {
        SDL_SetRenderTarget(r, L->still);
        scene_player_still(d, w, h, look, ps);
        SDL_SetRenderTarget(r, NULL);
        L->still_sig = sig;
        full = 1;
    }
    draw_list_clear(&L->now);
    draw_record(d, &L->now);
    scene_player_moving(d, w, h, look, ps);
    draw_record(d, NULL);
    if (L->now.lost) { /* out of memory: not every call was kept */
        L->still_sig = sig + 1;
        return whole(L, d, w, h, look, ps);
    }
    int n = -1;
    if (full) {
        SDL_RenderCopy(r, L->still, NULL, NULL);
        draw_replay(d, &L->now, NULL);
    } else {
        int got = draw_list_diff(&L->last, &L->now, rects, LAYERS_MAX_RECTS);
        SDL_Rect screen = {0, 0, w, h};
        n = 0;
        for (int i = 0; i < got; i++) {
            SDL_Rect on;
            if (SDL_IntersectRect(&rects[i], &screen, &on))
                rects[n++] = on;
        }
        for (int i = 0; i < n; i++) {
            SDL_RenderSetClipRect(r, &rects[i]);
            SDL_RenderCopy(r, L->still, &rects[i], &rects[i]);
            draw_replay(d, &L->now, &rects[i]);
        }
        SDL_RenderSetClipRect(r, NULL);
    }
    draw_list t = L->last;
    L->last = L->now;
    L->now = t;
    L->valid = 1;
    return n;
}
