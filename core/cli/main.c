/* main.c - the pacer program: the command line, dispatched to the commands. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"

const char cli_usage_text[] =
    "Usage: pacer [COMMAND] [OPTIONS] [FILE]\n"
    "Guided breathing and stretching sessions, written as Lua scripts.\n"
    "\n"
    "Commands:\n"
    "  play [FILE]          play a session in a window (or the terminal when there is no\n"
    "                       display); with no file, choose from the session menu\n"
    "  render FILE -o OUT   render a session to OUT.wav or OUT.ogg\n"
    "  snapshot FILE --at SECONDS -o OUT.png\n"
    "  snapshot --progress -o OUT.png\n"
    "                       the Progress picture from the journal: 8 weeks of minutes,\n"
    "                       pain before and after, the streak\n"
    "                       the frame the player shows at that moment, as a picture\n"
    "  check FILE...        check session scripts; prints file:line:col: severity: message\n"
    "  timeline FILE        print the session's timeline (every event at its exact time)\n"
    "  list [DIR...]        list sessions: title, length, summary (default: the shipped\n"
    "                       sessions and your own in $XDG_DATA_HOME/pacer/sessions)\n"
    "  plugins              list the loaded plugins and their step types\n"
    "  kiosk [--config FILE]\n"
    "                       the locked full-screen menu for clinic tablets (docs/kiosk.md)\n"
    "  kiosk --hash-pin     read a staff PIN on standard input, print its hash\n"
    "  kiosk --check FILE   check a kiosk configuration\n"
    "  new NAME             write a commented starter session NAME.lua\n"
    "  api-reference [--luals]\n"
    "                       print the step reference of docs/lua-api.md (or the\n"
    "                       Lua language server's ---@meta file, docs/pacer.d.lua)\n"
    "  history              the sessions you played and a summary (docs/journal.md);\n"
    "                       --json, --csv, --all, --export FILE.csv, --import FILE.csv,\n"
    "                       --forget (asks first; --yes for scripts)\n"
    "  journal add [--pain 0-10] [--sleep HOURS] [--helped TAGS] [--worse TAGS] [--note TEXT]\n"
    "                       today's check-in; tags: walking, sitting, lifting, stress,\n"
    "                       sleep, routine, heat, medicine (comma-separated)\n"
    "  journal [--csv]      the check-ins so far\n"
    "  today [PROGRAM]      play today's sessions of a program one after another\n"
    "                       (docs/programs.md); --set PROGRAM remembers it, --json and\n"
    "                       --date YYYY-MM-DD print the plan without playing\n"
    "  today [PROGRAM]      play today's sessions of a program one after another\n"
    "                       (docs/programs.md); --set PROGRAM remembers it, --json and\n"
    "                       --date YYYY-MM-DD print the plan without playing\n"
    "  (none)               play the default session\n"
    "\n"
    "Options:\n"
    "  --json               timeline: print JSON for tools\n"
    "  -o, --output FILE    render: the file to write (.wav or .ogg)\n"
    "  --buffer FRAMES      play, render: audio buffer size (play 64 to 65536, default\n"
    "                       512; render 1 to 1048576, default 4096)\n"
    "  --audio-only         play: the terminal view, no window (keys: space pause/resume,\n"
    "                       n/p next/previous step, q quit)\n"
    "  --theme NAME         play, snapshot: default or high-contrast\n"
    "  --reduced-motion     play, snapshot: a filling bar instead of a growing circle\n"
    "  --fullscreen         play: start full screen (F11 toggles)\n"
    "  --size WxH           play, snapshot: the window or picture size, each side 200 to\n"
    "                       8192 pixels\n"
    "  --at SECONDS         snapshot: the moment of the session, 0 to 86400\n"
    "  --paused             snapshot: as shown while paused\n"
    "  --no-audio           play: no sound device; the system clock paces the session\n"
    "  --restart            play: start from the beginning, not where you stopped last time\n"
    "  --no-journal         play: do not record this play in the journal\n"
    "  -q, --quiet          check: print problems only\n"
    "  -W, --werror         check: treat warnings as errors\n"
    "  --plugin FILE        load a plugin (a .so) besides those in the plugin folders\n"
    "  --param NAME=VALUE   play, check, timeline, render, snapshot: a value the session\n"
    "                       reads as params.NAME (a number, true, false or text)\n"
    "  --param NAME=VALUE   play, check, timeline, render, snapshot: a value the session\n"
    "                       reads as params.NAME (a number, true, false or text)\n"
    "  -h, --help           show this help\n"
    "  -V, --version        show the version\n"
    "\n"
    "Exit status:\n"
    "  0  success (check: no errors; warnings allowed unless --werror)\n"
    "  1  a session has errors, or cannot be read\n"
    "  2  the command line is wrong\n"
    "  3  a file or standard output could not be written (or a window or device could\n"
    "     not be opened)\n"
    "  4  kiosk: staff left it with \"Exit kiosk\" (the kiosk service does not restart then)\n";

typedef struct command {
    const char *name;
    int (*run)(const cli_ctx *c, int argc, char **argv);
} command;

static int run_new(const cli_ctx *c, int argc, char **argv)
{
    (void)c;
    return cmd_new(argc, argv);
}

static int run_plugins(const cli_ctx *c, int argc, char **argv)
{
    (void)argc, (void)argv;
    return cmd_plugins(c);
}

static const command k_commands[] = {
    {"play", cmd_play},         {"snapshot", cmd_snapshot}, {"render", cmd_render},
    {"check", cmd_check},       {"timeline", cmd_timeline}, {"list", cmd_list},
    {"api-reference", cmd_api_reference}, {"kiosk", cmd_kiosk}, {"plugins", run_plugins},
    {"new", run_new},           {"history", cmd_history},
    {"journal", cmd_journal},   {"today", cmd_today},
};

/* --param NAME=VALUE, for the sessions the command loads. */
static int add_param(cli_ctx *ctx, const char *arg)
{
    char why[256];
    script_param p;
    if (ctx->nparams >= SCRIPT_MAX_PARAMS) {
        fprintf(stderr, "pacer: at most %d --param values\n", SCRIPT_MAX_PARAMS);
        return -1;
    }
    if (script_param_parse(arg, &p, why, sizeof why) < 0) {
        fprintf(stderr, "pacer: --param ");
        fput_safe(arg, stderr);
        fprintf(stderr, ": %s\n", why);
        return -1;
    }
    for (int i = 0; i < ctx->nparams; i++)
        if (strcmp(ctx->params[i].name, p.name) == 0) {
            fprintf(stderr, "pacer: --param %s is given twice\n", p.name);
            return -1;
        }
    ctx->params[ctx->nparams++] = p;
    return 0;
}

