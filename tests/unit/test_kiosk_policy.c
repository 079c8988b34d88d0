/* test_kiosk_policy.c - what the kiosk decides, without a window: the PIN pad and its
 * lockout, the staff screen's buttons, the return to the menu, watching the folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixtures.h"
#include "policy.h"

static kiosk_config g_cfg;

/* Stands in for Argon2id: the right PIN is 2468 (the worker thread is still used). */
static int fake_verify(const char *hash, const char *pin)
{
    (void)hash;
    return strcmp(pin, "2468") == 0;
}

static void init(kiosk_policy *p, const kiosk_config *c)
{
    kiosk_policy_init(p, c, NULL);
    kiosk_policy_set_verify(p, fake_verify);
}

/* OK, then the worker's answer as kiosk_tick brings it (waiting for the thread, with a
 * hang guard of a minute). */
static window_kiosk_action ok(kiosk_policy *p, double now)
{
    assert_int_equal(kiosk_pin_key(p, 11, now), KIOSK_STAY);
    if (!p->checking)
        return KIOSK_STAY;
    assert_string_equal(p->message, "Checking...");
    for (int i = 0; i < 60000 && p->checking; i++) {
        window_kiosk_action a = kiosk_tick(p, now, 0, 0, 0, 0, -1);
        if (a != KIOSK_STAY || !p->checking)
            return a;
        usleep(1000);
    }
    fail_msg("the PIN check never answered");
    return KIOSK_STAY;
}

static void type(kiosk_policy *p, const char *digits, double now)
{
    for (const char *d = digits; *d; d++)
        assert_int_equal(kiosk_pin_key(p, *d - '0', now), KIOSK_STAY);
}

static void test_the_right_pin_opens_the_staff_screen(void **state)
{
    (void)state;
    kiosk_policy p;
    init(&p, &g_cfg);
    type(&p, "2468", 0);
    assert_int_equal(p.npin, 4);
    assert_int_equal(ok(&p, 0), KIOSK_TO_STAFF);
    assert_int_equal(p.npin, 0); /* what was typed is forgotten */
    kiosk_policy_free(&p);
}

static void test_three_wrong_pins_lock_the_pad(void **state)
{
    (void)state;
    kiosk_policy p;
    init(&p, &g_cfg);
    for (int i = 0; i < 3; i++) {
        type(&p, "1111", 10);
        assert_int_equal(ok(&p, 10), KIOSK_STAY);
        assert_string_equal(p.message, "That PIN is not right");
    }
    /* locked: even the right PIN is refused until the lockout is over */
    type(&p, "2468", 20);
    assert_int_equal(ok(&p, 20), KIOSK_STAY);
    assert_string_equal(p.message, "Too many tries: wait half a minute");
    type(&p, "2468", 10 + KIOSK_PIN_LOCKOUT_SECONDS + 1);
    assert_int_equal(ok(&p, 10 + KIOSK_PIN_LOCKOUT_SECONDS + 1), KIOSK_TO_STAFF);
    kiosk_policy_free(&p);
}

static void test_delete_cancel_and_length(void **state)
{
    (void)state;
    kiosk_policy p;
    init(&p, &g_cfg);
    type(&p, "24689", 0);
    assert_int_equal(kiosk_pin_key(&p, 10, 0), KIOSK_STAY); /* delete */
    assert_int_equal(ok(&p, 0), KIOSK_TO_STAFF);
    type(&p, "123456789012345", 0); /* at most 12 digits are kept */
    assert_int_equal(p.npin, 12);
    assert_int_equal(kiosk_pin_key(&p, 12, 0), KIOSK_TO_MENU); /* cancel */
    kiosk_policy_free(&p);
}

static void test_no_pin_configured(void **state)
{
    (void)state;
    kiosk_config c = g_cfg;
    c.pin_hash[0] = 0;
    kiosk_policy p;
    init(&p, &c);
    type(&p, "2468", 0);
    assert_int_equal(ok(&p, 0), KIOSK_STAY);
    assert_string_equal(p.message, "No staff PIN is set: see docs/kiosk.md");
    kiosk_policy_free(&p);
}

static void test_staff_buttons(void **state)
{
    (void)state;
    kiosk_policy p;
    init(&p, &g_cfg);
    assert_true(p.volume > 0.79 && p.volume < 0.81);
    for (int i = 0; i < 5; i++)
        kiosk_staff_button(&p, 1);
    assert_true(p.volume == 1.0); /* never above full */
    kiosk_staff_button(&p, 0);
    assert_true(p.volume > 0.89 && p.volume < 0.91);
    int v = p.voice;
    assert_int_equal(kiosk_staff_button(&p, 2), KIOSK_STAY);
    const char *const *voices;
    assert_int_equal(p.voice, (v + 1) % kiosk_voice_list(&voices));
    assert_int_equal(kiosk_staff_button(&p, 3), KIOSK_RELOAD);
    assert_int_equal(kiosk_staff_button(&p, 5), KIOSK_TO_MENU);
    assert_int_equal(p.exited, 0);
    assert_int_equal(kiosk_staff_button(&p, 4), KIOSK_EXIT);
    assert_int_equal(p.exited, 1);
}

