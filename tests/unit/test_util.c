/* test_util.c - unit tests for core/util: arena, strbuf, diagnostics, text, suggestions, time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pacer/plugin.h"
#include "util.h"

/* ---- arena ---- */

static void test_arena_alignment(void **state)
{
    (void)state;
    arena a;
    arena_init(&a);
    static const size_t sizes[] = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 255, 1000, 70000, 5};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        void *p = arena_alloc(&a, sizes[i]);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        /* the whole size is writable (ASan / valgrind check the bounds) */
        memset(p, 0x5A, sizes[i]);
    }
    /* zero bytes still yields a distinct, aligned pointer */
    void *z1 = arena_alloc(&a, 0), *z2 = arena_alloc(&a, 0);
    assert_non_null(z1);
    assert_non_null(z2);
    assert_ptr_not_equal(z1, z2);
    assert_int_equal((uintptr_t)z2 % _Alignof(max_align_t), 0);
    arena_free(&a);
    assert_null(a.head);
    assert_int_equal(a.used, 0);
}

static void test_arena_used_is_rounded(void **state)
{
    (void)state;
    arena a;
    arena_init(&a);
    const size_t al = sizeof(max_align_t);
    assert_non_null(arena_alloc(&a, 1));
    assert_int_equal(a.used, al);
    assert_non_null(arena_alloc(&a, al + 1));
    assert_int_equal(a.used, 3 * al);
    assert_non_null(arena_alloc(&a, 0));
    assert_int_equal(a.used, 4 * al);
    arena_free(&a);
}

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

static void test_arena_zeroing(void **state)
{
    (void)state;
    arena a;
    arena_init(&a);
    /* Many chunks' worth, with writes in between, and one allocation larger than a chunk. */
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 2000; i++) {
            size_t n = (size_t)(i % 97) + 1;
            unsigned char *p = arena_alloc(&a, n);
            assert_non_null(p);
            assert_true(all_zero(p, n));
            memset(p, 0xFF, n);
        }
        unsigned char *big = arena_alloc(&a, 200000);
        assert_non_null(big);
        assert_true(all_zero(big, 200000));
        memset(big, 0xEE, 200000);
        arena_free(&a);
    }
}

static void test_arena_budget_refusal(void **state)
{
    (void)state;
    size_t used = 0;
    arena a;
    arena_init(&a);
    a.budget_used = &used;
    a.budget_limit = 100000;
    /* The first allocation takes a whole chunk from the budget. */
    void *p = arena_alloc(&a, 10);
    assert_non_null(p);
    assert_true(used > 0 && used <= a.budget_limit);
    size_t after_first = used;
    /* What still fits in that chunk costs the budget nothing more. */
    assert_non_null(arena_alloc(&a, 1000));
    assert_int_equal(used, after_first);
    /* Something that needs a block larger than what is left of the budget is refused. */
    assert_null(arena_alloc(&a, a.budget_limit));
    assert_int_equal(used, after_first);
    /* Refusal does not break the arena: small allocations still work. */
    char *s = arena_strdup(&a, "still here");
    assert_non_null(s);
    assert_string_equal(s, "still here");
    arena_free(&a);
    assert_int_equal(used, 0);
}

static void test_arena_budget_shared(void **state)
{
    (void)state;
    /* Two arenas charged to one counter: the second is refused once the first used it up. */
    size_t used = 0;
    arena a, b;
    arena_init(&a);
    arena_init(&b);
    a.budget_used = b.budget_used = &used;
    a.budget_limit = b.budget_limit = 150000;
    assert_non_null(arena_alloc(&a, 100000));
    assert_null(arena_alloc(&b, 60000));
    arena_free(&a);
    assert_int_equal(used, 0);
    assert_non_null(arena_alloc(&b, 60000));
    arena_free(&b);
    assert_int_equal(used, 0);
}

