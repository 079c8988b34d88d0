/* test_speech_festival.c - Festival's HTS slt voice ("festival:slt"): it speaks at the rate
 * asked, the same text gives the same samples in any order and in a batch as alone, a text
 * is spoken and never evaluated, and every failure (Festival not installed, the child
 * failing, hanging, or writing something else than a WAV) is a one-line error with nothing
 * left in the cache; a batch that fails leaves each text to be spoken alone.
 * Skipped (77) where Festival or the voice is not installed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pace.h"
#include "pacer/plugin.h"
#include "speech.h"
#include "speech_engine.h"

#include "fixtures.h"
#include "speech_fixture.h"

static const float FLOOR = 0.004f; /* as in speech.c */
static char tmp_root[256];
static char saved_path[4096];

static speech_voice festival_slt(void) { return voice_of(SPEECH_FESTIVAL, "slt"); }

/* An executable shell script at tmp_root/name; its path into out. */
static void write_script(const char *name, const char *body, char *out, size_t n)
{
    snprintf(out, n, "%s/%s", tmp_root, name);
    FILE *f = fopen(out, "w");
    assert_non_null(f);
    fprintf(f, "#!/bin/sh\n%s\n", body);
    fclose(f);
    assert_int_equal(chmod(out, 0755), 0);
}

/* Each cue lasts its words at the rate (within 10 %, as the other voices), is speech (the
 * normalized peak) and has pauses at 150 words a minute. */
static void test_speaks_at_the_rate(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Breathe in, and let your belly rise.",
        "Roll slowly onto your back, and let your arms rest by your sides.",
        "Keep your hips level. Do not let them twist.",
    };
    static const int rates[] = {120, 150};
    speech *s = open_memory_only();
    speech_voice v = festival_slt();
    for (int r = 0; r < 2; r++)
        for (int i = 0; i < 3; i++) {
            char err[256] = "x";
            const clip *c = speech_get(s, &v, rates[r], texts[i], err, sizeof err);
            if (!c)
                fail_msg("festival:slt: %s", err);
            assert_string_equal(err, "");
            if (fabsf(peak_of(c) - 0.8f) > 0.001f)
                fail_msg("\"%s\": peak %f", texts[i], peak_of(c));
            double secs = (double)c->frames / PACER_RATE, want = pace_words(texts[i]) * 60.0 / rates[r];
            if (fabs(secs - want) > 0.1 * want)
                fail_msg("at %d wpm: \"%s\" lasts %.2f s, its words at the rate %.2f s", rates[r], texts[i], secs, want);
            int64_t quiet = 0;
            for (int64_t k = 0; k < c->frames; k++)
                quiet += fabsf(c->samples[k] * CLIP_STEP) < FLOOR;
            if (rates[r] == 150 && quiet < c->frames / 10)
                fail_msg("\"%s\" has %.2f s of pauses in %.2f s", texts[i], (double)quiet / PACER_RATE, secs);
        }
    /* the engine's own output: Festival's 32 kHz */
    speech_raw raw;
    char err[256];
    assert_int_equal(sp_festival_synth("slt", 150, texts[0], &raw, err, sizeof err), 0);
    assert_int_equal(raw.rate, 32000);
    assert_true(raw.n > raw.rate / 2);
    free(raw.samples);
    /* near its own pace at 150 (188 words a minute), only as fast as asked beyond it */
    assert_true(fabs(sp_festival_speed(150) - 188 / FESTIVAL_NATURAL_WPM) < 1e-9);
    assert_true(fabs(sp_festival_speed(300) - 300 / FESTIVAL_NATURAL_WPM) < 1e-9);
    speech_close(s);
}

/* The same text gives the same samples whatever was said before it: two services speak two
 * texts in opposite orders. */
