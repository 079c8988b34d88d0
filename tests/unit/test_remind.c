/* test_remind.c - the reminder's pieces that need no systemd: --at and --days, the words
 * said about them, the units' text and reading the timer back, the notification's text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "remind.h"

static void test_parse_at(void **state)
{
    (void)state;
    remind_when w = {0};
    assert_int_equal(remind_parse_at("08:00", &w), 0);
    assert_int_equal(w.hour, 8);
    assert_int_equal(w.minute, 0);
    assert_int_equal(remind_parse_at("7:05", &w), 0);
    assert_int_equal(w.hour, 7);
    assert_int_equal(w.minute, 5);
    assert_int_equal(remind_parse_at("23:59", &w), 0);
    assert_int_equal(remind_parse_at("00:00", &w), 0);
    const char *bad[] = {"24:00", "12:60", "8", "08:5", "0800", "08:000", " 08:00", "08:00 ", "-1:00", "", "ab:cd",
                         "123:00"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        remind_when v = {.hour = 3, .minute = 4};
        assert_int_equal(remind_parse_at(bad[i], &v), -1);
        assert_int_equal(v.hour, 3); /* left as it was */
        assert_int_equal(v.minute, 4);
    }
}

static void test_parse_days(void **state)
{
    (void)state;
    remind_when w = {0};
    char bad[16];
    assert_int_equal(remind_parse_days("mon,wed,fri", &w, bad, sizeof bad), 0);
    assert_int_equal(w.days, 1u | 4u | 16u);
    assert_int_equal(remind_parse_days("Sunday,SAT,tue,tue", &w, bad, sizeof bad), 0);
    assert_int_equal(w.days, 64u | 32u | 2u);
    assert_int_equal(remind_parse_days("mon,funday", &w, bad, sizeof bad), -1);
    assert_string_equal(bad, "funday");
    assert_int_equal(remind_parse_days("mo", &w, bad, sizeof bad), -1);
    assert_string_equal(bad, "mo");
    assert_int_equal(remind_parse_days("tues", &w, bad, sizeof bad), -1);
    assert_int_equal(remind_parse_days("mon,,fri", &w, bad, sizeof bad), -1);
    assert_string_equal(bad, "");
    assert_int_equal(remind_parse_days("", &w, bad, sizeof bad), -1);
    assert_int_equal(remind_parse_days("mon,", &w, bad, sizeof bad), -1);
}

static void test_describe(void **state)
{
    (void)state;
    char out[64];
    remind_when w = {8, 0, REMIND_EVERY_DAY};
    remind_describe(&w, out, sizeof out);
    assert_string_equal(out, "08:00 every day");
    w = (remind_when){18, 30, 1u | 4u | 16u};
    remind_describe(&w, out, sizeof out);
    assert_string_equal(out, "18:30 on Mon, Wed, Fri");
}

/* The timer names the days and the time as systemd reads them, and reads back the same. */
static void test_timer_round_trip(void **state)
{
    (void)state;
    remind_when w = {8, 0, 1u | 4u | 16u}, back = {0};
    strbuf b;
    sb_init(&b);
    remind_timer_text(&w, &b);
    assert_non_null(strstr(b.data, "\nOnCalendar=Mon,Wed,Fri *-*-* 08:00:00\n"));
    assert_non_null(strstr(b.data, "\nUnit=" REMIND_SERVICE "\n"));
    assert_non_null(strstr(b.data, "\n[Install]\nWantedBy=timers.target\n"));
    assert_int_equal(remind_parse_timer(b.data, &back), 0);
    assert_memory_equal(&w, &back, sizeof w);
    sb_free(&b);

    w = (remind_when){6, 45, REMIND_EVERY_DAY};
    sb_init(&b);
    remind_timer_text(&w, &b);
    assert_non_null(strstr(b.data, "\nOnCalendar=*-*-* 06:45:00\n"));
    assert_int_equal(remind_parse_timer(b.data, &back), 0);
    assert_memory_equal(&w, &back, sizeof w);
    sb_free(&b);

    assert_int_equal(remind_parse_timer("[Timer]\nOnCalendar=daily\n", &back), -1);
    assert_int_equal(remind_parse_timer("[Timer]\nOnCalendar=Mon *-*-* 25:00:00\n", &back), -1);
    assert_int_equal(remind_parse_timer("nothing", &back), -1);
}

/* The program's path is one word of ExecStart whatever it holds: quotes and backslashes
 * escaped, systemd's % specifiers and $ variables doubled; a control character refused. */
static void test_service_command_line(void **state)
{
    (void)state;
    strbuf b;
    sb_init(&b);
    assert_int_equal(remind_service_text("/usr/bin/pacer", &b), 0);
    assert_non_null(strstr(b.data, "\nExecStart=\"/usr/bin/pacer\" remind --notify -- \"/usr/bin/pacer\" today\n"));
    assert_non_null(strstr(b.data, "\nType=exec\n"));
    sb_free(&b);
    sb_init(&b);
    assert_int_equal(remind_service_text("/home/a b/100%/$x/\"q\"\\/pacer", &b), 0);
    assert_non_null(strstr(b.data, "ExecStart=\"/home/a b/100%%/$$x/\\\"q\\\"\\\\/pacer\" remind --notify -- "));
    sb_free(&b);
    sb_init(&b);
    assert_int_equal(remind_service_text("/tmp/a\nExecStartPre=/bin/evil", &b), -1);
    sb_free(&b);
}

static void test_message(void **state)
{
    (void)state;
    char s[128], b[256];
    remind_message(25, 0, s, sizeof s, b, sizeof b);
    assert_string_equal(s, "Time for your back care: 25 minutes today");
    remind_message(-1, 0, s, sizeof s, b, sizeof b);
    assert_string_equal(s, "Time for your back care");
    assert_non_null(strstr(b, "20 to 30 minutes a day"));
    remind_message(-1, 8.2, s, sizeof s, b, sizeof b);
    assert_string_equal(b, "You have practised 8 minutes today; 12 more reach the daily goal of 20 to 30.");
    remind_message(-1, 24, s, sizeof s, b, sizeof b);
    assert_non_null(strstr(b, "practised 24 minutes today: the daily goal of 20 to 30 is reached"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_at),      cmocka_unit_test(test_parse_days),
        cmocka_unit_test(test_describe),      cmocka_unit_test(test_timer_round_trip),
        cmocka_unit_test(test_service_command_line), cmocka_unit_test(test_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
