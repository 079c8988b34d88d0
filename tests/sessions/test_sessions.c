/* test_sessions.c - every shipped session (every .lua file in sessions/) gives the dose its header cites,
 * and keeps the rules of a session a patient follows with eyes closed.
 *
 * Each session is loaded from its file and compiled with the core's speech-length estimate
 * (estimate_speech_len: words at the session's rate, plus pauses), so the results do not
 * depend on the speech engine or its cache. The same rules are checked again with real speech
 * lengths by timeline_cues.sh and check_clean.sh.
 *
 * For every session:
 *   - it loads and compiles with no error and no warning;
 *   - it opens with the starting position, then the safety line, and ends with a closing cue
 *     and the bell;
 *   - every phase change has a sound (a tone, speech or a recording) within 0.35 s;
 *   - no spoken cue overlaps another, and no tone sounds under speech;
 *   - every spoken cue is short (at most MAX_WORDS words);
 *   - its header comment cites its dose, and it is built from lib/common.lua.
 * Then each session's own dose: see the check_* functions. The Spanish sessions (*_es.lua)
 * are checked by the same functions with the Spanish words (the side names, and the words a
 * cue must hold), and more: they are spoken in Spanish by espeak-ng, no step's English
 * default is ever said in them, and every exercise phase (breaths, holds, rests) is the same,
 * in the same order and of the same length, as in the English session they translate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plugins.h"
#include "script.h"
#include "compile.h"
#include "timeline.h"

#include "fixtures.h"

#ifndef PACER_SESSIONS_DIR
#error "PACER_SESSIONS_DIR must name the sessions folder"
#endif

#define SEC(s) ((int64_t)((s) * PACER_RATE))
/* A cue belongs to a phase change when it starts this close to it. */
#define CUE_WINDOW SEC(0.35)
#define MAX_WORDS 18

/* What the checks look for in a session's words, in its language. */
typedef struct words_of {
    const char *language, *voice; /* the session's language and voice (NULL: by language) */
    const char *safety;           /* the safety line, said second */
    const char *positions[4];     /* how the first cue (the starting position) may begin */
    const char *belly_rise, *belly_fall; /* in the belly breathing's inhale and exhale cues */
    const char *ql_in, *ql_out;   /* in the QL stretch's inhale and exhale cues */
    const char *stiffer_side, *painful_side, *other_side, *left, *right;
    const char *thigh;            /* in every SI hold's cue */
    const char *rock;             /* the knee rocking's label */
    const char *eased;            /* in the SI session's question */
    const char *bed_edge, *hang, *knee_to_chest; /* the SI position on the edge of a bed */
    const char *arms_up;          /* in the wall stretch's hold cue */
    const char *sit_back;         /* in both child's pose hold cues */
    const char *psoas_pressure;   /* in the psoas release's hold cue */
} words_of;

static const words_of EN = {
    .language = "en",
    .safety = "If the pain gets sharply worse, or spreads down a leg, stop and rest.",
    .positions = {"Lie", "Sit", "Stand", "Get onto"},
    .belly_rise = "belly rise", .belly_fall = "belly fall",
    .ql_in = "reach up a little higher", .ql_out = "hold",
    .stiffer_side = "stiffer side", .painful_side = "painful side", .other_side = "other side",
    .left = "left", .right = "right",
    .thigh = "thigh into your hands",
    .rock = "Rock your knees",
    .eased = "ease your back",
    .bed_edge = "edge of the bed", .hang = "hang down", .knee_to_chest = "up to your chest",
    .arms_up = "Keep your arms up",
    .sit_back = "Sit back",
    .psoas_pressure = "pressure gentle and steady",
};

static const words_of ES = {
    .language = "es", .voice = "espeak:es",
    .safety = "Si el dolor aumenta de golpe, o baja por una pierna, para y descansa.",
    .positions = {"Acuéstate", "Siéntate", "Ponte", "Apoya la espalda"},
    .belly_rise = "suba la barriga", .belly_fall = "baje la barriga",
    .ql_in = "un poco más arriba", .ql_out = "mantén el estiramiento",
    .stiffer_side = "lado más rígido", .painful_side = "lado que duele", .other_side = "otro lado",
    .left = "lado izquierdo", .right = "lado derecho",
    .thigh = "muslo contra las manos",
    .rock = "Balancea las rodillas",
    .eased = "alivio en la espalda",
    .bed_edge = "borde de la cama", .hang = "colgar", .knee_to_chest = "hacia el pecho",
    .arms_up = "brazos arriba",
    .sit_back = "Siéntate",
    .psoas_pressure = "presión suave y constante",
};

static registry reg;

typedef struct loaded {
    const char *name;
    session_model m;
    timeline t;
    diag_list d;
} loaded;

