/* test_untrusted.c - what an untrusted script cannot do to the program that loads it: the
 * loader process (a stuck library call is an error of its line), the model's way back from
 * it, the nesting bound of the loader and the compiler, and the messages (sizes in a unit
 * that shows them, one line for a repeated diagnostic, no layout controls on a terminal). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"
#include "compile.h"
#include "model.h"

static registry reg;

static int setup(void **state)
{
    (void)state;
    char err[256];
    registry_init(&reg);
    return registry_add_builtins(&reg, err, sizeof err);
}

static int teardown(void **state)
{
    (void)state;
    registry_free(&reg);
    return 0;
}

static const diag *find_diag(const diag_list *d, diag_severity sev, const char *text)
{
    for (int i = 0; i < d->count; i++)
        if (d->items[i].severity == sev && strstr(d->items[i].message, text))
            return &d->items[i];
    return NULL;
}

static int load(const char *src, const script_opts *extra, session_model *m, diag_list *d)
{
    script_opts o = {.reg = &reg};
    if (extra) {
        o = *extra;
        o.reg = &reg;
    }
    diags_init(d);
    return script_load_buffer("s.lua", "/nonexistent/dir", src, strlen(src), &o, m, d);
}

static void test_format_bytes(void **state)
{
    (void)state;
    char b[32];
    assert_string_equal(format_bytes(0, b, sizeof b), "0 bytes");
    assert_string_equal(format_bytes(512, b, sizeof b), "512 bytes");
    assert_string_equal(format_bytes(1536, b, sizeof b), "1.5 KB");
    assert_string_equal(format_bytes(900 * 1024, b, sizeof b), "900 KB");
    assert_string_equal(format_bytes(95.0 * (1 << 20), b, sizeof b), "95 MB");
    assert_string_equal(format_bytes(1 << 30, b, sizeof b), "1 GB");
}

/* A refusal under a megabyte says how much, not "0 MB". */
static void test_rep_refusal_in_kilobytes(void **state)
{
    (void)state;
    script_opts o = {.mem_limit = 1 << 20};
    session_model m;
    diag_list d;
    int rc = load("local s = string.rep('x', 950 * 1024)\nreturn session { title = s }\n", &o, &m, &d);
    assert_int_equal(rc, -1);
    const diag *e = find_diag(&d, DIAG_ERROR, "string.rep would make a string of 950 KB; a script may use at most 1 MB");
    if (!e)
        diags_print(&d, stderr);
    assert_non_null(e);
    assert_int_equal(e->line, 1);
    diags_free(&d);
}

/* Stuck inside one string.find: the load ends with an error at that line, and what the script
 * said before (a print note) is kept. */
static void test_stuck_call_is_an_error_of_its_line(void **state)
{
    (void)state;
    script_opts o = {.time_limit = 0.3};
    session_model m;
    diag_list d;
    int rc = load("print('before')\n"
                  "local r = string.find(string.rep('a', 40) .. 'b', string.rep('a*', 30) .. 'c')\n"
                  "return session { title = 'never' }\n",
                  &o, &m, &d);
    assert_int_equal(rc, -1);
    assert_null(m.root);
    assert_int_equal(d.errors, 1);
    const diag *e = find_diag(&d, DIAG_ERROR, "inside one call of string.find");
    if (!e)
        diags_print(&d, stderr);
    assert_non_null(e);
    assert_string_equal(e->file, "s.lua");
    assert_int_equal(e->line, 2);
    assert_int_equal(e->col, 18);
    const diag *n = find_diag(&d, DIAG_NOTE, "print: before");
    assert_non_null(n);
    assert_int_equal(n->line, 1);
    diags_free(&d);
}

static void assert_same_node(const step_node *a, const step_node *b)
{
    assert_ptr_equal(a->type, b->type);
    assert_string_equal(a->file, b->file);
    assert_int_equal(a->line, b->line);
    assert_int_equal(a->col, b->col);
    for (int i = 0; i < a->type->nfields; i++) {
        const step_value *x = &a->values[i], *y = &b->values[i];
        assert_int_equal(x->given, y->given);
        assert_true(x->num == y->num);
        if (x->str || y->str) {
            assert_non_null(x->str);
            assert_non_null(y->str);
            assert_string_equal(x->str, y->str);
        }
        assert_int_equal(x->list != NULL, y->list != NULL);
        assert_int_equal(x->nlist, y->nlist);
        for (int k = 0; k < x->nlist; k++)
            assert_string_equal(x->list[k], y->list[k]);
    }
    assert_int_equal(a->nchildren, b->nchildren);
    for (int i = 0; i < a->nchildren; i++)
        assert_same_node(a->children[i], b->children[i]);
}

