/* test_player_guards.c - player behaviours that were wrong once: a tap during the get-ready
 * pauses again, and a skip while paused resumes with a clean start. Built on test_mixer.c's
 * fixtures. */
#define TEST_MIXER_NO_MAIN
#pragma GCC diagnostic ignored "-Wunused-function"
#include "test_mixer.c"

/* A tap (space bar) during the get-ready pauses again, as PLAYER_PAUSE does. PLAYER_TAP and
 * PLAYER_TOGGLE once restarted the get-ready instead: a patient who pressed space during the
 * three ticks because they were not ready yet could not stop the session. */
static void test_tap_during_getready_pauses(void **state)
{
    (void)state;
    fixture f;
    fixture_load(&f, SRC_MAIN);
    for (int cmd = PLAYER_TOGGLE; cmd <= PLAYER_TAP; cmd += PLAYER_TAP - PLAYER_TOGGLE) {
        player p;
        assert_int_equal(player_init(&p, &f.t, f.event_clips, NULL), 0);
        float buf[4096];
        player_audio(&p, buf, 1000);
        assert_int_equal(player_send(&p, PLAYER_PAUSE), 0);
        player_audio(&p, buf, 1000);
        assert_int_equal(player_send(&p, PLAYER_RESUME), 0);
        player_audio(&p, buf, 4096); /* in the get-ready */
        assert_int_equal(player_get_state(&p), PLAYER_GETREADY);
        assert_int_equal(player_send(&p, (player_cmd)cmd), 0);
        player_audio(&p, buf, 64);
        if (player_get_state(&p) != PLAYER_PAUSED)
            fail_msg("%s during the get-ready: state %d, expected PAUSED (%d)",
                     cmd == PLAYER_TAP ? "PLAYER_TAP" : "PLAYER_TOGGLE", player_get_state(&p), PLAYER_PAUSED);
        player_free(&p);
    }
    fixture_free(&f);
}

/* NEXT while paused, then resume, gives the same clean start from the next step as NEXT while
 * playing. The resume once sought with whole cues, so a cue that began before the step
 * boundary and still sounded there (here a long tone that runs past its step) was heard from
 * its middle after a paused skip, but not after a playing one. */
static void test_next_while_paused_is_a_clean_start(void **state)
{
    (void)state;
    fixture f;
    /* the chime (3 s) runs 2.5 s into the next step */
    fixture_load(&f, "return session { title = 'Overrun',\n"
                     "  say 'one',\n"
                     "  tone { hz = 440, ms = 500, shape = 'sine' },\n"
                     "  wait(2),\n"
                     "  say 'two three',\n"
                     "  wait(2),\n"
                     "}\n");
    /* make the first tone ring past the next step's start */
    int64_t b = -1;
    for (int i = 0; i < f.t.count; i++)
        if (f.t.events[i].kind == TL_TONE) {
            f.t.events[i].len = SEC(3);
            b = timeline_step_boundary(&f.t, f.t.events[i].at + 10, +1);
            break;
        }
    assert_true(b > 0);
    player p;
    assert_int_equal(player_init(&p, &f.t, f.event_clips, NULL), 0);
    int64_t n = p.end;
    float *out = calloc((size_t)(n + 2 * GETREADY), sizeof *out);
    assert_non_null(out);
    int64_t F = b - SEC(0.5);
    play(&p, out, F, 512);
    assert_int_equal(player_send(&p, PLAYER_PAUSE), 0);
    assert_int_equal(player_send(&p, PLAYER_NEXT), 0);
    assert_int_equal(player_send(&p, PLAYER_RESUME), 0);
    play(&p, out, GETREADY, 512);
    assert_int_equal(player_frame(&p), b);
    play(&p, out, SEC(0.2), 512);
    float *want = oracle(&f, b, b, b + SEC(0.2));
    assert_frames_equal(out, want, SEC(0.2), "after a skip while paused", b);
    free(want);
    free(out);
    player_free(&p);
    fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tap_during_getready_pauses),
        cmocka_unit_test(test_next_while_paused_is_a_clean_start),
    };
    return cmocka_run_group_tests_name("audio/player_guards", tests, setup, teardown);
}