static void load(loaded *l, const char *name)
{
    memset(l, 0, sizeof *l);
    l->name = name;
    diags_init(&l->d);
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", PACER_SESSIONS_DIR, name);
    script_opts so = {.reg = &reg};
    if (script_load_file(path, &so, &l->m, &l->d) != 0) {
        diags_print(&l->d, stderr);
        fail_msg("%s does not load", name);
    }
    compile_opts co = {.speech_len = estimate_speech_len};
    int rc = session_compile(&l->m, &co, &l->t, &l->d);
    if (rc != 0 || l->d.errors || l->d.warnings || l->d.count) {
        diags_print(&l->d, stderr);
        fail_msg("%s: expected a clean compile (rc %d, %d errors, %d warnings)", name, rc, l->d.errors,
                 l->d.warnings);
    }
}

static void unload(loaded *l)
{
    timeline_free(&l->t);
    session_model_free(&l->m);
    diags_free(&l->d);
}

static int is_phase(const tl_event *e, int phase) { return e->kind == TL_PHASE && e->phase == phase; }

static int is_cue(const tl_event *e) { return e->kind == TL_TONE || e->kind == TL_SPEAK || e->kind == TL_PLAY; }

static int same_side(const tl_event *e, const char *side)
{
    if (!side)
        return 1;
    return e->side && strcmp(e->side, side) == 0;
}

/* Phases of a kind (on a side, or any side when side is NULL): how many, and their lengths. */
static int count_phases(const timeline *t, int phase, const char *side)
{
    int n = 0;
    for (int i = 0; i < t->count; i++)
        n += is_phase(&t->events[i], phase) && same_side(&t->events[i], side);
    return n;
}

static int64_t sum_phases(const timeline *t, int phase, const char *side)
{
    int64_t s = 0;
    for (int i = 0; i < t->count; i++)
        if (is_phase(&t->events[i], phase) && same_side(&t->events[i], side))
            s += t->events[i].len;
    return s;
}

/* Every phase of a kind (on a side) lasts from lo to hi frames. */
static void assert_phase_lengths(const timeline *t, int phase, const char *side, int64_t lo, int64_t hi)
{
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (is_phase(e, phase) && same_side(e, side) && (e->len < lo || e->len > hi))
            fail_msg("a %s phase at %.3f s lasts %.3f s, not %.3f to %.3f s", tl_phase_name(phase),
                     (double)e->at / PACER_RATE, (double)e->len / PACER_RATE, (double)lo / PACER_RATE,
                     (double)hi / PACER_RATE);
    }
}

/* The distinct sides of the phases of a kind, in the order they come; returns how many. */
static int sides_in_order(const timeline *t, int phase, const char **out, int max)
{
    int n = 0;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (!is_phase(e, phase) || !e->side)
            continue;
        int seen = 0;
        for (int k = 0; k < n; k++)
            seen |= strcmp(out[k], e->side) == 0;
        if (!seen && n < max)
            out[n++] = e->side;
    }
    return n;
}

static const tl_event *speech_near(const timeline *t, int64_t at)
{
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind == TL_SPEAK && e->at >= at - CUE_WINDOW && e->at <= at + CUE_WINDOW)
            return e;
    }
    return NULL;
}

static const tl_event *nth_speech(const timeline *t, int n)
{
    for (int i = 0; i < t->count; i++)
        if (t->events[i].kind == TL_SPEAK && n-- == 0)
            return &t->events[i];
    return NULL;
}

static int words(const char *s)
{
    int n = 0, in = 0;
    for (; *s; s++) {
        int blank = *s == ' ' || *s == '\n' || *s == '\t';
        n += !blank && !in;
        in = !blank;
    }
    return n;
}

static int starts_with(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* ---- the rules every session keeps ---- */

/* The rules return a description of the first place they are broken, or NULL. */
static char problem[512];

static const char *silent_phase(const timeline *t)
{
    for (int i = 0; i < t->count; i++) {
        const tl_event *p = &t->events[i];
        if (p->kind != TL_PHASE)
            continue;
        int found = 0;
        for (int k = 0; k < t->count && !found; k++) {
            const tl_event *c = &t->events[k];
            found = is_cue(c) && c->at >= p->at - CUE_WINDOW && c->at <= p->at + CUE_WINDOW;
        }
        if (!found) {
            snprintf(problem, sizeof problem, "the %s phase at %.3f s starts without a tone or a spoken cue",
                     tl_phase_name(p->phase), (double)p->at / PACER_RATE);
            return problem;
        }
    }
    return NULL;
}

static const char *talk_over(const timeline *t)
{
    const tl_event *prev = NULL;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind != TL_SPEAK && e->kind != TL_PLAY)
            continue;
        if (prev && prev->at + prev->len > e->at) {
            snprintf(problem, sizeof problem, "\"%s\" at %.3f s starts before \"%s\" has finished",
                     e->text ? e->text : "", (double)e->at / PACER_RATE, prev->text ? prev->text : "");
            return problem;
        }
        /* and no tone sounds while something is said */
        for (int k = 0; k < t->count; k++) {
            const tl_event *c = &t->events[k];
            if (c->kind == TL_TONE && c->at > e->at && c->at < e->at + e->len) {
                snprintf(problem, sizeof problem, "a tone at %.3f s sounds under \"%s\"",
                         (double)c->at / PACER_RATE, e->text ? e->text : "");
                return problem;
            }
        }
        if (!prev || e->at + e->len > prev->at + prev->len)
            prev = e;
    }
    return NULL;
}