static void test_arena_strings(void **state)
{
    (void)state;
    arena a;
    arena_init(&a);
    const char *src = "breathe in";
    char *d = arena_strdup(&a, src);
    assert_non_null(d);
    assert_ptr_not_equal(d, src);
    assert_string_equal(d, src);
    char *n = arena_strndup(&a, src, 7);
    assert_string_equal(n, "breathe");
    char *e = arena_strndup(&a, "xyz", 0);
    assert_string_equal(e, "");
    /* bytes past n are never read: a buffer without a terminator is fine */
    char raw[4] = {'a', 'b', 'c', 'd'};
    assert_string_equal(arena_strndup(&a, raw, 4), "abcd");
    arena_free(&a);
}

/* ---- strbuf ---- */

static void test_strbuf_basics(void **state)
{
    (void)state;
    strbuf b;
    sb_init(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    sb_puts(&b, "");
    assert_non_null(b.data);
    assert_string_equal(b.data, "");
    sb_add(&b, "hold", 4);
    sb_puts(&b, " ");
    sb_printf(&b, "%d x %.1f s", 4, 8.0);
    assert_string_equal(b.data, "hold 4 x 8.0 s");
    assert_int_equal(b.len, strlen("hold 4 x 8.0 s"));
    assert_true(b.cap > b.len);
    assert_int_equal(b.failed, 0);
    sb_free(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
}

static void test_strbuf_growth(void **state)
{
    (void)state;
    strbuf b;
    sb_init(&b);
    char expect[10001];
    for (int i = 0; i < 10000; i++) {
        char c = (char)('a' + i % 26);
        sb_add(&b, &c, 1);
        expect[i] = c;
        assert_int_equal(b.data[b.len], 0); /* always terminated */
    }
    expect[10000] = 0;
    assert_int_equal(b.len, 10000);
    assert_string_equal(b.data, expect);
    /* a long printf in one go */
    sb_free(&b);
    sb_printf(&b, "%0500d|%s", 7, "end");
    assert_int_equal(b.len, 504);
    assert_string_equal(b.data + 499, "7|end");
    sb_free(&b);
}

static void test_strbuf_embedded_nul(void **state)
{
    (void)state;
    strbuf b;
    sb_init(&b);
    sb_add(&b, "a\0b", 3);
    assert_int_equal(b.len, 3);
    assert_memory_equal(b.data, "a\0b", 4);
    sb_free(&b);
}

/* ---- diagnostics ---- */

static char *read_back(FILE *f)
{
    long n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    char *s = calloc(1, (size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    return s;
}

static void test_diags(void **state)
{
    (void)state;
    diag_list d;
    diags_init(&d);
    diags_add(&d, DIAG_ERROR, "s.lua", 3, 5, "bad %s", "thing");
    diags_add(&d, DIAG_WARNING, "s.lua", 0, 0, "no line");
    diags_add(&d, DIAG_NOTE, NULL, 7, 0, "esc \x1B[2J here");
    for (int i = 0; i < 20; i++)
        diags_add(&d, DIAG_WARNING, "w.lua", i + 1, 1, "w%d", i);
    assert_int_equal(d.count, 23);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.warnings, 21);
    assert_string_equal(d.items[0].message, "bad thing");
    assert_string_equal(d.items[0].file, "s.lua");
    assert_int_equal(d.items[0].line, 3);
    assert_int_equal(d.items[0].col, 5);
    assert_string_equal(d.items[2].file, "");
    assert_string_equal(d.items[22].message, "w19");
    assert_string_equal(diag_severity_name(DIAG_ERROR), "error");
    assert_string_equal(diag_severity_name(DIAG_WARNING), "warning");
    assert_string_equal(diag_severity_name(DIAG_NOTE), "note");

    FILE *f = tmpfile();
    assert_non_null(f);
    diags_print(&d, f);
    char *out = read_back(f);
    fclose(f);
    const char *expect_start = "s.lua:3:5: error: bad thing\n"
                               "s.lua: warning: no line\n"
                               ":7:1: note: esc \\x1B[2J here\n"
                               "w.lua:1:1: warning: w0\n";
    assert_true(strncmp(out, expect_start, strlen(expect_start)) == 0);
    assert_null(strchr(out, 0x1B));
    free(out);

    diags_free(&d);
    assert_int_equal(d.count, 0);
    assert_int_equal(d.errors, 0);
    assert_null(d.items);
}

/* ---- UTF-8 ---- */

#define INVALID_AT(lit) utf8_invalid_at((lit), sizeof(lit) - 1)

static void test_utf8_valid(void **state)
{
    (void)state;
    assert_int_equal(utf8_invalid_at("", 0), 0);
    assert_int_equal(INVALID_AT("plain ascii"), 0);
    assert_int_equal(INVALID_AT("caf\xC3\xA9"), 0);              /* é, 2 bytes */
    assert_int_equal(INVALID_AT("\xE2\x82\xAC 5"), 0);           /* €, 3 bytes */
    assert_int_equal(INVALID_AT("\xF0\x9F\x98\x80"), 0);         /* U+1F600, 4 bytes */
    assert_int_equal(INVALID_AT("\xC2\x80"), 0);                 /* U+0080, smallest 2-byte */
    assert_int_equal(INVALID_AT("\xE0\xA0\x80"), 0);             /* U+0800, smallest 3-byte */
    assert_int_equal(INVALID_AT("\xF0\x90\x80\x80"), 0);         /* U+10000, smallest 4-byte */
    assert_int_equal(INVALID_AT("\xED\x9F\xBF"), 0);             /* U+D7FF, just below surrogates */
    assert_int_equal(INVALID_AT("\xEE\x80\x80"), 0);             /* U+E000, just above */
    assert_int_equal(INVALID_AT("\xF4\x8F\xBF\xBF"), 0);         /* U+10FFFF, the last */
    assert_int_equal(INVALID_AT("a\0b"), 0);                     /* NUL is valid UTF-8 */
    assert_int_equal(INVALID_AT("\xC3\xB1\xE2\x82\xAC\xF0\x9F\x98\x80x"), 0);
}

static void test_utf8_overlong(void **state)
{
    (void)state;
    assert_int_equal(INVALID_AT("\xC0\xAF"), 1);                 /* '/' in 2 bytes */
    assert_int_equal(INVALID_AT("\xC1\xBF"), 1);
    assert_int_equal(INVALID_AT("ab\xE0\x80\xAF"), 3);           /* '/' in 3 bytes */
    assert_int_equal(INVALID_AT("\xE0\x9F\xBF"), 1);             /* U+07FF in 3 bytes */
    assert_int_equal(INVALID_AT("\xF0\x82\x82\xAC"), 1);         /* € in 4 bytes */
    assert_int_equal(INVALID_AT("\xF0\x8F\xBF\xBF"), 1);         /* U+FFFF in 4 bytes */
    assert_int_equal(INVALID_AT("\xC0\x80"), 1);                 /* modified-UTF-8 NUL */
}

static void test_utf8_surrogates_and_range(void **state)
{
    (void)state;
    assert_int_equal(INVALID_AT("\xED\xA0\x80"), 1);             /* U+D800 */
    assert_int_equal(INVALID_AT("xy\xED\xBF\xBF"), 3);           /* U+DFFF */
    assert_int_equal(INVALID_AT("\xED\xA0\xBD\xED\xB8\x80"), 1); /* CESU-8 pair */
    assert_int_equal(INVALID_AT("\xF4\x90\x80\x80"), 1);         /* U+110000 */
    assert_int_equal(INVALID_AT("\xF5\x80\x80\x80"), 1);
    assert_int_equal(INVALID_AT("\xF8\x88\x80\x80\x80"), 1);     /* 5-byte forms do not exist */
    assert_int_equal(INVALID_AT("ok\xFF"), 3);
    assert_int_equal(INVALID_AT("\xFE"), 1);
}

static void test_utf8_truncated_and_stray(void **state)
{
    (void)state;
    assert_int_equal(INVALID_AT("\xC3"), 1);
    assert_int_equal(INVALID_AT("ab\xE2\x82"), 3);
    assert_int_equal(INVALID_AT("\xF0\x9F\x98"), 1);
    /* the length bounds the check: é cut after its first byte */
    assert_int_equal(utf8_invalid_at("\xC3\xA9", 1), 1);
    assert_int_equal(utf8_invalid_at("abc\xE2\x82\xAC", 5), 4);
    assert_int_equal(INVALID_AT("\x80"), 1);                     /* lone continuation */
    assert_int_equal(INVALID_AT("a\xBF" "b"), 2);
    assert_int_equal(INVALID_AT("\xC3(" ), 1);                   /* lead, then ASCII */
    assert_int_equal(INVALID_AT("\xE2\x28\xA1"), 1);
    assert_int_equal(INVALID_AT("\xC3\xA9\xC3"), 3);             /* the first bad one, not the first byte */
}

/* ---- control characters ---- */

static void test_text_control_at(void **state)
{
    (void)state;
    unsigned cp = 12345;
    assert_int_equal(text_control_at("hello", 5, 0, &cp), -1);
    assert_int_equal(cp, 12345); /* untouched when nothing is found */
    assert_int_equal(text_control_at("a\tb", 3, 1, &cp), 1);
    assert_int_equal(cp, '\t');
    assert_int_equal(text_control_at("a\nb", 3, 1, &cp), -1);
    assert_int_equal(text_control_at("a\nb", 3, 0, &cp), 1);
    assert_int_equal(cp, '\n');
    assert_int_equal(text_control_at("a\rb", 3, 1, &cp), 1);
    assert_int_equal(cp, '\r');
    assert_int_equal(text_control_at("\x7F", 1, 1, &cp), 0);
    assert_int_equal(cp, 0x7F);
    assert_int_equal(text_control_at("\0", 1, 1, &cp), 0);
    assert_int_equal(cp, 0);
    /* C1 controls are found by code point, at their byte offset */
    assert_int_equal(text_control_at("\xC3\xA9\xC2\x85", 4, 1, &cp), 2);
    assert_int_equal(cp, 0x85);
    assert_int_equal(text_control_at("\xC2\x9B[2J", 5, 1, &cp), 0);
    assert_int_equal(cp, 0x9B);
    /* NBSP (U+00A0) and U+00FF are not controls */
    assert_int_equal(text_control_at("\xC2\xA0\xC3\xBF", 4, 0, &cp), -1);
    assert_int_equal(text_control_at("\xE2\x82\xAC\x1B", 4, 0, &cp), 3);
    assert_int_equal(cp, 0x1B);
    /* NULL codepoint pointer is allowed */
    assert_int_equal(text_control_at("x\x01", 2, 0, NULL), 1);
    /* only the first n bytes count */
    assert_int_equal(text_control_at("ab\x01", 2, 0, &cp), -1);
}

/* ---- terminal-safe text ---- */

static char *safe(const char *s, size_t n)
{
    strbuf b;
    sb_init(&b);
    sb_add_safe(&b, s, n);
    return b.data ? b.data : strdup("");
}

#define SAFE_EQ(lit, expect)                      \
    do {                                          \
        char *got_ = safe((lit), sizeof(lit) - 1); \
        assert_string_equal(got_, (expect));       \
        free(got_);                               \
    } while (0)

static void test_sb_add_safe(void **state)
{
    (void)state;
    SAFE_EQ("plain text", "plain text");
    SAFE_EQ("caf\xC3\xA9 \xE2\x82\xAC", "caf\xC3\xA9 \xE2\x82\xAC");
    SAFE_EQ("\x1B[31mred\x1B[0m", "\\x1B[31mred\\x1B[0m");
    SAFE_EQ("a\nb", "a\\nb");
    SAFE_EQ("a\tb\rc", "a\\x09b\\x0Dc");
    SAFE_EQ("\x7F", "\\x7F");
    SAFE_EQ("\xC2\x9B" "2J", "\\x9B2J");      /* C1 CSI */
    SAFE_EQ("\xFF\xC3", "\\xFF\\xC3");        /* invalid bytes, each shown */
    SAFE_EQ("\xED\xA0\x80", "\\xED\\xA0\\x80");
    SAFE_EQ("a\0b", "a\\x00b");
    SAFE_EQ("", "");
}

static void test_sb_add_safe_never_raw(void **state)
{
    (void)state;
    /* Every C0 control, DEL and every C1 control: none reaches the output raw. */
    char in[64 * 2];
    size_t n = 0;
    for (int c = 0; c < 0x20; c++)
        in[n++] = (char)c;
    in[n++] = 0x7F;
    for (int c = 0x80; c < 0xA0; c++) {
        in[n++] = (char)0xC2;
        in[n++] = (char)c;
    }
    char *out = safe(in, n);
    for (const unsigned char *p = (const unsigned char *)out; *p; p++) {
        assert_false(*p < 0x20 || *p == 0x7F);
        if (*p == 0xC2)
            assert_false(p[1] >= 0x80 && p[1] < 0xA0);
    }
    assert_non_null(strstr(out, "\\x1B"));
    assert_non_null(strstr(out, "\\x9F"));
    free(out);
}

static void test_fput_safe(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    fput_safe("title\x1B]0;pwned\x07 ok", f);
    char *out = read_back(f);
    fclose(f);
    assert_string_equal(out, "title\\x1B]0;pwned\\x07 ok");
    free(out);
}

/* ---- JSON ---- */

static void json_eq(const char *in, const char *expect)
{
    strbuf b;
    sb_init(&b);
    sb_add_json(&b, in);
    assert_non_null(b.data);
    assert_string_equal(b.data, expect);
    sb_free(&b);
}

/* A status line cut to the terminal's width: never inside a character, wide characters
 * counted as two columns, combining marks as none. */
static void test_utf8_fit_columns(void **state)
{
    (void)state;
    int used = -1;
    assert_int_equal(utf8_fit_columns("Breathe in", 10, 7, &used), 7);
    assert_int_equal(used, 7);
    assert_int_equal(utf8_fit_columns("Breathe in", 10, 40, &used), 10);
    assert_int_equal(used, 10);
    /* "Détente": the é is two bytes and one column */
    const char *fr = "D\xC3\xA9tente";
    assert_int_equal(utf8_fit_columns(fr, strlen(fr), 2, &used), 3);
    assert_int_equal(used, 2);
    /* a cut that would fall inside the é stops before it */
    assert_int_equal(utf8_fit_columns(fr, strlen(fr), 1, &used), 1);
    assert_int_equal(used, 1);
    /* "呼吸" (breathing): two wide characters of three bytes; 3 columns hold only one */
    const char *zh = "\xE5\x91\xBC\xE5\x90\xB8";
    assert_int_equal(utf8_fit_columns(zh, strlen(zh), 3, &used), 3);
    assert_int_equal(used, 2);
    assert_int_equal(utf8_fit_columns(zh, strlen(zh), 4, &used), 6);
    assert_int_equal(used, 4);
    /* e + a combining acute accent: one column, three bytes, kept together */
    const char *comb = "e\xCC\x81x";
    assert_int_equal(utf8_fit_columns(comb, strlen(comb), 1, &used), 3);
    assert_int_equal(used, 1);
    assert_int_equal(utf8_fit_columns("abc", 3, 0, &used), 0);
    assert_int_equal(used, 0);
    assert_int_equal(char_columns('a'), 1);
    assert_int_equal(char_columns(0x1F600), 2);
    assert_int_equal(char_columns(0x0301), 0);
}

static void test_sb_add_json(void **state)
{
    (void)state;
    json_eq("", "\"\"");
    json_eq("plain", "\"plain\"");
    json_eq("say \"hi\"", "\"say \\\"hi\\\"\"");
    json_eq("C:\\path", "\"C:\\\\path\"");
    json_eq("a\nb\tc", "\"a\\nb\\tc\"");
    json_eq("\x01\x1B\x1F", "\"\\u0001\\u001b\\u001f\"");
    json_eq("\r", "\"\\u000d\"");
    json_eq("\x7F", "\"\\u007f\"");
    json_eq("\xC2\x85", "\"\\u0085\"");
    json_eq("caf\xC3\xA9 \xF0\x9F\x98\x80", "\"caf\xC3\xA9 \xF0\x9F\x98\x80\"");
    json_eq("a\xFF" "b", "\"a\\ufffdb\"");
    json_eq("\xED\xA0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
    json_eq("a/b", "\"a/b\"");
    /* appends to what is there */
    strbuf b;
    sb_init(&b);
    sb_puts(&b, "{\"k\":");
    sb_add_json(&b, "v");
    sb_puts(&b, "}");
    assert_string_equal(b.data, "{\"k\":\"v\"}");
    sb_free(&b);
}

/* ---- edit distance, suggestions ---- */

static void test_edit_distance(void **state)
{
    (void)state;
    assert_int_equal(edit_distance("inahle", "inhale", 3), 1); /* transposition */
    assert_int_equal(edit_distance("ab", "ba", 3), 1);
    assert_int_equal(edit_distance("hold", "hold", 3), 0);
    assert_int_equal(edit_distance("", "", 0), 0);
    assert_int_equal(edit_distance("", "abc", 3), 3);
    assert_int_equal(edit_distance("abc", "", 5), 3);
    assert_int_equal(edit_distance("hold", "holds", 3), 1);    /* insertion */
    assert_int_equal(edit_distance("breathe", "breath", 3), 1); /* deletion */
    assert_int_equal(edit_distance("exhale", "inhale", 3), 2);  /* substitutions */
    assert_int_equal(edit_distance("kitten", "sitting", 5), 3);
    /* the cutoff: anything beyond max is max + 1 */
    assert_int_equal(edit_distance("kitten", "sitting", 2), 3);
    assert_int_equal(edit_distance("a", "abcdef", 2), 3);
    assert_int_equal(edit_distance("abcdef", "uvwxyz", 1), 2);
    /* case matters */
    assert_int_equal(edit_distance("Hold", "hold", 3), 1);
    /* words longer than 64 bytes are never near anything */
    char longw[80];
    memset(longw, 'a', sizeof longw - 1);
    longw[sizeof longw - 1] = 0;
    assert_int_equal(edit_distance(longw, longw, 3), 4);
}

static void test_suggest(void **state)
{
    (void)state;
    static const char *const steps[] = {"session", "say", "tone", "beep", "bell", "wait",
                                        "breathe", "hold", "sides", "sets", "show", "ready"};
    const int n = (int)(sizeof steps / sizeof steps[0]);
    assert_string_equal(suggest("breath", steps, n), "breathe");
    assert_string_equal(suggest("hodl", steps, n), "hold");
    assert_string_equal(suggest("sya", steps, n), "say");
    assert_string_equal(suggest("redy", steps, n), "ready");
    assert_string_equal(suggest("sesion", steps, n), "session");
    assert_string_equal(suggest("hold", steps, n), "hold"); /* exact */
    assert_null(suggest("xyz", steps, n));
    assert_null(suggest("meditate", steps, n));
    assert_null(suggest("breathe", steps, 0));
    /* short words allow one edit only: "ssx" is two from "say" */
    assert_null(suggest("ssx", steps, n));
    /* longer words allow three */
    static const char *const fields[] = {"countdown", "seconds", "reps", "rest", "release"};
    assert_string_equal(suggest("cuntdwn", fields, 5), "countdown");
    assert_string_equal(suggest("sconds", fields, 5), "seconds");
    assert_string_equal(suggest("relase", fields, 5), "release");
    /* the nearest wins, not the first within reach */
    static const char *const near[] = {"abcdef", "abcdex"};
    assert_string_equal(suggest("abcdex", near, 2), "abcdex");
    /* ties go to the earlier candidate */
    static const char *const tie[] = {"abd", "abe"};
    assert_string_equal(suggest("abc", tie, 2), "abd");
}

/* ---- time ---- */

static void test_seconds_to_frames(void **state)
{
    (void)state;
    assert_int_equal(seconds_to_frames(0), 0);
    assert_int_equal(seconds_to_frames(1), PACER_RATE);
    assert_int_equal(seconds_to_frames(0.3), 14400);
    assert_int_equal(seconds_to_frames(0.001), 48);
    assert_int_equal(seconds_to_frames(300), 14400000);
    assert_int_equal(seconds_to_frames(24 * 3600.0), 4147200000LL);
    assert_int_equal(seconds_to_frames(1.0 / PACER_RATE), 1);
    assert_int_equal(seconds_to_frames(0.4 / PACER_RATE), 0);  /* rounds to nearest */
    assert_int_equal(seconds_to_frames(0.6 / PACER_RATE), 1);
    assert_true(seconds_to_frames(-1) == -PACER_RATE);
    /* sums of decimal seconds stay exact after rounding */
    assert_int_equal(seconds_to_frames(0.1 + 0.2), 14400);
}

static void test_format_time(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(format_time(0, 0, buf, sizeof buf), "00:00");
    assert_ptr_equal(format_time(0, 0, buf, sizeof buf), buf);
    assert_string_equal(format_time(0, 1, buf, sizeof buf), "00:00.000");
    assert_string_equal(format_time(47999, 0, buf, sizeof buf), "00:00"); /* truncates, never rounds up */
    assert_string_equal(format_time(47999, 1, buf, sizeof buf), "00:00.999");
    assert_string_equal(format_time(65LL * PACER_RATE, 0, buf, sizeof buf), "01:05");
    assert_string_equal(format_time(65LL * PACER_RATE + 24000, 1, buf, sizeof buf), "01:05.500");
    assert_string_equal(format_time(4LL * PACER_RATE + 14400, 1, buf, sizeof buf), "00:04.300");
    assert_string_equal(format_time(3599LL * PACER_RATE, 0, buf, sizeof buf), "59:59");
    assert_string_equal(format_time(3600LL * PACER_RATE, 0, buf, sizeof buf), "1:00:00");
    assert_string_equal(format_time(3661LL * PACER_RATE + 12000, 1, buf, sizeof buf), "1:01:01.250");
    assert_string_equal(format_time(36000LL * PACER_RATE, 0, buf, sizeof buf), "10:00:00");
    assert_string_equal(format_time(24LL * 3600 * PACER_RATE, 0, buf, sizeof buf), "24:00:00");
    /* a short buffer is cut, still terminated */
    char small[4];
    assert_string_equal(format_time(65LL * PACER_RATE, 0, small, sizeof small), "01:");
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_alignment),
        cmocka_unit_test(test_arena_used_is_rounded),
        cmocka_unit_test(test_arena_zeroing),
        cmocka_unit_test(test_arena_budget_refusal),
        cmocka_unit_test(test_arena_budget_shared),
        cmocka_unit_test(test_arena_strings),
        cmocka_unit_test(test_strbuf_basics),
        cmocka_unit_test(test_strbuf_growth),
        cmocka_unit_test(test_strbuf_embedded_nul),
        cmocka_unit_test(test_diags),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_utf8_overlong),
        cmocka_unit_test(test_utf8_surrogates_and_range),
        cmocka_unit_test(test_utf8_truncated_and_stray),
        cmocka_unit_test(test_text_control_at),
        cmocka_unit_test(test_sb_add_safe),
        cmocka_unit_test(test_sb_add_safe_never_raw),
        cmocka_unit_test(test_fput_safe),
        cmocka_unit_test(test_utf8_fit_columns),
        cmocka_unit_test(test_sb_add_json),
        cmocka_unit_test(test_edit_distance),
        cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_seconds_to_frames),
        cmocka_unit_test(test_format_time),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