/* The model that comes back from the loader process is the one made in this process. */
static void test_model_comes_back_whole(void **state)
{
    (void)state;
    const char *path = PACER_SESSIONS_DIR "/daily_routine.lua";
    script_opts here = {.reg = &reg, .same_process = 1}, away = {.reg = &reg};
    session_model a, b;
    diag_list da, db;
    diags_init(&da);
    diags_init(&db);
    assert_int_equal(script_load_file(path, &here, &a, &da), 0);
    assert_int_equal(script_load_file(path, &away, &b, &db), 0);
    assert_string_equal(a.file, b.file);
    assert_string_equal(a.dir, b.dir);
    assert_same_node(a.root, b.root);
    assert_int_equal(da.count, db.count);
    timeline ta, tb;
    assert_int_equal(session_compile(&a, NULL, &ta, &da), 0);
    assert_int_equal(session_compile(&b, NULL, &tb, &db), 0);
    assert_int_equal(ta.count, tb.count);
    assert_true(ta.frames == tb.frames);
    timeline_free(&ta);
    timeline_free(&tb);
    session_model_free(&a);
    session_model_free(&b);
    diags_free(&da);
    diags_free(&db);
}

static void load_nested(int blocks, session_model *m, diag_list *d, int *rc)
{
    char src[256];
    snprintf(src, sizeof src,
             "local b = wait(1) for i = 1, %d do b = sets { n = 1, b } end return session { title = 'd', b }\n", blocks);
    script_opts o = {.time_limit = 60}; /* valgrind is slow: the depth is what is tested here */
    *rc = load(src, &o, m, d);
}

/* The session, 98 blocks and a step are 100 levels: allowed; one more is one error. */
static void test_nesting_bound(void **state)
{
    (void)state;
    session_model m;
    diag_list d;
    int rc;
    load_nested(98, &m, &d, &rc);
    assert_int_equal(rc, 0);
    session_model_free(&m);
    diags_free(&d);
    load_nested(99, &m, &d, &rc);
    assert_int_equal(rc, -1);
    assert_int_equal(d.errors, 1);
    assert_non_null(find_diag(&d, DIAG_ERROR, "nested more than 100 deep"));
    diags_free(&d);
    load_nested(3000, &m, &d, &rc);
    assert_int_equal(rc, -1);
    assert_int_equal(d.errors, 1);
    diags_free(&d);
}

/* A model made without the loader (as a plugin host or a test might) is bounded by the
 * compiler too: an error, not a stack overflow. */
static void test_compiler_depth_bound(void **state)
{
    (void)state;
    const pacer_step_type *session = registry_find(&reg, "session");
    assert_non_null(session);
    enum { DEPTH = 5000 };
    step_node *nodes = calloc(DEPTH, sizeof *nodes);
    step_value *values = calloc((size_t)DEPTH * (size_t)session->nfields, sizeof *values);
    assert_non_null(nodes);
    assert_non_null(values);
    for (int i = 0; i < DEPTH; i++) {
        nodes[i].type = session;
        nodes[i].file = "made.lua";
        nodes[i].line = i + 1;
        nodes[i].values = values + (size_t)i * (size_t)session->nfields;
        if (i + 1 < DEPTH) {
            nodes[i].children = malloc(sizeof(step_node *));
            assert_non_null(nodes[i].children);
            nodes[i].children[0] = &nodes[i + 1];
            nodes[i].nchildren = 1;
        }
    }
    session_model m = {.root = &nodes[0], .file = "made.lua", .dir = "."};
    timeline t;
    diag_list d;
    diags_init(&d);
    assert_int_equal(session_compile(&m, NULL, &t, &d), -1);
    assert_non_null(find_diag(&d, DIAG_ERROR, "nested more than 200 deep"));
    diags_free(&d);
    for (int i = 0; i < DEPTH; i++)
        free(nodes[i].children);
    free(values);
    free(nodes);
}

static char *print_to_string(const diag_list *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    diags_print(d, f);
    fclose(f);
    return buf;
}

static void test_repeated_diagnostic_printed_once(void **state)
{
    (void)state;
    diag_list d;
    diags_init(&d);
    for (int i = 0; i < 3; i++)
        diags_add(&d, DIAG_ERROR, "a.lua", 2, 5, "say: 'text' must be a string, got 5");
    diags_add(&d, DIAG_ERROR, "a.lua", 3, 5, "say: 'text' must be a string, got 5");
    char *out = print_to_string(&d);
    assert_string_equal(out, "a.lua:2:5: error: say: 'text' must be a string, got 5 (3 times)\n"
                             "a.lua:3:5: error: say: 'text' must be a string, got 5\n");
    free(out);
    diags_free(&d);
}

static void test_layout_controls_escaped(void **state)
{
    (void)state;
    strbuf b;
    sb_init(&b);
    const char *s = "a\u202Eb\u2066c\u2069d\u2028e \u05D0\u00E9";
    sb_add_safe(&b, s, strlen(s));
    assert_string_equal(b.data, "a\\u{202E}b\\u{2066}c\\u{2069}d\\u{2028}e \u05D0\u00E9");
    sb_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_bytes),
        cmocka_unit_test(test_rep_refusal_in_kilobytes),
        cmocka_unit_test(test_stuck_call_is_an_error_of_its_line),
        cmocka_unit_test(test_model_comes_back_whole),
        cmocka_unit_test(test_nesting_bound),
        cmocka_unit_test(test_compiler_depth_bound),
        cmocka_unit_test(test_repeated_diagnostic_printed_once),
        cmocka_unit_test(test_layout_controls_escaped),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
