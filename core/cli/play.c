/* play.c - pacer play: the options, then the session in a window, or in the terminal when
 * there is no display (or --audio-only). Both are front-ends of the same runner. */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "journal.h"
#include "policy.h"
#include "resume.h"
#include "window.h"

/* The Settings screen's change: into the file, and into the app for the next session. */
typedef struct screen_settings {
    pacer_app *app;
    settings file; /* as read (the command line's flags are for one run only) */
} screen_settings;

static int save_settings(void *ud, const ui_settings *u, char *err, size_t n)
{
    screen_settings *ss = ud;
    settings s = ss->file;
    snprintf(s.theme, sizeof s.theme, "%s", u->theme);
    s.reduced_motion = u->reduced_motion;
    snprintf(s.voice, sizeof s.voice, "%s", u->voice);
    s.speech_rate = u->speech_rate;
    s.volume = u->volume;
    snprintf(s.language, sizeof s.language, "%s", u->language);
    i18n_init(s.language); /* the menu speaks it from the next frame */
    snprintf(s.text_size, sizeof s.text_size, "%s", u->large_text ? "large" : "normal");
    app_set_voice(ss->app, s.voice);
    app_set_rate(ss->app, s.speech_rate);
    char path[4096];
    if (!settings_path(path, sizeof path)) {
        snprintf(err, n, "neither $XDG_CONFIG_HOME nor $HOME is set");
        return -1;
    }
    if (settings_save(path, &s, err, n) < 0)
        return -1;
    ss->file = s;
    return 0;
}

int cmd_play(const cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {CLI_VIEW_OPTIONS,
                                         CLI_SETTINGS_OPTIONS,
                                         {"audio-only", no_argument, NULL, 'a'},
                                         {"fullscreen", no_argument, NULL, 'f'},
                                         {"restart", no_argument, NULL, 'R'},
                                         {"no-journal", no_argument, NULL, 'J'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    int audio_only = 0, restart = 0, fullscreen = 0, no_journal = 0, o;
    cli_view_opts v;
    cli_view_defaults(&v);
    settings st; /* remembered, and this run's flags over them */
    cli_settings_load(&st);
    screen_settings ss = {.file = st};
    optind = 1;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        int taken = cli_settings_option(&st, o, optarg, "play");
        if (!taken)
            taken = cli_view_option(&v, o, optarg, "play");
        if (taken < 0)
            return EXIT_USAGE;
        if (taken)
            continue;
        switch (o) {
        case 'a': audio_only = 1; break;
        case 'R': restart = 1; break;
        case 'f': fullscreen = 1; break;
        case 'J': no_journal = 1; break;
        case 'h': cli_usage(stdout); return 0;
        default: return EXIT_USAGE;
        }
    }
    if (optind + 1 < argc) {
        fprintf(stderr, "pacer play: name one session file\n");
        return EXIT_USAGE;
    }
    const char *path = optind < argc ? argv[optind] : NULL;
    if (restart && path)
        resume_clear(path);
    pacer_app *a = cli_app_open(c, 0);
    if (!a)
        return EXIT_SESSION_ERROR;
    app_set_voice(a, st.voice);
    app_set_rate(a, st.speech_rate);
    /* a bundle plays in place: checked whole, its files in a private folder meanwhile */
    cli_bundle cb;
    int is_bundle = cli_is_bundle(path);
    if (is_bundle) {
        if (cli_bundle_open(a, "play", path, &cb) < 0) {
            app_close(a);
            return EXIT_SESSION_ERROR;
        }
        path = cb.script;
    }
    /* every play is remembered, in the window and the terminal alike */
    journal *j = no_journal ? NULL : cli_journal_open();
    run_opts ro = {.buffer = v.buffer, .no_audio = v.no_audio, .on_event = j ? journal_on_event : NULL, .ud = j,
                   .volume = st.volume, .volume_set = 1};
    int rc;
    if (!audio_only && window_available()) {
        ro.resume = RUN_RESUME_ASK;
        const char *const *voices;
        int nvoices = kiosk_voice_list(&voices);
        window_opts wo = {.theme = theme_find(st.theme),
                          .reduced_motion = st.reduced_motion,
                          .text_scale = strcmp(st.text_size, "large") == 0 ? SCENE_TEXT_LARGE : 1.0,
                          .speak_menu = st.speak_menu,
                          .fullscreen = fullscreen,
                          .width = v.width,
                          .height = v.height,
                          .find_draw = app_find_draw,
                          .find_ud = a,
                          .run = ro,
                          .voices = voices,
                          .nvoices = nvoices,
                          .save_settings = save_settings,
                          .settings_ud = &ss};
        ss.app = a;
        ui_settings *u = &wo.settings;
        snprintf(u->theme, sizeof u->theme, "%s", st.theme);
        snprintf(u->voice, sizeof u->voice, "%s", st.voice);
        u->reduced_motion = st.reduced_motion;
        u->speech_rate = st.speech_rate;
        u->volume = st.volume;
        snprintf(u->language, sizeof u->language, "%s", st.language);
        u->large_text = strcmp(st.text_size, "large") == 0;
        rc = cli_window(a, NULL, path, &wo);
    } else {
        ro.resume = RUN_RESUME_AUTO;
        rc = cli_terminal_view(a, path ? path : app_default_session(a), &ro);
    }
    journal_close(j);
    if (is_bundle)
        cli_bundle_close(&cb);
    app_close(a);
    return rc;
}
