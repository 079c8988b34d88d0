/* checkin.c - the daily check-in screen and its input, and the menu's buttons to it and to
 * the Progress screen. Large targets (at least 48 px, most far more), readable from 2 m;
 * a chosen answer is shown by its colour and by a tick, so it reads in any theme. */
#include "checkin.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

static int cmax(int a, int b) { return a > b ? a : b; }
static int cmin(int a, int b) { return a < b ? a : b; }
static int hit(SDL_Rect r, int x, int y) { return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h; }

void checkin_reset(checkin_form *f)
{
    memset(f, 0, sizeof *f);
    f->pain = -1;
    f->sleep = CHECKIN_SLEEP_START;
}

int checkin_given(const checkin_form *f)
{
    return f->pain >= 0 || f->sleep_given || f->helped || f->worse || f->note[0];
}

/* A button that may be chosen: filled with colour c and ticked when on. */
static void choice(draw_ctx *d, SDL_Rect r, const theme *th, const char *label, int on, rgb c)
{
    draw_round_rect(d, r, r.h / 4, on ? c : th->panel);
    char text[64];
    snprintf(text, sizeof text, "%s%s", on ? "\xE2\x9C\x93 " : "", label);
    int px = cmin(r.h * 2 / 5, 40);
    draw_text_fit(d, text, px, 1, on ? th->bg : th->text, r.x + r.w / 2, r.y + (r.h - px * 6 / 5) / 2, ALIGN_CENTER,
                  r.w - r.h / 4);
}

/* A row of tags from y: returns the y below it. */
static int tag_rows(draw_ctx *d, int w, int y, int m, int gap, int th_, const theme *th, const char *const *tags,
                    int ntags, unsigned on, rgb c, int cols, SDL_Rect *out)
{
    int tw = (w - 2 * m - (cols - 1) * gap) / cols;
    for (int i = 0; i < ntags; i++) {
        SDL_Rect r = {m + (i % cols) * (tw + gap), y + (i / cols) * (th_ + gap), tw, th_};
        choice(d, r, th, _(tags[i]), (on >> i) & 1u, c);
        out[i] = r;
    }
    int rows = (ntags + cols - 1) / cols;
    return y + rows * (th_ + gap);
}

void scene_checkin(draw_ctx *d, int w, int h, const scene_look *look, const checkin_form *f, const char *const *tags,
                   int ntags, checkin_hits *hits)
{
    const theme *th = look->th;
    checkin_hits local;
    if (!hits)
        hits = &local;
    memset(hits, 0, sizeof *hits);
    if (ntags > CHECKIN_MAX_TAGS)
        ntags = CHECKIN_MAX_TAGS;
    draw_fill(d, th->bg);
    int portrait = h > w;
    int cols = portrait ? 4 : 8;
    /* the rows share the height: title, pain, sleep, two tag groups, note and save */
    int unit = h / (portrait ? 16 : 10);
    int m = cmax(12, h / 40), gap = cmax(6, m / 2);
    int big = cmax(24, cmin(unit * 3 / 4, w / 16)), mid = cmax(16, cmin(unit * 9 / 20, w / 30));
    int bh = cmax(56, unit), tagh = cmax(48, unit * 5 / 6);
    int y = m;
    draw_text_fit(d, _("How is your back today?"), big, 1, th->text, m, y, ALIGN_LEFT, w * 2 / 3);
    int skw = cmax(w / 7, 3 * bh / 2);
    hits->skip = (SDL_Rect){w - m - skw, y, skw, cmax(48, big * 3 / 2)};
    scene_button(d, hits->skip, th, _("Skip"), 0);
    y += cmax(big * 3 / 2, hits->skip.h) + m;

    /* pain today: 11 buttons, as the rating question */
    draw_text(d, _("Pain today: 0 none, 10 the worst"), mid, 0, th->muted, m, y, ALIGN_LEFT, 0);
    y += mid * 3 / 2;
    int bw = (w - 2 * m - 10 * gap) / 11;
    for (int i = 0; i < 11; i++) {
        char label[4];
        snprintf(label, sizeof label, "%d", i);
        hits->pain[i] = (SDL_Rect){m + i * (bw + gap), y, bw, bh};
        scene_button(d, hits->pain[i], th, label, f->pain == i);
    }
    y += bh + m;

    /* hours slept: - value + */
    draw_text(d, _("Hours slept last night"), mid, 0, th->muted, m, y + (bh - mid * 6 / 5) / 2, ALIGN_LEFT, 0);
    int sx = portrait ? w - m - 4 * bh : w / 2;
    hits->sleep_down = (SDL_Rect){sx, y, bh, bh};
    hits->sleep_up = (SDL_Rect){sx + 3 * bh, y, bh, bh};
    scene_button(d, hits->sleep_down, th, "\xE2\x88\x92", 0);
    scene_button(d, hits->sleep_up, th, "+", 0);
    char hours[32];
    snprintf(hours, sizeof hours, f->sleep_given ? "%g h" : "%g h?", f->sleep);
    draw_text(d, hours, bh * 2 / 5, 1, f->sleep_given ? th->text : th->muted, sx + 2 * bh, y + (bh - bh * 12 / 25) / 2,
              ALIGN_CENTER, 0);
    y += bh + m;

    draw_text(d, _("What helped"), mid, 0, th->muted, m, y, ALIGN_LEFT, 0);
    y = tag_rows(d, w, y + mid * 3 / 2, m, gap, tagh, th, tags, ntags, f->helped, th->accent, cols, hits->helped);
    draw_text(d, _("What made it worse"), mid, 0, th->muted, m, y, ALIGN_LEFT, 0);
    y = tag_rows(d, w, y + mid * 3 / 2, m, gap, tagh, th, tags, ntags, f->worse, th->ring, cols, hits->worse);

    /* the note (typed), and Save */
    int svw = cmax(w / 6, 2 * bh);
    hits->save = (SDL_Rect){w - m - svw, cmin(y + m / 2, h - m - bh), svw, bh};
    scene_button(d, hits->save, th, _("Save"), 1);
    char note[CHECKIN_NOTE_MAX + 16];
    if (f->note[0])
        snprintf(note, sizeof note, _("Note: %s_"), f->note);
    else
        snprintf(note, sizeof note, _("Type a note if you like. Enter saves, Escape skips."));
    draw_text_fit(d, note, mid, 0, f->note[0] ? th->text : th->muted, m, hits->save.y + (bh - mid * 6 / 5) / 2,
                  ALIGN_LEFT, w - 3 * m - svw);
}

