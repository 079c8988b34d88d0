/* test_kiosk_pin.c - the staff PIN: which hashes the kiosk accepts, and checking a PIN off the
 * UI thread. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "kiosk.h"

/* 16 and 32 zero bytes in unpadded base64: a well-formed salt and tag */
#define SALT "AAAAAAAAAAAAAAAAAAAAAA"
#define TAG "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

static int accepted(const char *hash)
{
    char why[200] = "unset";
    int rc = kiosk_pin_hash_check(hash, why, sizeof why);
    if (rc == 0)
        assert_string_equal(why, "");
    else
        assert_true(strncmp(why, "pin_hash", 8) == 0); /* a sentence naming the field */
    return rc == 0;
}

/* refused HASH, and the reason mentions WORD */
static void refused_because(const char *hash, const char *word)
{
    char why[200];
    assert_int_equal(kiosk_pin_hash_check(hash, why, sizeof why), -1);
    if (!strstr(why, word))
        fail_msg("'%s' refused as '%s', which does not mention '%s'", hash, why, word);
}

static void made_hashes_are_accepted(void **state)
{
    (void)state;
    char hash[256], err[128];
    assert_int_equal(kiosk_pin_hash("2468", hash, sizeof hash, err, sizeof err), 0);
    assert_true(accepted(hash));
    assert_int_equal(kiosk_pin_verify(hash, "2468"), 1);
    assert_int_equal(kiosk_pin_verify(hash, "2469"), 0);
}

static void cost_bounds(void **state)
{
    (void)state;
    assert_true(accepted("$argon2id$v=19$m=8192,t=1,p=1$" SALT "$" TAG));
    assert_true(accepted("$argon2id$v=19$m=262144,t=4,p=1$" SALT "$" TAG));
    assert_true(accepted("$argon2id$v=19$m=65536,t=2,p=1$" SALT "$" TAG));
    refused_because("$argon2id$v=19$m=8191,t=2,p=1$" SALT "$" TAG, "m=8191");
    refused_because("$argon2id$v=19$m=262145,t=2,p=1$" SALT "$" TAG, "m=262145");
    refused_because("$argon2id$v=19$m=4194304,t=4294967295,p=1$" SALT "$" TAG, "m=4194304");
    refused_because("$argon2id$v=19$m=65536,t=4294967295,p=1$" SALT "$" TAG, "t=4294967295");
    refused_because("$argon2id$v=19$m=65536,t=0,p=1$" SALT "$" TAG, "t=0");
    refused_because("$argon2id$v=19$m=65536,t=5,p=1$" SALT "$" TAG, "t=5");
    refused_because("$argon2id$v=19$m=65536,t=2,p=0$" SALT "$" TAG, "p=0");
    refused_because("$argon2id$v=19$m=65536,t=2,p=2$" SALT "$" TAG, "p=2");
    refused_because("$argon2id$v=19$m=65536,t=2,p=16777215$" SALT "$" TAG, "p=16777215");
    /* numbers that do not fit, or are not written as libsodium writes them */
    refused_because("$argon2id$v=19$m=65536,t=4294967296,p=1$" SALT "$" TAG, "'t=' is not a number");
    refused_because("$argon2id$v=19$m=99999999999999999999,t=2,p=1$" SALT "$" TAG, "'m=' is not a number");
    refused_because("$argon2id$v=19$m=065536,t=2,p=1$" SALT "$" TAG, "'m=' is not a number");
    refused_because("$argon2id$v=19$m=-1,t=2,p=1$" SALT "$" TAG, "'m=' is not a number");
    refused_because("$argon2id$v=19$m= 65536,t=2,p=1$" SALT "$" TAG, "'m=' is not a number");
}

