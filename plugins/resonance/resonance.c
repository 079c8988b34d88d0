/* resonance.c - resonance-frequency breathing: slow, even breathing at a set rate (about 5.5
 * to 6 breaths a minute), optionally slowing down gradually from a rate the patient finds
 * comfortable. Its own visual: a ring that fills as you breathe in and empties as you breathe
 * out, with the current rate in the middle. */
#include <math.h>
#include <stdio.h>

#include "pacer/plugin.h"

enum { F_RATE, F_START_RATE, F_RAMP, F_RATIO, F_MINUTES, F_SPEAK, F_IN_CUE, F_OUT_CUE };

static const pacer_field fields[] = {
    [F_RATE] = {"rate", PACER_NUMBER, 0, 3, 10, 6, NULL, NULL, "Breaths per minute to settle at"},
    [F_START_RATE] = {"start_rate", PACER_NUMBER, 0, 3, 20, 6, NULL, NULL,
                      "A comfortable rate to start at, slowing down gradually to 'rate'"},
    [F_RAMP] = {"ramp_minutes", PACER_NUMBER, 0, 0, 30, 2, NULL, NULL,
                "Minutes over which the rate slows from 'start_rate' to 'rate'"},
    [F_RATIO] = {"ratio", PACER_NUMBER, 0, 0.5, 3, 1.5, NULL, NULL,
                 "How much longer the exhale is than the inhale (1.5: half as long again)"},
    [F_MINUTES] = {"minutes", PACER_NUMBER, 0, 1, 60, 10, NULL, NULL, "Minutes of breathing, in whole breaths"},
    [F_SPEAK] = {"speak_cycles", PACER_INTEGER, 0, 0, 100, 2, NULL, NULL,
                 "Breaths with spoken cues; the rest have tones only"},
    [F_IN_CUE] = {"inhale_cue", PACER_TEXT, 0, 0, 200, 0, "In", NULL, "Said as each spoken inhale begins"},
    [F_OUT_CUE] = {"exhale_cue", PACER_TEXT, 0, 0, 200, 0, "Out", NULL, "Said as each spoken exhale begins"},
};

/* The rate at time t (seconds): a straight glide from start to target over the ramp. */
static double rate_at(double t, double start, double target, double ramp)
{
    if (ramp <= 0 || t >= ramp)
        return target;
    return start + (target - start) * (t / ramp);
}

static int validate(pacer_ctx *x, const pacer_host *h)
{
    if (h->given(x, F_START_RATE) && h->num(x, F_START_RATE) < h->num(x, F_RATE))
        return h->fail(x, "'start_rate' (%g) must not be slower than 'rate' (%g): the rate only slows down",
                       h->num(x, F_START_RATE), h->num(x, F_RATE));
    return 0;
}

static int expand(pacer_ctx *x, const pacer_host *h)
{
    const double target = h->num(x, F_RATE), ratio = h->num(x, F_RATIO);
    const double start = h->given(x, F_START_RATE) ? h->num(x, F_START_RATE) : target;
    const double ramp = h->given(x, F_START_RATE) ? h->num(x, F_RAMP) * 60.0 : 0;
    const double total = h->num(x, F_MINUTES) * 60.0;
    const int speak = (int)h->num(x, F_SPEAK);
    const char *in_cue = h->text(x, F_IN_CUE), *out_cue = h->text(x, F_OUT_CUE);

    /* Whole breaths that fit the minutes, counted first so each shows "breath i of n". */
    int n = 0;
    for (double t = 0; n < 10000;) {
        double len = 60.0 / rate_at(t, start, target, ramp);
        if (t + len > total + 0.5 * len)
            break;
        t += len;
        n++;
    }
    if (n < 1)
        n = 1;
    double t = 0;
    for (int i = 0; i < n; i++) {
        const double r = rate_at(t, start, target, ramp);
        const double len = 60.0 / r, in = len / (1.0 + ratio), out = len - in;
        char label[48];
        snprintf(label, sizeof label, "%.1f breaths a minute", r);
        h->phase(x, 0, PACER_PHASE_INHALE, in, label, i + 1, n);
        h->sound(x, 0, PACER_SOUND_INHALE);
        if (i < speak && in_cue)
            h->say(x, 0.3, in_cue);
        h->advance(x, in);
        h->phase(x, 0, PACER_PHASE_EXHALE, out, label, i + 1, n);
        h->sound(x, 0, PACER_SOUND_EXHALE);
        if (i < speak && out_cue)
            h->say(x, 0.3, out_cue);
        h->advance(x, out);
        t += len;
    }
    return 0;
}

static void draw(pacer_canvas *c, const pacer_draw_api *api, const pacer_draw_state *st)
{
    const float cx = st->x + st->w / 2, cy = st->y + st->h / 2, r = st->w * 0.42f;
    double p = st->phase_progress < 0 ? 0 : st->phase_progress > 1 ? 1 : st->phase_progress;
    double ease = 0.5 - 0.5 * cos(3.141592653589793 * p);
    double fill = st->phase == PACER_PHASE_INHALE ? ease : st->phase == PACER_PHASE_EXHALE ? 1.0 - ease : 0.0;
    if (st->reduced_motion) {
        api->bar(c, st->x, cy - r * 0.12f, st->w, r * 0.24f, (float)fill, PACER_COLOR_ACCENT);
    } else {
        api->ring(c, cx, cy, r, r * 0.16f, 1.0f, PACER_COLOR_TRACK);
        api->ring(c, cx, cy, r, r * 0.16f, (float)fill, PACER_COLOR_ACCENT);
    }
    if (st->label) {
        /* "6.0 breaths a minute": the number big, the words below */
        char num[16];
        double rate = 0;
        if (sscanf(st->label, "%lf", &rate) == 1) {
            snprintf(num, sizeof num, "%.1f", rate);
            api->text(c, cx, cy - r * 0.42f, r * 0.5f, num, PACER_COLOR_TEXT, PACER_ALIGN_CENTER);
            api->text(c, cx, cy + r * 0.16f, r * 0.14f, "breaths a minute", PACER_COLOR_MUTED, PACER_ALIGN_CENTER);
        }
    }
}

static const pacer_step_type resonance_type = {
    sizeof(pacer_step_type),
    "resonance",
    "Resonance breathing: slow, even breaths at a set rate, slowing gradually from a comfortable one",
    fields,
    (int)(sizeof fields / sizeof fields[0]),
    0,
    validate,
    expand,
    "resonance { rate = 6, start_rate = 8, ramp_minutes = 2, minutes = 5 }",
};

static int init(const pacer_registrar *r)
{
    if (r->add_step(r, &resonance_type) < 0)
        return -1;
    return r->add_draw(r, "resonance", draw);
}

static const pacer_plugin plugin = {
    sizeof(pacer_plugin), PACER_ABI_MAJOR, PACER_ABI_MINOR, "resonance", "1.0.0",
    "Resonance-frequency breathing at a set rate, with an optional gradual slow-down", init,
};

PACER_PLUGIN_DECLARE(plugin)
