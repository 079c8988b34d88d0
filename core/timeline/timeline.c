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
    free(t->asks);
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

/* ---- the way through ---- */

int timeline_answer(const timeline *t, const uint8_t *answers, int k)
{
    int a = answers ? answers[k] : TL_OPEN;
    return a == TL_YES || a == TL_NO ? a : t->asks[k].def;
}

int timeline_on_path(const timeline *t, const uint8_t *answers, int ask, int answer)
{
    /* an ask inside a branch is on the way only when its own branch is: bounded by nesting */
    for (int guard = 0; ask > 0 && ask <= t->nasks && guard <= t->nasks; guard++) {
        if (timeline_answer(t, answers, ask - 1) != answer)
            return 0;
        const tl_ask *q = &t->asks[ask - 1];
        ask = q->ask;
        answer = q->answer;
    }
    return 1;
}

/* The branch of ask k that these answers skip: [*a, *b). */
static void skipped_range(const timeline *t, const uint8_t *answers, int k, int64_t *a, int64_t *b)
{
    const tl_ask *q = &t->asks[k];
    if (timeline_answer(t, answers, k) == TL_YES) {
        *a = q->yes_end;
        *b = q->no_end;
    } else {
        *a = q->decide;
        *b = q->yes_end;
    }
}

/* The outermost skipped branch holding frame: 1 with its bounds, or 0. */
static int skipped_at(const timeline *t, const uint8_t *answers, int64_t frame, int64_t *start, int64_t *end)
{
    int found = 0;
    for (int k = 0; k < t->nasks; k++) {
        int64_t a, b;
        skipped_range(t, answers, k, &a, &b);
        if (a <= frame && frame < b && (!found || b - a > *end - *start)) {
            *start = a;
            *end = b;
            found = 1;
        }
    }
    return found;
}

int timeline_skipped(const timeline *t, const uint8_t *answers, int64_t frame, int64_t *skip_end)
{
    int64_t a = 0, b = 0;
    int r = skipped_at(t, answers, frame, &a, &b);
    if (r && skip_end)
        *skip_end = b;
    return r;
}

int64_t timeline_skipped_before(const timeline *t, const uint8_t *answers, int64_t frame)
{
    int64_t sum = 0;
    for (int k = 0; k < t->nasks; k++) {
        const tl_ask *q = &t->asks[k];
        /* a branch inside a skipped one is counted with it */
        if (!timeline_on_path(t, answers, q->ask, q->answer))
            continue;
        int64_t a, b;
        skipped_range(t, answers, k, &a, &b);
        if (b > frame)
            b = frame;
        if (b > a)
            sum += b - a;
    }
    return sum;
}

int64_t timeline_path_next(const timeline *t, const uint8_t *answers, int64_t frame)
{
    int64_t end;
    for (int guard = 0; guard <= t->nasks && timeline_skipped(t, answers, frame, &end); guard++)
        frame = end;
    return frame;
}

int64_t timeline_path_boundary(const timeline *t, const uint8_t *answers, int64_t frame, int dir)
{
    int64_t b = timeline_step_boundary(t, frame, dir);
    if (dir > 0)
        return timeline_path_next(t, answers, b);
    int64_t start, end;
    /* back out of a skipped branch: to the start of the last step before it */
    for (int guard = 0; guard <= t->nasks && skipped_at(t, answers, b, &start, &end); guard++) {
        int64_t before = 0;
        for (int lo = 0, hi = t->nsteps - 1; lo <= hi;) {
            int mid = lo + (hi - lo) / 2;
            if (t->steps[mid].at < start) {
                before = t->steps[mid].at;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        b = before;
    }
    return b;
}

int64_t timeline_length(const timeline *t) { return t->frames - timeline_skipped_before(t, NULL, t->frames); }

/* The shortest (*l) and longest (*h) of a way of raw frames: less what the asks directly in
 * it (their ask field is parent; in an ask's branch, of that answer) skip at their own
 * shortest and longest, already in lo and hi. Such asks come after their parent's question. */
static void way_extremes(const timeline *t, int parent, int answer, int64_t raw, const int64_t *lo,
                         const int64_t *hi, int64_t *l, int64_t *h)
{
    *l = *h = raw;
    for (int c = parent; c < t->nasks; c++) {
        const tl_ask *in = &t->asks[c];
        if (in->ask != parent || (parent && in->answer != answer))
            continue;
        int64_t region = in->no_end - in->decide;
        *l -= region - lo[c];
        *h -= region - hi[c];
    }
}

void timeline_length_range(const timeline *t, int64_t *shortest, int64_t *longest)
{
    /* An ask's region [decide, no_end) plays one of its branches, less what the asks inside
     * that branch skip: from the last ask back, every inner ask is known before its parent. */
    int64_t *lo = calloc((size_t)t->nasks * 2 + 2, sizeof *lo); /* never empty: lo + nasks is defined */
    if (!lo) {
        *shortest = *longest = timeline_length(t);
        return;
    }
    int64_t *hi = lo + t->nasks + 1;
    for (int k = t->nasks - 1; k >= 0; k--) {
        const tl_ask *q = &t->asks[k];
        int64_t yl, yh, nl, nh;
        way_extremes(t, k + 1, TL_YES, q->yes_end - q->decide, lo, hi, &yl, &yh);
        way_extremes(t, k + 1, TL_NO, q->no_end - q->yes_end, lo, hi, &nl, &nh);
        lo[k] = yl < nl ? yl : nl;
        hi[k] = yh > nh ? yh : nh;
    }
    way_extremes(t, 0, 0, t->frames, lo, hi, shortest, longest);
    free(lo);
}

int timeline_ask_at(const timeline *t, int64_t frame)
{
    for (int k = 0; k < t->nasks; k++)
        if (t->asks[k].at <= frame && frame < t->asks[k].decide)
            return k;
    return -1;
}