static void malformed_hashes(void **state)
{
    (void)state;
    refused_because("1234", "plain number");
    refused_because("", "empty");
    refused_because("$argon2i$v=19$m=65536,t=2,p=1$" SALT "$" TAG, "argon2i,");
    refused_because("$argon2d$v=19$m=65536,t=2,p=1$" SALT "$" TAG, "argon2d,");
    refused_because("$2y$10$abcdefghijklmnopqrstuuYQ6gGQ8JaQkzQ1s0o4yO3KxgGJ7v1DC", "not an Argon2id hash");
    refused_because("$7$C6..../....SodiumChloride$kBGj9fHznVYFQMEn/qDCfrDevf9YDtcDdKvEqHJLV8D", "not an Argon2id");
    refused_because("$ARGON2ID$v=19$m=65536,t=2,p=1$" SALT "$" TAG, "not an Argon2id");
    refused_because(" $argon2id$v=19$m=65536,t=2,p=1$" SALT "$" TAG, "not an Argon2id");
    refused_because("$argon2id$v=16$m=65536,t=2,p=1$" SALT "$" TAG, "v=19");
    refused_because("$argon2id$m=65536,t=2,p=1$" SALT "$" TAG, "v=19");
    /* missing, reordered or extra fields */
    refused_because("$argon2id$v=19$t=2,m=65536,p=1$" SALT "$" TAG, "'m='");
    refused_because("$argon2id$v=19$m=65536,p=1$" SALT "$" TAG, "'t='");
    refused_because("$argon2id$v=19$m=65536,t=2$" SALT "$" TAG, "'p='");
    refused_because("$argon2id$v=19$m=65536,t=2,p=1", "salt and hash");
    refused_because("$argon2id$v=19$m=65536,t=2,p=1$" SALT, "salt and hash");
    refused_because("$argon2id$v=19$m=65536,t=2,p=1,k=1$" SALT "$" TAG, "salt and hash");
    refused_because("$argon2id$v=19$m=65536,t=2,p=1$$" TAG, "salt");
    refused_because("$argon2id$v=19$m=65536,t=2,p=1$" SALT "$", "hash is not");
    refused_because("$argon2id$v=19$m=65536,t=2,p=1$" SALT "$" TAG "$" TAG, "hash is not");
    /* bad base64: a foreign character, padding, the wrong length, stray bits, white space */
    refused_because("$argon2id$v=19$m=65536,t=2,p=1$AAAAAAAAAAAAAAAAAAAA!A$" TAG, "salt");
    refused_because("$argon2id$v=19$m=65536,t=2,p=1$" SALT "==$" TAG, "salt");
    refused_because("$argon2id$v=19$m=65536,t=2,p=1$AAAAAAAAAAAAAAAAAAAA$" TAG, "salt");
    refused_because("$argon2id$v=19$m=65536,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAB$" TAG, "salt");
    refused_because("$argon2id$v=19$m=65536,t=2,p=1$" SALT "$" TAG "=", "hash is not");
    refused_because("$argon2id$v=19$m=65536,t=2,p=1$" SALT "$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "hash is not");
    refused_because("$argon2id$v=19$m=65536,t=2,p=1$" SALT "$" TAG "\n", "hash is not");
    refused_because("$argon2id$v=19$m=65536,t=2,p=1$" SALT "$" TAG " ", "hash is not");
    refused_because("$argon2id$v=19$m=65536,t=2,p=1$" SALT "$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB", "hash is not");
}

static void verify_refuses_what_the_check_refuses(void **state)
{
    (void)state;
    /* refused before Argon2id runs: no 4 GB, no hour of passes */
    assert_int_equal(kiosk_pin_verify("$argon2id$v=19$m=4194304,t=4294967295,p=1$" SALT "$" TAG, "2468"), 0);
    assert_int_equal(kiosk_pin_verify("1234", "1234"), 0);
    assert_int_equal(kiosk_pin_verify(NULL, "1234"), 0);
}

/* ---- the worker ---- */

/* A verifier that waits for the test's word: the check is provably still running. */
static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cond = PTHREAD_COND_INITIALIZER;
static int gate_open, gate_entered, gate_left;

static int gated_verify(const char *hash, const char *pin)
{
    pthread_mutex_lock(&gate_lock);
    gate_entered++;
    pthread_cond_broadcast(&gate_cond);
    while (!gate_open)
        pthread_cond_wait(&gate_cond, &gate_lock);
    gate_left++;
    pthread_cond_broadcast(&gate_cond);
    pthread_mutex_unlock(&gate_lock);
    return strcmp(hash, "right-hash") == 0 && strcmp(pin, "2468") == 0;
}

static void gate_reset(void)
{
    pthread_mutex_lock(&gate_lock);
    gate_open = gate_entered = gate_left = 0;
    pthread_mutex_unlock(&gate_lock);
}

static void gate_release(void)
{
    pthread_mutex_lock(&gate_lock);
    gate_open = 1;
    pthread_cond_broadcast(&gate_cond);
    pthread_mutex_unlock(&gate_lock);
}

/* waits (no time limit but the test's own) until n verifications have entered and left */
static void gate_wait(int *counter, int n)
{
    pthread_mutex_lock(&gate_lock);
    while (*counter < n)
        pthread_cond_wait(&gate_cond, &gate_lock);
    pthread_mutex_unlock(&gate_lock);
}

/* polls until the answer is in; each poll returns at once */
static kiosk_pin_state answer(kiosk_pin_check *c)
{
    kiosk_pin_state s;
    while ((s = kiosk_pin_check_poll(c)) == KIOSK_PIN_PENDING)
        usleep(1000);
    return s;
}

static void check_runs_off_the_calling_thread(void **state)
{
    (void)state;
    kiosk_pin_check *c = kiosk_pin_check_new();
    assert_non_null(c);
    assert_int_equal(kiosk_pin_check_poll(c), KIOSK_PIN_IDLE);
    gate_reset();
    assert_int_equal(kiosk_pin_check_start(c, gated_verify, "right-hash", "2468"), 0); /* returns at once */
    gate_wait(&gate_entered, 1);
    for (int i = 0; i < 5; i++)
        assert_int_equal(kiosk_pin_check_poll(c), KIOSK_PIN_PENDING); /* the verifier is stuck */
    gate_release();
    assert_int_equal(answer(c), KIOSK_PIN_RIGHT);
    assert_int_equal(kiosk_pin_check_poll(c), KIOSK_PIN_IDLE); /* answered once */

    gate_reset();
    gate_release();
    assert_int_equal(kiosk_pin_check_start(c, gated_verify, "right-hash", "1111"), 0);
    assert_int_equal(answer(c), KIOSK_PIN_WRONG);
    gate_wait(&gate_left, 1);
    kiosk_pin_check_free(c);
}

static void abandoned_checks_are_never_reported(void **state)
{
    (void)state;
    kiosk_pin_check *c = kiosk_pin_check_new();
    gate_reset();
    /* a right PIN whose check is still running, then a new (wrong) one: only the new counts */
    assert_int_equal(kiosk_pin_check_start(c, gated_verify, "right-hash", "2468"), 0);
    assert_int_equal(kiosk_pin_check_start(c, gated_verify, "right-hash", "1111"), 0);
    gate_wait(&gate_entered, 2);
    gate_release();
    assert_int_equal(answer(c), KIOSK_PIN_WRONG);
    /* cancelled (the pad closed): nothing to report, even once the worker answers */
    gate_reset();
    assert_int_equal(kiosk_pin_check_start(c, gated_verify, "right-hash", "2468"), 0);
    gate_wait(&gate_entered, 1);
    kiosk_pin_check_cancel(c);
    assert_int_equal(kiosk_pin_check_poll(c), KIOSK_PIN_IDLE);
    gate_release();
    gate_wait(&gate_left, 1);
    assert_int_equal(kiosk_pin_check_poll(c), KIOSK_PIN_IDLE);
    /* freed while a worker runs: freeing does not wait for it */
    gate_reset();
    assert_int_equal(kiosk_pin_check_start(c, gated_verify, "right-hash", "2468"), 0);
    gate_wait(&gate_entered, 1);
    kiosk_pin_check_free(c);
    gate_release();
    gate_wait(&gate_left, 1);
}

static void real_hash_through_the_worker(void **state)
{
    (void)state;
    char hash[256], err[128];
    assert_int_equal(kiosk_pin_hash("97531", hash, sizeof hash, err, sizeof err), 0);
    kiosk_pin_check *c = kiosk_pin_check_new();
    assert_int_equal(kiosk_pin_check_start(c, NULL, hash, "97531"), 0);
    assert_int_equal(answer(c), KIOSK_PIN_RIGHT);
    assert_int_equal(kiosk_pin_check_start(c, NULL, hash, "97530"), 0);
    assert_int_equal(answer(c), KIOSK_PIN_WRONG);
    /* a hash with extreme costs is answered "wrong" without running Argon2id */
    assert_int_equal(kiosk_pin_check_start(c, NULL, "$argon2id$v=19$m=4194304,t=4294967295,p=1$" SALT "$" TAG, "1"),
                     0);
    assert_int_equal(answer(c), KIOSK_PIN_WRONG);
    kiosk_pin_check_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(made_hashes_are_accepted),
        cmocka_unit_test(cost_bounds),
        cmocka_unit_test(malformed_hashes),
        cmocka_unit_test(verify_refuses_what_the_check_refuses),
        cmocka_unit_test(check_runs_off_the_calling_thread),
        cmocka_unit_test(abandoned_checks_are_never_reported),
        cmocka_unit_test(real_hash_through_the_worker),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
