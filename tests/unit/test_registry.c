/* test_registry.c - unit tests for the step-type registry: declarations are checked once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model.h"

#include "fixtures.h"

static int noop_expand(pacer_ctx *x, const pacer_host *h)
{
    (void)x;
    (void)h;
    return 0;
}

static const pacer_field good_fields[] = {
    {"seconds", PACER_NUMBER, PACER_POSITIONAL, 0, 60, 5, NULL, NULL, "How long"},
    {"reps", PACER_INTEGER, 0, 1, 10, 1, NULL, NULL, "How many"},
    {"loud", PACER_BOOL, 0, 0, 0, 0, NULL, NULL, "Louder"},
    {"cue", PACER_TEXT, 0, 0, 200, 0, NULL, NULL, "Said first"},
    {"voice", PACER_STRING, 0, 0, 16, 0, NULL, NULL, "A voice"},
    {"shape", PACER_ENUM, 0, 0, 0, 0, "sine", "sine|bell", "How it sounds"},
    {"file", PACER_PATH, 0, 0, 0, 0, NULL, NULL, "A recording"},
    {"names", PACER_STRINGS, 0, 0, 40, 0, NULL, NULL, "Some names"},
};

static pacer_step_type make_type(const char *name, const pacer_field *fields, int nfields)
{
    pacer_step_type t = {sizeof(pacer_step_type), name, "A test step", fields, nfields, 0, NULL, noop_expand, NULL};
    return t;
}

/* Adds t to a fresh registry; on refusal checks that err holds want and the registry is unchanged. */
static void expect_refused(const pacer_step_type *t, const char *want)
{
    registry r;
    registry_init(&r);
    char err[256] = "";
    assert_int_equal(registry_add(&r, t, "test", err, sizeof err), -1);
    if (!strstr(err, want))
        fail_msg("error \"%s\" does not mention \"%s\"", err, want);
    assert_int_equal(r.count, 0);
    registry_free(&r);
}

static void test_add_and_find(void **state)
{
    (void)state;
    registry r;
    registry_init(&r);
    pacer_step_type t = make_type("stretch", good_fields, (int)(sizeof good_fields / sizeof good_fields[0]));
    char err[256] = "";
    assert_int_equal(registry_add(&r, &t, "plugins/stretch.so", err, sizeof err), 0);
    assert_string_equal(err, "");
    assert_int_equal(r.count, 1);
    assert_ptr_equal(registry_find(&r, "stretch"), &t);
    assert_string_equal(r.items[0].origin, "plugins/stretch.so");
    assert_null(registry_find(&r, "stretc"));
    assert_null(registry_find(&r, "stretches"));
    assert_int_equal(step_field_index(&t, "seconds"), 0);
    assert_int_equal(step_field_index(&t, "names"), 7);
    assert_int_equal(step_field_index(&t, "second"), -1);
    registry_free(&r);
    assert_int_equal(r.count, 0);
    assert_null(r.items);
}

static void test_duplicate_name(void **state)
{
    (void)state;
    registry r;
    assert_int_equal(support_registry(&r), 0);
    char err[256] = "";
    int before = r.count;
    const pacer_step_type *builtin_hold = registry_find(&r, "hold");
    pacer_step_type t = make_type("hold", NULL, 0);
    assert_int_equal(registry_add(&r, &t, "plugin", err, sizeof err), -1);
    assert_non_null(strstr(err, "step type 'hold' is already registered"));
    assert_int_equal(r.count, before);
    assert_ptr_equal(registry_find(&r, "hold"), builtin_hold);
    /* the same declaration twice is a duplicate too */
    pacer_step_type u = make_type("mine", NULL, 0);
    assert_int_equal(registry_add(&r, &u, "plugin", err, sizeof err), 0);
    assert_int_equal(registry_add(&r, &u, "plugin", err, sizeof err), -1);
    assert_non_null(strstr(err, "'mine' is already registered"));
    /* and the whole built-in set a second time */
    assert_int_equal(registry_add_builtins(&r, err, sizeof err), -1);
    assert_non_null(strstr(err, "already registered"));
    assert_int_equal(r.count, before + 1);
    registry_free(&r);
}

static void test_bad_names(void **state)
{
    (void)state;
    static const char *const bad[] = {"",         "Hold",       "1st",  "two words", "with-dash", "dot.ted",
                                      "caf\xC3\xA9", "tab\t",   "UPPER",
                                      "abcdefghijklmnopqrstuvwxyz_0123456"}; /* 33 bytes */
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pacer_step_type t = make_type(bad[i], NULL, 0);
        expect_refused(&t, "invalid name");
    }
    pacer_step_type null_name = make_type(NULL, NULL, 0);
    expect_refused(&null_name, "invalid name");

    static const char *const good[] = {"a", "_private", "hold2", "box_breathing",
                                       "abcdefghijklmnopqrstuvwxyz_01234"}; /* 32 bytes */
    /* the registry keeps the declaration's address: each needs its own */
    pacer_step_type types[sizeof good / sizeof good[0]];
    registry r;
    registry_init(&r);
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        types[i] = make_type(good[i], NULL, 0);
        char err[256] = "";
        assert_int_equal(registry_add(&r, &types[i], "test", err, sizeof err), 0);
        assert_non_null(registry_find(&r, good[i]));
    }
    assert_int_equal(r.count, 5);
    registry_free(&r);
}

