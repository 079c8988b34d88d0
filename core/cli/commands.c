/* commands.c - the pacer program: argument parsing and the commands. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <limits.h>

#include "cli.h"
#include "plugins.h"

const char cli_usage_text[] =
    "Usage: pacer [COMMAND] [OPTIONS] [FILE]\n"
    "Guided breathing and stretching sessions, written as Lua scripts.\n"
    "\n"
    "Commands:\n"
    "  play [FILE]          play a session in a window (or the terminal when there is no\n"
    "                       display); with no file, choose from the session menu\n"
    "  render FILE -o OUT   render a session to OUT.wav or OUT.ogg\n"
    "  snapshot FILE --at SECONDS -o OUT.png\n"
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
    "  (none)               play the default session\n"
    "\n"
    "Options:\n"
    "  --json               timeline: print JSON for tools\n"
    "  -o, --output FILE    render: the file to write (.wav or .ogg)\n"
    "  --buffer FRAMES      play, render: audio buffer size (default 512 / 4096)\n"
    "  --audio-only         play: the terminal view, no window (keys: space pause/resume,\n"
    "                       n/p next/previous step, q quit)\n"
    "  --theme NAME         play, snapshot: default or high-contrast\n"
    "  --reduced-motion     play, snapshot: a filling bar instead of a growing circle\n"
    "  --fullscreen         play: start full screen (F11 toggles)\n"
    "  --size WxH           play, snapshot: the window or picture size\n"
    "  --at SECONDS         snapshot: the moment of the session\n"
    "  --paused             snapshot: as shown while paused\n"
    "  --no-audio           play: no sound device; the system clock paces the session\n"
    "  --restart            play: start from the beginning, not where you stopped last time\n"
    "  -q, --quiet          check: print problems only\n"
    "  -W, --werror         check: treat warnings as errors\n"
    "  --plugin FILE        load a plugin (a .so) besides those in the plugin folders\n"
    "  -h, --help           show this help\n"
    "  -V, --version        show the version\n"
    "\n"
    "Exit status:\n"
    "  0  success (check: no errors; warnings allowed unless --werror)\n"
    "  1  a session has errors, or cannot be read\n"
    "  2  the command line is wrong\n"
    "  3  a file could not be written (or a window or device could not be opened)\n";

static registry g_registry;
static speech *g_speech;
static plugin_set g_plugins;
static const char **g_extra_plugins;
static int g_nextra_plugins, g_system_plugins_only;

static void on_stuck(const char *file, double seconds, void *ud)
{
    (void)ud;
    /* Called from the watchdog while the script is stuck inside one library call: nothing
     * can interrupt it, so report and end the process (nothing is being written). */
    fput_safe(file, stderr);
    fprintf(stderr, ": error: the script ran longer than %g s inside one library call (a string pattern or a "
                    "huge table operation?) and was stopped\n",
            seconds);
    _exit(EXIT_SESSION_ERROR);
}

/* Plugin folders, in order: the build's, the installed program's, the install prefix's, and
 * (outside kiosk mode) the user's; then --plugin files. Each file loads once. */
static void load_plugins(void)
{
    plugins_init(&g_plugins, &g_registry);
    if (getenv("PACER_NO_PLUGINS"))
        return;
    char exe[PATH_MAX - 64], dir[PATH_MAX];
    if (exe_dir(exe, sizeof exe) == 0) {
        snprintf(dir, sizeof dir, "%s/plugins", exe); /* beside the program: the build tree */
        plugins_load_dir(&g_plugins, dir);
        snprintf(dir, sizeof dir, "%s/../lib/pacer/plugins", exe);
        plugins_load_dir(&g_plugins, dir);
    }
    plugins_load_dir(&g_plugins, PACER_LIBDIR_PLUGINS);
    if (!g_system_plugins_only) {
        const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
        if (xdg && *xdg)
            snprintf(dir, sizeof dir, "%s/pacer/plugins", xdg);
        else if (home && *home)
            snprintf(dir, sizeof dir, "%s/.local/share/pacer/plugins", home);
        else
            dir[0] = 0;
        if (dir[0])
            plugins_load_dir(&g_plugins, dir);
        for (int i = 0; i < g_nextra_plugins; i++)
            plugins_load(&g_plugins, g_extra_plugins[i]);
    }
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
    load_plugins();
    return 0;
}

static char g_voice_override[64];

void cli_set_system_plugins_only(void) { g_system_plugins_only = 1; }

void cli_set_voice_override(const char *voice)
{
    snprintf(g_voice_override, sizeof g_voice_override, "%s", voice ? voice : "");
}

/* The kiosk's staff choice of voice applies to English sessions only: another language's
 * text needs its own voice. */
