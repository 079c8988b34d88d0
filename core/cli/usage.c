/* usage.c - the commands and options of the pacer program, declared once, and `pacer --help`
 * printed from them. The manual page (manpage.c) and the shell completions (completion.c)
 * read the same tables. */
#include "usage.h"

#include <string.h>

#include "theme.h"

const char cli_summary[] = "Guided breathing and stretching sessions, written as Lua scripts.";

const cli_command_doc cli_commands[] = {
    {"play", "[FILE]",
     "play a session in a window (or the terminal when there is no display); with no file, choose from the "
     "session menu",
     CLI_ARG_SESSION, NULL},
    {"render", "FILE -o OUT", "render a session to OUT.wav or OUT.ogg", CLI_ARG_SESSION, NULL},
    {"snapshot", "FILE --at SECONDS -o OUT.png", "the frame the player shows at that moment, as a picture",
     CLI_ARG_SESSION, NULL},
    {"snapshot", "--progress -o OUT.png",
     "the Progress picture from the journal: 8 weeks of minutes, pain before and after, the streak", CLI_ARG_NONE,
     NULL},
    {"check", "FILE...", "check session scripts; prints file:line:col: severity: message", CLI_ARG_SESSION, NULL},
    {"timeline", "FILE", "print the session's timeline (every event at its exact time)", CLI_ARG_SESSION, NULL},
    {"list", "[DIR...]",
     "list sessions: title, length, summary (default: the shipped sessions and your own in "
     "$XDG_DATA_HOME/pacer/sessions)",
     CLI_ARG_DIR, NULL},
    {"plugins", "", "list the loaded plugins and their step types", CLI_ARG_NONE, NULL},
    {"kiosk", "[--config FILE]", "the locked full-screen menu for clinic tablets (docs/kiosk.md)", CLI_ARG_NONE,
     NULL},
    {"kiosk", "--hash-pin", "read a staff PIN on standard input, print its hash", CLI_ARG_NONE, NULL},
    {"kiosk", "--check FILE", "check a kiosk configuration", CLI_ARG_NONE, NULL},
    {"kiosk", "--reference", "print the configuration reference of docs/kiosk.md", CLI_ARG_NONE, NULL},
    {"new", "NAME", "write a commented starter session NAME.lua", CLI_ARG_NONE, NULL},
    {"api-reference", "[--luals | --man]",
     "print the step reference of docs/lua-api.md (or the Lua language server's ---@meta file, "
     "docs/pacer.d.lua; or the manual page pacer-session(5))",
     CLI_ARG_NONE, NULL},
    {"history", "",
     "the sessions you played and a summary (docs/journal.md); --json, --csv, --all, --export FILE.csv, "
     "--import FILE.csv, --forget (asks first; --yes for scripts)",
     CLI_ARG_NONE, NULL},
    {"journal", "add [--pain 0-10] [--sleep HOURS] [--helped TAGS] [--worse TAGS] [--note TEXT]",
     "today's check-in; tags: walking, sitting, lifting, stress, sleep, routine, heat, medicine "
     "(comma-separated)",
     CLI_ARG_WORDS, "add list"},
    {"journal", "[--csv]", "the check-ins so far", CLI_ARG_WORDS, "add list"},
    {"today", "[PROGRAM]",
     "play today's sessions of a program one after another (docs/programs.md); --set PROGRAM remembers it, "
     "--json and --date YYYY-MM-DD print the plan without playing",
     CLI_ARG_SESSION, NULL},
    {"remind", "--at HH:MM [--days mon,wed,fri]",
     "a daily reminder: a desktop notification (a systemd user timer) whose action opens today's sessions "
     "(docs/reminders.md)",
     CLI_ARG_NONE, NULL},
    {"remind", "[--off]", "the reminder set now; --off removes it", CLI_ARG_NONE, NULL},
    {"pack", "FILE.lua -o NAME.pacer",
     "a bundle to share: the script, the files it includes, the recordings it plays and a manifest "
     "(docs/sharing.md)",
     CLI_ARG_SESSION, NULL},
    {"import", "NAME.pacer", "check a bundle whole, then install it into your sessions folder "
     "($XDG_DATA_HOME/pacer/sessions)", CLI_ARG_SESSION, NULL},
    {"settings", "[FLAGS]",
     "the settings in force and where each came from (your file $XDG_CONFIG_HOME/pacer/settings.lua, a "
     "default, or a flag)", CLI_ARG_NONE, NULL},
    {"settings", "--check FILE", "check a settings file; --reference: its keys (docs/settings.md)", CLI_ARG_NONE,
     NULL},
    {"completion", "bash|zsh|fish", "print the shell's completion script for pacer", CLI_ARG_WORDS,
     "bash zsh fish"},
    {"help", "[--man]", "this help (or the manual page pacer(1))", CLI_ARG_NONE, NULL},
    {"", "(none)", "play the default session", CLI_ARG_NONE, NULL},
};
const int cli_ncommands = (int)(sizeof cli_commands / sizeof cli_commands[0]);

