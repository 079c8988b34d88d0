/* i18n.h - Pacer's own words in the patient's language (gettext, domain "pacer"). Every
 * module marks its texts with _() (shown now), N_() (a text kept in a table, translated
 * where it is shown) and P_() (a text with a number: "Rep 1 of 2"); nothing else calls
 * libintl. Two languages are in play: the user's (menus, messages, --help: the settings'
 * "language", else LANGUAGE, LC_ALL, LC_MESSAGES, LANG) and the session's (its `language`:
 * the player screen and the words a session says by itself). The switch works without the
 * system's locales: LC_MESSAGES is at least C.UTF-8 and the language goes through LANGUAGE. */
#ifndef PACER_I18N_H
#define PACER_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) s
#define P_(one, many, n) ngettext(one, many, (unsigned long)(n))

/* Binds the catalogs (an uninstalled build's own, else the installed ones) and sets the
 * user's language: 'setting' ("", "en", "es", "de"...) when not empty, else the
 * environment's. Safe to call again (a changed setting). */
void i18n_init(const char *setting);
/* Speak 'lang' from now on ("es", "de_AT"...); NULL or "" goes back to the user's language. */
void i18n_use(const char *lang);
/* msgid in lang (NULL or "": the user's language), whatever language is in use: a pointer
 * that stays valid while the program runs. */
const char *i18n_in(const char *lang, const char *msgid);
const char *i18n_nin(const char *lang, const char *one, const char *many, unsigned long n);
/* The user's language as a primary tag ("en", "es", "de"): the first of a LANGUAGE list,
 * without its region. */
const char *i18n_user_language(void);
/* The catalog folder in use (share/locale or the build's locale/). */
const char *i18n_dir(void);

#endif