static void apply_voice_override(session_model *m)
{
    if (!g_voice_override[0] || !m->root)
        return;
    int lang = step_field_index(m->root->type, "language"), voice = step_field_index(m->root->type, "voice");
    if (lang < 0 || voice < 0)
        return;
    const char *l = m->root->values[lang].str;
    if (l && strncmp(l, "en", 2) == 0)
        m->root->values[voice].str = g_voice_override;
}

pacer_draw_fn cli_find_draw(void *ud, const char *step_type)
{
    (void)ud;
    return plugins_draw_for(&g_plugins, step_type);
}

static int cmd_plugins(void)
{
    if (init_registry() < 0)
        return EXIT_SESSION_ERROR;
    if (g_plugins.count == 0)
        printf("No plugins loaded.\n");
    for (int i = 0; i < g_plugins.count; i++) {
        const plugin_info *p = &g_plugins.items[i];
        fput_safe(p->name, stdout);
        fputc(' ', stdout);
        fput_safe(p->version, stdout);
        fputs("  ", stdout);
        fput_safe(p->path, stdout);
        fputs("\n  ", stdout);
        fput_safe(p->description, stdout);
        printf("\n  step types:");
        for (int k = 0; k < p->nsteps; k++)
            printf(" %s", p->steps[k]);
        printf("\n");
    }
    return g_plugins.failures ? EXIT_SESSION_ERROR : 0;
}

static void speech_progress(int done, void *ud)
{
    (void)ud;
    if (done % 5 == 0 && isatty(2)) {
        fprintf(stderr, "\rPreparing speech: %d cues", done);
        fflush(stderr);
    }
}

int cli_load_outline(const char *path, loaded_session *s, diag_list *d)
{
    memset(s, 0, sizeof *s);
    if (init_registry() < 0)
        return -1;
    script_opts so = {.reg = &g_registry, .on_stuck = on_stuck};
    session_model m;
    if (script_load_file(path, &so, &m, d) < 0)
        return -1;
    cues_init(&s->cues, NULL, d, m.file);
    int rc = session_compile(&m, NULL, &s->t, d); /* speech lengths estimated */
    session_model_free(&m);
    return rc;
}

/* The two-pass compile: pass 1 lists the sounds m needs, the cue bank prepares them as one
 * batch, and pass 2 compiles m against their lengths. When pass 2 meets a sound the list does
 * not have (a length changed the expansion, or a recording is spoken instead), that is
 * prepared too and pass 2 runs again, at most a few times; only the last pass reports. */
static int compile_with_speech(cue_bank *bank, const session_model *m, timeline *t, diag_list *d)
{
    cue_list cues;
    cue_list_init(&cues);
    compile_opts co = {.cues = &cues};
    int rc = session_cue_requests(m, &co) < 0 ? -1 : 0;
    for (int pass = 0; rc == 0; pass++) {
        if ((rc = cues_prepare(bank, &cues)) < 0)
            break;
        diag_list last;
        diags_init(&last);
        rc = session_compile(m, &co, t, &last);
        int again = cue_list_pending(&cues) > 0 && pass < 3;
        for (int i = 0; i < last.count && !again; i++)
            diags_add(d, last.items[i].severity, last.items[i].file, last.items[i].line, last.items[i].col, "%s",
                      last.items[i].message);
        diags_free(&last);
        if (!again)
            break;
        if (rc == 0)
            timeline_free(t);
        rc = 0;
    }
    if (rc < 0 && !d->errors)
        diags_add(d, DIAG_ERROR, m->file, 0, 0, "out of memory");
    cue_list_free(&cues);
    return rc;
}

int cli_load(const char *path, loaded_session *s, diag_list *d)
{
    memset(s, 0, sizeof *s);
    if (init_registry() < 0)
        return -1;
    if (!g_speech && !getenv("PACER_NO_SPEECH"))
        g_speech = speech_open(&(speech_opts){0});
    script_opts so = {.reg = &g_registry, .on_stuck = on_stuck};
    session_model m;
    if (script_load_file(path, &so, &m, d) < 0)
        return -1;
    apply_voice_override(&m);
    cues_init(&s->cues, g_speech, d, m.file);
    s->cues.progress = speech_progress;
    int rc = compile_with_speech(&s->cues, &m, &s->t, d);
    if (s->cues.spoken >= 5 && isatty(2))
        fprintf(stderr, "\r\033[K");
    session_model_free(&m);
    if (rc == 0 && cues_attach(&s->cues, &s->t) < 0) {
        diags_add(d, DIAG_ERROR, path, 0, 0, "out of memory");
        timeline_free(&s->t);
        rc = -1;
    }
    if (rc < 0)
        cues_free(&s->cues);
    return rc;
}