const cli_option_doc cli_options[] = {
    {0, "json", NULL, CLI_ARG_NONE, "timeline history today", "print JSON for tools", NULL},
    {0, "csv", NULL, CLI_ARG_NONE, "history journal", "print CSV", NULL},
    {0, "all", NULL, CLI_ARG_NONE, "history", "every session, not only the last 20", NULL},
    {0, "export", "FILE", CLI_ARG_FILE, "history", "write every session to a CSV file", NULL},
    {0, "import", "FILE", CLI_ARG_FILE, "history", "add the sessions of a CSV file", NULL},
    {0, "forget", NULL, CLI_ARG_NONE, "history", "delete every session and check-in (asks first)", NULL},
    {0, "yes", NULL, CLI_ARG_NONE, "history", "do not ask (for scripts)", NULL},
    {'o', "output", "FILE", CLI_ARG_FILE, "render snapshot pack", "the file to write (render: .wav or .ogg; snapshot: .png)",
     NULL},
    {0, "buffer", "FRAMES", CLI_ARG_NONE, "play render",
     "audio buffer size (play 64 to 65536, default 512; render 1 to 1048576, default 4096)", NULL},
    {0, "audio-only", NULL, CLI_ARG_NONE, "play today",
     "the terminal view, no window (keys: space pause/resume, n/p next/previous step, q quit)", NULL},
    {0, "theme", "NAME", CLI_ARG_THEME, "play snapshot settings", "default or high-contrast", NULL},
    {0, "reduced-motion", NULL, CLI_ARG_NONE, "play snapshot settings", "a filling bar instead of a growing circle", NULL},
    {0, "no-reduced-motion", NULL, CLI_ARG_NONE, "play settings", "the growing circle, whatever the settings say",
     NULL},
    {0, "voice", "ENGINE:NAME", CLI_ARG_NONE, "play settings", "a voice for English sessions, e.g. flite:rms", NULL},
    {0, "speech-rate", "WPM", CLI_ARG_NONE, "play settings", "words per minute for every session, 80 to 300", NULL},
    {0, "volume", "V", CLI_ARG_NONE, "play settings",
     "loudness from 0 to 1 (these, --theme and --reduced-motion override your settings for one run)", NULL},
    {0, "text-size", "SIZE", CLI_ARG_WORDS, "play snapshot kiosk settings",
     "normal or large: every text a quarter bigger, to read from farther away", "normal large"},
    {0, "fullscreen", NULL, CLI_ARG_NONE, "play", "start full screen (F11 toggles)", NULL},
    {0, "size", "WxH", CLI_ARG_NONE, "play snapshot", "the window or picture size, each side 200 to 8192 pixels",
     NULL},
    {0, "at", "WHEN", CLI_ARG_NONE, "snapshot remind",
     "snapshot: the moment of the session in seconds, 0 to 86400; remind: the time of day, HH:MM (24-hour)", NULL},
    {0, "paused", NULL, CLI_ARG_NONE, "snapshot", "as shown while paused", NULL},
    {0, "progress", NULL, CLI_ARG_NONE, "snapshot", "the Progress picture instead of a session's frame", NULL},
    {0, "no-audio", NULL, CLI_ARG_NONE, "play kiosk today", "no sound device; the system clock paces the session", NULL},
    {0, "restart", NULL, CLI_ARG_NONE, "play", "start from the beginning, not where you stopped last time", NULL},
    {0, "no-journal", NULL, CLI_ARG_NONE, "play", "do not record this play in the journal", NULL},
    {'q', "quiet", NULL, CLI_ARG_NONE, "check", "print problems only", NULL},
    {'W', "werror", NULL, CLI_ARG_NONE, "check", "treat warnings as errors", NULL},
    {0, "config", "FILE", CLI_ARG_FILE, "kiosk", "the kiosk configuration to use", NULL},
    {0, "check", "FILE", CLI_ARG_FILE, "kiosk settings", "check a kiosk configuration or a settings file", NULL},
    {0, "hash-pin", NULL, CLI_ARG_NONE, "kiosk", "read a staff PIN on standard input, print its hash", NULL},
    {0, "reference", NULL, CLI_ARG_NONE, "kiosk settings", "print the configuration reference (kiosk or settings)", NULL},
    {0, "luals", NULL, CLI_ARG_NONE, "api-reference", "the Lua language server's ---@meta file", NULL},
    {0, "man", NULL, CLI_ARG_NONE, "api-reference help",
     "the manual page: pacer-session(5) (api-reference) or pacer(1) (help)", NULL},
    {0, "pain", "0-10", CLI_ARG_NONE, "journal", "today's pain", NULL},
    {0, "sleep", "HOURS", CLI_ARG_NONE, "journal", "last night's sleep", NULL},
    {0, "helped", "TAGS", CLI_ARG_WORDS, "journal", "what helped (comma-separated tags)",
     "walking sitting lifting stress sleep routine heat medicine"},
    {0, "worse", "TAGS", CLI_ARG_WORDS, "journal", "what made it worse (comma-separated tags)",
     "walking sitting lifting stress sleep routine heat medicine"},
    {0, "note", "TEXT", CLI_ARG_NONE, "journal", "a note, at most 2000 bytes", NULL},
    {0, "days", "DAYS", CLI_ARG_WORDS, "remind", "the days of the reminder (comma-separated; default every day)",
     "mon tue wed thu fri sat sun"},
    {0, "off", NULL, CLI_ARG_NONE, "remind", "remove the reminder", NULL},
    {0, "notify", NULL, CLI_ARG_NONE, "remind",
     "show the notification now (what the reminder's timer runs)", NULL},
    {0, "date", "YYYY-MM-DD", CLI_ARG_NONE, "today", "the day to plan (default: today)", NULL},
    {0, "set", NULL, CLI_ARG_NONE, "today", "remember PROGRAM as the active program", NULL},
    {0, "param", "NAME=VALUE", CLI_ARG_NONE, "play check timeline render snapshot",
     "a value the session reads as params.NAME (a number, true, false or text)", NULL},
    {0, "plugin", "FILE", CLI_ARG_FILE, "*", "load a plugin (a .so) besides those in the plugin folders", NULL},
    {'h', "help", NULL, CLI_ARG_NONE, "*", "show this help", NULL},
    {'V', "version", NULL, CLI_ARG_NONE, "", "show the version", NULL},
};
const int cli_noptions = (int)(sizeof cli_options / sizeof cli_options[0]);

