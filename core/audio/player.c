/* player.c - transport over the mixer. */
#include "player.h"

#include <stdlib.h>
#include <string.h>

#include "tone.h"

int player_init(player *p, const timeline *t, const clip *const *clips, const clip *ambience)
{
    memset(p, 0, sizeof *p);
    p->t = t;
    if (mixer_init(&p->mx, t, clips, ambience) < 0)
        return -1;
    p->answers = calloc((size_t)(t->nasks ? t->nasks : 1), sizeof *p->answers);
    if (!p->answers) {
        mixer_free(&p->mx);
        return -1;
    }
    p->end = p->mx.end;
    atomic_store(&p->volume_permille, 1000);
    atomic_store(&p->frame, 0);
    atomic_store(&p->state, PLAYER_PLAYING);
    return 0;
}

void player_free(player *p)
{
    mixer_free(&p->mx);
    free((void *)p->answers);
    p->answers = NULL;
}

/* Tells the UI thread what the mixer now holds. */
static void publish_answers(player *p)
{
    for (int k = 0; k < p->t->nasks; k++)
        atomic_store(&p->answers[k], p->mx.answers[k] | p->mx.how[k] << 2);
}

int player_answer(const player *p, int k, int *how)
{
    int v = k >= 0 && k < p->t->nasks ? atomic_load(&p->answers[k]) : 0;
    if (how)
        *how = v >> 2;
    return v & 3;
}

int player_send(player *p, player_cmd cmd)
{
    unsigned tail = atomic_load(&p->tail);
    if (tail - atomic_load(&p->head) >= PLAYER_QUEUE)
        return -1;
    atomic_store(&p->cmds[tail % PLAYER_QUEUE], (int)cmd);
    atomic_store(&p->tail, tail + 1);
    return 0;
}

int64_t player_frame(const player *p) { return atomic_load(&p->frame); }

int64_t player_played(const player *p) { return atomic_load(&p->played); }

void player_set_volume(player *p, double v)
{
    atomic_store(&p->volume_permille, (int)(v < 0 ? 0 : v > 1 ? 1000 : v * 1000 + 0.5));
}
player_state player_get_state(const player *p) { return (player_state)atomic_load(&p->state); }

static void seek(player *p, int64_t frame)
{
    if (frame < 0)
        frame = 0;
    if (frame > p->end)
        frame = p->end;
    mixer_seek(&p->mx, frame, 0);
    atomic_store(&p->frame, p->mx.pos); /* past a branch the answers skip */
    p->clean_start = 1; /* a resume after a skip starts clean too */
}

static void pause(player *p) { atomic_store(&p->state, PLAYER_PAUSED); }

void player_start_at(player *p, int64_t frame)
{
    seek(p, frame);
    pause(p);
}

static void resume(player *p)
{
    p->getready_pos = 0;
    atomic_store(&p->state, PLAYER_GETREADY);
}

/* The gate under way at frame, or NULL. */
static const tl_event *gate_at(const player *p, int64_t frame)
{
    tl_state s;
    timeline_state_at(p->t, frame, &s);
    return s.gate;
}

