/* termview.c - the terminal view: a front-end of the session runner that prints a status
 * line (or, when the output is not a terminal, a log line at every change) and reads keys.
 * The runner plays the session; this file only shows its state and posts commands. */
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "quit.h"
#include "window.h"

typedef struct tty {
    struct termios saved;
    int raw;
    int piped;      /* standard input is a pipe: its digits and line ends answer questions */
    run_digits digits;
} tty;

static void tty_restore(tty *t)
{
    if (t->raw) {
        tcsetattr(0, TCSANOW, &t->saved);
        t->raw = 0;
    }
}

static void tty_raw(tty *t)
{
    struct stat sb;
    t->piped = !isatty(0) && fstat(0, &sb) == 0 && S_ISFIFO(sb.st_mode);
    if (!isatty(0) || tcgetattr(0, &t->saved) != 0)
        return;
    struct termios raw = t->saved;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    raw.c_cc[VMIN] = 0;
    raw.c_cc[VTIME] = 0;
    if (tcsetattr(0, TCSANOW, &raw) == 0)
        t->raw = 1;
}

/* A digit or a line end: the answer to a question (rate_pain), when one is asked; y or n:
 * the answer to a yes/no question (ask), when one is asked. Returns 1 when the key was taken. */
static int answer_key(tty *t, run *r, unsigned char k, int asks, int yesno)
{
    int v = -1;
    if (yesno && (k == 'y' || k == 'Y' || k == 'n' || k == 'N')) {
        run_post(r, k == 'y' || k == 'Y' ? RUN_YES : RUN_NO);
        return 1;
    }
    if (k >= '0' && k <= '9') {
        if (!asks)
            return 0;
        v = run_digits_key(&t->digits, k - '0', run_now());
    } else if (k == '\r' || k == '\n') {
        v = run_digits_enter(&t->digits);
        if (v < 0 && t->raw)
            return 0; /* Enter with nothing typed is a tap, as every key */
    } else {
        return 0;
    }
    if (v >= 0)
        run_post_value(r, RUN_ANSWER, v);
    return 1;
}

/* Keys: space (and any other key) pauses and resumes; n/p skip; q quits; digits answer a
 * rating, y and n a yes/no question (n skips only when no question is open). A page-turner
 * clicker sends PageUp/PageDown: those skip too. From a pipe only the answers are read (so a
 * test can answer); at its end, nothing more. */
