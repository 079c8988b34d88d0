/* firstframe.c - how soon a program's window shows something, measured from outside.
 *
 *   firstframe [--timeout S] [--accent RRGGBB] -- COMMAND [ARGS...]
 *
 * Starts COMMAND and watches the X server (DISPLAY) for its first window. Prints, in ms
 * after the fork:
 *   map    the window is mapped
 *   paint  the first frame is on the window: the row through the middle of Pacer's first
 *          message ("Pacer", drawn before anything is loaded) holds more than one colour
 *   frame  the player's first frame: the row through the breathing circle's centre holds
 *          at least 20 pixels of the accent colour (the session is loaded and drawn)
 * then ends COMMAND (SIGKILL: nothing is left to measure) and prints one "RESULT {json}" line.
 * The rows are read with XGetImage one pixel tall, every millisecond, so watching costs
 * the X server almost nothing. Nothing in Pacer is changed or told it is being measured. */
#define _POSIX_C_SOURCE 200809L
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int ignore_errors(Display *d, XErrorEvent *e)
{
    (void)d, (void)e;
    return 0;
}

/* One row of the window: the number of pixels within 8 of accent, and whether the row holds
 * more than one colour. -1 when the row cannot be read yet. */
static int read_row(Display *d, Window w, int width, int y, unsigned long accent, int *varied)
{
    XImage *im = XGetImage(d, w, 0, y, (unsigned)width, 1, AllPlanes, ZPixmap);
    if (!im)
        return -1;
    int n = 0;
    unsigned long first = XGetPixel(im, 0, 0);
    *varied = 0;
    for (int x = 0; x < width; x++) {
        unsigned long p = XGetPixel(im, x, 0);
        if (p != first)
            *varied = 1;
        int dr = abs((int)((p >> 16) & 255) - (int)((accent >> 16) & 255));
        int dg = abs((int)((p >> 8) & 255) - (int)((accent >> 8) & 255));
        int db = abs((int)(p & 255) - (int)(accent & 255));
        n += dr <= 8 && dg <= 8 && db <= 8;
    }
    XDestroyImage(im);
    return n;
}

int main(int argc, char **argv)
{
    double timeout = 30;
    unsigned long accent = 0x5fb3c9;
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
            timeout = atof(argv[++i]);
        else if (strcmp(argv[i], "--accent") == 0 && i + 1 < argc)
            accent = strtoul(argv[++i], NULL, 16);
        else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else
            break;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: firstframe [--timeout S] [--accent RRGGBB] -- COMMAND [ARGS...]\n");
        return 2;
    }
    Display *d = XOpenDisplay(NULL);
    if (!d) {
        fprintf(stderr, "firstframe: cannot open the display\n");
        return 2;
    }
    XSetErrorHandler(ignore_errors);
    Window root = DefaultRootWindow(d);
    XSelectInput(d, root, SubstructureNotifyMask);
    XSync(d, False);

    double t0 = now_ms();
    pid_t pid = fork();
    if (pid == 0) {
        execvp(argv[i], argv + i);
        _exit(127);
    }
    if (pid < 0) {
        perror("firstframe: fork");
        return 2;
    }
    double t_map = -1, t_paint = -1, t_frame = -1;
    Window win = 0;
    int width = 0, height = 0;
    int status = 0, exited = 0;
    while (now_ms() - t0 < timeout * 1000 && t_frame < 0) {
        if (waitpid(pid, &status, WNOHANG) == pid) {
            exited = 1;
            break;
        }
        while (XPending(d)) {
            XEvent e;
            XNextEvent(d, &e);
            if (e.type == MapNotify && !win) {
                XWindowAttributes a;
                if (XGetWindowAttributes(d, e.xmap.window, &a) && a.width >= 200 && a.height >= 200) {
                    win = e.xmap.window;
                    width = a.width;
                    height = a.height;
                    t_map = now_ms() - t0;
                }
            }
        }
        if (win) {
            int varied = 0;
            int px = height / 10 > 24 ? height / 10 : 24; /* core/ui/window.c draw_message */
            if (t_paint < 0 && read_row(d, win, width, height / 2 - px / 2, accent, &varied) >= 0 && varied)
                t_paint = now_ms() - t0;
            if (read_row(d, win, width, (int)(0.42f * height), accent, &varied) >= 20) {
                t_frame = now_ms() - t0;
                if (t_paint < 0)
                    t_paint = t_frame;
            }
        }
        struct timespec ms = {0, 1000000};
        nanosleep(&ms, NULL);
    }
    if (!exited) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
    }
    XCloseDisplay(d);
    printf("map %.1f ms, first paint %.1f ms, first player frame %.1f ms%s\n", t_map, t_paint, t_frame,
           exited ? " (the program ended early)" : "");
    printf("RESULT {\"map_ms\":%.1f,\"paint_ms\":%.1f,\"frame_ms\":%.1f}\n", t_map, t_paint, t_frame);
    return t_frame < 0 ? 1 : 0;
}
