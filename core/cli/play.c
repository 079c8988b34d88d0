/* play.c - pacer play: the session through the audio device, with a terminal view.
 *
 * The clock is the audio device's frame counter. With no device (no sound card, the sound
 * server down, --no-audio) the same player is advanced from the monotonic clock, and if the
 * device stops asking for sound mid-session the fallback takes over from the same frame. */
#include <SDL.h>
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "device.h"
#include "drive.h"
#include "options.h"
#include "player.h"
#include "view.h"
#include "window.h"

static volatile sig_atomic_t g_quit;
static struct termios g_saved_tty;
static int g_tty_raw;

static void on_signal(int sig)
{
    (void)sig;
    g_quit = 1;
}

static void tty_restore(void)
{
    if (g_tty_raw) {
        tcsetattr(0, TCSANOW, &g_saved_tty);
        g_tty_raw = 0;
    }
}

static void tty_raw(void)
{
    if (!isatty(0) || tcgetattr(0, &g_saved_tty) != 0)
        return;
    struct termios raw = g_saved_tty;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    raw.c_cc[VMIN] = 0;
    raw.c_cc[VTIME] = 0;
    if (tcsetattr(0, TCSANOW, &raw) == 0)
        g_tty_raw = 1;
}

/* Keys: space (and any other key) pauses and resumes; n/p skip; q quits. A page-turner
 * clicker sends PageUp/PageDown: those skip too. */
static void read_keys(player *p, int *quit)
{
    if (!g_tty_raw)
        return;
    unsigned char buf[32];
    ssize_t n = read(0, buf, sizeof buf);
    for (ssize_t i = 0; i < n; i++) {
        unsigned char k = buf[i];
        if (k == 27 && i + 2 < n && buf[i + 1] == '[') {
            unsigned char c = buf[i + 2];
            if (c == 'C' || (c == '6' && i + 3 < n && buf[i + 3] == '~'))
                player_send(p, PLAYER_NEXT);
            else if (c == 'D' || (c == '5' && i + 3 < n && buf[i + 3] == '~'))
                player_send(p, PLAYER_PREV);
            i += (c == '5' || c == '6') ? 3 : 2;
            continue;
        }
        if (k == 'q' || k == 'Q')
            *quit = 1;
        else if (k == 'n' || k == 'N')
            player_send(p, PLAYER_NEXT);
        else if (k == 'p' || k == 'P')
            player_send(p, PLAYER_PREV);
        else
            player_send(p, PLAYER_TAP);
    }
}

static void bar(char *out, int width, double f)
{
    int filled = (int)(f * width + 0.5);
    for (int i = 0; i < width; i++)
        out[i] = i < filled ? '#' : '-';
    out[width] = 0;
}

/* " | Left side | Set 1 of 2 | Rep 2 of 4": where the patient is in the session. */
static void add_where(strbuf *s, const view_model *v)
{
    const char *parts[] = {v->side, v->set, v->rep};
    for (int i = 0; i < 3; i++)
        if (parts[i][0])
            sb_printf(s, " | %s", parts[i]);
}

/* One status line, redrawn in place on a terminal. */
static void draw_tty(const view_model *v, player_state st)
{
    char el[32], tot[32], b[48];
    bar(b, 24, v->total ? (double)v->elapsed / (double)v->total : 1.0);
    strbuf s;
    sb_init(&s);
    if (st == PLAYER_PAUSED)
        sb_puts(&s, "PAUSED (space resumes) ");
    else if (st == PLAYER_GETREADY)
        sb_puts(&s, "Get ready... ");
    else if (v->ended)
        sb_puts(&s, "Finished. ");
    if (v->phase_words[0]) {
        sb_puts(&s, v->phase_words);
        if (v->seconds_left > 0)
            sb_printf(&s, " %ds", v->seconds_left);
    }
    add_where(&s, v);
    if (v->caption) {
        sb_puts(&s, " | \"");
        sb_add_safe(&s, v->caption, strlen(v->caption));
        sb_puts(&s, "\"");
    }
    printf("\r\033[K[%s] %s/%s %s", b, format_time(v->elapsed, 0, el, sizeof el),
           format_time(v->total, 0, tot, sizeof tot), s.data ? s.data : "");
    fflush(stdout);
    sb_free(&s);
}

/* A log line whenever the phase or the caption changes, for a non-terminal (or a screen
 * reader following the output). */
static void draw_log(const view_model *v, player_state st, const void **last_phase, const char **last_caption,
                     int *last_state)
{
    const void *ph = v->st.phase;
    if (ph == *last_phase && v->caption == *last_caption && (int)st == *last_state)
        return;
    char when[32];
    strbuf s;
    sb_init(&s);
    sb_printf(&s, "%s  ", format_time(v->elapsed, 0, when, sizeof when));
    if (st == PLAYER_PAUSED)
        sb_puts(&s, "paused");
    else if (v->ended)
        sb_puts(&s, "finished");
    else if (v->phase_words[0])
        sb_printf(&s, "%s %ds", v->phase_words, v->seconds_left);
    add_where(&s, v);
    if (v->caption && v->caption != *last_caption) {
        sb_puts(&s, " | \"");
        sb_add_safe(&s, v->caption, strlen(v->caption));
        sb_puts(&s, "\"");
    }
    printf("%s\n", s.data ? s.data : "");
    fflush(stdout);
    sb_free(&s);
    *last_phase = ph;
    *last_caption = v->caption;
    *last_state = (int)st;
}