static void test_missing_expand_and_doc(void **state)
{
    (void)state;
    pacer_step_type t = make_type("lazy", NULL, 0);
    t.expand = NULL;
    expect_refused(&t, "step type 'lazy' has no expand function");

    pacer_step_type u = make_type("quiet", NULL, 0);
    u.doc = NULL;
    expect_refused(&u, "'quiet' has no doc line");
    u.doc = "";
    expect_refused(&u, "'quiet' has no doc line");
}

static void test_default_outside_range(void **state)
{
    (void)state;
    pacer_field f[] = {{"reps", PACER_INTEGER, 0, 1, 10, 0, NULL, NULL, "How many"}};
    pacer_step_type t = make_type("bad_default", f, 1);
    expect_refused(&t, "field 'reps' has a default outside its range");

    f[0].def = 11;
    expect_refused(&t, "default outside its range");
    f[0].type = PACER_NUMBER;
    f[0].def = 10.5;
    expect_refused(&t, "default outside its range");
    f[0].def = -INFINITY;
    expect_refused(&t, "default outside its range");

    /* A required field's default is never used, so it may be anything. */
    f[0].flags = PACER_REQUIRED;
    f[0].def = 0;
    registry r;
    registry_init(&r);
    char err[256] = "";
    assert_int_equal(registry_add(&r, &t, "test", err, sizeof err), 0);
    registry_free(&r);

    /* The bounds themselves are allowed. */
    pacer_field g[] = {{"lo", PACER_NUMBER, 0, 1, 10, 1, NULL, NULL, "Low"},
                       {"hi", PACER_INTEGER, 0, 1, 10, 10, NULL, NULL, "High"}};
    pacer_step_type u = make_type("bounds", g, 2);
    registry_init(&r);
    assert_int_equal(registry_add(&r, &u, "test", err, sizeof err), 0);
    registry_free(&r);
}

static void test_invalid_range(void **state)
{
    (void)state;
    pacer_field f[] = {{"n", PACER_NUMBER, PACER_REQUIRED, 10, 1, 5, NULL, NULL, "n"}};
    pacer_step_type t = make_type("ranged", f, 1);
    expect_refused(&t, "field 'n' has an invalid range");
    f[0].min = NAN;
    f[0].max = 10;
    expect_refused(&t, "invalid range");
    f[0].min = 0;
    f[0].max = INFINITY;
    expect_refused(&t, "invalid range");
}

static void test_enum_choices(void **state)
{
    (void)state;
    pacer_field f[] = {{"shape", PACER_ENUM, 0, 0, 0, 0, NULL, NULL, "Shape"}};
    pacer_step_type t = make_type("shaped", f, 1);
    expect_refused(&t, "enum field 'shape' has no choices");
    f[0].choices = "";
    expect_refused(&t, "enum field 'shape' has no choices");

    /* The default must be one of the choices, whole words only. */
    f[0].choices = "sine|bell|chime";
    f[0].def_str = "gong";
    expect_refused(&t, "field 'shape' has a default that is not one of its choices");
    f[0].def_str = "bel";
    expect_refused(&t, "not one of its choices");
    f[0].def_str = "sine|bell";
    expect_refused(&t, "not one of its choices");

    static const char *const ok_defaults[] = {"sine", "bell", "chime"};
    for (int i = 0; i < 3; i++) {
        f[0].def_str = ok_defaults[i];
        registry r;
        registry_init(&r);
        char err[256] = "";
        assert_int_equal(registry_add(&r, &t, "test", err, sizeof err), 0);
        registry_free(&r);
    }
}

static void test_struct_too_small(void **state)
{
    (void)state;
    pacer_step_type t = make_type("old_plugin", NULL, 0);
    t.size = (uint32_t)offsetof(pacer_step_type, example); /* built against an older, shorter struct */
    expect_refused(&t, "smaller than this Pacer's");
    t.size = 0;
    expect_refused(&t, "smaller than this Pacer's");

    registry r;
    registry_init(&r);
    char err[256] = "";
    assert_int_equal(registry_add(&r, NULL, "test", err, sizeof err), -1);
    assert_non_null(strstr(err, "smaller than this Pacer's"));
    /* a newer, larger struct is fine: structs only grow at the end */
    pacer_step_type u = make_type("newer", NULL, 0);
    u.size = sizeof(pacer_step_type) + 16;
    assert_int_equal(registry_add(&r, &u, "test", err, sizeof err), 0);
    registry_free(&r);
}

