/* test_two_pass.c - the compiler's two passes against a cue list answered here by hand, with
 * no audio at all: pass 1 lists every sound once, pass 2 times each by the answer, a text no
 * one answered is timed by the estimate, a length that changes the expansion brings a new
 * request, and a plugin's speech_len reads the same answers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "compile.h"
#include "script.h"
#include "timeline.h"

static registry reg;

/* A step that says "long" when 'first' takes more than 3 s to say, else "short", and lasts as
 * long as saying 'first' takes: its expansion depends on a speech length. */
static int branch_expand(pacer_ctx *x, const pacer_host *h)
{
    double first = h->speech_len(x, "first");
    h->say(x, 0, first > 3 ? "long" : "short");
    h->advance(x, first);
    return 0;
}

static const pacer_step_type branch_type = {
    sizeof(pacer_step_type), "branch", "Says long or short by the length of a text", NULL, 0, 0, NULL, branch_expand,
    NULL,
};

typedef struct fixture {
    session_model m;
    diag_list d;
    cue_list l;
    compile_opts o;
} fixture;

static void load(fixture *f, const char *src)
{
    memset(f, 0, sizeof *f);
    diags_init(&f->d);
    script_opts so = {.reg = &reg};
    if (script_load_buffer("test.lua", "/nonexistent", src, strlen(src), &so, &f->m, &f->d) != 0) {
        diags_print(&f->d, stderr);
        fail_msg("the test session did not load");
    }
    cue_list_init(&f->l);
    f->o = (compile_opts){.cues = &f->l};
}

static void unload(fixture *f)
{
    cue_list_free(&f->l);
    session_model_free(&f->m);
    diags_free(&f->d);
}

static void answer(fixture *f, const char *text, double seconds)
{
    cue_request *r = cue_list_find(&f->l, CUE_SPEECH, text, "en", NULL, 150);
    if (!r)
        fail_msg("no request for '%s'", text);
    cue_list_answer(&f->l, r, seconds, NULL);
}

/* The length in frames of the speak event saying text, or -1. */
static int64_t spoken_len(const timeline *t, const char *text)
{
    for (int i = 0; i < t->count; i++)
        if (t->events[i].kind == TL_SPEAK && strcmp(t->events[i].text, text) == 0)
            return t->events[i].len;
    return -1;
}

static void test_requests_then_lengths(void **state)
{
    (void)state;
    fixture f;
    load(&f, "return session { title = 'T', rate = 120, say 'One two', say 'Three', say 'One two' }");
    assert_int_equal(session_cue_requests(&f.m, &f.o), 2); /* each text once */
    assert_int_equal(f.l.count, 2);
    const cue_request *r = &f.l.items[0];
    assert_int_equal(r->kind, CUE_SPEECH);
    assert_string_equal(r->text, "One two");
    assert_string_equal(r->language, "en");
    assert_null(r->voice);
    assert_int_equal(r->rate, 120);
    assert_int_equal(f.d.count, 0); /* pass 1 reports nothing */
    cue_list_answer(&f.l, cue_list_find(&f.l, CUE_SPEECH, "One two", "en", NULL, 120), 2.0, NULL);
    cue_list_answer(&f.l, cue_list_find(&f.l, CUE_SPEECH, "Three", "en", NULL, 120), 1.5, NULL);
    assert_int_equal(session_cue_requests(&f.m, &f.o), 0);

    timeline t;
    assert_int_equal(session_compile(&f.m, &f.o, &t, &f.d), 0);
    assert_int_equal(spoken_len(&t, "One two"), 2 * PACER_RATE);
    assert_int_equal(spoken_len(&t, "Three"), 3 * PACER_RATE / 2);
    assert_int_equal(f.l.count, 2); /* pass 2 met nothing new */
    timeline_free(&t);
    unload(&f);
}

