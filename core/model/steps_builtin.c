/* steps_builtin.c - the built-in step types, declared the way a plugin declares its own. */
#include <math.h>
#include <stddef.h>

#include "i18n.h"
#include "model.h"

/* Speech after a phase's tone starts once the tone has sounded, so the two never blur. */
#define CUE_OFFSET 0.3
/* The quiet after a hold's release cue before the next step, when no rest is longer. */
#define RELEASE_GAP 0.5
/* The quiet between a gate's prompt and the gate. */
#define GATE_LEAD 0.3

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- session ---- */
enum { SES_TITLE, SES_SUMMARY, SES_LANGUAGE, SES_VOICE, SES_RATE, SES_API, SES_AMBIENCE, SES_AMBIENCE_LEVEL };
static const pacer_field session_fields[] = {
    [SES_TITLE] = {"title", PACER_TEXT, PACER_REQUIRED, 0, 120, 0, NULL, NULL, "Shown in the menu and on the player"},
    [SES_SUMMARY] = {"summary", PACER_TEXT, 0, 0, 600, 0, "", NULL, "One line under the title in the menu"},
    [SES_LANGUAGE] = {"language", PACER_STRING, 0, 0, 16, 0, "en", NULL,
                      "Language of the cues, as a code: en, es, de, fr..."},
    [SES_VOICE] = {"voice", PACER_STRING, 0, 0, 64, 0, NULL, NULL,
                   "Speech voice, engine:name, e.g. \"flite:slt\", \"festival:slt\" or \"espeak:es\"; default: by language"},
    [SES_RATE] = {"rate", PACER_INTEGER, 0, 80, 300, 150, NULL, NULL,
                  "Speaking pace in words per minute overall: the voice speaks near its own rate, and the rest "
                  "is pauses at commas, sentence ends and after each cue"},
    [SES_API] = {"api", PACER_INTEGER, 0, 1, 1000, 1, NULL, NULL,
                 "The Pacer script API the session was written for"},
    [SES_AMBIENCE] = {"ambience", PACER_PATH, 0, 0, 0, 0, NULL, NULL,
                      "A recording looped quietly under the whole session; it ducks under speech"},
    [SES_AMBIENCE_LEVEL] = {"ambience_level", PACER_NUMBER, 0, 0, 1, 0.25, NULL, NULL,
                            "Loudness of the ambience, 0 to 1"},
};

enum { PACER_API = 1 };

static int session_validate(pacer_ctx *x, const pacer_host *h)
{
    int api = (int)h->num(x, SES_API);
    if (api > PACER_API)
        return h->fail(x, "this session needs Pacer script API %d; this Pacer supports API %d", api, PACER_API);
    return 0;
}

static int session_expand(pacer_ctx *x, const pacer_host *h) { return h->children(x, NULL); }

static const pacer_step_type session_type = {
    sizeof(pacer_step_type), "session", "The whole session: its title and settings, then its steps in order",
    session_fields, N(session_fields), 1, session_validate, session_expand,
    "return session {\n  title = \"Two breaths\", summary = \"A short check\",\n  breathe { inhale = 4, exhale = 6, cycles = 2 },\n}",
};

/* ---- say ---- */
enum { SAY_TEXT, SAY_FILE, SAY_GAP };
static const pacer_field say_fields[] = {
    [SAY_TEXT] = {"text", PACER_TEXT, PACER_REQUIRED | PACER_POSITIONAL, 0, 1000, 0, NULL, NULL,
                  "What is said, and shown as a caption; {side} names the current side"},
    [SAY_FILE] = {"file", PACER_PATH, 0, 0, 0, 0, NULL, NULL,
                  "A recording to play instead of speech (relative to the session file)"},
    [SAY_GAP] = {"gap", PACER_NUMBER, 0, 0, 60, 0.5, NULL, NULL, "Seconds of quiet after the cue"},
};

static int say_expand(pacer_ctx *x, const pacer_host *h)
{
    const char *text = h->text(x, SAY_TEXT);
    double len = h->given(x, SAY_FILE) ? h->play(x, 0, h->text(x, SAY_FILE), text) : h->say(x, 0, text);
    double gap = h->num(x, SAY_GAP);
    h->phase(x, 0, PACER_PHASE_INSTRUCTION, len + gap, NULL, 0, 0);
    h->advance(x, len + gap);
    return 0;
}

