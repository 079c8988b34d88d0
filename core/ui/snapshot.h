/* snapshot.h - a frame of the player rendered off-screen to PNG, without waiting in real
 * time: exactly what the window shows at that moment of the session. */
#ifndef PACER_SNAPSHOT_H
#define PACER_SNAPSHOT_H

#include "scene.h"

typedef struct snapshot_opts {
    int w, h;
    scene_look look;
    run_phase state; /* RUN_PLAYING, RUN_PAUSED... */
} snapshot_opts;

/* What the frame at 'frame' of t shows: the view (v) and the player's scene (ps, which points
 * at v). Returns 1 when the session has ended there (then the end screen shows). */
int snapshot_scene(const timeline *t, int64_t frame, const snapshot_opts *o, view_model *v, player_scene *ps);

/* Writes the frame at 'frame' of t to png_path (atomically). Returns 0, or -1 with err. */
int snapshot_write(const timeline *t, int64_t frame, const snapshot_opts *o, const char *png_path, char *err,
                   size_t n);

/* The Progress picture (scene_progress) to png_path (atomically). */
int snapshot_progress_write(const progress_view *p, const snapshot_opts *o, const char *png_path, char *err, size_t n);

#endif
