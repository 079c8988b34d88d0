/* view.c - the display model at a frame. */
#include "view.h"

#include <stdio.h>
#include <string.h>

const char *view_phase_words(int phase)
{
    switch (phase) {
    case PACER_PHASE_INHALE: return "Breathe in";
    case PACER_PHASE_EXHALE: return "Breathe out";
    case PACER_PHASE_HOLD_IN:
    case PACER_PHASE_HOLD_OUT:
    case PACER_PHASE_HOLD: return "Hold";
    case PACER_PHASE_REST: return "Rest";
    case PACER_PHASE_READY: return "Ready when you are";
    case PACER_PHASE_INSTRUCTION: return "Listen";
    default: return "";
    }
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
        v->phase_words = named ? p->text : view_phase_words(p->phase);
        v->phase_progress = p->len > 0 ? (double)(frame - p->at) / (double)p->len : 1.0;
        int64_t left = p->at + p->len - frame;
        v->seconds_left = (int)((left + PACER_RATE - 1) / PACER_RATE);
        if (p->side && *p->side) {
            /* "left" -> "Left side"; a name that says it already ("painful side") stays */
            snprintf(v->side, sizeof v->side, strstr(p->side, "side") ? "%s" : "%s side", p->side);
            if (v->side[0] >= 'a' && v->side[0] <= 'z')
                v->side[0] = (char)(v->side[0] - 'a' + 'A');
        }
        if (p->reps) {
            int breathing = p->phase >= PACER_PHASE_INHALE && p->phase <= PACER_PHASE_HOLD_OUT;
            snprintf(v->rep, sizeof v->rep, "%s %u of %u", breathing ? "Breath" : "Rep", p->rep, p->reps);
        }
        if (p->sets)
            snprintf(v->set, sizeof v->set, "Set %u of %u", p->set, p->sets);
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
