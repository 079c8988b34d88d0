/* mixer.c - places every cue at its exact frame. */
#include "mixer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tone.h"

static int audible_kind(int kind) { return kind == TL_TONE || kind == TL_SPEAK || kind == TL_PLAY; }

int mixer_init(mixer *m, const timeline *t, const clip *const *clips, const clip *ambience)
{
    memset(m, 0, sizeof *m);
    m->t = t;
    m->clips = clips;
    m->ambience = ambience && ambience->frames > 0 ? ambience : NULL;
    m->ambience_level = t->ambience_level;
    int n = 0;
    for (int i = 0; i < t->count; i++)
        n += audible_kind(t->events[i].kind);
    m->audible = malloc((size_t)(n ? n : 1) * sizeof *m->audible);
    m->speech = malloc((size_t)(n ? n : 1) * sizeof *m->speech);
    m->answers = calloc((size_t)(t->nasks ? t->nasks : 1), 1);
    m->how = calloc((size_t)(t->nasks ? t->nasks : 1), 1);
    if (!m->audible || !m->speech || !m->answers || !m->how) {
        free(m->audible);
        free(m->speech);
        free(m->answers);
        free(m->how);
        return -1;
    }
    m->end = t->frames;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (!audible_kind(e->kind))
            continue;
        m->audible[m->naudible++] = i;
        if (e->kind != TL_TONE)
            m->speech[m->nspeech++] = i;
        if (e->len > m->longest)
            m->longest = e->len;
        if (e->at + e->len > m->end)
            m->end = e->at + e->len;
    }
    return 0;
}

void mixer_free(mixer *m)
{
    free(m->audible);
    free(m->speech);
    free(m->answers);
    free(m->how);
    memset(m, 0, sizeof *m);
}