static void assert_cue_at_every_phase(const timeline *t)
{
    const char *why = silent_phase(t);
    if (why)
        fail_msg("%s", why);
}

static void assert_no_overlaps(const timeline *t)
{
    const char *why = talk_over(t);
    if (why)
        fail_msg("%s", why);
}

static void assert_opening_and_closing(const timeline *t, const words_of *w)
{
    const tl_event *first = nth_speech(t, 0), *second = nth_speech(t, 1);
    assert_non_null(first);
    assert_non_null(second);
    assert_int_equal(first->at, 0);
    int position = 0;
    for (int i = 0; i < 4; i++)
        position |= starts_with(first->text, w->positions[i]);
    if (!position)
        fail_msg("the session opens with \"%s\", not the starting position", first->text);
    assert_string_equal(second->text, w->safety);
    /* a card shows the position from the start */
    assert_true(t->count > 0);
    int card = 0;
    for (int i = 0; i < t->count && t->events[i].at == 0; i++)
        card |= t->events[i].kind == TL_CARD;
    assert_true(card);

    /* the end: a closing cue after every exercise phase, then the bell, then the end */
    const tl_event *last_speech = NULL, *bell = NULL, *last_exercise = NULL;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind == TL_SPEAK)
            last_speech = e;
        if (e->kind == TL_TONE)
            bell = e->sound == PACER_SOUND_BELL + 1 ? e : NULL;
        if (e->kind == TL_PHASE && e->phase != PACER_PHASE_INSTRUCTION)
            last_exercise = e;
    }
    assert_non_null(last_speech);
    assert_non_null(last_exercise);
    if (!bell)
        fail_msg("the session does not end with the bell");
    assert_true(last_speech->at >= last_exercise->at + last_exercise->len);
    assert_true(bell->at >= last_speech->at + last_speech->len);
    assert_int_equal(t->events[t->count - 1].kind, TL_END);
}

static void assert_short_cues(const timeline *t)
{
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind == TL_SPEAK && words(e->text) > MAX_WORDS)
            fail_msg("the cue \"%s\" has %d words; keep spoken cues to %d", e->text, words(e->text), MAX_WORDS);
    }
}

/* The file opens with a comment that cites the dose, and uses the shared helpers. */
static void assert_header(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", PACER_SESSIONS_DIR, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char text[1 << 16];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    assert_true(starts_with(text, "-- "));
    char header[4096];
    size_t h = 0;
    for (const char *line = text; starts_with(line, "--") && h < sizeof header - 1;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line + 1) : strlen(line);
        if (h + len >= sizeof header)
            break;
        memcpy(header + h, line, len);
        h += len;
        line += len;
    }
    header[h] = 0;
    if (!strstr(header, "Dosage:") && !strstr(header, "dose"))
        fail_msg("%s: the header comment does not cite the dose", name);
    if (!strstr(text, "include \"lib/common.lua\""))
        fail_msg("%s does not use the shared helpers of lib/common.lua", name);
}

/* ---- each session's dose ---- */

/* Diaphragmatic breathing: exactly `minutes` of slow belly breathing, belly rising on the
 * inhale and falling on the exhale. */
static void check_breathing(const timeline *t, const words_of *w, double minutes)
{
    int64_t breathing = sum_phases(t, PACER_PHASE_INHALE, NULL) + sum_phases(t, PACER_PHASE_EXHALE, NULL) +
                        sum_phases(t, PACER_PHASE_HOLD_IN, NULL) + sum_phases(t, PACER_PHASE_HOLD_OUT, NULL);
    assert_int_equal(breathing, SEC(minutes * 60));
    int breaths = count_phases(t, PACER_PHASE_INHALE, NULL);
    assert_int_equal(breaths, (int)(minutes * 6));
    assert_int_equal(count_phases(t, PACER_PHASE_EXHALE, NULL), breaths);
    const tl_event *in = NULL, *out = NULL;
    for (int i = 0; i < t->count && (!in || !out); i++) {
        if (!in && is_phase(&t->events[i], PACER_PHASE_INHALE))
            in = speech_near(t, t->events[i].at);
        if (!out && is_phase(&t->events[i], PACER_PHASE_EXHALE))
            out = speech_near(t, t->events[i].at);
    }
    assert_non_null(in);
    assert_non_null(out);
    assert_non_null(strstr(in->text, w->belly_rise));
    assert_non_null(strstr(out->text, w->belly_fall));
}