static void test_same_samples_in_any_order(void **state)
{
    (void)state;
    static const char *const t[2] = {"Let your shoulders drop away from your ears.", "Hold it there, and breathe."};
    speech_voice v = festival_slt();
    char err[256];
    speech *a = open_memory_only(), *b = open_memory_only();
    const clip *a0 = speech_get(a, &v, 150, t[0], err, sizeof err);
    const clip *a1 = speech_get(a, &v, 150, t[1], err, sizeof err);
    const clip *b1 = speech_get(b, &v, 150, t[1], err, sizeof err);
    const clip *b0 = speech_get(b, &v, 150, t[0], err, sizeof err);
    assert_non_null(a0);
    assert_non_null(a1);
    assert_non_null(b0);
    assert_non_null(b1);
    assert_int_equal(a0->frames, b0->frames);
    assert_memory_equal(a0->samples, b0->samples, (size_t)a0->frames * sizeof *a0->samples);
    assert_int_equal(a1->frames, b1->frames);
    assert_memory_equal(a1->samples, b1->samples, (size_t)a1->frames * sizeof *a1->samples);
    assert_true(a0->frames != a1->frames || memcmp(a0->samples, a1->samples, (size_t)a0->frames * 2) != 0);
    speech_close(b);
    speech_close(a);
}

/* Quotes, parentheses, backslashes and Scheme are spoken as words, never evaluated: a text
 * that would create a file if Festival ran it creates none, and every text is speech. */
static void test_text_is_spoken_not_evaluated(void **state)
{
    (void)state;
    char marker[512];
    snprintf(marker, sizeof marker, "%s/evaluated", tmp_root);
    char inject[3][1100];
    snprintf(inject[0], sizeof inject[0], "(system \"touch %s\")", marker);
    snprintf(inject[1], sizeof inject[1], "Rest now.\") (system \"touch %s\") (\"", marker);
    snprintf(inject[2], sizeof inject[2], "Say \\\"hello\\\" and (relax); then \\ breathe \"out\".");
    speech *s = open_memory_only();
    speech_voice v = festival_slt();
    for (int i = 0; i < 3; i++) {
        char err[256];
        const char *text = inject[i];
        const clip *c = speech_get(s, &v, 150, text, err, sizeof err);
        if (!c)
            fail_msg("\"%s\": %s", text, err);
        if (fabsf(peak_of(c) - 0.8f) > 0.001f || c->frames < PACER_RATE / 2)
            fail_msg("\"%s\": %lld frames, peak %f", text, (long long)c->frames, peak_of(c));
        if (access(marker, F_OK) == 0)
            fail_msg("\"%s\" was evaluated", text);
    }
    speech_close(s);
}

/* Festival not installed (a PATH without it): the voice is refused with the packages to
 * install, flite's slt speaks instead, and the session is in error (speech_pick_voice 1). */
static void test_not_installed(void **state)
{
    (void)state;
    char empty[300];
    snprintf(empty, sizeof empty, "%s/empty", tmp_root);
    mkdir(empty, 0755);
    setenv("PATH", empty, 1);
    speech *s = open_memory_only();
    speech_voice v;
    char warn[512];
    int r = speech_pick_voice(s, "en", "festival:slt", &v, warn, sizeof warn);
    char err[256];
    speech_voice f = festival_slt();
    const clip *c = speech_get(s, &f, 150, "Hold.", err, sizeof err);
    setenv("PATH", saved_path, 1);
    assert_int_equal(r, 1);
    if (!strstr(warn, "festival:slt") || !strstr(warn, "festival festvox-us-slt-hts") || !strstr(warn, "using flite:rms") ||
        strchr(warn, '\n'))
        fail_msg("warning '%s'", warn);
    assert_int_equal(v.engine, SPEECH_FLITE);
    assert_null(c);
    if (!strstr(err, "festival festvox-us-slt-hts"))
        fail_msg("error '%s'", err);
    /* an unknown festival voice is only a warning, as for the other engines */
    assert_int_equal(speech_pick_voice(s, "en", "festival:kal", &v, warn, sizeof warn), 0);
    assert_non_null(strstr(warn, "festival:kal"));
    /* with Festival: the voice itself, no warning */
    assert_int_equal(speech_pick_voice(s, "en", "festival:slt", &v, warn, sizeof warn), 0);
    assert_string_equal(warn, "");
    assert_int_equal(v.engine, SPEECH_FESTIVAL);
    speech_fallback_voice(&v, &f);
    assert_int_equal(f.engine, SPEECH_FLITE);
    speech_close(s);
}

/* A text2wave that fails, writes something else than a WAV, or hangs (killed after the
 * limit, here 1 s): a one-line error naming the voice, and nothing in the disk cache. */
