/* drive.c - device clock with a monotonic fallback. */
#include "drive.h"

#include <string.h>
#include <time.h>

/* A device that has not asked for sound for this long has gone away. */
#define DEVICE_STALL_SECONDS 1.5

double drive_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double now_of(const drive *dv) { return dv->clock ? dv->clock(dv->clock_ud) : drive_now(); }

void drive_start(drive *dv, audio_device *dev, player *p, double (*clock)(void *ud), void *clock_ud)
{
    memset(dv, 0, sizeof *dv);
    dv->dev = dev;
    dv->p = p;
    dv->clock = clock;
    dv->clock_ud = clock_ud;
    dv->start = now_of(dv);
    dv->last_dev_change = dv->start;
    if (dev) {
        dv->last_dev_frames = device_frames(dev);
        device_attach(dev, p);
    }
}

int drive_tick(drive *dv)
{
    double now = now_of(dv);
    int lost = 0;
    if (dv->dev) {
        int64_t f = device_frames(dv->dev);
        int removed = device_lost(dv->dev);
        if (f != dv->last_dev_frames) {
            dv->last_dev_frames = f;
            dv->last_dev_change = now;
        }
        if (!removed && now - dv->last_dev_change < DEVICE_STALL_SECONDS)
            return 0;
        /* Gone: detach (waits out a callback in flight), then go on from the same frame. */
        device_attach(dv->dev, NULL);
        device_close(dv->dev);
        dv->dev = NULL;
        dv->start = now;
        dv->rendered = 0;
        lost = 1;
    }
    int64_t due = (int64_t)((now - dv->start) * PACER_RATE);
    while (dv->rendered < due) {
        int n = due - dv->rendered < 1024 ? (int)(due - dv->rendered) : 1024;
        player_audio(dv->p, dv->scratch, n);
        dv->rendered += n;
    }
    return lost;
}

void drive_stop(drive *dv)
{
    if (dv->dev)
        device_attach(dv->dev, NULL);
    dv->p = NULL;
}

int drive_has_sound(const drive *dv) { return dv->dev != NULL; }
