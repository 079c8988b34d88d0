/* registry.c - the one list of step types: declarations are checked once, here. */
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void registry_init(registry *r) { memset(r, 0, sizeof *r); }

void registry_free(registry *r)
{
    free(r->items);
    registry_init(r);
}

const pacer_step_type *registry_find(const registry *r, const char *name)
{
    for (int i = 0; i < r->count; i++)
        if (strcmp(r->items[i].type->name, name) == 0)
            return r->items[i].type;
    return NULL;
}

int step_field_index(const pacer_step_type *type, const char *name)
{
    for (int i = 0; i < type->nfields; i++)
        if (strcmp(type->fields[i].name, name) == 0)
            return i;
    return -1;
}

static int valid_name(const char *s)
{
    if (!s || !*s || strlen(s) > 32)
        return 0;
    if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

static int enum_has(const char *choices, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = choices; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, word, n) == 0)
            return 1;
        p = bar ? bar + 1 : NULL;
    }
    return 0;
}

#define FAIL(...) (snprintf(err, errn, __VA_ARGS__), -1)

/* Doc lines end up on terminals, in Markdown and in Lua comments: one line of plain text. */
static int plain_line(const char *s, size_t max)
{
    size_t n = strlen(s);
    return n > 0 && n <= max && !utf8_invalid_at(s, n) && text_control_at(s, n, 0, NULL) < 0 && !strstr(s, "```");
}

static int plain_choices(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || *s == '|'))
            return 0;
    return 1;
}

static int check_field(const pacer_step_type *t, const pacer_field *f, char *err, size_t errn)
{
    if (!valid_name(f->name))
        return FAIL("step type '%s': a field has an invalid name", t->name);
    if (!f->doc || !*f->doc)
        return FAIL("step type '%s': field '%s' has no doc line", t->name, f->name);
    if (!plain_line(f->doc, 300))
        return FAIL("step type '%s': field '%s' has a doc line that is not one line of plain text", t->name,
                    f->name);
    if (f->def_str && (f->type == PACER_TEXT || f->type == PACER_STRING || f->type == PACER_ENUM) &&
        f->def_str[0] && !plain_line(f->def_str, 1000))
        return FAIL("step type '%s': field '%s' has a default that is not plain text", t->name, f->name);
    switch (f->type) {
    case PACER_NUMBER:
    case PACER_INTEGER:
        if (!isfinite(f->min) || !isfinite(f->max) || f->min > f->max)
            return FAIL("step type '%s': field '%s' has an invalid range", t->name, f->name);
        if (!(f->flags & PACER_REQUIRED) && (f->def < f->min || f->def > f->max))
            return FAIL("step type '%s': field '%s' has a default outside its range", t->name, f->name);
        break;
    case PACER_ENUM:
        if (!f->choices || !*f->choices)
            return FAIL("step type '%s': enum field '%s' has no choices", t->name, f->name);
        if (!plain_choices(f->choices))
            return FAIL("step type '%s': enum field '%s' has choices that are not lowercase words", t->name, f->name);
        if (f->def_str && !enum_has(f->choices, f->def_str))
            return FAIL("step type '%s': field '%s' has a default that is not one of its choices", t->name, f->name);
        break;
    case PACER_BOOL:
    case PACER_TEXT:
    case PACER_STRING:
    case PACER_PATH:
    case PACER_STRINGS: break;
    case PACER_STEPS:
        if (f->flags & PACER_POSITIONAL)
            return FAIL("step type '%s': the step list '%s' cannot be positional", t->name, f->name);
        break;
    default: return FAIL("step type '%s': field '%s' has an unknown type %d", t->name, f->name, (int)f->type);
    }
    return 0;
}

int registry_add(registry *r, const pacer_step_type *type, const char *origin, char *err, size_t errn)
{
    if (!type || type->size < sizeof(pacer_step_type))
        return FAIL("a step type declaration is smaller than this Pacer's (%zu bytes)", sizeof(pacer_step_type));
    if (!valid_name(type->name))
        return FAIL("a step type has an invalid name (lowercase letters, digits and _ only)");
    if (registry_find(r, type->name))
        return FAIL("step type '%s' is already registered", type->name);
    if (!type->expand)
        return FAIL("step type '%s' has no expand function", type->name);
    if (!type->doc || !*type->doc)
        return FAIL("step type '%s' has no doc line", type->name);
    if (!plain_line(type->doc, 300))
        return FAIL("step type '%s' has a doc line that is not one line of plain text", type->name);
    if (type->example && (utf8_invalid_at(type->example, strlen(type->example)) ||
                          text_control_at(type->example, strlen(type->example), 1, NULL) >= 0 ||
                          strstr(type->example, "```") || strlen(type->example) > 2000))
        return FAIL("step type '%s' has an example that is not plain Lua text", type->name);
    if (type->nfields < 0 || type->nfields > 64 || (type->nfields && !type->fields))
        return FAIL("step type '%s' has an invalid field list", type->name);
    for (int i = 0; i < type->nfields; i++) {
        if (check_field(type, &type->fields[i], err, errn))
            return -1;
        for (int j = 0; j < i; j++)
            if (strcmp(type->fields[i].name, type->fields[j].name) == 0)
                return FAIL("step type '%s': field '%s' is declared twice", type->name, type->fields[i].name);
    }
    if (r->count == r->cap) {
        int cap = r->cap ? r->cap * 2 : 16;
        registry_entry *p = realloc(r->items, (size_t)cap * sizeof *p);
        if (!p)
            return FAIL("out of memory");
        r->items = p;
        r->cap = cap;
    }
    r->items[r->count].type = type;
    r->items[r->count].origin = origin;
    r->count++;
    return 0;
}
