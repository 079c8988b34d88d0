/* run.c - the session runner: device, player, drive loop, resume policy, run events. */
#include "run.h"

#include <stdlib.h>
#include <string.h>

#include "device.h"
#include "mixer.h"
#include "drive.h"
#include "player.h"
#include "resume.h"

_Static_assert((int)RUN_PLAYING == (int)PLAYER_PLAYING && (int)RUN_PAUSED == (int)PLAYER_PAUSED &&
                   (int)RUN_GETREADY == (int)PLAYER_GETREADY && (int)RUN_ENDED == (int)PLAYER_ENDED,
               "run_phase mirrors player_state");

struct run {
    run_opts o;
    audio_device *dev; /* open while a session plays; NULL: none, or it went away */
    char dev_err[256]; /* why the last session has no device ("" when it has one) */
    double volume;
    /* the session under way */
    int active;
    char *path;
    const timeline *t;
    player p;
    drive dv;
    int64_t ask_resume;     /* > 0: asking whether to continue from this frame */
    double ask_until;       /* then it answers itself: continue (hands-free) */
    int64_t continued_from; /* > 0: continued without asking */
    /* what the listener was last told */
    int last_step;
    run_phase last_phase;
    int answered_step; /* the step whose question was answered (its skip may be pending), or -1 */
    uint8_t *answers;  /* each ask's answer as the player last published it (TL_OPEN...) */
    uint8_t *told;     /* each ask's answer as the listener was told it */
    int yesno_posted;  /* the ask whose answer was posted and not yet applied, or -1 */
};

double run_now(void) { return drive_now(); }

static double clock_now(const run *r) { return r->o.clock ? r->o.clock(r->o.clock_ud) : drive_now(); }

static void emit_full(run *r, run_event_kind kind, int value, const char *label, int by_default, int ask)
{
    if (!r->o.on_event)
        return;
    run_event e = {.kind = kind,
                   .path = r->path,
                   .title = r->t && r->t->title ? r->t->title : "",
                   .frame = player_frame(&r->p),
                   .step = r->last_step,
                   .nsteps = r->t ? r->t->nsteps : 0,
                   .practised = player_played(&r->p),
                   .value = value,
                   .label = label ? label : "",
                   .by_default = by_default,
                   .ask = ask};
    r->o.on_event(r->o.ud, &e);
}

static void emit_answer(run *r, run_event_kind kind, int value, const char *label)
{
    emit_full(r, kind, value, label, 0, 0);
}

static void emit(run *r, run_event_kind kind) { emit_answer(r, kind, 0, NULL); }

/* The gate of the question step under way at frame (also while its question is still being
 * said), or NULL; *label gets the step's phase label. A ready step's gate asks nothing: a
 * tap goes on there. */
static const tl_event *step_gate(const timeline *t, int64_t frame, int *step, const char **label)
{
    tl_state st;
    timeline_state_at(t, frame, &st);
    *step = st.step;
    if (st.step < 0 || st.ended || st.step >= t->nsteps || !t->steps[st.step].type ||
        strcmp(t->steps[st.step].type, RUN_QUESTION_STEP) != 0)
        return NULL;
    *label = st.phase && st.phase->step == st.step && st.phase->text ? st.phase->text : "";
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind == TL_GATE && e->step == st.step && e->at + e->len > frame)
            return e;
    }
    return NULL;
}

/* An answer counts while the question's step plays; it ends the wait. */
static void answer_question(run *r, int value)
{
    const char *label = "";
    int step;
    if (player_get_state(&r->p) != PLAYER_PLAYING || !step_gate(r->t, player_frame(&r->p), &step, &label))
        return;
    /* one answer per question: a second one before the skip is applied would skip on */
    if (step == r->answered_step)
        return;
    r->answered_step = step;
    emit_answer(r, RUN_EV_ANSWER, value, label);
    player_send(&r->p, PLAYER_NEXT);
}

run *run_open(const run_opts *o)
{
    run *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    if (o)
        r->o = *o;
    if (r->o.buffer <= 0)
        r->o.buffer = 512;
    r->volume = r->o.volume_set || r->o.volume > 0 ? r->o.volume : 1.0;
    return r;
}

void run_close(run *r)
{
    if (!r)
        return;
    run_stop(r);
    free(r);
}

const char *run_sound_problem(const run *r) { return r->dev_err; }