static void read_keys(tty *t, run *r, int *quit, int asks, int yesno)
{
    int v = run_digits_due(&t->digits, run_now());
    if (v >= 0)
        run_post_value(r, RUN_ANSWER, v);
    if (!t->raw && !t->piped)
        return;
    if (t->piped) {
        /* a pipe blocks: read only what is there */
        struct pollfd pfd = {.fd = 0, .events = POLLIN};
        if (poll(&pfd, 1, 0) <= 0)
            return;
    }
    unsigned char buf[32];
    ssize_t n = read(0, buf, sizeof buf);
    if (n <= 0 && t->piped)
        t->piped = 0;
    for (ssize_t i = 0; i < n; i++) {
        unsigned char k = buf[i];
        if (answer_key(t, r, k, asks, yesno) || !t->raw)
            continue;
        if (k == 27 && i + 2 < n && buf[i + 1] == '[') {
            unsigned char c = buf[i + 2];
            if (c == 'C' || (c == '6' && i + 3 < n && buf[i + 3] == '~'))
                run_post(r, RUN_NEXT);
            else if (c == 'D' || (c == '5' && i + 3 < n && buf[i + 3] == '~'))
                run_post(r, RUN_PREV);
            i += (c == '5' || c == '6') ? 3 : 2;
            continue;
        }
        if (k == 'q' || k == 'Q')
            *quit = 1;
        else if (k == 'n' || k == 'N')
            run_post(r, RUN_NEXT);
        else if (k == 'p' || k == 'P')
            run_post(r, RUN_PREV);
        else
            run_post(r, RUN_TAP);
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

/* The status line's place on the terminal: its width, asked of the terminal at the start
 * and again after each resize, and how many columns the line last drawn took. */
typedef struct status_line {
    int cols;
    int drawn;
} status_line;

static int terminal_columns(void)
{
    struct winsize ws;
    if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

/* Where the next line starts: the start of the status line, cleared. A terminal that
 * reflows its lines on a resize (most do) has split a line wider than its new width over
 * several rows, with the cursor on the last: those rows are cleared too, from the first. */
static void status_rewind(status_line *sl)
{
    int cols = sl->cols;
    if (resize_signalled())
        sl->cols = terminal_columns();
    int rows = sl->cols != cols && sl->drawn > sl->cols ? (sl->drawn + sl->cols - 1) / sl->cols : 1;
    if (rows > 1)
        printf("\r\033[%dA\033[J", rows - 1);
    else
        fputs("\r\033[K", stdout);
}

/* One status line, redrawn in place on a terminal: cut to the terminal's width (one column
 * kept free, so the cursor never wraps to a new row), never inside a character. The bar
 * narrows, then goes, on a narrow terminal; the phase and its seconds come right after. */
static void draw_tty(const view_model *v, run_phase st, int asks, int yesno, status_line *sl)
{
    status_rewind(sl);
    char el[32], tot[32], b[48];
    const int bar_width = sl->cols >= 72 ? 24 : sl->cols >= 50 ? 10 : 0;
    bar(b, bar_width, v->total ? (double)v->elapsed / (double)v->total : 1.0);
    strbuf s;
    sb_init(&s);
    if (bar_width)
        sb_printf(&s, "[%s] ", b);
    sb_printf(&s, "%s/%s ", format_time(v->elapsed, 0, el, sizeof el), format_time(v->total, 0, tot, sizeof tot));
    if (st == RUN_PAUSED)
        sb_printf(&s, "%s ", _("PAUSED (space resumes)"));
    else if (st == RUN_GETREADY)
        sb_printf(&s, "%s ", _("Get ready..."));
    else if (v->ended)
        sb_printf(&s, "%s ", _("Finished."));
    if (v->phase_words[0]) {
        sb_puts(&s, v->phase_words);
        if (v->seconds_left > 0)
            sb_printf(&s, " %ds", v->seconds_left);
    }
    add_where(&s, v);
    if (asks)
        sb_printf(&s, " | %s", _("type 0-10"));
    if (yesno)
        sb_printf(&s, " | %s", _("y or n"));
    if (v->caption) {
        sb_puts(&s, " | \"");
        sb_add_safe(&s, v->caption, strlen(v->caption));
        sb_puts(&s, "\"");
    }
    const char *line = s.data ? s.data : "";
    const size_t len = strlen(line);
    const int room = sl->cols > 1 ? sl->cols - 1 : 1;
    int used;
    size_t fit = utf8_fit_columns(line, len, room, &used);
    if (fit < len) {
        /* cut, with an ellipsis in the last column */
        fit = utf8_fit_columns(line, len, room - 1, &used);
        fwrite(line, 1, fit, stdout);
        fputs("\xE2\x80\xA6", stdout);
        used++;
    } else {
        fwrite(line, 1, len, stdout);
    }
    sl->drawn = used;
    fflush(stdout);
    sb_free(&s);
}

/* A log line whenever the phase or the caption changes, for a non-terminal (or a screen
 * reader following the output). */
static void draw_log(const view_model *v, run_phase st, const void **last_phase, const char **last_caption,
                     int *last_state)
{
    const void *ph = v->st.phase;
    if (ph == *last_phase && v->caption == *last_caption && (int)st == *last_state)
        return;
    char when[32];
    strbuf s;
    sb_init(&s);
    sb_printf(&s, "%s  ", format_time(v->elapsed, 0, when, sizeof when));
    if (st == RUN_PAUSED)
        sb_puts(&s, _("paused"));
    else if (v->ended)
        sb_puts(&s, _("finished"));
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

/* The listener the caller gave (the journal), told everything after the terminal; and the
 * status line, which starts afresh below a line an event printed. */
typedef struct next_listener {
    run_listener fn;
    void *ud;
    status_line sl;
} next_listener;

/* Tells the terminal what only the runner knows when it happens. */
static void on_event(void *ud, const run_event *e)
{
    next_listener *next = ud;
    if (next->fn)
        next->fn(next->ud, e);
    if (e->kind == RUN_EV_ANSWER) {
        if (isatty(1))
            putchar('\n');
        next->sl.drawn = 0;
        printf(_("Your answer: %d\n"), e->value);
        fflush(stdout);
    }
    if (e->kind == RUN_EV_CHOICE) {
        if (isatty(1))
            putchar('\n');
        printf(e->by_default ? _("No answer: going on with %s\n") : _("Your answer: %s\n"), e->value ? _("yes") : _("no"));
        fflush(stdout);
    }
    if (e->kind == RUN_EV_SOUND_LOST) {
        if (isatty(1))
            putchar('\n');
        next->sl.drawn = 0;
        fprintf(stderr, "pacer: the audio device stopped; the session goes on without sound\n");
    }
}

int cli_terminal_view(pacer_app *a, const char *path, const run_opts *ro)
{
    loaded_session s;
    if (cli_load_report(a, path, &s) < 0)
        return EXIT_SESSION_ERROR;
    int quit = 0;
    int rc = cli_terminal_play(path, &s, ro, &quit);
    app_unload(&s);
    return rc;
}

int cli_terminal_play(const char *path, loaded_session *ls, const run_opts *ro, int *quit_out)
{
    loaded_session s = *ls;
    run_opts o = *ro;
    next_listener next = {ro->on_event, ro->ud, {.cols = terminal_columns(), .drawn = 0}};
    o.on_event = on_event;
    o.ud = &next;
    run *r = run_open(&o);
    if (!r) {
        fprintf(stderr, "pacer: out of memory\n");
        return EXIT_IO;
    }
    if (run_start(r, path, &s.t, s.cues.event_clips, s.cues.ambience) < 0) {
        run_close(r);
        fprintf(stderr, "pacer: out of memory\n");
        return EXIT_IO;
    }
    if (run_sound_problem(r)[0]) {
        fprintf(stderr, "pacer: ");
        fput_safe(run_sound_problem(r), stderr);
        fprintf(stderr, "; playing without sound, paced by the system clock\n");
    }
    /* Keep the screen and the system awake while a session plays. */
    int awake = window_keep_awake(1);
    quit_install();
    tty t = {0};
    tty_raw(&t);
    i18n_use(s.t.language); /* the patient's screen speaks the session's language */
    const int is_tty = isatty(1);
    run_state rs;
    run_get_state(r, &rs);
    {
        char len[32];
        printf("%s ", _("Playing:"));
        fput_safe(s.t.title ? s.t.title : "", stdout);
        printf(" (%s)%s%s\n", format_time(rs.v.total, 0, len, sizeof len), rs.sound ? _(" on ") : _(", no sound"),
               run_device_name(r));
        if (t.raw)
            printf("%s\n", _("Keys: space pause/resume, n/p next/previous step, q quit; 0-10 answer a rating, y/n a question"));
    }
    /* Unfinished sessions are not lost: the runner continues from the step where it stopped. */
    if (rs.continued_from > 0) {
        char when[32];
        printf(_("Continuing from %s, where you stopped last time (pacer play --restart starts over)\n"),
               format_time(rs.continued_from, 0, when, sizeof when));
    }
    const int buffer = o.buffer > 0 ? o.buffer : 512;
    double ended_at = 0;
    const void *last_phase = NULL;
    const char *last_caption = NULL;
    int last_state = -1, quit = 0, last_asks = 0, last_yesno = 0;
    while (!quit && !quit_requested()) {
        read_keys(&t, r, &quit, rs.asks, rs.yesno);
        double now = run_now();
        run_tick(r);
        run_get_state(r, &rs);
        if (is_tty)
            draw_tty(&rs.v, rs.phase, rs.asks, rs.yesno, &next.sl);
        else
            draw_log(&rs.v, rs.phase, &last_phase, &last_caption, &last_state);
        if (rs.asks && !last_asks && !is_tty) {
            printf("%s\n", _("Type 0 to 10 (1 then 0 for 10), or wait to go on"));
            fflush(stdout);
        }
        last_asks = rs.asks;
        if (rs.yesno && !last_yesno && !is_tty) {
            printf("%s\n", _("Type y or n, or wait to go on"));
            fflush(stdout);
        }
        last_yesno = rs.yesno;
        if (rs.phase == RUN_ENDED) {
            if (ended_at == 0)
                ended_at = now;
            /* let the last buffers reach the speakers */
            if (now - ended_at > 0.3 + 2.0 * buffer / PACER_RATE)
                break;
        } else {
            ended_at = 0;
        }
        struct pollfd pfd = {.fd = 0, .events = POLLIN};
        poll(&pfd, t.raw || t.piped ? 1 : 0, 50);
    }
    *quit_out = quit || quit_requested();
    tty_restore(&t);
    quit_restore();
    if (is_tty)
        putchar('\n');
    if (rs.phase != RUN_ENDED) {
        char at[32];
        printf(_("Stopped at %s of "), format_time(rs.position, 0, at, sizeof at));
        fput_safe(s.t.title ? s.t.title : "", stdout);
        putchar('\n');
    }
    i18n_use(NULL);
    run_close(r); /* remembers where it stopped, or that it finished */
    if (awake)
        window_keep_awake(0);
    return 0;
}
