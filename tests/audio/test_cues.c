/* test_cues.c - a session's speech prepared by the cue bank: while the session compiles each
 * text is made into the disk cache and only its length kept; cues_attach then releases the
 * engines (flite unmapped) before it fetches the clips, which are exactly the lengths the
 * timeline was compiled with. Without a disk cache the clips are held from the start. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cues.h"
#include "script.h"
#include "compile.h"
#include "speech.h"
#include "timeline.h"

#include "fixtures.h"

static registry reg;
static char tmp_root[256];

/* Three distinct texts, one of them twice. */
static const char *SRC =
    "return session {\n"
    "  title = 'Cue test',\n"
    "  say 'Lie down and rest',\n"
    "  beep(),\n"
    "  say 'Breathe in slowly',\n"
    "  wait(0.5),\n"
    "  say 'Lie down and rest',\n"
    "  say 'Well done',\n"
    "}\n";
enum { DISTINCT = 3, SPOKEN = 4 };

static int lib_loaded(const char *soname)
{
    void *h = dlopen(soname, RTLD_NOW | RTLD_NOLOAD);
    if (h)
        dlclose(h);
    return h != NULL;
}


/* Compiles SRC with the bank's speech; returns the stats just after compiling. */
static void compile(cue_bank *b, speech *sp, diag_list *d, timeline *t, speech_stats *after_compile)
{
    session_model m;
    script_opts so = {.reg = &reg, .same_process = 1}; /* fast under valgrind */
    diags_init(d);
    if (script_load_buffer("test.lua", "/nonexistent", SRC, strlen(SRC), &so, &m, d) != 0) {
        diags_print(d, stderr);
        fail_msg("the test session did not load");
    }
    cues_init(b, sp, d, "test.lua");
    /* the two passes: requests, one batch prepared, then the compile against the lengths */
    cue_list l;
    cue_list_init(&l);
    compile_opts o = {.cues = &l};
    assert_true(session_cue_requests(&m, &o) > 0);
    assert_int_equal(cues_prepare(b, &l), 0);
    assert_int_equal(session_cue_requests(&m, &o), 0);
    if (session_compile(&m, &o, t, d) != 0 || d->errors || d->warnings) {
        diags_print(d, stderr);
        fail_msg("the test session did not compile cleanly");
    }
    cue_list_free(&l);
    session_model_free(&m);
    speech_get_stats(sp, after_compile);
}

/* Every speak event has a clip exactly as long as the timeline planned; the bytes held. */
static int64_t check_clips(const cue_bank *b, const timeline *t)
{
    int spoken = 0;
    int64_t bytes = 0;
    const clip *seen[SPOKEN] = {0};
    for (int i = 0; i < t->count; i++) {
        if (t->events[i].kind != TL_SPEAK)
            continue;
        const clip *c = b->event_clips[i];
        assert_non_null(c);
        assert_non_null(c->samples);
        assert_int_equal(c->frames, t->events[i].len);
        int dup = 0;
        for (int k = 0; k < spoken; k++)
            dup |= seen[k] == c;
        if (!dup)
            bytes += c->frames * (int64_t)sizeof *c->samples;
        assert_true(spoken < SPOKEN);
        seen[spoken++] = c;
    }
    assert_int_equal(spoken, SPOKEN);
    return bytes;
}

static void test_engines_released_before_clips_load(void **state)
{
    (void)state;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/speech", tmp_root);
    support_remove_tree(dir);
    speech *sp = speech_open(&(speech_opts){.cache_dir = dir});
    assert_non_null(sp);
    cue_bank b;
    diag_list d;
    timeline t;
    speech_stats st;
    compile(&b, sp, &d, &t, &st);
    assert_int_equal(st.synthesized, DISTINCT);
    assert_int_equal(st.disk_writes, DISTINCT);
    assert_int_equal(st.held_bytes, 0); /* no clip in memory while flite is */
    assert_true(lib_loaded("libflite.so.1"));

    assert_int_equal(cues_attach(&b, &t), 0);
    assert_false(lib_loaded("libflite.so.1"));
    assert_false(lib_loaded("libflite_cmu_us_rms.so.1"));
    int64_t bytes = check_clips(&b, &t);
    speech_get_stats(sp, &st);
    assert_int_equal(st.synthesized, DISTINCT); /* nothing made twice */
    assert_int_equal(st.disk_hits, DISTINCT);
    assert_int_equal(st.held_bytes, bytes);
    assert_int_equal(d.warnings + d.errors, 0);
    cues_free(&b);
    timeline_free(&t);
    diags_free(&d);
    speech_close(sp);

    /* a second start: everything from the disk cache, flite never opened */
    sp = speech_open(&(speech_opts){.cache_dir = dir});
    assert_non_null(sp);
    compile(&b, sp, &d, &t, &st);
    assert_int_equal(st.synthesized, 0);
    assert_false(lib_loaded("libflite_cmu_us_rms.so.1"));
    assert_int_equal(cues_attach(&b, &t), 0);
    assert_int_equal(check_clips(&b, &t), bytes);
    cues_free(&b);
    timeline_free(&t);
    diags_free(&d);
    speech_close(sp);
}

static void test_no_disk_cache_holds_clips(void **state)
{
    (void)state;
    speech *sp = speech_open(&(speech_opts){.no_disk_cache = 1});
    assert_non_null(sp);
    cue_bank b;
    diag_list d;
    timeline t;
    speech_stats st;
    compile(&b, sp, &d, &t, &st);
    assert_int_equal(st.synthesized, DISTINCT);
    assert_true(st.held_bytes > 0);
    assert_int_equal(cues_attach(&b, &t), 0);
    assert_false(lib_loaded("libflite.so.1"));
    int64_t bytes = check_clips(&b, &t);
    speech_get_stats(sp, &st);
    assert_int_equal(st.synthesized, DISTINCT);
    assert_int_equal(st.held_bytes, bytes);
    cues_free(&b);
    timeline_free(&t);
    diags_free(&d);
    speech_close(sp);
}

int main(void)
{
    if (support_tmpdir(tmp_root, sizeof tmp_root, "pacer-test-cues") < 0)
        return 1;
    if (support_registry(&reg) < 0) {
        support_remove_tree(tmp_root);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_engines_released_before_clips_load),
        cmocka_unit_test(test_no_disk_cache_holds_clips),
    };
    int r = cmocka_run_group_tests_name("audio/cues", tests, NULL, NULL);
    registry_free(&reg);
    support_remove_tree(tmp_root);
    return r;
}
