/* register.c - plugins whose ABI is right but whose init registers something the host must
 * refuse: a step type name that is taken, a field declaration that is wrong, a declaration
 * smaller than the host's, a draw hook for a step type the plugin does not own. Built once
 * per case with BAD_CASE set (CMakeLists.txt).
 *
 * init ignores what add_step and add_draw return and reports success: the host must refuse
 * the plugin on its own account, not trust the plugin to pass the failure on. */
#include <stddef.h>
#include <stdint.h>

#include "pacer/plugin.h"

#define CASE_TAKEN_BUILTIN 1   /* a step type named "hold" */
#define CASE_TAKEN_PLUGIN 2    /* a step type named "resonance" (the resonance plugin's) */
#define CASE_DEFAULT_RANGE 3   /* a default outside its field's range */
#define CASE_ENUM_NO_CHOICES 4 /* an enum field with no choices */
#define CASE_ENUM_DEFAULT 5    /* an enum default that is not one of its choices */
#define CASE_FIELD_NAME 6      /* a field named "Seconds" */
#define CASE_DUP_FIELD 7       /* the same field twice */
#define CASE_FIELD_DOC 8       /* a field without a doc line */
#define CASE_TYPE_SMALL 9      /* a pacer_step_type smaller than the host's */
#define CASE_STEP_NAME 10      /* a step type named "My-Step" */
#define CASE_STEP_DOC 11       /* a step type without a doc line */
#define CASE_NO_EXPAND 12      /* a step type without an expand function */
#define CASE_BAD_RANGE 13      /* a range whose min is above its max */
#define CASE_FIELD_TYPE 14     /* a field of an unknown type */
#define CASE_DRAW_BUILTIN 15   /* a draw hook for "hold" */
#define CASE_DRAW_PLUGIN 16    /* a draw hook for "resonance" */
#define CASE_DRAW_NULL 17      /* a draw hook that is NULL, for its own step type */
#define CASE_SAME_TWICE 18     /* its own step type registered twice */

#ifndef BAD_CASE
#error "BAD_CASE must be set"
#endif

__attribute__((unused)) static int expand(pacer_ctx *x, const pacer_host *h)
{
    h->phase(x, 0, PACER_PHASE_HOLD, h->num(x, 0), NULL, 0, 0);
    h->advance(x, h->num(x, 0));
    return 0;
}

__attribute__((unused)) static void draw(pacer_canvas *c, const pacer_draw_api *api, const pacer_draw_state *st)
{
    api->circle(c, st->x + st->w / 2, st->y + st->h / 2, st->w / 4, PACER_COLOR_ACCENT);
}

#define SECONDS_OK {"seconds", PACER_NUMBER, PACER_POSITIONAL, 1, 10, 2, NULL, NULL, "Seconds to hold"}

static const pacer_field fields[] = {
#if BAD_CASE == CASE_DEFAULT_RANGE
    {"seconds", PACER_NUMBER, PACER_POSITIONAL, 1, 10, 20, NULL, NULL, "Seconds to hold"},
#elif BAD_CASE == CASE_ENUM_NO_CHOICES
    SECONDS_OK,
    {"sound", PACER_ENUM, 0, 0, 0, 0, NULL, "", "The sound to play"},
#elif BAD_CASE == CASE_ENUM_DEFAULT
    SECONDS_OK,
    {"sound", PACER_ENUM, 0, 0, 0, 0, "gong", "bell|chime", "The sound to play"},
#elif BAD_CASE == CASE_FIELD_NAME
    {"Seconds", PACER_NUMBER, PACER_POSITIONAL, 1, 10, 2, NULL, NULL, "Seconds to hold"},
#elif BAD_CASE == CASE_DUP_FIELD
    SECONDS_OK,
    {"level", PACER_NUMBER, 0, 0, 1, 0.5, NULL, NULL, "How loud"},
    {"seconds", PACER_NUMBER, 0, 1, 10, 2, NULL, NULL, "Seconds to hold, again"},
#elif BAD_CASE == CASE_FIELD_DOC
    {"seconds", PACER_NUMBER, PACER_POSITIONAL, 1, 10, 2, NULL, NULL, NULL},
#elif BAD_CASE == CASE_BAD_RANGE
    {"seconds", PACER_NUMBER, PACER_POSITIONAL, 10, 1, 2, NULL, NULL, "Seconds to hold"},
#elif BAD_CASE == CASE_FIELD_TYPE
    SECONDS_OK,
    {"colour", (pacer_field_type)99, 0, 0, 0, 0, NULL, NULL, "A colour"},
#else
    SECONDS_OK,
#endif
};

#if BAD_CASE == CASE_TAKEN_BUILTIN
#define STEP "hold"
#elif BAD_CASE == CASE_TAKEN_PLUGIN
#define STEP "resonance"
#elif BAD_CASE == CASE_STEP_NAME
#define STEP "My-Step"
#else
#define STEP "reg_step"
#endif

#if BAD_CASE == CASE_STEP_DOC
#define DOC ""
#else
#define DOC "A step type declared for a registration test"
#endif

#if BAD_CASE == CASE_NO_EXPAND
#define EXPAND NULL
#else
#define EXPAND expand
#endif

#if BAD_CASE == CASE_TYPE_SMALL
/* pacer_step_type as it might have been before takes_steps, validate, expand and example: the
 * object is only this big, and its size says so. */
typedef struct small_step_type {
    uint32_t size;
    const char *name;
    const char *doc;
    const pacer_field *fields;
    int nfields;
} small_step_type;
static const small_step_type type = {sizeof(small_step_type), STEP, DOC, fields, 1};
#define TYPE ((const pacer_step_type *)(const void *)&type)
#else
static const pacer_step_type type = {
    sizeof(pacer_step_type), STEP, DOC, fields, (int)(sizeof fields / sizeof fields[0]), 0, NULL, EXPAND,
    STEP "(2)",
};
#define TYPE (&type)
#endif

static int init(const pacer_registrar *r)
{
    r->add_step(r, TYPE);
#if BAD_CASE == CASE_SAME_TWICE
    r->add_step(r, TYPE);
#elif BAD_CASE == CASE_DRAW_BUILTIN
    r->add_draw(r, "hold", draw);
#elif BAD_CASE == CASE_DRAW_PLUGIN
    r->add_draw(r, "resonance", draw);
#elif BAD_CASE == CASE_DRAW_NULL
    r->add_draw(r, STEP, NULL);
#endif
    return 0;
}

static const pacer_plugin plugin = {
    sizeof(pacer_plugin), PACER_ABI_MAJOR, PACER_ABI_MINOR, "badreg", "0.0.1",
    "A plugin whose registrations are refused", init,
};

PACER_PLUGIN_DECLARE(plugin)
