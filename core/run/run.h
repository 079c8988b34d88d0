/* run.h - the session runner: the one place a session is played.
 *
 * The runner owns the audio device (or, with none, the monotonic clock that stands in for
 * it), the player and its clock, the drive loop and the resume policy. Front-ends (the
 * window, the terminal view, the kiosk) never touch any of those: they read a plain
 * run_state, post commands, and call run_tick from their own loop. Whoever must know what
 * happened (the terminal's log, later the journal) listens to run events, which are always
 * delivered on the thread that calls run_start, run_tick and run_stop, never the audio
 * thread.
 *
 * Lifetime: run_open once per program, then any number of
 * run_start ... run_stop pairs (one session at a time), then run_close. The timeline and
 * clips given to run_start belong to the caller and must outlive run_stop. */
#ifndef PACER_RUN_H
#define PACER_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "view.h"

struct clip;

/* Where the session is. The same values as the player's own states. */
typedef enum run_phase {
    RUN_PLAYING = 0,
    RUN_PAUSED = 1,
    RUN_GETREADY = 2, /* the ticks before resuming */
    RUN_ENDED = 3,
} run_phase;

typedef enum run_cmd {
    RUN_TAP = 1,      /* any key, tap or switch: inside a gate go on, elsewhere pause or resume */
    RUN_PAUSE = 2,
    RUN_RESUME = 3,
    RUN_NEXT = 4,     /* to the next step's start */
    RUN_PREV = 5,     /* to this step's start, or the one before when near it */
    RUN_CONTINUE = 6, /* the continue-or-start-over question: continue */
    RUN_RESTART = 7,  /* the same question: start over */
    RUN_ANSWER = 8,   /* an answer (its value, by run_post_value) to the question of a
                         RUN_QUESTION_STEP: told to listeners, then on to the next step;
                         ignored elsewhere */
    RUN_YES = 9,      /* the answer to an ask step's question, while it is asked: its yes */
    RUN_NO = 10,      /* branch (or no branch) plays next; ignored elsewhere */
} run_cmd;

/* The step type that asks a question with a gate, answered by RUN_ANSWER (its phase label,
 * "before" or "after", comes with the answer). */
#define RUN_QUESTION_STEP "rate_pain"

/* What to do with a session that was stopped before its end last time. */
typedef enum run_resume {
    RUN_RESUME_OFF = 0, /* always from the start, and remember nothing (a kiosk) */
    RUN_RESUME_ASK = 1, /* ask; nobody answering within RUN_ASK_SECONDS means continue */
    RUN_RESUME_AUTO = 2, /* continue without asking (the terminal view) */
} run_resume;

#define RUN_ASK_SECONDS 15.0

typedef enum run_event_kind {
    RUN_EV_STARTED = 1,  /* a session began (frame: where it starts, >0 when continued) */
    RUN_EV_STEP = 2,     /* a leaf step was reached (step) */
    RUN_EV_PAUSED = 3,
    RUN_EV_RESUMED = 4,
    RUN_EV_STOPPED = 5,  /* left before its end, at frame */
    RUN_EV_FINISHED = 6, /* played to its end */
    RUN_EV_SOUND_LOST = 7, /* the audio device went away; the clock goes on */
    RUN_EV_ANSWER = 8,   /* the question of the step under way was answered (value, label) */
    RUN_EV_CHOICE = 9,   /* an ask step's question was answered, or its default taken (value:
                            1 yes, 0 no; label: the question; by_default) */
} run_event_kind;

typedef struct run_event {
    run_event_kind kind;
    const char *path;  /* the session's file */
    const char *title; /* its title ("" when none) */
    int64_t frame;     /* the clock when it happened */
    int step, nsteps;  /* the leaf step under way (-1 before the first), of how many */
    int64_t practised; /* frames played so far, pauses and skipped parts excluded */
    int value;         /* RUN_EV_ANSWER: the answer */
    const char *label; /* RUN_EV_ANSWER: the label of the step's phase (rate_pain: its moment), or "";
                          RUN_EV_CHOICE: the question */
    int by_default;    /* RUN_EV_CHOICE: 1 when nobody answered and the default was taken */
    int ask;           /* RUN_EV_CHOICE: which ask of the session (0 for its first question) */
} run_event;