static void check_diaphragmatic_5(const timeline *t, const words_of *w) { check_breathing(t, w, 5); }
static void check_diaphragmatic_10(const timeline *t, const words_of *w) { check_breathing(t, w, 10); }

/* QL: 5 to 10 breaths on each of two sides, the stiffer side first; every breath in reaches
 * higher, every breath out holds the stretch. */
static void check_ql(const timeline *t, const words_of *w)
{
    const char *sides[4];
    assert_int_equal(sides_in_order(t, PACER_PHASE_INHALE, sides, 4), 2);
    assert_string_equal(sides[0], w->stiffer_side);
    assert_string_equal(sides[1], w->other_side);
    for (int s = 0; s < 2; s++) {
        int n = count_phases(t, PACER_PHASE_INHALE, sides[s]);
        assert_in_range(n, 5, 10);
        assert_int_equal(count_phases(t, PACER_PHASE_EXHALE, sides[s]), n);
    }
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (is_phase(e, PACER_PHASE_INHALE) || is_phase(e, PACER_PHASE_EXHALE)) {
            const tl_event *cue = speech_near(t, e->at);
            if (!cue)
                fail_msg("the breath at %.3f s has no spoken cue", (double)e->at / PACER_RATE);
            assert_non_null(strstr(cue->text, e->phase == PACER_PHASE_INHALE ? w->ql_in : w->ql_out));
        }
    }
}

/* SI joint: 3 to 5 holds of 5 to 10 s on each side, the painful side first; then the knees
 * rock side to side. */
static void check_si_holds(const timeline *t, const words_of *w, int reps, double seconds)
{
    const char *sides[4];
    assert_int_equal(sides_in_order(t, PACER_PHASE_HOLD, sides, 4) >= 2, 1);
    assert_string_equal(sides[0], w->painful_side);
    assert_string_equal(sides[1], w->other_side);
    for (int s = 0; s < 2; s++) {
        int n = count_phases(t, PACER_PHASE_HOLD, sides[s]);
        assert_in_range(n, 3, 5);
        assert_int_equal(n, reps);
        assert_phase_lengths(t, PACER_PHASE_HOLD, sides[s], SEC(5), SEC(10));
        assert_phase_lengths(t, PACER_PHASE_HOLD, sides[s], SEC(seconds), SEC(seconds));
    }
    /* the thigh pushes into the hands on every hold */
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (is_phase(e, PACER_PHASE_HOLD) && (same_side(e, w->painful_side) || same_side(e, w->other_side))) {
            const tl_event *cue = speech_near(t, e->at);
            assert_non_null(cue);
            assert_non_null(strstr(cue->text, w->thigh));
        }
    }
}

/* The knee rocking after the last SI hold: a timed rest labelled for it, at least 30 s. */
static void check_rocking_after_si(const timeline *t, const words_of *w)
{
    int64_t last_si = -1;
    for (int i = 0; i < t->count; i++)
        if (is_phase(&t->events[i], PACER_PHASE_HOLD) && same_side(&t->events[i], w->other_side))
            last_si = t->events[i].at;
    assert_true(last_si >= 0);
    int found = 0;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (is_phase(e, PACER_PHASE_REST) && e->text && strcmp(e->text, w->rock) == 0) {
            assert_true(e->at > last_si);
            assert_true(e->len >= SEC(30));
            found++;
        }
    }
    assert_int_equal(found, 1);
}

/* The SI session as the article describes it: on the edge of a bed (the lying hip flexor
 * stretch's position), the painful side first; then the question whether it helped, and the
 * other side only in its "no" branch (also what plays with no answer); the rocking after both
 * ways. */
static void check_si(const timeline *t, const words_of *w)
{
    check_si_holds(t, w, 4, 8);
    check_rocking_after_si(t, w);
    assert_int_equal(count_phases(t, PACER_PHASE_HOLD, NULL), 8);
    assert_int_equal(t->nasks, 1);
    const tl_ask *q = &t->asks[0];
    assert_int_equal(q->def, TL_NO);
    assert_non_null(strstr(q->question, w->eased));
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (is_phase(e, PACER_PHASE_HOLD) && same_side(e, w->painful_side))
            assert_true(e->ask == 0 && e->at < q->at);
        if (is_phase(e, PACER_PHASE_HOLD) && same_side(e, w->other_side))
            assert_true(e->ask == 1 && e->answer == TL_NO);
        if (is_phase(e, PACER_PHASE_REST) && e->text && strcmp(e->text, w->rock) == 0)
            assert_true(e->ask == 0 && e->at >= q->no_end);
    }
    /* the position: a bed, one leg hanging off its edge, the other knee to the chest */
    int bed = 0, hang = 0, knee = 0;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind != TL_SPEAK || !same_side(e, w->painful_side))
            continue;
        bed |= strstr(e->text, w->bed_edge) != NULL;
        hang |= strstr(e->text, w->hang) != NULL;
        knee |= strstr(e->text, w->knee_to_chest) != NULL;
    }
    assert_true(bed && hang && knee);
    /* with no answer it lasts the whole: the yes branch is what is left out */
    assert_int_equal(timeline_skipped_before(t, NULL, t->frames), q->yes_end - q->decide);
}

