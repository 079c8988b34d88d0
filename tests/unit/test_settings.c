/* test_settings.c - the remembered settings (core/app/settings.c) and the bundle reader's
 * name checks (core/bundle): a file written is read back to the same values, a bad file
 * leaves the defaults and names its line, an unknown key gets a suggestion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "bundle.h"
#include "settings.h"

static int load_text(const char *text, settings *s, char *why, size_t n)
{
    return settings_load_text("/tmp/settings.lua", text, strlen(text), 1, s, why, n);
}

static void test_defaults_when_missing(void **state)
{
    (void)state;
    settings s;
    char why[600];
    assert_int_equal(settings_load("/nonexistent/pacer/settings.lua", &s, why, sizeof why), 1);
    assert_string_equal(s.theme, "default");
    assert_int_equal(s.reduced_motion, 0);
    assert_true(s.volume == 1.0);
    assert_int_equal(s.speech_rate, 0);
    for (int k = 0; k < SET_COUNT; k++)
        assert_int_equal(s.from[k], SETTINGS_DEFAULT);
}

static void test_round_trip(void **state)
{
    (void)state;
    settings s, back;
    settings_defaults(&s);
    snprintf(s.theme, sizeof s.theme, "high-contrast");
    s.reduced_motion = 1;
    snprintf(s.voice, sizeof s.voice, "flite:rms");
    s.speech_rate = 125;
    s.volume = 0.7; /* not exact in binary: written so it reads back the same */
    snprintf(s.language, sizeof s.language, "es");
    snprintf(s.text_size, sizeof s.text_size, "large");
    s.speak_menu = 1;
    strbuf text;
    sb_init(&text);
    assert_int_equal(settings_format(&s, &text), 0);
    char why[600] = "";
    assert_int_equal(load_text(text.data, &back, why, sizeof why), 0);
    assert_string_equal(back.theme, "high-contrast");
    assert_int_equal(back.reduced_motion, 1);
    assert_string_equal(back.voice, "flite:rms");
    assert_int_equal(back.speech_rate, 125);
    assert_true(back.volume == 0.7);
    assert_string_equal(back.language, "es");
    assert_string_equal(back.text_size, "large");
    assert_int_equal(back.speak_menu, 1);
    for (int k = 0; k < SET_COUNT; k++)
        assert_int_equal(back.from[k], SETTINGS_FILE);
    sb_free(&text);

    /* the defaults write no key at all, and read back as the defaults */
    settings_defaults(&s);
    sb_init(&text);
    assert_int_equal(settings_format(&s, &text), 0);
    assert_null(strstr(text.data, " = "));
    assert_int_equal(load_text(text.data, &back, why, sizeof why), 0);
    assert_memory_equal(&back, &s, offsetof(settings, from));
    sb_free(&text);
}

static void test_save_and_load_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/pacer-settings-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], err[600];
    snprintf(path, sizeof path, "%s/new/pacer/settings.lua", dir); /* folders made as needed */
    settings s, back;
    settings_defaults(&s);
    s.volume = 0.3;
    assert_int_equal(settings_save(path, &s, err, sizeof err), 0);
    assert_int_equal(settings_load(path, &back, err, sizeof err), 0);
    assert_true(back.volume == 0.3);
    assert_int_equal(back.from[SET_VOLUME], SETTINGS_FILE);
    assert_int_equal(back.line[SET_VOLUME], 4); /* two comment lines, "return settings {", then it */
    unlink(path);
    snprintf(path, sizeof path, "%s/new/pacer", dir);
    rmdir(path);
    snprintf(path, sizeof path, "%s/new", dir);
    rmdir(path);
    rmdir(dir);
}

static void test_bad_file_keeps_defaults(void **state)
{
    (void)state;
    settings s;
    char why[600];
    assert_int_equal(load_text("return settings {\n  theme = \"high-contrast\",\n  volum = 0.5,\n}\n", &s, why,
                               sizeof why),
                     -1);
    assert_non_null(strstr(why, "/tmp/settings.lua:"));
    assert_non_null(strstr(why, "did you mean 'volume'"));
    assert_string_equal(s.theme, "default"); /* nothing of a bad file is used */
    assert_int_equal(load_text("return settings { volume = 3 }\n", &s, why, sizeof why), -1);
    assert_non_null(strstr(why, "volume"));
    assert_true(s.volume == 1.0);
    assert_int_equal(load_text("return settings { theme = \"pink\" }\n", &s, why, sizeof why), -1);
    assert_int_equal(load_text("this is not Lua", &s, why, sizeof why), -1);
    assert_non_null(strstr(why, "/tmp/settings.lua:1"));
    assert_int_equal(load_text("return session { title = \"x\" }\n", &s, why, sizeof why), -1);
}

static void test_bundle_names(void **state)
{
    (void)state;
    assert_null(bundle_bad_name("session.lua"));
    assert_null(bundle_bad_name("lib/common.lua"));
    assert_non_null(bundle_bad_name("../x.lua"));
    assert_non_null(bundle_bad_name("lib/../../x.lua"));
    assert_non_null(bundle_bad_name("/etc/passwd"));
    assert_non_null(bundle_bad_name("lib\\..\\x.lua"));
    assert_non_null(bundle_bad_name("lib//x.lua"));
    assert_non_null(bundle_bad_name("./x.lua"));
    assert_non_null(bundle_bad_name("x\n.lua"));
    assert_non_null(bundle_bad_name(""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_when_missing), cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_save_and_load_file),    cmocka_unit_test(test_bad_file_keeps_defaults),
        cmocka_unit_test(test_bundle_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