static void test_child_failures(void **state)
{
    (void)state;
    static const struct {
        const char *body, *says;
    } cases[] = {
        {"cat >/dev/null; echo 'SIOD ERROR: unbound variable' >&2; exit 1", "stopped while speaking"},
        {"cat >/dev/null; kill -9 $$", "stopped while speaking"},
        {"cat >/dev/null; echo 'not a wave'", "wrote no WAV"},
        {"cat >/dev/null; printf 'RIFF\\044\\000\\000\\000WAVEfmt \\020\\000\\000\\000\\001\\000\\002\\000'", "wrote"},
        {"exec sleep 600", "took longer than 1 seconds"},
    };
    char cache[300];
    snprintf(cache, sizeof cache, "%s/cache", tmp_root);
    setenv("PACER_FESTIVAL_TIMEOUT", "1", 1);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char script[400], name[32];
        snprintf(name, sizeof name, "text2wave%zu", i);
        write_script(name, cases[i].body, script, sizeof script);
        setenv("PACER_FESTIVAL_TEXT2WAVE", script, 1);
        speech_opts o = {0};
        o.cache_dir = cache;
        speech *s = speech_open(&o);
        assert_non_null(s);
        speech_voice v = festival_slt();
        char err[256] = "";
        const clip *c = speech_get(s, &v, 150, "Breathe in.", err, sizeof err);
        speech_close(s);
        unsetenv("PACER_FESTIVAL_TEXT2WAVE");
        if (c || !strstr(err, cases[i].says) || !strstr(err, "festival:slt") || strchr(err, '\n'))
            fail_msg("case %zu: error '%s'", i, err);
        int clips = support_count_files(cache);
        if (clips > 0) {
            /* only the cache's own bookkeeping, no clip */
            DIR *d = opendir(cache);
            struct dirent *e;
            while (d && (e = readdir(d)))
                if (strstr(e->d_name, ".clip"))
                    fail_msg("case %zu left %s", i, e->d_name);
            if (d)
                closedir(d);
        }
    }
    unsetenv("PACER_FESTIVAL_TIMEOUT");
}


/* A batch's texts (more than one Festival's share, with a repeat, two rates and a text that
 * would run Scheme) are the same clips, sample for sample, as text2wave children make one at
 * a time; every one comes from the batch, and its folder is gone once the engines are let go. */
enum { BATCH_N = 26 };
static void batch_texts(const char *t[BATCH_N], int rates[BATCH_N], char *inject, size_t inject_n)
{
    static const char *const words[] = {"Breathe in slowly.", "Let the breath go.", "Hold it there.",
                                        "Rest your arms.", "Switch sides now.", "Bend the left knee.",
                                        "Relax your jaw.", "Soften your belly.", "Press your heel down.",
                                        "Well done; rest."};
    char marker[400];
    snprintf(marker, sizeof marker, "%s/evaluated", tmp_root);
    snprintf(inject, inject_n, "Rest now.\") (system \"touch %s\") (\"", marker);
    for (int k = 0; k < BATCH_N; k++) {
        t[k] = words[k % 10];
        rates[k] = k < 10 ? 150 : k < 20 ? 120 : 130;
    }
    t[BATCH_N - 1] = inject;
    t[BATCH_N - 2] = words[0]; /* at 130, as t[20]: said once, asked twice */
}