/* Hip flexors: one 1-minute hold on each side. */
static void check_hip_flexor(const timeline *t, const words_of *w)
{
    const char *sides[4];
    assert_int_equal(sides_in_order(t, PACER_PHASE_HOLD, sides, 4), 2);
    assert_string_equal(sides[0], w->left);
    assert_string_equal(sides[1], w->right);
    for (int s = 0; s < 2; s++) {
        assert_int_equal(count_phases(t, PACER_PHASE_HOLD, sides[s]), 1);
        assert_int_equal(sum_phases(t, PACER_PHASE_HOLD, sides[s]), SEC(60));
    }
    assert_int_equal(count_phases(t, PACER_PHASE_HOLD, NULL), 2);
}

/* Upper back wall stretch: 60 s of holding, as n holds of 60/n s. */
static void check_wall(const timeline *t, const words_of *w, int n)
{
    assert_int_equal(count_phases(t, PACER_PHASE_HOLD, NULL), n);
    assert_phase_lengths(t, PACER_PHASE_HOLD, NULL, SEC(60 / n), SEC(60 / n));
    assert_int_equal(sum_phases(t, PACER_PHASE_HOLD, NULL), SEC(60));
    /* the arms go up like goal posts at every hold */
    for (int i = 0; i < t->count; i++)
        if (is_phase(&t->events[i], PACER_PHASE_HOLD)) {
            const tl_event *cue = speech_near(t, t->events[i].at);
            assert_non_null(cue);
            assert_non_null(strstr(cue->text, w->arms_up));
        }
}

static void check_wall_1x60(const timeline *t, const words_of *w) { check_wall(t, w, 1); }
static void check_wall_2x30(const timeline *t, const words_of *w) { check_wall(t, w, 2); }
static void check_wall_3x20(const timeline *t, const words_of *w) { check_wall(t, w, 3); }
static void check_wall_6x10(const timeline *t, const words_of *w) { check_wall(t, w, 6); }

/* Child's pose rock back (no dose in the source): 3 holds of 20 s rocking back, then 3 with
 * the lower back flat. */
static void check_child_pose(const timeline *t, const words_of *w)
{
    (void)w;
    assert_int_equal(count_phases(t, PACER_PHASE_HOLD, NULL), 6);
    assert_phase_lengths(t, PACER_PHASE_HOLD, NULL, SEC(20), SEC(20));
}

/* Psoas release: 1 to 3 minutes of gentle pressure on each side. */
static void check_psoas_holds(const timeline *t, const words_of *w, double seconds)
{
    const char *const order[] = {w->left, w->right};
    int found = 0;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (!is_phase(e, PACER_PHASE_HOLD))
            continue;
        const tl_event *cue = speech_near(t, e->at);
        if (!cue || !strstr(cue->text, w->psoas_pressure))
            continue;
        assert_in_range(e->len, SEC(60), SEC(180));
        assert_int_equal(e->len, SEC(seconds));
        assert_true(found < 2);
        assert_non_null(e->side);
        assert_string_equal(e->side, order[found]);
        found++;
    }
    assert_int_equal(found, 2);
}

static void check_psoas(const timeline *t, const words_of *w)
{
    check_psoas_holds(t, w, 120);
    assert_int_equal(count_phases(t, PACER_PHASE_HOLD, w->left), 1);
    assert_int_equal(count_phases(t, PACER_PHASE_HOLD, w->right), 1);
    assert_int_equal(count_phases(t, PACER_PHASE_HOLD, NULL), 2);
}

/* Daily routine: 20 to 30 minutes, even when every "tap when ready" is tapped at once; it
 * holds every block at its dose. */
