/* parse.c - numbers from the command line, whole or not at all. */
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Plain decimal: [+-]digits[.digits][e[+-]digits], at least one digit before the exponent.
 * No spaces, no hexadecimal, no inf or nan: what strtod would take besides is refused. */
static int plain_decimal(const char *s, int allow_fraction)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    size_t digits = strspn(p, "0123456789");
    p += digits;
    if (allow_fraction && *p == '.') {
        size_t more = strspn(p + 1, "0123456789");
        digits += more;
        p += 1 + more;
    }
    if (digits == 0)
        return 0;
    if (allow_fraction && (*p == 'e' || *p == 'E')) {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        size_t exp = strspn(p, "0123456789");
        if (exp == 0)
            return 0;
        p += exp;
    }
    return *p == 0;
}

int parse_int(const char *s, long long min, long long max, long long *out)
{
    if (!s || !plain_decimal(s, 0))
        return -1;
    errno = 0;
    long long v = strtoll(s, NULL, 10);
    if (errno == ERANGE || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int parse_double(const char *s, double min, double max, double *out)
{
    if (!s || !plain_decimal(s, 1))
        return -1;
    /* the program never changes its locale: '.' is the decimal point */
    errno = 0;
    double v = strtod(s, NULL);
    if (!isfinite(v) || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}