/* The first audible index whose event starts at or after frame. */
static int first_at_or_after(const mixer *m, int64_t frame)
{
    int lo = 0, hi = m->naudible;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (m->t->events[m->audible[mid]].at < frame)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* At pos: an open ask whose gate ends here takes its default, and a branch the answers skip
 * is jumped over (cues under way go on, shifted by the jump). */
static void settle(mixer *m)
{
    const timeline *t = m->t;
    if (!t->nasks)
        return;
    for (int k = 0; k < t->nasks; k++)
        if (m->answers[k] == TL_OPEN && t->asks[k].decide == m->pos) {
            m->answers[k] = t->asks[k].def;
            m->how[k] = MIXER_BY_DEFAULT;
        }
    int64_t to = timeline_path_next(t, m->answers, m->pos);
    if (to == m->pos)
        return;
    for (int i = 0; i < m->nactive; i++)
        m->shift[i] += to - m->pos;
    m->skipped += to - m->pos;
    m->pos = to;
    m->next = first_at_or_after(m, to);
}

void mixer_seek(mixer *m, int64_t frame, int whole_cues)
{
    const timeline *t = m->t;
    /* going back to a question (or before it) asks it again; moving into a branch answers
     * its question as that branch does */
    for (int k = 0; k < t->nasks; k++) {
        const tl_ask *q = &t->asks[k];
        if (frame <= q->at) {
            m->answers[k] = TL_OPEN;
            m->how[k] = 0;
        } else if (m->answers[k] == TL_OPEN && frame > q->decide && frame < q->no_end) {
            m->answers[k] = frame < q->yes_end ? TL_YES : TL_NO;
            m->how[k] = MIXER_IMPLIED;
        }
    }
    m->pos = frame;
    m->nactive = 0;
    int first = first_at_or_after(m, frame);
    m->next = first;
    m->skipped = timeline_skipped_before(t, m->answers, frame);
    if (whole_cues) {
        /* Cues that started before frame and still sound; none can be longer than 'longest'. */
        int i = first_at_or_after(m, frame - m->longest);
        for (; i < first && m->nactive < MIXER_MAX_ACTIVE; i++) {
            const tl_event *e = &t->events[m->audible[i]];
            if (e->at + e->len > frame && timeline_on_path(t, m->answers, e->ask, e->answer)) {
                m->shift[m->nactive] = 0;
                m->active[m->nactive++] = m->audible[i];
            }
        }
    }
    settle(m);
}

void mixer_answer(mixer *m, int k, int answer)
{
    if (k < 0 || k >= m->t->nasks || (answer != TL_YES && answer != TL_NO && answer != TL_OPEN))
        return;
    if (answer == TL_OPEN) {
        if (m->answers[k] != TL_OPEN)
            return;
        m->answers[k] = m->t->asks[k].def;
        m->how[k] = MIXER_BY_DEFAULT;
    } else {
        m->answers[k] = (uint8_t)answer;
        m->how[k] = MIXER_ANSWERED;
    }
    settle(m);
}

int64_t mixer_left(const mixer *m)
{
    if (m->pos >= m->end)
        return 0;
    int64_t skip = timeline_skipped_before(m->t, m->answers, m->end) - timeline_skipped_before(m->t, m->answers, m->pos);
    int64_t left = m->end - m->pos - skip;
    return left > 0 ? left : 0;
}

/* The next frame after pos where the way through may jump: a gate's end or a yes branch's end. */
static int64_t next_turn(const mixer *m)
{
    int64_t best = INT64_MAX;
    for (int k = 0; k < m->t->nasks; k++) {
        const tl_ask *q = &m->t->asks[k];
        if (q->decide > m->pos && q->decide < best)
            best = q->decide;
        if (q->yes_end > m->pos && q->yes_end < best)
            best = q->yes_end;
    }
    return best;
}

static void mix_event(const mixer *m, int idx, int64_t from, float *out, int n)
{
    const tl_event *e = &m->t->events[idx];
    /* the overlap of [from, from + n) with the event */
    int64_t a = e->at > from ? e->at : from;
    int64_t b = e->at + e->len < from + n ? e->at + e->len : from + n;
    if (a >= b)
        return;
    float *dst = out + (a - from);
    int count = (int)(b - a);
    int64_t offset = a - e->at;
    if (e->kind == TL_TONE) {
        tone_params tp = {(pacer_shape)e->shape, e->hz, e->level, e->len};
        tone_mix(&tp, offset, dst, count);
        return;
    }
    const clip *c = m->clips ? m->clips[idx] : NULL;
    if (!c)
        return;
    int64_t avail = c->frames - offset; /* the clip may end before the event */
    if (avail < count)
        count = avail > 0 ? (int)avail : 0;
    const int16_t *src = c->samples + offset;
    for (int k = 0; k < count; k++)
        dst[k] += src[k] * CLIP_STEP;
}

/* Ambience ducking: full level away from speech, DUCK_DEPTH lower under it, with linear
 * ramps before and after, so the voice stands out and the bed never jumps. */
#define DUCK_DEPTH 0.75
#define DUCK_ATTACK (PACER_RATE / 4)        /* 250 ms before speech */
#define DUCK_RELEASE (PACER_RATE * 2 / 5)  /* 400 ms after */
#define AMBIENCE_FADE_IN (PACER_RATE * 2)
#define AMBIENCE_FADE_OUT (PACER_RATE * 3)

/* The first speech index whose event ends after frame (the lengths vary, so bound it by
 * the longest event: starts are sorted). */
static int first_speech_near(const mixer *m, int64_t frame)
{
    int lo = 0, hi = m->nspeech;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (m->t->events[m->speech[mid]].at < frame - m->longest)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void mix_ambience(const mixer *m, int64_t from, float *out, int n)
{
    const clip *a = m->ambience;
    const int64_t end = m->t->frames;
    int first = first_speech_near(m, from - DUCK_RELEASE);
    for (int k = 0; k < n; k++) {
        int64_t f = from + k;
        if (f >= end)
            break;
        double duck = 0;
        for (int i = first; i < m->nspeech; i++) {
            const tl_event *e = &m->t->events[m->speech[i]];
            if (e->at - DUCK_ATTACK > f)
                break;
            double d;
            if (f < e->at)
                d = 1.0 - (double)(e->at - f) / DUCK_ATTACK;
            else if (f < e->at + e->len)
                d = 1.0;
            else
                d = 1.0 - (double)(f - (e->at + e->len)) / DUCK_RELEASE;
            if (d > duck)
                duck = d;
        }
        double g = m->ambience_level * (1.0 - DUCK_DEPTH * duck);
        if (f - m->skipped < AMBIENCE_FADE_IN)
            g *= (double)(f - m->skipped) / AMBIENCE_FADE_IN;
        if (end - f < AMBIENCE_FADE_OUT)
            g *= (double)(end - f) / AMBIENCE_FADE_OUT;
        out[k] += (float)(g * (a->samples[(f - m->skipped) % a->frames] * CLIP_STEP));
    }
}

/* Frames [pos, pos + n) as they lie on the timeline, added to out. */
static void render_span(mixer *m, float *out, int n)
{
    const int64_t from = m->pos, to = from + n;
    if (m->ambience)
        mix_ambience(m, from, out, n);
    /* Start the cues due in this buffer; they come after the active ones in timeline order. */
    while (m->next < m->naudible && m->t->events[m->audible[m->next]].at < to) {
        if (m->nactive < MIXER_MAX_ACTIVE) {
            m->shift[m->nactive] = 0;
            m->active[m->nactive++] = m->audible[m->next];
        }
        m->next++;
    }
    int keep = 0;
    for (int i = 0; i < m->nactive; i++) {
        int idx = m->active[i];
        int64_t shift = m->shift[i];
        mix_event(m, idx, from - shift, out, n);
        const tl_event *e = &m->t->events[idx];
        if (e->at + e->len > to - shift) {
            m->shift[keep] = shift;
            m->active[keep++] = idx;
        }
    }
    m->nactive = keep;
    m->pos = to;
}

void mixer_render(mixer *m, float *out, int n)
{
    memset(out, 0, (size_t)n * sizeof *out);
    settle(m);
    for (int done = 0; done < n;) {
        int64_t turn = next_turn(m);
        int chunk = n - done;
        if (turn - m->pos < chunk)
            chunk = (int)(turn - m->pos);
        render_span(m, out + done, chunk);
        done += chunk;
        settle(m);
    }
}
