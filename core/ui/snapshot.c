/* snapshot.c - the software renderer on a plain surface, then libpng into an outfile
 * (outfile.h). */
#include "snapshot.h"

#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <zlib.h>

#include "i18n.h"
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
    player_scene ps;
    i18n_use(t->language); /* the player's screen speaks the session's language */
    if (snapshot_scene(t, pic->frame, o, &v, &ps))
        scene_end(d, o->w, o->h, &o->look, t->title ? t->title : "", t->frames, 1);
    else
        scene_player(d, o->w, o->h, &o->look, &ps, NULL);
    i18n_use(NULL);
}

int snapshot_scene(const timeline *t, int64_t frame, const snapshot_opts *o, view_model *v, player_scene *ps)
{
    view_at(t, frame, v);
    /* the way nobody answers, as `pacer render` plays it; an open question shows its buttons */
    v->elapsed -= timeline_skipped_before(t, NULL, v->elapsed);
    v->total = timeline_length(t);
    *ps = (player_scene){.v = v, .title = t->title ? t->title : "", .state = o->state, .sound = 1,
                         .yesno = timeline_ask_at(t, frame) >= 0};
    return v->ended;
}

/* The surface (ARGB8888) as an RGB PNG. Pictures are large areas of flat colour: one filter
 * (each row against the one above) and deflate's quickest level make a file about as small
 * as libpng's default (a search over five filters for every row, deflate level 6) in a
 * fifth of the time: 100 million instructions instead of 530 for a 1280x720 picture. */
/* libpng's failures are said once, by the caller, with the system's reason. */
static void png_failed(png_structp png, png_const_charp msg)
{
    (void)msg;
    png_longjmp(png, 1);
}

static void png_warned(png_structp png, png_const_charp msg)
{
    (void)png, (void)msg;
}

static int write_png(SDL_Surface *surf, FILE *f, char *err, size_t n)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_failed, png_warned);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    png_bytep row = malloc((size_t)surf->w * 3);
    if (!png || !info || !row) {
        snprintf(err, n, "out of memory");
        png_destroy_write_struct(&png, &info);
        free(row);
        return -1;
    }
    errno = 0;
    if (setjmp(png_jmpbuf(png))) {
        snprintf(err, n, "%s", ferror(f) && errno ? strerror(errno) : "the PNG encoder failed");
        png_destroy_write_struct(&png, &info);
        free(row);
        return -1;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)surf->w, (png_uint_32)surf->h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
    png_set_compression_level(png, Z_BEST_SPEED);
    png_write_info(png, info);
    for (int y = 0; y < surf->h; y++) {
        const Uint32 *px = (const Uint32 *)((const Uint8 *)surf->pixels + (size_t)y * (size_t)surf->pitch);
        for (int x = 0; x < surf->w; x++) {
            row[3 * x] = (png_byte)(px[x] >> 16);
            row[3 * x + 1] = (png_byte)(px[x] >> 8);
            row[3 * x + 2] = (png_byte)px[x];
        }
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);
    return 0;
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
        char why[128];
        if (write_png(surf, file.f, why, sizeof why) < 0) {
            snprintf(err, n, "cannot write %s: %s", png_path, why);
            rc = -1;
        }
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
