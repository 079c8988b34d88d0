/* test_cue_batch.c - a batch of speech requests prepared by the cue bank: a helper process
 * makes flite clips into the disk cache while the bank makes them too, and what the bank
 * reads back is sample for sample what it makes alone. Without a disk cache, or for a small
 * batch, there is no helper. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "cues.h"
#include "script.h"
#include "speech.h"
#include "timeline.h"

#include "fixtures.h"

static registry reg;
static char tmp_root[256];

/* Ten distinct texts: enough for a helper. */
static const char *TEN =
    "return session { title = 'Batch',\n"
    "  say 'Lie on your back', say 'Bend both knees', say 'Breathe in slowly',\n"
    "  say 'Breathe out slowly', say 'Let your shoulders drop', say 'Press your back down',\n"
    "  say 'Hold it there', say 'And release', say 'Rest for a moment', say 'Well done',\n"
    "}\n";
static const char *THREE = "return session { title = 'Small', say 'One cue', say 'Two cues', say 'Three cues' }\n";

typedef struct run {
    speech *sp;
    cue_bank b;
    diag_list d;
    cue_list l;
    timeline t;
    speech_stats after_prepare;
} run;

/* The two passes with a bank set up by the caller's flags; the clips attached. */
static void prepare(run *r, const char *src, const char *cache, int no_helper, int wait_for_helper)
{
    memset(r, 0, sizeof *r);
    r->sp = cache ? speech_open(&(speech_opts){.cache_dir = cache}) : speech_open(&(speech_opts){.no_disk_cache = 1});
    assert_non_null(r->sp);
    diags_init(&r->d);
    session_model m;
    script_opts so = {.reg = &reg};
    assert_int_equal(script_load_buffer("test.lua", "/nonexistent", src, strlen(src), &so, &m, &r->d), 0);
    cues_init(&r->b, r->sp, &r->d, "test.lua");
    r->b.no_helper = no_helper;
    r->b.wait_for_helper = wait_for_helper;
    cue_list_init(&r->l);
    compile_opts o = {.cues = &r->l};
    assert_true(session_cue_requests(&m, &o) > 0);
    assert_int_equal(cues_prepare(&r->b, &r->l), 0);
    speech_get_stats(r->sp, &r->after_prepare);
    assert_int_equal(session_cue_requests(&m, &o), 0);
    assert_int_equal(session_compile(&m, &o, &r->t, &r->d), 0);
    assert_int_equal(r->d.errors + r->d.warnings, 0);
    assert_int_equal(cues_attach(&r->b, &r->t), 0);
    session_model_free(&m);
}

static void finish(run *r)
{
    cues_free(&r->b);
    timeline_free(&r->t);
    cue_list_free(&r->l);
    diags_free(&r->d);
    speech_close(r->sp);
}

static char *cache_dir(const char *name)
{
    static char dir[512];
    snprintf(dir, sizeof dir, "%s/%s", tmp_root, name);
    support_remove_tree(dir);
    return dir;
}

static void test_helper_clips_equal_own(void **state)
{
    (void)state;
    run alone, helped;
    prepare(&alone, TEN, cache_dir("alone"), 1, 0);
    assert_int_equal(alone.l.count, 10);
    assert_int_equal(alone.after_prepare.synthesized, 10);

    /* the helper goes first and makes every clip; the bank only reads them */
    prepare(&helped, TEN, cache_dir("helped"), 0, 1);
    assert_int_equal(helped.after_prepare.synthesized, 0);
    assert_int_equal(helped.after_prepare.disk_hits, 10);

    assert_int_equal(helped.l.count, alone.l.count);
    for (int i = 0; i < alone.l.count; i++) {
        assert_string_equal(helped.l.items[i].text, alone.l.items[i].text);
        assert_true(alone.l.items[i].seconds > 0);
        assert_true(helped.l.items[i].seconds == alone.l.items[i].seconds);
    }
    assert_int_equal(helped.t.count, alone.t.count);
    for (int i = 0; i < alone.t.count; i++) {
        const clip *a = alone.b.event_clips[i], *h = helped.b.event_clips[i];
        assert_int_equal(a == NULL, h == NULL);
        if (!a)
            continue;
        assert_int_equal(a->frames, h->frames);
        assert_memory_equal(a->samples, h->samples, (size_t)a->frames * sizeof *a->samples);
    }
    finish(&alone);
    finish(&helped);
}

static void test_no_helper_without_disk_cache_or_for_few_texts(void **state)
{
    (void)state;
    run r;
    prepare(&r, TEN, NULL, 0, 1); /* nowhere to leave its clips: no helper */
    assert_int_equal(r.after_prepare.synthesized, 10);
    finish(&r);
    prepare(&r, THREE, cache_dir("small"), 0, 1); /* too few texts to pay */
    assert_int_equal(r.after_prepare.synthesized, 3);
    finish(&r);
}

int main(void)
{
    char err[256];
    snprintf(tmp_root, sizeof tmp_root, "%s/pacer-test-batch.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmp_root)) {
        perror("mkdtemp");
        return 1;
    }
    registry_init(&reg);
    if (registry_add_builtins(&reg, err, sizeof err) < 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_helper_clips_equal_own),
        cmocka_unit_test(test_no_helper_without_disk_cache_or_for_few_texts),
    };
    int r = cmocka_run_group_tests_name("audio/cue_batch", tests, NULL, NULL);
    registry_free(&reg);
    support_remove_tree(tmp_root);
    return r;
}
