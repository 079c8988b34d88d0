/* events.c - a plugin that loads fine but whose step types each emit one invalid event (or
 * otherwise misuse the host table). Every event goes through the host's checks, so a session
 * that uses one of these steps fails to compile with an error at the step's line, and one
 * that does not use them is unaffected. */
#include <math.h>
#include <stdint.h>

#include "pacer/plugin.h"

static const pacer_field no_fields[1] = {{"unused", PACER_BOOL, 0, 0, 0, 0, NULL, NULL, "Not used"}};

/* a phase with a negative length */
static int neg_length(pacer_ctx *x, const pacer_host *h)
{
    h->phase(x, 0, PACER_PHASE_HOLD, -1, NULL, 0, 0);
    h->advance(x, 1);
    return 0;
}

/* a tone whose pitch is NaN */
static int nan_pitch(pacer_ctx *x, const pacer_host *h)
{
    const pacer_tone t = {sizeof t, PACER_SHAPE_SINE, NAN, 200, 0.5};
    h->phase(x, 0, PACER_PHASE_HOLD, 1, NULL, 0, 0);
    h->tone(x, 0, &t);
    h->advance(x, 1);
    return 0;
}

/* a tone that starts after the step has ended */
static int past_end(pacer_ctx *x, const pacer_host *h)
{
    h->phase(x, 0, PACER_PHASE_HOLD, 1, NULL, 0, 0);
    h->sound(x, 5, PACER_SOUND_BEEP);
    h->advance(x, 1);
    return 0;
}

/* a phase that runs on past the step's end */
static int phase_past_end(pacer_ctx *x, const pacer_host *h)
{
    h->phase(x, 0, PACER_PHASE_INHALE, 4, NULL, 1, 1);
    h->advance(x, 2);
    return 0;
}

/* a negative advance: the cursor would go back in time */
static int neg_advance(pacer_ctx *x, const pacer_host *h)
{
    h->phase(x, 0, PACER_PHASE_HOLD, 1, NULL, 0, 0);
    h->advance(x, 1);
    h->advance(x, -1);
    return 0;
}

/* a cue at an infinite time */
static int inf_start(pacer_ctx *x, const pacer_host *h)
{
    h->say(x, INFINITY, "Never");
    h->advance(x, 1);
    return 0;
}

/* a sound before the step begins */
static int neg_start(pacer_ctx *x, const pacer_host *h)
{
    h->sound(x, -0.5, PACER_SOUND_BEEP);
    h->advance(x, 1);
    return 0;
}

/* a phase starting further ahead than any session may last */
static int huge_start(pacer_ctx *x, const pacer_host *h)
{
    h->phase(x, 1e9, PACER_PHASE_HOLD, 1, NULL, 0, 0);
    h->advance(x, 1);
    return 0;
}

/* a phase kind, a preset sound and a tone shape that do not exist */
static int bad_phase_kind(pacer_ctx *x, const pacer_host *h)
{
    h->phase(x, 0, (pacer_phase)42, 1, NULL, 0, 0);
    h->advance(x, 1);
    return 0;
}

static int bad_sound(pacer_ctx *x, const pacer_host *h)
{
    h->sound(x, 0, (pacer_sound)99);
    h->advance(x, 1);
    return 0;
}

static int bad_shape(pacer_ctx *x, const pacer_host *h)
{
    const pacer_tone t = {sizeof t, (pacer_shape)9, 440, 200, 0.5};
    h->tone(x, 0, &t);
    h->advance(x, 1);
    return 0;
}

/* a tone description that really is smaller than pacer_tone: a host that read its level
 * would read past the object */
typedef struct small_tone {
    uint32_t size;
    pacer_shape shape;
    double hz;
} small_tone;
static const small_tone tiny = {sizeof tiny, PACER_SHAPE_SINE, 440};

static int small_tone_step(pacer_ctx *x, const pacer_host *h)
{
    h->tone(x, 0, (const pacer_tone *)(const void *)&tiny);
    h->advance(x, 1);
    return 0;
}

/* rep 3 of 2 */
static int bad_rep(pacer_ctx *x, const pacer_host *h)
{
    h->phase(x, 0, PACER_PHASE_HOLD, 1, NULL, 3, 2);
    h->advance(x, 1);
    return 0;
}

/* a recording without a file */
static int no_file(pacer_ctx *x, const pacer_host *h)
{
    h->play(x, 0, NULL, "A caption");
    h->advance(x, 1);
    return 0;
}

/* block steps: a scope smaller than pacer_scope, and set 3 of 2 */
typedef struct small_scope {
    uint32_t size;
    const char *side;
} small_scope;
static const small_scope narrow = {sizeof narrow, "left"};

