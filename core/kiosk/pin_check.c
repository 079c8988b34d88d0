/* pin_check.c - the staff PIN checked on a worker thread.
 *
 * Argon2id is slow on purpose. On the UI thread it would freeze the PIN pad and keep the loop
 * from seeing SIGTERM; here each check is one detached worker with its own copy of the hash
 * and PIN. The worker and the owner share a job; whoever lets go last frees it, so neither
 * cancelling nor freeing ever waits for Argon2id to finish. */
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk.h"

typedef struct pin_job {
    pthread_mutex_t lock;
    int refs;             /* the owner's and the worker's */
    kiosk_pin_state state; /* PENDING until the worker answers */
    kiosk_pin_verify_fn verify;
    char hash[256];
    char pin[16];
} pin_job;

struct kiosk_pin_check {
    pin_job *job; /* the check whose answer is wanted, or NULL */
};

static void job_release(pin_job *j)
{
    pthread_mutex_lock(&j->lock);
    int left = --j->refs;
    pthread_mutex_unlock(&j->lock);
    if (left == 0) {
        sodium_memzero(j->pin, sizeof j->pin);
        pthread_mutex_destroy(&j->lock);
        free(j);
    }
}

static void *job_run(void *arg)
{
    pin_job *j = arg;
    int right = j->verify(j->hash, j->pin) == 1;
    pthread_mutex_lock(&j->lock);
    j->state = right ? KIOSK_PIN_RIGHT : KIOSK_PIN_WRONG;
    pthread_mutex_unlock(&j->lock);
    job_release(j);
    return NULL;
}

kiosk_pin_check *kiosk_pin_check_new(void) { return calloc(1, sizeof(kiosk_pin_check)); }

void kiosk_pin_check_cancel(kiosk_pin_check *c)
{
    if (c && c->job) {
        job_release(c->job);
        c->job = NULL;
    }
}

int kiosk_pin_check_start(kiosk_pin_check *c, kiosk_pin_verify_fn verify, const char *hash, const char *pin)
{
    kiosk_pin_check_cancel(c);
    if (!hash || !pin || strlen(hash) >= sizeof c->job->hash || strlen(pin) >= sizeof c->job->pin)
        return -1;
    pin_job *j = calloc(1, sizeof *j);
    if (!j || pthread_mutex_init(&j->lock, NULL) != 0) {
        free(j);
        return -1;
    }
    j->refs = 2;
    j->state = KIOSK_PIN_PENDING;
    j->verify = verify ? verify : kiosk_pin_verify;
    memcpy(j->hash, hash, strlen(hash) + 1);
    memcpy(j->pin, pin, strlen(pin) + 1);
    pthread_attr_t attr;
    pthread_t t;
    int ok = pthread_attr_init(&attr) == 0;
    if (ok) {
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        ok = pthread_create(&t, &attr, job_run, j) == 0;
        pthread_attr_destroy(&attr);
    }
    if (!ok) {
        sodium_memzero(j->pin, sizeof j->pin);
        pthread_mutex_destroy(&j->lock);
        free(j);
        return -1;
    }
    c->job = j;
    return 0;
}

kiosk_pin_state kiosk_pin_check_poll(kiosk_pin_check *c)
{
    if (!c || !c->job)
        return KIOSK_PIN_IDLE;
    pthread_mutex_lock(&c->job->lock);
    kiosk_pin_state s = c->job->state;
    pthread_mutex_unlock(&c->job->lock);
    if (s != KIOSK_PIN_PENDING)
        kiosk_pin_check_cancel(c); /* answered once; the next poll is IDLE */
    return s;
}

void kiosk_pin_check_free(kiosk_pin_check *c)
{
    kiosk_pin_check_cancel(c);
    free(c);
}