/* Festival's voice is offered only where it can speak: never a choice on the screen that
 * falls back to another voice. */
static void test_festival_offered_only_where_installed(void **state)
{
    (void)state;
    const char *const *v;
    char *path = strdup(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
    char *stand_in = getenv("PACER_FESTIVAL_TEXT2WAVE") ? strdup(getenv("PACER_FESTIVAL_TEXT2WAVE")) : NULL;
    unsetenv("PACER_FESTIVAL_TEXT2WAVE");
    setenv("PATH", "/nonexistent", 1);
    int n = kiosk_voice_list(&v);
    setenv("PATH", path, 1);
    assert_int_equal(n, 5);
    assert_string_equal(v[0], "");
    for (int i = 0; i < n; i++)
        assert_true(strncmp(v[i], "flite:", 6) == 0 || v[i][0] == 0);
    if (access("/usr/share/festival/voices/us/cmu_us_slt_arctic_hts/festvox/cmu_us_slt_arctic_hts.scm", R_OK) ==
            0 &&
        system("command -v text2wave >/dev/null 2>&1") == 0) {
        assert_int_equal(kiosk_voice_list(&v), 6);
        assert_string_equal(v[5], "festival:slt");
    } else {
        print_message("Festival is not installed here: only the list without it is checked\n");
    }
    if (stand_in)
        setenv("PACER_FESTIVAL_TEXT2WAVE", stand_in, 1);
    free(stand_in);
    free(path);
}

static void test_back_to_the_menu_between_patients(void **state)
{
    (void)state;
    kiosk_policy p;
    init(&p, &g_cfg);
    const double idle = g_cfg.idle_minutes * 60.0;
    /* a session playing is never interrupted; a fresh menu stays */
    assert_int_equal(kiosk_tick(&p, 0, idle + 1, 1, 0, 0, -1), KIOSK_STAY);
    assert_int_equal(kiosk_tick(&p, 0, idle + 1, 0, 1, 1, -1), KIOSK_STAY);
    assert_int_equal(kiosk_tick(&p, 0, idle - 1, 0, 1, 0, -1), KIOSK_STAY);
    assert_int_equal(kiosk_tick(&p, 0, idle + 1, 0, 1, 0, -1), KIOSK_TO_MENU);
    /* the end screen gives way sooner, once nobody touched it */
    assert_int_equal(kiosk_tick(&p, 0, 5, 0, 0, 0, KIOSK_END_SCREEN_SECONDS + 1), KIOSK_STAY);
    assert_int_equal(kiosk_tick(&p, 0, KIOSK_END_SCREEN_SECONDS + 1, 0, 0, 0, KIOSK_END_SCREEN_SECONDS + 1),
                     KIOSK_TO_MENU);
}

static void test_a_changed_folder_reloads_the_menu(void **state)
{
    (void)state;
    char dir[256];
    assert_int_equal(support_tmpdir(dir, sizeof dir, "pacer-kiosk"), 0);
    kiosk_config c = g_cfg;
    snprintf(c.sessions, sizeof c.sessions, "%s", dir);
    kiosk_policy p;
    init(&p, &c);
    assert_int_equal(kiosk_tick(&p, 100, 0, 0, 1, 1, -1), KIOSK_STAY);
    char file[300];
    snprintf(file, sizeof file, "%s/new.lua", dir);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs("return session { title = 'x', wait(1) }\n", f);
    fclose(f);
    /* not looked at again before the poll interval, nor outside the menu */
    assert_int_equal(kiosk_tick(&p, 100.5, 0, 0, 1, 1, -1), KIOSK_STAY);
    assert_int_equal(kiosk_tick(&p, 103, 0, 0, 0, 0, -1), KIOSK_STAY);
    assert_int_equal(kiosk_tick(&p, 103, 0, 0, 1, 1, -1), KIOSK_RELOAD);
    assert_int_equal(kiosk_tick(&p, 106, 0, 0, 1, 1, -1), KIOSK_STAY); /* once */
    support_remove_tree(dir);
}

int main(void)
{
    kiosk_config_defaults(&g_cfg, "/nonexistent");
    char err[128];
    /* a real hash, so the configuration is valid; the tests check PINs with fake_verify */
    if (kiosk_pin_hash("2468", g_cfg.pin_hash, sizeof g_cfg.pin_hash, err, sizeof err) < 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_right_pin_opens_the_staff_screen),
        cmocka_unit_test(test_three_wrong_pins_lock_the_pad),
        cmocka_unit_test(test_delete_cancel_and_length),
        cmocka_unit_test(test_no_pin_configured),
        cmocka_unit_test(test_staff_buttons),
        cmocka_unit_test(test_festival_offered_only_where_installed),
        cmocka_unit_test(test_back_to_the_menu_between_patients),
        cmocka_unit_test(test_a_changed_folder_reloads_the_menu),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
