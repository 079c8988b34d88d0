/* commands.c - the pacer program: argument parsing and the commands. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum { EXIT_SESSION_ERROR = 1, EXIT_USAGE = 2, EXIT_FAILURE_IO = 3 };

static const char usage_text[] =
    "Usage: pacer [COMMAND] [OPTIONS] [FILE]\n"
    "Guided breathing and stretching sessions, written as Lua scripts.\n"
    "\n"
    "Commands:\n"
    "  check FILE...        check session scripts; prints file:line:col: severity: message\n"
    "  timeline FILE        print the session's timeline (every event at its exact time)\n"
    "  list [DIR...]        list sessions: title, length, summary (default: the shipped\n"
    "                       sessions and your own in $XDG_DATA_HOME/pacer/sessions)\n"
    "  api-reference        print the step reference of docs/lua-api.md\n"
    "  (none)               show the default session\n"
    "\n"
    "Options:\n"
    "  --json               timeline: print JSON for tools\n"
    "  -q, --quiet          check: print problems only\n"
    "  -W, --werror         check: treat warnings as errors\n"
    "  -h, --help           show this help\n"
    "  -V, --version        show the version\n"
    "\n"
    "Exit status:\n"
    "  0  success (check: no errors; warnings allowed unless --werror)\n"
    "  1  a session has errors\n"
    "  2  the command line is wrong\n"
    "  3  a file could not be read or written\n";

static registry g_registry;

static void on_stuck(const char *file, double seconds, void *ud)
{
    (void)ud;
    /* Called from the watchdog while the script is stuck inside one library call: nothing
     * can interrupt it, so report and end the process (nothing is being written). */
    fput_safe(file, stderr);
    fprintf(stderr, ": error: the script ran longer than %g s inside a library call (a string pattern?) and was "
                    "stopped\n",
            seconds);
    _exit(EXIT_SESSION_ERROR);
}

static int init_registry(void)
{
    if (g_registry.count)
        return 0;
    char err[256];
    if (registry_add_builtins(&g_registry, err, sizeof err) < 0) {
        fprintf(stderr, "pacer: %s\n", err);
        return -1;
    }
    return 0;
}

int cli_load(const char *path, timeline *t, diag_list *d)
{
    if (init_registry() < 0)
        return -1;
    script_opts so = {.reg = &g_registry, .on_stuck = on_stuck};
    session_model m;
    if (script_load_file(path, &so, &m, d) < 0)
        return -1;
    int rc = session_compile(&m, NULL, t, d);
    session_model_free(&m);
    return rc;
}

static int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"quiet", no_argument, NULL, 'q'}, {"werror", no_argument, NULL, 'W'}, {"help", no_argument, NULL, 'h'}, {0}};
    int quiet = 0, werror = 0, c;
    while ((c = getopt_long(argc, argv, "qWh", opts, NULL)) != -1) {
        switch (c) {
        case 'q': quiet = 1; break;
        case 'W': werror = 1; break;
        case 'h': fputs(usage_text, stdout); return 0;
        default: return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "pacer check: name at least one session file\n");
        return EXIT_USAGE;
    }
    int failed = 0;
    for (int i = optind; i < argc; i++) {
        diag_list d;
        diags_init(&d);
        timeline t;
        int rc = cli_load(argv[i], &t, &d);
        diags_print(&d, stderr);
        if (rc == 0) {
            if (!quiet) {
                char len[32];
                fput_safe(argv[i], stdout);
                fprintf(stdout, ": %s, %s, %d steps, %d warning%s\n", d.warnings ? "checked" : "ok",
                        format_time(t.frames, 0, len, sizeof len), t.nsteps, d.warnings, d.warnings == 1 ? "" : "s");
            }
            timeline_free(&t);
        }
        if (rc != 0 || d.errors || (werror && d.warnings))
            failed = 1;
        diags_free(&d);
    }
    return failed ? EXIT_SESSION_ERROR : 0;
}

