/* progress.c - the Progress picture: the last 8 weeks as a calendar (each day's minutes as
 * the fill of its square, against the daily goal), the pain before and after the recent
 * sessions, the daily pain and sleep from the check-ins, which tags come with better and
 * worse days, the streak and this week's minutes. Drawn with the same drawing code as every
 * screen, in large shapes readable from 2 m. */
#include <stdio.h>

#include "scene.h"
#include "i18n.h"

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

/* The daily check-ins of the same 8 weeks, oldest on the left: the hours slept as bars (0 to
 * 12 h, the height of the box) and the pain that day as a dot (0 at the bottom, 10 at the top). */
static void draw_checkins(draw_ctx *d, SDL_Rect box, const theme *th, const progress_view *p)
{
    draw_rect(d, (SDL_Rect){box.x, box.y + box.h, box.w, 2}, th->track);
    float step = (float)box.w / PROGRESS_DAYS, rad = (float)pmax(3, pmin(box.h / 16, (int)(step / 2)));
    int bar = pmax(2, (int)(step * 0.6f));
    for (int i = 0; i < PROGRESS_DAYS; i++) {
        float x = box.x + step * (i + 0.5f);
        if (p->day_sleep[i] >= 0) {
            float f = p->day_sleep[i] / 12.0f;
            int bh = (int)((f > 1 ? 1 : f) * box.h + 0.5f);
            draw_rect(d, (SDL_Rect){(int)(x - bar / 2.0f), box.y + box.h - bh, bar, bh}, th->accent);
        }
    }
    for (int i = 0; i < PROGRESS_DAYS; i++)
        if (p->day_pain[i] >= 0)
            draw_disc(d, box.x + step * (i + 0.5f), box.y + box.h * (1 - p->day_pain[i] / 10.0f), rad, th->ring);
}

/* Which tags come with better and worse days: on one line, or two (portrait). */
static void draw_tags(draw_ctx *d, int w, int y, int m, int px, int lines, const theme *th, const progress_view *p)
{
    if (!p->better[0] && !p->worse[0]) {
        draw_text_fit(d, _("Better and worse days: check in more days to see what helps"), px, 0, th->muted, m, y,
                      ALIGN_LEFT, w - 2 * m);
        return;
    }
    char better[160] = "", worse[160] = "", line[330];
    if (p->better[0])
        snprintf(better, sizeof better, _("Better days with %s"), p->better);
    if (p->worse[0])
        snprintf(worse, sizeof worse, _("Worse days with %s"), p->worse);
    if (lines > 1) {
        draw_text_fit(d, better[0] ? better : worse, px, 1, th->text, m, y, ALIGN_LEFT, w - 2 * m);
        if (better[0] && worse[0])
            draw_text_fit(d, worse, px, 1, th->text, m, y + px * 3 / 2, ALIGN_LEFT, w - 2 * m);
        return;
    }
    snprintf(line, sizeof line, "%s%s%s", better, better[0] && worse[0] ? ".   " : "", worse);
    draw_text_fit(d, line, px, 1, th->text, m, y, ALIGN_LEFT, w - 2 * m);
}

/* A label and the space after it, measured before the words that follow it. */
static const char *lead(const char *label, char *buf, size_t n)
{
    snprintf(buf, n, "%s ", label);
    return buf;
}

void scene_progress(draw_ctx *d, int w, int h, const scene_look *look, const progress_view *p)
{
    const theme *th = look->th;
    draw_fill(d, th->bg);
    int m = pmax(12, h / 30), big = pmax(24, pmin(w, h) / 12), mid = pmax(16, pmin(w, h) / 24);
    int portrait = h > w;
    draw_text(d, _("Your progress"), big, 1, th->text, m, m, ALIGN_LEFT, 0);
    /* the streak and the week: right of the title, or under it where the width is short */
    int sy = portrait ? m + big + m / 2 : m, sx = portrait ? m : w - m;
    text_align sa = portrait ? ALIGN_LEFT : ALIGN_RIGHT;
    char line[96];
    snprintf(line, sizeof line, P_("%d day in a row", "%d days in a row", p->streak), p->streak);
    draw_text(d, line, big, 1, th->accent, sx, sy, sa, 0);
    snprintf(line, sizeof line, _("%.0f minutes this week (goal %.0f a day)"), p->week_minutes, p->goal);
    draw_text_fit(d, line, mid, 0, th->text, sx, sy + big + m / 2, sa, w - 2 * m);
    int top = sy + big + mid + 2 * m;
    int lines = portrait ? 2 : 1; /* the tags below everything */
    int bottom = h - lines * mid * 3 / 2 - m;
    /* landscape: the calendar on the left, the two charts on the right; portrait: a column */
    int colw = portrait ? w - 2 * m : w / 2 - 2 * m;
    int cal_h = portrait ? (bottom - top) * 2 / 5 : bottom - top;
    SDL_Rect cal = {m, top + mid + m / 2, colw, cal_h - mid - 2 * m};
    draw_text(d, _("Minutes a day, 8 weeks"), mid, 0, th->muted, cal.x, top, ALIGN_LEFT, 0);
    draw_calendar(d, cal, th, p);
    int px = portrait ? m : w / 2 + m, py = portrait ? top + cal_h : top;
    int chart_h = (bottom - py) / 2; /* each chart with its labels */
    SDL_Rect pain = {px, py + mid + m / 2, colw, chart_h - mid - 2 * m};
    draw_text(d, _("Pain before"), mid, 0, th->ring, px, py, ALIGN_LEFT, 0);
    int bw, bh;
    char lbuf[96];
    draw_text_size(d, lead(_("Pain before"), lbuf, sizeof lbuf), mid, 0, 0, &bw, &bh);
    draw_text_fit(d, _("and after each session"), mid, 0, th->accent, px + bw, py, ALIGN_LEFT, colw - bw);
    draw_pain(d, pain, th, p);
    int cy = py + chart_h;
    SDL_Rect ck = {px, cy + mid + m / 2, colw, chart_h - mid - 2 * m};
    draw_text(d, _("Daily pain"), mid, 0, th->ring, px, cy, ALIGN_LEFT, 0);
    draw_text_size(d, lead(_("Daily pain"), lbuf, sizeof lbuf), mid, 0, 0, &bw, &bh);
    draw_text_fit(d, _("and hours slept"), mid, 0, th->accent, px + bw, cy, ALIGN_LEFT, colw - bw);
    draw_checkins(d, ck, th, p);
    draw_tags(d, w, bottom + m / 2, m, mid, lines, th, p);
}
