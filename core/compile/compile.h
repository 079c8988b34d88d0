/* compile.h - expands a session model into a timeline, in two passes.
 *
 * Pass 1 (session_cue_requests) finds every sound the session needs (speech texts with their
 * voice and rate, recordings) and lists them as requests, timed by estimates meanwhile. The
 * cue bank prepares them all at once and writes their lengths into the list. Pass 2
 * (session_compile) compiles against those lengths. The compiler never calls into audio: the
 * list is plain data (core/timeline/cue_list.h). Pure C. */
#ifndef PACER_COMPILE_H
#define PACER_COMPILE_H

#include "cue_list.h"
#include "model.h"
#include "timeline.h"
#include "util.h"

/* Estimates, for sounds the cue list has no length for (or when there is no list): pure
 * functions, no audio. Tests give their own to make lengths easy to reason about. */
/* Seconds that 'text' takes when spoken. */
typedef double (*speech_len_fn)(void *ud, const char *language, const char *voice, int rate, const char *text);
/* Seconds a recording lasts, or -1 with the reason in err when it cannot be used (it is not
 * there: a warning), or FILE_LEN_REFUSED (cue_list.h) when it is there but refused. */
typedef double (*file_len_fn)(void *ud, const char *path, char *err, size_t n);

typedef struct compile_opts {
    cue_list *cues;           /* lengths of prepared sounds; NULL: every length estimated */
    speech_len_fn speech_len; /* NULL: estimate_speech_len */
    void *speech_ud;
    file_len_fn file_len;     /* NULL: a recording is timed like its caption spoken */
    void *file_ud;
    double max_seconds; /* 0: 24 hours */
    int max_events;     /* 0: 1,000,000 */
    double warn_minutes; /* a session longer than this is a warning; 0: 60 */
} compile_opts;

/* Pass 1: expands m with the lengths o->cues has (estimates for the rest) and adds a request
 * to o->cues for every sound it does not have yet. Reports nothing (pass 2 does). Returns how
 * many requests wait for an answer, 0 when the list already has every sound m needs, -1
 * without a list.
 *
 * After the cue bank has answered them, pass 2 (session_compile) compiles against the list.
 * A length that changes the expansion (or a recording that turns out unusable and is spoken
 * instead) can bring sounds the list lacks: pass 2 adds them as requests as pass 1 does, so
 * cue_list_pending(o->cues) > 0 after it means: prepare those and run pass 2 again (normally
 * never; bound it). See compile_with_speech in core/cli/commands.c. */
int session_cue_requests(const session_model *m, const compile_opts *o);

/* Pass 2: compiles m into t (initialized by the call), each sound timed by its answer in
 * o->cues (sounds without one by the estimates, and added to o->cues as requests). Returns 0,
 * or -1 when an error was added to d (warnings do not fail). On failure t is freed. */
int session_compile(const session_model *m, const compile_opts *o, timeline *t, diag_list *d);

#endif
