/* pngdiff.c - compares two pictures of the same size, inside and outside a rectangle.
 *
 *   pngdiff A.png B.png X Y W H
 *
 * Prints "inside N outside M": how many pixels differ (by more than a few levels in any
 * channel) inside the rectangle and outside it. Exit status 0, or 2 when a picture cannot be
 * read or the sizes differ. */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>

static SDL_Surface *load(const char *path)
{
    SDL_Surface *s = IMG_Load(path);
    if (!s) {
        fprintf(stderr, "pngdiff: cannot read %s: %s\n", path, IMG_GetError());
        return NULL;
    }
    SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(s);
    if (!c)
        fprintf(stderr, "pngdiff: cannot convert %s: %s\n", path, SDL_GetError());
    return c;
}

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: pngdiff A.png B.png X Y W H\n");
        return 2;
    }
    const int rx = atoi(argv[3]), ry = atoi(argv[4]), rw = atoi(argv[5]), rh = atoi(argv[6]);
    SDL_Surface *a = load(argv[1]), *b = a ? load(argv[2]) : NULL;
    int rc = 2;
    if (a && b && (a->w != b->w || a->h != b->h)) {
        fprintf(stderr, "pngdiff: %dx%d and %dx%d differ in size\n", a->w, a->h, b->w, b->h);
    } else if (a && b) {
        long inside = 0, outside = 0;
        for (int y = 0; y < a->h; y++) {
            const Uint8 *pa = (const Uint8 *)a->pixels + (size_t)y * (size_t)a->pitch;
            const Uint8 *pb = (const Uint8 *)b->pixels + (size_t)y * (size_t)b->pitch;
            for (int x = 0; x < a->w; x++) {
                int differs = 0;
                for (int k = 0; k < 4; k++)
                    differs |= abs(pa[4 * x + k] - pb[4 * x + k]) > 8;
                if (!differs)
                    continue;
                if (x >= rx && x < rx + rw && y >= ry && y < ry + rh)
                    inside++;
                else
                    outside++;
            }
        }
        printf("inside %ld outside %ld\n", inside, outside);
        rc = 0;
    }
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    IMG_Quit();
    SDL_Quit();
    return rc;
}