static void check_daily(const timeline *t, const words_of *w)
{
    assert_in_range(t->frames, SEC(20 * 60), SEC(30 * 60));
    int64_t gates = 0;
    for (int i = 0; i < t->count; i++)
        if (t->events[i].kind == TL_GATE)
            gates += t->events[i].len;
    assert_true(t->frames - gates >= SEC(20 * 60));

    int64_t breathing = sum_phases(t, PACER_PHASE_INHALE, NULL) + sum_phases(t, PACER_PHASE_EXHALE, NULL);
    assert_true(breathing >= SEC(5 * 60));
    check_si_holds(t, w, 4, 8);
    check_rocking_after_si(t, w);
    check_psoas_holds(t, w, 90);
    /* QL: 5 to 10 breaths each side */
    assert_in_range(count_phases(t, PACER_PHASE_INHALE, w->stiffer_side), 5, 10);
    assert_in_range(count_phases(t, PACER_PHASE_INHALE, w->other_side), 5, 10);
    /* standing hip flexors: a minute each side; the wall stretch: a minute */
    int hip = 0, wall = 0, child = 0;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (!is_phase(e, PACER_PHASE_HOLD))
            continue;
        const tl_event *cue = speech_near(t, e->at);
        assert_non_null(cue);
        if (strstr(cue->text, w->arms_up)) {
            assert_int_equal(e->len, SEC(60));
            wall++;
        } else if (strstr(cue->text, w->sit_back)) {
            assert_int_equal(e->len, SEC(20));
            child++;
        } else if (e->side && (strcmp(e->side, w->left) == 0 || strcmp(e->side, w->right) == 0) &&
                   e->len == SEC(60)) {
            hip++;
        }
    }
    assert_int_equal(wall, 1);
    assert_int_equal(hip, 2);
    assert_true(child >= 2);
}

/* ---- sessions that use the shipped plugins ---- */

/* Resonance: settles at 6 breaths a minute (5.5-6.5), starts near 8, exhale 1.5 x inhale,
 * about 8 minutes of breathing. */
static void check_resonance(const timeline *t, const words_of *w)
{
    (void)w;
    const tl_event *in[400], *ex[400];
    int ni = 0, ne = 0;
    int64_t total = 0;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind != TL_PHASE || strcmp(t->steps[e->step].type, "resonance") != 0)
            continue;
        if (e->phase == PACER_PHASE_INHALE && ni < 400)
            in[ni++] = e;
        else if (e->phase == PACER_PHASE_EXHALE && ne < 400)
            ex[ne++] = e;
        total += e->len;
    }
    assert_true(ni > 40 && ni == ne);
    double first = 60.0 * PACER_RATE / (double)(in[0]->len + ex[0]->len);
    double last = 60.0 * PACER_RATE / (double)(in[ni - 1]->len + ex[ni - 1]->len);
    assert_true(first > 7.5 && first <= 8.01);
    assert_true(last >= 5.5 && last <= 6.5);
    for (int i = 0; i < ni; i++) {
        double ratio = (double)ex[i]->len / (double)in[i]->len;
        assert_true(ratio > 1.49 && ratio < 1.51);
    }
    assert_true(total > SEC(7 * 60 + 30) && total < SEC(8 * 60 + 30));
}

/* PMR: seven groups, each tensed 5 s and let go 10 s. */
static void check_pmr(const timeline *t, const words_of *w)
{
    (void)w;
    int tense = 0, rest = 0;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind != TL_PHASE || strcmp(t->steps[e->step].type, "pmr") != 0)
            continue;
        if (e->phase == PACER_PHASE_HOLD) {
            assert_int_equal(e->len, SEC(5));
            tense++;
        } else if (e->phase == PACER_PHASE_REST) {
            assert_int_equal(e->len, SEC(10));
            rest++;
        }
    }
    assert_int_equal(tense, 7);
    assert_int_equal(rest, 7);
}

/* Walking: 10 minutes out and back, the turn at halfway, a beat every 0.6 s (100 a minute). */
static void check_walk(const timeline *t, const words_of *w)
{
    (void)w;
    int64_t walking = 0, start = -1;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind == TL_PHASE && e->phase == PACER_PHASE_HOLD && strcmp(t->steps[e->step].type, "walk") == 0) {
            if (start < 0)
                start = e->at;
            walking += e->len;
        }
    }
    assert_int_equal(walking, SEC(600));
    int turned = 0, ticks = 0;
    int64_t prev = -1, gap_ok = 0;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind == TL_SPEAK && strstr(e->text, "Turn around")) {
            assert_true(e->at >= start + SEC(300) && e->at <= start + SEC(301));
            turned = 1;
        }
        if (e->kind == TL_TONE && e->sound == PACER_SOUND_TICK + 1) {
            if (prev >= 0 && e->at - prev == SEC(0.6))
                gap_ok++;
            prev = e->at;
            ticks++;
        }
    }
    assert_true(turned);
    assert_true(ticks > 900);            /* 1000 steps, less the quiet while cues are spoken */
    assert_true(gap_ok > ticks * 9 / 10); /* nearly all a step apart */
}

/* ---- the table: every session in sessions/ ---- */

typedef struct shipped {
    const char *file;
    void (*check)(const timeline *t, const words_of *w);
    const words_of *w;      /* the session's words; NULL: English */
    const char *translates; /* for a translation: the English session whose steps it keeps */
} shipped;

