/* pin.c - the staff PIN, stored only as an Argon2id hash (libsodium). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kiosk.h"

static int valid_pin(const char *pin)
{
    size_t n = strlen(pin);
    if (n < 4 || n > 12)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return 0;
    return 1;
}

int kiosk_pin_hash(const char *pin, char *out, size_t n, char *err, size_t errn)
{
    if (sodium_init() < 0) {
        snprintf(err, errn, "the crypto library cannot start");
        return -1;
    }
    if (!valid_pin(pin)) {
        snprintf(err, errn, "a PIN is 4 to 12 digits");
        return -1;
    }
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        snprintf(err, errn, "out of memory while hashing");
        return -1;
    }
    if (strlen(hash) + 1 > n) {
        snprintf(err, errn, "no room for the hash");
        return -1;
    }
    memcpy(out, hash, strlen(hash) + 1);
    return 0;
}

/* "name=N" at *p, N a decimal number without leading zeros that fits 32 bits; moves *p past it.
 * Returns 0, or -1 with why. */
static int hash_number(const char **p, const char *name, unsigned long long *v, char *why, size_t n)
{
    size_t len = strlen(name);
    if (strncmp(*p, name, len) != 0 || (*p)[len] != '=') {
        snprintf(why, n, "pin_hash has no '%s=' where it belongs", name);
        return -1;
    }
    const char *s = *p + len + 1;
    size_t digits = strspn(s, "0123456789");
    if (digits == 0 || digits > 10 || (digits > 1 && s[0] == '0')) {
        snprintf(why, n, "pin_hash's '%s=' is not a number", name);
        return -1;
    }
    *v = 0;
    for (size_t i = 0; i < digits; i++)
        *v = *v * 10 + (unsigned long long)(s[i] - '0');
    if (*v > 0xffffffffull) {
        snprintf(why, n, "pin_hash's '%s=' is not a number", name);
        return -1;
    }
    *p = s + digits;
    return 0;
}

/* Exactly want bytes of unpadded standard base64 from s up to end (canonical: no stray bits). */
static int hash_base64(const char *s, const char *end, size_t want)
{
    unsigned char bin[64];
    size_t got = 0;
    if (end <= s || want > sizeof bin)
        return -1;
    if (sodium_base642bin(bin, sizeof bin, s, (size_t)(end - s), NULL, &got, NULL,
                          sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0)
        return -1;
    return got == want ? 0 : -1;
}

static int hash_algorithm(const char *hash, char *why, size_t n)
{
    if (strncmp(hash, "$argon2id$", 10) == 0)
        return 0;
    if (hash[0] && strspn(hash, "0123456789") == strlen(hash))
        snprintf(why, n, "pin_hash is a plain number, not a hash");
    else if (strncmp(hash, "$argon2i$", 9) == 0 || strncmp(hash, "$argon2d$", 9) == 0)
        snprintf(why, n, "pin_hash is %.7s, not Argon2id", hash + 1);
    else
        snprintf(why, n, "pin_hash is not an Argon2id hash (one starts with $argon2id$)");
    return -1;
}

/* m=, t= and p= within the bounds in kiosk.h */
static int hash_costs(const char **p, char *why, size_t n)
{
    unsigned long long m, t, par;
    if (hash_number(p, "m", &m, why, n) < 0)
        return -1;
    if (*(*p)++ != ',' || hash_number(p, "t", &t, why, n) < 0) {
        if (!why[0])
            snprintf(why, n, "pin_hash has no 't=' where it belongs");
        return -1;
    }
    if (*(*p)++ != ',' || hash_number(p, "p", &par, why, n) < 0) {
        if (!why[0])
            snprintf(why, n, "pin_hash has no 'p=' where it belongs");
        return -1;
    }
    if (m < KIOSK_PIN_MEM_MIN_KIB || m > KIOSK_PIN_MEM_MAX_KIB) {
        snprintf(why, n, "pin_hash asks for m=%llu KiB of memory (the kiosk accepts %u to %u)", m,
                 KIOSK_PIN_MEM_MIN_KIB, KIOSK_PIN_MEM_MAX_KIB);
        return -1;
    }
    if (t < KIOSK_PIN_PASSES_MIN || t > KIOSK_PIN_PASSES_MAX) {
        snprintf(why, n, "pin_hash asks for t=%llu passes (the kiosk accepts %u to %u)", t, KIOSK_PIN_PASSES_MIN,
                 KIOSK_PIN_PASSES_MAX);
        return -1;
    }
    if (par != 1) {
        snprintf(why, n, "pin_hash asks for p=%llu lanes (the kiosk accepts only p=1)", par);
        return -1;
    }
    return 0;
}

int kiosk_pin_hash_check(const char *hash, char *why, size_t n)
{
    if (n)
        why[0] = 0;
    if (!hash || !hash[0]) {
        snprintf(why, n, "pin_hash is empty");
        return -1;
    }
    if (hash_algorithm(hash, why, n) < 0)
        return -1;
    const char *p = hash + 10;
    if (strncmp(p, "v=19$", 5) != 0) {
        snprintf(why, n, "pin_hash is not Argon2id version 19 (v=19)");
        return -1;
    }
    p += 5;
    if (hash_costs(&p, why, n) < 0)
        return -1;
    const char *salt = p + 1, *tag = *p == '$' ? strchr(salt, '$') : NULL;
    if (!tag) {
        snprintf(why, n, "pin_hash ends before its salt and hash");
        return -1;
    }
    if (hash_base64(salt, tag, crypto_pwhash_SALTBYTES) < 0) {
        snprintf(why, n, "pin_hash's salt is not %d bytes of base64", crypto_pwhash_SALTBYTES);
        return -1;
    }
    if (hash_base64(tag + 1, tag + 1 + strlen(tag + 1), 32) < 0) {
        snprintf(why, n, "pin_hash's hash is not 32 bytes of base64");
        return -1;
    }
    return 0;
}

int kiosk_pin_verify(const char *hash, const char *pin)
{
    char why[160];
    if (!pin || sodium_init() < 0 || kiosk_pin_hash_check(hash, why, sizeof why) < 0)
        return 0;
    return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
}
