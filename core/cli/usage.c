/* usage.c - the commands and options of the pacer program, declared once, and `pacer --help`
 * printed from them. The manual page (manpage.c) and the shell completions (completion.c)
 * read the same tables. */
#include "usage.h"

#include <string.h>

#include "i18n.h"
#include "theme.h"

const char cli_summary[] = N_("Guided breathing and stretching sessions, written as Lua scripts.");

const cli_command_doc cli_commands[] = {
    {"play", "[FILE]",
     N_("play a session in a window (or the terminal when there is no display); with no file, choose from the "
     "session menu"),
     CLI_ARG_SESSION, NULL},
    {"render", "FILE -o OUT", N_("render a session to OUT.wav or OUT.ogg"), CLI_ARG_SESSION, NULL},
    {"snapshot", "FILE --at SECONDS -o OUT.png", N_("the frame the player shows at that moment, as a picture"),
     CLI_ARG_SESSION, NULL},
    {"snapshot", "--progress -o OUT.png",
     N_("the Progress picture from the journal: 8 weeks of minutes, pain before and after, the streak"), CLI_ARG_NONE,
     NULL},
    {"check", "FILE...", N_("check session scripts; prints file:line:col: severity: message"), CLI_ARG_SESSION, NULL},
    {"timeline", "FILE", N_("print the session's timeline (every event at its exact time)"), CLI_ARG_SESSION, NULL},
    {"list", "[DIR...]",
     N_("list sessions: title, length, summary (default: the shipped sessions and your own in "
     "$XDG_DATA_HOME/pacer/sessions)"),
     CLI_ARG_DIR, NULL},
    {"plugins", "", N_("list the loaded plugins and their step types"), CLI_ARG_NONE, NULL},
    {"kiosk", "[--config FILE]", N_("the locked full-screen menu for clinic tablets (docs/kiosk.md)"), CLI_ARG_NONE,
     NULL},
    {"kiosk", "--hash-pin", N_("read a staff PIN on standard input, print its hash"), CLI_ARG_NONE, NULL},
    {"kiosk", "--check FILE", N_("check a kiosk configuration"), CLI_ARG_NONE, NULL},
    {"kiosk", "--reference", N_("print the configuration reference of docs/kiosk.md"), CLI_ARG_NONE, NULL},
    {"new", "NAME", N_("write a commented starter session NAME.lua"), CLI_ARG_NONE, NULL},
    {"api-reference", "[--luals | --man]",
     N_("print the step reference of docs/lua-api.md (or the Lua language server's ---@meta file, "
     "docs/pacer.d.lua; or the manual page pacer-session(5))"),
     CLI_ARG_NONE, NULL},
    {"history", "",
     N_("the sessions you played and a summary (docs/journal.md); --json, --csv, --all, --export FILE.csv, "
     "--import FILE.csv, --forget (asks first; --yes for scripts)"),
     CLI_ARG_NONE, NULL},
    {"journal", "add [--pain 0-10] [--sleep HOURS] [--helped TAGS] [--worse TAGS] [--note TEXT]",
     N_("today's check-in; tags: walking, sitting, lifting, stress, sleep, routine, heat, medicine "
     "(comma-separated)"),
     CLI_ARG_WORDS, "add list"},
    {"journal", "[--csv]", N_("the check-ins so far"), CLI_ARG_WORDS, "add list"},
    {"today", "[PROGRAM]",
     N_("play today's sessions of a program one after another (docs/programs.md); --set PROGRAM remembers it, "
     "--json and --date YYYY-MM-DD print the plan without playing"),
     CLI_ARG_SESSION, NULL},
    {"remind", "--at HH:MM [--days mon,wed,fri]",
     N_("a daily reminder: a desktop notification (a systemd user timer) whose action opens today's sessions "
     "(docs/reminders.md)"),
     CLI_ARG_NONE, NULL},
    {"remind", "[--off]", N_("the reminder set now; --off removes it"), CLI_ARG_NONE, NULL},
    {"pack", "FILE.lua -o NAME.pacer",
     N_("a bundle to share: the script, the files it includes, the recordings it plays and a manifest "
     "(docs/sharing.md)"),
     CLI_ARG_SESSION, NULL},
    {"import", "NAME.pacer", N_("check a bundle whole, then install it into your sessions folder "
     "($XDG_DATA_HOME/pacer/sessions)"), CLI_ARG_SESSION, NULL},
    {"settings", "[FLAGS]",
     N_("the settings in force and where each came from (your file $XDG_CONFIG_HOME/pacer/settings.lua, a "
     "default, or a flag)"), CLI_ARG_NONE, NULL},
    {"settings", "--check FILE", N_("check a settings file; --reference: its keys (docs/settings.md)"), CLI_ARG_NONE,
     NULL},
    {"completion", "bash|zsh|fish", N_("print the shell's completion script for pacer"), CLI_ARG_WORDS,
     "bash zsh fish"},
    {"help", "[--man]", N_("this help (or the manual page pacer(1))"), CLI_ARG_NONE, NULL},
    {"", "(none)", N_("play the default session"), CLI_ARG_NONE, NULL},
};
const int cli_ncommands = (int)(sizeof cli_commands / sizeof cli_commands[0]);

