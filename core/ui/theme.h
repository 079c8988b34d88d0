/* theme.h - colours chosen for legibility from 2-3 m away, with measured contrast. */
#ifndef PACER_THEME_H
#define PACER_THEME_H

#include <stdint.h>

typedef struct rgb {
    uint8_t r, g, b;
} rgb;

typedef struct theme {
    const char *name;
    rgb bg;       /* background */
    rgb panel;    /* cards, caption band */
    rgb text;     /* large words, captions */
    rgb muted;    /* secondary text */
    rgb accent;   /* the breathing circle, progress */
    rgb ring;     /* the hold ring */
    rgb track;    /* empty part of bars and rings */
    double min_contrast; /* the bound every text colour meets on bg and panel */
} theme;

/* "default" or "high-contrast"; NULL for an unknown name. */
const theme *theme_find(const char *name);
const char *theme_names(void);
/* WCAG 2 contrast ratio of two colours, 1..21. */
double contrast_ratio(rgb a, rgb b);

#endif
