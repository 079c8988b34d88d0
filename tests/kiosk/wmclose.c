/* wmclose.c - asks a window to close, as a window manager's close button does: a
 * WM_PROTOCOLS client message carrying WM_DELETE_WINDOW (ICCCM 4.2.8.1). The window is asked,
 * not destroyed (xdotool windowclose destroys it; xdotool windowkill drops the client).
 *
 *   wmclose WINDOW [COUNT]   WINDOW is an id (0x... or decimal, as xdotool prints) or a title:
 *                            every top-level window with that title; COUNT requests each
 *
 * Prints the number of windows asked; exits 1 when there was none, or when a window does not
 * take part in WM_DELETE_WINDOW (then a close request could not reach it at all). */
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int takes_delete(Display *d, Window w, Atom del)
{
    Atom *protos = NULL;
    int n = 0, yes = 0;
    if (XGetWMProtocols(d, w, &protos, &n)) {
        for (int i = 0; i < n; i++)
            yes |= protos[i] == del;
        XFree(protos);
    }
    return yes;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: wmclose WINDOW [COUNT]\n");
        return 2;
    }
    int count = argc > 2 ? atoi(argv[2]) : 1;
    char *end;
    unsigned long id = strtoul(argv[1], &end, 0);
    int by_id = argv[1][0] >= '0' && argv[1][0] <= '9' && !*end;
    Display *d = XOpenDisplay(NULL);
    if (!d) {
        fprintf(stderr, "wmclose: cannot open the display\n");
        return 2;
    }
    Atom protocols = XInternAtom(d, "WM_PROTOCOLS", False), del = XInternAtom(d, "WM_DELETE_WINDOW", False);
    Window root = DefaultRootWindow(d), parent, *kids = NULL;
    unsigned int nkids = 0;
    int asked = 0, refused = 0;
    if (XQueryTree(d, root, &root, &parent, &kids, &nkids)) {
        for (unsigned int i = 0; i < nkids; i++) {
            int match = by_id && kids[i] == id;
            char *name = NULL;
            if (!by_id && XFetchName(d, kids[i], &name) && name) {
                match = strcmp(name, argv[1]) == 0;
                XFree(name);
            }
            if (!match)
                continue;
            if (!takes_delete(d, kids[i], del)) {
                fprintf(stderr, "wmclose: window 0x%lx does not take WM_DELETE_WINDOW\n", kids[i]);
                refused++;
                continue;
            }
            for (int k = 0; k < count; k++) {
                XEvent ev;
                memset(&ev, 0, sizeof ev);
                ev.xclient.type = ClientMessage;
                ev.xclient.window = kids[i];
                ev.xclient.message_type = protocols;
                ev.xclient.format = 32;
                ev.xclient.data.l[0] = (long)del;
                ev.xclient.data.l[1] = CurrentTime;
                XSendEvent(d, kids[i], False, NoEventMask, &ev);
            }
            asked++;
        }
        if (kids)
            XFree(kids);
    }
    XSync(d, False);
    XCloseDisplay(d);
    printf("%d\n", asked);
    return asked > 0 && !refused ? 0 : 1;
}