int cmd_play(int argc, char **argv)
{
    static const struct option opts[] = {{"audio-only", no_argument, NULL, 'a'},
                                         {"no-audio", no_argument, NULL, 'n'},
                                         {"buffer", required_argument, NULL, 'b'},
                                         {"theme", required_argument, NULL, 't'},
                                         {"reduced-motion", no_argument, NULL, 'r'},
                                         {"fullscreen", no_argument, NULL, 'f'},
                                         {"size", required_argument, NULL, 's'},
                                         {"restart", no_argument, NULL, 'R'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    int no_audio = 0, buffer = 512, audio_only = 0, restart = 0, c;
    window_opts wo = {.theme = "default", .find_draw = cli_find_draw};
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'a': audio_only = 1; break;
        case 'R': restart = 1; break;
        case 't': wo.theme = optarg; break;
        case 'r': wo.reduced_motion = 1; break;
        case 'f': wo.fullscreen = 1; break;
        case 's':
            if (opt_size("play", optarg, &wo.width, &wo.height) < 0)
                return EXIT_USAGE;
            break;
        case 'n': no_audio = 1; break;
        case 'b':
            if (opt_int("play", "--buffer", optarg, 64, 65536, "frames", &buffer) < 0)
                return EXIT_USAGE;
            break;
        case 'h': fputs(cli_usage_text, stdout); return 0;
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
    if (!audio_only && window_available()) {
        wo.buffer = buffer;
        wo.no_audio = no_audio;
        return cli_window(path, &wo);
    }
    if (!path)
        path = default_session_path();

    /* The device opens first, with the generator already installed; the session's cues are
     * prepared while it plays silence. */
    char err[256] = "";
    audio_device *dev = no_audio ? NULL : device_open(buffer, err, sizeof err);
    if (!dev && !no_audio) {
        fprintf(stderr, "pacer: ");
        fput_safe(err, stderr);
        fprintf(stderr, "; playing without sound, paced by the system clock\n");
    }

    loaded_session s;
    int rc = cli_load_report(path, &s);
    if (rc < 0) {
        device_close(dev);
        return EXIT_SESSION_ERROR;
    }
    player p;
    if (player_init(&p, &s.t, s.cues.event_clips, s.cues.ambience) < 0) {
        device_close(dev);
        cli_unload(&s);
        fprintf(stderr, "pacer: out of memory\n");
        return EXIT_IO;
    }

    /* Keep the screen and the system awake while a session plays. */
    int video = 0;
    if ((getenv("DISPLAY") || getenv("WAYLAND_DISPLAY")) && SDL_InitSubSystem(SDL_INIT_VIDEO) == 0) {
        SDL_DisableScreenSaver();
        video = 1;
    }

    g_quit = 0;
    signal(SIGXFSZ, SIG_IGN); /* a file size limit is an error to report, never a way to die */
    struct sigaction sa = {0}, old_int, old_term;
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    tty_raw();
    const int tty = isatty(1);
    {
        char len[32];
        printf("Playing: ");
        fput_safe(s.t.title ? s.t.title : "", stdout);
        printf(" (%s)%s%s\n", format_time(s.t.frames, 0, len, sizeof len), dev ? " on " : ", no sound",
               dev ? device_name(dev) : "");
        if (g_tty_raw)
            printf("Keys: space pause/resume, n/p next/previous step, q quit\n");
    }
    /* Unfinished sessions are not lost: continue from the step where it stopped. */
    int64_t stopped = resume_get(path), from = stopped >= 0 ? resume_point(&s.t, stopped) : -1;
    if (from > 0) {
        char when[32];
        player_start_at(&p, from);
        player_send(&p, PLAYER_RESUME);
        printf("Continuing from %s, where you stopped last time (pacer play --restart starts over)\n",
               format_time(from, 0, when, sizeof when));
    }

    drive dv;
    drive_start(&dv, dev, &p);
    double ended_at = 0;
    const void *last_phase = NULL;
    const char *last_caption = NULL;
    int last_state = -1, quit = 0;
    while (!quit && !g_quit) {
        read_keys(&p, &quit);
        double now = drive_now();
        if (drive_tick(&dv)) {
            if (tty)
                putchar('\n');
            fprintf(stderr, "pacer: the audio device stopped; the session goes on without sound\n");
        }
        player_state st = player_get_state(&p);
        view_model v;
        view_at(&s.t, player_frame(&p), &v);
        if (tty)
            draw_tty(&v, st);
        else
            draw_log(&v, st, &last_phase, &last_caption, &last_state);
        if (st == PLAYER_ENDED) {
            if (ended_at == 0)
                ended_at = now;
            /* let the last buffers reach the speakers */
            if (now - ended_at > 0.3 + 2.0 * buffer / PACER_RATE)
                break;
        } else {
            ended_at = 0;
        }
        struct pollfd pfd = {.fd = 0, .events = POLLIN};
        poll(&pfd, g_tty_raw ? 1 : 0, 50);
    }
    tty_restore();
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    if (tty)
        putchar('\n');
    int finished = player_get_state(&p) == PLAYER_ENDED;
    if (finished)
        resume_clear(path);
    else
        resume_put(path, player_frame(&p));
    if (!finished) {
        char at[32];
        printf("Stopped at %s of ", format_time(player_frame(&p), 0, at, sizeof at));
        fput_safe(s.t.title ? s.t.title : "", stdout);
        putchar('\n');
    }
    drive_stop(&dv);
    device_close(dv.dev);
    if (video) {
        SDL_EnableScreenSaver();
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
    }
    player_free(&p);
    cli_unload(&s);
    return 0;
}
