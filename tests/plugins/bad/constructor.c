/* constructor.c - a plugin with an ELF constructor: it runs at dlopen, before any check of
 * Pacer's. It creates the file named by PACER_TEST_CONSTRUCTOR_MARK, so a test can tell
 * whether the file was ever opened as a library. Otherwise a plain, valid plugin. */
#include <stdio.h>
#include <stdlib.h>

#include "pacer/plugin.h"

__attribute__((constructor)) static void leave_mark(void)
{
    const char *mark = getenv("PACER_TEST_CONSTRUCTOR_MARK");
    FILE *f = mark ? fopen(mark, "w") : NULL;
    if (f) {
        fputs("the constructor ran\n", f);
        fclose(f);
    }
}

static int expand(pacer_ctx *x, const pacer_host *h)
{
    h->advance(x, 1);
    return 0;
}

static const pacer_step_type mark_type = {
    sizeof(pacer_step_type), "constructor_mark", "A second of nothing", NULL, 0, 0, NULL, expand, "constructor_mark()",
};

static int init(const pacer_registrar *r) { return r->add_step(r, &mark_type); }

static const pacer_plugin plugin = {
    sizeof(pacer_plugin), PACER_ABI_MAJOR, PACER_ABI_MINOR, "constructor_mark", "0.1.0", "Leaves a mark when loaded",
    init,
};

PACER_PLUGIN_DECLARE(plugin)
