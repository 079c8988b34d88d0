/* test_ui_snapshot.c - what the player shows, measured from the pixels of real snapshots.
 *
 * Every frame here is written by snapshot_write (the code behind `pacer snapshot`, which
 * draws with the same scene code as the window), read back from the PNG and measured: the
 * breathing circle's radius, the hold ring, the caption band, the status line, the overlays,
 * the end screen, text contrast, text overflow at small and portrait sizes, the reduced-motion
 * bar. The leave dialog and the menu are drawn through the scene functions the window calls,
 * on a software renderer, to measure their touch targets.
 *
 * Times are taken from the compiled timeline (the n-th inhale, the left hold...), never
 * written down, so the tests hold with speech on (real lengths) or off (estimated lengths).
 *
 *   test_ui_snapshot [FILTER]      runs the tests whose name matches FILTER (cmocka glob)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "fixtures.h"
#include "layers.h"
#include "pixels.h"
#include "snapshot.h"

static pacer_app *g_app;
static loaded_session g_ui;   /* ui_session.lua: known phases */
static loaded_session g_long; /* long_text.lua: the longest texts a session may realistically hold */
static char g_tmp[512];

#define SIZES_ALL {{1280, 720}, {1920, 1080}, {1080, 1920}, {540, 960}, {640, 360}}
typedef struct wh {
    int w, h;
} wh;

/* ---- helpers ---- */

static const tl_event *nth_phase(const timeline *t, int phase, const char *side, int n)
{
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind != TL_PHASE || e->phase != phase)
            continue;
        if (side && (!e->side || strcmp(e->side, side) != 0))
            continue;
        if (n-- == 0)
            return e;
    }
    return NULL;
}

static const tl_event *nth_event(const timeline *t, int kind, int n)
{
    for (int i = 0; i < t->count; i++)
        if (t->events[i].kind == kind && n-- == 0)
            return &t->events[i];
    return NULL;
}

static int64_t at_fraction(const tl_event *e, double f) { return e->at + (int64_t)(f * (double)e->len); }

static void shot(const timeline *t, int64_t frame, int w, int h, const char *theme_name, int reduced, run_phase st,
                 image *im)
{
    snapshot_opts o = {.w = w, .h = h, .state = st};
    o.look.th = theme_find(theme_name);
    o.look.reduced_motion = reduced;
    assert_non_null(o.look.th);
    char path[600], err[512] = "";
    snprintf(path, sizeof path, "%s/shot.png", g_tmp);
    int rc = snapshot_write(t, frame, &o, path, err, sizeof err);
    if (rc != 0)
        fail_msg("snapshot_write: %s", err);
    if (image_load(path, im, err, sizeof err) != 0)
        fail_msg("%s", err);
    unlink(path);
    assert_int_equal(im->w, w);
    assert_int_equal(im->h, h);
}

/* Saves a frame to look at, when PACER_UI_KEEP names a folder. */
static void keep(const image *im, const char *name)
{
    const char *dir = getenv("PACER_UI_KEEP");
    if (!dir || !*dir)
        return;
    char path[600];
    snprintf(path, sizeof path, "%s/%s-%dx%d.png", dir, name, im->w, im->h);
    image_save(im, path);
}

static double expected_radius(const timeline *t, int64_t frame, int w, int h)
{
    view_model v;
    view_at(t, frame, &v);
    return scene_circle_radius(w, h, scene_breath_scale(&v));
}

/* A software renderer on a surface, for scenes snapshot_write does not draw. */
typedef struct canvas {
    SDL_Surface *s;
    SDL_Renderer *r;
    draw_ctx *d;
} canvas;

static void canvas_open(canvas *c, int w, int h)
{
    c->s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(c->s);
    c->r = SDL_CreateSoftwareRenderer(c->s);
    assert_non_null(c->r);
    char err[256];
    char assets[4096];
    c->d = draw_open(c->r, assets_dir(assets, sizeof assets), err, sizeof err);
    if (!c->d)
        fail_msg("draw_open: %s", err);
}

static void canvas_image(canvas *c, image *im)
{
    SDL_RenderPresent(c->r);
    assert_int_equal(image_from_surface(c->s, im), 0);
}

static void canvas_close(canvas *c)
{
    draw_close(c->d);
    SDL_DestroyRenderer(c->r);
    SDL_FreeSurface(c->s);
}

/* The leave dialog over the player at frame, through scene_player as the window calls it. */
static void dialog_shot(const timeline *t, int64_t frame, int w, int h, const char *theme_name, run_phase st,
                        image *im, scene_hits *hits)
{
    canvas c;
    canvas_open(&c, w, h);
    view_model v;
    view_at(t, frame, &v);
    scene_look look = {.th = theme_find(theme_name)};
    player_scene ps = {.v = &v, .title = t->title, .state = st, .confirm_exit = 1, .sound = 1};
    memset(hits, 0, sizeof *hits);
    scene_player(c.d, w, h, &look, &ps, hits);
    canvas_image(&c, im);
    canvas_close(&c);
}

/* Text pixels in the frame's outer border of width k: anything not the background. */
static long border_ink(const image *im, rgb bg, int k)
{
    long n = 0;
    n += im->w * k - count_near(im, (box){0, 0, im->w, k}, bg, 12);
    n += im->w * k - count_near(im, (box){0, im->h - k, im->w, k}, bg, 12);
    n += k * (im->h - 2 * k) - count_near(im, (box){0, k, k, im->h - 2 * k}, bg, 12);
    n += k * (im->h - 2 * k) - count_near(im, (box){im->w - k, k, k, im->h - 2 * k}, bg, 12);
    return n;
}

/* ---- the breathing circle ---- */

static void circle_through(int phase, int grows)
{
    const wh sizes[] = SIZES_ALL;
    const timeline *t = &g_ui.t;
    const tl_event *e = nth_phase(t, phase, NULL, 0);
    assert_non_null(e);
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int w = sizes[k].w, h = sizes[k].h;
        double prev = grows ? -1 : 1e9;
        for (double f = 0.1; f < 0.95; f += 0.2) {
            int64_t frame = at_fraction(e, f);
            image im;
            shot(t, frame, w, h, "default", 0, RUN_PLAYING, &im);
            double r = measure_circle_radius(&im, theme_find("default"));
            double want = expected_radius(t, frame, w, h);
            print_message("  %dx%d %s at %.0f%%: radius %.1f px, scene_circle_radius %.1f\n", w, h,
                          grows ? "inhale" : "exhale", f * 100, r, want);
            if (fabs(r - want) > 2.0)
                keep(&im, "circle");
            assert_true(fabs(r - want) <= 2.0);
            if (grows)
                assert_true(r > prev + 1.0);
            else
                assert_true(r < prev - 1.0);
            prev = r;
            image_free(&im);
        }
    }
}

static void test_circle_grows_through_inhale(void **state)
{
    (void)state;
    circle_through(PACER_PHASE_INHALE, 1);
}

static void test_circle_shrinks_through_exhale(void **state)
{
    (void)state;
    circle_through(PACER_PHASE_EXHALE, 0);
}