static const pacer_step_type say_type = {
    sizeof(pacer_step_type), "say", "Speaks a cue (or plays a recording) and shows it as a caption",
    say_fields, N(say_fields), 0, NULL, say_expand,
    "say \"Lie on your back with both knees bent.\"",
};

/* ---- tone, beep, bell ---- */
enum { TONE_HZ, TONE_MS, TONE_LEVEL, TONE_SHAPE };
static const pacer_field tone_fields[] = {
    [TONE_HZ] = {"hz", PACER_NUMBER, PACER_POSITIONAL, 20, 8000, 440, NULL, NULL, "Pitch in hertz"},
    [TONE_MS] = {"ms", PACER_NUMBER, PACER_POSITIONAL, 5, 10000, 200, NULL, NULL, "Length in milliseconds"},
    [TONE_LEVEL] = {"level", PACER_NUMBER, PACER_POSITIONAL, 0, 1, 0.5, NULL, NULL, "Loudness, 0 to 1"},
    [TONE_SHAPE] = {"shape", PACER_ENUM, 0, 0, 0, 0, "sine", "sine|bell|chime|rise|fall|tick|swell|double",
                    "How it sounds: sine, bell (struck), chime, rise, fall, tick, swell (no strike) or double "
                    "(two strikes)"},
};

static pacer_shape shape_from_name(const char *s)
{
    static const char *const names[] = {"sine", "bell", "chime", "rise", "fall", "tick", "swell", "double"};
    for (int i = 0; i < N(names); i++)
        if (s && names[i][0] == s[0] && names[i][1] == s[1])
            return (pacer_shape)i;
    return PACER_SHAPE_SINE;
}

static int tone_expand(pacer_ctx *x, const pacer_host *h)
{
    pacer_tone t = {sizeof t, shape_from_name(h->text(x, TONE_SHAPE)), h->num(x, TONE_HZ), h->num(x, TONE_MS),
                    h->num(x, TONE_LEVEL)};
    h->tone(x, 0, &t);
    h->advance(x, t.ms / 1000.0);
    return 0;
}

static const pacer_step_type tone_type = {
    sizeof(pacer_step_type), "tone", "Plays a synthesized tone; the session goes on when it ends",
    tone_fields, N(tone_fields), 0, NULL, tone_expand,
    "tone { hz = 660, ms = 300, level = 0.4, shape = \"chime\" }",
};

static int beep_expand(pacer_ctx *x, const pacer_host *h)
{
    h->sound(x, 0, PACER_SOUND_BEEP);
    h->advance(x, sound_length(PACER_SOUND_BEEP));
    return 0;
}

static const pacer_step_type beep_type = {
    sizeof(pacer_step_type), "beep", "A short beep", NULL, 0, 0, NULL, beep_expand, "beep()",
};

static int bell_expand(pacer_ctx *x, const pacer_host *h)
{
    h->sound(x, 0, PACER_SOUND_BELL);
    h->advance(x, sound_length(PACER_SOUND_BELL));
    return 0;
}

static const pacer_step_type bell_type = {
    sizeof(pacer_step_type), "bell", "A struck bell that rings out, e.g. to end a session",
    NULL, 0, 0, NULL, bell_expand, "bell()",
};

/* ---- wait ---- */
enum { WAIT_SECONDS, WAIT_COUNTDOWN, WAIT_LABEL, WAIT_TONE };
static const pacer_field wait_fields[] = {
    [WAIT_SECONDS] = {"seconds", PACER_NUMBER, PACER_REQUIRED | PACER_POSITIONAL, 0, 3600, 0, NULL, NULL,
                      "How long to wait"},
    [WAIT_COUNTDOWN] = {"countdown", PACER_BOOL, 0, 0, 0, 0, NULL, NULL, "Show the seconds counting down"},
    [WAIT_LABEL] = {"label", PACER_TEXT, 0, 0, 200, 0, NULL, NULL, "Shown while waiting, e.g. \"Rest\""},
    [WAIT_TONE] = {"tone", PACER_BOOL, 0, 0, 0, 1, NULL, NULL,
                   "A soft tone as the wait begins, so it is heard with eyes closed"},
};

