/* settings.c - the user's remembered settings, read through the session sandbox. */
#include "settings.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "outfile.h"
#include "script.h"

/* One entry per key: its field (name, type, range, default, doc line) and where its value
 * lives in struct settings. Adding a key is one entry here and one in settings_key. */
typedef struct key_def {
    pacer_field f;
    size_t off, size;
} key_def;

#define AT(member) offsetof(settings, member), sizeof(((settings *)0)->member)

static const key_def keys[SET_COUNT] = {
    [SET_THEME] = {{"theme", PACER_ENUM, 0, 0, 0, 0, "default", "default|high-contrast",
                    "Colours: default, or high-contrast (white on black)"},
                   AT(theme)},
    [SET_REDUCED_MOTION] = {{"reduced_motion", PACER_BOOL, 0, 0, 0, 0, NULL, NULL,
                             "A filling bar instead of a growing circle"},
                            AT(reduced_motion)},
    [SET_VOICE] = {{"voice", PACER_STRING, 0, 0, 60, 0, NULL, NULL,
                    "A voice for English sessions, e.g. \"flite:rms\"; default: each session's own"},
                   AT(voice)},
    [SET_SPEECH_RATE] = {{"speech_rate", PACER_INTEGER, 0, 80, 300, 150, NULL, NULL,
                          "Words per minute for every session, 80 to 300; default: each session's own"},
                         AT(speech_rate)},
    [SET_VOLUME] = {{"volume", PACER_NUMBER, 0, 0, 1, 1, NULL, NULL, "Loudness, 0 to 1"}, AT(volume)},
    [SET_LANGUAGE] = {{"language", PACER_STRING, 0, 0, 15, 0, NULL, NULL,
                       "The language of menus and messages: \"en\", \"es\", \"de\"; default: the system's. A session "
                       "plays in its own language"},
                      AT(language)},
    [SET_TEXT_SIZE] = {{"text_size", PACER_ENUM, 0, 0, 0, 0, "normal", "normal|large",
                        "Text size: normal, or large (every text a quarter bigger, to read from farther away)"},
                       AT(text_size)},
    [SET_SPEAK_MENU] = {{"speak_menu", PACER_BOOL, 0, 0, 0, 0, NULL, NULL,
                         "The session menu says the title and length of the session you move to"},
                        AT(speak_menu)},
};

static pacer_field fields[SET_COUNT];

static int no_expand(pacer_ctx *x, const pacer_host *h)
{
    (void)x, (void)h;
    return 0;
}

static const pacer_step_type settings_step = {
    sizeof(pacer_step_type),
    "settings",
    "Your settings, remembered between runs",
    fields,
    SET_COUNT,
    0,
    NULL,
    no_expand,
    "return settings {\n  theme = \"high-contrast\",\n  reduced_motion = true,\n  volume = 0.7,\n}",
};

const pacer_step_type *settings_type(void)
{
    for (int i = 0; i < SET_COUNT; i++)
        fields[i] = keys[i].f;
    return &settings_step;
}

const char *settings_key_name(settings_key k) { return k >= 0 && k < SET_COUNT ? keys[k].f.name : "?"; }

void settings_defaults(settings *s)
{
    memset(s, 0, sizeof *s);
    snprintf(s->theme, sizeof s->theme, "default");
    snprintf(s->text_size, sizeof s->text_size, "normal");
    s->volume = 1.0;
}

const char *settings_path(char *buf, size_t n)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg && xdg[0] == '/')
        snprintf(buf, n, "%s/pacer/settings.lua", xdg);
    else if (home && *home)
        snprintf(buf, n, "%s/.config/pacer/settings.lua", home);
    else
        return NULL;
    return buf;
}

static void *slot(settings *s, settings_key k) { return (char *)s + keys[k].off; }
static const void *cslot(const settings *s, settings_key k) { return (const char *)s + keys[k].off; }

int settings_load_text(const char *path, const char *text, size_t len, int same_process, settings *s, char *why,
                       size_t n)
{
    settings_defaults(s);
    why[0] = 0;
    struct stat st;
    if (!text && stat(path, &st) != 0 && errno == ENOENT)
        return 1;
    session_model m;
    diag_list d;
    diags_init(&d);
    int rc = config_load(path, text, len, settings_type(), same_process, &m, &d, why, n);
    diags_free(&d);
    if (rc < 0)
        return -1;
    const step_value *v = m.root->values;
    for (int k = 0; k < SET_COUNT; k++) {
        if (!v[k].given)
            continue;
        switch (keys[k].f.type) {
        case PACER_ENUM:
        case PACER_STRING: snprintf(slot(s, k), keys[k].size, "%s", v[k].str ? v[k].str : ""); break;
        case PACER_BOOL: *(int *)slot(s, k) = v[k].num != 0; break;
        case PACER_INTEGER: *(int *)slot(s, k) = (int)v[k].num; break;
        default: *(double *)slot(s, k) = v[k].num; break;
        }
        s->from[k] = SETTINGS_FILE;
        s->line[k] = text ? m.root->line : config_field_line(path, keys[k].f.name, m.root->line);
    }
    session_model_free(&m);
    return 0;
}

