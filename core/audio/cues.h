/* cues.h - prepares every sound of a session before it is due: speech synthesized (and
 * cached), recordings decoded. It gives the compiler real lengths, and the mixer a clip for
 * every speak and play event. Runs on the main thread, never the audio thread. */
#ifndef PACER_CUES_H
#define PACER_CUES_H

#include "clip.h"
#include "session.h"
#include "speech.h"

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
} cue_bank;

/* Recordings and the ambience are read from session_file's folder tree only (the rule of
 * path_inside, the same as include's). */
void cues_init(cue_bank *b, speech *sp, diag_list *d, const char *session_file);
/* Points the compiler's length functions at the bank. */
void cues_compile_opts(cue_bank *b, compile_opts *o);
/* Finds the clip of every speak and play event of t. Returns 0, or -1 on no memory. */
int cues_attach(cue_bank *b, const timeline *t);
void cues_free(cue_bank *b);

#endif