static int wait_expand(pacer_ctx *x, const pacer_host *h)
{
    double s = h->num(x, WAIT_SECONDS);
    h->phase(x, 0, PACER_PHASE_REST, s, h->text(x, WAIT_LABEL), 0, 0);
    if (h->num(x, WAIT_TONE) != 0 && s >= sound_length(PACER_SOUND_REST))
        h->sound(x, 0, PACER_SOUND_REST);
    if (h->num(x, WAIT_COUNTDOWN) != 0)
        h->countdown(x, 0, s);
    h->advance(x, s);
    return 0;
}

static const pacer_step_type wait_type = {
    sizeof(pacer_step_type), "wait", "Quiet time; the session goes on by itself",
    wait_fields, N(wait_fields), 0, NULL, wait_expand,
    "wait { 10, countdown = true, label = \"Rest\" }",
};

/* ---- breathe ---- */
enum {
    BR_INHALE, BR_HOLD_IN, BR_EXHALE, BR_HOLD_OUT, BR_CYCLES, BR_MINUTES,
    BR_SPEAK_CYCLES, BR_INHALE_CUE, BR_EXHALE_CUE, BR_HOLD_CUE, BR_ANNOUNCE, BR_HALFWAY_CUE, BR_LAST_MINUTE_CUE,
};
static const pacer_field breathe_fields[] = {
    [BR_INHALE] = {"inhale", PACER_NUMBER, 0, 1, 30, 4, NULL, NULL, "Seconds breathing in"},
    [BR_HOLD_IN] = {"hold_in", PACER_NUMBER, 0, 0, 30, 0, NULL, NULL, "Seconds holding after breathing in"},
    [BR_EXHALE] = {"exhale", PACER_NUMBER, 0, 1, 30, 6, NULL, NULL, "Seconds breathing out"},
    [BR_HOLD_OUT] = {"hold_out", PACER_NUMBER, 0, 0, 30, 0, NULL, NULL, "Seconds holding after breathing out"},
    [BR_CYCLES] = {"cycles", PACER_INTEGER, 0, 1, 1000, 1, NULL, NULL, "Number of breaths (or give minutes)"},
    [BR_MINUTES] = {"minutes", PACER_NUMBER, 0, 0.25, 60, 5, NULL, NULL,
                    "Minutes of breathing, rounded to whole breaths (or give cycles)"},
    [BR_SPEAK_CYCLES] = {"speak_cycles", PACER_INTEGER, 0, 0, 1000, 3, NULL, NULL,
                         "Breaths with spoken cues; the rest have tones only"},
    [BR_INHALE_CUE] = {"inhale_cue", PACER_TEXT, 0, 0, 200, 0, N_("Breathe in"), NULL, "Said as each spoken inhale begins"},
    [BR_EXHALE_CUE] = {"exhale_cue", PACER_TEXT, 0, 0, 200, 0, N_("Breathe out"), NULL, "Said as each spoken exhale begins"},
    [BR_HOLD_CUE] = {"hold_cue", PACER_TEXT, 0, 0, 200, 0, N_("Hold"), NULL, "Said as each spoken hold begins"},
    [BR_ANNOUNCE] = {"announce", PACER_BOOL, 0, 0, 0, 0, NULL, NULL,
                     "Say when half the breaths are done and when one minute is left"},
    [BR_HALFWAY_CUE] = {"halfway_cue", PACER_TEXT, 0, 0, 200, 0, N_("Halfway there."), NULL,
                        "Said instead of the inhale cue when half the breaths are done (with announce)"},
    [BR_LAST_MINUTE_CUE] = {"last_minute_cue", PACER_TEXT, 0, 0, 200, 0, N_("One minute to go."), NULL,
                            "Said instead of the inhale cue when one minute is left (with announce)"},
};

static int breathe_validate(pacer_ctx *x, const pacer_host *h)
{
    int c = h->given(x, BR_CYCLES), m = h->given(x, BR_MINUTES);
    if (c && m)
        return h->fail(x, "give 'cycles' or 'minutes', not both");
    if (!c && !m)
        return h->fail(x, "give 'cycles' (breaths) or 'minutes'");
    return 0;
}

