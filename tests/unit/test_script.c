/* test_script.c - unit tests for the Lua sandbox and the session model it builds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "script.h"
#include "compile.h"

#include "fixtures.h"

static registry reg;

typedef struct loaded {
    session_model m;
    diag_list d;
    int rc;
} loaded;

static void load_with(loaded *l, const char *src, size_t len, const script_opts *extra)
{
    /* In this process: valgrind (scripts/test.sh) follows a forked loader slowly enough to
     * trip the time limit; the loader process itself is tested in test_untrusted.c. */
    script_opts o = {.reg = &reg, .same_process = 1};
    if (extra) {
        o = *extra;
        o.reg = &reg;
        o.same_process = 1;
    }
    diags_init(&l->d);
    l->rc = script_load_buffer("s.lua", "/nonexistent/dir", src, len, &o, &l->m, &l->d);
}

static void load(loaded *l, const char *src) { load_with(l, src, strlen(src), NULL); }

static void loaded_free(loaded *l)
{
    if (l->rc == 0)
        session_model_free(&l->m);
    diags_free(&l->d);
}

/* The load failed with exactly one error, at line:col (col 0: any), whose message holds text. */
static void expect_one_error(const loaded *l, int line, int col, const char *text)
{
    if (l->rc != -1 || l->d.errors != 1 || !support_find_diag(&l->d, DIAG_ERROR, text)) {
        diags_print(&l->d, stderr);
        fail_msg("expected one error containing \"%s\" (rc %d, %d errors)", text, l->rc, l->d.errors);
    }
    const diag *e = support_find_diag(&l->d, DIAG_ERROR, text);
    assert_string_equal(e->file, "s.lua");
    if (e->line != line || (col && e->col != col))
        fail_msg("\"%s\" is at %d:%d, expected %d:%d", e->message, e->line, e->col, line, col);
    /* a failed load leaves no model behind */
    assert_null(l->m.root);
}

static const step_value *value(const step_node *n, const char *field)
{
    int i = step_field_index(n->type, field);
    assert_true(i >= 0);
    return &n->values[i];
}

/* ---- a clean load and the model it builds ---- */

static void test_model(void **state)
{
    (void)state;
    loaded l;
    load(&l, "return session {\n"
             "  title = \"Knees\", rate = 120,\n"
             "  say \"Lie down.\",\n"
             "  sides { \"left\", \"right\",\n"
             "    hold { 8, reps = 4, countdown = 3 },\n"
             "  },\n"
             "}\n");
    if (l.rc != 0)
        diags_print(&l.d, stderr);
    assert_int_equal(l.rc, 0);
    assert_int_equal(l.d.count, 0);
    const step_node *root = l.m.root;
    assert_non_null(root);
    assert_string_equal(root->type->name, "session");
    assert_string_equal(l.m.file, "s.lua");
    assert_string_equal(l.m.dir, "/nonexistent/dir");
    assert_string_equal(value(root, "title")->str, "Knees");
    assert_true(value(root, "rate")->given);
    assert_true(value(root, "rate")->num == 120);
    assert_false(value(root, "api")->given);
    assert_true(value(root, "api")->num == 1);               /* default applied */
    assert_string_equal(value(root, "language")->str, "en"); /* default text */
    assert_null(value(root, "voice")->str);                  /* no default */

    assert_int_equal(root->nchildren, 2);
    const step_node *say = root->children[0], *sides = root->children[1];
    assert_string_equal(say->type->name, "say");
    assert_string_equal(value(say, "text")->str, "Lie down.");
    assert_int_equal(say->line, 3);
    assert_int_equal(say->col, 3);
    assert_string_equal(say->file, "s.lua");
    assert_true(value(say, "gap")->num == 0.5);

    assert_string_equal(sides->type->name, "sides");
    const step_value *names = value(sides, "names");
    assert_int_equal(names->nlist, 2);
    assert_string_equal(names->list[0], "left");
    assert_string_equal(names->list[1], "right");
    assert_int_equal(sides->nchildren, 1);
    const step_node *hold = sides->children[0];
    assert_int_equal(hold->line, 5);
    assert_int_equal(hold->col, 5);
    assert_true(value(hold, "seconds")->given && value(hold, "seconds")->num == 8);
    assert_true(value(hold, "reps")->num == 4);
    assert_true(value(hold, "countdown")->num == 3);
    assert_false(value(hold, "rest")->given);
    assert_true(value(hold, "rest")->num == 0);
    assert_int_equal(hold->nchildren, 0);
    loaded_free(&l);
}