const char *run_device_name(const run *r) { return r->dev ? device_name(r->dev) : ""; }

int run_start(run *r, const char *path, const timeline *t, const struct clip *const *clips,
              const struct clip *ambience)
{
    run_stop(r);
    r->path = strdup(path ? path : "");
    r->answers = calloc((size_t)(t->nasks ? t->nasks : 1), 1);
    r->told = calloc((size_t)(t->nasks ? t->nasks : 1), 1);
    if (!r->path || !r->answers || !r->told || player_init(&r->p, t, clips, ambience) < 0) {
        free(r->path);
        free(r->answers);
        free(r->told);
        r->path = NULL;
        r->answers = r->told = NULL;
        return -1;
    }
    /* The device is open only while a session plays: loading a session (a loader process is
     * forked for its script) never happens beside a running audio thread. */
    r->dev_err[0] = 0;
    if (!r->o.no_audio && !r->dev)
        r->dev = device_open(r->o.buffer, r->dev_err, sizeof r->dev_err);
    r->t = t;
    r->active = 1;
    r->ask_resume = 0;
    r->continued_from = 0;
    r->last_step = -1;
    r->last_phase = RUN_PLAYING;
    r->answered_step = -1;
    r->yesno_posted = -1;
    if (r->o.resume != RUN_RESUME_OFF && path) {
        int64_t stopped = resume_get(path), from = stopped >= 0 ? resume_point(t, stopped) : -1;
        if (from > 0) {
            player_start_at(&r->p, from);
            if (r->o.resume == RUN_RESUME_ASK) {
                r->ask_resume = from;
                r->ask_until = clock_now(r) + RUN_ASK_SECONDS;
            } else {
                r->continued_from = from;
                player_send(&r->p, PLAYER_RESUME);
            }
        }
    }
    player_set_volume(&r->p, r->volume);
    drive_start(&r->dv, r->dev, &r->p, r->o.clock, r->o.clock_ud);
    emit(r, RUN_EV_STARTED);
    return 0;
}

static void answer(run *r, int resume)
{
    if (r->ask_resume <= 0)
        return;
    r->ask_resume = 0;
    player_send(&r->p, resume ? PLAYER_RESUME : PLAYER_RESTART);
}

void run_post(run *r, run_cmd cmd) { run_post_value(r, cmd, 0); }

void run_post_value(run *r, run_cmd cmd, int value)
{
    if (!r->active)
        return;
    if (r->ask_resume > 0) {
        /* the question is open: nothing plays until it is answered */
        if (cmd == RUN_CONTINUE || cmd == RUN_RESTART)
            answer(r, cmd == RUN_CONTINUE);
        return;
    }
    if (cmd == RUN_ANSWER) {
        answer_question(r, value);
        return;
    }
    if (cmd == RUN_YES || cmd == RUN_NO) {
        /* one answer per question; the player takes it only while the question is open */
        int k = player_get_state(&r->p) == PLAYER_PLAYING ? timeline_ask_at(r->t, player_frame(&r->p)) : -1;
        if (k >= 0 && k != r->yesno_posted && r->answers[k] == TL_OPEN) {
            r->yesno_posted = k;
            player_send(&r->p, cmd == RUN_YES ? PLAYER_YES : PLAYER_NO);
        }
        return;
    }
    static const player_cmd to_player[] = {[RUN_TAP] = PLAYER_TAP,   [RUN_PAUSE] = PLAYER_PAUSE,
                                           [RUN_RESUME] = PLAYER_RESUME, [RUN_NEXT] = PLAYER_NEXT,
                                           [RUN_PREV] = PLAYER_PREV, [RUN_CONTINUE] = 0,
                                           [RUN_RESTART] = 0};
    if ((int)cmd > 0 && (size_t)cmd < sizeof to_player / sizeof to_player[0] && to_player[cmd])
        player_send(&r->p, to_player[cmd]);
}

/* Reads the answers the player published; tells the listener each one the patient gave, or
 * that the default was taken. A branch entered by a skip or a resume answers nothing. */