checkin_result checkin_tap(checkin_form *f, const checkin_hits *hits, int ntags, int x, int y)
{
    f->one = 0;
    if (hit(hits->skip, x, y))
        return CHECKIN_SKIP;
    if (hit(hits->save, x, y))
        return checkin_given(f) ? CHECKIN_SAVE : CHECKIN_SKIP;
    for (int i = 0; i < 11; i++)
        if (hit(hits->pain[i], x, y))
            f->pain = f->pain == i ? -1 : i; /* a second tap takes it back */
    if (hit(hits->sleep_down, x, y) || hit(hits->sleep_up, x, y))
        checkin_key(f, hit(hits->sleep_up, x, y) ? SDLK_UP : SDLK_DOWN);
    for (int i = 0; i < ntags && i < CHECKIN_MAX_TAGS; i++) {
        if (hit(hits->helped[i], x, y))
            f->helped ^= 1u << i;
        if (hit(hits->worse[i], x, y))
            f->worse ^= 1u << i;
    }
    return CHECKIN_OPEN;
}

/* Takes back the last UTF-8 character of the note. */
static void note_back(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && ((unsigned char)s[n - 1] & 0xC0) == 0x80)
        n--;
    if (n > 0)
        n--;
    s[n] = 0;
}

checkin_result checkin_key(checkin_form *f, SDL_Keycode k)
{
    int typing = f->note[0] != 0;
    int digit = k >= SDLK_0 && k <= SDLK_9 ? (int)(k - SDLK_0) : k >= SDLK_KP_1 && k <= SDLK_KP_9 ? (int)(k - SDLK_KP_1) + 1
              : k == SDLK_KP_0 ? 0 : -1;
    int one = f->one;
    f->one = 0;
    if (digit >= 0 && !typing) {
        f->pain = one && digit == 0 ? 10 : digit;
        f->one = digit == 1;
        return CHECKIN_OPEN;
    }
    double step = 0;
    if (k == SDLK_UP || k == SDLK_KP_PLUS || (!typing && (k == SDLK_PLUS || k == SDLK_EQUALS)))
        step = CHECKIN_SLEEP_STEP;
    if (k == SDLK_DOWN || k == SDLK_KP_MINUS || (!typing && k == SDLK_MINUS))
        step = -CHECKIN_SLEEP_STEP;
    if (step != 0) {
        double s = f->sleep + step;
        f->sleep = s < 0 ? 0 : s > 24 ? 24 : s;
        f->sleep_given = 1;
        return CHECKIN_OPEN;
    }
    switch (k) {
    case SDLK_ESCAPE: return CHECKIN_SKIP;
    case SDLK_RETURN:
    case SDLK_KP_ENTER: return checkin_given(f) ? CHECKIN_SAVE : CHECKIN_SKIP;
    case SDLK_BACKSPACE: note_back(f->note); break;
    default: break;
    }
    return CHECKIN_OPEN;
}

void checkin_text(checkin_form *f, const char *utf8)
{
    if (!f->note[0] && (strchr("0123456789+-=", utf8[0]) || utf8[0] == ' '))
        return; /* a key of the form, not the start of a note */
    size_t used = strlen(f->note), add = strlen(utf8);
    if (used + add < sizeof f->note)
        memcpy(f->note + used, utf8, add + 1);
}
