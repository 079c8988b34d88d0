/* pmr.c - progressive muscle relaxation: tense one muscle group for about 5 seconds, then
 * release it for about 10 and notice the difference, group by group, spoken throughout. */
#include <stdio.h>
#include <string.h>

#include "pacer/plugin.h"

enum { F_GROUPS, F_TENSE, F_RELEASE, F_COUNTDOWN };

static const pacer_field fields[] = {
    [F_GROUPS] = {"groups", PACER_STRINGS, PACER_POSITIONAL, 0, 60, 0, NULL, NULL,
                  "Muscle groups in order, e.g. \"hands\", \"shoulders\" (default: hands to feet, not the back)"},
    [F_TENSE] = {"tense", PACER_NUMBER, 0, 3, 15, 5, NULL, NULL, "Seconds of tensing each group"},
    [F_RELEASE] = {"release", PACER_NUMBER, 0, 5, 30, 10, NULL, NULL, "Seconds of letting go after each group"},
    [F_COUNTDOWN] = {"countdown", PACER_INTEGER, 0, 0, 3, 2, NULL, NULL,
                     "A tick on each of the last N seconds of tensing"},
};

/* The lower back is left out on purpose: tensing it hard can stir up back pain. Said in the
 * session's language (PACER_WORDS); a script's own groups are said as it gives them. */
static const char *const default_groups[] = {
    PACER_MARK("hands and forearms"), PACER_MARK("upper arms"), PACER_MARK("shoulders"), PACER_MARK("face"),
    PACER_MARK("stomach"),            PACER_MARK("thighs"),     PACER_MARK("calves and feet"),
};

static int validate(pacer_ctx *x, const pacer_host *h)
{
    if (h->num(x, F_COUNTDOWN) >= h->num(x, F_TENSE))
        return h->fail(x, "'countdown' must be shorter than 'tense'");
    return 0;
}

static int expand(pacer_ctx *x, const pacer_host *h)
{
    const double tense = h->num(x, F_TENSE), release = h->num(x, F_RELEASE);
    const int countdown = (int)h->num(x, F_COUNTDOWN);
    int n = h->strings_count(x, F_GROUPS);
    const int use_default = n == 0;
    if (use_default)
        n = (int)(sizeof default_groups / sizeof default_groups[0]);
    for (int i = 0; i < n; i++) {
        const char *g = use_default ? PACER_WORDS(h, x, default_groups[i]) : h->strings_at(x, F_GROUPS, i);
        char cue[256], label[128];
        /* TRANSLATORS: %s is a muscle group, e.g. "hands and forearms" */
        snprintf(cue, sizeof cue, PACER_WORDS(h, x, "Tense your %s."), g);
        snprintf(label, sizeof label, PACER_WORDS(h, x, "Tense: %s"), g);
        h->phase(x, 0, PACER_PHASE_HOLD, tense, label, i + 1, n);
        h->sound(x, 0, PACER_SOUND_HOLD);
        h->say(x, 0.3, cue);
        for (int k = countdown; k >= 1; k--)
            h->sound(x, tense - k, PACER_SOUND_TICK);
        h->advance(x, tense);
        h->phase(x, 0, PACER_PHASE_REST, release, PACER_WORDS(h, x, "Let go"), i + 1, n);
        h->sound(x, 0, PACER_SOUND_REP_END);
        h->say(x, 0.3, i == 0 ? PACER_WORDS(h, x, "And let go. Notice how the muscles feel as they soften.")
                              : PACER_WORDS(h, x, "And let go."));
        h->advance(x, release);
    }
    return 0;
}

static const pacer_step_type pmr_type = {
    sizeof(pacer_step_type),
    "pmr",
    "Progressive muscle relaxation: tense each muscle group, then let it go",
    fields,
    (int)(sizeof fields / sizeof fields[0]),
    0,
    validate,
    expand,
    "pmr { \"hands\", \"shoulders\", \"face\", tense = 5, release = 10 }",
};

static int init(const pacer_registrar *r) { return r->add_step(r, &pmr_type); }

static const pacer_plugin plugin = {
    sizeof(pacer_plugin), PACER_ABI_MAJOR, PACER_ABI_MINOR, "pmr", "1.0.0",
    "Progressive muscle relaxation through a list of muscle groups, spoken", init,
};

PACER_PLUGIN_DECLARE(plugin)
