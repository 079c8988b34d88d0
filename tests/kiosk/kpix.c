/* kpix.c - measures screenshots for the kiosk tests (kiosk_test.sh).
 *
 *   kpix size FILE                                  "W H"
 *   kpix diff A B TOL [X Y W H]                     pixels that differ by more than TOL
 *   kpix count FILE RRGGBB TOL [X Y W H]            pixels within TOL of a colour
 *   kpix bbox FILE RRGGBB TOL [X Y W H]             "x0 y0 x1 y1 n" of those pixels (exit 1: none)
 *   kpix vruns FILE X RRGGBB TOL [MINLEN]           runs of the colour down column X: "y len"
 *   kpix findtext FILE TEXT PX BOLD RRGGBB [X Y W H]
 *                                                   where TEXT is drawn as core/ui/draw.c draws
 *                                                   it (DejaVu at PX, bold 0/1): "x y SHOWN ALL"
 *                                                   (its top left; solid pixels on screen, of
 *                                                   all); exit 1 when it is not there.
 *                                                   With KPIX_FIT=MAXW in the environment the
 *                                                   size is first made smaller as draw_text_fit
 *                                                   does for a text wider than MAXW. With
 *                                                   KPIX_CLIPPED=N a text cut off by the bottom
 *                                                   edge counts when at least N of its solid
 *                                                   pixels show.
 *
 * A region is X Y W H in pixels; TOL is the largest difference allowed in any channel. */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct img {
    int w, h;
    unsigned char *px; /* RGB */
} img;

static int load(const char *path, img *out)
{
    SDL_Surface *s = IMG_Load(path);
    if (!s) {
        fprintf(stderr, "kpix: %s: %s\n", path, IMG_GetError());
        return -1;
    }
    SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
    SDL_FreeSurface(s);
    if (!c) {
        fprintf(stderr, "kpix: %s: %s\n", path, SDL_GetError());
        return -1;
    }
    out->w = c->w;
    out->h = c->h;
    out->px = malloc((size_t)c->w * (size_t)c->h * 3);
    if (!out->px) {
        SDL_FreeSurface(c);
        return -1;
    }
    for (int y = 0; y < c->h; y++)
        memcpy(out->px + (size_t)y * (size_t)c->w * 3, (unsigned char *)c->pixels + (size_t)y * (size_t)c->pitch,
               (size_t)c->w * 3);
    SDL_FreeSurface(c);
    return 0;
}

static int parse_colour(const char *s, unsigned char rgb[3])
{
    if (s[0] == '#')
        s++;
    if (strlen(s) != 6)
        return -1;
    char *end;
    unsigned long v = strtoul(s, &end, 16);
    if (*end)
        return -1;
    rgb[0] = (unsigned char)(v >> 16);
    rgb[1] = (unsigned char)(v >> 8);
    rgb[2] = (unsigned char)v;
    return 0;
}

static int near(const unsigned char *p, const unsigned char c[3], int tol)
{
    for (int i = 0; i < 3; i++)
        if (abs((int)p[i] - (int)c[i]) > tol)
            return 0;
    return 1;
}

typedef struct region {
    int x, y, w, h;
} region;

/* The region from argv[i..i+3] if given, else the whole image; clipped to it. */
static region get_region(int argc, char **argv, int i, const img *im)
{
    region r = {0, 0, im->w, im->h};
    if (argc >= i + 4) {
        r.x = atoi(argv[i]);
        r.y = atoi(argv[i + 1]);
        r.w = atoi(argv[i + 2]);
        r.h = atoi(argv[i + 3]);
    }
    if (r.x < 0)
        r.w += r.x, r.x = 0;
    if (r.y < 0)
        r.h += r.y, r.y = 0;
    if (r.x + r.w > im->w)
        r.w = im->w - r.x;
    if (r.y + r.h > im->h)
        r.h = im->h - r.y;
    if (r.w < 0)
        r.w = 0;
    if (r.h < 0)
        r.h = 0;
    return r;
}

