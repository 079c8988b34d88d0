/* metadata.c - a plugin that loads and works, but whose version, description and log line
 * carry terminal control sequences and line breaks. Whatever pacer prints of them must not
 * reach a terminal raw (no ESC byte), and each stays on its own line. */
#include "pacer/plugin.h"

static int expand(pacer_ctx *x, const pacer_host *h)
{
    h->phase(x, 0, PACER_PHASE_HOLD, 1, NULL, 0, 0);
    h->advance(x, 1);
    return 0;
}

static const pacer_field fields[] = {
    {"level", PACER_NUMBER, 0, 0, 1, 0.5, NULL, NULL, "How loud \033[8mhidden\033[0m"},
};

/* Its doc lines carry a control sequence and a line break: in the reference a line break
 * would end the Markdown table row or, in the LuaLS annotations, the --- comment, and what
 * follows it would be read as Lua. */
static const pacer_step_type type = {
    sizeof(pacer_step_type), "meta_step", "A step with odd docs\033[7m\nlocal injected = true --", fields, 1, 0,
    NULL, expand, "meta_step {}",
};

static int init(const pacer_registrar *r)
{
    r->log(r, PACER_LOG_WARNING, "log \033[31mred\033[0m\nsecond line");
    return r->add_step(r, &type);
}

static const pacer_plugin plugin = {
    sizeof(pacer_plugin), PACER_ABI_MAJOR, PACER_ABI_MINOR, "meta", "1.0\033[5m",
    "Odd metadata\033]0;window title\007\nwith a second line\033[2J", init,
};

PACER_PLUGIN_DECLARE(plugin)
