/* fuzz_kiosk_config.c - libFuzzer target: the text of a kiosk configuration in, the kiosk's
 * settings or the safe defaults and a reason out. It must never crash, leak, trip a sanitizer
 * or break one of the invariants below.
 *
 * The configuration runs in the same sandbox as sessions (1 s, 16 MiB), here in this process
 * (same_process) so libFuzzer sees the coverage; a script stuck inside one C call is left to
 * libFuzzer's -timeout, as in fuzz_loader.c. Its folder does not exist, so a relative
 * sessions folder is reported missing and the default kept: no file is read but the input.
 *
 * Invariants: the load returns 0 or -1; on -1 the staff screen has a reason (warning) and the
 * defaults are untouched; on 0 every setting is within its declared range, the theme and
 * corner are one of their choices, and every text is terminated within its buffer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk.h"

static FILE *g_null;

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_kiosk_config: invariant broken: %s\n", what);
    abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    g_null = fopen("/dev/null", "w");
    if (!g_null)
        abort();
    return 0;
}

static int terminated(const char *s, size_t n) { return memchr(s, 0, n) != NULL; }

static int one_of(const char *s, const char *const *choices)
{
    for (int i = 0; choices[i]; i++)
        if (strcmp(s, choices[i]) == 0)
            return 1;
    return 0;
}

static void check_config(int rc, const kiosk_config *c, const kiosk_config *defaults, const diag_list *d)
{
    static const char *const themes[] = {"default", "high-contrast", NULL};
    static const char *const corners[] = {"top-left", "top-right", "bottom-left", "bottom-right", NULL};
    if (rc != 0 && rc != -1)
        fail("kiosk_config_load_text returned neither 0 nor -1");
    if (!terminated(c->sessions, sizeof c->sessions) || !terminated(c->pin_hash, sizeof c->pin_hash) ||
        !terminated(c->theme, sizeof c->theme) || !terminated(c->voice, sizeof c->voice) ||
        !terminated(c->corner, sizeof c->corner) || !terminated(c->warning, sizeof c->warning))
        fail("a text of the configuration is not terminated in its buffer");
    if (rc < 0) {
        if (!c->warning[0])
            fail("a refused configuration gives staff no reason");
        if (strcmp(c->sessions, defaults->sessions) != 0 || c->idle_minutes != defaults->idle_minutes ||
            c->volume != defaults->volume || strcmp(c->pin_hash, defaults->pin_hash) != 0)
            fail("a refused configuration changed the defaults");
        if (d->errors == 0)
            fail("a refused configuration has no error");
        return;
    }
    if (d->errors != 0)
        fail("a configuration with errors was used");
    if (!(c->idle_minutes >= 0.05 && c->idle_minutes <= 240) || !(c->volume >= 0 && c->volume <= 1) ||
        !(c->hold_seconds >= 2 && c->hold_seconds <= 30))
        fail("a setting is outside its range");
    if (!one_of(c->theme, themes) || !one_of(c->corner, corners))
        fail("the theme or the corner is not one of its choices");
    if (!c->sessions[0])
        fail("the sessions folder is empty");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kiosk_config c, defaults;
    kiosk_config_defaults(&defaults, "/nonexistent-pacer-fuzz/default-sessions");
    c = defaults;
    diag_list d;
    diags_init(&d);
    int rc = kiosk_config_load_text("/nonexistent-pacer-fuzz/kiosk.lua", (const char *)data, size, 1, &c, &d);
    check_config(rc, &c, &defaults, &d);
    diags_print(&d, g_null);
    diags_free(&d);
    return 0;
}