const cli_option_doc cli_options[] = {
    {0, "json", NULL, CLI_ARG_NONE, "timeline history today", N_("print JSON for tools"), NULL},
    {0, "csv", NULL, CLI_ARG_NONE, "history journal", N_("print CSV"), NULL},
    {0, "all", NULL, CLI_ARG_NONE, "history", N_("every session, not only the last 20"), NULL},
    {0, "export", "FILE", CLI_ARG_FILE, "history", N_("write every session to a CSV file"), NULL},
    {0, "import", "FILE", CLI_ARG_FILE, "history", N_("add the sessions of a CSV file"), NULL},
    {0, "forget", NULL, CLI_ARG_NONE, "history", N_("delete every session and check-in (asks first)"), NULL},
    {0, "yes", NULL, CLI_ARG_NONE, "history", N_("do not ask (for scripts)"), NULL},
    {'o', "output", "FILE", CLI_ARG_FILE, "render snapshot pack", N_("the file to write (render: .wav or .ogg; snapshot: .png)"),
     NULL},
    {0, "buffer", "FRAMES", CLI_ARG_NONE, "play render",
     N_("audio buffer size (play 64 to 65536, default 512; render 1 to 1048576, default 4096)"), NULL},
    {0, "audio-only", NULL, CLI_ARG_NONE, "play today",
     N_("the terminal view, no window (keys: space pause/resume, n/p next/previous step, q quit)"), NULL},
    {0, "theme", "NAME", CLI_ARG_THEME, "play snapshot settings", N_("default or high-contrast"), NULL},
    {0, "reduced-motion", NULL, CLI_ARG_NONE, "play snapshot settings", N_("a filling bar instead of a growing circle"), NULL},
    {0, "no-reduced-motion", NULL, CLI_ARG_NONE, "play settings", N_("the growing circle, whatever the settings say"),
     NULL},
    {0, "voice", "ENGINE:NAME", CLI_ARG_NONE, "play settings", N_("a voice for English sessions, e.g. flite:rms"), NULL},
    {0, "speech-rate", "WPM", CLI_ARG_NONE, "play settings", N_("words per minute for every session, 80 to 300"), NULL},
    {0, "volume", "V", CLI_ARG_NONE, "play settings",
     N_("loudness from 0 to 1 (these, --theme and --reduced-motion override your settings for one run)"), NULL},
    {0, "text-size", "SIZE", CLI_ARG_WORDS, "play snapshot kiosk settings",
     N_("normal or large: every text a quarter bigger, to read from farther away"), "normal large"},
    {0, "fullscreen", NULL, CLI_ARG_NONE, "play", N_("start full screen (F11 toggles)"), NULL},
    {0, "size", "WxH", CLI_ARG_NONE, "play snapshot", N_("the window or picture size, each side 200 to 8192 pixels"),
     NULL},
    {0, "at", "WHEN", CLI_ARG_NONE, "snapshot remind",
     N_("snapshot: the moment of the session in seconds, 0 to 86400; remind: the time of day, HH:MM (24-hour)"), NULL},
    {0, "paused", NULL, CLI_ARG_NONE, "snapshot", N_("as shown while paused"), NULL},
    {0, "progress", NULL, CLI_ARG_NONE, "snapshot", N_("the Progress picture instead of a session's frame"), NULL},
    {0, "no-audio", NULL, CLI_ARG_NONE, "play kiosk today", N_("no sound device; the system clock paces the session"), NULL},
    {0, "restart", NULL, CLI_ARG_NONE, "play", N_("start from the beginning, not where you stopped last time"), NULL},
    {0, "no-journal", NULL, CLI_ARG_NONE, "play", N_("do not record this play in the journal"), NULL},
    {'q', "quiet", NULL, CLI_ARG_NONE, "check", N_("print problems only"), NULL},
    {'W', "werror", NULL, CLI_ARG_NONE, "check", N_("treat warnings as errors"), NULL},
    {0, "config", "FILE", CLI_ARG_FILE, "kiosk", N_("the kiosk configuration to use"), NULL},
    {0, "check", "FILE", CLI_ARG_FILE, "kiosk settings", N_("check a kiosk configuration or a settings file"), NULL},
    {0, "hash-pin", NULL, CLI_ARG_NONE, "kiosk", N_("read a staff PIN on standard input, print its hash"), NULL},
    {0, "reference", NULL, CLI_ARG_NONE, "kiosk settings", N_("print the configuration reference (kiosk or settings)"), NULL},
    {0, "luals", NULL, CLI_ARG_NONE, "api-reference", N_("the Lua language server's ---@meta file"), NULL},
    {0, "man", NULL, CLI_ARG_NONE, "api-reference help",
     N_("the manual page: pacer-session(5) (api-reference) or pacer(1) (help)"), NULL},
    {0, "pain", "0-10", CLI_ARG_NONE, "journal", N_("today's pain"), NULL},
    {0, "sleep", "HOURS", CLI_ARG_NONE, "journal", N_("last night's sleep"), NULL},
    {0, "helped", "TAGS", CLI_ARG_WORDS, "journal", N_("what helped (comma-separated tags)"),
     "walking sitting lifting stress sleep routine heat medicine"},
    {0, "worse", "TAGS", CLI_ARG_WORDS, "journal", N_("what made it worse (comma-separated tags)"),
     "walking sitting lifting stress sleep routine heat medicine"},
    {0, "note", "TEXT", CLI_ARG_NONE, "journal", N_("a note, at most 2000 bytes"), NULL},
    {0, "days", "DAYS", CLI_ARG_WORDS, "remind", N_("the days of the reminder (comma-separated; default every day)"),
     "mon tue wed thu fri sat sun"},
    {0, "off", NULL, CLI_ARG_NONE, "remind", N_("remove the reminder"), NULL},
    {0, "notify", NULL, CLI_ARG_NONE, "remind",
     N_("show the notification now (what the reminder's timer runs)"), NULL},
    {0, "date", "YYYY-MM-DD", CLI_ARG_NONE, "today", N_("the day to plan (default: today)"), NULL},
    {0, "set", NULL, CLI_ARG_NONE, "today", N_("remember PROGRAM as the active program"), NULL},
    {0, "param", "NAME=VALUE", CLI_ARG_NONE, "play check timeline render snapshot",
     N_("a value the session reads as params.NAME (a number, true, false or text)"), NULL},
    {0, "plugin", "FILE", CLI_ARG_FILE, "*", N_("load a plugin (a .so) besides those in the plugin folders"), NULL},
    {'h', "help", NULL, CLI_ARG_NONE, "*", N_("show this help"), NULL},
    {'V', "version", NULL, CLI_ARG_NONE, "", N_("show the version"), NULL},
};
const int cli_noptions = (int)(sizeof cli_options / sizeof cli_options[0]);