int cli_load_report(const char *path, loaded_session *s)
{
    diag_list d;
    diags_init(&d);
    int rc = cli_load(path, s, &d);
    diags_print(&d, stderr);
    diags_free(&d);
    return rc;
}

void cli_unload(loaded_session *s)
{
    timeline_free(&s->t);
    cues_free(&s->cues);
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
        case 'h': fputs(cli_usage_text, stdout); return 0;
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
        loaded_session s;
        int rc = cli_load(argv[i], &s, &d);
        diags_print(&d, stderr);
        if (rc == 0) {
            if (!quiet) {
                char len[32];
                fput_safe(argv[i], stdout);
                fprintf(stdout, ": %s, %s, %d steps, %d warning%s\n", d.warnings ? "checked" : "ok",
                        format_time(s.t.frames, 0, len, sizeof len), s.t.nsteps, d.warnings,
                        d.warnings == 1 ? "" : "s");
            }
            cli_unload(&s);
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
        case 'h': fputs(cli_usage_text, stdout); return 0;
        default: return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        fprintf(stderr, "pacer timeline: name exactly one session file\n");
        return EXIT_USAGE;
    }
    loaded_session s;
    if (cli_load_report(argv[optind], &s) < 0)
        return EXIT_SESSION_ERROR;
    if (json)
        print_timeline_json(&s.t, stdout);
    else
        print_timeline_table(&s.t, stdout);
    cli_unload(&s);
    return fflush(stdout) == 0 ? 0 : EXIT_IO;
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
        loaded_session s;
        if (cli_load(files[i], &s, &d) == 0) {
            print_list_row(&s.t, files[i], stdout);
            cli_unload(&s);
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
        fputs(cli_usage_text, stdout);
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

int cli_main(int argc, char **argv)
{
    int rc;
    /* --plugin PATH may stand anywhere on the command line */
    const char *extra[argc > 0 ? argc : 1];
    g_extra_plugins = extra;
    g_nextra_plugins = 0;
    int kept = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--plugin") == 0 && i + 1 < argc) {
            extra[g_nextra_plugins++] = argv[i + 1];
            i++;
        } else if (strncmp(argv[i], "--plugin=", 9) == 0) {
            extra[g_nextra_plugins++] = argv[i] + 9;
        } else {
            argv[kept++] = argv[i];
        }
    }
    argc = kept;
    argv[argc] = NULL;
    if (argc < 2) {
        char *args[] = {"play", NULL};
        rc = cmd_play(1, args);
    } else if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(cli_usage_text, stdout);
        rc = 0;
    } else if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("pacer %s (script API 1, plugin ABI %d.%d)\n", PACER_VERSION, PACER_ABI_MAJOR, PACER_ABI_MINOR);
        rc = 0;
    } else if (strcmp(argv[1], "play") == 0) {
        rc = cmd_play(argc - 1, argv + 1);
    } else if (strcmp(argv[1], "snapshot") == 0) {
        rc = cmd_snapshot(argc - 1, argv + 1);
    } else if (strcmp(argv[1], "render") == 0) {
        rc = cmd_render(argc - 1, argv + 1);
    } else if (strcmp(argv[1], "check") == 0) {
        rc = cmd_check(argc - 1, argv + 1);
    } else if (strcmp(argv[1], "timeline") == 0) {
        rc = cmd_timeline(argc - 1, argv + 1);
    } else if (strcmp(argv[1], "list") == 0) {
        rc = cmd_list(argc - 1, argv + 1);
    } else if (strcmp(argv[1], "api-reference") == 0) {
        rc = init_registry() < 0 ? EXIT_SESSION_ERROR : 0;
        if (!rc && argc > 2 && strcmp(argv[2], "--luals") == 0)
            print_luals_meta(&g_registry, stdout);
        else if (!rc)
            print_api_reference(&g_registry, stdout);
    } else if (strcmp(argv[1], "kiosk") == 0) {
        rc = cmd_kiosk(argc - 1, argv + 1);
    } else if (strcmp(argv[1], "plugins") == 0) {
        rc = cmd_plugins();
    } else if (strcmp(argv[1], "new") == 0) {
        rc = cmd_new(argc - 1, argv + 1);
    } else {
        fprintf(stderr, "pacer: unknown command '");
        fput_safe(argv[1], stderr);
        fprintf(stderr, "'; see pacer --help\n");
        rc = EXIT_USAGE;
    }
    plugins_free(&g_plugins);
    registry_free(&g_registry);
    g_extra_plugins = NULL;
    g_nextra_plugins = 0;
    if (g_speech)
        speech_close(g_speech);
    g_speech = NULL;
    return rc;
}