static int breathe_expand(pacer_ctx *x, const pacer_host *h)
{
    const double in = h->num(x, BR_INHALE), hin = h->num(x, BR_HOLD_IN);
    const double ex = h->num(x, BR_EXHALE), hout = h->num(x, BR_HOLD_OUT);
    const double cycle = in + hin + ex + hout;
    int n = h->given(x, BR_CYCLES) ? (int)h->num(x, BR_CYCLES) : (int)lround(h->num(x, BR_MINUTES) * 60.0 / cycle);
    if (n < 1)
        n = 1;
    const int speak = (int)h->num(x, BR_SPEAK_CYCLES);
    const int announce = h->num(x, BR_ANNOUNCE) != 0;
    const int halfway = announce && n >= 4 ? n / 2 : -1;
    /* The breath from which at most one minute remains, when the whole is over two minutes. */
    int last_minute = -1;
    if (announce && n * cycle > 120)
        last_minute = n - (int)floor(60.0 / cycle);
    const char *in_cue = h->text(x, BR_INHALE_CUE), *ex_cue = h->text(x, BR_EXHALE_CUE);
    const char *hold_cue = h->text(x, BR_HOLD_CUE);
    const char *halfway_cue = h->text(x, BR_HALFWAY_CUE), *last_minute_cue = h->text(x, BR_LAST_MINUTE_CUE);

    for (int i = 0; i < n; i++) {
        const int spoken = i < speak;
        h->phase(x, 0, PACER_PHASE_INHALE, in, NULL, i + 1, n);
        h->sound(x, 0, PACER_SOUND_INHALE);
        if (i == halfway)
            h->say(x, CUE_OFFSET, halfway_cue);
        else if (i == last_minute)
            h->say(x, CUE_OFFSET, last_minute_cue);
        else if (spoken)
            h->say(x, CUE_OFFSET, in_cue);
        h->advance(x, in);
        if (hin > 0) {
            h->phase(x, 0, PACER_PHASE_HOLD_IN, hin, NULL, i + 1, n);
            h->sound(x, 0, PACER_SOUND_HOLD_IN);
            if (spoken)
                h->say(x, CUE_OFFSET, hold_cue);
            h->advance(x, hin);
        }
        h->phase(x, 0, PACER_PHASE_EXHALE, ex, NULL, i + 1, n);
        h->sound(x, 0, PACER_SOUND_EXHALE);
        if (spoken)
            h->say(x, CUE_OFFSET, ex_cue);
        h->advance(x, ex);
        if (hout > 0) {
            h->phase(x, 0, PACER_PHASE_HOLD_OUT, hout, NULL, i + 1, n);
            h->sound(x, 0, PACER_SOUND_HOLD_OUT);
            if (spoken)
                h->say(x, CUE_OFFSET, hold_cue);
            h->advance(x, hout);
        }
    }
    return 0;
}

static const pacer_step_type breathe_type = {
    sizeof(pacer_step_type), "breathe", "Paced breathing: a tone on every phase, spoken cues for the first breaths",
    breathe_fields, N(breathe_fields), 0, breathe_validate, breathe_expand,
    "breathe { inhale = 4, exhale = 6, minutes = 5, speak_cycles = 3,\n"
    "          inhale_cue = \"Breathe in, belly rises\", exhale_cue = \"Breathe out, belly falls\" }",
};

/* ---- hold ---- */
enum { HOLD_SECONDS, HOLD_REPS, HOLD_REST, HOLD_COUNTDOWN, HOLD_CUE, HOLD_RELEASE, HOLD_LAST_REST };
static const pacer_field hold_fields[] = {
    [HOLD_SECONDS] = {"seconds", PACER_NUMBER, PACER_REQUIRED | PACER_POSITIONAL, 1, 600, 0, NULL, NULL,
                      "How long each hold lasts"},
    [HOLD_REPS] = {"reps", PACER_INTEGER, 0, 1, 100, 1, NULL, NULL, "How many holds"},
    [HOLD_REST] = {"rest", PACER_NUMBER, 0, 0, 600, 0, NULL, NULL,
                   "Seconds of rest between holds (5 reps have 4 rests); never shorter than it takes to say 'release'"},
    [HOLD_COUNTDOWN] = {"countdown", PACER_INTEGER, 0, 0, 10, 0, NULL, NULL,
                        "A tick on each of the last N seconds of a hold"},
    [HOLD_CUE] = {"cue", PACER_TEXT, 0, 0, 200, 0, NULL, NULL, "Said as each hold begins"},
    [HOLD_RELEASE] = {"release", PACER_TEXT, 0, 0, 200, 0, NULL, NULL, "Said as each hold ends"},
    [HOLD_LAST_REST] = {"last_rest", PACER_BOOL, 0, 0, 0, 0, NULL, NULL,
                        "Rest after the last hold too (by default only the release is said after it)"},
};

