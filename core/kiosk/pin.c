/* pin.c - the staff PIN, stored only as an Argon2id hash (libsodium). */
#include <sodium.h>
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

int kiosk_pin_verify(const char *hash, const char *pin)
{
    if (!hash || !*hash || !pin || sodium_init() < 0 || strlen(hash) >= crypto_pwhash_STRBYTES)
        return 0;
    return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
}
