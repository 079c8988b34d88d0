/* settings.h - the user's remembered settings: $XDG_CONFIG_HOME/pacer/settings.lua
 * (~/.config/pacer/settings.lua), a Lua file returning settings { ... }.
 *
 * The file is read by the same sandbox as sessions and the kiosk's configuration, its keys
 * declared once in a table (settings.c) like a step type's fields: an unknown key gets a
 * "did you mean", a wrong value names its line. A bad file never stops Pacer: the defaults
 * stay and one line says why. The Settings screen writes the file whole or not at all. */
#ifndef PACER_SETTINGS_H
#define PACER_SETTINGS_H

#include <stddef.h>

#include "model.h"
#include "util.h"

typedef enum settings_key {
    SET_THEME,
    SET_REDUCED_MOTION,
    SET_VOICE,
    SET_SPEECH_RATE,
    SET_VOLUME,
    SET_LANGUAGE,
    SET_TEXT_SIZE,
    SET_SPEAK_MENU,
    SET_COUNT
} settings_key;

/* Where a value in force came from. */
typedef enum settings_source { SETTINGS_DEFAULT = 0, SETTINGS_FILE, SETTINGS_FLAG } settings_source;

typedef struct settings {
    char theme[32];     /* "default" or "high-contrast" */
    int reduced_motion; /* a filling bar instead of a growing circle */
    char voice[64];     /* a voice for English sessions; "": each session's own */
    int speech_rate;    /* words per minute, 80 to 300; 0: each session's own */
    double volume;      /* 0..1 */
    char language[16];  /* menus and messages: "en", "es", "de"...; "": the system's */
    char text_size[8];  /* "normal" or "large" (every text 1.25 times as big) */
    int speak_menu;     /* the menu says the focused session's title and length */
    settings_source from[SET_COUNT];
    int line[SET_COUNT]; /* SETTINGS_FILE: the line of the file that set it */
} settings;

/* The settings' declaration (for docs and the loader). */
const pacer_step_type *settings_type(void);
void settings_defaults(settings *s);
/* The file's path into buf; NULL when there is neither $XDG_CONFIG_HOME nor $HOME. */
const char *settings_path(char *buf, size_t n);

/* Reads path over the defaults. Returns 1 when there is no such file (the defaults), 0 when
 * it was read, -1 when it is bad: s keeps the defaults and why holds "file:line: message". */
int settings_load(const char *path, settings *s, char *why, size_t n);
/* The same for the file's text already in memory; same_process as in script_opts. */
int settings_load_text(const char *path, const char *text, size_t len, int same_process, settings *s, char *why,
                       size_t n);

/* The settings as the text of a settings file (every value that is not the default), which
 * settings_load reads back to the same values. Returns 0, or -1 when out of memory. */
int settings_format(const settings *s, strbuf *out);
/* Writes the file atomically (util/outfile.c), making its folder when it is missing. Returns
 * 0, or -1 with err. */
int settings_save(const char *path, const settings *s, char *err, size_t n);

/* A key's name ("theme") and its value in force as text ("high-contrast", "false", "0.8",
 * "each session's own"). */
const char *settings_key_name(settings_key k);
void settings_value_text(const settings *s, settings_key k, char *buf, size_t n);

#endif
