/* cues.h - prepares every sound of a session before it is due: speech synthesized (and
 * cached), recordings decoded. It answers the compiler's requests with real lengths (a
 * cue_list, plain data: see core/compile/compile.h), and gives the mixer a clip for every
 * speak and play event. Runs on the main thread, never the audio thread. */
#ifndef PACER_CUES_H
#define PACER_CUES_H

#include "clip.h"
#include "cue_list.h"
#include "speech.h"
#include "timeline.h"

typedef struct cue_file {
    char *path;
    clip c;
    int ok;
    int refused; /* there, but refused: not just missing */
    char err[200];
} cue_file;

typedef struct cue_bank {
    speech *sp;             /* may be NULL: captions only */
    diag_list *d;
    const char *session_file; /* points to file: the model it came from is freed first */
    char file[4096];
    int voice_picked, voice_ok, speech_warned;
    speech_voice voice;
    cue_file *files;
    int nfiles, files_cap;
    char *root;               /* the session's folder (made when first needed): recordings must resolve inside it */
    const clip **event_clips; /* per timeline event */
    const clip *ambience;     /* the session's ambience, decoded, or NULL */
    int spoken;               /* texts prepared */
    void (*progress)(int done, void *ud);
    void *progress_ud;
    int no_helper;       /* 1: every text made in this process (see cues_prepare) */
    int wait_for_helper; /* tests: the helper process finishes first, so all its work is used */
} cue_bank;

/* Recordings and the ambience are read from session_file's folder tree only (the rule of
 * path_inside, the same as include's). */
void cues_init(cue_bank *b, speech *sp, diag_list *d, const char *session_file);
/* Prepares every request of l that is not ready yet, as one batch: speech synthesized into
 * the cache, recordings decoded. Writes each one's length into l (speech that no voice can
 * say, or a recording that cannot be used, gets -1 and, for a recording, the reason). A
 * batch of flite speech is shared with a helper process, so both cores synthesize. Returns
 * 0, or -1 on no memory. */
int cues_prepare(cue_bank *b, cue_list *l);
/* Finds the clip of every speak and play event of t. Returns 0, or -1 on no memory. */
int cues_attach(cue_bank *b, const timeline *t);
void cues_free(cue_bank *b);

#endif
