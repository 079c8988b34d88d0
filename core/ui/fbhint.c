/* fbhint.c - how SDL should give the window its pixels, per video driver. */
#include "fbhint.h"

#include <string.h>

const char *fbhint_for_driver(const char *video_driver)
{
    static const char *const own_framebuffer[] = {"x11", "offscreen", "dummy"};
    for (size_t i = 0; video_driver && i < sizeof own_framebuffer / sizeof own_framebuffer[0]; i++)
        if (strcmp(video_driver, own_framebuffer[i]) == 0)
            return "0";
    return "1";
}
