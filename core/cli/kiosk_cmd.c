/* kiosk_cmd.c - pacer kiosk: the locked full-screen menu for clinic tablets. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "kiosk.h"
#include "policy.h"
#include "window.h"

static int hash_pin(void)
{
    char line[64] = "";
    struct termios saved, quiet;
    int tty = isatty(0) && tcgetattr(0, &saved) == 0;
    if (tty) {
        fprintf(stderr, "Staff PIN (4 to 12 digits): ");
        quiet = saved;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(0, TCSANOW, &quiet);
    }
    char *ok = fgets(line, sizeof line, stdin);
    if (tty) {
        tcsetattr(0, TCSANOW, &saved);
        fputc('\n', stderr);
    }
    if (!ok) {
        fprintf(stderr, "pacer kiosk: no PIN given\n");
        return EXIT_USAGE;
    }
    line[strcspn(line, "\r\n")] = 0;
    char hash[256], err[128];
    if (kiosk_pin_hash(line, hash, sizeof hash, err, sizeof err) < 0) {
        fprintf(stderr, "pacer kiosk: %s\n", err);
        return EXIT_USAGE;
    }
    memset(line, 0, sizeof line);
    printf("%s\n", hash);
    return 0;
}

/* pacer kiosk --check FILE: the configuration's problems, as pacer check prints a session's. */
static int check_config(const cli_ctx *ctx, const char *path)
{
    pacer_app *a = cli_app_open(ctx, 1);
    if (!a)
        return EXIT_SESSION_ERROR;
    kiosk_config c;
    kiosk_config_defaults(&c, app_shipped_dir(a));
    app_close(a);
    diag_list d;
    diags_init(&d);
    int rc = kiosk_config_load(path, &c, &d);
    diags_print(&d, stderr);
    int bad = rc < 0 || d.errors > 0;
    diags_free(&d);
    if (!bad && c.warning[0]) {
        fput_safe(c.warning, stderr);
        fputc('\n', stderr);
        bad = 1;
    }
    if (!bad) {
        fput_safe(path, stdout);
        printf(": ok\n");
    }
    return bad ? EXIT_SESSION_ERROR : 0;
}

int cmd_kiosk(const cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"config", required_argument, NULL, 'c'},
                                         {"check", required_argument, NULL, 'k'},
                                         {"reference", no_argument, NULL, 'r'},
                                         {"hash-pin", no_argument, NULL, 'p'},
                                         {"no-audio", no_argument, NULL, OPT_NO_AUDIO},
                                         {"text-size", required_argument, NULL, OPT_TEXT_SIZE},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    const char *config = NULL;
    cli_view_opts v;
    cli_view_defaults(&v);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': config = optarg; break;
        case 'p': return hash_pin();
        case 'k': return check_config(ctx, optarg);
        case 'r': return print_config_reference(kiosk_config_type(), "kiosk") < 0 ? EXIT_SESSION_ERROR : 0;
        case OPT_NO_AUDIO:
        case OPT_TEXT_SIZE:
            if (cli_view_option(&v, c, optarg, "kiosk") < 0)
                return EXIT_USAGE;
            break;
        case 'h': cli_usage(stdout); return 0;
        default: return EXIT_USAGE;
        }
    }
    /* Only the system's plugins: nothing a user folder or a command line could slip in. */
    pacer_app *a = cli_app_open(ctx, 1);
    if (!a)
        return EXIT_SESSION_ERROR;
    kiosk_config cfg;
    kiosk_config_defaults(&cfg, app_shipped_dir(a));
    if (config) {
        diag_list d;
        diags_init(&d);
        if (kiosk_config_load(config, &cfg, &d) < 0) {
            /* never a dead tablet: safe defaults, and staff see why */
            fprintf(stderr, "pacer kiosk: ");
            fput_safe(cfg.warning, stderr);
            fprintf(stderr, "; starting with safe defaults\n");
        } else if (cfg.warning[0]) {
            fprintf(stderr, "pacer kiosk: ");
            fput_safe(cfg.warning, stderr);
            fputc('\n', stderr);
        }
        diags_free(&d);
    }
    if (!window_available()) {
        fprintf(stderr, "pacer kiosk: needs a display (run it under a compositor such as cage: docs/kiosk.md)\n");
        app_close(a);
        return EXIT_IO;
    }
    kiosk_policy policy;
    kiosk_policy_init(&policy, &cfg, a);
    const theme *th = theme_find(cfg.theme);
    window_opts wo = {
        .theme = th ? th : theme_find("default"),
        .reduced_motion = cfg.reduced_motion,
        .text_scale = v.large_text ? SCENE_TEXT_LARGE : 1.0,
        .fullscreen = 1,
        .find_draw = app_find_draw,
        .find_ud = a,
        /* a shared tablet keeps nothing of a patient's session */
        .run = {.buffer = 512, .no_audio = v.no_audio, .resume = RUN_RESUME_OFF, .volume = cfg.volume, .volume_set = 1},
    };
    kiosk_policy_bind(&policy, &wo.kiosk);
    int rc = cli_window(a, cfg.sessions, NULL, &wo);
    if (rc == 0 && policy.exited)
        rc = EXIT_KIOSK_LEFT; /* staff left: the service does not restart the kiosk */
    kiosk_policy_free(&policy); /* a check still running finishes (or ends with us) alone */
    app_close(a);
    return rc;
}
