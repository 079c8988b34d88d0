/* main.c - the pacer program: the command line, dispatched to the commands. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"

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

static int run_completion(const cli_ctx *c, int argc, char **argv)
{
    (void)c;
    if (argc != 2 || print_completion(argv[1], stdout) < 0) {
        fprintf(stderr, "pacer completion: name one shell: bash, zsh or fish\n");
        return EXIT_USAGE;
    }
    return 0;
}

static int run_help(const cli_ctx *c, int argc, char **argv)
{
    (void)c;
    if (argc > 1 && strcmp(argv[1], "--man") == 0)
        print_man_pacer(PACER_VERSION, stdout);
    else
        cli_usage(stdout);
    return 0;
}

static const command k_commands[] = {
    {"play", cmd_play},         {"snapshot", cmd_snapshot}, {"render", cmd_render},
    {"check", cmd_check},       {"timeline", cmd_timeline}, {"list", cmd_list},
    {"api-reference", cmd_api_reference}, {"kiosk", cmd_kiosk}, {"plugins", run_plugins},
    {"new", run_new},           {"history", cmd_history},
    {"journal", cmd_journal},   {"completion", run_completion}, {"help", run_help},
    {"settings", cmd_settings},   {"pack", cmd_pack},         {"import", cmd_import},
    {"remind", cmd_remind},
    {"today", cmd_today},
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
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        cli_usage(stdout);
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
    cli_language_init();
    int rc = dispatch(argc, argv);
    /* output lost to a full disk or a closed pipe fails the command, whichever it was */
    return stdout_guard_finish("pacer") < 0 ? EXIT_IO : rc;
}
