/* run_fixture.c - see run_fixture.h. */
#include "run_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "script.h"

static double fixture_clock(void *ud) { return ((run_fixture *)ud)->now; }

static void keep_event(void *ud, const run_event *e)
{
    run_fixture *f = ud;
    if (f->nev >= RUNFIX_EVENTS)
        return;
    f->ev[f->nev] = *e;
    snprintf(f->labels[f->nev], RUNFIX_LABEL, "%s", e->label ? e->label : "");
    f->nev++;
}

run_fixture *runfix_load(const registry *reg, const char *name, const char *source, double now)
{
    run_fixture *f = calloc(1, sizeof *f);
    if (!f) {
        fprintf(stderr, "run fixture: out of memory\n");
        return NULL;
    }
    diags_init(&f->d);
    script_opts so = {.reg = reg};
    if (script_load_buffer(name, "/nonexistent", source, strlen(source), &so, &f->m, &f->d) != 0) {
        fprintf(stderr, "run fixture: %s does not load\n", name);
        diags_print(&f->d, stderr);
        diags_free(&f->d);
        free(f);
        return NULL;
    }
    if (session_compile(&f->m, NULL, &f->t, &f->d) != 0) {
        fprintf(stderr, "run fixture: %s does not compile\n", name);
        diags_print(&f->d, stderr);
        session_model_free(&f->m);
        diags_free(&f->d);
        free(f);
        return NULL;
    }
    f->now = now;
    return f;
}

run *runfix_runner(run_fixture *f, run_resume resume)
{
    run_opts o = {.no_audio = 1,
                  .resume = resume,
                  .on_event = keep_event,
                  .ud = f,
                  .clock = fixture_clock,
                  .clock_ud = f};
    run *r = run_open(&o);
    if (!r)
        fprintf(stderr, "run fixture: the runner does not open\n");
    return r;
}

void runfix_advance(run_fixture *f, run *r, double seconds)
{
    for (double done = 0; done < seconds - 1e-9; done += 0.05) {
        f->now += 0.05;
        run_tick(r);
    }
}

int runfix_count(const run_fixture *f, run_event_kind k)
{
    int n = 0;
    for (int i = 0; i < f->nev; i++)
        n += f->ev[i].kind == k;
    return n;
}

int runfix_find(const run_fixture *f, run_event_kind k, int nth)
{
    if (nth < 0) {
        for (int i = f->nev - 1; i >= 0; i--)
            if (f->ev[i].kind == k && ++nth == 0)
                return i;
        return -1;
    }
    for (int i = 0; i < f->nev; i++)
        if (f->ev[i].kind == k && nth-- == 0)
            return i;
    return -1;
}

void runfix_free(run_fixture *f)
{
    if (!f)
        return;
    timeline_free(&f->t);
    session_model_free(&f->m);
    diags_free(&f->d);
    free(f);
}