static void test_unanswered_and_failed_speech_is_estimated(void **state)
{
    (void)state;
    fixture f;
    load(&f, "return session { title = 'T', say 'Lie down and rest', say 'Breathe in' }");
    assert_int_equal(session_cue_requests(&f.m, &f.o), 2);
    answer(&f, "Lie down and rest", -1); /* no voice could say it */
    timeline t;
    assert_int_equal(session_compile(&f.m, &f.o, &t, &f.d), 0);
    double est1 = estimate_speech_len(NULL, "en", NULL, 150, "Lie down and rest");
    double est2 = estimate_speech_len(NULL, "en", NULL, 150, "Breathe in");
    assert_int_equal(spoken_len(&t, "Lie down and rest"), seconds_to_frames(est1));
    assert_int_equal(spoken_len(&t, "Breathe in"), seconds_to_frames(est2));
    assert_int_equal(cue_list_pending(&f.l), 1); /* the caller can see what is still missing */
    timeline_free(&t);
    unload(&f);
}

static void test_length_that_changes_expansion(void **state)
{
    (void)state;
    fixture f;
    load(&f, "return session { title = 'T', branch(), say 'End' }");
    /* estimated, 'first' is short: pass 1 asks for 'first', 'short' and 'End' */
    assert_int_equal(session_cue_requests(&f.m, &f.o), 3);
    assert_non_null(cue_list_find(&f.l, CUE_SPEECH, "short", "en", NULL, 150));
    answer(&f, "first", 5.0);
    answer(&f, "short", 1.0);
    answer(&f, "End", 1.0);
    /* 'first' is long now: the branch says 'long', a text no one prepared */
    assert_int_equal(session_cue_requests(&f.m, &f.o), 1);
    answer(&f, "long", 1.25);
    assert_int_equal(session_cue_requests(&f.m, &f.o), 0);

    timeline t;
    assert_int_equal(session_compile(&f.m, &f.o, &t, &f.d), 0);
    assert_int_equal(spoken_len(&t, "long"), 60000);
    assert_int_equal(spoken_len(&t, "short"), -1);
    /* the plugin's speech_len read the answer: the step lasts 5 s, 'End' starts there */
    for (int i = 0; i < t.count; i++)
        if (t.events[i].kind == TL_SPEAK && strcmp(t.events[i].text, "End") == 0)
            assert_int_equal(t.events[i].at, 5 * PACER_RATE);
    timeline_free(&t);
    unload(&f);
}

static void test_cue_list_keys(void **state)
{
    (void)state;
    cue_list l;
    cue_list_init(&l);
    char text[32];
    for (int i = 0; i < 500; i++) { /* enough to grow the index several times */
        snprintf(text, sizeof text, "text %d", i);
        assert_non_null(cue_list_add(&l, CUE_SPEECH, text, "en", NULL, 150));
    }
    assert_int_equal(l.count, 500);
    assert_ptr_equal(cue_list_add(&l, CUE_SPEECH, "text 7", "en", NULL, 150), &l.items[7]);
    /* the language, voice, rate and kind are part of the key */
    assert_null(cue_list_find(&l, CUE_SPEECH, "text 7", "es", NULL, 150));
    assert_null(cue_list_find(&l, CUE_SPEECH, "text 7", "en", "flite:slt", 150));
    assert_null(cue_list_find(&l, CUE_SPEECH, "text 7", "en", NULL, 151));
    assert_null(cue_list_find(&l, CUE_FILE, "text 7", NULL, NULL, 0));
    assert_int_equal(cue_list_pending(&l), 500);
    cue_list_answer(&l, &l.items[3], 1.0, "unused");
    assert_int_equal(cue_list_pending(&l), 499);
    assert_string_equal(l.items[3].err, "unused");
    cue_list_free(&l);
}

int main(void)
{
    char err[256];
    registry_init(&reg);
    if (registry_add_builtins(&reg, err, sizeof err) < 0 || registry_add(&reg, &branch_type, "test", err, sizeof err) < 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_requests_then_lengths),
        cmocka_unit_test(test_unanswered_and_failed_speech_is_estimated),
        cmocka_unit_test(test_length_that_changes_expansion),
        cmocka_unit_test(test_cue_list_keys),
    };
    int r = cmocka_run_group_tests_name("unit/two_pass", tests, NULL, NULL);
    registry_free(&reg);
    return r;
}
