/* mixer.c - places every cue at its exact frame. */
#include "mixer.h"

#include <stdlib.h>
#include <string.h>

#include "tone.h"

static int audible_kind(int kind) { return kind == TL_TONE || kind == TL_SPEAK || kind == TL_PLAY; }

int mixer_init(mixer *m, const timeline *t, const clip *const *clips)
{
    memset(m, 0, sizeof *m);
    m->t = t;
    m->clips = clips;
    int n = 0;
    for (int i = 0; i < t->count; i++)
        n += audible_kind(t->events[i].kind);
    m->audible = malloc((size_t)(n ? n : 1) * sizeof *m->audible);
    if (!m->audible)
        return -1;
    m->end = t->frames;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (!audible_kind(e->kind))
            continue;
        m->audible[m->naudible++] = i;
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

void mixer_seek(mixer *m, int64_t frame, int whole_cues)
{
    m->pos = frame;
    m->nactive = 0;
    int first = first_at_or_after(m, frame);
    m->next = first;
    if (!whole_cues)
        return;
    /* Cues that started before frame and still sound; none can be longer than 'longest'. */
    int i = first_at_or_after(m, frame - m->longest);
    for (; i < first && m->nactive < MIXER_MAX_ACTIVE; i++) {
        const tl_event *e = &m->t->events[m->audible[i]];
        if (e->at + e->len > frame)
            m->active[m->nactive++] = m->audible[i];
    }
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
    for (int k = 0; k < count; k++) {
        int64_t s = offset + k;
        if (s < c->frames)
            dst[k] += c->samples[s];
    }
}

void mixer_render(mixer *m, float *out, int n)
{
    memset(out, 0, (size_t)n * sizeof *out);
    const int64_t from = m->pos, to = from + n;
    /* Start the cues due in this buffer; they come after the active ones in timeline order. */
    while (m->next < m->naudible && m->t->events[m->audible[m->next]].at < to) {
        if (m->nactive < MIXER_MAX_ACTIVE)
            m->active[m->nactive++] = m->audible[m->next];
        m->next++;
    }
    int keep = 0;
    for (int i = 0; i < m->nactive; i++) {
        int idx = m->active[i];
        mix_event(m, idx, from, out, n);
        const tl_event *e = &m->t->events[idx];
        if (e->at + e->len > to)
            m->active[keep++] = idx;
    }
    m->nactive = keep;
    m->pos = to;
}