int settings_load(const char *path, settings *s, char *why, size_t n)
{
    return settings_load_text(path, NULL, 0, 0, s, why, n);
}

/* The shortest %g that reads back as exactly x. */
static void format_number(double x, char *buf, size_t n)
{
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, n, "%.*g", p, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

void settings_value_text(const settings *s, settings_key k, char *buf, size_t n)
{
    switch (k) {
    case SET_VOICE: snprintf(buf, n, "%s", s->voice[0] ? s->voice : "each session's own"); return;
    case SET_SPEECH_RATE:
        if (s->speech_rate)
            snprintf(buf, n, "%d", s->speech_rate);
        else
            snprintf(buf, n, "each session's own");
        return;
    case SET_LANGUAGE: snprintf(buf, n, "%s", s->language[0] ? s->language : "the system's"); return;
    default: break;
    }
    switch (keys[k].f.type) {
    case PACER_ENUM:
    case PACER_STRING: snprintf(buf, n, "%s", (const char *)cslot(s, k)); break;
    case PACER_BOOL: snprintf(buf, n, "%s", *(const int *)cslot(s, k) ? "true" : "false"); break;
    case PACER_INTEGER: snprintf(buf, n, "%d", *(const int *)cslot(s, k)); break;
    default: format_number(*(const double *)cslot(s, k), buf, n); break;
    }
}

/* A Lua string literal: quotes, backslashes and control bytes escaped. */
static void put_quoted(strbuf *b, const char *s)
{
    sb_puts(b, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            sb_printf(b, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            sb_printf(b, "\\%03u", c);
        else
            sb_add(b, s, 1);
    }
    sb_puts(b, "\"");
}

int settings_format(const settings *s, strbuf *out)
{
    settings def;
    settings_defaults(&def);
    sb_puts(out, "-- Pacer's settings: written by the Settings screen, and yours to edit.\n"
                 "-- `pacer settings` shows what is in force; a key left out keeps its default.\n"
                 "return settings {\n");
    for (int k = 0; k < SET_COUNT; k++) {
        pacer_field_type t = keys[k].f.type;
        int same = t == PACER_ENUM || t == PACER_STRING ? strcmp(cslot(s, k), cslot(&def, k)) == 0
                   : t == PACER_NUMBER                 ? *(const double *)cslot(s, k) == *(const double *)cslot(&def, k)
                                                       : *(const int *)cslot(s, k) == *(const int *)cslot(&def, k);
        if (same)
            continue;
        sb_printf(out, "  %s = ", keys[k].f.name);
        if (t == PACER_ENUM || t == PACER_STRING) {
            put_quoted(out, cslot(s, k));
        } else {
            char num[40];
            settings_value_text(s, k, num, sizeof num);
            sb_puts(out, num);
        }
        sb_puts(out, ",\n");
    }
    sb_puts(out, "}\n");
    return out->failed ? -1 : 0;
}

/* Makes the folders above path that are missing (private to the user). */
static int make_parents(const char *path)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
        return -1;
    for (char *p = strchr(buf + 1, '/'); p; p = strchr(p + 1, '/')) {
        *p = 0;
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return 0;
}

int settings_save(const char *path, const settings *s, char *err, size_t n)
{
    strbuf text;
    sb_init(&text);
    if (settings_format(s, &text) < 0) {
        sb_free(&text);
        snprintf(err, n, "out of memory");
        return -1;
    }
    if (make_parents(path) < 0) {
        snprintf(err, n, "cannot make the folder of %s: %s", path, strerror(errno));
        sb_free(&text);
        return -1;
    }
    char oerr[OUTFILE_ERR_MAX];
    outfile o;
    int rc = outfile_open(&o, path, 0, oerr, sizeof oerr);
    if (rc == 0) {
        if (fwrite(text.data, 1, text.len, o.f) != text.len) {
            outfile_abort(&o);
            snprintf(oerr, sizeof oerr, "cannot write %s: %s", path, strerror(errno));
            rc = -1;
        } else {
            rc = outfile_commit(&o, oerr, sizeof oerr);
        }
    }
    if (rc < 0)
        snprintf(err, n, "%s", oerr);
    sb_free(&text);
    return rc;
}
