/* cue_list.h - the sounds a session needs, and how long each lasts: every speech text (with
 * the language, voice and rate it is said in) and every recording.
 *
 * Plain data passed between the compiler and the cue bank, so neither calls the other: the
 * compiler's first pass adds a request for each sound it meets (timed by an estimate), the
 * cue bank prepares all the new requests at once and writes their lengths in, and the second
 * pass compiles against those lengths. Pure C. */
#ifndef PACER_CUE_LIST_H
#define PACER_CUE_LIST_H

#include "util.h"

typedef enum cue_kind { CUE_SPEECH = 1, CUE_FILE = 2 } cue_kind;

/* A recording's answer when the file is there but refused (malformed, too long, outside the
 * session's folder): an error that check fails on; -1 is a missing file (a warning). */
#define FILE_LEN_REFUSED (-2.0)

typedef struct cue_request {
    cue_kind kind;
    const char *text;             /* the words, or the recording's absolute path */
    const char *language, *voice; /* CUE_SPEECH: as the session gives them (voice may be NULL) */
    int rate;                     /* CUE_SPEECH: words per minute */
    int ready;                    /* 1 once the cue bank has answered */
    double seconds;               /* when ready: its length, or <= 0 when it cannot be used */
    const char *err;              /* when ready and unusable: why (may be NULL) */
} cue_request;

typedef struct cue_list {
    cue_request *items;
    int count, cap;
    int *slots; /* open-addressing index of items, nslots a power of two */
    int nslots;
    arena strings;
} cue_list;

void cue_list_init(cue_list *l);
void cue_list_free(cue_list *l);
/* The request for this sound, or NULL. language and voice may be NULL. */
cue_request *cue_list_find(const cue_list *l, cue_kind kind, const char *text, const char *language,
                           const char *voice, int rate);
/* The request for this sound, added (not ready) when it is new; the strings are copied.
 * NULL on no memory. */
cue_request *cue_list_add(cue_list *l, cue_kind kind, const char *text, const char *language, const char *voice,
                          int rate);
/* Records the answer for r; err is copied. */
void cue_list_answer(cue_list *l, cue_request *r, double seconds, const char *err);
/* How many requests are not ready yet. */
int cue_list_pending(const cue_list *l);

#endif