/* Through a hold the circle keeps its size: the same radius at every moment. */
static void test_circle_still_in_holds(void **state)
{
    (void)state;
    const timeline *t = &g_ui.t;
    const int kinds[] = {PACER_PHASE_HOLD_IN, PACER_PHASE_HOLD_OUT, PACER_PHASE_HOLD};
    const wh sizes[] = {{1280, 720}, {1080, 1920}};
    for (size_t s = 0; s < 2; s++)
        for (size_t k = 0; k < 3; k++) {
            const tl_event *e = nth_phase(t, kinds[k], NULL, 0);
            assert_non_null(e);
            double first = -1;
            for (double f = 0.05; f < 1.0; f += 0.3) {
                image im;
                shot(t, at_fraction(e, f), sizes[s].w, sizes[s].h, "default", 0, RUN_PLAYING, &im);
                double r = measure_circle_radius(&im, theme_find("default"));
                image_free(&im);
                assert_true(r > 10);
                if (first < 0)
                    first = r;
                print_message("  %s at %.0f%%: radius %.1f\n", tl_phase_name(kinds[k]), f * 100, r);
                assert_true(fabs(r - first) < 0.01);
            }
        }
}

/* The hold ring drains: fewer ring-coloured pixels (and more track) at every later moment,
 * in proportion to the time left. */
static void test_hold_ring_drains(void **state)
{
    (void)state;
    const timeline *t = &g_ui.t;
    const theme *th = theme_find("default");
    const int kinds[] = {PACER_PHASE_HOLD, PACER_PHASE_HOLD_IN};
    for (size_t k = 0; k < 2; k++) {
        const tl_event *e = nth_phase(t, kinds[k], NULL, 0);
        assert_non_null(e);
        long prev_ring = -1, prev_track = -1, full = -1;
        for (double f = 0.05; f < 1.0; f += 0.15) {
            image im;
            shot(t, at_fraction(e, f), 1280, 720, "default", 0, RUN_PLAYING, &im);
            box area = layout_breath_area(1280, 720);
            long ring = count_theme(&im, area, th, th->ring), track = count_theme(&im, area, th, th->track);
            image_free(&im);
            if (full < 0)
                full = (long)(ring / (1.0 - f));
            print_message("  %s at %.0f%%: ring %ld px, track %ld px\n", tl_phase_name(kinds[k]), f * 100, ring,
                          track);
            if (prev_ring >= 0) {
                assert_true(ring < prev_ring);
                assert_true(track > prev_track);
            }
            /* what is left of the ring matches the time left, within 5 % of the whole ring */
            assert_true(fabs((double)ring - (1.0 - f) * (double)full) <= 0.05 * (double)full);
            prev_ring = ring;
            prev_track = track;
        }
    }
}

/* ---- captions, status, overlays, the end ---- */

static void test_caption_band(void **state)
{
    (void)state;
    const timeline *t = &g_ui.t;
    const theme *th = theme_find("default");
    const tl_event *cap = nth_event(t, TL_CAPTION, 0), *speak = nth_event(t, TL_SPEAK, 0);
    assert_non_null(cap);
    assert_non_null(speak);
    assert_true(cap->len > 0);
    /* The caption lasts exactly as long as its speech; with speech off the speech keeps its
     * estimated length, so the caption is shown all the same. */
    assert_int_equal(cap->len, speak->len);
    assert_int_equal(cap->at, speak->at);
    const tl_event *say = nth_phase(t, PACER_PHASE_INSTRUCTION, NULL, 0);
    assert_non_null(say);
    assert_true(say->at + say->len > cap->at + cap->len); /* the say step's gap follows */
    print_message("  speech %s: caption %.3f s in a %.3f s step\n", getenv("PACER_NO_SPEECH") ? "off" : "on",
                  (double)cap->len / PACER_RATE, (double)say->len / PACER_RATE);

    const wh sizes[] = SIZES_ALL;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int w = sizes[k].w, h = sizes[k].h;
        box band = layout_caption_band(w, h);
        struct {
            int64_t frame;
            int want_text;
            const char *what;
        } moments[] = {
            {cap->at + 1, 1, "speech starts"},
            {at_fraction(cap, 0.5), 1, "mid speech"},
            {cap->at + cap->len - 2, 1, "speech ends"},
            {cap->at + cap->len + 1, 0, "after the speech, same step"},
            {at_fraction(nth_phase(t, PACER_PHASE_INHALE, NULL, 0), 0.5), 0, "inhale, no cue"},
            {at_fraction(nth_phase(t, PACER_PHASE_HOLD, "left", 0), 0.5), 0, "hold, no cue"},
        };
        for (size_t i = 0; i < sizeof moments / sizeof moments[0]; i++) {
            image im;
            shot(t, moments[i].frame, w, h, "default", 0, RUN_PLAYING, &im);
            long ink = count_ink(&im, band, th->text, th->panel);
            long panel = count_near(&im, band, th->panel, 2);
            image_free(&im);
            print_message("  %dx%d %s: %ld text px, %ld panel px in the band\n", w, h, moments[i].what, ink, panel);
            if (moments[i].want_text) {
                assert_true(panel > (long)band.w * band.h / 2);
                assert_true(ink > 150);
            } else {
                /* nothing spoken: no text, and no empty band either */
                assert_int_equal(ink, 0);
                assert_int_equal(panel, 0);
            }
        }
    }
}

static void test_side_switch_changes_status(void **state)
{
    (void)state;
    const timeline *t = &g_ui.t;
    const theme *th = theme_find("default");
    const tl_event *left = nth_phase(t, PACER_PHASE_HOLD, "left", 0);
    const tl_event *right = nth_phase(t, PACER_PHASE_HOLD, "right", 0);
    assert_non_null(left);
    assert_non_null(right);
    const wh sizes[] = SIZES_ALL;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int w = sizes[k].w, h = sizes[k].h;
        image a, b;
        /* the same moment of each hold: the same seconds left, the same ring */
        shot(t, at_fraction(left, 0.3), w, h, "default", 0, RUN_PLAYING, &a);
        shot(t, at_fraction(right, 0.3), w, h, "default", 0, RUN_PLAYING, &b);
        box status = layout_status(w, h), word = layout_phase_word(w, h);
        long ink_a = count_ink(&a, status, th->text, th->bg), ink_b = count_ink(&b, status, th->text, th->bg);
        long changed = count_diff(&a, &b, status, 40);
        long word_changed = count_diff(&a, &b, word, 0);
        long circle_changed = count_diff(&a, &b, layout_breath_area(w, h), 0);
        print_message("  %dx%d: status ink %ld / %ld px, %ld px differ; word %ld, circle %ld differ\n", w, h, ink_a,
                      ink_b, changed, word_changed, circle_changed);
        assert_true(ink_a > 100 && ink_b > 100);
        assert_true(changed > 50);
        /* the comparison is fair: the phase word and the circle are the same */
        assert_int_equal(word_changed, 0);
        assert_int_equal(circle_changed, 0);
        image_free(&a);
        image_free(&b);
    }
}

