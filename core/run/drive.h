/* drive.h - what advances a player's clock: the audio device, or when there is none (or it
 * stops asking for sound mid-session) the monotonic clock, from the same frame. The terminal
 * view and the window both run a session through this. */
#ifndef PACER_DRIVE_H
#define PACER_DRIVE_H

#include "device.h"
#include "player.h"

typedef struct drive {
    audio_device *dev; /* NULL: the monotonic clock */
    player *p;
    double start;
    int64_t rendered;
    int64_t last_dev_frames;
    double last_dev_change;
    float scratch[1024];
    double (*clock)(void *ud); /* the no-device clock's seconds; NULL: drive_now */
    void *clock_ud;
} drive;

double drive_now(void);
/* Starts driving p: through dev when given (the device then renders p), else the clock
 * (clock NULL: the monotonic clock; a test gives its own). */
void drive_start(drive *dv, audio_device *dev, player *p, double (*clock)(void *ud), void *clock_ud);
/* Call often (every frame or 50 ms). Returns 1 once when the device has stopped and the
 * clock took over (the caller says so), else 0. */
int drive_tick(drive *dv);
/* Stops rendering p (the device renders silence). The device stays open. */
void drive_stop(drive *dv);
int drive_has_sound(const drive *dv);

#endif