typedef void (*run_listener)(void *ud, const run_event *e);

/* Zero means the default in every field. */
typedef struct run_opts {
    int buffer;        /* audio buffer frames (default 512) */
    int no_audio;      /* no device: the monotonic clock paces the session */
    run_resume resume;
    double volume;     /* 0..1 output gain; 0 is full volume unless volume_set */
    int volume_set;
    run_listener on_event; /* may be NULL */
    void *ud;
    /* The seconds that pace a session with no device, and time the resume question; NULL:
     * the monotonic clock (tests give their own, so they never depend on the machine). */
    double (*clock)(void *clock_ud);
    void *clock_ud;
} run_opts;

/* What a screen needs to draw the session at this moment. */
typedef struct run_state {
    int active;        /* a session is loaded */
    run_phase phase;
    view_model v;      /* step, phase, side, rep, seconds left, caption... at the clock */
    int64_t position;  /* the clock, in frames */
    int64_t ask_resume; /* > 0: the continue-or-start-over question is open, for this frame */
    int64_t continued_from; /* > 0: the session continued from here without asking */
    int sound;         /* 0: no audio device (playing paced by the system clock) */
    int64_t practised;
    int asks;          /* the step under way asks a question: an answer (RUN_ANSWER) is taken now */
    int yesno;         /* an ask step's question is open: RUN_YES or RUN_NO is taken now */
} run_state;

typedef struct run run;

/* Returns NULL only when out of memory. The audio device (unless o->no_audio) is opened by
 * run_start, after the session was loaded, and closed by run_stop. */
run *run_open(const run_opts *o);
void run_close(run *r);
/* Why the session under way plays without sound ("" when it has a device, or no device was
 * asked for): the front-end says so once after run_start. */
const char *run_sound_problem(const run *r);

/* Starts playing t from path (resume policy applied). Returns 0, or -1 on no memory. */
int run_start(run *r, const char *path, const timeline *t, const struct clip *const *clips,
              const struct clip *ambience);
/* Queues a command; it takes effect at the next audio buffer. */
void run_post(run *r, run_cmd cmd);
/* The same with a value: RUN_ANSWER's answer (the others ignore it).
 * v.elapsed and v.total in run_state follow the way the answers choose: a branch that is not
 * played counts neither as done nor as left. */
void run_post_value(run *r, run_cmd cmd, int value);
/* Advances the no-device clock, answers an expired question, notices a lost device and
 * delivers events. Call it from the front-end's loop (every frame, or every 50-250 ms). */
void run_tick(run *r);
void run_get_state(run *r, run_state *s);
/* Leaves the session: remembers where it stopped (or that it finished) and tells the
 * listener. Nothing is played after it returns. Safe to call with no session. */
void run_stop(run *r);
void run_set_volume(run *r, double volume);
/* Typing an answer from 0 to 10 with digit keys, the same in every front-end: 0 and 2 to 9
 * answer at once; 1 waits RUN_DIGIT_SECONDS for a 0 (10), or Enter, and is then 1. */
#define RUN_DIGIT_SECONDS 1.5
typedef struct run_digits {
    int pending; /* 1 when a 1 was typed and may become 10 */
    double since;
} run_digits;
/* A digit key; returns the answer it completes, or -1 (a 1 waiting). */
int run_digits_key(run_digits *d, int digit, double now);
/* Enter (or the wait running out, when now is past it): the pending 1, or -1. Call
 * run_digits_due with the time from the front-end's loop. */
int run_digits_enter(run_digits *d);
int run_digits_due(run_digits *d, double now);

/* The monotonic clock in seconds (for front-ends' own timeouts; never for cues). */
double run_now(void);
/* The output device's name, or "" when playing without one. */
const char *run_device_name(const run *r);

#endif
