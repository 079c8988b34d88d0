/* arena.c - bump allocator in chunks; the whole arena is freed at once. */
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    size_t cap, used;
    max_align_t data[];
};

enum { ARENA_CHUNK = 64 * 1024 };

void arena_init(arena *a) { memset(a, 0, sizeof *a); }

void *arena_alloc(arena *a, size_t n)
{
    size_t align = sizeof(max_align_t);
    if (n > ((size_t)-1) / 4)
        return NULL; /* no arena serves a request this large; rounding would wrap */
    n = (n + align - 1) / align * align;
    if (n == 0)
        n = align;
    arena_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > ARENA_CHUNK ? n : ARENA_CHUNK;
        if (a->budget_used && a->budget_limit && *a->budget_used + cap > a->budget_limit)
            return NULL;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        if (a->budget_used)
            *a->budget_used += cap;
        b->cap = cap;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    a->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

void arena_free(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        if (a->budget_used)
            *a->budget_used -= b->cap;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->used = 0;
}

int grow_array(void **items, int *cap, int count, size_t size)
{
    if (count < *cap)
        return 0;
    int next = *cap ? *cap * 2 : 8;
    void *p = realloc(*items, (size_t)next * size);
    if (!p)
        return -1;
    *items = p;
    *cap = next;
    return 0;
}
