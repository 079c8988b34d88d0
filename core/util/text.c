/* text.c - UTF-8 validation, terminal-safe and JSON output, spelling suggestions, time. */
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pacer/plugin.h"

/* Decodes one UTF-8 sequence; returns its length, or 0 when invalid. */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    unsigned min;
    if ((c & 0xE0) == 0xC0) {
        len = 2, min = 0x80, c &= 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3, min = 0x800, c &= 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4, min = 0x10000, c &= 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

size_t utf8_invalid_at(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned cp;
        size_t k = utf8_decode(u + i, n - i, &cp);
        if (!k)
            return i + 1;
        i += k;
    }
    return 0;
}

static int is_control(unsigned cp) { return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0); }

/* Characters that change how a terminal lays out the text after them: the bidirectional
 * embeddings, overrides and isolates (a file name or message could then read backwards, or
 * show something other than what it is) and the line and paragraph separators. */
static int is_layout_control(unsigned cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

long text_control_at(const char *s, size_t n, int allow_nl, unsigned *codepoint)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned cp;
        size_t k = utf8_decode(u + i, n - i, &cp);
        if (!k)
            return -1;
        if (is_control(cp) && !(allow_nl && cp == '\n')) {
            if (codepoint)
                *codepoint = cp;
            return (long)i;
        }
        i += k;
    }
    return -1;
}

void sb_add_safe(strbuf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned cp;
        size_t k = utf8_decode(u + i, n - i, &cp);
        if (!k) {
            sb_printf(b, "\\x%02X", u[i]);
            i++;
        } else if (cp == '\n') {
            sb_puts(b, "\\n");
            i += k;
        } else if (is_control(cp) || is_layout_control(cp)) {
            sb_printf(b, cp < 0x100 ? "\\x%02X" : "\\u{%X}", cp);
            i += k;
        } else {
            sb_add(b, s + i, k);
            i += k;
        }
    }
}

int char_columns(unsigned cp)
{
    /* combining marks, zero-width spaces and joiners, variation selectors */
    static const unsigned zero[][2] = {{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
                                       {0x064B, 0x065F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x1AB0, 0x1AFF},
                                       {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F},
                                       {0xFE20, 0xFE2F}, {0xE0100, 0xE01EF}};
    /* Hangul Jamo, CJK, Hangul syllables, fullwidth forms, emoji */
    static const unsigned wide[][2] = {{0x1100, 0x115F}, {0x231A, 0x231B}, {0x2E80, 0x303E}, {0x3041, 0x33FF},
                                       {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xAC00, 0xD7A3},
                                       {0xF900, 0xFAFF}, {0xFE30, 0xFE4F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6},
                                       {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD}};
    for (size_t i = 0; i < sizeof zero / sizeof zero[0]; i++)
        if (cp >= zero[i][0] && cp <= zero[i][1])
            return 0;
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (cp >= wide[i][0] && cp <= wide[i][1])
            return 2;
    return 1;
}

size_t utf8_fit_columns(const char *s, size_t n, int cols, int *used)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    int w = 0;
    while (i < n) {
        unsigned cp;
        size_t k = utf8_decode(u + i, n - i, &cp);
        if (!k)
            break; /* not expected in safe text: stop rather than cut a sequence */
        int c = char_columns(cp);
        if (w + c > cols)
            break;
        w += c;
        i += k;
    }
    if (used)
        *used = w;
    return i;
}

void fput_safe(const char *s, FILE *f)
{
    strbuf b;
    sb_init(&b);
    sb_add_safe(&b, s, strlen(s));
    if (b.data)
        fputs(b.data, f);
    sb_free(&b);
}

void sb_add_json(strbuf *b, const char *s)
{
    sb_add(b, "\"", 1);
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    while (i < n) {
        unsigned cp;
        size_t k = utf8_decode(u + i, n - i, &cp);
        if (!k) {
            sb_puts(b, "\\ufffd");
            i++;
            continue;
        }
        if (cp == '"')
            sb_puts(b, "\\\"");
        else if (cp == '\\')
            sb_puts(b, "\\\\");
        else if (cp == '\n')
            sb_puts(b, "\\n");
        else if (cp == '\t')
            sb_puts(b, "\\t");
        else if (is_control(cp))
            sb_printf(b, "\\u%04x", cp);
        else
            sb_add(b, s + i, k);
        i += k;
    }
    sb_add(b, "\"", 1);
}

const char *format_bytes(double bytes, char *buf, size_t n)
{
    static const char *const units[] = {"KB", "MB", "GB", "TB"};
    if (!(bytes >= 1024)) {
        snprintf(buf, n, "%.0f bytes", bytes > 0 ? bytes : 0);
        return buf;
    }
    int u = 0;
    double v = bytes / 1024;
    while (v >= 1024 && u < 3) {
        v /= 1024;
        u++;
    }
    /* one decimal below 10, where it still says something: 1.5 MB, not 2 MB */
    if (v < 10 && v != floor(v))
        snprintf(buf, n, "%.1f %s", v, units[u]);
    else
        snprintf(buf, n, "%.0f %s", v, units[u]);
    return buf;
}

int edit_distance(const char *a, const char *b, int max)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return max + 1;
    if ((la > lb ? la - lb : lb - la) > (size_t)max)
        return max + 1;
    int d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1; /* transposition: inahle -> inhale */
            d[i][j] = v;
        }
    }
    return d[la][lb] > max ? max + 1 : d[la][lb];
}

const char *suggest(const char *word, const char *const *candidates, int n)
{
    size_t len = strlen(word);
    int max = len <= 3 ? 1 : len <= 6 ? 2 : 3;
    const char *best = NULL;
    int best_d = max + 1;
    for (int i = 0; i < n; i++) {
        int d = edit_distance(word, candidates[i], max);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    return best;
}

int64_t seconds_to_frames(double s)
{
    /* llround is undefined outside int64_t: clamp far beyond any session (2^53 frames) */
    double f = s * PACER_RATE;
    if (!(f == f))
        return 0;
    if (f > 9007199254740992.0)
        return INT64_C(9007199254740992);
    if (f < -9007199254740992.0)
        return -INT64_C(9007199254740992);
    return (int64_t)llround(f);
}

const char *format_time(int64_t frames, int millis, char *buf, size_t n)
{
    int64_t ms = frames * 1000 / PACER_RATE;
    int64_t s = ms / 1000, m = s / 60, h = m / 60;
    if (h > 0 && millis)
        snprintf(buf, n, "%lld:%02lld:%02lld.%03lld", (long long)h, (long long)(m % 60), (long long)(s % 60),
                 (long long)(ms % 1000));
    else if (h > 0)
        snprintf(buf, n, "%lld:%02lld:%02lld", (long long)h, (long long)(m % 60), (long long)(s % 60));
    else if (millis)
        snprintf(buf, n, "%02lld:%02lld.%03lld", (long long)m, (long long)(s % 60), (long long)(ms % 1000));
    else
        snprintf(buf, n, "%02lld:%02lld", (long long)m, (long long)(s % 60));
    return buf;
}

int exe_dir(char *buf, size_t n)
{
    if (n < 2)
        return -1;
    ssize_t len = readlink("/proc/self/exe", buf, n - 1);
    if (len <= 0)
        return -1;
    buf[len] = 0;
    char *slash = strrchr(buf, '/');
    if (!slash)
        return -1;
    *slash = 0;
    return 0;
}
