/* abi.c - plugins the loader must refuse before it calls anything of theirs, or whose init
 * fails. Built once per case, with BAD_CASE set to one of the names below (CMakeLists.txt);
 * each build is a real shared object.
 *
 * Where a case's description is smaller than the host's, the object really is that small, so
 * a loader that read past the size it was given would be caught by AddressSanitizer. */
#include <stddef.h>
#include <stdint.h>

#include "pacer/plugin.h"

#define CASE_NO_ENTRY 1          /* exports no entry symbol at all */
#define CASE_ENTRY_V0 2          /* exports only pacer_plugin_entry_v0: an older ABI */
#define CASE_ENTRY_V2 3          /* exports only pacer_plugin_entry_v2: a newer major */
#define CASE_MAJOR_2 4           /* the right symbol, but abi_major = 2 in the struct */
#define CASE_MINOR_NEWER 5       /* abi_minor newer than the host's */
#define CASE_TOO_SMALL 6         /* size smaller than ABI 1's pacer_plugin */
#define CASE_NULL_INIT 7         /* init is NULL */
#define CASE_INIT_FAILS 8        /* init returns -1 and registers nothing */
#define CASE_REGISTERS_NOTHING 9 /* init returns 0 and registers nothing */
#define CASE_ENTRY_NULL 10       /* the entry returns NULL */
#define CASE_BAD_NAME 11         /* the plugin's name has capitals and a space */
#define CASE_INIT_FAILS_LATE 12  /* init registers a step type, then returns -1 */

#ifndef BAD_CASE
#error "BAD_CASE must be set"
#endif

static int expand(pacer_ctx *x, const pacer_host *h)
{
    h->phase(x, 0, PACER_PHASE_HOLD, 1, NULL, 0, 0);
    h->advance(x, 1);
    return 0;
}

static const pacer_field fields[] = {
    {"seconds", PACER_NUMBER, PACER_POSITIONAL, 1, 10, 1, NULL, NULL, "Seconds"},
};

__attribute__((unused)) static const pacer_step_type late_type = {
    sizeof(pacer_step_type), "late_step", "A step type whose plugin's init then fails", fields, 1, 0, NULL, expand,
    "late_step(1)",
};

/* Unused where the case never gets as far as init. */
__attribute__((unused)) static int init(const pacer_registrar *r)
{
#if BAD_CASE == CASE_INIT_FAILS
    (void)r;
    return -1;
#elif BAD_CASE == CASE_REGISTERS_NOTHING
    r->log(r, PACER_LOG_INFO, "initialised, but with nothing to add");
    return 0;
#elif BAD_CASE == CASE_INIT_FAILS_LATE
    if (r->add_step(r, &late_type) < 0)
        return -2;
    return -1;
#else
    return r->add_step(r, &late_type);
#endif
}

#if BAD_CASE == CASE_NO_ENTRY
/* Something exported, so the object is not empty: just not the entry. */
PACER_EXPORT int pacer_plugin_version(void);
PACER_EXPORT int pacer_plugin_version(void) { return 1; }

#elif BAD_CASE == CASE_ENTRY_V0
/* What ABI 0 plugins looked like: a bare list of names. */
typedef struct old_plugin {
    const char *name;
    const char *steps;
} old_plugin;
static const old_plugin plugin = {"old", "old_step"};
PACER_EXPORT const old_plugin *pacer_plugin_entry_v0(void);
PACER_EXPORT const old_plugin *pacer_plugin_entry_v0(void) { return &plugin; }

#elif BAD_CASE == CASE_ENTRY_V2
/* A future major: a different struct under a different symbol. */
typedef struct future_plugin {
    uint64_t size;
    const char *name;
    int (*start)(void *host, void *arg);
} future_plugin;
static const future_plugin plugin = {sizeof(future_plugin), "future", NULL};
PACER_EXPORT const future_plugin *pacer_plugin_entry_v2(void);
PACER_EXPORT const future_plugin *pacer_plugin_entry_v2(void) { return &plugin; }

#elif BAD_CASE == CASE_TOO_SMALL
/* Only the first three fields of pacer_plugin, and the size says so. */
typedef struct small_plugin {
    uint32_t size, abi_major, abi_minor;
} small_plugin;
static const small_plugin plugin = {sizeof(small_plugin), PACER_ABI_MAJOR, PACER_ABI_MINOR};
PACER_EXPORT const small_plugin *PACER_PLUGIN_ENTRY(void);
PACER_EXPORT const small_plugin *PACER_PLUGIN_ENTRY(void) { return &plugin; }

#elif BAD_CASE == CASE_ENTRY_NULL
PACER_EXPORT const pacer_plugin *PACER_PLUGIN_ENTRY(void);
PACER_EXPORT const pacer_plugin *PACER_PLUGIN_ENTRY(void) { return NULL; }

#else
#if BAD_CASE == CASE_MAJOR_2
#define MAJOR 2
#else
#define MAJOR PACER_ABI_MAJOR
#endif
#if BAD_CASE == CASE_MINOR_NEWER
#define MINOR (PACER_ABI_MINOR + 1)
#else
#define MINOR PACER_ABI_MINOR
#endif
#if BAD_CASE == CASE_BAD_NAME
#define NAME "Bad Name"
#else
#define NAME "bad"
#endif
#if BAD_CASE == CASE_NULL_INIT
#define INIT NULL
#else
#define INIT init
#endif
static const pacer_plugin plugin = {
    sizeof(pacer_plugin), MAJOR, MINOR, NAME, "0.0.1", "A plugin the loader refuses", INIT,
};
PACER_PLUGIN_DECLARE(plugin)
#endif