static int small_scope_step(pacer_ctx *x, const pacer_host *h)
{
    return h->children(x, (const pacer_scope *)(const void *)&narrow);
}

static int bad_set(pacer_ctx *x, const pacer_host *h)
{
    const pacer_scope s = {sizeof s, NULL, 3, 2};
    return h->children(x, &s);
}

/* an expand that reports its own failure, and one that fails without saying why */
static int fails(pacer_ctx *x, const pacer_host *h) { return h->fail(x, "the %s is out of reach", "ceiling"); }

static int fails_silently(pacer_ctx *x, const pacer_host *h)
{
    (void)x, (void)h;
    return -3;
}

/* a validate that fails without saying why */
static int validate_silently(pacer_ctx *x, const pacer_host *h)
{
    (void)x, (void)h;
    return -5;
}

static int one_second(pacer_ctx *x, const pacer_host *h)
{
    h->phase(x, 0, PACER_PHASE_HOLD, 1, NULL, 0, 0);
    h->advance(x, 1);
    return 0;
}

/* field access out of range: the host answers 0 / NULL, and this step is fine */
static int odd_fields(pacer_ctx *x, const pacer_host *h)
{
    double n = h->num(x, -1) + h->num(x, 7);
    const char *t = h->text(x, 7);
    int c = h->strings_count(x, 7) + h->given(x, -3);
    const char *s = h->strings_at(x, 0, 5);
    h->phase(x, 0, PACER_PHASE_HOLD, 1 + n, t ? t : s, c, c);
    h->advance(x, 1 + n);
    return 0;
}

/* a label with terminal control sequences: it must never reach a terminal raw */
static int escape_label(pacer_ctx *x, const pacer_host *h)
{
    h->phase(x, 0, PACER_PHASE_HOLD, 1, "\033[2J\033]0;owned\007label", 0, 0);
    h->say(x, 0, "Text \033[31mred\033[0m");
    h->card(x, "\033[1mcard");
    h->advance(x, 1);
    return 0;
}

/* a failure message with a control sequence and a line break */
static int fails_escape(pacer_ctx *x, const pacer_host *h)
{
    return h->fail(x, "the \033[31m%s\033[0m is\nout of reach", "ceiling");
}

#define STEP(name, fn, doc) {sizeof(pacer_step_type), name, doc, no_fields, 1, 0, NULL, fn, name " {}"}

static const pacer_step_type types[] = {
    STEP("neg_length", neg_length, "A phase with a negative length"),
    STEP("nan_pitch", nan_pitch, "A tone whose pitch is NaN"),
    STEP("past_end", past_end, "A sound after the step's end"),
    STEP("phase_past_end", phase_past_end, "A phase longer than the step"),
    STEP("neg_advance", neg_advance, "A negative advance"),
    STEP("inf_start", inf_start, "A cue at an infinite time"),
    STEP("neg_start", neg_start, "A sound before the step begins"),
    STEP("huge_start", huge_start, "A phase a billion seconds on"),
    STEP("bad_phase_kind", bad_phase_kind, "A phase of an unknown kind"),
    STEP("bad_sound", bad_sound, "An unknown preset sound"),
    STEP("bad_shape", bad_shape, "A tone of an unknown shape"),
    STEP("small_tone", small_tone_step, "A tone description smaller than pacer_tone"),
    STEP("bad_rep", bad_rep, "Rep 3 of 2"),
    STEP("no_file", no_file, "A recording without a file"),
    {sizeof(pacer_step_type), "small_scope", "A scope smaller than pacer_scope", no_fields, 1, 1, NULL,
     small_scope_step, "small_scope { wait(1) }"},
    {sizeof(pacer_step_type), "bad_set", "Set 3 of 2", no_fields, 1, 1, NULL, bad_set, "bad_set { wait(1) }"},
    STEP("fails", fails, "An expand that reports a failure"),
    STEP("fails_silently", fails_silently, "An expand that fails without a word"),
    {sizeof(pacer_step_type), "invalid_silently", "A validate that fails without a word", no_fields, 1, 0,
     validate_silently, one_second, "invalid_silently {}"},
    STEP("odd_fields", odd_fields, "Field access out of range"),
    STEP("escape_label", escape_label, "Text with terminal control sequences"),
    STEP("fails_escape", fails_escape, "A failure message with terminal control sequences"),
};

static int init(const pacer_registrar *r)
{
    for (unsigned i = 0; i < sizeof types / sizeof types[0]; i++)
        if (r->add_step(r, &types[i]) < 0)
            return -1;
    return 0;
}

static const pacer_plugin plugin = {
    sizeof(pacer_plugin), PACER_ABI_MAJOR, PACER_ABI_MINOR, "badevents", "0.0.1",
    "Step types that emit invalid events", init,
};

PACER_PLUGIN_DECLARE(plugin)
