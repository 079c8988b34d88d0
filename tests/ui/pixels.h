/* pixels.h - reading facts from a rendered frame: colours, counts, regions, contrast.
 *
 * Shared by the snapshot tests (test_ui_snapshot.c) and the command-line checker the window
 * test uses on screenshots (pngcheck.c). The regions mirror the layout in core/ui/scene.c:
 * when that layout changes, layout_* below changes with it. */
#ifndef PACER_TEST_PIXELS_H
#define PACER_TEST_PIXELS_H

#include <SDL.h>
#include <stdint.h>

#include "theme.h"

typedef struct image {
    int w, h;
    uint32_t *px; /* 0xAARRGGBB, row by row */
} image;

typedef struct box {
    int x, y, w, h;
} box;

/* PNG (or anything SDL2_image reads) into an image. Returns 0, or -1 with err. */
int image_load(const char *path, image *im, char *err, size_t n);
/* A copy of a surface's pixels. Returns 0, or -1. */
int image_from_surface(SDL_Surface *s, image *im);
void image_free(image *im);
/* Writes the image as a PNG. Returns 0, or -1. */
int image_save(const image *im, const char *path);

rgb image_at(const image *im, int x, int y);
box image_box(const image *im);
box box_clip(box b, const image *im);

/* WCAG relative luminance 0..1 and contrast ratio 1..21. */
double rel_luminance(rgb c);
double wcag_ratio(rgb a, rgb b);
/* Largest channel difference. */
int rgb_dist(rgb a, rgb b);
/* Squared distance. */
int rgb_dist2(rgb a, rgb b);
int rgb_parse(const char *hex, rgb *c); /* "RRGGBB" or "#RRGGBB"; 0 or -1 */

/* Pixels within tol (largest channel difference) of c. */
long count_near(const image *im, box b, rgb c, int tol);
/* Pixels nearer to c than to every colour of others (squared distance). */
long count_nearest(const image *im, box b, rgb c, const rgb *others, int nothers);
/* The theme's palette without one colour: for count_nearest. Returns the count written. */
int palette_others(const theme *th, rgb except, rgb *out);
/* Pixels of b nearer to th's colour c than to any other colour of the theme. */
long count_theme(const image *im, box b, const theme *th, rgb c);
/* Text pixels on a plain background: nearer to fg than to bg, and at least half way from bg
 * towards fg in luminance. */
long count_ink(const image *im, box b, rgb fg, rgb bg);
/* The ink of text drawn in fg on bg inside b (count_ink's pixels): its bounding box (w = 0
 * when none), and in line_h the height of its tallest line, as OCR boxes a line: the rows
 * from the top of its ascenders to the bottom of its descenders, lines parted by rows with
 * no ink. */
box ink_box(const image *im, box b, rgb fg, rgb bg, int *line_h);
/* Bounding box of the pixels count_near would count; w = 0 when none. */
box bbox_near(const image *im, box b, rgb c, int tol);
/* Bounding box of pixels nearest to c among the theme's colours; w = 0 when none. */
box bbox_theme(const image *im, box b, const theme *th, rgb c);

double mean_luminance(const image *im, box b);
/* The most common colour in b. */
rgb most_common(const image *im, box b);
/* The pixel of b farthest in luminance from bg. */
rgb farthest_luminance(const image *im, box b, rgb bg);
/* Pixels that differ by more than tol between a and b (same size). */
long count_diff(const image *a, const image *b, box r, int tol);
/* Masks of pixels within tol of c in a and b: intersection over union, 0..1 (1 when both
 * are empty). */
double mask_iou(const image *a, const image *b, box r, rgb c, int tol);

/* ---- the layout of core/ui/scene.c ---- */
int layout_portrait(int w, int h);
int layout_margin(int w, int h);
void layout_circle_center(int w, int h, float *cx, float *cy);
/* The caption band as a caption of one or two lines takes it (it is there only while
 * something is spoken, and grows upwards for a longer caption). */
box layout_caption_band(int w, int h);
/* The elapsed and remaining labels and the progress bar under them, full width. */
box layout_progress(int w, int h);
/* The big phase word (one line). */
box layout_phase_word(int w, int h);
/* Under the phase word: the side, set and rep line (and the card, when there is one). */
box layout_status(int w, int h);
/* The session title at the top left. */
box layout_title(int w, int h);
/* The big word of the paused, get-ready and leave overlays. */
box layout_overlay_word(int w, int h);
/* The big words of the end screen. */
box layout_end_words(int w, int h);
/* Where the breathing circle (and the hold ring around it) is drawn. */
box layout_breath_area(int w, int h);
/* The menu's cards: the first card's rectangle and the step to the next. */
void layout_menu_card(int w, int h, box *first, int *step);

/* Measured on the row through the circle's centre: half the distance from the leftmost to
 * the rightmost pixel nearest the accent colour, within the breath area. 0 when none. */
double measure_circle_radius(const image *im, const theme *th);

#endif
