/* settings_scene.c - the Settings screen: large buttons, one row a setting, for touch and
 * for the keyboard (Up and Down choose a row, Left and Right or Enter change it). */
#include <stdio.h>
#include <string.h>

#include "scene.h"
#include "theme.h"
#include "i18n.h"

static int imax(int a, int b) { return a > b ? a : b; }
static int imin(int a, int b) { return a < b ? a : b; }

/* The speech rates the screen offers: each session's own, then words per minute. */
static const int rates[] = {0, 100, 125, 150, 175, 200};
enum { NRATES = (int)(sizeof rates / sizeof rates[0]) };

/* The languages the Language row offers, each named in itself; "": the system's. */
static const char *const languages[][2] = {{"", N_("the system's")}, {"en", "English"}, {"es", "Espa\xC3\xB1ol"},
                                           {"de", "Deutsch"}};
enum { NLANGUAGES = (int)(sizeof languages / sizeof languages[0]) };

static int language_index(const char *code)
{
    for (int i = 0; i < NLANGUAGES; i++)
        if (strcmp(languages[i][0], code) == 0)
            return i;
    return 0;
}

static int rate_index(int rate)
{
    int best = 0;
    for (int i = 0; i < NRATES; i++)
        if (rates[i] <= rate)
            best = i;
    return best;
}

int ui_settings_press(ui_settings *s, int button, int dir, const char *const *voices, int nvoices)
{
    int i;
    double v;
    switch (button) {
    case SETTINGS_ROW_THEME:
        snprintf(s->theme, sizeof s->theme, "%s", strcmp(s->theme, "high-contrast") == 0 ? "default" : "high-contrast");
        return 1;
    case SETTINGS_ROW_MOTION: s->reduced_motion = !s->reduced_motion; return 1;
    case SETTINGS_ROW_TEXT: s->large_text = !s->large_text; return 1;
    case SETTINGS_ROW_VOLUME:
    case SETTINGS_MINUS_VOLUME:
        /* in tenths, so ten presses make exactly 0 or 1 */
        v = (double)((int)(s->volume * 10 + 0.5) + (button == SETTINGS_MINUS_VOLUME ? -dir : dir)) / 10;
        v = v < 0 ? 0 : v > 1 ? 1 : v;
        if (v == s->volume)
            return 0;
        s->volume = v;
        return 1;
    case SETTINGS_ROW_RATE:
    case SETTINGS_MINUS_RATE:
        i = rate_index(s->speech_rate) + (button == SETTINGS_MINUS_RATE ? -dir : dir);
        i = i < 0 ? 0 : i >= NRATES ? NRATES - 1 : i;
        if (rates[i] == s->speech_rate)
            return 0;
        s->speech_rate = rates[i];
        return 1;
    case SETTINGS_ROW_VOICE:
        if (nvoices <= 0)
            return 0;
        for (i = 0; i < nvoices && strcmp(voices[i], s->voice) != 0; i++)
            ;
        i = i >= nvoices ? 0 : (i + (dir < 0 ? nvoices - 1 : 1)) % nvoices;
        snprintf(s->voice, sizeof s->voice, "%s", voices[i]);
        return 1;
    case SETTINGS_ROW_LANGUAGE:
        i = (language_index(s->language) + (dir < 0 ? NLANGUAGES - 1 : 1)) % NLANGUAGES;
        snprintf(s->language, sizeof s->language, "%s", languages[i][0]);
        return 1;
    default: return 0;
    }
}

void scene_settings(draw_ctx *d, int w, int h, const scene_look *look, const ui_settings *s, int focus,
                    const char *message, settings_hits *hits)
{
    const theme *th = look->th;
    draw_fill(d, th->bg);
    int m = imax(10, h / 40), bh = imax(56, h / 11), bw = imin(w - 2 * m, imax(320, w * 3 / 5));
    int x = (w - bw) / 2, y = m, px = imax(20, bh / 2);
    y += draw_text(d, _("Settings"), px, 1, th->text, w / 2, y, ALIGN_CENTER, 0) + m;
    SDL_Rect r[SETTINGS_BUTTONS];
    char line[160];
    for (int row = 0; row < SETTINGS_ROWS; row++, y += bh + m) {
        SDL_Rect full = {x, y, bw, bh};
        if (row == focus)
            draw_round_rect(d, (SDL_Rect){x - 5, y - 5, bw + 10, bh + 10}, bh / 4, th->accent);
        if (row == SETTINGS_ROW_VOLUME || row == SETTINGS_ROW_RATE) {
            SDL_Rect minus = {x, y, bh * 3 / 2, bh}, plus = {x + bw - bh * 3 / 2, y, bh * 3 / 2, bh};
            draw_round_rect(d, full, bh / 5, th->bg);
            scene_button(d, minus, th, "-", 0);
            scene_button(d, plus, th, "+", 0);
            if (row == SETTINGS_ROW_VOLUME)
                snprintf(line, sizeof line, _("Volume %d %%"), (int)(s->volume * 100 + 0.5));
            else if (s->speech_rate)
                snprintf(line, sizeof line, _("Speech %d words a minute"), s->speech_rate);
            else
                snprintf(line, sizeof line, _("Speech at each session's pace"));
            draw_text_fit(d, line, imax(16, bh * 2 / 5), 1, th->text, w / 2, y + (bh - bh * 12 / 25) / 2, ALIGN_CENTER,
                          bw - 3 * bh - 2 * m);
            r[row] = plus;
            r[row == SETTINGS_ROW_VOLUME ? SETTINGS_MINUS_VOLUME : SETTINGS_MINUS_RATE] = minus;
            continue;
        }
        if (row == SETTINGS_ROW_THEME)
            snprintf(line, sizeof line, _("Colours: %s"), strcmp(s->theme, "high-contrast") == 0 ? _("high contrast") : _("default"));
        else if (row == SETTINGS_ROW_MOTION)
            snprintf(line, sizeof line, _("Motion: %s"), s->reduced_motion ? _("a filling bar") : _("a growing circle"));
        else if (row == SETTINGS_ROW_TEXT)
            snprintf(line, sizeof line, _("Text: %s"), s->large_text ? _("large") : _("normal"));
        else if (row == SETTINGS_ROW_VOICE)
            snprintf(line, sizeof line, _("Voice: %s"), s->voice[0] ? s->voice : _("each session's own"));
        else if (row == SETTINGS_ROW_LANGUAGE)
            snprintf(line, sizeof line, _("Language: %s"), _(languages[language_index(s->language)][1]));
        else
            snprintf(line, sizeof line, "%s", _("Back"));
        scene_button(d, full, th, line, row == SETTINGS_ROW_BACK);
        r[row] = full;
    }
    if (message && *message)
        draw_text(d, message, imax(14, px / 2), 0, th->muted, w / 2, y, ALIGN_CENTER, w - 2 * m);
    if (hits)
        memcpy(hits->b, r, sizeof r);
}
