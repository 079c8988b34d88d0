/* pace.h - a calm pace from pauses, not from stretched sounds.
 *
 * A voice slowed down to a calm 150 words a minute stretches every sound, and is understood
 * less well than the same voice near its own pace (bench/README.md, "Intelligibility"). So
 * both engines speak at an articulation rate near their natural one, and the calm overall
 * pace comes from pauses: the rate a session asks for keeps meaning words a minute overall,
 * and the time the voice saves is given to the pauses it already makes at commas and between
 * sentences, and to a pause after the text (before what comes next). The same rule serves
 * flite and espeak-ng: it only reads the text and the clip's samples. */
#ifndef PACER_PACE_H
#define PACER_PACE_H

#include <stdint.h>

#include "clip.h"

/* The articulation rate (words a minute) at which an engine whose natural rate is natural
 * speaks text meant to last rate words a minute overall: up to a quarter faster than rate,
 * never faster than natural, never slower than rate. */
int pace_articulation(int rate, double natural);

/* Words in text: runs of characters between spaces, as a listener counts them. */
int pace_words(const char *text);

/* The frames text lasts at rate words a minute overall. */
int64_t pace_target_frames(const char *text, int rate);

/* Lengthens c (trimmed speech of text, with its pad at each end) to pace_target_frames by
 * adding silence: in the pauses the voice made at the text's commas and sentence ends (a
 * sentence's twice a comma's, up to 300 and 400 ms in all) and after the last word (as much
 * as a sentence end, and what the others could not take). A clip
 * already that long is left as it is. 0, or -1 when out of memory (c is then unchanged). */
int pace_clip(clip *c, const char *text, int rate);

#endif