static int dispatch(int argc, char **argv)
{
    /* --plugin PATH may stand anywhere on the command line */
    const char *plugins[argc > 0 ? argc : 1];
    static cli_ctx ctx; /* its params are large; one per run */
    ctx.plugins = plugins;
    int kept = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--plugin") == 0 && i + 1 < argc) {
            plugins[ctx.nplugins++] = argv[i + 1];
            i++;
        } else if (strncmp(argv[i], "--plugin=", 9) == 0) {
            plugins[ctx.nplugins++] = argv[i] + 9;
        } else if ((strcmp(argv[i], "--param") == 0 && i + 1 < argc) || strncmp(argv[i], "--param=", 8) == 0) {
            const char *arg = argv[i][7] == '=' ? argv[i] + 8 : argv[++i];
            if (add_param(&ctx, arg) < 0)
                return EXIT_USAGE;
        } else {
            argv[kept++] = argv[i];
        }
    }
    argc = kept;
    argv[argc] = NULL;
    if (argc < 2) {
        char *args[] = {"play", NULL};
        return cmd_play(&ctx, 1, args);
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        fputs(cli_usage_text, stdout);
        return 0;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("pacer %s (script API 1, plugin ABI %d.%d)\n", PACER_VERSION, PACER_ABI_MAJOR, PACER_ABI_MINOR);
        return 0;
    }
    for (size_t i = 0; i < sizeof k_commands / sizeof k_commands[0]; i++)
        if (strcmp(name, k_commands[i].name) == 0)
            return k_commands[i].run(&ctx, argc - 1, argv + 1);
    fprintf(stderr, "pacer: unknown command '");
    fput_safe(name, stderr);
    fprintf(stderr, "'; see pacer --help\n");
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    stdout_guard_init();
    int rc = dispatch(argc, argv);
    /* output lost to a full disk or a closed pipe fails the command, whichever it was */
    return stdout_guard_finish("pacer") < 0 ? EXIT_IO : rc;
}