static int hold_validate(pacer_ctx *x, const pacer_host *h)
{
    if (h->num(x, HOLD_COUNTDOWN) >= h->num(x, HOLD_SECONDS))
        return h->fail(x, "'countdown' (%g) must be shorter than 'seconds' (%g)", h->num(x, HOLD_COUNTDOWN),
                       h->num(x, HOLD_SECONDS));
    return 0;
}

static int hold_expand(pacer_ctx *x, const pacer_host *h)
{
    const double secs = h->num(x, HOLD_SECONDS), rest = h->num(x, HOLD_REST);
    const int reps = (int)h->num(x, HOLD_REPS), countdown = (int)h->num(x, HOLD_COUNTDOWN);
    const char *cue = h->text(x, HOLD_CUE), *release = h->text(x, HOLD_RELEASE);
    /* The release is said in full before anything else starts. */
    double rest_len = rest;
    if (release && rest_len < CUE_OFFSET + h->speech_len(x, release) + RELEASE_GAP)
        rest_len = CUE_OFFSET + h->speech_len(x, release) + RELEASE_GAP;
    const int last_rest = h->num(x, HOLD_LAST_REST) != 0;
    for (int i = 1; i <= reps; i++) {
        /* after the last hold without its rest, only the release is said in full */
        double this_rest = rest_len;
        if (i == reps && !last_rest)
            this_rest = release ? CUE_OFFSET + h->speech_len(x, release) + RELEASE_GAP : 0;
        h->phase(x, 0, PACER_PHASE_HOLD, secs, NULL, i, reps);
        h->sound(x, 0, PACER_SOUND_HOLD);
        if (cue)
            h->say(x, CUE_OFFSET, cue);
        if (countdown > 0) {
            h->countdown(x, secs - countdown, countdown);
            for (int k = countdown; k >= 1; k--)
                h->sound(x, secs - k, PACER_SOUND_TICK);
        }
        h->advance(x, secs);
        h->sound(x, 0, PACER_SOUND_REP_END);
        if (this_rest > 0)
            h->phase(x, 0, PACER_PHASE_REST, this_rest, NULL, i, reps);
        if (release)
            h->say(x, CUE_OFFSET, release);
        h->advance(x, this_rest);
    }
    return 0;
}

static const pacer_step_type hold_type = {
    sizeof(pacer_step_type), "hold", "Holds a position for a number of seconds, with rests between reps",
    hold_fields, N(hold_fields), 0, hold_validate, hold_expand,
    "hold { seconds = 8, reps = 4, rest = 5, countdown = 3,\n"
    "       cue = \"Push your thigh into your hands\", release = \"And relax\" }",
};

/* ---- sides ---- */
enum { SIDES_NAMES };
static const pacer_field sides_fields[] = {
    [SIDES_NAMES] = {"names", PACER_STRINGS, 0, 0, 40, 0, NULL, NULL,
                     "The sides' names in order, as strings before the first step or as names = {...}; default \"left\", \"right\""},
};

static int sides_expand(pacer_ctx *x, const pacer_host *h)
{
    /* The default names are words of the session's language ("lado izquierdo", "linke
     * Seite"); names the script gives are used as given. */
    /* TRANSLATORS: the default side names, said for {side} in cues ("Now the {side}.") and
     * shown on the side line: a whole noun phrase, e.g. "lado izquierdo", "linke Seite". */
    static const char *const both[] = {N_("left"), N_("right")};
    int n = h->strings_count(x, SIDES_NAMES);
    for (int i = 0; i < (n ? n : 2); i++) {
        pacer_scope s = {sizeof s, n ? h->strings_at(x, SIDES_NAMES, i) : h->words(x, both[i]), 0, 0};
        if (h->children(x, &s) < 0)
            return -1;
    }
    return 0;
}

static const pacer_step_type sides_type = {
    sizeof(pacer_step_type), "sides", "Runs its steps once per side; {side} in any text names the side",
    sides_fields, N(sides_fields), 1, NULL, sides_expand,
    "sides { \"left\", \"right\",\n  say \"Lift your {side} arm.\",\n  hold { seconds = 10 },\n}",
};

/* ---- sets ---- */
enum { SETS_N, SETS_REST };
static const pacer_field sets_fields[] = {
    [SETS_N] = {"n", PACER_INTEGER, PACER_REQUIRED, 1, 50, 0, NULL, NULL, "How many sets"},
    [SETS_REST] = {"rest", PACER_NUMBER, 0, 0, 600, 0, NULL, NULL, "Seconds of rest between sets"},
};