static int cmd_timeline(int argc, char **argv)
{
    static const struct option opts[] = {{"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
    int json = 0, c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'j': json = 1; break;
        case 'h': fputs(usage_text, stdout); return 0;
        default: return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        fprintf(stderr, "pacer timeline: name exactly one session file\n");
        return EXIT_USAGE;
    }
    diag_list d;
    diags_init(&d);
    timeline t;
    int rc = cli_load(argv[optind], &t, &d);
    diags_print(&d, stderr);
    diags_free(&d);
    if (rc < 0)
        return EXIT_SESSION_ERROR;
    if (json)
        print_timeline_json(&t, stdout);
    else
        print_timeline_table(&t, stdout);
    timeline_free(&t);
    return fflush(stdout) == 0 ? 0 : EXIT_FAILURE_IO;
}

static int list_dir(const char *dir, int quiet_missing, int *failed)
{
    char **files;
    int n = list_session_files(dir, &files);
    if (n < 0) {
        if (!quiet_missing) {
            fprintf(stderr, "pacer list: cannot read the folder ");
            fput_safe(dir, stderr);
            fputc('\n', stderr);
            *failed = 1;
        }
        return 0;
    }
    for (int i = 0; i < n; i++) {
        diag_list d;
        diags_init(&d);
        timeline t;
        if (cli_load(files[i], &t, &d) == 0) {
            print_list_row(&t, files[i], stdout);
            timeline_free(&t);
        } else {
            /* one line per broken file: its first error */
            for (int k = 0; k < d.count; k++) {
                if (d.items[k].severity == DIAG_ERROR) {
                    diag_list one = {.items = &d.items[k], .count = 1};
                    diags_print(&one, stderr);
                    break;
                }
            }
            *failed = 1;
        }
        diags_free(&d);
    }
    free_paths(files, n);
    return n;
}

static int cmd_list(int argc, char **argv)
{
    int failed = 0;
    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            list_dir(argv[i], 0, &failed);
    } else {
        list_dir(shipped_sessions_dir(), 0, &failed);
        const char *user = user_sessions_dir();
        if (user)
            list_dir(user, 1, &failed);
    }
    return failed ? EXIT_SESSION_ERROR : 0;
}

static int cmd_default(void)
{
    const char *path = default_session_path();
    diag_list d;
    diags_init(&d);
    timeline t;
    int rc = cli_load(path, &t, &d);
    diags_print(&d, stderr);
    diags_free(&d);
    if (rc < 0)
        return EXIT_SESSION_ERROR;
    print_timeline_table(&t, stdout);
    timeline_free(&t);
    return 0;
}

int cli_main(int argc, char **argv)
{
    int rc;
    if (argc < 2) {
        rc = cmd_default();
    } else if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(usage_text, stdout);
        rc = 0;
    } else if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("pacer %s (script API 1, plugin ABI %d.%d)\n", PACER_VERSION, PACER_ABI_MAJOR, PACER_ABI_MINOR);
        rc = 0;
    } else if (strcmp(argv[1], "check") == 0) {
        rc = cmd_check(argc - 1, argv + 1);
    } else if (strcmp(argv[1], "timeline") == 0) {
        rc = cmd_timeline(argc - 1, argv + 1);
    } else if (strcmp(argv[1], "list") == 0) {
        rc = cmd_list(argc - 1, argv + 1);
    } else if (strcmp(argv[1], "api-reference") == 0) {
        rc = init_registry() < 0 ? EXIT_SESSION_ERROR : 0;
        if (!rc)
            print_api_reference(&g_registry, stdout);
    } else {
        fprintf(stderr, "pacer: unknown command '");
        fput_safe(argv[1], stderr);
        fprintf(stderr, "'; see pacer --help\n");
        rc = EXIT_USAGE;
    }
    registry_free(&g_registry);
    return rc;
}
