/* fbhint.h - how SDL should give the window its pixels, per video driver. */
#ifndef PACER_FBHINT_H
#define PACER_FBHINT_H

/* The value for SDL_HINT_FRAMEBUFFER_ACCELERATION once the video driver is known (set it
 * before the first renderer is made). "0" where the driver has a framebuffer of its own (X11,
 * SDL's offscreen and dummy drivers): the software renderer then draws into plain memory and
 * no GPU stack (Mesa) is loaded, small and quick to start. "1" everywhere else: Wayland (cage,
 * the kiosk's compositor) and KMSDRM have no such framebuffer, and SDL's software renderer
 * can only reach the screen through an OpenGL (ES) texture, Mesa's llvmpipe where there is
 * no GPU; "0" there leaves no renderer at all ("Couldn't find matching render driver"). */
const char *fbhint_for_driver(const char *video_driver);

#endif