static void test_bad_fields(void **state)
{
    (void)state;
    pacer_field bad_name[] = {{"Seconds", PACER_NUMBER, 0, 0, 1, 0, NULL, NULL, "doc"}};
    pacer_step_type t = make_type("fields", bad_name, 1);
    expect_refused(&t, "a field has an invalid name");

    pacer_field no_doc[] = {{"seconds", PACER_NUMBER, 0, 0, 1, 0, NULL, NULL, NULL}};
    t.fields = no_doc;
    expect_refused(&t, "field 'seconds' has no doc line");

    pacer_field twice[] = {{"seconds", PACER_NUMBER, 0, 0, 1, 0, NULL, NULL, "a"},
                           {"reps", PACER_INTEGER, 0, 0, 1, 0, NULL, NULL, "b"},
                           {"seconds", PACER_BOOL, 0, 0, 0, 0, NULL, NULL, "c"}};
    t.fields = twice;
    t.nfields = 3;
    expect_refused(&t, "field 'seconds' is declared twice");

    pacer_field unknown_type[] = {{"odd", (pacer_field_type)99, 0, 0, 0, 0, NULL, NULL, "doc"}};
    t.fields = unknown_type;
    t.nfields = 1;
    expect_refused(&t, "field 'odd' has an unknown type 99");

    t.fields = NULL;
    t.nfields = 2;
    expect_refused(&t, "has an invalid field list");
    t.fields = good_fields;
    t.nfields = -1;
    expect_refused(&t, "has an invalid field list");
    t.nfields = 65;
    expect_refused(&t, "has an invalid field list");
}

static void test_registry_grows(void **state)
{
    (void)state;
    enum { N = 70 };
    static char names[N][16];
    static pacer_step_type types[N];
    registry r;
    registry_init(&r);
    char err[256] = "";
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "step_%d", i);
        types[i] = make_type(names[i], NULL, 0);
        assert_int_equal(registry_add(&r, &types[i], "test", err, sizeof err), 0);
    }
    assert_int_equal(r.count, N);
    for (int i = 0; i < N; i++)
        assert_ptr_equal(registry_find(&r, names[i]), &types[i]);
    registry_free(&r);
}

static void test_builtins_register(void **state)
{
    (void)state;
    registry r;
    registry_init(&r);
    char err[256] = "";
    assert_int_equal(registry_add_builtins(&r, err, sizeof err), 0);
    static const char *const names[] = {"session", "say",     "tone",  "beep", "bell", "wait",
                                        "breathe", "hold",    "sides", "sets", "show", "ready",
                                        "rate_pain", "ask"};
    const int n = (int)(sizeof names / sizeof names[0]);
    assert_int_equal(r.count, n);
    for (int i = 0; i < n; i++) {
        const pacer_step_type *t = registry_find(&r, names[i]);
        if (!t)
            fail_msg("built-in '%s' is not registered", names[i]);
        assert_string_equal(t->name, names[i]);
        assert_int_equal(t->size, sizeof(pacer_step_type));
        assert_non_null(t->expand);
        assert_non_null(t->doc);
        assert_non_null(t->example);
        assert_true(strlen(t->example) > 0);
        int blocks = strcmp(names[i], "session") == 0 || strcmp(names[i], "sides") == 0 ||
                     strcmp(names[i], "sets") == 0;
        assert_int_equal(t->takes_steps, blocks);
        for (int k = 0; k < t->nfields; k++)
            assert_int_equal(step_field_index(t, t->fields[k].name), k);
    }
    for (int i = 0; i < r.count; i++)
        assert_string_equal(r.items[i].origin, "built-in");

    /* A few field declarations the compiler and the tests rely on. */
    const pacer_step_type *hold = registry_find(&r, "hold");
    int secs = step_field_index(hold, "seconds");
    assert_true(secs >= 0);
    assert_true(hold->fields[secs].flags & PACER_REQUIRED);
    assert_true(hold->fields[secs].flags & PACER_POSITIONAL);
    const pacer_step_type *breathe = registry_find(&r, "breathe");
    int sc = step_field_index(breathe, "speak_cycles");
    assert_true(sc >= 0);
    assert_true(breathe->fields[sc].def == 3.0);
    assert_non_null(breathe->validate);
    const pacer_step_type *session = registry_find(&r, "session");
    int title = step_field_index(session, "title");
    assert_true(title >= 0 && (session->fields[title].flags & PACER_REQUIRED));
    registry_free(&r);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_and_find),
        cmocka_unit_test(test_duplicate_name),
        cmocka_unit_test(test_bad_names),
        cmocka_unit_test(test_missing_expand_and_doc),
        cmocka_unit_test(test_default_outside_range),
        cmocka_unit_test(test_invalid_range),
        cmocka_unit_test(test_enum_choices),
        cmocka_unit_test(test_struct_too_small),
        cmocka_unit_test(test_bad_fields),
        cmocka_unit_test(test_registry_grows),
        cmocka_unit_test(test_builtins_register),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("registry", tests, NULL, NULL);
}
