/* step_ask.c - ask: a yes/no question whose answer chooses which of two step lists plays.
 * Declared the way every built-in step is; registered with them.
 *
 * It expands like rate_pain: the question said and shown, then a gate that goes on by
 * itself after the timeout, so a hands-free session never stalls. Where the gate ends,
 * host->branch lays out the yes steps and then the no steps; the player plays the one the
 * answer chooses (the default when nobody answers), and `pacer render` the default's. */
#include <stddef.h>

#include "model.h"

/* The quiet between the question and the gate (as ready's). */
#define ASK_LEAD 0.3

enum { ASK_TEXT, ASK_TIMEOUT, ASK_DEFAULT, ASK_YES, ASK_NO };
static const pacer_field ask_fields[] = {
    [ASK_TEXT] = {"text", PACER_TEXT, PACER_REQUIRED | PACER_POSITIONAL, 0, 200, 0, NULL, NULL,
                  "The question, said and shown while waiting for the answer"},
    [ASK_TIMEOUT] = {"timeout", PACER_NUMBER, 0, 1, 600, 15, NULL, NULL,
                     "Seconds after which the default answer is taken"},
    [ASK_DEFAULT] = {"default", PACER_ENUM, 0, 0, 0, 0, "no", "yes|no",
                     "The answer taken when nobody answers in time, and in a rendered file"},
    [ASK_YES] = {"yes", PACER_STEPS, 0, 0, 0, 0, NULL, NULL, "The steps played when the answer is yes"},
    [ASK_NO] = {"no", PACER_STEPS, 0, 0, 0, 0, NULL, NULL, "The steps played when the answer is no"},
};

static int ask_validate(pacer_ctx *x, const pacer_host *h)
{
    if (!h->given(x, ASK_YES) && !h->given(x, ASK_NO))
        return h->fail(x, "give the steps for 'yes', for 'no', or for both; a question that changes nothing is "
                          "better said with say");
    return 0;
}

static int ask_expand(pacer_ctx *x, const pacer_host *h)
{
    if (h->size < offsetof(pacer_host, branch) + sizeof h->branch || !h->branch)
        return h->fail(x, "this Pacer cannot branch");
    const char *text = h->text(x, ASK_TEXT);
    const double timeout = h->num(x, ASK_TIMEOUT);
    const char *def = h->text(x, ASK_DEFAULT);
    double len = h->say(x, 0, text);
    h->phase(x, 0, PACER_PHASE_READY, len + ASK_LEAD + timeout, text, 0, 0);
    h->gate(x, len + ASK_LEAD, timeout);
    h->advance(x, len + ASK_LEAD + timeout);
    return h->branch(x, text, def && def[0] == 'y', ASK_YES, ASK_NO);
}

const pacer_step_type ask_type = {
    sizeof(pacer_step_type), "ask",
    "Asks a yes or no question (the buttons in the window, or the y and n keys) and plays the steps of the answer; "
    "with no answer the default is taken after the timeout",
    ask_fields, sizeof ask_fields / sizeof ask_fields[0], 0, ask_validate, ask_expand,
    "ask { \"Did that ease your back?\", timeout = 15, default = \"no\",\n"
    "      yes = { say \"Good. Then we move on.\" },\n"
    "      no = { say \"Then we try the other side.\", hold { seconds = 8, reps = 3, rest = 5 } } }",
};
