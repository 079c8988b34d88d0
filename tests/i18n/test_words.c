/* test_words.c - Pacer's own words in the session's language: the player's view (phase
 * words, counters, the side line), the default cues and side names the compiler puts in a
 * timeline, and the switch between the user's language and a session's. Reads the catalogs
 * the build made (build/locale), with no system locale but C.UTF-8 needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compile.h"
#include "i18n.h"
#include "script.h"
#include "timeline.h"
#include "view.h"

#include "fixtures.h"

static registry reg;

static double word_seconds(void *ud, const char *language, const char *voice, int rate, const char *text)
{
    (void)ud, (void)language, (void)voice, (void)rate;
    return support_count_words(text);
}

typedef struct built {
    session_model m;
    timeline t;
    diag_list d;
} built;

static void build(built *b, const char *src)
{
    memset(b, 0, sizeof *b);
    diags_init(&b->d);
    script_opts so = {.reg = &reg, .same_process = 1};
    if (script_load_buffer("test.lua", "/nonexistent", src, strlen(src), &so, &b->m, &b->d) != 0) {
        diags_print(&b->d, stderr);
        fail_msg("the test session did not load");
    }
    compile_opts o = {.speech_len = word_seconds};
    if (session_compile(&b->m, &o, &b->t, &b->d) != 0) {
        diags_print(&b->d, stderr);
        fail_msg("the test session did not compile");
    }
}

static void unbuild(built *b)
{
    timeline_free(&b->t);
    session_model_free(&b->m);
    diags_free(&b->d);
}

/* The view at the first phase of a kind (and side, when given). */
static void view_of(const timeline *t, int kind, const char *side, view_model *v)
{
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind == TL_PHASE && e->phase == kind && (!side || (e->side && strcmp(e->side, side) == 0))) {
            view_at(t, e->at + 1, v);
            return;
        }
    }
    fail_msg("no phase of kind %d", kind);
}

/* The spoken texts in order, joined by '|'. */
static void spoken(const timeline *t, char *out, size_t n)
{
    out[0] = 0;
    for (int i = 0; i < t->count; i++)
        if (t->events[i].kind == TL_SPEAK) {
            size_t k = strlen(out);
            snprintf(out + k, n - k, "%s%s", k ? "|" : "", t->events[i].text);
        }
}

#define SESSION(lang, body) "return session { title = 't', language = '" lang "', " body " }"
#define STEPS "breathe { inhale = 4, exhale = 6, cycles = 1 }, sides { hold { seconds = 5, reps = 2, rest = 2 } }"

static void test_spanish_view(void **state)
{
    (void)state;
    i18n_init("en"); /* an English desktop */
    built b;
    build(&b, SESSION("es", STEPS));
    view_model v;
    view_of(&b.t, PACER_PHASE_INHALE, NULL, &v);
    assert_string_equal(v.phase_words, "Inspira");
    assert_string_equal(v.rep, "Respiración 1 de 1");
    view_of(&b.t, PACER_PHASE_EXHALE, NULL, &v);
    assert_string_equal(v.phase_words, "Suelta el aire");
    view_of(&b.t, PACER_PHASE_HOLD, NULL, &v);
    assert_string_equal(v.phase_words, "Mantén");
    assert_string_equal(v.side, "Lado izquierdo");
    assert_string_equal(v.rep, "Repetición 1 de 2");
    view_of(&b.t, PACER_PHASE_HOLD, "lado derecho", &v);
    assert_string_equal(v.side, "Lado derecho");
    char said[512];
    spoken(&b.t, said, sizeof said);
    assert_string_equal(said, "Inspira|Suelta el aire");
    /* the user's language is untouched: menus stay English */
    assert_string_equal(_("Choose a session"), "Choose a session");
    unbuild(&b);
}