static const unsigned char *at(const img *im, int x, int y) { return im->px + ((size_t)y * (size_t)im->w + (size_t)x) * 3; }

static int usage(void)
{
    fprintf(stderr, "usage: kpix size|diff|count|bbox|vruns|findtext ... (see kpix.c)\n");
    return 2;
}

static int cmd_findtext(int argc, char **argv, const img *im)
{
    const char *text = argv[3];
    int px = atoi(argv[4]), bold = atoi(argv[5]);
    unsigned char c[3];
    if (px < 6 || parse_colour(argv[6], c) < 0)
        return usage();
    region r = get_region(argc, argv, 7, im);
    if (TTF_Init() < 0)
        return 2;
    char path[4200];
    snprintf(path, sizeof path, "%s/fonts/%s", PACER_ASSETS_DIR, bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf");
    TTF_Font *f = TTF_OpenFont(path, px);
    if (!f) {
        fprintf(stderr, "kpix: %s: %s\n", path, TTF_GetError());
        return 2;
    }
    const char *fit = getenv("KPIX_FIT");
    if (fit && atoi(fit) > 0) {
        /* as draw_text_fit (core/ui/draw.c): 9/10 at a time, down to 6/10 */
        int max_w = atoi(fit), min_px = px * 6 / 10 > 10 ? px * 6 / 10 : 10, tw = 0, th = 0;
        TTF_SizeUTF8(f, text, &tw, &th);
        while (tw > max_w && px > min_px) {
            px = px * 9 / 10;
            TTF_CloseFont(f);
            f = TTF_OpenFont(path, px);
            if (!f)
                return 2;
            TTF_SizeUTF8(f, text, &tw, &th);
        }
    }
    SDL_Surface *s0 = TTF_RenderUTF8_Blended(f, text, (SDL_Color){255, 255, 255, 255});
    SDL_Surface *s = s0 ? SDL_ConvertSurfaceFormat(s0, SDL_PIXELFORMAT_RGBA32, 0) : NULL;
    if (!s) {
        fprintf(stderr, "kpix: cannot render '%s'\n", text);
        return 2;
    }
    /* the glyphs' solid pixels must be the colour; the empty ones around them must not */
    int n = s->w * s->h, non = 0, noff = 0;
    int *on = malloc(sizeof(int) * 2 * (size_t)n), *off = malloc(sizeof(int) * 2 * (size_t)n);
    if (!on || !off)
        return 2;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            unsigned char a = ((unsigned char *)s->pixels)[(size_t)y * (size_t)s->pitch + (size_t)x * 4 + 3];
            if (a >= 250)
                on[2 * non] = x, on[2 * non + 1] = y, non++;
            else if (a == 0)
                off[2 * noff] = x, off[2 * noff + 1] = y, noff++;
        }
    const char *clip_env = getenv("KPIX_CLIPPED");
    int clip_min = clip_env ? atoi(clip_env) : 0;
    int found = 0, fx = 0, fy = 0, shown = 0;
    if (non > 0) {
        int ax = on[0], ay = on[1];
        for (int y = r.y; y < r.y + r.h && !found; y++) {
            for (int x = r.x; x < r.x + r.w && !found; x++) {
                if (!near(at(im, x, y), c, 24))
                    continue;
                int ox = x - ax, oy = y - ay;
                if (ox < 0 || oy < 0 || ox + s->w > im->w)
                    continue;
                if (oy + s->h > im->h && clip_min <= 0)
                    continue;
                /* the text's rows on screen (all of them unless cut off at the bottom) */
                int rows = im->h - oy < s->h ? im->h - oy : s->h;
                int von = 0, bad = 0;
                for (int i = 0; i < non; i++)
                    von += on[2 * i + 1] < rows;
                if (von < (rows < s->h ? clip_min : 1))
                    continue;
                int limit = von / 20;
                for (int i = 0; i < non && bad <= limit; i++)
                    if (on[2 * i + 1] < rows)
                        bad += !near(at(im, ox + on[2 * i], oy + on[2 * i + 1]), c, 24);
                if (bad > limit)
                    continue;
                int voff = 0, lit = 0;
                for (int i = 0; i < noff; i++)
                    voff += off[2 * i + 1] < rows;
                int olimit = voff / 10;
                for (int i = 0; i < noff && lit <= olimit; i++)
                    if (off[2 * i + 1] < rows)
                        lit += near(at(im, ox + off[2 * i], oy + off[2 * i + 1]), c, 24);
                if (lit > olimit)
                    continue;
                found = 1, fx = ox, fy = oy, shown = von;
            }
        }
    }
    free(on);
    free(off);
    SDL_FreeSurface(s);
    SDL_FreeSurface(s0);
    TTF_CloseFont(f);
    TTF_Quit();
    if (!found)
        return 1;
    printf("%d %d %d %d\n", fx, fy, shown, non);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return usage();
    const char *cmd = argv[1];
    static img a; /* static: still reachable at exit, not a leak to the sanitizers */
    if (load(argv[2], &a) < 0)
        return 2;
    if (strcmp(cmd, "size") == 0) {
        printf("%d %d\n", a.w, a.h);
        return 0;
    }
    if (strcmp(cmd, "diff") == 0) {
        static img b;
        if (argc < 4 || load(argv[3], &b) < 0)
            return 2;
        if (a.w != b.w || a.h != b.h) {
            printf("%d\n", a.w * a.h);
            return 0;
        }
        int tol = argc >= 5 ? atoi(argv[4]) : 0;
        region r = get_region(argc, argv, 5, &a);
        long n = 0;
        for (int y = r.y; y < r.y + r.h; y++)
            for (int x = r.x; x < r.x + r.w; x++)
                n += !near(at(&a, x, y), at(&b, x, y), tol);
        printf("%ld\n", n);
        return 0;
    }
    if (strcmp(cmd, "count") == 0 || strcmp(cmd, "bbox") == 0) {
        unsigned char c[3];
        if (argc < 5 || parse_colour(argv[3], c) < 0)
            return usage();
        int tol = atoi(argv[4]);
        region r = get_region(argc, argv, 5, &a);
        long n = 0;
        int x0 = a.w, y0 = a.h, x1 = -1, y1 = -1;
        for (int y = r.y; y < r.y + r.h; y++)
            for (int x = r.x; x < r.x + r.w; x++)
                if (near(at(&a, x, y), c, tol)) {
                    n++;
                    x0 = x < x0 ? x : x0, x1 = x > x1 ? x : x1;
                    y0 = y < y0 ? y : y0, y1 = y > y1 ? y : y1;
                }
        if (cmd[0] == 'c') {
            printf("%ld\n", n);
            return 0;
        }
        if (!n)
            return 1;
        printf("%d %d %d %d %ld\n", x0, y0, x1, y1, n);
        return 0;
    }
    if (strcmp(cmd, "vruns") == 0) {
        unsigned char c[3];
        if (argc < 6 || parse_colour(argv[4], c) < 0)
            return usage();
        int x = atoi(argv[3]), tol = atoi(argv[5]), minlen = argc >= 7 ? atoi(argv[6]) : 1;
        if (x < 0 || x >= a.w)
            return usage();
        int start = -1;
        for (int y = 0; y <= a.h; y++) {
            int in = y < a.h && near(at(&a, x, y), c, tol);
            if (in && start < 0)
                start = y;
            if (!in && start >= 0) {
                if (y - start >= minlen)
                    printf("%d %d\n", start, y - start);
                start = -1;
            }
        }
        return 0;
    }
    if (strcmp(cmd, "findtext") == 0) {
        if (argc < 7)
            return usage();
        return cmd_findtext(argc, argv, &a);
    }
    return usage();
}