const cli_exit_doc cli_exits[] = {
    {0, "success (check: no errors; warnings allowed unless --werror)"},
    {1, "a session has errors, or cannot be read"},
    {2, "the command line is wrong"},
    {3, "a file or standard output could not be written (or a window or device could not be opened)"},
    {4, "kiosk: staff left it with \"Exit kiosk\" (the kiosk service does not restart then)"},
};
const int cli_nexits = (int)(sizeof cli_exits / sizeof cli_exits[0]);

enum { HELP_WIDTH = 80, HELP_COLUMN = 23 };

/* Prints text from column `col` (the cursor is there), wrapped at HELP_WIDTH with later lines
 * indented to `indent`. */
static void wrap(FILE *out, const char *text, int col, int indent)
{
    const char *p = text;
    while (*p) {
        size_t word = strcspn(p, " ");
        if (col > indent && col + 1 + (int)word > HELP_WIDTH) {
            fprintf(out, "\n%*s", indent, "");
            col = indent;
        } else if (col > indent) {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, word, out);
        col += (int)word;
        p += word;
        while (*p == ' ')
            p++;
    }
    fputc('\n', out);
}

/* "  LEFT" and the text in the description column (on the next line when LEFT is long). */
static void help_row(FILE *out, const char *left, const char *prefix, const char *text)
{
    int col = fprintf(out, "  %s", left);
    if (col > HELP_COLUMN - 2) {
        fputc('\n', out);
        col = 0;
    }
    fprintf(out, "%*s", HELP_COLUMN - col, "");
    char buf[512];
    snprintf(buf, sizeof buf, "%s%s", prefix, text);
    wrap(out, buf, HELP_COLUMN, HELP_COLUMN);
}

