/* run_fixture.h - a session compiled from a Lua text and played through the runner
 * (core/run) on the test's own clock, with every run event it tells kept in order: what the
 * runner's tests share. Plain C with no test framework in it; a function that cannot do its
 * part says why on stderr and returns NULL or -1.
 *
 * Link the pacer_test_run target (tests/support/CMakeLists.txt). */
#ifndef PACER_TEST_SUPPORT_RUN_FIXTURE_H
#define PACER_TEST_SUPPORT_RUN_FIXTURE_H

#include "model.h"
#include "run.h"
#include "timeline.h"
#include "util.h"

enum { RUNFIX_EVENTS = 64, RUNFIX_LABEL = 32 };

typedef struct run_fixture {
    session_model m;
    timeline t;
    diag_list d;
    double now; /* the test's clock, seconds: the runner reads it, the test moves it */
    run_event ev[RUNFIX_EVENTS]; /* the events told, in order (the first RUNFIX_EVENTS) */
    char labels[RUNFIX_EVENTS][RUNFIX_LABEL]; /* each event's label, copied ("" for none) */
    int nev;
} run_fixture;

/* Loads the session text 'source' (as the file 'name') with reg's step types, compiles it
 * (no speech), and sets the clock to 'now'. NULL after saying why. */
run_fixture *runfix_load(const registry *reg, const char *name, const char *source, double now);
/* A runner with no audio device, paced by the fixture's clock, telling the fixture its
 * events. NULL after saying why. */
run *runfix_runner(run_fixture *f, run_resume resume);
/* Moves the clock on by 'seconds' in ticks of 50 ms, as a front-end's loop would. */
void runfix_advance(run_fixture *f, run *r, double seconds);
/* How many events of kind k were told. */
int runfix_count(const run_fixture *f, run_event_kind k);
/* The index in f->ev of the nth event of kind k (0: the first; -1: the last), or -1. */
int runfix_find(const run_fixture *f, run_event_kind k, int nth);
/* Frees the session, its timeline and diagnostics, and f. NULL is allowed. */
void runfix_free(run_fixture *f);

#endif
