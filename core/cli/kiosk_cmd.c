/* kiosk_cmd.c - pacer kiosk: the locked full-screen menu for clinic tablets. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "kiosk.h"
#include "window.h"

static kiosk_config g_cfg;

static int verify(void *ud, const char *pin)
{
    (void)ud;
    return kiosk_pin_verify(g_cfg.pin_hash, pin);
}

static void set_voice(void *ud, const char *voice)
{
    (void)ud;
    cli_set_voice_override(voice && *voice ? voice : NULL);
}

static void set_volume(void *ud, double v)
{
    (void)ud;
    g_cfg.volume = v;
}

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

int cmd_kiosk(int argc, char **argv)
{
    static const struct option opts[] = {{"config", required_argument, NULL, 'c'},
                                         {"hash-pin", no_argument, NULL, 'p'},
                                         {"no-audio", no_argument, NULL, 'n'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    const char *config = NULL;
    int no_audio = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': config = optarg; break;
        case 'p': return hash_pin();
        case 'n': no_audio = 1; break;
        case 'h': fputs(cli_usage_text, stdout); return 0;
        default: return EXIT_USAGE;
        }
    }
    /* Only the system's plugins: nothing a user folder or a command line could slip in. */
    cli_set_system_plugins_only();
    kiosk_config_defaults(&g_cfg, shipped_sessions_dir());
    if (config) {
        diag_list d;
        diags_init(&d);
        if (kiosk_config_load(config, &g_cfg, &d) < 0) {
            /* never a dead tablet: safe defaults, and staff see why */
            fprintf(stderr, "pacer kiosk: ");
            fput_safe(g_cfg.warning, stderr);
            fprintf(stderr, "; starting with safe defaults\n");
        } else if (g_cfg.warning[0]) {
            fprintf(stderr, "pacer kiosk: ");
            fput_safe(g_cfg.warning, stderr);
            fputc('\n', stderr);
        }
        diags_free(&d);
    }
    if (!window_available()) {
        fprintf(stderr, "pacer kiosk: needs a display (run it under a compositor such as cage: docs/kiosk.md)\n");
        return EXIT_IO;
    }
    static const char *const voices[] = {"", "flite:slt", "flite:rms", "flite:awb", "flite:kal"};
    if (g_cfg.voice[0])
        cli_set_voice_override(g_cfg.voice);
    static const char *const corners[] = {"top-left", "top-right", "bottom-left", "bottom-right"};
    int corner = 0;
    for (int i = 0; i < 4; i++)
        if (strcmp(g_cfg.corner, corners[i]) == 0)
            corner = i;
    window_opts wo = {
        .theme = g_cfg.theme,
        .reduced_motion = g_cfg.reduced_motion,
        .fullscreen = 1,
        .buffer = 512,
        .no_audio = no_audio,
        .find_draw = cli_find_draw,
        .volume = g_cfg.volume,
        .kiosk = {.on = 1,
                  .idle_seconds = g_cfg.idle_minutes * 60.0,
                  .corner = corner,
                  .hold_seconds = g_cfg.hold_seconds,
                  .sessions_dir = g_cfg.sessions,
                  .warning = g_cfg.warning,
                  .verify_pin = g_cfg.pin_hash[0] ? verify : NULL,
                  .voices = voices,
                  .nvoices = 5,
                  .set_voice = set_voice,
                  .set_volume = set_volume},
    };
    return cli_window(NULL, &wo);
}
