/* quit.h - the signals that end the program (SIGINT, SIGTERM, SIGHUP), caught into one flag
 * that every long loop (playing, rendering, the window) looks at. SIGXFSZ is ignored while
 * installed, so a file size limit is an error to report. SIGWINCH, the terminal resized,
 * is caught into a second flag for the terminal view. */
#ifndef PACER_QUIT_H
#define PACER_QUIT_H

/* Installs the handlers (nested calls count) and clears the flag. */
void quit_install(void);
/* Puts the previous handlers back once the last installer is done. */
void quit_restore(void);
/* 1 once one of the signals came. */
int quit_requested(void);
/* 1 once after the terminal was resized (SIGWINCH) since the last call, else 0. */
int resize_signalled(void);

#endif
