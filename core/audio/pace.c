/* pace.c - a calm pace from pauses (see pace.h).
 *
 * The voice's own pauses are found in the clip, not asked of the engine: runs of at least
 * 60 ms where every sample stays under the trimming floor (-46 dBFS). Stop consonants close
 * for up to about 50 ms, flite's pause at a comma lasts 75 to 110 ms and at a full stop
 * about 110 ms (slt near its natural rate), so the runs are the pauses. Each comma or
 * sentence end of the text takes the unused run nearest to where it falls in the text (by
 * its place among the characters), in order; a break the voice did not pause at, and what a
 * pause cannot take beyond its longest, go to the pause after the text. Everything is integer arithmetic on the samples, so a
 * text always gets the same pauses. */
#include "pace.h"

#include <stdlib.h>
#include <string.h>

#include "pacer/plugin.h"

enum {
    FRAME = PACER_RATE / 200,  /* 5 ms */
    MIN_PAUSE = 12,            /* frames: 60 ms */
    SILENT = 131,              /* |sample| below 0.004 of full scale, the trimming floor */
    MAX_BREAKS = 64,
    END_WEIGHT = 2,
    COMMA_MAX = PACER_RATE * 300 / 1000,    /* a pause at a comma lasts at most 300 ms, */
    SENTENCE_MAX = PACER_RATE * 400 / 1000, /* between sentences 400 ms: longer ones break a
                                             * cue in two (a recognizer, like a listener, takes
                                             * what follows as a new utterance) */
};

int pace_articulation(int rate, double natural)
{
    double a = rate * 1.25;
    if (a > natural)
        a = natural;
    if (a < rate)
        a = rate;
    return (int)(a + 0.5);
}

static int is_space(char ch) { return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r'; }

int pace_words(const char *text)
{
    int words = 0, in_word = 0;
    for (const char *p = text; *p; p++) {
        if (!is_space(*p) && !in_word)
            words++;
        in_word = !is_space(*p);
    }
    return words;
}

int64_t pace_target_frames(const char *text, int rate)
{
    return rate > 0 ? (int64_t)pace_words(text) * 60 * PACER_RATE / rate : 0;
}

typedef struct brk {
    double where; /* 0..1: its place in the text */
    int weight;
    int64_t at;   /* frame where its silence goes; -1: the voice made no pause there */
    int64_t had;  /* frames of the voice's own pause there */
} brk;

static int word_char(unsigned char ch) { return ch >= 0x80 || (ch >= '0' && ch <= '9') || ((ch | 32) >= 'a' && (ch | 32) <= 'z'); }

/* Commas and sentence ends with a word after them, in order. */
static int find_breaks(const char *text, brk *b)
{
    size_t len = strlen(text);
    int n = 0, pending = 0, seen_word = 0;
    size_t pending_at = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (word_char(ch)) {
            if (pending && n < MAX_BREAKS)
                b[n++] = (brk){(double)pending_at / (double)len, pending, -1, 0};
            pending = 0;
            seen_word = 1;
        } else if (seen_word && strchr(",;:.!?", ch)) {
            int w = strchr(".!?", ch) ? 2 : 1;
            if (!pending)
                pending_at = i;
            if (w > pending)
                pending = w; /* "?!" or ",." is one break */
        }
    }
    return n;
}

/* Silent runs of at least MIN_PAUSE frames strictly inside the clip: starts and lengths in
 * frames, into run[]; how many. */
static int find_runs(const clip *c, int64_t (*run)[2], int max)
{
    const int64_t frames = c->frames / FRAME;
    int n = 0;
    int64_t start = -1;
    for (int64_t f = 0; f < frames; f++) {
        int quiet = 1;
        for (int64_t i = f * FRAME; i < (f + 1) * FRAME && quiet; i++)
            quiet = abs(c->samples[i]) < SILENT;
        if (quiet && start < 0)
            start = f;
        if (!quiet && start >= 0) {
            if (start > 0 && f - start >= MIN_PAUSE && n < max) {
                run[n][0] = start;
                run[n][1] = f - start;
                n++;
            }
            start = -1;
        }
    }
    return n; /* a run still open at the end touches the clip's end: not a pause inside */
}

int pace_clip(clip *c, const char *text, int rate)
{
    const int64_t extra = pace_target_frames(text, rate) - c->frames;
    if (extra <= 0 || c->frames <= 0)
        return 0;
    brk b[MAX_BREAKS];
    const int nb = find_breaks(text, b);
    int64_t run[MAX_BREAKS * 4][2];
    const int nr = find_runs(c, run, MAX_BREAKS * 4);
    /* each break, in order, takes the nearest unused run after the one before it */
    int next = 0;
    for (int i = 0; i < nb && next < nr; i++) {
        double want = b[i].where * (double)(c->frames / FRAME);
        int best = -1;
        double best_d = 0;
        for (int k = next; k < nr; k++) {
            double mid = (double)run[k][0] + (double)run[k][1] / 2.0, d = mid > want ? mid - want : want - mid;
            if (best < 0 || d < best_d) {
                best = k;
                best_d = d;
            }
        }
        b[i].at = (run[best][0] + run[best][1] / 2) * FRAME;
        b[i].had = run[best][1] * FRAME;
        next = best + 1;
    }
    int total = END_WEIGHT;
    for (int i = 0; i < nb; i++)
        total += b[i].weight;
    int16_t *out = malloc((size_t)(c->frames + extra) * sizeof *out);
    if (!out)
        return -1;
    /* each pause its share, up to its longest; what is left follows the text */
    int64_t from = 0, to = 0, given = 0;
    for (int i = 0; i < nb; i++) {
        if (b[i].at < 0)
            continue;
        int64_t share = extra * b[i].weight / total, room = (b[i].weight > 1 ? SENTENCE_MAX : COMMA_MAX) - b[i].had;
        if (share > room)
            share = room > 0 ? room : 0;
        given += share;
        memcpy(out + to, c->samples + from, (size_t)(b[i].at - from) * sizeof *out);
        to += b[i].at - from;
        from = b[i].at;
        memset(out + to, 0, (size_t)share * sizeof *out);
        to += share;
    }
    memcpy(out + to, c->samples + from, (size_t)(c->frames - from) * sizeof *out);
    to += c->frames - from;
    memset(out + to, 0, (size_t)(extra - given) * sizeof *out);
    free(c->samples);
    c->samples = out;
    c->frames += extra;
    return 0;
}
