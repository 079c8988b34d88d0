/* fuzz_loader.c - libFuzzer target: session script text in, a session model or diagnostics
 * out, then the compiled timeline when it loaded. It must never crash, leak, trip a sanitizer
 * or break one of the invariants checked below.
 *
 * Limits, chosen so one input stays cheap and a finding is real:
 * - time_limit 0.2 s: an endless Lua loop is stopped by the sandbox's own hook after 0.2 s,
 *   the same path the CLI takes after 2 s;
 * - mem_limit 16 MiB for Lua and the model together; the compile's events are capped at
 *   100,000 (far below the CLI's cap) so a tiny script cannot make every run slow;
 * - the script runs in this process (same_process), so libFuzzer sees its coverage; a script
 *   stuck inside one C call (a string pattern, say) then runs on, where the program's child
 *   process would be stopped, and libFuzzer's -timeout decides: an input over it is saved
 *   as a timeout with the stuck stack, which says where it is stuck (see README.md).
 *
 * Invariants: a failed load leaves at least one error and an empty model; a successful one
 * leaves no error and a session at the root; a compiled timeline is sorted, has exactly one
 * end event at its length and nothing starting after it, no negative times, and only valid
 * step indices and counts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "script.h"
#include "compile.h"

#include "fixtures.h"

static registry g_reg;
static FILE *g_null;

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_loader: invariant broken: %s\n", what);
    abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    if (support_registry(&g_reg) < 0)
        abort();
    g_null = fopen("/dev/null", "w");
    if (!g_null)
        abort();
    return 0;
}

static void check_model(int rc, const session_model *m, const diag_list *d)
{
    if (rc != 0 && rc != -1)
        fail("script_load_buffer returned neither 0 nor -1");
    if (rc < 0 && d->errors == 0)
        fail("the load failed without an error");
    if (rc < 0 && (m->root || m->mem.head))
        fail("a failed load left a model behind");
    if (rc == 0 && d->errors != 0)
        fail("the load succeeded with errors");
    if (rc == 0 && (!m->root || strcmp(m->root->type->name, "session") != 0))
        fail("a successful load has no session at the root");
    for (int i = 0; i < d->count; i++) {
        const diag *it = &d->items[i];
        if (!it->file || !it->message || (int)it->severity < DIAG_ERROR || (int)it->severity > DIAG_NOTE)
            fail("a diagnostic is malformed");
    }
}

static void check_timeline(const timeline *t)
{
    int ends = 0;
    if (t->count < 1 || t->frames < 0)
        fail("a compiled timeline is empty or has a negative length");
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->at < 0 || e->len < 0)
            fail("an event has a negative time or length");
        if (i > 0 && e->at < t->events[i - 1].at)
            fail("the events are not sorted by time");
        if (e->kind < TL_PHASE || e->kind > TL_END)
            fail("an event has an unknown kind");
        if (e->step < -1 || e->step >= t->nsteps)
            fail("an event names a step that does not exist");
        if (e->rep > e->reps || e->set > e->sets)
            fail("an event's rep or set is past its count");
        if ((e->kind == TL_SPEAK || e->kind == TL_CAPTION || e->kind == TL_CARD || e->kind == TL_PLAY) && !e->text)
            fail("a speech, caption, card or recording event has no text");
        if (e->kind == TL_END) {
            ends++;
            if (e->at != t->frames)
                fail("the end event is not at the timeline's length");
        } else if (e->at > t->frames) {
            fail("an event starts after the end event");
        }
    }
    if (ends != 1)
        fail("a timeline must have exactly one end event");
    for (int i = 1; i < t->nsteps; i++)
        if (t->steps[i].at < t->steps[i - 1].at)
            fail("the steps are not in time order");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    script_opts so = {
        .reg = &g_reg,
        .mem_limit = 16u << 20,
        .time_limit = 0.2,
        .same_process = 1,
    };
    diag_list d;
    diags_init(&d);
    session_model m;
    /* The folder does not exist: recordings named by a script are never opened for real. */
    int rc = script_load_buffer("fuzz.lua", "/nonexistent-pacer-fuzz", (const char *)data, size, &so, &m, &d);
    check_model(rc, &m, &d);
    if (rc == 0) {
        compile_opts co = {.max_events = 100000};
        timeline t;
        int errors = d.errors;
        int crc = session_compile(&m, &co, &t, &d);
        if (crc < 0 && d.errors == errors)
            fail("the compile failed without an error");
        if (crc == 0) {
            check_timeline(&t);
            if (t.count <= 2000) {
                print_timeline_table(&t, g_null);
                print_timeline_json(&t, g_null);
                print_list_row(t.title, t.frames, t.summary, "fuzz.lua", g_null);
            }
            timeline_free(&t);
        }
        session_model_free(&m);
    }
    diags_print(&d, g_null);
    diags_free(&d);
    return 0;
}
