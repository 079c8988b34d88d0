/* step_rate_pain.c - rate_pain: the question "How is your back pain right now?", answered
 * 0 to 10 or not at all. Declared the way every built-in step is; registered with them.
 *
 * It expands like ready: the question spoken and shown, then a gate that goes on by itself
 * after the timeout, so a hands-free session never stalls. The answer is not part of the
 * timeline: a front-end posts it to the runner (RUN_ANSWER), which tells its listeners
 * with the step's phase label, the moment ("before" or "after"), so the journal knows which
 * rating it is. */
#include <stddef.h>

#include "i18n.h"
#include "model.h"

/* The quiet between the question and the gate (as ready's). */
#define RATE_PAIN_LEAD 0.3

enum { RP_MOMENT, RP_TEXT, RP_TIMEOUT };
static const pacer_field rate_pain_fields[] = {
    [RP_MOMENT] = {"moment", PACER_ENUM, PACER_REQUIRED, 0, 0, 0, NULL, "before|after",
                   "Whether the rating is taken before or after the exercises"},
    [RP_TEXT] = {"text", PACER_TEXT, PACER_POSITIONAL, 0, 200, 0,
                 N_("How is your back pain right now, from 0, no pain, to 10, the worst?"), NULL,
                 "The question, said and shown while waiting for the answer"},
    [RP_TIMEOUT] = {"timeout", PACER_NUMBER, 0, 1, 600, 20, NULL, NULL,
                    "Seconds after which the session goes on with no rating"},
};

static int rate_pain_expand(pacer_ctx *x, const pacer_host *h)
{
    const char *text = h->text(x, RP_TEXT);
    const double timeout = h->num(x, RP_TIMEOUT);
    double len = h->say(x, 0, text);
    /* the phase's label is the moment: the runner passes it on with the answer */
    h->phase(x, 0, PACER_PHASE_READY, len + RATE_PAIN_LEAD + timeout, h->text(x, RP_MOMENT), 0, 0);
    h->gate(x, len + RATE_PAIN_LEAD, timeout);
    h->advance(x, len + RATE_PAIN_LEAD + timeout);
    return 0;
}

const pacer_step_type rate_pain_type = {
    sizeof(pacer_step_type), "rate_pain",
    "Asks for the back pain from 0 to 10 (digit keys, or the buttons in the window) and keeps the answer in the "
    "journal; with no answer the session goes on after its timeout",
    rate_pain_fields, sizeof rate_pain_fields / sizeof rate_pain_fields[0], 0, NULL, rate_pain_expand,
    "rate_pain { moment = \"before\", timeout = 20 }",
};