static void test_paused_overlay(void **state)
{
    (void)state;
    const timeline *t = &g_ui.t;
    const char *themes[] = {"default", "high-contrast"};
    const tl_event *e = nth_phase(t, PACER_PHASE_INHALE, NULL, 0);
    const wh sizes[] = SIZES_ALL;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
        for (int ti = 0; ti < 2; ti++) {
            const theme *th = theme_find(themes[ti]);
            int w = sizes[k].w, h = sizes[k].h;
            image play, paused;
            int64_t frame = at_fraction(e, 0.5);
            shot(t, frame, w, h, themes[ti], 0, RUN_PLAYING, &play);
            shot(t, frame, w, h, themes[ti], 0, RUN_PAUSED, &paused);
            box all = image_box(&play), word = layout_overlay_word(w, h);
            double lp = mean_luminance(&play, all), lq = mean_luminance(&paused, all);
            long accent_play = count_theme(&play, all, th, th->accent);
            long accent_paused = count_near(&paused, all, th->accent, 24);
            long word_ink = count_ink(&paused, word, th->text, th->bg);
            long word_changed = count_diff(&play, &paused, word, 40);
            print_message("  %dx%d %s: mean luminance %.4f -> %.4f; accent %ld -> %ld px; overlay word %ld px "
                          "(%ld changed)\n",
                          w, h, themes[ti], lp, lq, accent_play, accent_paused, word_ink, word_changed);
            /* the frame dims under the overlay: the circle and the progress bar fade */
            assert_true(lq < 0.8 * lp);
            assert_true(accent_play > 1000);
            assert_int_equal(accent_paused, 0);
            /* and "Paused" is written across the middle */
            assert_true(word_ink > 500);
            assert_true(word_changed > 500);
            image_free(&play);
            image_free(&paused);
        }
}

static void test_end_screen(void **state)
{
    (void)state;
    const timeline *t = &g_ui.t;
    const theme *th = theme_find("default");
    const wh sizes[] = SIZES_ALL;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int w = sizes[k].w, h = sizes[k].h;
        image last, end, later;
        shot(t, t->frames - 1, w, h, "default", 0, RUN_PLAYING, &last);
        shot(t, t->frames, w, h, "default", 0, RUN_PLAYING, &end);
        shot(t, t->frames + 60 * PACER_RATE, w, h, "default", 0, RUN_PLAYING, &later);
        box all = image_box(&end), words = layout_end_words(w, h);
        long accent_last = count_near(&last, all, th->accent, 24), accent_end = count_near(&end, all, th->accent, 24);
        box ink = bbox_near(&end, words, th->text, 40);
        print_message("  %dx%d: accent %ld -> %ld px; end words at x %d..%d\n", w, h, accent_last, accent_end, ink.x,
                      ink.x + ink.w);
        assert_true(accent_last > 1000);
        /* no circle, no progress bar: the end screen */
        assert_int_equal(accent_end, 0);
        /* "Well done", centred */
        assert_true(count_ink(&end, words, th->text, th->bg) > 500);
        assert_true(ink.w > 0);
        assert_true(abs(ink.x + ink.w / 2 - w / 2) <= 3);
        /* and it stays: any later moment shows the same frame */
        assert_int_equal(count_diff(&end, &later, all, 0), 0);
        image_free(&last);
        image_free(&end);
        image_free(&later);
    }
}

/* ---- contrast, measured from pixels ---- */

typedef struct region_check {
    const char *what;
    box b;
} region_check;

static void contrast_in(const image *im, const region_check *rc, double bound, const char *theme_name, double *worst)
{
    rgb bg = most_common(im, rc->b);
    rgb fg = farthest_luminance(im, rc->b, bg);
    double ratio = wcag_ratio(fg, bg);
    print_message("  %s %s: text #%02x%02x%02x on #%02x%02x%02x = %.2f:1 (at least %.1f)\n", theme_name, rc->what,
                  fg.r, fg.g, fg.b, bg.r, bg.g, bg.b, ratio, bound);
    assert_true(ratio >= bound);
    if (ratio < *worst)
        *worst = ratio;
}

static void contrast_theme(const char *theme_name, double bound)
{
    const timeline *t = &g_ui.t;
    const tl_event *cap = nth_event(t, TL_CAPTION, 0);
    const tl_event *hold = nth_phase(t, PACER_PHASE_HOLD, "left", 0);
    const wh sizes[] = {{1280, 720}, {1080, 1920}, {640, 360}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int w = sizes[k].w, h = sizes[k].h;
        double worst = 99;
        image im;
        float cx, cy, rmin = scene_circle_radius(w, h, 0);
        layout_circle_center(w, h, &cx, &cy);
        box number = {(int)(cx - rmin * 0.7f), (int)(cy - rmin * 0.7f), (int)(rmin * 1.4f), (int)(rmin * 1.4f)};

        /* while a cue is spoken: the caption band, the phase word, the number in the circle */
        shot(t, at_fraction(cap, 0.5), w, h, theme_name, 0, RUN_PLAYING, &im);
        region_check a[] = {{"caption band", layout_caption_band(w, h)},
                            {"phase word", layout_phase_word(w, h)},
                            {"seconds in the circle", number},
                            {"time labels", layout_progress(w, h)},
                            {"title", layout_title(w, h)}};
        for (size_t i = 0; i < sizeof a / sizeof a[0]; i++)
            contrast_in(&im, &a[i], bound, theme_name, &worst);
        image_free(&im);

        /* a hold: the status line */
        shot(t, at_fraction(hold, 0.5), w, h, theme_name, 0, RUN_PLAYING, &im);
        region_check b[] = {{"phase word (hold)", layout_phase_word(w, h)}, {"status line", layout_status(w, h)}};
        for (size_t i = 0; i < sizeof b / sizeof b[0]; i++)
            contrast_in(&im, &b[i], bound, theme_name, &worst);
        image_free(&im);

        /* paused: the overlay's word */
        shot(t, at_fraction(hold, 0.5), w, h, theme_name, 0, RUN_PAUSED, &im);
        region_check c[] = {{"paused word", layout_overlay_word(w, h)}};
        contrast_in(&im, &c[0], bound, theme_name, &worst);
        image_free(&im);

        /* the end screen */
        shot(t, t->frames, w, h, theme_name, 0, RUN_PLAYING, &im);
        region_check d[] = {{"end words", layout_end_words(w, h)}};
        contrast_in(&im, &d[0], bound, theme_name, &worst);
        image_free(&im);
        print_message("  %s %dx%d: lowest %.2f:1\n", theme_name, w, h, worst);
    }
}

static void test_contrast_default(void **state)
{
    (void)state;
    contrast_theme("default", 4.5);
}

static void test_contrast_high(void **state)
{
    (void)state;
    contrast_theme("high-contrast", 7.0);
}

/* ---- sizes ---- */

/* Nothing but background in a 2 px border, at small and portrait sizes, at every kind of
 * moment: spoken cue, breathing, a side hold, paused, the end. */
