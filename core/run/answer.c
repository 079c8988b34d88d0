/* answer.c - an answer from 0 to 10 typed with digit keys: "1" then "0" is ten. */
#include "run.h"

int run_digits_key(run_digits *d, int digit, double now)
{
    if (digit < 0 || digit > 9)
        return -1;
    if (d->pending) {
        d->pending = 0;
        if (digit == 0)
            return 10;
        /* "1" then another digit: the 1 was the answer; the new digit starts afresh */
        return 1;
    }
    if (digit == 1) {
        d->pending = 1;
        d->since = now;
        return -1;
    }
    return digit;
}

int run_digits_enter(run_digits *d)
{
    if (!d->pending)
        return -1;
    d->pending = 0;
    return 1;
}

int run_digits_due(run_digits *d, double now)
{
    return d->pending && now - d->since >= RUN_DIGIT_SECONDS ? run_digits_enter(d) : -1;
}