static void tell_answers(run *r)
{
    for (int k = 0; k < r->t->nasks; k++) {
        int how, a = player_answer(&r->p, k, &how);
        r->answers[k] = (uint8_t)a;
        if (a == TL_OPEN && r->yesno_posted == k && player_frame(&r->p) < r->t->asks[k].at)
            r->yesno_posted = -1; /* went back before it: it may be answered again */
        if (a == r->told[k])
            continue;
        r->told[k] = (uint8_t)a;
        if (a != TL_OPEN && (how == MIXER_ANSWERED || how == MIXER_BY_DEFAULT))
            emit_full(r, RUN_EV_CHOICE, a == TL_YES, r->t->asks[k].question, how == MIXER_BY_DEFAULT, k);
        if (a == TL_OPEN && r->yesno_posted == k)
            r->yesno_posted = -1;
    }
}

void run_tick(run *r)
{
    if (!r->active)
        return;
    if (r->ask_resume > 0 && clock_now(r) >= r->ask_until)
        answer(r, 1); /* hands-free: nobody answered, so continue */
    if (drive_tick(&r->dv)) {
        r->dev = NULL; /* a device lost mid-session was closed by the drive */
        emit(r, RUN_EV_SOUND_LOST);
    }
    tell_answers(r);
    tl_state st;
    timeline_state_at(r->t, player_frame(&r->p), &st);
    if (st.step != r->last_step && st.step >= 0) {
        r->last_step = st.step;
        r->answered_step = -1;
        emit(r, RUN_EV_STEP);
    }
    run_phase ph = (run_phase)player_get_state(&r->p);
    if (ph != r->last_phase) {
        int was_paused = r->last_phase == RUN_PAUSED, paused = ph == RUN_PAUSED;
        r->last_phase = ph;
        if (ph == RUN_ENDED)
            emit(r, RUN_EV_FINISHED);
        else if (paused && !was_paused && r->ask_resume <= 0)
            emit(r, RUN_EV_PAUSED);
        else if (was_paused && !paused)
            emit(r, RUN_EV_RESUMED);
    }
}

void run_get_state(run *r, run_state *s)
{
    memset(s, 0, sizeof *s);
    s->sound = r->active ? drive_has_sound(&r->dv) : r->dev != NULL;
    if (!r->active)
        return;
    s->active = 1;
    s->phase = (run_phase)player_get_state(&r->p);
    s->position = player_frame(&r->p);
    view_at(r->t, s->position, &s->v);
    if (r->t->nasks) {
        /* the time done and left on the way the answers choose */
        for (int k = 0; k < r->t->nasks; k++)
            r->answers[k] = (uint8_t)player_answer(&r->p, k, NULL);
        s->v.elapsed -= timeline_skipped_before(r->t, r->answers, s->v.elapsed);
        s->v.total -= timeline_skipped_before(r->t, r->answers, r->t->frames);
        int k = timeline_ask_at(r->t, s->position);
        s->yesno = k >= 0 && s->phase == RUN_PLAYING && r->ask_resume <= 0 && r->answers[k] == TL_OPEN &&
                   r->yesno_posted != k;
    }
    s->ask_resume = r->ask_resume;
    s->continued_from = r->continued_from;
    s->practised = player_played(&r->p);
    /* only a waiting step can ask: the events are searched for its gate only then */
    const char *label;
    int step;
    s->asks = s->v.phase_kind == PACER_PHASE_READY && s->phase == RUN_PLAYING && r->ask_resume <= 0 &&
              step_gate(r->t, s->position, &step, &label) != NULL && step != r->answered_step;
}

void run_set_volume(run *r, double volume)
{
    r->volume = volume;
    if (r->active)
        player_set_volume(&r->p, volume);
}

void run_stop(run *r)
{
    if (!r->active)
        return;
    int finished = player_get_state(&r->p) == PLAYER_ENDED;
    drive_stop(&r->dv);
    tell_answers(r); /* an answer given just before leaving is kept too */
    if (r->dv.dev)
        device_close(r->dv.dev); /* (a device that went away was closed by the drive) */
    r->dev = NULL;
    if (r->o.resume != RUN_RESUME_OFF && r->path[0]) {
        if (finished)
            resume_clear(r->path);
        else
            resume_put(r->path, player_frame(&r->p));
    }
    /* a finish already told in run_tick is not told twice */
    if (!finished)
        emit(r, RUN_EV_STOPPED);
    else if (r->last_phase != RUN_ENDED)
        emit(r, RUN_EV_FINISHED);
    player_free(&r->p);
    free(r->path);
    free(r->answers);
    free(r->told);
    r->answers = r->told = NULL;
    r->path = NULL;
    r->t = NULL;
    r->active = 0;
    r->ask_resume = 0;
}
