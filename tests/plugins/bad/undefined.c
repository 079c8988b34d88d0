/* undefined.c - a plugin that needs a symbol nothing provides: the loader's dlopen (with
 * RTLD_NOW) fails, and it says so without running any of it. */
#include "pacer/plugin.h"

/* Declared, never defined anywhere. */
extern int pacer_test_symbol_that_does_not_exist(int);

static int expand(pacer_ctx *x, const pacer_host *h)
{
    h->advance(x, pacer_test_symbol_that_does_not_exist(1));
    return 0;
}

static const pacer_step_type type = {
    sizeof(pacer_step_type), "undefined_step", "Needs a missing symbol", NULL, 0, 0, NULL, expand, "undefined_step {}",
};

static int init(const pacer_registrar *r) { return r->add_step(r, &type); }

static const pacer_plugin plugin = {
    sizeof(pacer_plugin), PACER_ABI_MAJOR, PACER_ABI_MINOR, "undefined", "0.0.1", "Needs a missing symbol", init,
};

PACER_PLUGIN_DECLARE(plugin)
