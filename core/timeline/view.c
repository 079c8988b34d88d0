/* view.c - the display model at a frame. */
#include "view.h"

#include "i18n.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

const char *view_phase_words(int phase, const char *language)
{
    const char *w;
    switch (phase) {
    case PACER_PHASE_INHALE: w = N_("Breathe in"); break;
    case PACER_PHASE_EXHALE: w = N_("Breathe out"); break;
    case PACER_PHASE_HOLD_IN:
    case PACER_PHASE_HOLD_OUT:
    case PACER_PHASE_HOLD: w = N_("Hold"); break;
    case PACER_PHASE_REST: w = N_("Rest"); break;
    case PACER_PHASE_READY: w = N_("Ready when you are"); break;
    case PACER_PHASE_INSTRUCTION: w = N_("Listen"); break;
    default: return "";
    }
    return i18n_in(language, w);
}

/* ASCII case-insensitive strstr: "Lado izquierdo" names its side as "lado" does. */
static int mentions(const char *s, const char *word)
{
    size_t n = strlen(word);
    for (; n && *s; s++) {
        size_t i = 0;
        while (i < n && s[i] && tolower((unsigned char)s[i]) == tolower((unsigned char)word[i]))
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

void view_side_line(const char *side, const char *language, char *out, size_t n)
{
    /* "left" -> "Left side", "izquierdo" -> "Lado izquierdo"; a name that says it already
     * ("painful side", "lado izquierdo", "linke Seite") stays, with a capital letter. */
    /* TRANSLATORS: the word for a side of the body, as it appears in side names ("lado",
     * "Seite"): a side name that contains it is shown as it is. */
    const char *word = i18n_in(language, N_("side"));
    if (mentions(side, word))
        snprintf(out, n, "%s", side);
    else
        /* TRANSLATORS: the side line; %s is the side's name ("left" -> "Left side"). */
        snprintf(out, n, i18n_in(language, N_("%s side")), side);
    if (out[0] >= 'a' && out[0] <= 'z')
        out[0] = (char)(out[0] - 'a' + 'A');
}

void view_at(const timeline *t, int64_t frame, view_model *v)
{
    memset(v, 0, sizeof *v);
    if (frame < 0)
        frame = 0;
    timeline_state_at(t, frame, &v->st);
    v->elapsed = frame < t->frames ? frame : t->frames;
    v->total = t->frames;
    v->ended = v->st.ended;
    v->phase_words = "";
    const tl_event *p = v->st.phase;
    if (p && !v->ended) {
        v->phase_kind = p->phase;
        /* A rest or hold may carry its own name ("Rock your knees", "Walk"); breathing phases
         * always say what to do with the breath. */
        int named = p->text && (p->phase == PACER_PHASE_REST || p->phase == PACER_PHASE_HOLD);
        v->phase_words = named ? p->text : view_phase_words(p->phase, t->language);
        v->phase_progress = p->len > 0 ? (double)(frame - p->at) / (double)p->len : 1.0;
        int64_t left = p->at + p->len - frame;
        v->seconds_left = (int)((left + PACER_RATE - 1) / PACER_RATE);
        if (p->side && *p->side)
            view_side_line(p->side, t->language, v->side, sizeof v->side);
        if (p->reps) {
            int breathing = p->phase >= PACER_PHASE_INHALE && p->phase <= PACER_PHASE_HOLD_OUT;
            snprintf(v->rep, sizeof v->rep,
                     breathing ? i18n_nin(t->language, "Breath %u of %u", "Breath %u of %u", p->reps)
                               : i18n_nin(t->language, "Rep %u of %u", "Rep %u of %u", p->reps),
                     p->rep, p->reps);
        }
        if (p->sets)
            snprintf(v->set, sizeof v->set, i18n_nin(t->language, "Set %u of %u", "Set %u of %u", p->sets), p->set,
                     p->sets);
    }
    v->countdown = v->st.countdown != NULL;
    v->caption = v->st.caption ? v->st.caption->text : NULL;
    v->card = v->st.card ? v->st.card->text : NULL;
    v->waiting = v->st.gate != NULL;
    int k = v->st.step;
    if (k >= 0 && k < t->nsteps && !v->ended) {
        v->step_type = t->steps[k].type;
        int64_t end = t->frames;
        for (int i = k + 1; i < t->nsteps; i++)
            if (t->steps[i].at > t->steps[k].at) {
                end = t->steps[i].at;
                break;
            }
        v->step_seconds = (double)(frame - t->steps[k].at) / PACER_RATE;
        v->step_length = (double)(end - t->steps[k].at) / PACER_RATE;
    }
}
