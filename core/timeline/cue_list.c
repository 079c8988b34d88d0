/* cue_list.c - the requests for a session's sounds, found by hash. */
#include "cue_list.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void cue_list_init(cue_list *l)
{
    memset(l, 0, sizeof *l);
    arena_init(&l->strings);
}

void cue_list_free(cue_list *l)
{
    free(l->items);
    free(l->slots);
    arena_free(&l->strings);
    memset(l, 0, sizeof *l);
}

static uint64_t mix(uint64_t h, const char *s)
{
    /* FNV-1a; a NULL string hashes apart from "" */
    if (!s)
        return (h ^ 0xff) * 1099511628211ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (h ^ 0xfe) * 1099511628211ull;
}

static uint64_t hash_key(cue_kind kind, const char *text, const char *language, const char *voice, int rate)
{
    uint64_t h = 14695981039346656037ull ^ (uint64_t)kind;
    h = mix(h, text);
    if (kind == CUE_SPEECH) {
        h = mix(h, language);
        h = mix(h, voice);
        h = (h ^ (uint64_t)(unsigned)rate) * 1099511628211ull;
    }
    return h;
}

static int same_str(const char *a, const char *b) { return a == b || (a && b && strcmp(a, b) == 0); }

static int matches(const cue_request *r, cue_kind kind, const char *text, const char *language, const char *voice,
                   int rate)
{
    if (r->kind != kind || strcmp(r->text, text) != 0)
        return 0;
    return kind != CUE_SPEECH || (r->rate == rate && same_str(r->language, language) && same_str(r->voice, voice));
}

cue_request *cue_list_find(const cue_list *l, cue_kind kind, const char *text, const char *language,
                           const char *voice, int rate)
{
    if (!l->nslots || !text)
        return NULL;
    size_t mask = (size_t)l->nslots - 1;
    for (size_t i = hash_key(kind, text, language, voice, rate) & mask;; i = (i + 1) & mask) {
        int k = l->slots[i];
        if (k < 0)
            return NULL;
        if (matches(&l->items[k], kind, text, language, voice, rate))
            return &l->items[k];
    }
}

static void place(cue_list *l, int k)
{
    const cue_request *r = &l->items[k];
    size_t mask = (size_t)l->nslots - 1;
    size_t i = hash_key(r->kind, r->text, r->language, r->voice, r->rate) & mask;
    while (l->slots[i] >= 0)
        i = (i + 1) & mask;
    l->slots[i] = k;
}

/* Keeps the index at most half full. */
static int grow_index(cue_list *l)
{
    if (2 * (l->count + 1) <= l->nslots)
        return 0;
    int n = l->nslots ? l->nslots * 2 : 64;
    int *slots = malloc((size_t)n * sizeof *slots);
    if (!slots)
        return -1;
    free(l->slots);
    l->slots = slots;
    l->nslots = n;
    for (int i = 0; i < n; i++)
        slots[i] = -1;
    for (int k = 0; k < l->count; k++)
        place(l, k);
    return 0;
}

static const char *keep(cue_list *l, const char *s, int *failed)
{
    if (!s)
        return NULL;
    char *c = arena_strdup(&l->strings, s);
    if (!c)
        *failed = 1;
    return c;
}

cue_request *cue_list_add(cue_list *l, cue_kind kind, const char *text, const char *language, const char *voice,
                          int rate)
{
    if (!text)
        return NULL;
    cue_request *found = cue_list_find(l, kind, text, language, voice, rate);
    if (found)
        return found;
    if (grow_index(l) < 0)
        return NULL;
    if (l->count == l->cap) {
        int cap = l->cap ? l->cap * 2 : 32;
        cue_request *p = realloc(l->items, (size_t)cap * sizeof *p);
        if (!p)
            return NULL;
        l->items = p;
        l->cap = cap;
    }
    int failed = 0;
    cue_request r = {.kind = kind, .rate = kind == CUE_SPEECH ? rate : 0};
    r.text = keep(l, text, &failed);
    if (kind == CUE_SPEECH) {
        r.language = keep(l, language, &failed);
        r.voice = keep(l, voice, &failed);
    }
    if (failed)
        return NULL;
    l->items[l->count] = r;
    place(l, l->count);
    return &l->items[l->count++];
}

void cue_list_answer(cue_list *l, cue_request *r, double seconds, const char *err)
{
    r->ready = 1;
    r->seconds = seconds;
    int failed = 0;
    r->err = err && *err ? keep(l, err, &failed) : NULL;
}

int cue_list_pending(const cue_list *l)
{
    int n = 0;
    for (int i = 0; i < l->count; i++)
        n += !l->items[i].ready;
    return n;
}
