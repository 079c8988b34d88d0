/* validate.c - a step type's own checks on one node's values, run while the script builds the
 * model.
 *
 * The validate hook gets a host table like the one expand gets, but this one only reads: the
 * values, the estimated length of a text, fail and warn. Every function that would make an
 * event or open a block fails instead, so a hook cannot reach the timeline (and the model does
 * not need the compiler). */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "model.h"

struct pacer_ctx {
    const step_node *node;
    diag_list *d;
    arena texts; /* text values with {side} taken out */
    int failed;
};

static void vreport(pacer_ctx *x, diag_severity sev, const char *fmt, va_list ap)
{
    strbuf b;
    sb_init(&b);
    sb_printf(&b, "%s: ", x->node->type->name);
    sb_vprintf(&b, fmt, ap);
    diags_add(x->d, sev, x->node->file, x->node->line, x->node->col, "%s", b.data ? b.data : "out of memory");
    sb_free(&b);
}

/* Only the first error is reported: the others usually follow from it. */
static int v_fail(pacer_ctx *x, const char *fmt, ...)
{
    if (!x->failed) {
        va_list ap;
        va_start(ap, fmt);
        vreport(x, DIAG_ERROR, fmt, ap);
        va_end(ap);
    }
    x->failed = 1;
    return -1;
}

static void v_warn(pacer_ctx *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(x, DIAG_WARNING, fmt, ap);
    va_end(ap);
}

static const step_value *field(pacer_ctx *x, int i)
{
    return i >= 0 && i < x->node->type->nfields ? &x->node->values[i] : NULL;
}

static double v_num(pacer_ctx *x, int i)
{
    const step_value *v = field(x, i);
    return v ? v->num : 0.0;
}

static int v_given(pacer_ctx *x, int i)
{
    const step_value *v = field(x, i);
    return v ? v->given : 0;
}

/* A check runs outside any sides block, so a {side} in a text names nothing: it is left out,
 * with the same warning the compiler gives. */
static const char *v_text(pacer_ctx *x, int i)
{
    const step_value *v = field(x, i);
    if (!v || !v->str)
        return NULL;
    if (x->node->type->fields[i].type != PACER_TEXT || !strstr(v->str, "{side}"))
        return v->str;
    v_warn(x, "'{side}' is used outside a sides block; it is left out");
    strbuf b;
    sb_init(&b);
    for (const char *p = v->str; *p;) {
        const char *q = strstr(p, "{side}");
        if (!q) {
            sb_puts(&b, p);
            break;
        }
        sb_add(&b, p, (size_t)(q - p));
        p = q + 6;
    }
    const char *r = arena_strdup(&x->texts, b.data ? b.data : "");
    sb_free(&b);
    return r;
}

static int v_strings_count(pacer_ctx *x, int i)
{
    const step_value *v = field(x, i);
    return v ? v->nlist : 0;
}

static const char *v_strings_at(pacer_ctx *x, int i, int k)
{
    const step_value *v = field(x, i);
    return v && k >= 0 && k < v->nlist ? v->list[k] : NULL;
}

static int made_event(pacer_ctx *x)
{
    return v_fail(x, "its validate function made an event; validate may only check the values");
}

static void v_phase(pacer_ctx *x, double at, pacer_phase kind, double seconds, const char *label, int rep, int reps)
{
    (void)at, (void)kind, (void)seconds, (void)label, (void)rep, (void)reps;
    made_event(x);
}

static double v_say(pacer_ctx *x, double at, const char *text)
{
    (void)at, (void)text;
    made_event(x);
    return 0;
}

static double v_play(pacer_ctx *x, double at, const char *path, const char *caption)
{
    (void)at, (void)path, (void)caption;
    made_event(x);
    return 0;
}

static void v_tone(pacer_ctx *x, double at, const pacer_tone *tone)
{
    (void)at, (void)tone;
    made_event(x);
}

static void v_sound(pacer_ctx *x, double at, pacer_sound s)
{
    (void)at, (void)s;
    made_event(x);
}

static void v_card(pacer_ctx *x, const char *text)
{
    (void)text;
    made_event(x);
}

static void v_timed(pacer_ctx *x, double at, double seconds)
{
    (void)at, (void)seconds;
    made_event(x);
}

static int v_children(pacer_ctx *x, const pacer_scope *scope)
{
    (void)scope;
    return made_event(x);
}

static int v_branch(pacer_ctx *x, const char *question, int default_yes, int yes_field, int no_field)
{
    (void)question, (void)default_yes, (void)yes_field, (void)no_field;
    return made_event(x);
}

/* The session's voice and rate are not known yet: the estimate at the default rate. */
static double v_speech_len(pacer_ctx *x, const char *text)
{
    (void)x;
    return text ? estimate_speech_len(NULL, NULL, NULL, 0, text) : 0.0;
}

static void v_advance(pacer_ctx *x, double seconds)
{
    if (!isfinite(seconds) || seconds < 0)
        v_fail(x, "a step's length must be a finite number of seconds, not negative (got %g)", seconds);
}

static double v_now(pacer_ctx *x)
{
    (void)x;
    return 0.0;
}

static const char *v_words(pacer_ctx *x, const char *english)
{
    (void)x;
    return english;
}

static const pacer_host check_host = {
    .size = sizeof(pacer_host),
    .abi_major = PACER_ABI_MAJOR,
    .abi_minor = PACER_ABI_MINOR,
    .num = v_num,
    .text = v_text,
    .words = v_words,
    .given = v_given,
    .strings_count = v_strings_count,
    .strings_at = v_strings_at,
    .phase = v_phase,
    .say = v_say,
    .play = v_play,
    .tone = v_tone,
    .sound = v_sound,
    .card = v_card,
    .gate = v_timed,
    .countdown = v_timed,
    .speech_len = v_speech_len,
    .advance = v_advance,
    .now = v_now,
    .children = v_children,
    .fail = v_fail,
    .warn = v_warn,
    .branch = v_branch,
};

int session_validate_node(const step_node *n, diag_list *d)
{
    if (!n->type->validate)
        return 0;
    pacer_ctx x = {.node = n, .d = d};
    arena_init(&x.texts);
    int rc = n->type->validate(&x, &check_host);
    if (rc < 0 && !x.failed)
        v_fail(&x, "the step is not valid (error %d)", rc);
    arena_free(&x.texts);
    return x.failed ? -1 : 0;
}