static void apply(player *p, player_cmd cmd)
{
    player_state st = player_get_state(p);
    int64_t now = player_frame(p);
    if (st == PLAYER_ENDED && cmd != PLAYER_PREV && cmd != PLAYER_RESTART)
        return;
    switch (cmd) {
    case PLAYER_TAP:
    case PLAYER_TOGGLE: {
        /* Inside a ready gate a tap goes on; anywhere else it pauses and resumes. */
        const tl_event *g = cmd == PLAYER_TAP && st == PLAYER_PLAYING ? gate_at(p, now) : NULL;
        if (g)
            seek(p, g->at + g->len);
        else if (st == PLAYER_PLAYING || st == PLAYER_GETREADY)
            pause(p); /* a tap during the get-ready pauses again */
        else
            resume(p);
        break;
    }
    case PLAYER_PAUSE:
        if (st == PLAYER_PLAYING || st == PLAYER_GETREADY)
            pause(p);
        break;
    case PLAYER_RESUME:
        if (st == PLAYER_PAUSED)
            resume(p);
        break;
    case PLAYER_RESTART:
        seek(p, 0);
        resume(p);
        break;
    case PLAYER_NEXT:
        /* skipping a question unanswered takes its default, as its timeout would */
        mixer_answer(&p->mx, timeline_ask_at(p->t, now), TL_OPEN);
        seek(p, timeline_path_boundary(p->t, p->mx.answers, now, +1));
        break;
    case PLAYER_PREV:
        seek(p, timeline_path_boundary(p->t, p->mx.answers, now, -1));
        if (st == PLAYER_ENDED)
            atomic_store(&p->state, PLAYER_PLAYING);
        break;
    case PLAYER_YES:
    case PLAYER_NO: {
        /* only while the question is open; on to the answer's branch at once */
        int k = st == PLAYER_PLAYING ? timeline_ask_at(p->t, now) : -1;
        if (k >= 0 && p->mx.answers[k] == TL_OPEN) {
            mixer_answer(&p->mx, k, cmd == PLAYER_YES ? TL_YES : TL_NO);
            seek(p, p->t->asks[k].decide);
        }
        break;
    }
    }
}

static void getready_ticks(player *p, float *out, int n)
{
    /* ticks at 0, 0.5 s and 1.0 s of the get-ready, mixed like any tone */
    const int64_t step = PACER_RATE / 2;
    const tone_params tick = {PACER_SHAPE_TICK, 1200.0, 0.5, PACER_RATE / 25};
    for (int k = 0; k < 3; k++) {
        int64_t at = k * step;
        tone_mix(&tick, p->getready_pos - at, out, n);
    }
}

void player_audio(player *p, float *out, int n)
{
    while (atomic_load(&p->head) != atomic_load(&p->tail)) {
        unsigned h = atomic_load(&p->head);
        apply(p, (player_cmd)atomic_load(&p->cmds[h % PLAYER_QUEUE]));
        atomic_store(&p->head, h + 1);
        publish_answers(p);
    }
    int done = 0;
    while (done < n) {
        player_state st = player_get_state(p);
        int chunk = n - done;
        float *dst = out + done;
        if (st == PLAYER_PAUSED || st == PLAYER_ENDED) {
            memset(dst, 0, (size_t)chunk * sizeof *dst);
        } else if (st == PLAYER_GETREADY) {
            const int64_t total = (int64_t)(PLAYER_GETREADY_SECONDS * PACER_RATE);
            if (total - p->getready_pos < chunk)
                chunk = (int)(total - p->getready_pos);
            memset(dst, 0, (size_t)chunk * sizeof *dst);
            getready_ticks(p, dst, chunk);
            p->getready_pos += chunk;
            if (p->getready_pos >= total) {
                /* the paused frame continues exactly where it stopped (cues under way go on);
                 * after a skip only the cues from there on play */
                mixer_seek(&p->mx, player_frame(p), !p->clean_start);
                p->clean_start = 0;
                atomic_store(&p->state, PLAYER_PLAYING);
            }
        } else {
            p->clean_start = 0; /* playing on: a later pause resumes with its cues */
            /* the frames left on the way the answers choose */
            int64_t left = mixer_left(&p->mx);
            if (left < chunk)
                chunk = (int)left;
            if (chunk > 0) {
                mixer_render(&p->mx, dst, chunk);
                atomic_store(&p->frame, p->mx.pos);
                atomic_fetch_add(&p->played, chunk);
                publish_answers(p);
            }
            if (left <= chunk) {
                atomic_store(&p->state, PLAYER_ENDED);
                if (chunk <= 0)
                    chunk = 0;
            }
        }
        done += chunk;
        if (chunk == 0 && player_get_state(p) == PLAYER_ENDED && done < n) {
            memset(out + done, 0, (size_t)(n - done) * sizeof *out);
            done = n;
        }
    }
    int vol = atomic_load(&p->volume_permille);
    if (vol != 1000) {
        float g = (float)vol / 1000.0f;
        for (int i = 0; i < n; i++)
            out[i] *= g;
    }
    atomic_fetch_add(&p->output, n);
}
