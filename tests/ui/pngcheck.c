/* pngcheck.c - pixel facts from a screenshot, for the window test (window_test.sh).
 *
 *   pngcheck size FILE                          W H
 *   pngcheck theme NAME COLOUR                  RRGGBB of a theme colour (bg, panel, text,
 *                                               muted, accent, ring, track)
 *   pngcheck count FILE RRGGBB TOL [REGION]     pixels within TOL of the colour
 *   pngcheck ink FILE FG BG [REGION]            text pixels of colour FG on background BG
 *   pngcheck diff A B [REGION] [TOL]            pixels that differ by more than TOL (0)
 *   pngcheck iou A B RRGGBB TOL [REGION]        overlap of the two masks of the colour, 0..1
 *   pngcheck mean FILE [REGION]                 mean relative luminance, 0..1
 *   pngcheck colors FILE [REGION]               distinct colours (1: blank)
 *   pngcheck vruns FILE X RRGGBB TOL            runs of the colour down column X: "y length"
 *   pngcheck findtext FILE TEXT PX BOLD RRGGBB  where TEXT is drawn in that colour at that
 *                                               pixel size (the font in assets/): "x y", or
 *                                               exit status 1 when it is not there
 *   pngcheck stilldiff A B [TOL]                pixels that differ by more than TOL (0) outside
 *                                               the breath area and the progress: the player's
 *                                               still layer
 *   pngcheck offdisc FILE RRGGBB TOL            the breathing circle in that colour: its radius
 *                                               on the row through its centre, and the pixels
 *                                               of the colour in the breath area farther than
 *                                               that from the centre: "r count"
 *
 * REGION is x,y,w,h or the name of a part of the player's layout at the picture's size:
 * all, caption, progress, word, status, title, overlay, end, breath. Exit status: 0, 1 for
 * "not found", 2 for a wrong command line, 3 for a file that cannot be read. */
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pixels.h"

static int usage(void)
{
    fprintf(stderr, "usage: pngcheck size|theme|count|ink|diff|iou|mean|colors|vruns|findtext|stilldiff|offdisc ... (see pngcheck.c)\n");
    return 2;
}

static int load(const char *path, image *im)
{
    char err[600];
    if (image_load(path, im, err, sizeof err) != 0) {
        fprintf(stderr, "pngcheck: %s\n", err);
        return -1;
    }
    return 0;
}

static int region(const char *s, const image *im, box *b)
{
    int w = im->w, h = im->h;
    if (!s || strcmp(s, "all") == 0)
        *b = image_box(im);
    else if (strcmp(s, "caption") == 0)
        *b = layout_caption_band(w, h);
    else if (strcmp(s, "progress") == 0)
        *b = layout_progress(w, h);
    else if (strcmp(s, "word") == 0)
        *b = layout_phase_word(w, h);
    else if (strcmp(s, "status") == 0)
        *b = layout_status(w, h);
    else if (strcmp(s, "title") == 0)
        *b = layout_title(w, h);
    else if (strcmp(s, "overlay") == 0)
        *b = layout_overlay_word(w, h);
    else if (strcmp(s, "end") == 0)
        *b = layout_end_words(w, h);
    else if (strcmp(s, "breath") == 0)
        *b = layout_breath_area(w, h);
    else if (sscanf(s, "%d,%d,%d,%d", &b->x, &b->y, &b->w, &b->h) != 4) {
        fprintf(stderr, "pngcheck: unknown region '%s'\n", s);
        return -1;
    }
    *b = box_clip(*b, im);
    return 0;
}

static int colour(const char *s, rgb *c)
{
    if (rgb_parse(s, c) != 0) {
        fprintf(stderr, "pngcheck: '%s' is not a colour (RRGGBB)\n", s);
        return -1;
    }
    return 0;
}

static int cmd_theme(int argc, char **argv)
{
    if (argc != 4)
        return usage();
    const theme *th = theme_find(argv[2]);
    if (!th) {
        fprintf(stderr, "pngcheck: unknown theme '%s'\n", argv[2]);
        return 2;
    }
    const struct {
        const char *name;
        rgb c;
    } all[] = {{"bg", th->bg},         {"panel", th->panel}, {"text", th->text}, {"muted", th->muted},
               {"accent", th->accent}, {"ring", th->ring},   {"track", th->track}};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(all[i].name, argv[3]) == 0) {
            printf("%02x%02x%02x\n", all[i].c.r, all[i].c.g, all[i].c.b);
            return 0;
        }
    fprintf(stderr, "pngcheck: unknown theme colour '%s'\n", argv[3]);
    return 2;
}

