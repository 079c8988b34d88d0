/* snapshot.c - the software renderer on a plain surface, then SDL2_image's PNG writer into an
 * outfile (outfile.h). */
#include "snapshot.h"

#include <SDL_image.h>
#include <stdio.h>

#include "outfile.h"

/* What a picture shows: a moment of a session, or the Progress figures. */
typedef struct picture {
    const timeline *t;
    int64_t frame;
    const progress_view *progress;
} picture;

static void draw_picture(draw_ctx *d, const picture *pic, const snapshot_opts *o)
{
    if (pic->progress) {
        scene_progress(d, o->w, o->h, &o->look, pic->progress);
        return;
    }
    const timeline *t = pic->t;
    view_model v;
    view_at(t, pic->frame, &v);
    if (v.ended) {
        scene_end(d, o->w, o->h, &o->look, t->title ? t->title : "", t->frames, 1);
    } else {
        /* the way nobody answers, as `pacer render` plays it; an open question shows its buttons */
        v.elapsed -= timeline_skipped_before(t, NULL, v.elapsed);
        v.total -= timeline_skipped_before(t, NULL, t->frames);
        player_scene ps = {.v = &v, .title = t->title ? t->title : "", .state = o->state, .sound = 1,
                           .yesno = timeline_ask_at(t, pic->frame) >= 0};
        scene_player(d, o->w, o->h, &o->look, &ps, NULL);
    }
}

static int write_picture(const picture *pic, const snapshot_opts *o, const char *png_path, char *err, size_t n)
{
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, o->w, o->h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!surf) {
        snprintf(err, n, "cannot make a %dx%d picture: %s", o->w, o->h, SDL_GetError());
        return -1;
    }
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(surf);
    if (!r) {
        snprintf(err, n, "cannot draw: %s", SDL_GetError());
        SDL_FreeSurface(surf);
        return -1;
    }
    char assets[4096];
    draw_ctx *d = draw_open(r, assets_dir(assets, sizeof assets), err, n);
    if (!d) {
        SDL_DestroyRenderer(r);
        SDL_FreeSurface(surf);
        return -1;
    }
    draw_picture(d, pic, o);
    SDL_RenderPresent(r);
    draw_close(d);
    SDL_DestroyRenderer(r);

    /* through an outfile: the picture appears whole under its name, or not at all */
    outfile file;
    int rc = outfile_open(&file, png_path, 0, err, n);
    if (rc == 0) {
        SDL_RWops *rw = SDL_RWFromFP(file.f, SDL_FALSE);
        if (!rw || IMG_SavePNG_RW(surf, rw, 0) != 0) {
            snprintf(err, n, "cannot write %s: %s", png_path, IMG_GetError());
            rc = -1;
        }
        if (rw)
            SDL_RWclose(rw); /* the FILE stays open: the outfile closes it */
        if (rc == 0)
            rc = outfile_commit(&file, err, n);
        else
            outfile_abort(&file);
    }
    SDL_FreeSurface(surf);
    return rc;
}

int snapshot_write(const timeline *t, int64_t frame, const snapshot_opts *o, const char *png_path, char *err,
                   size_t n)
{
    picture pic = {.t = t, .frame = frame};
    return write_picture(&pic, o, png_path, err, n);
}

int snapshot_progress_write(const progress_view *p, const snapshot_opts *o, const char *png_path, char *err, size_t n)
{
    picture pic = {.progress = p};
    return write_picture(&pic, o, png_path, err, n);
}