static void no_overflow(const timeline *t, const char *label)
{
    const wh sizes[] = {{1080, 1920}, {540, 960}, {640, 360}, {1280, 720}};
    const tl_event *cap = nth_event(t, TL_CAPTION, 0);
    const tl_event *card = nth_event(t, TL_CARD, 0);
    const tl_event *inhale = nth_phase(t, PACER_PHASE_INHALE, NULL, 0);
    const tl_event *hold = nth_phase(t, PACER_PHASE_HOLD, "left", 0);
    struct {
        int64_t frame;
        run_phase st;
        const char *what;
    } moments[] = {
        {cap ? at_fraction(cap, 0.5) : 0, RUN_PLAYING, "caption"},
        {card ? at_fraction(card, 0.5) : 0, RUN_PLAYING, "card"},
        {inhale ? at_fraction(inhale, 0.5) : 0, RUN_PLAYING, "inhale"},
        {hold ? at_fraction(hold, 0.5) : 0, RUN_PLAYING, "side hold"},
        {hold ? at_fraction(hold, 0.5) : 0, RUN_PAUSED, "paused"},
        {t->frames, RUN_PLAYING, "end"},
    };
    for (const char *const *tn = (const char *const[]){"default", "high-contrast", NULL}; *tn; tn++)
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
            for (size_t i = 0; i < sizeof moments / sizeof moments[0]; i++) {
                int w = sizes[k].w, h = sizes[k].h;
                image im;
                shot(t, moments[i].frame, w, h, *tn, 0, moments[i].st, &im);
                long ink = border_ink(&im, theme_find(*tn)->bg, 2);
                image_free(&im);
                if (ink)
                    print_message("  %s %s %dx%d %s: %ld px of text in the 2 px border\n", label, *tn, w, h,
                                  moments[i].what, ink);
                assert_int_equal(ink, 0);
            }
}

static void test_no_overflow_small_and_portrait(void **state)
{
    (void)state;
    no_overflow(&g_ui.t, "ui_session");
}

static void test_no_overflow_long_texts(void **state)
{
    (void)state;
    no_overflow(&g_long.t, "long_text");
}

/* ---- reduced motion ---- */

static void test_reduced_motion_bar(void **state)
{
    (void)state;
    const timeline *t = &g_ui.t;
    const theme *th = theme_find("default");
    const tl_event *inhale = nth_phase(t, PACER_PHASE_INHALE, NULL, 0);
    const wh sizes[] = SIZES_ALL;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int w = sizes[k].w, h = sizes[k].h;
        box area = layout_breath_area(w, h);
        int prev_w = -1;
        for (double f = 0.3; f < 0.95; f += 0.2) {
            image im;
            int64_t frame = at_fraction(inhale, f);
            shot(t, frame, w, h, "default", 1, RUN_PLAYING, &im);
            /* the accent colour itself (anti-aliased text can sit nearer to it than to any
             * other colour of the theme, so nearness is not enough here) */
            box fill = bbox_near(&im, area, th->accent, 8), rest = bbox_near(&im, area, th->track, 8);
            /* the whole bar: its filled part and the track still empty */
            box track = fill;
            if (rest.w) {
                int x0 = rest.x < fill.x ? rest.x : fill.x, y0 = rest.y < fill.y ? rest.y : fill.y;
                int x1 = rest.x + rest.w > fill.x + fill.w ? rest.x + rest.w : fill.x + fill.w;
                int y1 = rest.y + rest.h > fill.y + fill.h ? rest.y + rest.h : fill.y + fill.h;
                track = (box){x0, y0, x1 - x0, y1 - y0};
            }
            long n = count_near(&im, area, th->accent, 8);
            double solid = fill.w ? (double)n / ((double)fill.w * fill.h) : 0;
            double r = measure_circle_radius(&im, th);
            print_message("  %dx%d at %.0f%%: bar %dx%d at (%d,%d), filled %dx%d at (%d,%d), %.1f%% solid; circle row "
                          "%.1f px\n",
                          w, h, f * 100, track.w, track.h, track.x, track.y, fill.w, fill.h, fill.x, fill.y,
                          solid * 100, r);
            if (r != 0 || solid < 0.85)
                keep(&im, "reduced-motion");
            image_free(&im);
            /* no circle through the centre, */
            assert_true(r == 0);
            /* but a wide, flat bar (rounded ends only), */
            assert_true(track.w > 6 * track.h);
            /* filled from its left end with a solid rectangle of the accent colour, as tall as the bar, */
            assert_true(solid > 0.85);
            assert_true(abs(fill.x - track.x) <= 1);
            assert_true(abs(fill.h - track.h) <= 2);
            assert_true(fill.x + fill.w <= track.x + track.w + 1);
            /* that grows as the breath goes in, as far as the breath scale says */
            view_model v;
            view_at(t, frame, &v);
            int want = (int)((int)(2 * scene_circle_radius(w, h, 1)) * scene_breath_scale(&v));
            assert_true(abs(fill.w - want) <= 2);
            assert_true(fill.w > prev_w);
            prev_w = fill.w;
        }
    }
}

/* The session title, however long (titles may have 120 bytes), stays in its corner: drawn
 * with and without it, the frames differ only above the hold ring and the phase word. */
static void title_intrusion(const char *title, const wh *sizes, size_t nsizes, long *worst_out)
{
    const timeline *t = &g_ui.t;
    const tl_event *hold = nth_phase(t, PACER_PHASE_HOLD, "left", 0);
    long worst = 0;
    for (size_t k = 0; k < nsizes; k++) {
        int w = sizes[k].w, h = sizes[k].h;
        image with, without;
        view_model v;
        view_at(t, at_fraction(hold, 0.5), &v);
        scene_look look = {.th = theme_find("default")};
        for (int pass = 0; pass < 2; pass++) {
            canvas c;
            canvas_open(&c, w, h);
            player_scene ps = {.v = &v, .title = pass ? "" : title, .state = RUN_PLAYING, .sound = 1};
            scene_player(c.d, w, h, &look, &ps, NULL);
            canvas_image(&c, pass ? &without : &with);
            canvas_close(&c);
        }
        /* the hold ring and the phase word: nothing of the title may reach them */
        float cx, cy, rmax = scene_circle_radius(w, h, 1);
        layout_circle_center(w, h, &cx, &cy);
        double ring_out = 1.09 * rmax + fmax(4.0, 0.05 * rmax) / 2 + 1;
        long in_breath = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                if (hypot(x + 0.5 - cx, y + 0.5 - cy) <= ring_out)
                    in_breath += rgb_dist(image_at(&with, x, y), image_at(&without, x, y)) > 0;
        box word = layout_phase_word(w, h);
        long in_word = count_diff(&with, &without, word, 0);
        print_message("  %dx%d, a %zu-byte title: %ld px of it on the hold ring, %ld on the phase word\n", w,
                      h, strlen(title), in_breath, in_word);
        if (in_breath + in_word)
            keep(&with, "title");
        if (in_breath + in_word > worst)
            worst = in_breath + in_word;
        image_free(&with);
        image_free(&without);
    }
    *worst_out = worst;
}