static void test_german_view_on_a_spanish_desktop(void **state)
{
    (void)state;
    i18n_init("es");
    built b;
    build(&b, SESSION("de", "sets { n = 2, rest = 3, " STEPS " }"));
    view_model v;
    view_of(&b.t, PACER_PHASE_INHALE, NULL, &v);
    assert_string_equal(v.phase_words, "Einatmen");
    assert_string_equal(v.set, "Runde 1 von 2");
    view_of(&b.t, PACER_PHASE_HOLD, NULL, &v);
    assert_string_equal(v.phase_words, "Halten");
    assert_string_equal(v.side, "Linke Seite");
    view_of(&b.t, PACER_PHASE_REST, NULL, &v);
    assert_string_equal(v.phase_words, "Pause");
    assert_string_equal(_("Choose a session"), "Elige una sesión");
    unbuild(&b);
    i18n_init("en");
}

/* What the script gives is used as given; only Pacer's own defaults are translated. */
static void test_script_words_stay(void **state)
{
    (void)state;
    built b;
    build(&b, SESSION("es", "breathe { cycles = 1, inhale_cue = 'Toma aire' }, "
                            "sides { 'izquierda', 'derecha', say 'La pierna {side}.', hold { seconds = 5 } }"));
    char said[512];
    spoken(&b.t, said, sizeof said);
    assert_string_equal(said, "Toma aire|Suelta el aire|La pierna izquierda.|La pierna derecha.");
    view_model v;
    view_of(&b.t, PACER_PHASE_HOLD, "izquierda", &v);
    assert_string_equal(v.side, "Lado izquierda"); /* the side line adds the word for side */
    unbuild(&b);
}

/* English stays exactly as it was, and a language without a catalog speaks English. */
static void test_english_and_unknown(void **state)
{
    (void)state;
    i18n_init("de"); /* a German desktop changes nothing in an English session */
    const char *langs[] = {"en", "fr"};
    for (int i = 0; i < 2; i++) {
        char src[512];
        snprintf(src, sizeof src, "return session { title = 't', language = '%s', %s }", langs[i], STEPS);
        built b;
        build(&b, src);
        view_model v;
        view_of(&b.t, PACER_PHASE_HOLD, NULL, &v);
        assert_string_equal(v.phase_words, "Hold");
        assert_string_equal(v.side, "Left side");
        assert_string_equal(v.rep, "Rep 1 of 2");
        char said[512];
        spoken(&b.t, said, sizeof said);
        assert_string_equal(said, "Breathe in|Breathe out");
        unbuild(&b);
    }
    i18n_init("en");
}

static void test_side_line(void **state)
{
    (void)state;
    static const char *const cases[][3] = {
        {"en", "left", "Left side"},           {"en", "painful side", "Painful side"},
        {"es", "izquierdo", "Lado izquierdo"}, {"es", "lado izquierdo", "Lado izquierdo"},
        {"es", "Lado sano", "Lado sano"},      {"de", "links", "Seite: links"},
        {"de", "linke Seite", "Linke Seite"},  {"de", "schmerzende Seite", "Schmerzende Seite"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[64];
        view_side_line(cases[i][1], cases[i][0], out, sizeof out);
        assert_string_equal(out, cases[i][2]);
    }
}

/* A lookup in another language leaves the language in use as it was. */
static void test_switch(void **state)
{
    (void)state;
    i18n_init("de");
    assert_string_equal(i18n_in("es", "Breathe in"), "Inspira");
    assert_string_equal(_("Breathe in"), "Einatmen");
    i18n_use("es");
    assert_string_equal(_("Breathe in"), "Inspira");
    i18n_use(NULL);
    assert_string_equal(_("Breathe in"), "Einatmen");
    assert_string_equal(P_("%d day in a row", "%d days in a row", 3), "%d Tage in Folge");
    i18n_init("en");
    assert_string_equal(_("Breathe in"), "Breathe in");
}

int main(void)
{
    char mo[4200];
    snprintf(mo, sizeof mo, "%s/es/LC_MESSAGES/pacer.mo", i18n_dir());
    if (access(mo, R_OK) != 0) {
        printf("SKIP: no compiled catalogs in %s (msgfmt is missing: Debian's gettext)\n", i18n_dir());
        return 77;
    }
    if (support_registry(&reg) < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spanish_view),      cmocka_unit_test(test_german_view_on_a_spanish_desktop),
        cmocka_unit_test(test_script_words_stay), cmocka_unit_test(test_english_and_unknown),
        cmocka_unit_test(test_side_line),         cmocka_unit_test(test_switch),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    registry_free(&reg);
    return rc;
}
