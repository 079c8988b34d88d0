/* walk.c - a graded-activity walking timer: walk for N minutes to a pace beat at a set
 * cadence, with a cue to turn around at halfway and one when a minute is left. Build up
 * gradually from one walk to the next: 10 minutes, then 12, then 15. */
#include <math.h>

#include "pacer/plugin.h"

enum { F_MINUTES, F_CADENCE, F_BEAT, F_TURN };

static const pacer_field fields[] = {
    [F_MINUTES] = {"minutes", PACER_NUMBER, PACER_POSITIONAL, 1, 120, 10, NULL, NULL, "Minutes of walking"},
    [F_CADENCE] = {"cadence", PACER_INTEGER, 0, 40, 160, 100, NULL, NULL, "Steps a minute for the pace beat"},
    [F_BEAT] = {"beat", PACER_BOOL, 0, 0, 0, 1, NULL, NULL, "Play the pace beat (a soft tick on every step)"},
    [F_TURN] = {"turn_around", PACER_BOOL, 0, 0, 0, 1, NULL, NULL,
                "At halfway, say to turn around and walk back (an out-and-back route)"},
};

static int expand(pacer_ctx *x, const pacer_host *h)
{
    const double total = h->num(x, F_MINUTES) * 60.0;
    const double step = 60.0 / h->num(x, F_CADENCE);
    const int beat = h->num(x, F_BEAT) != 0, turn = h->num(x, F_TURN) != 0;
    const double half = total / 2;
    const char *start = PACER_WORDS(h, x, "Start walking at an easy pace, in time with the beat.");
    const char *turn_cue = turn ? PACER_WORDS(h, x, "Halfway. Turn around and walk back the way you came.")
                                : PACER_WORDS(h, x, "Halfway there.");
    const char *last = PACER_WORDS(h, x, "One minute to go.");
    h->phase(x, 0, PACER_PHASE_HOLD, half, turn ? PACER_WORDS(h, x, "Walk") : PACER_WORDS(h, x, "Walk on"), 0, 0);
    double l0 = h->say(x, 0, start);
    h->phase(x, half, turn ? PACER_PHASE_HOLD : PACER_PHASE_HOLD, total - half,
             turn ? PACER_WORDS(h, x, "Walk back") : PACER_WORDS(h, x, "Walk on"), 0, 0);
    h->sound(x, half, PACER_SOUND_HOLD);
    double l1 = h->say(x, half + 0.3, turn_cue);
    double l2 = total >= 180 ? h->say(x, total - 60, last) : 0;
    if (beat) {
        /* Ticks on the step, quiet while a cue is spoken (and a moment after) so it stays clear. */
        const double quiet[][2] = {
            {0, l0 + 0.5}, {half - 0.1, half + 0.3 + l1 + 0.5}, {total - 60.1, total - 60 + l2 + 0.5}};
        for (long i = 0;; i++) {
            double at = quiet[0][1] + i * step;
            if (at >= total - 0.5)
                break;
            int skip = 0;
            for (int k = 0; k < 3; k++)
                skip |= at >= quiet[k][0] && at < quiet[k][1];
            if (!skip)
                h->sound(x, at, PACER_SOUND_TICK);
        }
    }
    h->advance(x, total);
    h->sound(x, 0, PACER_SOUND_REP_END);
    double l3 = h->say(x, 0.3, PACER_WORDS(h, x, "Time is up. Slow down, and stop when you are ready."));
    double slow = 0.3 + l3 + 1.0 > 5 ? 0.3 + l3 + 1.0 : 5; /* the cue said in full, then a moment */
    h->phase(x, 0, PACER_PHASE_REST, slow, PACER_WORDS(h, x, "Slow down"), 0, 0);
    h->advance(x, slow);
    return 0;
}

static const pacer_step_type walk_type = {
    sizeof(pacer_step_type),
    "walk",
    "A walking timer with a pace beat, a turn-around cue at halfway and a one-minute warning",
    fields,
    (int)(sizeof fields / sizeof fields[0]),
    0,
    NULL,
    expand,
    "walk { minutes = 10, cadence = 100 }",
};

static int init(const pacer_registrar *r) { return r->add_step(r, &walk_type); }

static const pacer_plugin plugin = {
    sizeof(pacer_plugin), PACER_ABI_MAJOR, PACER_ABI_MINOR, "walk", "1.0.0",
    "Graded-activity walking: a paced walk of N minutes with halfway and turn-around cues", init,
};

PACER_PLUGIN_DECLARE(plugin)