static void test_title_stays_in_its_corner(void **state)
{
    (void)state;
    const wh sizes[] = {{1280, 720}, {1920, 1080}, {640, 360}};
    long worst;
    title_intrusion("Knee-to-chest holds with slow breathing, twelve minutes", sizes, sizeof sizes / sizeof sizes[0],
                    &worst);
    assert_int_equal(worst, 0);
}

/* Found as a fault once: in portrait a title that wraps to two lines ran into the top of the
 * hold ring (titles may have 120 bytes; this one has 55). */
static void test_bug_portrait_title_on_ring(void **state)
{
    (void)state;
    const wh sizes[] = {{1080, 1920}, {540, 960}, {720, 1280}};
    long worst;
    title_intrusion("Knee-to-chest holds with slow breathing, twelve minutes", sizes, sizeof sizes / sizeof sizes[0],
                    &worst);
    assert_int_equal(worst, 0);
}

/* ---- touch targets ---- */

static int overlaps(SDL_Rect a, SDL_Rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static void test_leave_dialog_targets(void **state)
{
    (void)state;
    const timeline *t = &g_ui.t;
    const wh sizes[] = {{1920, 1080}, {1280, 720}, {1080, 1920}, {640, 360}};
    const tl_event *inhale = nth_phase(t, PACER_PHASE_INHALE, NULL, 0);
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int w = sizes[k].w, h = sizes[k].h;
        const theme *th = theme_find("default");
        image im;
        scene_hits hits;
        dialog_shot(t, at_fraction(inhale, 0.5), w, h, "default", RUN_PLAYING, &im, &hits);
        keep(&im, "leave-dialog");
        print_message("  %dx%d: stay %dx%d at (%d,%d), leave %dx%d at (%d,%d)\n", w, h, hits.stay.w, hits.stay.h,
                      hits.stay.x, hits.stay.y, hits.leave.w, hits.leave.h, hits.leave.x, hits.leave.y);
        /* 48 px is the least a finger can hit: at 1080p (and every size here) both are bigger */
        assert_true(hits.stay.w >= 48 && hits.stay.h >= 48);
        assert_true(hits.leave.w >= 48 && hits.leave.h >= 48);
        assert_false(overlaps(hits.stay, hits.leave));
        SDL_Rect frame = {0, 0, w, h};
        SDL_Rect in;
        assert_true(SDL_IntersectRect(&hits.stay, &frame, &in) && SDL_RectEquals(&in, &hits.stay));
        assert_true(SDL_IntersectRect(&hits.leave, &frame, &in) && SDL_RectEquals(&in, &hits.leave));
        /* the buttons are drawn where taps land: Stay in the accent colour, Leave on a panel */
        /* (a strip along each button's left edge, clear of its label and its rounded corners) */
        box stay = {hits.stay.x + 3, hits.stay.y + hits.stay.h / 3, 8, hits.stay.h / 3};
        box leave = {hits.leave.x + 3, hits.leave.y + hits.leave.h / 3, 8, hits.leave.h / 3};
        assert_int_equal(count_near(&im, stay, th->accent, 6), (long)stay.w * stay.h);
        assert_int_equal(count_near(&im, leave, th->panel, 6), (long)leave.w * leave.h);
        image_free(&im);
    }
}

static void test_menu_targets(void **state)
{
    (void)state;
    const wh sizes[] = {{1920, 1080}, {1280, 720}, {1080, 1920}, {640, 360}};
    menu_item items[] = {{"Belly breathing, 5 minutes", "Slow breathing led by the belly", "a.lua", 5},
                         {"SI joint correction", "Knee-to-chest holds", "b.lua", 12},
                         {"Three", "third", "c.lua", 1}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int w = sizes[k].w, h = sizes[k].h;
        canvas c;
        canvas_open(&c, w, h);
        SDL_Rect rects[3];
        memset(rects, 0, sizeof rects);
        scene_look look = {.th = theme_find("default")};
        int drawn = scene_menu(c.d, w, h, &look, items, 3, 0, 0, rects);
        image im;
        canvas_image(&c, &im);
        canvas_close(&c);
        keep(&im, "menu");
        box first;
        int step;
        layout_menu_card(w, h, &first, &step);
        print_message("  %dx%d: %d cards, first %dx%d at (%d,%d)\n", w, h, drawn, rects[0].w, rects[0].h, rects[0].x,
                      rects[0].y);
        assert_true(drawn >= 2);
        for (int i = 0; i < drawn; i++) {
            assert_true(rects[i].w >= 48 && rects[i].h >= 48);
            assert_true(rects[i].y + rects[i].h <= h);
            if (i)
                assert_false(overlaps(rects[i - 1], rects[i]));
            /* the card is drawn where a tap lands: a column left of its text, clear of its
             * rounded corners, is all panel colour */
            box side = {rects[i].x + 6, rects[i].y + rects[i].h / 6 + 2, 1, rects[i].h - 2 * (rects[i].h / 6) - 4};
            assert_int_equal(count_near(&im, side, look.th->panel, 6), side.h);
        }
        assert_int_equal(rects[0].x, first.x);
        assert_int_equal(rects[0].y, first.y);
        assert_int_equal(rects[0].h, first.h);
        assert_int_equal(rects[1].y - rects[0].y, step);
        image_free(&im);
    }
}

/* ---- the command ---- */

/* `pacer snapshot` writes the same pixels snapshot_write does (the command is a thin shell). */
static void test_snapshot_command_same_pixels(void **state)
{
    (void)state;
    const timeline *t = &g_ui.t;
    const tl_event *inhale = nth_phase(t, PACER_PHASE_INHALE, NULL, 0);
    double at = (double)at_fraction(inhale, 0.5) / PACER_RATE;
    const char *opts[] = {"", "--size 540x960", "--theme high-contrast --paused", "--reduced-motion --size 640x360"};
    const wh sizes[] = {{1280, 720}, {540, 960}, {1280, 720}, {640, 360}};
    const char *themes[] = {"default", "default", "high-contrast", "default"};
    for (int i = 0; i < 4; i++) {
        char cmd[2048], path[600];
        snprintf(path, sizeof path, "%s/cmd.png", g_tmp);
        snprintf(cmd, sizeof cmd, "'%s' snapshot '%s/ui_session.lua' --at %.6f -o '%s' %s 2>/dev/null", PACER_BIN,
                 PACER_UI_DIR, at, path, opts[i]);
        assert_int_equal(system(cmd), 0);
        image a, b;
        char err[512];
        if (image_load(path, &a, err, sizeof err) != 0)
            fail_msg("%s", err);
        unlink(path);
        run_phase st = i == 2 ? RUN_PAUSED : RUN_PLAYING;
        shot(t, seconds_to_frames(at), sizes[i].w, sizes[i].h, themes[i], i == 3, st, &b);
        long d = count_diff(&a, &b, image_box(&a), 0);
        print_message("  pacer snapshot %s: %ld px differ\n", opts[i], d);
        assert_int_equal(d, 0);
        image_free(&a);
        image_free(&b);
    }
}

/* ---- reading at a distance: the sizes of the texts, measured in their ink ---- */