static const shipped sessions[] = {
    {"diaphragmatic_breathing.lua", check_diaphragmatic_5},
    {"diaphragmatic_breathing_10.lua", check_diaphragmatic_10},
    {"ql_breathing_stretch.lua", check_ql},
    {"si_joint_correction.lua", check_si},
    {"hip_flexor_stretch_lying.lua", check_hip_flexor},
    {"hip_flexor_stretch_standing.lua", check_hip_flexor},
    {"upper_back_wall_stretch.lua", check_wall_1x60},
    {"upper_back_wall_stretch_2x30.lua", check_wall_2x30},
    {"upper_back_wall_stretch_3x20.lua", check_wall_3x20},
    {"upper_back_wall_stretch_6x10.lua", check_wall_6x10},
    {"child_pose_rock_back.lua", check_child_pose},
    {"psoas_release.lua", check_psoas},
    {"daily_routine.lua", check_daily},
    {"resonance_breathing.lua", check_resonance},
    {"pmr_relaxation.lua", check_pmr},
    {"walking_10_minutes.lua", check_walk},
    {"diaphragmatic_breathing_es.lua", check_diaphragmatic_5, &ES, "diaphragmatic_breathing.lua"},
    {"ql_breathing_stretch_es.lua", check_ql, &ES, "ql_breathing_stretch.lua"},
    {"si_joint_correction_es.lua", check_si, &ES, "si_joint_correction.lua"},
    {"daily_routine_es.lua", check_daily, &ES, "daily_routine.lua"},
};
#define NSESSIONS ((int)(sizeof sessions / sizeof sessions[0]))

/* The session speaks its language, in its voice. */
static void assert_language(const timeline *t, const words_of *w)
{
    assert_non_null(t->language);
    assert_string_equal(t->language, w->language);
    if (w->voice) {
        assert_non_null(t->voice);
        assert_string_equal(t->voice, w->voice);
    }
}

/* A translation never says a step's English default (a field's default text, such as the
 * pain question or "Halfway there."), nor any cue of the English session it translates. */
static void assert_no_english(const timeline *t, const timeline *english)
{
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind != TL_SPEAK)
            continue;
        for (int r = 0; r < reg.count; r++) {
            const pacer_step_type *type = reg.items[r].type;
            for (int f = 0; f < type->nfields; f++)
                if (type->fields[f].type == PACER_TEXT && type->fields[f].def_str &&
                    strcmp(e->text, type->fields[f].def_str) == 0)
                    fail_msg("\"%s\" at %.3f s is the English default of %s's %s", e->text,
                             (double)e->at / PACER_RATE, type->name, type->fields[f].name);
        }
        for (int k = 0; k < english->count; k++)
            if (english->events[k].kind == TL_SPEAK && strcmp(e->text, english->events[k].text) == 0)
                fail_msg("\"%s\" at %.3f s is said in English", e->text, (double)e->at / PACER_RATE);
    }
}

/* A phase of the exercise itself: a breath, a hold or a rest (not an instruction, nor the wait
 * for a tap or an answer, whose lengths follow what is said). */
static int is_exercise(const tl_event *e)
{
    return e->kind == TL_PHASE && e->phase >= PACER_PHASE_INHALE && e->phase <= PACER_PHASE_REST;
}

/* A translation keeps the dose: its exercise phases are the English session's, one for one: the same kind, length, rep, on a side or not, and in the
 * same branch of a question. */
static void assert_same_exercise(const timeline *t, const timeline *english)
{
    int i = 0, k = 0, n = 0;
    for (;;) {
        while (i < t->count && !is_exercise(&t->events[i]))
            i++;
        while (k < english->count && !is_exercise(&english->events[k]))
            k++;
        if (i == t->count || k == english->count)
            break;
        const tl_event *a = &t->events[i], *b = &english->events[k];
        /* after the last hold of a hold step, the "rest" is the time its release is said */
        int release_only = a->phase == PACER_PHASE_REST && a->reps > 0 && a->rep == a->reps;
        if (a->phase != b->phase || (a->len != b->len && !release_only) || a->rep != b->rep || !a->side != !b->side ||
            a->ask != b->ask || a->answer != b->answer)
            fail_msg("exercise phase %d: a %s phase of %.3f s (rep %u), where the English session has a %s phase of "
                     "%.3f s (rep %u)",
                     n + 1, tl_phase_name(a->phase), (double)a->len / PACER_RATE, a->rep, tl_phase_name(b->phase),
                     (double)b->len / PACER_RATE, b->rep);
        i++, k++, n++;
    }
    if (i != t->count || k != english->count)
        fail_msg("after %d exercise phases alike, one session has more than the other", n);
    assert_true(n > 0);
}

