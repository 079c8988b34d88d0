/* ladder.c - a small good plugin with a block step: its child steps run once per rung, as
 * set i of n, with a rest between rungs. It exports pacer_test_shared_seconds with another
 * value than tide.c's (see there). */
#include "pacer/plugin.h"

enum { F_RUNGS };

static const pacer_field fields[] = {
    [F_RUNGS] = {"rungs", PACER_INTEGER, 0, 1, 10, 2, NULL, NULL, "How many times the steps inside run"},
};

PACER_EXPORT double pacer_test_shared_seconds(void);
PACER_EXPORT double pacer_test_shared_seconds(void) { return 2.0; }

static int expand(pacer_ctx *x, const pacer_host *h)
{
    const int n = (int)h->num(x, F_RUNGS);
    for (int i = 1; i <= n; i++) {
        const pacer_scope scope = {sizeof scope, NULL, i, n};
        if (h->children(x, &scope) < 0)
            return -1;
        if (i < n) {
            const double rest = pacer_test_shared_seconds();
            h->phase(x, 0, PACER_PHASE_REST, rest, "Ladder rest", 0, 0);
            h->advance(x, rest);
        }
    }
    return 0;
}

static const pacer_step_type ladder_type = {
    sizeof(pacer_step_type), "ladder", "Runs its steps once per rung, with a rest between rungs", fields, 1, 1, NULL,
    expand, "ladder { rungs = 2, hold(3) }",
};

static int init(const pacer_registrar *r) { return r->add_step(r, &ladder_type); }

static const pacer_plugin plugin = {
    sizeof(pacer_plugin), PACER_ABI_MAJOR, PACER_ABI_MINOR, "ladder", "0.1.0",
    "Repeats a block of steps (a test plugin)", init,
};

PACER_PLUGIN_DECLARE(plugin)
