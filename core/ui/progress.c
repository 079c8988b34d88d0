/* progress.c - the Progress picture: the last 8 weeks as a calendar (each day's minutes as
 * the fill of its square, against the daily goal), the pain before and after the recent
 * sessions, the streak and this week's minutes. Drawn with the same drawing code as every
 * screen, in large shapes readable from 2 m. */
#include <stdio.h>

#include "scene.h"

static int pmax(int a, int b) { return a > b ? a : b; }
static int pmin(int a, int b) { return a < b ? a : b; }

/* The calendar: one row a week (oldest on top), Monday first; today is the last day. */
static void draw_calendar(draw_ctx *d, SDL_Rect box, const theme *th, const progress_view *p)
{
    int gap = pmax(3, box.w / 80);
    int s = pmin((box.w - 6 * gap) / 7, (box.h - 7 * gap) / PROGRESS_WEEKS);
    int first = PROGRESS_DAYS - 1 - (PROGRESS_WEEKS - 1) * 7 - p->today_weekday; /* Monday, 8 weeks ago */
    for (int i = 0; i < PROGRESS_WEEKS * 7; i++) {
        int day = first + i;
        if (day >= PROGRESS_DAYS)
            break; /* after today */
        SDL_Rect r = {box.x + (i % 7) * (s + gap), box.y + (i / 7) * (s + gap), s, s};
        if (day < 0)
            continue;
        draw_rect(d, r, th->track);
        double f = p->goal > 0 ? p->minutes[day] / p->goal : 0;
        if (f > 1)
            f = 1;
        int fill = (int)(f * s + 0.5);
        if (fill > 0)
            draw_rect(d, (SDL_Rect){r.x, r.y + s - fill, s, fill}, f >= 1 ? th->accent : th->ring);
    }
}

/* Pain, 0 at the bottom and 10 at the top: before as a ring-coloured dot, after as an
 * accent dot, joined by a bar that shows the change. */
static void draw_pain(draw_ctx *d, SDL_Rect box, const theme *th, const progress_view *p)
{
    draw_rect(d, (SDL_Rect){box.x, box.y + box.h, box.w, 2}, th->track);
    draw_rect(d, (SDL_Rect){box.x, box.y, box.w, 2}, th->track);
    if (p->npain <= 0)
        return;
    float step = (float)box.w / (float)p->npain, rad = (float)pmax(4, pmin(box.h / 25, (int)(step / 3)));
    for (int i = 0; i < p->npain; i++) {
        float x = box.x + step * (i + 0.5f);
        float yb = box.y + box.h * (1 - p->pain_before[i] / 10.0f), ya = box.y + box.h * (1 - p->pain_after[i] / 10.0f);
        int have_b = p->pain_before[i] >= 0, have_a = p->pain_after[i] >= 0;
        if (have_b && have_a) {
            int top = (int)(ya < yb ? ya : yb), bottom = (int)(ya < yb ? yb : ya);
            draw_rect(d, (SDL_Rect){(int)(x - rad / 3), top, pmax(2, (int)(rad * 2 / 3)), bottom - top}, th->muted);
        }
        if (have_b)
            draw_disc(d, x, yb, rad, th->ring);
        if (have_a)
            draw_disc(d, x, ya, rad, th->accent);
    }
}

void scene_progress(draw_ctx *d, int w, int h, const scene_look *look, const progress_view *p)
{
    const theme *th = look->th;
    draw_fill(d, th->bg);
    int m = pmax(12, h / 30), big = pmax(24, pmin(w, h) / 12), mid = pmax(16, pmin(w, h) / 24);
    draw_text(d, "Your progress", big, 1, th->text, m, m, ALIGN_LEFT, 0);
    char line[96];
    snprintf(line, sizeof line, "%d day%s in a row", p->streak, p->streak == 1 ? "" : "s");
    draw_text(d, line, big, 1, th->accent, w - m, m, ALIGN_RIGHT, 0);
    snprintf(line, sizeof line, "%.0f minutes this week (goal %.0f a day)", p->week_minutes, p->goal);
    draw_text(d, line, mid, 0, th->text, w - m, m + big + m / 2, ALIGN_RIGHT, 0);
    int top = m + big + mid + 2 * m;
    int portrait = h > w;
    SDL_Rect cal = portrait ? (SDL_Rect){m, top + mid + m / 2, w - 2 * m, (h - top) / 2 - mid - 2 * m}
                            : (SDL_Rect){m, top + mid + m / 2, w / 2 - 2 * m, h - top - mid - 2 * m};
    draw_text(d, "Minutes a day, 8 weeks", mid, 0, th->muted, cal.x, top, ALIGN_LEFT, 0);
    draw_calendar(d, cal, th, p);
    int px = portrait ? m : w / 2 + m, py = portrait ? top + (h - top) / 2 : top;
    SDL_Rect pain = {px, py + 2 * mid + m, (portrait ? w : w / 2) - 2 * m, h - py - 2 * mid - 3 * m};
    draw_text(d, "Pain before", mid, 0, th->ring, px, py, ALIGN_LEFT, 0);
    draw_text(d, "and after each session", mid, 0, th->accent, px, py + mid + m / 3, ALIGN_LEFT, 0);
    draw_pain(d, pain, th, p);
}