static int colours_in(const image *im, box b)
{
    /* distinct 24-bit colours: a bitmap of 2^24 bits */
    uint8_t *seen = calloc(1u << 21, 1);
    if (!seen)
        return -1;
    int n = 0;
    for (int y = b.y; y < b.y + b.h; y++)
        for (int x = b.x; x < b.x + b.w; x++) {
            uint32_t c = im->px[(size_t)y * im->w + x] & 0xffffff;
            if (!(seen[c >> 3] & (1u << (c & 7)))) {
                seen[c >> 3] |= (uint8_t)(1u << (c & 7));
                n++;
            }
        }
    free(seen);
    return n;
}

/* The text as the player draws it (TTF_RenderUTF8_Blended, the shipped font), searched over
 * the whole picture: every fully covered pixel of the glyphs must be the colour, and nine in
 * ten of the uncovered pixels of its box must not be. */
static int cmd_findtext(int argc, char **argv)
{
    if (argc != 7)
        return usage();
    image im;
    rgb fg;
    int px = atoi(argv[4]), bold = atoi(argv[5]);
    if (colour(argv[6], &fg) != 0 || px < 6 || px > 400)
        return 2;
    if (load(argv[2], &im) != 0)
        return 3;
    const char *dir = getenv("PACER_ASSETS");
    char font_path[1200];
    snprintf(font_path, sizeof font_path, "%s/fonts/%s", dir && *dir ? dir : PACER_ASSETS_DIR,
             bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf");
    if (TTF_Init() < 0) {
        image_free(&im);
        return 3;
    }
    TTF_Font *f = TTF_OpenFont(font_path, px);
    SDL_Surface *s = f ? TTF_RenderUTF8_Blended(f, argv[3], (SDL_Color){fg.r, fg.g, fg.b, 255}) : NULL;
    SDL_Surface *t = s ? SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    if (!t) {
        fprintf(stderr, "pngcheck: cannot draw the text with %s\n", font_path);
        image_free(&im);
        return 3;
    }
    int tw = t->w, th = t->h;
    int *ink = malloc(sizeof(int) * 2 * (size_t)tw * th), *clear = malloc(sizeof(int) * 2 * (size_t)tw * th);
    int nink = 0, nclear = 0;
    SDL_LockSurface(t);
    for (int y = 0; y < th; y++)
        for (int x = 0; x < tw; x++) {
            uint8_t a = (uint8_t)(((const uint32_t *)((const uint8_t *)t->pixels + (size_t)y * t->pitch))[x] >> 24);
            if (a >= 250) {
                ink[2 * nink] = x;
                ink[2 * nink + 1] = y;
                nink++;
            } else if (a == 0) {
                clear[2 * nclear] = x;
                clear[2 * nclear + 1] = y;
                nclear++;
            }
        }
    SDL_UnlockSurface(t);
    int found = 0, fx = 0, fy = 0;
    const int tol = 48;
    for (int oy = 0; oy + th <= im.h && !found && nink > 0; oy++)
        for (int ox = 0; ox + tw <= im.w && !found; ox++) {
            int ok = 1;
            for (int i = 0; i < nink && ok; i++)
                ok = rgb_dist(image_at(&im, ox + ink[2 * i], oy + ink[2 * i + 1]), fg) <= tol;
            if (!ok)
                continue;
            int bad = 0;
            for (int i = 0; i < nclear; i++)
                bad += rgb_dist(image_at(&im, ox + clear[2 * i], oy + clear[2 * i + 1]), fg) <= tol;
            if (bad * 10 <= nclear) {
                found = 1;
                fx = ox;
                fy = oy;
            }
        }
    free(ink);
    free(clear);
    SDL_FreeSurface(t);
    SDL_FreeSurface(s);
    TTF_CloseFont(f);
    TTF_Quit();
    image_free(&im);
    if (!found) {
        printf("not found\n");
        return 1;
    }
    printf("%d %d\n", fx, fy);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return usage();
    const char *cmd = argv[1];
    if (strcmp(cmd, "theme") == 0)
        return cmd_theme(argc, argv);
    if (strcmp(cmd, "findtext") == 0)
        return cmd_findtext(argc, argv);

    image a;
    if (load(argv[2], &a) != 0)
        return 3;
    int rc = 0;
    box b;
    rgb c, c2;
    if (strcmp(cmd, "size") == 0) {
        printf("%d %d\n", a.w, a.h);
    } else if (strcmp(cmd, "count") == 0 && (argc == 5 || argc == 6)) {
        if (colour(argv[3], &c) || region(argc == 6 ? argv[5] : NULL, &a, &b))
            rc = 2;
        else
            printf("%ld\n", count_near(&a, b, c, atoi(argv[4])));
    } else if (strcmp(cmd, "ink") == 0 && (argc == 5 || argc == 6)) {
        if (colour(argv[3], &c) || colour(argv[4], &c2) || region(argc == 6 ? argv[5] : NULL, &a, &b))
            rc = 2;
        else
            printf("%ld\n", count_ink(&a, b, c, c2));
    } else if ((strcmp(cmd, "diff") == 0 && argc >= 4 && argc <= 6) ||
               (strcmp(cmd, "iou") == 0 && (argc == 6 || argc == 7))) {
        image o;
        if (load(argv[3], &o) != 0) {
            rc = 3;
        } else if (o.w != a.w || o.h != a.h) {
            fprintf(stderr, "pngcheck: the pictures differ in size (%dx%d, %dx%d)\n", a.w, a.h, o.w, o.h);
            rc = 2;
        } else if (cmd[0] == 'd') {
            if (region(argc >= 5 ? argv[4] : NULL, &a, &b))
                rc = 2;
            else
                printf("%ld\n", count_diff(&a, &o, b, argc == 6 ? atoi(argv[5]) : 0));
        } else {
            if (colour(argv[4], &c) || region(argc == 7 ? argv[6] : NULL, &a, &b))
                rc = 2;
            else
                printf("%.4f\n", mask_iou(&a, &o, b, c, atoi(argv[5])));
        }
        image_free(&o);
    } else if (strcmp(cmd, "stilldiff") == 0 && (argc == 4 || argc == 5)) {
        image o;
        if (load(argv[3], &o) != 0) {
            rc = 3;
        } else if (o.w != a.w || o.h != a.h) {
            fprintf(stderr, "pngcheck: the pictures differ in size (%dx%d, %dx%d)\n", a.w, a.h, o.w, o.h);
            rc = 2;
        } else {
            box breath = layout_breath_area(a.w, a.h), prog = layout_progress(a.w, a.h);
            int tol = argc == 5 ? atoi(argv[4]) : 0;
            long n = 0;
            for (int y = 0; y < a.h; y++)
                for (int x = 0; x < a.w; x++) {
                    if ((x >= breath.x && x < breath.x + breath.w && y >= breath.y && y < breath.y + breath.h) ||
                        (x >= prog.x && x < prog.x + prog.w && y >= prog.y && y < prog.y + prog.h))
                        continue;
                    n += rgb_dist(image_at(&a, x, y), image_at(&o, x, y)) > tol;
                }
            printf("%ld\n", n);
        }
        image_free(&o);
    } else if (strcmp(cmd, "offdisc") == 0 && argc == 5) {
        int tol = atoi(argv[4]);
        if (colour(argv[3], &c)) {
            rc = 2;
        } else {
            float cx, cy;
            layout_circle_center(a.w, a.h, &cx, &cy);
            box area = box_clip(layout_breath_area(a.w, a.h), &a);
            int left = -1, right = -1, y = (int)cy;
            for (int x = area.x; x < area.x + area.w; x++)
                if (rgb_dist(image_at(&a, x, y), c) <= tol) {
                    if (left < 0)
                        left = x;
                    right = x;
                }
            double r = left < 0 ? 0 : (right + 1 - left) / 2.0, lim = (r + 1.5) * (r + 1.5);
            long n = 0;
            for (int py = area.y; py < area.y + area.h; py++)
                for (int px = area.x; px < area.x + area.w; px++) {
                    double dx = px + 0.5 - cx, dy = py + 0.5 - cy;
                    n += dx * dx + dy * dy > lim && rgb_dist(image_at(&a, px, py), c) <= tol;
                }
            printf("%.1f %ld\n", r, n);
        }
    } else if (strcmp(cmd, "mean") == 0 && (argc == 3 || argc == 4)) {
        if (region(argc == 4 ? argv[3] : NULL, &a, &b))
            rc = 2;
        else
            printf("%.5f\n", mean_luminance(&a, b));
    } else if (strcmp(cmd, "colors") == 0 && (argc == 3 || argc == 4)) {
        if (region(argc == 4 ? argv[3] : NULL, &a, &b))
            rc = 2;
        else
            printf("%d\n", colours_in(&a, b));
    } else if (strcmp(cmd, "vruns") == 0 && argc == 6) {
        int x = atoi(argv[3]), tol = atoi(argv[5]);
        if (colour(argv[4], &c) || x < 0 || x >= a.w) {
            rc = 2;
        } else {
            for (int y = 0; y < a.h;) {
                if (rgb_dist(image_at(&a, x, y), c) > tol) {
                    y++;
                    continue;
                }
                int y0 = y;
                while (y < a.h && rgb_dist(image_at(&a, x, y), c) <= tol)
                    y++;
                printf("%d %d\n", y0, y - y0);
            }
        }
    } else {
        rc = usage();
    }
    image_free(&a);
    return rc;
}
