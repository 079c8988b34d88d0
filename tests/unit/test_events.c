/* test_events.c - unit tests for the timeline's own code, without a session: the event array
 * (push, sort, interned strings), the names of kinds, phases and shapes, and the view of an
 * empty timeline. Links pacer_timeline alone: no Lua (test_timeline.c tests the compiler on
 * sessions written in Lua). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "model.h"
#include "timeline.h"

/* ---- the event array itself ---- */

static void test_push_sort_intern(void **state)
{
    (void)state;
    timeline t;
    timeline_init(&t);
    /* pushed out of order; ties at frame 100: tone, phase, caption, phase */
    static const struct {
        int64_t at;
        int kind;
    } in[] = {{300, TL_TONE}, {100, TL_TONE}, {100, TL_PHASE}, {0, TL_CARD}, {100, TL_CAPTION}, {100, TL_PHASE}, {200, TL_END}};
    for (int i = 0; i < 7; i++) {
        tl_event e = {.at = in[i].at, .kind = (uint8_t)in[i].kind, .step = -1};
        assert_int_equal(timeline_push(&t, &e), i);
        assert_int_equal(t.events[i].seq, i);
    }
    for (int i = 0; i < 1000; i++) { /* past the first growth */
        tl_event e = {.at = 1000 + i, .kind = TL_TONE};
        assert_int_equal(timeline_push(&t, &e), 7 + i);
    }
    timeline_sort(&t);
    static const struct {
        int64_t at;
        int kind, seq;
    } out[] = {{0, TL_CARD, 3},      {100, TL_PHASE, 2}, {100, TL_PHASE, 5}, {100, TL_TONE, 1},
               {100, TL_CAPTION, 4}, {200, TL_END, 6},   {300, TL_TONE, 0}};
    for (int i = 0; i < 7; i++) {
        assert_int_equal(t.events[i].at, out[i].at);
        assert_int_equal(t.events[i].kind, out[i].kind);
        assert_int_equal(t.events[i].seq, out[i].seq);
    }
    for (int i = 7; i < t.count; i++)
        assert_int_equal(t.events[i].at, 1000 + (i - 7));

    /* equal strings share one copy, owned by the timeline */
    char buf[16];
    strcpy(buf, "Breathe in");
    const char *a = timeline_intern(&t, buf);
    strcpy(buf, "changed");
    const char *b = timeline_intern(&t, "Breathe in");
    assert_ptr_equal(a, b);
    assert_string_equal(a, "Breathe in");
    assert_ptr_not_equal(timeline_intern(&t, "Breathe out"), a);
    assert_null(timeline_intern(&t, NULL));
    for (int i = 0; i < 2000; i++) { /* past several growths of the table */
        char k[16];
        snprintf(k, sizeof k, "s%d", i);
        assert_string_equal(timeline_intern(&t, k), k);
    }
    assert_ptr_equal(timeline_intern(&t, "Breathe in"), a);
    timeline_free(&t);
    assert_int_equal(t.count, 0);
    assert_null(t.events);
}

static void test_names_and_empty_timeline(void **state)
{
    (void)state;
    assert_string_equal(tl_kind_name(TL_PHASE), "phase");
    assert_string_equal(tl_kind_name(TL_COUNTDOWN), "countdown");
    assert_string_equal(tl_kind_name(TL_END), "end");
    assert_string_equal(tl_kind_name(42), "?");
    assert_string_equal(tl_kind_name(-1), "?");
    assert_string_equal(tl_phase_name(PACER_PHASE_HOLD_IN), "hold-in");
    assert_string_equal(tl_phase_name(PACER_PHASE_READY), "ready");
    assert_string_equal(tl_phase_name(99), "?");
    assert_string_equal(tl_shape_name(PACER_SHAPE_TICK), "tick");
    assert_string_equal(tl_shape_name(PACER_SHAPE_SWELL), "swell");
    assert_string_equal(tl_shape_name(PACER_SHAPE_DOUBLE), "double");
    assert_string_equal(tl_shape_name(8), "?");
    assert_true(sound_length(PACER_SOUND_BELL) == 2.5);
    assert_true(sound_length(PACER_SOUND_TICK) == 0.04);
    assert_true(sound_length(PACER_SOUND_HOLD_OUT) == 0.6);
    assert_true(sound_length((pacer_sound)10) == 0.0);
    assert_true(sound_length((pacer_sound)99) == 0.0);

    timeline t;
    timeline_init(&t);
    tl_state s;
    timeline_state_at(&t, 0, &s);
    assert_null(s.phase);
    assert_int_equal(s.step, -1);
    assert_int_equal(s.ended, 1);
    assert_int_equal(timeline_step_boundary(&t, 0, 1), 0);
    assert_int_equal(timeline_step_boundary(&t, 0, -1), 0);
    timeline_free(&t);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_push_sort_intern),
        cmocka_unit_test(test_names_and_empty_timeline),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("events", tests, NULL, NULL);
}