const cli_exit_doc cli_exits[] = {
    {0, N_("success (check: no errors; warnings allowed unless --werror)")},
    {1, N_("a session has errors, or cannot be read")},
    {2, N_("the command line is wrong")},
    {3, N_("a file or standard output could not be written (or a window or device could not be opened)")},
    {4, N_("kiosk: staff left it with \"Exit kiosk\" (the kiosk service does not restart then)")},
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
    fprintf(out, "%s: pacer [COMMAND] [OPTIONS] [FILE]\n%s\n\n%s:\n", _("Usage"), _(cli_summary), _("Commands"));
    for (int i = 0; i < cli_ncommands; i++) {
        const cli_command_doc *c = &cli_commands[i];
        char left[256];
        snprintf(left, sizeof left, "%s%s%s", c->name, c->name[0] && c->args[0] ? " " : "", c->args);
        help_row(out, left, "", _(c->doc));
    }
    fprintf(out, "\n%s:\n", _("Options"));
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
        help_row(out, left, prefix, _(o->doc));
    }
    fprintf(out, "\n%s:\n", _("Exit status"));
    for (int i = 0; i < cli_nexits; i++) {
        fprintf(out, "  %d  ", cli_exits[i].status);
        wrap(out, _(cli_exits[i].doc), 5, 5);
    }
}
