/* device.h - the audio device (SDL2 + SDL2_mixer); recordings are read by recording.h.
 *
 * The generator is installed with Mix_HookMusic before the device opens, and it mixes each
 * cue from its exact frame inside the buffer (Mix_PlayChannel could only start a chunk at a
 * buffer's start). Only this file touches SDL audio. */
#ifndef PACER_DEVICE_H
#define PACER_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#include "clip.h"
#include "player.h"

typedef struct audio_device audio_device;

/* Opens the default output at 48 kHz mono float with buffers of buffer_frames. NULL with
 * err when there is no usable device (no sound card, the sound server is down). */
audio_device *device_open(int buffer_frames, char *err, size_t n);
/* From now on the device renders p (silence before). */
void device_attach(audio_device *d, player *p);
/* Frames the device has asked for so far: a device that stops asking has gone away. */
int64_t device_frames(const audio_device *d);
const char *device_name(const audio_device *d);
/* SDL reports a device it lost (unplugged, the sound server gone, a write that failed) with
 * an event, and may go on calling the callback: device_mark_lost takes that event from a
 * window's event loop; device_lost also looks for it itself (for the terminal view). */
void device_mark_lost(audio_device *d);
int device_lost(audio_device *d);
void device_close(audio_device *d);

#endif
