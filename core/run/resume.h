/* resume.h - unfinished sessions are not lost: where a session was stopped, per file.
 * Kept in $XDG_STATE_HOME/pacer/resume; the runner is the only writer. */
#ifndef PACER_RESUME_H
#define PACER_RESUME_H

#include <stdint.h>

#include "timeline.h"

/* Where an unfinished session stopped; -1 when there is none (or the file changed since). */
int64_t resume_get(const char *path);
void resume_put(const char *path, int64_t frame);
void resume_clear(const char *path);
/* Where to continue: the start of the step that was under way, unless that is near the
 * start or the end (then from the beginning: -1). */
int64_t resume_point(const timeline *t, int64_t stopped_at);

#endif
