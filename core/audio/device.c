/* device.c - SDL2 audio output (recordings are decoded by recording.c). */
#include "device.h"

#include <SDL.h>
#include <SDL_mixer.h>
#include <alsa/asoundlib.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "pacer/plugin.h"

struct audio_device {
    _Atomic(player *) player;
    _Atomic int64_t frames;
    _Atomic int lost;
    int events; /* the events subsystem was started for it */
    char name[128];
};

static int mix_refs; /* opens of the SDL_mixer device */

/* ALSA's library prints each step of a failed open on stderr (eight lines with no sound
 * card). The reason reaches us through SDL's error anyway, and Pacer says it in one line of
 * its own, so ALSA's own printing is turned off. SDL loads the same libasound.so.2 this
 * program links, so the handler set here is the one its ALSA driver uses. */
static void alsa_quiet(const char *file, int line, const char *function, int err, const char *fmt, ...)
{
    (void)file, (void)line, (void)function, (void)err, (void)fmt;
}

static void hook(void *ud, Uint8 *stream, int len)
{
    audio_device *d = ud;
    int n = len / (int)sizeof(float);
    player *p = atomic_load(&d->player);
    if (p)
        player_audio(p, (float *)stream, n);
    else
        memset(stream, 0, (size_t)len);
    atomic_fetch_add(&d->frames, n);
}

static int mix_open(const char *driver, int buffer_frames, char *err, size_t n)
{
    if (driver)
        SDL_SetHint(SDL_HINT_AUDIODRIVER, driver);
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) < 0) {
        snprintf(err, n, "no audio: %s", SDL_GetError());
        return -1;
    }
    Mix_Init(MIX_INIT_OGG | MIX_INIT_FLAC | MIX_INIT_MP3);
    if (Mix_OpenAudioDevice(PACER_RATE, AUDIO_F32SYS, 1, buffer_frames, NULL, 0) < 0) {
        snprintf(err, n, "no audio device: %s", Mix_GetError());
        Mix_Quit();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return -1;
    }
    return 0;
}

static void mix_close(void)
{
    Mix_HookMusic(NULL, NULL);
    Mix_CloseAudio();
    Mix_Quit();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

audio_device *device_open(int buffer_frames, char *err, size_t n)
{
    if (mix_refs > 0) {
        snprintf(err, n, "the audio device is already open");
        return NULL;
    }
    audio_device *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, n, "out of memory");
        return NULL;
    }
    snd_lib_error_set_handler(alsa_quiet);
    /* The generator goes in before the device opens, so its first buffer is already ours. */
    Mix_HookMusic(hook, d);
    if (mix_open(NULL, buffer_frames, err, n) < 0) {
        Mix_HookMusic(NULL, NULL);
        free(d);
        return NULL;
    }
    Mix_HookMusic(hook, d);
    /* device-removed events need the event subsystem */
    d->events = SDL_InitSubSystem(SDL_INIT_EVENTS) == 0;
    const char *drv = SDL_GetCurrentAudioDriver();
    snprintf(d->name, sizeof d->name, "%s", drv ? drv : "audio");
    mix_refs = 1;
    return d;
}

void device_attach(audio_device *d, player *p)
{
    if (!p) {
        /* Mix_HookMusic takes the device lock: once it returns no callback is using the old
         * player, and the caller may free it. */
        Mix_HookMusic(NULL, NULL);
        atomic_store(&d->player, NULL);
        Mix_HookMusic(hook, d);
        return;
    }
    atomic_store(&d->player, p);
}
int64_t device_frames(const audio_device *d) { return atomic_load(&d->frames); }

void device_mark_lost(audio_device *d)
{
    if (d)
        atomic_store(&d->lost, 1);
}

int device_lost(audio_device *d)
{
    if (!d)
        return 0;
    if (d->events && !atomic_load(&d->lost)) {
        SDL_Event e[8];
        SDL_PumpEvents();
        int n = SDL_PeepEvents(e, 8, SDL_GETEVENT, SDL_AUDIODEVICEREMOVED, SDL_AUDIODEVICEREMOVED);
        for (int i = 0; i < n; i++)
            if (!e[i].adevice.iscapture)
                atomic_store(&d->lost, 1);
    }
    return atomic_load(&d->lost);
}
const char *device_name(const audio_device *d) { return d->name; }

void device_close(audio_device *d)
{
    if (!d)
        return;
    Mix_HookMusic(NULL, NULL); /* waits for a running callback: the device lock */
    atomic_store(&d->player, NULL);
    if (--mix_refs == 0)
        mix_close();
    if (d->events)
        SDL_QuitSubSystem(SDL_INIT_EVENTS);
    free(d);
}