static void run_session(void **state)
{
    const shipped *s = *state;
    const words_of *w = s->w ? s->w : &EN;
    loaded l;
    load(&l, s->file);
    assert_header(s->file);
    assert_language(&l.t, w);
    assert_opening_and_closing(&l.t, w);
    assert_cue_at_every_phase(&l.t);
    assert_no_overlaps(&l.t);
    assert_short_cues(&l.t);
    s->check(&l.t, w);
    if (s->translates) {
        loaded english;
        load(&english, s->translates);
        assert_no_english(&l.t, &english.t);
        assert_same_exercise(&l.t, &english.t);
        unload(&english);
    }
    unload(&l);
}

/* A new session needs its dose checked here: every file in sessions/ is in the table. */
static void test_every_session_is_checked(void **state)
{
    (void)state;
    DIR *d = opendir(PACER_SESSIONS_DIR);
    assert_non_null(d);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || e->d_name[0] == '.' || strcmp(e->d_name + len - 4, ".lua") != 0)
            continue;
        int known = 0;
        for (int i = 0; i < NSESSIONS; i++)
            known |= strcmp(sessions[i].file, e->d_name) == 0;
        if (!known)
            fail_msg("sessions/%s has no dose check in tests/sessions/test_sessions.c", e->d_name);
        n++;
    }
    closedir(d);
    assert_int_equal(n, NSESSIONS);
}

/* The rule checks themselves catch what they are for. */
static void push(timeline *t, int kind, double at, double len)
{
    tl_event e = {.at = SEC(at), .len = SEC(len), .kind = (uint8_t)kind, .step = -1, .text = "x"};
    if (kind == TL_PHASE)
        e.phase = PACER_PHASE_REST;
    assert_true(timeline_push(t, &e) >= 0);
}

static void test_rules_catch_mistakes(void **state)
{
    (void)state;
    timeline t;
    /* a phase with its tone 0.3 s before it, one with speech 0.3 s after: both heard */
    timeline_init(&t);
    push(&t, TL_TONE, 0.7, 0.25);
    push(&t, TL_PHASE, 1, 5);
    push(&t, TL_PHASE, 6, 5);
    push(&t, TL_SPEAK, 6.3, 2);
    timeline_sort(&t);
    assert_null(silent_phase(&t));
    assert_null(talk_over(&t));
    /* a phase whose only sound comes 0.4 s late is silent */
    push(&t, TL_PHASE, 11, 5);
    push(&t, TL_TONE, 11.4, 0.2);
    timeline_sort(&t);
    assert_non_null(silent_phase(&t));
    timeline_free(&t);

    /* speech that starts before the speech before it ends; a tone under speech */
    timeline_init(&t);
    push(&t, TL_SPEAK, 0, 3);
    push(&t, TL_SPEAK, 3, 1);
    timeline_sort(&t);
    assert_null(talk_over(&t));
    push(&t, TL_PLAY, 3.5, 1);
    timeline_sort(&t);
    assert_non_null(talk_over(&t));
    timeline_free(&t);
    timeline_init(&t);
    push(&t, TL_SPEAK, 0, 3);
    push(&t, TL_TONE, 2, 0.2);
    timeline_sort(&t);
    assert_non_null(talk_over(&t));
    timeline_free(&t);

    /* a silent wait in a real script is found */
    static const char src[] = "return session { title = 'T', say 'Lie down.', wait { 3, tone = false }, say 'Up.' }";
    session_model m;
    diag_list d;
    diags_init(&d);
    script_opts so = {.reg = &reg};
    assert_int_equal(script_load_buffer("t.lua", "/nonexistent", src, strlen(src), &so, &m, &d), 0);
    compile_opts co = {.speech_len = estimate_speech_len};
    assert_int_equal(session_compile(&m, &co, &t, &d), 0);
    assert_non_null(silent_phase(&t));
    assert_non_null(strstr(problem, "rest phase"));
    timeline_free(&t);
    session_model_free(&m);
    diags_free(&d);

    assert_int_equal(words("Breathe in,  belly rises\n"), 4);
}

static plugin_set plugins;

static int setup(void **state)
{
    (void)state;
    if (support_registry(&reg) < 0)
        return -1;
    /* the shipped plugins, as built beside the pacer program */
    plugins_init(&plugins, &reg);
    return plugins_load_dir(&plugins, PACER_BUILD_PLUGINS) == 3 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    plugins_free(&plugins);
    registry_free(&reg);
    return 0;
}

int main(void)
{
    struct CMUnitTest tests[NSESSIONS + 2];
    for (int i = 0; i < NSESSIONS; i++)
        tests[i] = (struct CMUnitTest){sessions[i].file, run_session, NULL, NULL, (void *)&sessions[i]};
    tests[NSESSIONS] = (struct CMUnitTest)cmocka_unit_test(test_every_session_is_checked);
    tests[NSESSIONS + 1] = (struct CMUnitTest)cmocka_unit_test(test_rules_catch_mistakes);
    return cmocka_run_group_tests_name("sessions", tests, setup, teardown);
}