static int sets_expand(pacer_ctx *x, const pacer_host *h)
{
    const int n = (int)h->num(x, SETS_N);
    const double rest = h->num(x, SETS_REST);
    for (int i = 1; i <= n; i++) {
        pacer_scope s = {sizeof s, NULL, i, n};
        if (h->children(x, &s) < 0)
            return -1;
        if (i < n && rest > 0) {
            h->phase(x, 0, PACER_PHASE_REST, rest, h->words(x, N_("Rest")), 0, 0);
            if (rest >= sound_length(PACER_SOUND_REST))
                h->sound(x, 0, PACER_SOUND_REST);
            h->advance(x, rest);
        }
    }
    return 0;
}

static const pacer_step_type sets_type = {
    sizeof(pacer_step_type), "sets", "Repeats its steps n times, shown as \"Set i of n\"",
    sets_fields, N(sets_fields), 1, NULL, sets_expand,
    "sets { n = 2, rest = 20,\n  hold { seconds = 30 },\n}",
};

/* ---- show ---- */
enum { SHOW_TEXT, SHOW_SECONDS };
static const pacer_field show_fields[] = {
    [SHOW_TEXT] = {"text", PACER_TEXT, PACER_REQUIRED | PACER_POSITIONAL, 0, 1000, 0, NULL, NULL,
                   "The instruction card, shown until the next card or the end of the block"},
    [SHOW_SECONDS] = {"seconds", PACER_NUMBER, 0, 0, 600, 0, NULL, NULL,
                      "Time to read the card before the next step starts"},
};

static int show_expand(pacer_ctx *x, const pacer_host *h)
{
    const double s = h->num(x, SHOW_SECONDS);
    h->card(x, h->text(x, SHOW_TEXT));
    if (s > 0) {
        h->phase(x, 0, PACER_PHASE_INSTRUCTION, s, NULL, 0, 0);
        h->advance(x, s);
    }
    return 0;
}

static const pacer_step_type show_type = {
    sizeof(pacer_step_type), "show", "Shows an instruction card on screen",
    show_fields, N(show_fields), 0, NULL, show_expand,
    "show { \"Sit on a firm chair, feet flat on the floor.\", seconds = 5 }",
};

/* ---- ready ---- */
enum { READY_TEXT, READY_TIMEOUT };
static const pacer_field ready_fields[] = {
    [READY_TEXT] = {"text", PACER_TEXT, PACER_POSITIONAL, 0, 200, 0, N_("Tap or press any key when you are ready."), NULL,
                    "Said and shown while waiting"},
    [READY_TIMEOUT] = {"timeout", PACER_NUMBER, 0, 1, 600, 30, NULL, NULL,
                       "Seconds after which the session goes on by itself"},
};

static int ready_expand(pacer_ctx *x, const pacer_host *h)
{
    const char *text = h->text(x, READY_TEXT);
    const double timeout = h->num(x, READY_TIMEOUT);
    double len = h->say(x, 0, text);
    h->phase(x, 0, PACER_PHASE_READY, len + GATE_LEAD + timeout, text, 0, 0);
    h->gate(x, len + GATE_LEAD, timeout);
    h->advance(x, len + GATE_LEAD + timeout);
    return 0;
}

static const pacer_step_type ready_type = {
    sizeof(pacer_step_type), "ready",
    "Waits for a tap or key, or goes on after its timeout, so a hands-free session never stalls",
    ready_fields, N(ready_fields), 0, NULL, ready_expand,
    "ready { \"Tap when you are lying down.\", timeout = 20 }",
};

extern const pacer_step_type rate_pain_type; /* step_rate_pain.c */
extern const pacer_step_type ask_type;       /* step_ask.c */

int registry_add_builtins(registry *r, char *err, size_t errn)
{
    static const pacer_step_type *const all[] = {
        &session_type, &say_type, &tone_type, &beep_type, &bell_type,  &wait_type,
        &breathe_type, &hold_type, &sides_type, &sets_type, &show_type, &ready_type,
        &rate_pain_type, &ask_type,
    };
    for (int i = 0; i < N(all); i++)
        if (registry_add(r, all[i], "built-in", err, errn) < 0)
            return -1;
    return 0;
}
