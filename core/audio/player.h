/* player.h - the session clock and its transport: play, pause, resume, skip, gate.
 *
 * The clock is the audio frame counter: player_audio() advances it by exactly the frames it
 * renders, whether the SDL callback, the no-device fallback or a test calls it. Commands from
 * the UI thread are queued and applied at the start of the next buffer, so every change of
 * state happens on the thread that renders (no locks in the audio path). */
#ifndef PACER_PLAYER_H
#define PACER_PLAYER_H

#include <stdatomic.h>
#include <stdint.h>

#include "mixer.h"

typedef enum player_cmd {
    PLAYER_TOGGLE = 1, /* pause, or resume after a get-ready */
    PLAYER_PAUSE = 2,
    PLAYER_RESUME = 3,
    PLAYER_NEXT = 4,   /* to the next step's start */
    PLAYER_PREV = 5,   /* to this step's start, or the one before when near it */
    PLAYER_TAP = 6,    /* inside a gate: go on now; elsewhere: toggle */
    PLAYER_RESTART = 7, /* from the start, after the get-ready ticks */
    PLAYER_YES = 8,    /* inside an ask's question: answer yes and go on to its branch */
    PLAYER_NO = 9,     /* the same with no */
} player_cmd;

typedef enum player_state {
    PLAYER_PLAYING = 0,
    PLAYER_PAUSED = 1,
    PLAYER_GETREADY = 2, /* ticks before resuming */
    PLAYER_ENDED = 3,
} player_state;

enum { PLAYER_QUEUE = 16 };

/* The get-ready before a resume: three ticks half a second apart, then play. */
#define PLAYER_GETREADY_SECONDS 1.5

typedef struct player {
    mixer mx;
    const timeline *t;
    int64_t end;                /* where the session is over: the last sound has finished */
    _Atomic int64_t frame;      /* the clock: session frame of the next sample */
    _Atomic int state;          /* player_state */
    _Atomic int64_t output;     /* frames written to the output, including pauses */
    _Atomic int64_t played;     /* session frames mixed while playing: no pause, no skipped part */
    _Atomic int volume_permille; /* output gain, 0..1000 (1000 = as mixed) */
    int64_t getready_pos;
    int clean_start; /* the clock was moved by a skip: resume without the cues under way */
    /* each ask's answer as the audio thread last left it, for the UI thread: the answer
     * (TL_OPEN, TL_YES, TL_NO) plus 4 times how it came (MIXER_ANSWERED...) */
    _Atomic int *answers;
    /* single-producer, single-consumer command ring */
    _Atomic int cmds[PLAYER_QUEUE];
    _Atomic unsigned head, tail;
} player;

/* Returns 0, or -1 on no memory. clips and ambience as for mixer_init. */
int player_init(player *p, const timeline *t, const clip *const *clips, const clip *ambience);
void player_free(player *p);
/* Before playing starts: place the clock at frame, paused (a resume then plays the get-ready
 * ticks and goes on from there). */
void player_start_at(player *p, int64_t frame);
/* Queues a command (from the UI thread). Returns 0, or -1 when the queue is full. */
int player_send(player *p, player_cmd cmd);
/* Renders the next n output frames into out and advances the clock (the audio thread). */
void player_audio(player *p, float *out, int n);
int64_t player_frame(const player *p);
/* Frames of the session actually played so far: pauses, get-ready ticks and skips excluded. */
int64_t player_played(const player *p);
/* Output gain 0..1, applied after mixing (the session itself, and render, are unchanged). */
void player_set_volume(player *p, double v);
player_state player_get_state(const player *p);
/* Ask k's answer and how it came, as published by the audio thread: *how gets MIXER_ANSWERED,
 * MIXER_BY_DEFAULT, MIXER_IMPLIED, or 0 while it is open. Returns TL_OPEN, TL_YES or TL_NO. */
int player_answer(const player *p, int k, int *how);

#endif
