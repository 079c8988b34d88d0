/* quit.c - the signals, in one place. SIGINT, SIGTERM and SIGHUP end the program: they come
 * from the system (systemd stopping a kiosk, a closed terminal, staff at a keyboard), never
 * from a patient, so they end it in kiosk mode too. One handler sets one flag (with the
 * resize flag below, the only program-wide mutable globals Pacer has); loops look at it and
 * leave cleanly, so nothing is half-written. SIGWINCH (the terminal was resized) sets a
 * second flag, so the terminal view fits its line to the new width; it wakes a waiting
 * poll() but restarts other calls, so no read anywhere sees EINTR for it. */
#include "quit.h"

#include <signal.h>
#include <stddef.h>

static volatile sig_atomic_t g_quit, g_resized;
static struct sigaction g_old[3], g_old_winch;
static int g_installed;
static const int k_signals[3] = {SIGINT, SIGTERM, SIGHUP};

static void on_quit(int sig)
{
    (void)sig;
    g_quit = 1;
}

static void on_resize(int sig)
{
    (void)sig;
    g_resized = 1;
}

void quit_install(void)
{
    g_quit = 0;
    if (g_installed++)
        return;
    struct sigaction sa = {0};
    sa.sa_handler = on_quit;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < 3; i++)
        sigaction(k_signals[i], &sa, &g_old[i]);
    struct sigaction winch = {0};
    winch.sa_handler = on_resize;
    winch.sa_flags = SA_RESTART;
    sigemptyset(&winch.sa_mask);
    sigaction(SIGWINCH, &winch, &g_old_winch);
    /* a file size limit is an error to report, never a way to die */
    signal(SIGXFSZ, SIG_IGN);
}

void quit_restore(void)
{
    if (g_installed == 0 || --g_installed > 0)
        return;
    for (int i = 0; i < 3; i++)
        sigaction(k_signals[i], &g_old[i], NULL);
    sigaction(SIGWINCH, &g_old_winch, NULL);
}

int quit_requested(void) { return g_quit != 0; }

int resize_signalled(void)
{
    if (!g_resized)
        return 0;
    g_resized = 0;
    return 1;
}