int cli_option_for(const cli_option_doc *o, const char *cmd)
{
    if (strcmp(o->commands, "*") == 0)
        return 1;
    size_t n = strlen(cmd);
    if (n == 0)
        return o->commands[0] == 0;
    for (const char *p = o->commands; (p = strstr(p, cmd)) != NULL; p += n)
        if ((p == o->commands || p[-1] == ' ') && (p[n] == 0 || p[n] == ' '))
            return 1;
    return 0;
}

const char *cli_theme_words(void)
{
    static char words[128];
    if (!words[0]) {
        size_t k = 0;
        for (const char *p = theme_names(); *p && k + 1 < sizeof words; p++)
            if (*p != ',')
                words[k++] = *p;
        words[k] = 0;
    }
    return words;
}

void cli_usage(FILE *out)
{
    fprintf(out, "Usage: pacer [COMMAND] [OPTIONS] [FILE]\n%s\n\nCommands:\n", cli_summary);
    for (int i = 0; i < cli_ncommands; i++) {
        const cli_command_doc *c = &cli_commands[i];
        char left[256];
        snprintf(left, sizeof left, "%s%s%s", c->name, c->name[0] && c->args[0] ? " " : "", c->args);
        help_row(out, left, "", c->doc);
    }
    fputs("\nOptions:\n", out);
    for (int i = 0; i < cli_noptions; i++) {
        const cli_option_doc *o = &cli_options[i];
        char left[128], prefix[128] = "";
        const char *v = o->value ? o->value : "", *sp = o->value ? " " : "";
        if (o->short_name)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->name, sp, v);
        else
            snprintf(left, sizeof left, "--%s%s%s", o->name, sp, v);
        if (o->commands[0] && strcmp(o->commands, "*") != 0) {
            /* "play, render: " */
            size_t k = 0;
            for (const char *p = o->commands; *p && k + 4 < sizeof prefix; p++) {
                if (*p == ' ')
                    prefix[k++] = ',';
                prefix[k++] = *p;
            }
            prefix[k++] = ':';
            prefix[k++] = ' ';
            prefix[k] = 0;
        }
        help_row(out, left, prefix, o->doc);
    }
    fputs("\nExit status:\n", out);
    for (int i = 0; i < cli_nexits; i++) {
        fprintf(out, "  %d  ", cli_exits[i].status);
        wrap(out, cli_exits[i].doc, 5, 5);
    }
}
