/* settings_cmd.c - the user's remembered settings on the command line: read for a run,
 * overridden by flags for that run, and printed by `pacer settings`. */
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"

void cli_language_init(void)
{
    i18n_init(NULL);
    /* the settings' language over the environment's, when the file says one; its problems
     * are told by the commands that use the settings */
    char path[4096], why[600];
    settings s;
    if (settings_path(path, sizeof path) && access(path, F_OK) == 0 && settings_load(path, &s, why, sizeof why) == 0 &&
        s.language[0])
        i18n_init(s.language);
}

void cli_settings_load(settings *s)
{
    char path[4096], why[600];
    if (!settings_path(path, sizeof path)) {
        settings_defaults(s);
        return;
    }
    if (settings_load(path, s, why, sizeof why) < 0) {
        fputs("pacer: ", stderr);
        fput_safe(why, stderr);
        fprintf(stderr, "%s\n", _("; using the default settings"));
    }
}

/* The flag that overrides a key, as `pacer settings` names it. */
static const char *const flag_of[SET_COUNT] = {
    [SET_THEME] = "--theme", [SET_REDUCED_MOTION] = "--reduced-motion", [SET_VOICE] = "--voice",
    [SET_SPEECH_RATE] = "--speech-rate", [SET_VOLUME] = "--volume", [SET_TEXT_SIZE] = "--text-size"};

int cli_settings_option(settings *s, int c, const char *arg, const char *cmd)
{
    settings_key k;
    switch (c) {
    case OPT_THEME:
        if (!theme_find(arg)) {
            fprintf(stderr, "pacer %s: %s'", cmd, _("unknown theme "));
            fput_safe(arg, stderr);
            fprintf(stderr, "'; %s %s\n", _("themes:"), theme_names());
            return -1;
        }
        snprintf(s->theme, sizeof s->theme, "%s", arg);
        k = SET_THEME;
        break;
    case OPT_REDUCED_MOTION:
    case OPT_SET_MOTION:
        s->reduced_motion = c == OPT_REDUCED_MOTION;
        k = SET_REDUCED_MOTION;
        break;
    case OPT_TEXT_SIZE: {
        int large = cli_text_size(arg, cmd);
        if (large < 0)
            return -1;
        snprintf(s->text_size, sizeof s->text_size, "%s", large ? "large" : "normal");
        k = SET_TEXT_SIZE;
        break;
    }
    case OPT_SET_VOICE: {
        size_t n = strlen(arg);
        int ok = n < sizeof s->voice && strchr(arg, ':') && arg[0] != ':';
        for (size_t i = 0; ok && i < n; i++)
            ok = (arg[i] >= 'a' && arg[i] <= 'z') || (arg[i] >= '0' && arg[i] <= '9') || strchr(":-_", arg[i]);
        if (!ok && n) {
            fprintf(stderr, "pacer %s: %s'", cmd,
                    _("--voice takes engine:name, e.g. flite:rms (or \"\" for each session's own), not "));
            fput_safe(arg, stderr);
            fputs("'\n", stderr);
            return -1;
        }
        snprintf(s->voice, sizeof s->voice, "%s", arg);
        k = SET_VOICE;
        break;
    }
    case OPT_SET_RATE:
        if (opt_int(cmd, "--speech-rate", arg, 80, 300, "words per minute", &s->speech_rate) < 0)
            return -1;
        k = SET_SPEECH_RATE;
        break;
    case OPT_SET_VOLUME: {
        double v;
        if (parse_double(arg, 0, 1, &v) < 0) {
            fprintf(stderr, "pacer %s: %s'", cmd, _("--volume takes a number from 0 to 1, e.g. 0.6, not "));
            fput_safe(arg, stderr);
            fputs("'\n", stderr);
            return -1;
        }
        s->volume = v;
        k = SET_VOLUME;
        break;
    }
    default: return 0;
    }
    s->from[k] = SETTINGS_FLAG;
    return 1;
}

int cmd_settings(const cli_ctx *c, int argc, char **argv)
{
    (void)c;
    static const struct option opts[] = {{"theme", required_argument, NULL, OPT_THEME},
                                         {"reduced-motion", no_argument, NULL, OPT_REDUCED_MOTION},
                                         {"text-size", required_argument, NULL, OPT_TEXT_SIZE},
                                         CLI_SETTINGS_OPTIONS,
                                         {"check", required_argument, NULL, 'c'},
                                         {"reference", no_argument, NULL, 'r'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    settings s;
    cli_settings_load(&s);
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        int taken = cli_settings_option(&s, o, optarg, "settings");
        if (taken < 0)
            return EXIT_USAGE;
        if (taken)
            continue;
        if (o == 'h') {
            cli_usage(stdout);
            return 0;
        }
        if (o == 'r')
            return print_config_reference(settings_type(), "settings") < 0 ? EXIT_SESSION_ERROR : 0;
        if (o == 'c') {
            /* a settings file checked as Pacer reads it: one line, file:line, when it is bad */
            settings chk;
            char why[600];
            int r = settings_load(optarg, &chk, why, sizeof why);
            if (r != 0) {
                fputs(r > 0 ? optarg : why, stderr);
                fprintf(stderr, "%s\n", r > 0 ? _(": no such file") : "");
                return EXIT_SESSION_ERROR;
            }
            printf("%s: %s\n", optarg, _("ok"));
            return 0;
        }
        return EXIT_USAGE;
    }
    if (optind < argc) {
        fprintf(stderr, "pacer settings: %s %s\n", _("takes no file; the settings file is"),
                "$XDG_CONFIG_HOME/pacer/settings.lua");
        return EXIT_USAGE;
    }
    char path[4096];
    const char *p = settings_path(path, sizeof path);
    printf("# %s\n", p ? p : _("(no settings file: neither $XDG_CONFIG_HOME nor $HOME is set)"));
    for (int k = 0; k < SET_COUNT; k++) {
        char value[100], from[4200];
        settings_value_text(&s, k, value, sizeof value);
        /* "not set" in the user's words; a value itself is the file's */
        const char *shown = value;
        if ((k == SET_VOICE && !s.voice[0]) || (k == SET_SPEECH_RATE && !s.speech_rate))
            shown = _("each session's own");
        else if (k == SET_LANGUAGE && !s.language[0])
            shown = _("the system's");
        if (s.from[k] == SETTINGS_FILE)
            snprintf(from, sizeof from, "%s:%d", p ? p : "?", s.line[k]);
        else
            snprintf(from, sizeof from, "%s", s.from[k] == SETTINGS_FLAG ? flag_of[k] : "default");
        printf("%-15s ", settings_key_name(k));
        cli_put_col(shown, -20, stdout);
        putchar(' ');
        fput_safe(from, stdout);
        putchar('\n');
    }
    return 0;
}
