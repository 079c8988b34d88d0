/* timeline.c - the event array, its strings, its order, and the state at a frame. */
#include "timeline.h"

#include <stdlib.h>
#include <string.h>

/* Open-addressing set of interned strings. */
typedef struct intern_table {
    const char **slots;
    size_t cap, count;
} intern_table;

void timeline_init(timeline *t)
{
    memset(t, 0, sizeof *t);
    arena_init(&t->strings);
}

void timeline_free(timeline *t)
{
    free(t->events);
    free(t->steps);
    if (t->intern) {
        free(t->intern->slots);
        free(t->intern);
    }
    arena_free(&t->strings);
    memset(t, 0, sizeof *t);
}

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static int intern_grow(intern_table *it)
{
    size_t cap = it->cap ? it->cap * 2 : 256;
    const char **slots = calloc(cap, sizeof *slots);
    if (!slots)
        return 0;
    for (size_t i = 0; i < it->cap; i++) {
        if (!it->slots[i])
            continue;
        size_t j = hash_str(it->slots[i]) & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = it->slots[i];
    }
    free(it->slots);
    it->slots = slots;
    it->cap = cap;
    return 1;
}

const char *timeline_intern(timeline *t, const char *s)
{
    if (!s)
        return NULL;
    if (!t->intern && !(t->intern = calloc(1, sizeof *t->intern)))
        return NULL;
    intern_table *it = t->intern;
    if ((it->count + 1) * 2 > it->cap && !intern_grow(it))
        return NULL;
    size_t j = hash_str(s) & (it->cap - 1);
    while (it->slots[j]) {
        if (strcmp(it->slots[j], s) == 0)
            return it->slots[j];
        j = (j + 1) & (it->cap - 1);
    }
    const char *copy = arena_strdup(&t->strings, s);
    if (!copy)
        return NULL;
    it->slots[j] = copy;
    it->count++;
    return copy;
}

int timeline_push(timeline *t, const tl_event *e)
{
    if (t->count == t->cap) {
        int cap = t->cap ? t->cap * 2 : 64;
        tl_event *p = realloc(t->events, (size_t)cap * sizeof *p);
        if (!p)
            return -1;
        t->events = p;
        t->cap = cap;
    }
    t->events[t->count] = *e;
    t->events[t->count].seq = t->count;
    return t->count++;
}

static int cmp_event(const void *a, const void *b)
{
    const tl_event *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    int xp = x->kind != TL_PHASE, yp = y->kind != TL_PHASE; /* a phase opens its frame */
    if (xp != yp)
        return xp - yp;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

void timeline_sort(timeline *t)
{
    if (t->count > 1)
        qsort(t->events, (size_t)t->count, sizeof *t->events, cmp_event);
}

const char *tl_kind_name(int kind)
{
    static const char *const names[] = {"?",       "phase", "speak",     "tone", "play",
                                        "caption", "card",  "gate", "countdown", "end"};
    return kind >= 0 && kind <= TL_END ? names[kind] : "?";
}

const char *tl_phase_name(int phase)
{
    static const char *const names[] = {"none",     "instruction", "inhale", "hold-in", "exhale",
                                        "hold-out", "hold",        "rest",   "ready"};
    return phase >= 0 && phase <= PACER_PHASE_READY ? names[phase] : "?";
}

const char *tl_shape_name(int shape)
{
    static const char *const names[] = {"sine", "bell", "chime", "rise", "fall", "tick", "swell", "double"};
    return shape >= 0 && shape <= PACER_SHAPE_DOUBLE ? names[shape] : "?";
}

/* Index of the last event with at <= frame, or -1. */
static int last_at_or_before(const timeline *t, int64_t frame)
{
    int lo = 0, hi = t->count - 1, found = -1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (t->events[mid].at <= frame) {
            found = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return found;
}

/* How far back state_at looks for an event still covering the frame. Phases, cards and
 * captions are sequential, so the newest of each kind that started is the one to test; the
 * scan stops once it has seen one of every kind or this many events. */
enum { STATE_SCAN_LIMIT = 4096 };

void timeline_state_at(const timeline *t, int64_t frame, tl_state *s)
{
    memset(s, 0, sizeof *s);
    s->frame = frame;
    s->step = -1;
    s->ended = frame >= t->frames;
    int i = last_at_or_before(t, frame);
    int seen = 0; /* bit per kind found */
    const int want = (1 << TL_PHASE) | (1 << TL_CAPTION) | (1 << TL_CARD) | (1 << TL_COUNTDOWN) | (1 << TL_GATE);
    for (int n = 0; i >= 0 && n < STATE_SCAN_LIMIT && (seen & want) != want; i--, n++) {
        const tl_event *e = &t->events[i];
        if (s->step < 0 && e->kind != TL_END)
            s->step = e->step;
        if (seen & (1 << e->kind))
            continue;
        seen |= 1 << e->kind;
        int covers = frame < e->at + e->len;
        switch (e->kind) {
        case TL_PHASE: s->phase = covers ? e : NULL; break;
        case TL_CAPTION: s->caption = covers ? e : NULL; break;
        case TL_CARD: s->card = covers ? e : NULL; break;
        case TL_COUNTDOWN: s->countdown = covers ? e : NULL; break;
        case TL_GATE: s->gate = covers ? e : NULL; break;
        default: break;
        }
    }
    if (s->phase)
        s->step = s->phase->step;
}

int64_t timeline_step_boundary(const timeline *t, int64_t frame, int dir)
{
    /* steps[] is in time order: leaf steps are expanded one after the other. */
    int cur = -1;
    for (int lo = 0, hi = t->nsteps - 1; lo <= hi;) {
        int mid = lo + (hi - lo) / 2;
        if (t->steps[mid].at <= frame) {
            cur = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    if (dir > 0) {
        for (int i = cur + 1; i < t->nsteps; i++)
            if (t->steps[i].at > frame)
                return t->steps[i].at;
        return t->frames;
    }
    if (cur < 0)
        return 0;
    if (frame - t->steps[cur].at > 2 * PACER_RATE)
        return t->steps[cur].at;
    for (int i = cur - 1; i >= 0; i--)
        if (t->steps[i].at < t->steps[cur].at)
            return t->steps[i].at;
    return 0;
}
