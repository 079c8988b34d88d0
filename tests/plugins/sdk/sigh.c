/* sigh.c - a plugin built outside the source tree against the installed SDK alone:
 *
 *   cc -fPIC -fvisibility=hidden $(pkg-config --cflags pacer-plugin) -shared -o sigh.so sigh.c
 *
 * The physiological sigh: a full breath in through the nose, a short second breath in on top
 * of it, then a long breath out through the mouth. */
#include <pacer/plugin.h>

enum { F_CYCLES, F_EXHALE };

static const pacer_field fields[] = {
    [F_CYCLES] = {"cycles", PACER_INTEGER, PACER_POSITIONAL, 1, 20, 3, NULL, NULL, "Number of sighs"},
    [F_EXHALE] = {"exhale", PACER_NUMBER, 0, 4, 12, 6, NULL, NULL, "Seconds of the long breath out"},
};

static int expand(pacer_ctx *x, const pacer_host *h)
{
    const int n = (int)h->num(x, F_CYCLES);
    const double out = h->num(x, F_EXHALE);
    for (int i = 0; i < n; i++) {
        h->phase(x, 0, PACER_PHASE_INHALE, 2, "Breathe in", i + 1, n);
        h->sound(x, 0, PACER_SOUND_INHALE);
        h->advance(x, 2);
        h->phase(x, 0, PACER_PHASE_INHALE, 1, "And a little more", i + 1, n);
        h->sound(x, 0, PACER_SOUND_HOLD);
        h->advance(x, 1);
        h->phase(x, 0, PACER_PHASE_EXHALE, out, "Long breath out", i + 1, n);
        h->sound(x, 0, PACER_SOUND_EXHALE);
        h->advance(x, out);
    }
    return 0;
}

static const pacer_step_type sigh_type = {
    sizeof(pacer_step_type), "sigh", "The physiological sigh: two breaths in, one long breath out", fields, 2, 0,
    NULL, expand, "sigh { cycles = 3, exhale = 6 }",
};

static int init(const pacer_registrar *r) { return r->add_step(r, &sigh_type); }

static const pacer_plugin plugin = {
    sizeof(pacer_plugin), PACER_ABI_MAJOR, PACER_ABI_MINOR, "sigh", "1.0.0", "The physiological sigh", init,
};

PACER_PLUGIN_DECLARE(plugin)