static void test_bom_and_shebang(void **state)
{
    (void)state;
    /* neither is Lua; both are skipped and lines keep their numbers */
    static const char src[] = "\xEF\xBB\xBF#!/usr/bin/env pacer\n"
                              "return session { title = \"T\",\n"
                              "  hold { seconds = 0 },\n"
                              "}\n";
    loaded l;
    load_with(&l, src, sizeof src - 1, NULL);
    expect_one_error(&l, 3, 3, "hold: 'seconds' must be a number from 1 to 600, got 0");
    loaded_free(&l);

    static const char ok[] = "#!/usr/bin/env pacer\nreturn session { title = \"T\" }\n";
    load_with(&l, ok, sizeof ok - 1, NULL);
    assert_int_equal(l.rc, 0);
    loaded_free(&l);
}

/* ---- each class of error ---- */

static void test_error_classes(void **state)
{
    (void)state;
    static const struct {
        const char *src;
        int line, col;
        const char *message;
    } cases[] = {
        /* Lua syntax */
        {"return session { title = \"T\",\n  hold { seconds = 5 \n}", 3, 1, "'}' expected (to close '{' at line 1) near <eof>"},
        {"return session { title = \"T\", hold { 5 } } extra", 1, 44, "<eof> expected near 'extra'"},
        /* runtime errors */
        {"local x = 1\nerror(\"boom\")\nreturn session { title = \"T\" }", 2, 1, "boom"},
        {"local x = nil\nlocal y = x.field\n", 2, 0, "attempt to index a nil value (local 'x')"},
        {"error({})\n", 1, 1, "error raised with a table value instead of a message"},
        /* names */
        {"return session { title = \"T\",\n  breath { cycles = 2 },\n}", 2, 3, "unknown name 'breath'; did you mean 'breathe'?"},
        {"local x = undefined_thing\n", 1, 11, "unknown name 'undefined_thing'"},
        /* what the script returns */
        {"local s = session { title = \"T\" }", 1, 1, "the script returned nothing; it must end with: return session { ... }"},
        {"return 42", 1, 1, "the script must return session { ... }, got 42"},
        {"return hold { 5 }", 1, 1, "the script must return session { ... }, got a hold step"},
        /* fields */
        {"return session { title = \"T\",\n  hold { seconds = \"5\" },\n}", 2, 3,
         "hold: 'seconds' must be a number from 1 to 600, got string"},
        {"return session { title = \"T\",\n  hold { seconds = 0.5 },\n}", 2, 3,
         "hold: 'seconds' must be a number from 1 to 600, got 0.5"},
        {"return session { title = \"T\",\n  hold { seconds = math.huge },\n}", 2, 3,
         "hold: 'seconds' must be a number from 1 to 600, got inf"},
        {"return session { title = \"T\",\n  say { \"x\", gap = 0/0 },\n}", 2, 3,
         "say: 'gap' must be a number from 0 to 60, got nan"},
        {"return session { title = \"T\",\n  hold { seconds = 5, reps = 2.5 },\n}", 2, 3,
         "hold: 'reps' must be a whole number from 1 to 100, got 2.5"},
        {"return session { title = \"T\",\n  hold { reps = 2 },\n}", 2, 3, "hold: 'seconds' is missing (How long each hold lasts)"},
        {"return session {\n  say \"x\" }", 1, 8, "session: 'title' is missing"},
        {"return session { title = \"T\",\n  wait { 5, countdown = 1 },\n}", 2, 3,
         "wait: 'countdown' must be true or false, got 1"},
        {"return session { title = \"T\",\n  tone { shape = \"square\" },\n}", 2, 3,
         "tone: 'shape' must be one of sine, bell, chime, rise, fall, tick, swell, double; got \"square\""},
        {"return session { title = \"T\",\n  hold { 5, seconds = 6 },\n}", 2, 3,
         "hold: 'seconds' is given twice (by position and by name)"},
        {"return session { title = \"T\",\n  hold { 5, 6 },\n}", 2, 3, "hold: too many values: position 2 (6) has no field to go to"},
        {"return session { title = \"T\",\n  beep { loud = true },\n}", 2, 3, "beep: unknown field 'loud'; beep takes no fields"},
        {"return session { title = \"T\", language = \"en us\" }", 1, 8, "session: 'language' must be a short name"},
        {"return session { title = \"T\",\n  sides { names = \"left\", wait(1) },\n}", 2, 3,
         "sides: 'names' must be a list of strings, got string"},
        /* text */
        {"return session { title = \"T\",\n  say \"bad \x1B[2J\",\n}", 2, 3,
         "say: 'text' contains a control character (U+001B) at byte 5"},
        {"return session { title = \"T\",\n  say \"bad \xFF\",\n}", 2, 3,
         "say: 'text' is not valid UTF-8 text (bad byte at position 5)"},
        {"return session { title = \"T\",\n  say { \"x\", file = \"/etc/passwd\" },\n}", 2, 3,
         "say: 'file' must be a path relative to the session file, got an absolute path"},
        {"return session { title = \"T\",\n  say { \"x\", file = \"a/../../x.ogg\" },\n}", 2, 3,
         "say: 'file' may not leave the session's folder ('..' in the path)"},
        {"return session { title = \"T\",\n  wait { 1, label = string.rep(\"x\", 201) },\n}", 2, 3,
         "wait: 'label' is 201 bytes long; at most 200 are allowed"},
        /* structure */
        {"return session { title = \"T\",\n  hold { 5, say \"x\" },\n}", 2, 3, "hold: takes no steps inside it (position 2 holds a say step)"},
        {"return session { title = \"T\",\n  sets { n = 2, session { title = \"U\" } },\n}", 2, 3,
         "sets: a session cannot be put inside another step (position 1)"},
        {"return session { title = \"T\",\n  sets { n = 2, wait(1), 5 },\n}", 2, 3,
         "sets: position 2 holds 5, but only steps may follow here"},
        {"local s = hold { 5 }\ns.seconds = 6\n", 2, 0, "a step cannot be changed once it is made"},
        /* cross-field checks */
        {"return session { title = \"T\", api = 2 }", 1, 8, "session: this session needs Pacer script API 2; this Pacer supports API 1"},
        {"return session { title = \"T\",\n  breathe { cycles = 2, minutes = 1 },\n}", 2, 3,
         "breathe: give 'cycles' or 'minutes', not both"},
        {"return session { title = \"T\",\n  breathe { inhale = 4 },\n}", 2, 3, "breathe: give 'cycles' (breaths) or 'minutes'"},
        {"return session { title = \"T\",\n  hold { seconds = 5, countdown = 5 },\n}", 2, 3,
         "hold: 'countdown' (5) must be shorter than 'seconds' (5)"},
        /* sandbox */
        {"local t = setmetatable({}, { __gc = function() end })\n", 1, 1, "finalizers (__gc) are not allowed in session scripts"},
        {"\x1BLuaT", 1, 1, "this is a compiled Lua chunk; session scripts must be Lua source text"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        loaded l;
        load_with(&l, cases[i].src, strlen(cases[i].src), NULL);
        expect_one_error(&l, cases[i].line, cases[i].col, cases[i].message);
        loaded_free(&l);
    }
}

static void test_every_mistake_reported(void **state)
{
    (void)state;
    /* the script runs to its end: one message per mistake, each at its own line */
    loaded l;
    load(&l, "return session { title = \"T\",\n"
             "  hold { seconds = 0 },\n"
             "  wait { 5, lable = \"Rest\" },\n"
             "  tone { hz = 5 },\n"
             "  say \"fine\",\n"
             "}\n");
    assert_int_equal(l.rc, -1);
    assert_int_equal(l.d.errors, 3);
    assert_int_equal(l.d.count, 3);
    assert_int_equal(l.d.items[0].line, 2);
    assert_non_null(strstr(l.d.items[0].message, "'seconds'"));
    assert_int_equal(l.d.items[1].line, 3);
    assert_string_equal(l.d.items[1].message, "wait: unknown field 'lable'; did you mean 'label'?");
    assert_int_equal(l.d.items[2].line, 4);
    assert_string_equal(l.d.items[2].message, "tone: 'hz' must be a number from 20 to 8000, got 5");
    loaded_free(&l);
}

/* ---- limits ---- */

static void test_memory_limit(void **state)
{
    (void)state;
    static const char *const bombs[] = {
        "local s = string.rep(\"x\", 100000000)\nreturn session { title = \"T\" }",
        "local s = \"x\"\nwhile true do\n  s = s .. s\nend\n",
        "local t = {}\nfor i = 1, 1e9 do t[i] = i end\n",
        "local s = (\"x\"):rep(1e7, \",\")\n",
    };
    script_opts o = {.mem_limit = 4u << 20};
    for (size_t i = 0; i < sizeof bombs / sizeof bombs[0]; i++) {
        loaded l;
        load_with(&l, bombs[i], strlen(bombs[i]), &o);
        /* string.rep bombs are refused before they allocate, with their own message */
        if (l.rc != -1 || l.d.errors != 1 ||
            !(support_find_diag(&l.d, DIAG_ERROR, "the script used more than 4 MB of memory") ||
              support_find_diag(&l.d, DIAG_ERROR, "a script may use at most 4 MB"))) {
            diags_print(&l.d, stderr);
            fail_msg("bomb %zu was not stopped by the memory limit", i);
        }
        loaded_free(&l);
    }
    /* steps count against the same limit: endless steps do not load */
    loaded many;
    static const char steps[] = "local t = {}\nfor i = 1, 1e9 do t[#t + 1] = hold { 5 } end\n";
    load_with(&many, steps, sizeof steps - 1, &o);
    assert_int_equal(many.rc, -1);
    assert_int_equal(many.d.errors, 1);
    loaded_free(&many);

    /* the same limit leaves room for an ordinary session */
    loaded l;
    static const char ok[] = "local s = string.rep(\"x\", 100000)\n"
                             "return session { title = \"T\", breathe { minutes = 5 }, say(s:sub(1, 10)) }";
    load_with(&l, ok, sizeof ok - 1, &o);
    assert_int_equal(l.rc, 0);
    loaded_free(&l);
}

static void test_time_limit(void **state)
{
    (void)state;
    static const struct {
        const char *src;
        int line; /* 0: some line; -1: not checked */
    } loops[] = {
        {"while true do pcall(function() while true do end end) end\n", 1},
        {"while true do xpcall(function() while true do end end, function(e) return e end) end\n", 1},
        {"local n = 0\nwhile true do\n  n = n + 1\nend\n", 0},
        {"local function f() pcall(f) end\nwhile true do f() end\n", -1},
        {"while true do pcall(error) end\n", -1},
    };
    script_opts o = {.time_limit = 0.5};
    for (size_t i = 0; i < sizeof loops / sizeof loops[0]; i++) {
        loaded l;
        /* the limit counts processor time: measured so, the bounds hold on a busy machine */
        double t0 = support_cpu_seconds();
        load_with(&l, loops[i].src, strlen(loops[i].src), &o);
        double took = support_cpu_seconds() - t0;
        if (l.rc != -1 || l.d.errors != 1 ||
            !support_find_diag(&l.d, DIAG_ERROR, "the script ran longer than 0.5 s (an endless loop?) and was stopped")) {
            diags_print(&l.d, stderr);
            fail_msg("loop %zu was not stopped by the time limit", i);
        }
        const diag *e = support_find_diag(&l.d, DIAG_ERROR, "ran longer");
        assert_string_equal(e->file, "s.lua");
        if (loops[i].line > 0)
            assert_int_equal(e->line, loops[i].line);
        else if (loops[i].line == 0)
            assert_true(e->line >= 1);
        assert_true(took >= 0.5);
        assert_true(took < 20.0);
        loaded_free(&l);
    }
}

/* A step type whose check waits 0.4 s without using the processor, as a script does while
 * the machine runs other work. */
static int nap_validate(pacer_ctx *x, const pacer_host *h)
{
    (void)x, (void)h;
    struct timespec nap = {0, 400 * 1000 * 1000};
    while (nanosleep(&nap, &nap) != 0) {
    }
    return 0;
}

static int nap_expand(pacer_ctx *x, const pacer_host *h)
{
    (void)x, (void)h;
    return 0;
}

static const pacer_step_type nap_type = {
    sizeof(pacer_step_type), "nap", "Waits while it is checked", NULL, 0, 0, nap_validate, nap_expand, NULL,
};

/* The time limit counts the script's work, not the time it waited: three naps of 0.4 s
 * under a 0.5 s limit load cleanly. Against the wall clock they would be stopped. */
static void test_time_limit_counts_work_not_waiting(void **state)
{
    (void)state;
    registry r;
    assert_int_equal(support_registry(&r), 0);
    char err[256];
    assert_int_equal(registry_add(&r, &nap_type, "test", err, sizeof err), 0);
    static const char src[] = "return session { title = \"T\", nap(), nap(), nap() }\n";
    script_opts o = {.reg = &r, .time_limit = 0.5};
    session_model m;
    diag_list d;
    diags_init(&d);
    int rc = script_load_buffer("s.lua", "/nonexistent/dir", src, sizeof src - 1, &o, &m, &d);
    if (rc != 0 || d.count) {
        diags_print(&d, stderr);
        fail_msg("three naps of 0.4 s under a 0.5 s limit did not load cleanly");
    }
    session_model_free(&m);
    diags_free(&d);
    registry_free(&r);
}

static void test_stack_overflow(void **state)
{
    (void)state;
    /* with room enough that Lua's own stack limit comes first */
    script_opts o = {.mem_limit = 512u << 20, .time_limit = 30};
    loaded l;
    static const char src[] = "local function f() return f() + 1 end\nf()\n";
    load_with(&l, src, sizeof src - 1, &o);
    expect_one_error(&l, 1, 0, "stack overflow (a function that calls itself without end?)");
    loaded_free(&l);
}

/* ---- the sandbox ---- */

static void test_blocked_names(void **state)
{
    (void)state;
    static const char *const blocked[] = {"os",       "io",         "require",        "debug",     "dofile",
                                          "loadfile", "package",    "loadstring",     "coroutine", "collectgarbage"};
    for (size_t i = 0; i < sizeof blocked / sizeof blocked[0]; i++) {
        char src[128], want[160];
        snprintf(src, sizeof src, "local x = 1\nlocal y = %s\n", blocked[i]);
        snprintf(want, sizeof want, "'%s' is not available in session scripts", blocked[i]);
        loaded l;
        load(&l, src);
        expect_one_error(&l, 2, 0, want);
        loaded_free(&l);
    }
}

static void test_sandbox_contents(void **state)
{
    (void)state;
    /* Each line fails the load (with its line number) if the sandbox leaks. */
    loaded l;
    load(&l, "assert(rawget(_ENV, 'os') == nil and rawget(_ENV, 'io') == nil)\n"
             "assert(rawget(_ENV, 'require') == nil and rawget(_ENV, 'debug') == nil)\n"
             "assert(rawget(_ENV, 'dofile') == nil and rawget(_ENV, 'loadfile') == nil)\n"
             "assert(string.dump == nil, 'string.dump')\n"
             "assert(('x').dump == nil, 'dump through the string metatable')\n"
             "assert(getmetatable('').__index == string, 'string metatable')\n"
             "assert(getmetatable(_ENV) == 'locked', 'environment metatable')\n"
             "assert(not pcall(setmetatable, _ENV, nil), 'environment metatable is locked')\n"
             "assert(load('\\27Lua') == nil, 'binary chunks')\n"
             "assert(load('return 1 +')  == nil, 'syntax errors are returned')\n"
             "assert(load('return 6 * 7')() == 42, 'text chunks load')\n"
             "assert(not pcall(load('return os')), 'loaded chunks are sandboxed too')\n"
             "assert(('ab'):rep(3) == 'ababab', 'string methods')\n"
             "assert(math.floor(2.5) == 2 and math.pi > 3, 'math')\n"
             "assert(table.concat({1, 2}, ',') == '1,2', 'table')\n"
             "assert(utf8.len('caf\\u{e9}') == 4, 'utf8')\n"
             "assert(select('#', 1, 2) == 2 and type(pairs) == 'function')\n"
             "assert(tostring(hold { 5 }) == 'hold step (line 18)', 'steps print')\n"
             "assert(not pcall(function() return hold { 5 }.seconds end), 'steps are opaque')\n"
             "return session { title = 'T' }\n");
    if (l.rc != 0)
        diags_print(&l.d, stderr);
    assert_int_equal(l.rc, 0);
    assert_int_equal(l.d.count, 0);
    loaded_free(&l);
}

static void test_print_is_a_note(void **state)
{
    (void)state;
    loaded l;
    load(&l, "local x = 1\nprint(\"hello\", 1, nil)\nreturn session { title = \"T\" }");
    assert_int_equal(l.rc, 0);
    assert_int_equal(l.d.errors, 0);
    assert_int_equal(l.d.count, 1);
    assert_int_equal(l.d.items[0].severity, DIAG_NOTE);
    assert_string_equal(l.d.items[0].message, "print: hello\t1\tnil");
    assert_int_equal(l.d.items[0].line, 2);
    loaded_free(&l);
}

static char *title_of(const char *src)
{
    loaded l;
    load(&l, src);
    if (l.rc != 0)
        diags_print(&l.d, stderr);
    assert_int_equal(l.rc, 0);
    char *t = strdup(value(l.m.root, "title")->str);
    loaded_free(&l);
    return t;
}

static void test_random_is_deterministic(void **state)
{
    (void)state;
    static const char src[] = "local t = {}\n"
                              "for i = 1, 8 do t[#t + 1] = tostring(math.random(1, 1000000)) end\n"
                              "t[#t + 1] = string.format('%.17g', math.random())\n"
                              "return session { title = table.concat(t, ',') }\n";
    char *a = title_of(src), *b = title_of(src), *c = title_of(src);
    assert_string_equal(a, b);
    assert_string_equal(a, c);
    /* and it is not a constant */
    char first[16];
    size_t n = strcspn(a, ",");
    assert_true(n < sizeof first);
    memcpy(first, a, n);
    first[n] = 0;
    int same = 0;
    for (const char *p = a; (p = strstr(p, first)) != NULL; p += n)
        same++;
    assert_true(same < 8);
    free(a);
    free(b);
    free(c);
}

static void test_unknown_name_suggestion(void **state)
{
    (void)state;
    static const struct {
        const char *src;
        int line, col;
        const char *message;
    } cases[] = {
        {"return session { title = \"T\",\n  brethe { cycles = 1 } }", 2, 3, "unknown name 'brethe'; did you mean 'breathe'?"},
        {"return session { title = \"T\", Hold { 5 } }", 1, 31, "unknown name 'Hold'; did you mean 'hold'?"},
        {"local n = mth.floor(2)\n", 1, 11, "unknown name 'mth'; did you mean 'math'?"},
        {"local x = 1\nlocal p = pair({})\n", 2, 11, "unknown name 'pair'; did you mean 'pairs'?"},
        {"local x = meditate\n", 1, 11, "unknown name 'meditate'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        loaded l;
        load(&l, cases[i].src);
        expect_one_error(&l, cases[i].line, cases[i].col, cases[i].message);
        if (!strstr(cases[i].message, "did you mean"))
            assert_null(strstr(l.d.items[0].message, "did you mean"));
        loaded_free(&l);
    }
}

/* ---- files ---- */

static void test_load_file(void **state)
{
    (void)state;
    char dir[256];
    assert_int_equal(support_tmpdir(dir, sizeof dir, "pacer-unit"), 0);
    char path[300];
    snprintf(path, sizeof path, "%s/s.lua", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("return session { title = \"From a file\", wait(1) }\n", f);
    fclose(f);

    script_opts o = {.reg = &reg, .same_process = 1};
    session_model m;
    diag_list d;
    diags_init(&d);
    assert_int_equal(script_load_file(path, &o, &m, &d), 0);
    assert_string_equal(m.file, path);
    assert_string_equal(m.dir, dir);
    assert_string_equal(value(m.root, "title")->str, "From a file");
    session_model_free(&m);

    /* too big for the limit */
    o.max_file_size = 10;
    assert_int_equal(script_load_file(path, &o, &m, &d), -1);
    assert_non_null(support_find_diag(&d, DIAG_ERROR, "session scripts may be at most"));
    o.max_file_size = 0;

    /* not a file; not there */
    assert_int_equal(script_load_file(dir, &o, &m, &d), -1);
    assert_non_null(support_find_diag(&d, DIAG_ERROR, "not a file"));
    char missing[300];
    snprintf(missing, sizeof missing, "%s/missing.lua", dir);
    assert_int_equal(script_load_file(missing, &o, &m, &d), -1);
    assert_non_null(support_find_diag(&d, DIAG_ERROR, "cannot read the session"));
    assert_int_equal(d.errors, 3);
    for (int i = 0; i < d.count; i++)
        assert_int_equal(d.items[i].line, 0);
    diags_free(&d);

    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
}

static void test_shipped_sessions(void **state)
{
    (void)state;
    static const char *const files[] = {"diaphragmatic_breathing.lua", "ql_breathing_stretch.lua",
                                        "si_joint_correction.lua"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", PACER_SESSIONS_DIR, files[i]);
        script_opts o = {.reg = &reg, .same_process = 1};
        session_model m;
        diag_list d;
        diags_init(&d);
        int rc = script_load_file(path, &o, &m, &d);
        if (rc != 0 || d.count) {
            diags_print(&d, stderr);
            fail_msg("%s does not load cleanly", files[i]);
        }
        timeline t;
        assert_int_equal(session_compile(&m, NULL, &t, &d), 0);
        assert_int_equal(d.errors, 0);
        assert_true(t.frames > 60 * PACER_RATE);
        assert_true(t.nsteps > 3);
        timeline_free(&t);
        session_model_free(&m);
        diags_free(&d);
    }
}

static void test_builtin_examples(void **state)
{
    (void)state;
    /* every step type's documented example runs and compiles */
    for (int i = 0; i < reg.count; i++) {
        const pacer_step_type *t = reg.items[i].type;
        strbuf src;
        sb_init(&src);
        if (strncmp(t->example, "return session", 14) == 0)
            sb_puts(&src, t->example);
        else
            sb_printf(&src, "return session { title = \"T\",\n%s\n}\n", t->example);
        loaded l;
        load_with(&l, src.data, src.len, NULL);
        if (l.rc != 0 || l.d.count) {
            diags_print(&l.d, stderr);
            fail_msg("the example of '%s' does not load", t->name);
        }
        timeline tl;
        assert_int_equal(session_compile(&l.m, NULL, &tl, &l.d), 0);
        assert_int_equal(l.d.errors, 0);
        assert_true(tl.count >= 1);
        timeline_free(&tl);
        loaded_free(&l);
        sb_free(&src);
    }
}

static int group_setup(void **state)
{
    (void)state;
    return support_registry(&reg);
}

static int group_teardown(void **state)
{
    (void)state;
    registry_free(&reg);
    return 0;
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model),
        cmocka_unit_test(test_bom_and_shebang),
        cmocka_unit_test(test_error_classes),
        cmocka_unit_test(test_every_mistake_reported),
        cmocka_unit_test(test_memory_limit),
        cmocka_unit_test(test_time_limit),
        cmocka_unit_test(test_time_limit_counts_work_not_waiting),
        cmocka_unit_test(test_stack_overflow),
        cmocka_unit_test(test_blocked_names),
        cmocka_unit_test(test_sandbox_contents),
        cmocka_unit_test(test_print_is_a_note),
        cmocka_unit_test(test_random_is_deterministic),
        cmocka_unit_test(test_unknown_name_suggestion),
        cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_shipped_sessions),
        cmocka_unit_test(test_builtin_examples),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("script", tests, group_setup, group_teardown);
}