static const char *const text_names[PT_COUNT] = {"title", "no-sound notice", "phase word", "side and rep line",
                                                  "card", "caption", "seconds left", "elapsed", "time left"};

typedef struct measured {
    int shown;
    box ink;    /* the ink's bounding box in the picture */
    int line_h; /* its tallest line, as OCR boxes it */
    SDL_Rect at; /* where the scene placed the text */
} measured;

/* A frame written by `pacer snapshot` (with --text-size large when large), and each text of
 * it: where the scene places it (scene_player_layout, with the same fonts), and its ink in
 * that place, measured in the picture's pixels. */
static void measure_texts(const char *file, const timeline *t, int64_t frame, int w, int h, const char *theme_name,
                          int large, measured out[PT_COUNT], image *im)
{
    char cmd[2048], path[600];
    snprintf(path, sizeof path, "%s/texts.png", g_tmp);
    snprintf(cmd, sizeof cmd, "'%s' snapshot '%s/%s' --at %.6f --size %dx%d --theme %s%s -o '%s' 2>/dev/null",
             PACER_BIN, PACER_UI_DIR, file, (double)frame / PACER_RATE, w, h, theme_name,
             large ? " --text-size large" : "", path);
    assert_int_equal(system(cmd), 0);
    char err[512];
    if (image_load(path, im, err, sizeof err) != 0)
        fail_msg("%s", err);
    unlink(path);
    assert_int_equal(im->w, w);
    assert_int_equal(im->h, h);

    canvas c;
    canvas_open(&c, w, h);
    snapshot_opts o = {.w = w, .h = h, .state = RUN_PLAYING};
    o.look.th = theme_find(theme_name);
    o.look.text_scale = large ? SCENE_TEXT_LARGE : 1.0;
    view_model v;
    player_scene ps;
    assert_int_equal(snapshot_scene(t, seconds_to_frames((double)frame / PACER_RATE), &o, &v, &ps), 0);
    player_layout L;
    scene_player_layout(c.d, w, h, &o.look, &ps, &L);
    for (int i = 0; i < PT_COUNT; i++) {
        const scene_text *st = &L.t[i];
        memset(&out[i], 0, sizeof out[i]);
        if (!st->s)
            continue;
        out[i].shown = 1;
        out[i].at = st->box;
        out[i].ink = ink_box(im, (box){st->box.x, st->box.y, st->box.w, st->box.h}, st->fg, st->bg, &out[i].line_h);
    }
    canvas_close(&c);
}

static int boxes_meet(box a, box b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* Every text shown has ink, inside the screen, and no two texts' ink (or places) overlap. */
static void texts_apart(const measured *m, int w, int h, const char *what)
{
    for (int i = 0; i < PT_COUNT; i++) {
        if (!m[i].shown)
            continue;
        if (m[i].ink.w == 0)
            fail_msg("%s: the %s has no ink where it is placed", what, text_names[i]);
        SDL_Rect r = m[i].at;
        if (r.x < 0 || r.y < 0 || r.x + r.w > w || r.y + r.h > h)
            fail_msg("%s: the %s leaves the screen (%d,%d %dx%d)", what, text_names[i], r.x, r.y, r.w, r.h);
        for (int j = i + 1; j < PT_COUNT; j++) {
            if (!m[j].shown)
                continue;
            SDL_Rect s = m[j].at;
            if (boxes_meet(m[i].ink, m[j].ink) || SDL_HasIntersection(&r, &s))
                fail_msg("%s: the %s and the %s overlap", what, text_names[i], text_names[j]);
        }
    }
}

/* The moments measured: a hold on the left side with its rep (the side and rep line, no
 * caption), and a long spoken cue (the caption). */
typedef struct moment {
    const char *file;
    const timeline *t;
    int64_t frame;
    const char *what;
} moment;

static void reading_moments(moment out[3])
{
    const tl_event *hold = nth_phase(&g_long.t, PACER_PHASE_HOLD, "left", 1);
    const tl_event *cap = nth_event(&g_long.t, TL_CAPTION, 0), *short_cap = nth_event(&g_ui.t, TL_CAPTION, 0);
    assert_non_null(hold);
    assert_non_null(cap);
    assert_non_null(short_cap);
    out[0] = (moment){"long_text.lua", &g_long.t, at_fraction(hold, 0.5), "left hold, rep 2 of 2"};
    out[1] = (moment){"long_text.lua", &g_long.t, at_fraction(cap, 0.5), "a long spoken cue"};
    out[2] = (moment){"ui_session.lua", &g_ui.t, at_fraction(short_cap, 0.5), "a short spoken cue"};
}

#define READING_SIZES {{800, 1280}, {1280, 800}, {1920, 1080}}

/* The issue "Every word understood": from the floor 2-3 m away, the side and rep line was 3 %
 * of the screen's height. Now, as a share of the shorter side: that line's ink at least 5 %,
 * the caption's at least 4 %, the phase word and the seconds left larger than the line; in
 * both themes, landscape and portrait; nothing overlaps or leaves the screen. */
static void test_text_hierarchy(void **state)
{
    (void)state;
    const wh sizes[] = READING_SIZES;
    moment mo[3];
    reading_moments(mo);
    for (const char *const *tn = (const char *const[]){"default", "high-contrast", NULL}; *tn; tn++)
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
            for (int i = 0; i < 3; i++) {
                int w = sizes[k].w, h = sizes[k].h, S = w < h ? w : h;
                measured m[PT_COUNT];
                image im;
                measure_texts(mo[i].file, mo[i].t, mo[i].frame, w, h, *tn, 0, m, &im);
                char what[160];
                snprintf(what, sizeof what, "%s %dx%d, %s", *tn, w, h, mo[i].what);
                keep(&im, i == 0 ? "reading-hold" : i == 1 ? "reading-long-caption" : "reading-caption");
                image_free(&im);
                print_message("  %s: line %.1f %%, caption %.1f %%, word %.1f %%, seconds %.1f %%\n", what,
                              100.0 * m[PT_STATUS].line_h / S, 100.0 * m[PT_CAPTION].line_h / S,
                              100.0 * m[PT_WORDS].line_h / S, 100.0 * m[PT_NUMBER].line_h / S);
                texts_apart(m, w, h, what);
                if (i == 0) {
                    assert_true(m[PT_STATUS].shown);
                    assert_false(m[PT_CAPTION].shown);
                    assert_true(m[PT_STATUS].line_h * 100 >= 5 * S);
                    assert_true(m[PT_WORDS].line_h > m[PT_STATUS].line_h);
                    assert_true(m[PT_NUMBER].line_h > m[PT_STATUS].line_h);
                } else {
                    assert_true(m[PT_CAPTION].shown);
                    assert_true(m[PT_CAPTION].line_h * 100 >= 4 * S);
                }
            }
}

/* Large text: every text a quarter bigger (the side and rep line and the phase word
 * measured), still inside the screen and apart, at the same sizes and moments. */
static void test_large_text(void **state)
{
    (void)state;
    const wh sizes[] = READING_SIZES;
    moment mo[3];
    reading_moments(mo);
    for (const char *const *tn = (const char *const[]){"default", "high-contrast", NULL}; *tn; tn++)
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
            for (int i = 0; i < 3; i++) {
                int w = sizes[k].w, h = sizes[k].h;
                measured n[PT_COUNT], l[PT_COUNT];
                image a, b;
                measure_texts(mo[i].file, mo[i].t, mo[i].frame, w, h, *tn, 0, n, &a);
                measure_texts(mo[i].file, mo[i].t, mo[i].frame, w, h, *tn, 1, l, &b);
                char what[160];
                snprintf(what, sizeof what, "%s %dx%d, %s, large text", *tn, w, h, mo[i].what);
                keep(&b, i == 0 ? "large-hold" : i == 1 ? "large-long-caption" : "large-caption");
                image_free(&a);
                image_free(&b);
                texts_apart(l, w, h, what);
                int which[] = {PT_WORDS, PT_STATUS, PT_ELAPSED};
                for (int q = 0; q < 3; q++) {
                    int p = which[q];
                    if (!n[p].shown)
                        continue;
                    double ratio = (double)l[p].line_h / n[p].line_h;
                    print_message("  %s: %s %d -> %d px (x %.2f)\n", what, text_names[p], n[p].line_h, l[p].line_h,
                                  ratio);
                    assert_true(ratio > 1.15 && ratio < 1.35);
                }
            }
}

/* ---- faults found once and fixed, kept as guards ---- */

/* The disc is solid: no background pixels inside it (the seam between the disc's fan and its
 * anti-aliased edge leaves pinholes). */
static void test_bug_circle_pinholes(void **state)
{
    (void)state;
    const timeline *t = &g_ui.t;
    const theme *th = theme_find("default");
    const tl_event *e = nth_phase(t, PACER_PHASE_HOLD_IN, NULL, 0);
    const wh sizes[] = SIZES_ALL;
    long total = 0;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int w = sizes[k].w, h = sizes[k].h;
        image im;
        int64_t frame = at_fraction(e, 0.5);
        shot(t, frame, w, h, "default", 0, RUN_PLAYING, &im);
        float cx, cy;
        layout_circle_center(w, h, &cx, &cy);
        double r = expected_radius(t, frame, w, h), rmin = scene_circle_radius(w, h, 0);
        long holes = 0;
        for (int y = (int)(cy - r); y <= (int)(cy + r); y++)
            for (int x = (int)(cx - r); x <= (int)(cx + r); x++) {
                double d = hypot(x + 0.5 - cx, y + 0.5 - cy);
                /* between the number (inside rmin) and 1.5 px inside the edge */
                if (d < rmin || d > r - 1.5)
                    continue;
                holes += rgb_dist(image_at(&im, x, y), th->accent) > 40;
            }
        print_message("  %dx%d: %ld pinholes inside the circle (r %.1f)\n", w, h, holes, r);
        total += holes;
        image_free(&im);
    }
    assert_int_equal(total, 0);
}

