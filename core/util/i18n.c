/* i18n.c - the user's and the session's language through gettext. */
#include "i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#ifndef PACER_LOCALEDIR
#define PACER_LOCALEDIR "/usr/share/locale"
#endif

/* glibc's catalog generation counter: bumped, the next lookup reads LANGUAGE again (the
 * gettext manual, "Being a gettext grok"). */
extern int _nl_msg_cat_cntr;

static int ready;
static char user_lang[64]; /* the user's language list for LANGUAGE; "en" for English */
static char cur_lang[64];
static char dir[PATH_MAX];

static int has_catalogs(const char *d)
{
    char mo[PATH_MAX + 64];
    snprintf(mo, sizeof mo, "%s/es/LC_MESSAGES/pacer.mo", d);
    return access(mo, R_OK) == 0;
}

/* PACER_LOCALEDIR in the environment; beside the program when it is installed
 * (BIN/../share/locale); the build folder's own (BIN/locale); the configured place. */
static void find_dir(void)
{
    const char *env = getenv("PACER_LOCALEDIR");
    char exe[PATH_MAX - 64];
    if (env && *env) {
        snprintf(dir, sizeof dir, "%s", env);
        return;
    }
    if (exe_dir(exe, sizeof exe) == 0) {
        snprintf(dir, sizeof dir, "%s/../share/locale", exe);
        if (has_catalogs(dir))
            return;
        snprintf(dir, sizeof dir, "%s/locale", exe);
        if (has_catalogs(dir))
            return;
    }
    snprintf(dir, sizeof dir, "%s", PACER_LOCALEDIR);
}

/* "es_ES.UTF-8@euro" -> "es_ES"; "C" and "POSIX" -> "" */
static void language_of_locale(const char *loc, char *out, size_t n)
{
    size_t k = strcspn(loc, ".@");
    if ((k == 1 && loc[0] == 'C') || (k == 5 && strncmp(loc, "POSIX", 5) == 0))
        k = 0;
    snprintf(out, n, "%.*s", (int)k, loc);
}

static void set_language(const char *lang)
{
    if (strcmp(cur_lang, lang) == 0)
        return;
    snprintf(cur_lang, sizeof cur_lang, "%s", lang);
    setenv("LANGUAGE", lang, 1);
    ++_nl_msg_cat_cntr;
}

void i18n_init(const char *setting)
{
    if (!ready) {
        /* Messages only: numbers, times and sorting stay as the C locale has them. glibc
         * ignores LANGUAGE under "C", and C.UTF-8 is there when no other locale is. */
        const char *m = setlocale(LC_MESSAGES, "");
        if (!m || strcmp(m, "C") == 0 || strcmp(m, "POSIX") == 0)
            setlocale(LC_MESSAGES, "C.UTF-8");
        find_dir();
        bindtextdomain("pacer", dir);
        bind_textdomain_codeset("pacer", "UTF-8");
        textdomain("pacer");
        ready = 1;
    }
    user_lang[0] = 0;
    if (setting && *setting)
        snprintf(user_lang, sizeof user_lang, "%s", setting);
    else {
        /* The environment, in gettext's own order; LANGUAGE is a list ("de:en"). */
        static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
        for (size_t i = 0; i < sizeof vars / sizeof vars[0] && !user_lang[0]; i++) {
            const char *v = getenv(vars[i]);
            if (!v || !*v)
                continue;
            if (i == 0)
                snprintf(user_lang, sizeof user_lang, "%s", v);
            else
                language_of_locale(v, user_lang, sizeof user_lang);
            if (i > 0)
                break; /* the first locale variable set decides, as in setlocale */
        }
    }
    if (!user_lang[0])
        snprintf(user_lang, sizeof user_lang, "en");
    cur_lang[0] = 0;
    set_language(user_lang);
}

void i18n_use(const char *lang)
{
    if (!ready)
        i18n_init(NULL);
    set_language(lang && *lang ? lang : user_lang);
}

const char *i18n_nin(const char *lang, const char *one, const char *many, unsigned long n)
{
    if (!ready)
        i18n_init(NULL);
    const char *want = lang && *lang ? lang : user_lang;
    if (strcmp(want, cur_lang) == 0)
        return ngettext(one, many, n);
    char was[sizeof cur_lang];
    snprintf(was, sizeof was, "%s", cur_lang);
    set_language(want);
    const char *s = ngettext(one, many, n);
    set_language(was);
    return s;
}

const char *i18n_in(const char *lang, const char *msgid) { return i18n_nin(lang, msgid, msgid, 1); }

const char *i18n_user_language(void)
{
    static char tag[16];
    if (!ready)
        i18n_init(NULL);
    size_t k = strcspn(user_lang, ":_-.@");
    snprintf(tag, sizeof tag, "%.*s", (int)(k < sizeof tag ? k : sizeof tag - 1), user_lang);
    return tag[0] ? tag : "en";
}

const char *i18n_dir(void)
{
    if (!ready)
        i18n_init(NULL);
    return dir;
}