static void test_batch_same_clips(void **state)
{
    (void)state;
    const char *t[BATCH_N];
    int rates[BATCH_N];
    char inject[600], tmpdir[300], err[256];
    batch_texts(t, rates, inject, sizeof inject);
    snprintf(tmpdir, sizeof tmpdir, "%s/batch-tmp", tmp_root);
    mkdir(tmpdir, 0755);
    setenv("TMPDIR", tmpdir, 1);
    speech_voice v = festival_slt();
    speech *batch = open_memory_only(), *alone = open_memory_only();
    int took = speech_prepare_batch(batch, &v, rates, t, BATCH_N);
    assert_int_equal(took, BATCH_N);
    assert_int_equal(support_count_files(tmpdir), 1); /* the batch's folder, until released */
    const clip *c[BATCH_N];
    for (int k = 0; k < BATCH_N; k++) {
        c[k] = speech_get(batch, &v, rates[k], t[k], err, sizeof err);
        if (!c[k])
            fail_msg("\"%s\": %s", t[k], err);
    }
    speech_stats st;
    speech_get_stats(batch, &st);
    assert_int_equal(st.synthesized, BATCH_N - 1); /* the repeat is found in memory */
    assert_int_equal(st.batched, BATCH_N - 1);
    speech_release_engines(batch);
    assert_int_equal(support_count_files(tmpdir), 0);
    unsetenv("TMPDIR");
    /* alone, one text2wave each: a few of them, across both Festivals and all three rates */
    static const int some[] = {0, 1, 12, 21, BATCH_N - 1};
    for (size_t i = 0; i < sizeof some / sizeof some[0]; i++) {
        int k = some[i];
        const clip *a = speech_get(alone, &v, rates[k], t[k], err, sizeof err);
        if (!a)
            fail_msg("\"%s\" alone: %s", t[k], err);
        if (a->frames != c[k]->frames || memcmp(a->samples, c[k]->samples, (size_t)a->frames * sizeof *a->samples))
            fail_msg("\"%s\" at %d: the batch's clip (%lld frames) is not text2wave's (%lld)", t[k], rates[k],
                     (long long)c[k]->frames, (long long)a->frames);
    }
    char marker[400];
    snprintf(marker, sizeof marker, "%s/evaluated", tmp_root);
    assert_int_equal(access(marker, F_OK), -1);
    speech_close(alone);
    speech_close(batch);
}

/* A Festival that fails as a batch (it exits, hangs past the limit, or says a text is done
 * without its file): no clip comes from it, and each text is then spoken alone, right. */
static void test_batch_failures(void **state)
{
    (void)state;
    static const char *const bodies[] = {
        "exit 1",
        "exec sleep 600",
        "echo 'pacer-done t0' >&2; echo 'pacer-done t1' >&2; exit 0",
    };
    char dir[300], path[4400], script[400];
    snprintf(dir, sizeof dir, "%s/fakebin", tmp_root);
    mkdir(dir, 0755);
    snprintf(path, sizeof path, "%s:%s", dir, saved_path);
    static const char *const t[] = {"Breathe in slowly.", "Let the breath go.", "Hold it there."};
    static const int rates[] = {150, 150, 150};
    speech_voice v = festival_slt();
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        write_script("fakebin/festival", bodies[i], script, sizeof script);
        setenv("PATH", path, 1);
        setenv("PACER_FESTIVAL_TIMEOUT", "2", 1);
        speech *s = open_memory_only();
        speech_prepare_batch(s, &v, rates, t, 3);
        setenv("PATH", saved_path, 1);
        unsetenv("PACER_FESTIVAL_TIMEOUT"); /* the texts alone take their usual time */
        for (int k = 0; k < 3; k++) {
            char err[256];
            const clip *c = speech_get(s, &v, rates[k], t[k], err, sizeof err);
            if (!c || fabsf(peak_of(c) - 0.8f) > 0.001f)
                fail_msg("case %zu, \"%s\": %s", i, t[k], c ? "not speech" : err);
        }
        speech_stats st;
        speech_get_stats(s, &st);
        if (st.batched != 0 || st.synthesized != 3)
            fail_msg("case %zu: %d batched, %d made", i, st.batched, st.synthesized);
        speech_close(s);
    }
}

int main(void)
{
    if (support_tmpdir(tmp_root, sizeof tmp_root, "pacer-festival-test") < 0)
        return 1;
    char xdg[300];
    snprintf(xdg, sizeof xdg, "%s/xdg", tmp_root);
    setenv("XDG_CACHE_HOME", xdg, 1);
    const char *p = getenv("PATH");
    snprintf(saved_path, sizeof saved_path, "%s", p ? p : "/usr/bin:/bin");
    char err[256];
    if (sp_festival_check_voice("slt", err, sizeof err) != 0) {
        printf("skipped: %s\n", err);
        support_remove_tree(tmp_root);
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_speaks_at_the_rate),
        cmocka_unit_test(test_same_samples_in_any_order),
        cmocka_unit_test(test_text_is_spoken_not_evaluated),
        cmocka_unit_test(test_not_installed),
        cmocka_unit_test(test_child_failures),
        cmocka_unit_test(test_batch_same_clips),
        cmocka_unit_test(test_batch_failures),
    };
    int r = cmocka_run_group_tests_name("audio/speech_festival", tests, NULL, NULL);
    support_remove_tree(tmp_root);
    return r;
}