/* The leave dialog's title fits the frame at every size (it is drawn on one line). */
static void test_bug_leave_dialog_overflow(void **state)
{
    (void)state;
    const timeline *t = &g_ui.t;
    const wh sizes[] = {{1080, 1920}, {540, 960}, {640, 360}, {1280, 720}};
    const tl_event *inhale = nth_phase(t, PACER_PHASE_INHALE, NULL, 0);
    long total = 0;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        image im;
        scene_hits hits;
        dialog_shot(t, at_fraction(inhale, 0.5), sizes[k].w, sizes[k].h, "default", RUN_PLAYING, &im, &hits);
        long ink = border_ink(&im, theme_find("default")->bg, 2);
        print_message("  %dx%d: %ld px of text in the 2 px border\n", sizes[k].w, sizes[k].h, ink);
        total += ink;
        image_free(&im);
    }
    assert_int_equal(total, 0);
}

/* The leave dialog opened while paused shows only the dialog: the "Paused" overlay's words
 * should not show through behind the dialog's title. */
static void test_bug_leave_dialog_over_paused(void **state)
{
    (void)state;
    const timeline *t = &g_ui.t;
    const tl_event *inhale = nth_phase(t, PACER_PHASE_INHALE, NULL, 0);
    image playing, paused;
    scene_hits hits;
    dialog_shot(t, at_fraction(inhale, 0.5), 1280, 720, "default", RUN_PLAYING, &playing, &hits);
    dialog_shot(t, at_fraction(inhale, 0.5), 1280, 720, "default", RUN_PAUSED, &paused, &hits);
    long d = count_diff(&playing, &paused, image_box(&playing), 8);
    print_message("  the dialog over a paused session differs in %ld px from the dialog over a playing one\n", d);
    image_free(&playing);
    image_free(&paused);
    assert_true(d < 100);
}

/* The menu's heading, titles and summaries fit the frame in portrait. */
static void test_bug_menu_portrait_overflow(void **state)
{
    (void)state;
    const wh sizes[] = {{1080, 1920}, {540, 960}, {640, 360}};
    menu_item items[] = {{"Belly breathing, 5 minutes", "Slow breathing led by the belly, lying on your back", "a.lua", 5},
                         {"SI joint correction", "Knee-to-chest holds for a stiff sacroiliac joint", "b.lua", 12}};
    long total = 0;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int w = sizes[k].w, h = sizes[k].h;
        canvas c;
        canvas_open(&c, w, h);
        SDL_Rect rects[2];
        scene_look look = {.th = theme_find("default")};
        scene_menu(c.d, w, h, &look, items, 2, 0, 0, rects);
        image im;
        canvas_image(&c, &im);
        canvas_close(&c);
        long ink = border_ink(&im, look.th->bg, 2);
        print_message("  menu %dx%d: %ld px of text in the 2 px border\n", w, h, ink);
        total += ink;
        image_free(&im);
    }
    assert_int_equal(total, 0);
}


/* ---- partial updates: the window redraws and pushes only what changed ---- */

/* A plugin's visual for hold steps that moves everything it draws: a circle across the area,
 * a ring that drains, a bar, and the seconds as text that moves down. */
static void moving_visual(pacer_canvas *c, const pacer_draw_api *api, const pacer_draw_state *st)
{
    float p = (float)st->phase_progress;
    api->ring(c, st->x + st->w / 2, st->y + st->h / 2, st->w / 2.5f, 8, 1 - p, PACER_COLOR_RING);
    api->circle(c, st->x + st->w * (0.2f + 0.6f * p), st->y + st->h / 2, st->w / 8, PACER_COLOR_ACCENT);
    api->bar(c, st->x, st->y + st->h - 20, st->w, 16, p, PACER_COLOR_ACCENT);
    char num[16];
    snprintf(num, sizeof num, "%d", st->seconds_left);
    api->text(c, st->x + st->w / 2, st->y + st->h * p * 0.8f, 40, num, PACER_COLOR_TEXT, PACER_ALIGN_CENTER);
}

static pacer_draw_fn find_moving_visual(void *ud, const char *step_type)
{
    (void)ud;
    return step_type && strcmp(step_type, "hold") == 0 ? moving_visual : NULL;
}

