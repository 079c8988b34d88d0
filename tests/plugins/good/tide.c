/* tide.c - a small good plugin: even breaths with a soft tone of its own at every phase
 * start, then a short rest with a chime, and a visual of its own (a bar that fills and
 * empties).
 *
 * It exports pacer_test_shared_seconds, as ladder.c does with another value: plugins load
 * with RTLD_LOCAL, so each must get its own (tide: 1 s of rest, ladder: 2 s). */
#include "pacer/plugin.h"

enum { F_BREATHS, F_INHALE, F_EXHALE };

static const pacer_field fields[] = {
    [F_BREATHS] = {"breaths", PACER_INTEGER, PACER_POSITIONAL, 1, 20, 3, NULL, NULL, "Number of breaths"},
    [F_INHALE] = {"inhale", PACER_NUMBER, 0, 2, 10, 3, NULL, NULL, "Seconds of breathing in"},
    [F_EXHALE] = {"exhale", PACER_NUMBER, 0, 2, 12, 4, NULL, NULL, "Seconds of breathing out"},
};

PACER_EXPORT double pacer_test_shared_seconds(void);
PACER_EXPORT double pacer_test_shared_seconds(void) { return 1.0; }

static int expand(pacer_ctx *x, const pacer_host *h)
{
    const int n = (int)h->num(x, F_BREATHS);
    const double in = h->num(x, F_INHALE), out = h->num(x, F_EXHALE);
    const pacer_tone rise = {sizeof rise, PACER_SHAPE_SINE, 330, 250, 0.5};
    const pacer_tone fall = {sizeof fall, PACER_SHAPE_SINE, 247, 250, 0.5};
    for (int i = 0; i < n; i++) {
        h->phase(x, 0, PACER_PHASE_INHALE, in, "Tide in", i + 1, n);
        h->tone(x, 0, &rise);
        h->advance(x, in);
        h->phase(x, 0, PACER_PHASE_EXHALE, out, "Tide out", i + 1, n);
        h->tone(x, 0, &fall);
        h->advance(x, out);
    }
    const double rest = pacer_test_shared_seconds();
    h->phase(x, 0, PACER_PHASE_REST, rest, "Tide rest", 0, 0);
    h->sound(x, 0, PACER_SOUND_REP_END);
    h->advance(x, rest);
    return 0;
}

static void draw(pacer_canvas *c, const pacer_draw_api *api, const pacer_draw_state *st)
{
    double p = st->phase_progress < 0 ? 0 : st->phase_progress > 1 ? 1 : st->phase_progress;
    double fill = st->phase == PACER_PHASE_INHALE ? p : st->phase == PACER_PHASE_EXHALE ? 1 - p : 0;
    api->bar(c, st->x, st->y + st->h * 0.4f, st->w, st->h * 0.2f, (float)fill, PACER_COLOR_ACCENT);
}

static const pacer_step_type tide_type = {
    sizeof(pacer_step_type), "tide", "Even breaths with a soft tone at every phase, then a short rest", fields,
    (int)(sizeof fields / sizeof fields[0]), 0, NULL, expand, "tide { breaths = 3, inhale = 3, exhale = 4 }",
};

static int init(const pacer_registrar *r)
{
    if (r->add_step(r, &tide_type) < 0)
        return -1;
    return r->add_draw(r, "tide", draw);
}

static const pacer_plugin plugin = {
    sizeof(pacer_plugin), PACER_ABI_MAJOR, PACER_ABI_MINOR, "tide", "0.1.0", "Even breaths with tones (a test plugin)",
    init,
};

PACER_PLUGIN_DECLARE(plugin)