/* Plays the session through layers_draw as the window does, and keeps a "screen" that
 * receives only the rectangles layers_draw reports (or everything, when it drew the whole
 * frame): after every frame the screen must be exactly scene_player's whole frame, the one
 * `pacer snapshot` writes. Steps are mostly one frame at 30 fps, some longer, some jumps back
 * and forward (skips). Returns the share of frames that were pushed in part. */
static double partial_run(const timeline *t, int w, int h, const char *theme_name, int reduced, int plugin,
                          double *area_share)
{
    scene_look look = {.th = theme_find(theme_name), .reduced_motion = reduced};
    assert_non_null(look.th);
    if (plugin)
        look.find_draw = find_moving_visual;
    canvas win, ref;
    canvas_open(&win, w, h);
    canvas_open(&ref, w, h);
    player_layers L;
    memset(&L, 0, sizeof L);
    image screen = {w, h, calloc((size_t)w * h, sizeof(uint32_t))};
    assert_non_null(screen.px);
    unsigned rnd = 12345u + (unsigned)w;
    int64_t frame = 0, step = PACER_RATE / 30;
    int frames = 0, partial = 0;
    double pushed = 0;
    while (frame < t->frames) {
        view_model v;
        view_at(t, frame, &v);
        player_scene ps = {.v = &v, .title = t->title ? t->title : "", .state = RUN_PLAYING, .sound = 1};
        SDL_Rect rects[LAYERS_MAX_RECTS];
        int n = layers_draw(&L, win.d, w, h, &look, &ps, rects);
        SDL_RenderFlush(win.r);
        SDL_Surface *s = win.s;
        if (n < 0) {
            rects[0] = (SDL_Rect){0, 0, w, h};
            n = 1;
        } else {
            partial++;
        }
        for (int i = 0; i < n; i++) {
            assert_true(rects[i].x >= 0 && rects[i].y >= 0 && rects[i].x + rects[i].w <= w &&
                        rects[i].y + rects[i].h <= h);
            pushed += (double)rects[i].w * rects[i].h / ((double)w * h);
            for (int y = rects[i].y; y < rects[i].y + rects[i].h; y++)
                memcpy(&screen.px[(size_t)y * w + rects[i].x],
                       (const uint8_t *)s->pixels + (size_t)y * s->pitch + (size_t)rects[i].x * 4,
                       (size_t)rects[i].w * 4);
        }
        frames++;

        scene_player(ref.d, w, h, &look, &ps, NULL);
        image want;
        canvas_image(&ref, &want);
        long bad = count_diff(&screen, &want, image_box(&want), 0);
        if (bad) {
            keep(&screen, "partial-screen");
            keep(&want, "partial-whole");
            fail_msg("%dx%d %s%s%s: at %.3f s the window would show %ld pixels that differ from the whole frame", w,
                     h, theme_name, reduced ? " reduced motion" : "", plugin ? " plugin visual" : "",
                     (double)frame / PACER_RATE, bad);
        }
        image_free(&want);

        rnd = rnd * 1103515245u + 12345u;
        unsigned pick = (rnd >> 16) % 100;
        if (pick < 70)
            frame += step;
        else if (pick < 90)
            frame += step * (1 + (int64_t)((rnd >> 8) % 30));
        else if (pick < 95)
            frame += PACER_RATE * (1 + (int64_t)((rnd >> 4) % 5));
        else
            frame = frame > 3 * PACER_RATE ? frame - 3 * PACER_RATE : 0;
    }
    free(screen.px);
    layers_free(&L);
    canvas_close(&win);
    canvas_close(&ref);
    *area_share = pushed / frames;
    return (double)partial / frames;
}

static void test_partial_updates_show_the_whole_frame(void **state)
{
    (void)state;
    struct {
        int w, h;
        const char *theme;
        int reduced, plugin;
    } runs[] = {{1280, 720, "default", 0, 0},
                {540, 960, "high-contrast", 0, 1},
                {960, 540, "default", 1, 0},
                {640, 360, "default", 0, 1}};
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        double area;
        double partial = partial_run(&g_ui.t, runs[i].w, runs[i].h, runs[i].theme, runs[i].reduced, runs[i].plugin,
                                     &area);
        printf("# %dx%d %s%s%s: %.0f %% of frames pushed in part, %.1f %% of the window pushed a frame\n", runs[i].w,
               runs[i].h, runs[i].theme, runs[i].reduced ? " reduced motion" : "", runs[i].plugin ? " plugin" : "",
               100 * partial, 100 * area);
        /* the point of the layers: most frames push a small part of the window */
        assert_true(partial > 0.5);
        assert_true(area < 0.5);
    }
}

/* ---- main ---- */

static int load(const char *name, loaded_session *s)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", PACER_UI_DIR, name);
    diag_list d;
    diags_init(&d);
    int rc = app_load(g_app, path, s, &d);
    if (rc < 0)
        diags_print(&d, stderr);
    diags_free(&d);
    return rc;
}

static int setup(void **state)
{
    (void)state;
    char err[256];
    g_app = app_open(&(app_config){0}, err, sizeof err);
    if (!g_app || load("ui_session.lua", &g_ui) < 0 || load("long_text.lua", &g_long) < 0)
        return -1;
    return support_tmpdir(g_tmp, sizeof g_tmp, "pacer-ui");
}

static int teardown(void **state)
{
    (void)state;
    app_unload(&g_ui);
    app_unload(&g_long);
    app_close(g_app);
    rmdir(g_tmp);
    return 0;
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_circle_grows_through_inhale),
        cmocka_unit_test(test_circle_shrinks_through_exhale),
        cmocka_unit_test(test_circle_still_in_holds),
        cmocka_unit_test(test_hold_ring_drains),
        cmocka_unit_test(test_caption_band),
        cmocka_unit_test(test_side_switch_changes_status),
        cmocka_unit_test(test_paused_overlay),
        cmocka_unit_test(test_end_screen),
        cmocka_unit_test(test_contrast_default),
        cmocka_unit_test(test_contrast_high),
        cmocka_unit_test(test_no_overflow_small_and_portrait),
        cmocka_unit_test(test_no_overflow_long_texts),
        cmocka_unit_test(test_reduced_motion_bar),
        cmocka_unit_test(test_title_stays_in_its_corner),
        cmocka_unit_test(test_leave_dialog_targets),
        cmocka_unit_test(test_menu_targets),
        cmocka_unit_test(test_snapshot_command_same_pixels),
        cmocka_unit_test(test_text_hierarchy),
        cmocka_unit_test(test_large_text),
        cmocka_unit_test(test_partial_updates_show_the_whole_frame),
        /* found as faults, kept as guards */
        cmocka_unit_test(test_bug_circle_pinholes),
        cmocka_unit_test(test_bug_leave_dialog_overflow),
        cmocka_unit_test(test_bug_leave_dialog_over_paused),
        cmocka_unit_test(test_bug_menu_portrait_overflow),
        cmocka_unit_test(test_bug_portrait_title_on_ring),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("ui snapshot", tests, setup, teardown);
}
