/* compile.c - expands a session model into a timeline through the host table.
 *
 * Every step type, built-in or plugin, reaches the timeline only through the functions of
 * pacer_host below, so every event is checked here once: finite, non-negative, inside the
 * limits. A failure stops the compile at the step that caused it. The lengths of speech and
 * recordings come from the cue list (see compile.h); each sound the list lacks is added to it
 * as a request and timed by an estimate meanwhile. */
#include "compile.h"

#include "i18n.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct compiler {
    const session_model *m;
    timeline *t;
    diag_list *d;
    cue_list *cues; /* or NULL */
    speech_len_fn speech_len;
    void *speech_ud;
    file_len_fn file_len;
    void *file_ud;
    int64_t max_frames;
    int max_events;
    int failed;
    const char *language, *voice;
    int rate;
    int card_open; /* index of the card still showing in the current block, or -1 */
    int64_t first_inner_card; /* when the current block showed its first card, or -1 */
    long expansions; /* steps expanded so far: bounds nested empty blocks too */
    int depth;       /* steps being expanded, one inside the other */
    int validating;  /* a validate hook runs: it checks values and makes no events */
    int64_t last_tone_at; /* the latest start of a tone so far on this way through, or -1 */
} compiler;

struct pacer_ctx {
    compiler *c;
    const step_node *node;
    int64_t start, cursor;
    const char *side;
    int set, sets;
    int step;                   /* leaf step index for the events it emits */
    int64_t phase_at, phase_end; /* the last phase this step began */
    int phase_kind;
    uint16_t ask;  /* the branch being expanded, as in tl_event (0: none) */
    uint8_t answer;
};

static int ctx_fail(pacer_ctx *x, const char *fmt, ...);

static void vreport(pacer_ctx *x, diag_severity sev, const char *fmt, va_list ap)
{
    strbuf b;
    sb_init(&b);
    sb_printf(&b, "%s: ", x->node->type->name);
    sb_vprintf(&b, fmt, ap);
    diags_add(x->c->d, sev, x->node->file, x->node->line, x->node->col, "%s", b.data ? b.data : "out of memory");
    sb_free(&b);
}

static int ctx_fail(pacer_ctx *x, const char *fmt, ...)
{
    if (!x->c->failed) {
        va_list ap;
        va_start(ap, fmt);
        vreport(x, DIAG_ERROR, fmt, ap);
        va_end(ap);
    }
    x->c->failed = 1;
    return -1;
}

static void ctx_warn(pacer_ctx *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(x, DIAG_WARNING, fmt, ap);
    va_end(ap);
}

/* An error that does not stop the compile: the session can still be played. */
static void ctx_error_go_on(pacer_ctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ctx_error_go_on(pacer_ctx *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(x, DIAG_ERROR, fmt, ap);
    va_end(ap);
}

/* ---- field access ---- */
static const step_value *field(pacer_ctx *x, int i)
{
    if (i < 0 || i >= x->node->type->nfields)
        return NULL;
    return &x->node->values[i];
}

static double h_num(pacer_ctx *x, int i)
{
    const step_value *v = field(x, i);
    return v ? v->num : 0.0;
}

static int h_given(pacer_ctx *x, int i)
{
    const step_value *v = field(x, i);
    return v ? v->given : 0;
}

/* Texts that do not come from a field of their own (a plugin's literal cue) are held to the
 * largest cap a text field has by default, once {side} is replaced. */
enum { TEXT_CAP = 4096, SIDE_CAP = 200 };

/* Replaces every {side} with the current side's name. The result is interned. A field's
 * length cap holds for the text as it will be said and shown, so it is checked again after
 * the replacement (166 {side} of 40 bytes each are 6,640 bytes). NULL: it was too long
 * (reported) or there is no memory. */
static const char *substitute(pacer_ctx *x, const char *s, size_t cap, const char *what)
{
    if (!s)
        return NULL;
    if (!strstr(s, "{side}"))
        return timeline_intern(x->c->t, s);
    if (!x->side) {
        ctx_warn(x, "'{side}' is used outside a sides block; it is left out");
    }
    strbuf b;
    sb_init(&b);
    size_t side_len = x->side ? strlen(x->side) : 0;
    for (const char *p = s; *p && b.len <= cap;) {
        const char *q = strstr(p, "{side}");
        if (!q) {
            sb_puts(&b, p);
            break;
        }
        sb_add(&b, p, (size_t)(q - p));
        if (x->side)
            sb_add(&b, x->side, side_len);
        p = q + 6;
    }
    if (b.len > cap) {
        /* the length it would have had, counted without building it */
        size_t full = strlen(s), n = 0;
        for (const char *p = s; (p = strstr(p, "{side}")) != NULL; p += 6)
            n++;
        full = full - 6 * n + n * side_len;
        sb_free(&b);
        ctx_fail(x, "%s is %zu bytes long once {side} is replaced by the side's name; at most %zu are allowed", what,
                 full, cap);
        return NULL;
    }
    const char *r = timeline_intern(x->c->t, b.data ? b.data : "");
    sb_free(&b);
    return r;
}

static size_t field_cap(const pacer_field *f) { return f->max > 0 ? (size_t)f->max : TEXT_CAP; }

static const char *h_text(pacer_ctx *x, int i)
{
    const step_value *v = field(x, i);
    if (!v || !v->str)
        return NULL;
    const pacer_field *f = &x->node->type->fields[i];
    if (f->type != PACER_TEXT)
        return timeline_intern(x->c->t, v->str);
    char what[80];
    snprintf(what, sizeof what, "'%s'", f->name);
    /* a default is Pacer's own text: said in the session's language */
    return substitute(x, v->given ? v->str : i18n_in(x->c->language, v->str), field_cap(f), what);
}

static const char *h_words(pacer_ctx *x, const char *english)
{
    return english ? i18n_in(x->c->language, english) : NULL;
}

static int h_strings_count(pacer_ctx *x, int i)
{
    const step_value *v = field(x, i);
    return v ? v->nlist : 0;
}

static const char *h_strings_at(pacer_ctx *x, int i, int k)
{
    const step_value *v = field(x, i);
    if (!v || k < 0 || k >= v->nlist)
        return NULL;
    return timeline_intern(x->c->t, v->list[k]);
}

/* ---- events ---- */
static int check_time(pacer_ctx *x, const char *what, double s)
{
    if (!isfinite(s) || s < 0)
        return ctx_fail(x, "%s must be a finite number of seconds, not negative (got %g)", what, s);
    if (s > (double)x->c->max_frames / PACER_RATE)
        return ctx_fail(x, "%s of %g s is longer than a session may be", what, s);
    return 0;
}

static int add_step(compiler *c, const step_node *n, int64_t at, const pacer_ctx *x);

static tl_event base_event(pacer_ctx *x, int kind, double at)
{
    /* A block that emits events of its own (the rest between sets) becomes a step there,
     * so skip and the timeline can name it. */
    if (x->step < 0 && !x->c->failed)
        x->step = add_step(x->c, x->node, x->cursor + seconds_to_frames(at), x);
    tl_event e;
    memset(&e, 0, sizeof e);
    e.kind = (uint8_t)kind;
    e.at = x->cursor + seconds_to_frames(at);
    e.side = x->side;
    e.set = (uint16_t)x->set;
    e.sets = (uint16_t)x->sets;
    e.step = x->step;
    e.ask = x->ask;
    e.answer = x->answer;
    return e;
}

static int push(pacer_ctx *x, const tl_event *e)
{
    compiler *c = x->c;
    if (c->failed)
        return -1;
    if (c->t->count >= c->max_events)
        return ctx_fail(x, "the session has more than %d events; make it shorter or simpler", c->max_events);
    if (e->at + e->len > c->max_frames)
        return ctx_fail(x, "the session runs past %g hours", (double)c->max_frames / PACER_RATE / 3600.0);
    if (timeline_push(c->t, e) < 0)
        return ctx_fail(x, "out of memory");
    return c->t->count - 1;
}

static void h_phase(pacer_ctx *x, double at, pacer_phase kind, double seconds, const char *label, int rep, int reps)
{
    if (check_time(x, "a phase's start", at) || check_time(x, "a phase's length", seconds))
        return;
    if (kind < PACER_PHASE_INSTRUCTION || kind > PACER_PHASE_READY) {
        ctx_fail(x, "unknown phase kind %d", (int)kind);
        return;
    }
    if (rep < 0 || reps < 0 || rep > reps || reps > 65535) {
        ctx_fail(x, "rep %d of %d is not a valid count", rep, reps);
        return;
    }
    tl_event e = base_event(x, TL_PHASE, at);
    e.phase = (uint8_t)kind;
    e.len = seconds_to_frames(seconds);
    e.text = label ? substitute(x, label, TEXT_CAP, "a phase's label") : NULL;
    e.rep = (uint16_t)rep;
    e.reps = (uint16_t)reps;
    if (push(x, &e) >= 0) {
        x->phase_at = e.at;
        x->phase_end = e.at + e.len;
        x->phase_kind = kind;
    }
}

static const char *short_text(const char *s, char *buf, size_t n)
{
    size_t len = strlen(s);
    if (len < n) {
        memcpy(buf, s, len + 1);
        return buf;
    }
    size_t cut = n - 4;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--; /* never split a UTF-8 sequence */
    memcpy(buf, s, cut);
    memcpy(buf + cut, "...", 4);
    return buf;
}

/* A cue that outlasts the phase it belongs to is said in full, but the patient hears it run
 * into the next phase: warn with the numbers. */
static void check_cue_fits(pacer_ctx *x, int64_t at, int64_t len, const char *text)
{
    if (x->phase_end <= x->phase_at || at < x->phase_at || at >= x->phase_end)
        return;
    if (at + len > x->phase_end) {
        char buf[48];
        ctx_warn(x, "the cue \"%s\" takes %.1f s but the %s phase has only %.1f s left", short_text(text, buf, sizeof buf),
                 (double)len / PACER_RATE, tl_phase_name(x->phase_kind), (double)(x->phase_end - at) / PACER_RATE);
    }
}

/* The seconds text takes in the session's voice: its prepared length from the cue list, else
 * the estimate (before it is prepared, or when no engine could say it). A text the list does
 * not have yet is added to it as a request. */
static double h_speech_len(pacer_ctx *x, const char *text)
{
    compiler *c = x->c;
    double s = -1;
    if (c->cues) {
        const cue_request *r = cue_list_add(c->cues, CUE_SPEECH, text, c->language, c->voice, c->rate);
        if (!r)
            return ctx_fail(x, "out of memory"), 0.0;
        if (r->ready)
            s = r->seconds;
    }
    if (!(s >= 0))
        s = c->speech_len(c->speech_ud, c->language, c->voice, c->rate, text);
    return isfinite(s) && s > 0 ? s : 0.0;
}

/* Whether the recording at path is known: from the cue list once prepared, else from the
 * file_len estimate. Then *len is its seconds, or -1 with the reason in err when it cannot
 * be used. 0 when nothing is known of it yet (pass 1, or tests without file_len). */
static int file_seconds(pacer_ctx *x, const char *path, double *len, char *err, size_t n)
{
    compiler *c = x->c;
    if (c->cues) {
        const cue_request *r = cue_list_add(c->cues, CUE_FILE, path, NULL, NULL, 0);
        if (!r) {
            *len = -1;
            return ctx_fail(x, "out of memory"), 1;
        }
        if (r->ready) {
            snprintf(err, n, "%s", r->err ? r->err : "");
            *len = r->seconds;
            return 1;
        }
    }
    if (!c->file_len)
        return 0;
    *len = c->file_len(c->file_ud, path, err, n);
    return 1;
}

static double h_say(pacer_ctx *x, double at, const char *text)
{
    if (check_time(x, "a cue's start", at))
        return 0;
    if (!text || !*text)
        return 0;
    const char *t = substitute(x, text, TEXT_CAP, "a cue");
    if (!t) {
        ctx_fail(x, "out of memory");
        return 0;
    }
    double len = h_speech_len(x, t);
    tl_event e = base_event(x, TL_SPEAK, at);
    e.len = seconds_to_frames(len);
    e.text = t;
    check_cue_fits(x, e.at, e.len, t);
    push(x, &e);
    e.kind = TL_CAPTION;
    push(x, &e);
    return len;
}

static double h_play(pacer_ctx *x, double at, const char *path, const char *caption)
{
    if (check_time(x, "a recording's start", at))
        return 0;
    if (!path || !*path) {
        ctx_fail(x, "a recording needs a file");
        return 0;
    }
    const char *cap = caption ? substitute(x, caption, TEXT_CAP, "a recording's caption") : NULL;
    if (caption && !cap) {
        ctx_fail(x, "out of memory");
        return 0;
    }
    compiler *c = x->c;
    char err[256] = "";
    double len = 0;
    int known = file_seconds(x, path, &len, err, sizeof err);
    if (c->failed)
        return 0;
    if (known) {
        if (!(len > 0)) {
            /* A recording that cannot be played: its text is spoken instead, and check says so. */
            /* named as the session wrote it: the path after the session's folder */
            const char *dir = c->m->dir;
            size_t dl = dir ? strlen(dir) : 0;
            const char *shown = dl && strncmp(path, dir, dl) == 0 && path[dl] == '/' ? path + dl + 1 : path;
            /* A file that is there but refused (malformed, too long, outside the folder) is an
             * error check fails on; a missing one only a warning (not recorded yet). Either way
             * the session still plays, with the text spoken. */
            char msg[512];
            snprintf(msg, sizeof msg, "the recording '%s' cannot be used (%s); its text will be spoken instead", shown,
                     err[0] ? err : "no sound");
            if (len <= FILE_LEN_REFUSED)
                ctx_error_go_on(x, "%s", msg);
            else
                ctx_warn(x, "%s", msg);
            return cap ? h_say(x, at, cap) : 0;
        }
    } else {
        /* Not decoded yet (pass 1), or no decoder (tests): timed like its caption spoken. */
        len = cap ? c->speech_len(c->speech_ud, c->language, c->voice, c->rate, cap) : 1.0;
    }
    tl_event e = base_event(x, TL_PLAY, at);
    e.len = seconds_to_frames(len);
    e.text = timeline_intern(c->t, path);
    check_cue_fits(x, e.at, e.len, cap ? cap : path);
    push(x, &e);
    if (cap) {
        e.kind = TL_CAPTION;
        e.text = cap;
        push(x, &e);
    }
    return len;
}

static void h_tone(pacer_ctx *x, double at, const pacer_tone *tone)
{
    if (check_time(x, "a tone's start", at))
        return;
    if (!tone || tone->size < sizeof(pacer_tone)) {
        ctx_fail(x, "a tone description is smaller than this Pacer's");
        return;
    }
    if (!isfinite(tone->hz) || tone->hz < 20 || tone->hz > 8000) {
        ctx_fail(x, "a tone's pitch must be 20 to 8000 Hz (got %g)", tone->hz);
        return;
    }
    if (!isfinite(tone->ms) || tone->ms < 5 || tone->ms > 10000) {
        ctx_fail(x, "a tone's length must be 5 to 10000 ms (got %g)", tone->ms);
        return;
    }
    if (!isfinite(tone->level) || tone->level < 0 || tone->level > 1) {
        ctx_fail(x, "a tone's level must be 0 to 1 (got %g)", tone->level);
        return;
    }
    if ((int)tone->shape < PACER_SHAPE_SINE || (int)tone->shape > PACER_SHAPE_DOUBLE) {
        ctx_fail(x, "unknown tone shape %d", (int)tone->shape);
        return;
    }
    tl_event e = base_event(x, TL_TONE, at);
    e.len = seconds_to_frames(tone->ms / 1000.0);
    e.shape = (uint8_t)tone->shape;
    e.hz = (float)tone->hz;
    e.level = (float)tone->level;
    if (push(x, &e) >= 0 && e.at > x->c->last_tone_at)
        x->c->last_tone_at = e.at;
}

/* A rest's soft tone is left out when another tone started less than this before it (or at
 * the same frame): the change is heard already, and two sounds so close would blur. */
#define REST_TONE_QUIET 0.35

static void h_sound(pacer_ctx *x, double at, pacer_sound s)
{
    pacer_tone t;
    if (!sound_tone(s, &t)) {
        ctx_fail(x, "unknown preset sound %d", (int)s);
        return;
    }
    if (s == PACER_SOUND_REST && !check_time(x, "a tone's start", at) && x->c->last_tone_at >= 0) {
        int64_t when = x->cursor + seconds_to_frames(at);
        if (x->c->last_tone_at <= when && when - x->c->last_tone_at < seconds_to_frames(REST_TONE_QUIET))
            return;
    }
    int before = x->c->t->count;
    h_tone(x, at, &t);
    if (x->c->t->count > before)
        x->c->t->events[before].sound = (uint8_t)(s + 1);
}

static void close_card(compiler *c, int64_t at)
{
    if (c->card_open >= 0) {
        tl_event *e = &c->t->events[c->card_open];
        e->len = at > e->at ? at - e->at : 0;
        c->card_open = -1;
    }
}

static void h_card(pacer_ctx *x, const char *text)
{
    if (x->c->card_open < 0 && x->c->first_inner_card < 0)
        x->c->first_inner_card = x->cursor;
    close_card(x->c, x->cursor);
    tl_event e = base_event(x, TL_CARD, 0);
    e.text = substitute(x, text ? text : "", TEXT_CAP, "a card's text");
    if (!e.text) {
        ctx_fail(x, "out of memory");
        return;
    }
    int i = push(x, &e);
    if (i >= 0)
        x->c->card_open = i;
}

/* An event that only has a start and a length (a gate, a countdown). */
static void timed_event(pacer_ctx *x, int kind, double at, double len, const char *what)
{
    char a[64], b[64];
    snprintf(a, sizeof a, "a %s's start", what);
    snprintf(b, sizeof b, "a %s's length", what);
    if (check_time(x, a, at) || check_time(x, b, len))
        return;
    tl_event e = base_event(x, kind, at);
    e.len = seconds_to_frames(len);
    push(x, &e);
}

static void h_gate(pacer_ctx *x, double at, double timeout) { timed_event(x, TL_GATE, at, timeout, "gate"); }

static void h_countdown(pacer_ctx *x, double at, double seconds)
{
    timed_event(x, TL_COUNTDOWN, at, seconds, "countdown");
}

static void h_advance(pacer_ctx *x, double seconds)
{
    if (check_time(x, "a step's length", seconds))
        return;
    x->cursor += seconds_to_frames(seconds);
    if (x->cursor > x->c->max_frames)
        ctx_fail(x, "the session runs past %g hours", (double)x->c->max_frames / PACER_RATE / 3600.0);
}

static double h_now(pacer_ctx *x) { return (double)(x->cursor - x->start) / PACER_RATE; }

static int expand_node(compiler *c, const step_node *n, pacer_ctx *parent, int64_t *cursor);

/* The steps of the node's list part: its children before those of its STEPS fields. */
static int list_part(const step_node *n)
{
    int k = n->nchildren;
    for (int i = 0; i < n->type->nfields; i++)
        if (n->type->fields[i].type == PACER_STEPS)
            k -= (int)n->values[i].num;
    return k > 0 ? k : 0;
}

/* Expands children [first, first + count) of x's node at x's cursor, in scope. */
static int expand_block(pacer_ctx *x, const pacer_scope *scope, int first, int count);

static int h_children(pacer_ctx *x, const pacer_scope *scope) { return expand_block(x, scope, 0, list_part(x->node)); }

static int expand_block(pacer_ctx *x, const pacer_scope *scope, int first, int count)
{
    compiler *c = x->c;
    if (scope && scope->size < sizeof(pacer_scope))
        return ctx_fail(x, "a scope description is smaller than this Pacer's");
    pacer_ctx inner = *x;
    if (scope && scope->side) {
        /* A plugin's side name is said and shown like a script's: held to the same rules. */
        size_t n = strlen(scope->side);
        if (n > SIDE_CAP || utf8_invalid_at(scope->side, n) || text_control_at(scope->side, n, 0, NULL) >= 0)
            return ctx_fail(x, "a side's name must be text of at most %d bytes without control characters",
                            SIDE_CAP);
        inner.side = timeline_intern(c->t, scope->side);
    }
    if (scope && scope->set > 0) {
        if (scope->set > scope->sets || scope->sets > 65535)
            return ctx_fail(x, "set %d of %d is not a valid count", scope->set, scope->sets);
        inner.set = scope->set;
        inner.sets = scope->sets;
    }
    if (++c->expansions > 2L * c->max_events)
        return ctx_fail(x, "the session expands to more than %ld steps; make it shorter or simpler",
                        2L * c->max_events);
    /* Cards are sequential on the timeline: a block that shows its own cards interrupts the
     * enclosing card, which shows again when the block ends. */
    int saved_card = c->card_open;
    int64_t saved_first = c->first_inner_card;
    c->card_open = -1;
    c->first_inner_card = -1;
    for (int i = first; i < first + count && i < x->node->nchildren && !c->failed; i++)
        expand_node(c, x->node->children[i], &inner, &x->cursor);
    close_card(c, x->cursor);
    int64_t first_inner = c->first_inner_card;
    c->first_inner_card = saved_first;
    c->card_open = saved_card;
    if (c->failed)
        return -1;
    if (saved_card >= 0 && first_inner >= 0) {
        tl_event *outer = &c->t->events[saved_card];
        outer->len = first_inner > outer->at ? first_inner - outer->at : 0;
        tl_event again = *outer;
        again.at = x->cursor;
        again.len = 0;
        c->card_open = -1;
        int i = push(x, &again);
        if (i >= 0)
            c->card_open = i;
    }
    return c->failed ? -1 : 0;
}

/* The most questions a session may ask: each is looked at while the player plays. */
enum { MAX_ASKS = 1000 };

/* Where field's steps start among the node's children, and how many there are; -1 when field
 * is not a STEPS field. */
static int steps_slice(const step_node *n, int field, int *count)
{
    if (field < 0 || field >= n->type->nfields || n->type->fields[field].type != PACER_STEPS)
        return -1;
    int first = list_part(n);
    for (int i = 0; i < field; i++)
        if (n->type->fields[i].type == PACER_STEPS)
            first += (int)n->values[i].num;
    *count = (int)n->values[field].num;
    return first + *count <= n->nchildren ? first : -1;
}

static int h_branch(pacer_ctx *x, const char *question, int default_yes, int yes_field, int no_field)
{
    compiler *c = x->c;
    int ny, nn;
    int fy = steps_slice(x->node, yes_field, &ny), fn = steps_slice(x->node, no_field, &nn);
    if (fy < 0 || fn < 0 || yes_field == no_field)
        return ctx_fail(x, "a branch needs two different step-list fields");
    if (c->t->nasks >= MAX_ASKS)
        return ctx_fail(x, "the session asks more than %d questions", MAX_ASKS);
    if (c->t->nasks == c->t->asks_cap) {
        int cap = c->t->asks_cap ? c->t->asks_cap * 2 : 8;
        tl_ask *p = realloc(c->t->asks, (size_t)cap * sizeof *p);
        if (!p)
            return ctx_fail(x, "out of memory");
        c->t->asks = p;
        c->t->asks_cap = cap;
    }
    int k = c->t->nasks++;
    tl_ask *q = &c->t->asks[k];
    memset(q, 0, sizeof *q);
    q->step = x->step;
    q->at = x->start;
    q->decide = x->cursor;
    q->def = default_yes ? TL_YES : TL_NO;
    q->question = substitute(x, question ? question : "", TEXT_CAP, "a question");
    q->ask = x->ask;
    q->answer = x->answer;
    /* Each branch is a block of its own, heard after the question: the rest tone's rule
     * looks only at tones on the same way through. */
    int64_t before = c->last_tone_at;
    pacer_ctx inner = *x;
    inner.step = -1; /* a block in a branch is a step of its own where it makes events */
    inner.ask = (uint16_t)(k + 1);
    inner.answer = TL_YES;
    if (expand_block(&inner, NULL, fy, ny) < 0)
        return -1;
    c->t->asks[k].yes_end = inner.cursor;
    c->last_tone_at = before;
    inner.answer = TL_NO;
    if (expand_block(&inner, NULL, fn, nn) < 0)
        return -1;
    c->t->asks[k].no_end = inner.cursor;
    x->cursor = inner.cursor;
    return 0;
}

static const pacer_host host = {
    .size = sizeof(pacer_host),
    .abi_major = PACER_ABI_MAJOR,
    .abi_minor = PACER_ABI_MINOR,
    .num = h_num,
    .text = h_text,
    .given = h_given,
    .strings_count = h_strings_count,
    .strings_at = h_strings_at,
    .phase = h_phase,
    .say = h_say,
    .play = h_play,
    .tone = h_tone,
    .sound = h_sound,
    .card = h_card,
    .gate = h_gate,
    .countdown = h_countdown,
    .speech_len = h_speech_len,
    .advance = h_advance,
    .now = h_now,
    .children = h_children,
    .fail = ctx_fail,
    .warn = ctx_warn,
    .branch = h_branch,
    .words = h_words,
};

static int add_step(compiler *c, const step_node *n, int64_t at, const pacer_ctx *x)
{
    timeline *t = c->t;
    if (t->nsteps == t->steps_cap) {
        int cap = t->steps_cap ? t->steps_cap * 2 : 64;
        tl_step *p = realloc(t->steps, (size_t)cap * sizeof *p);
        if (!p)
            return -1;
        t->steps = p;
        t->steps_cap = cap;
    }
    tl_step *s = &t->steps[t->nsteps];
    s->at = at;
    s->type = n->type->name;
    s->file = timeline_intern(t, n->file);
    s->line = n->line;
    s->col = n->col;
    s->ask = x->ask;
    s->answer = x->answer;
    return t->nsteps++;
}

static int expand_node(compiler *c, const step_node *n, pacer_ctx *parent, int64_t *cursor)
{
    pacer_ctx x;
    memset(&x, 0, sizeof x);
    x.c = c;
    if (++c->expansions > 2L * c->max_events) {
        x.node = n;
        return ctx_fail(&x, "the session expands to more than %ld steps; make it shorter or simpler",
                        2L * c->max_events);
    }
    x.node = n;
    x.start = x.cursor = *cursor;
    x.side = parent ? parent->side : NULL;
    x.set = parent ? parent->set : 0;
    x.sets = parent ? parent->sets : 0;
    x.step = parent ? parent->step : -1;
    x.ask = parent ? parent->ask : 0;
    x.answer = parent ? parent->answer : 0;
    /* The loader refuses steps nested deeper than 100; a model made some other way may not
     * take the C stack down either. */
    if (c->depth >= 200)
        return ctx_fail(&x, "steps are nested more than %d deep", 200);
    if (!n->type->takes_steps) {
        x.step = add_step(c, n, x.cursor, &x);
        if (x.step < 0)
            return ctx_fail(&x, "out of memory");
    }
    int first_event = c->t->count;
    c->depth++;
    int rc = n->type->expand(&x, &host);
    c->depth--;
    if (rc < 0 && !c->failed)
        ctx_fail(&x, "the step could not be expanded (error %d)", rc);
    /* Every event a step makes starts inside it, and its phases end by its end: a step that
     * reaches past itself would overlap the next one. */
    for (int i = first_event; i < c->t->count && !c->failed; i++) {
        const tl_event *e = &c->t->events[i];
        if (e->at > x.cursor || (e->kind == TL_PHASE && e->at + e->len > x.cursor))
            ctx_fail(&x, "a %s event at %.3f s reaches past the step's end at %.3f s", tl_kind_name(e->kind),
                     (double)(e->at - x.start) / PACER_RATE, (double)(x.cursor - x.start) / PACER_RATE);
    }
    *cursor = x.cursor;
    return c->failed ? -1 : 0;
}

static int root_field(const step_node *root, const char *name)
{
    return step_field_index(root->type, name);
}

/* Speech that starts while other speech is still going is a warning: both are played in
 * full, but the patient hears them on top of each other. */
static void check_overlaps(compiler *c)
{
    timeline *t = c->t;
    const tl_event *prev = NULL;
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind != TL_SPEAK && e->kind != TL_PLAY)
            continue;
        if (prev && prev->at + prev->len > e->at) {
            const tl_step *s = e->step >= 0 ? &t->steps[e->step] : NULL;
            char a[48], b[48], when[32];
            diags_add(c->d, DIAG_WARNING, s ? s->file : c->m->file, s ? s->line : 0, s ? s->col : 0,
                      "the cue \"%s\" at %s starts %.1f s before \"%s\" has finished", short_text(e->text, a, sizeof a),
                      format_time(e->at, 1, when, sizeof when), (double)(prev->at + prev->len - e->at) / PACER_RATE,
                      short_text(prev->text, b, sizeof b));
        }
        if (!prev || e->at + e->len > prev->at + prev->len)
            prev = e;
    }
}

int session_compile(const session_model *m, const compile_opts *o, timeline *t, diag_list *d)
{
    compile_opts defaults = {0};
    if (!o)
        o = &defaults;
    timeline_init(t);
    compiler c = {
        .m = m,
        .t = t,
        .d = d,
        .cues = o->cues,
        .speech_len = o->speech_len ? o->speech_len : estimate_speech_len,
        .speech_ud = o->speech_ud,
        .file_len = o->file_len,
        .file_ud = o->file_ud,
        .max_frames = seconds_to_frames(o->max_seconds > 0 ? o->max_seconds : 24 * 3600.0),
        .max_events = o->max_events > 0 ? o->max_events : 1000000,
        .card_open = -1,
        .first_inner_card = -1,
        .last_tone_at = -1,
    };
    const step_node *root = m->root;
    int fi;
    if ((fi = root_field(root, "title")) >= 0)
        t->title = timeline_intern(t, root->values[fi].str ? root->values[fi].str : "");
    if ((fi = root_field(root, "summary")) >= 0)
        t->summary = timeline_intern(t, root->values[fi].str ? root->values[fi].str : "");
    if ((fi = root_field(root, "language")) >= 0)
        t->language = timeline_intern(t, root->values[fi].str ? root->values[fi].str : "en");
    if ((fi = root_field(root, "voice")) >= 0 && root->values[fi].str)
        t->voice = timeline_intern(t, root->values[fi].str);
    t->rate = (fi = root_field(root, "rate")) >= 0 ? (int)root->values[fi].num : 150;
    if ((fi = root_field(root, "ambience")) >= 0 && root->values[fi].str)
        t->ambience = timeline_intern(t, root->values[fi].str);
    t->ambience_level = (fi = root_field(root, "ambience_level")) >= 0 ? (float)root->values[fi].num : 0.25f;
    c.language = t->language;
    c.voice = t->voice;
    c.rate = t->rate;

    int64_t cursor = 0;
    expand_node(&c, root, NULL, &cursor);
    close_card(&c, cursor);
    if (c.failed) {
        timeline_free(t);
        return -1;
    }
    /* A card interrupted before it showed (a block that opens with its own card) is dropped. */
    int kept = 0;
    for (int i = 0; i < t->count; i++)
        if (!(t->events[i].kind == TL_CARD && t->events[i].len == 0))
            t->events[kept++] = t->events[i];
    t->count = kept;
    t->frames = cursor;
    tl_event end = {.kind = TL_END, .at = cursor, .step = t->nsteps - 1};
    if (timeline_push(t, &end) < 0) {
        diags_add(d, DIAG_ERROR, m->file, 0, 0, "out of memory");
        timeline_free(t);
        return -1;
    }
    timeline_sort(t);
    check_overlaps(&c);
    double warn_min = o->warn_minutes > 0 ? o->warn_minutes : 60;
    if (cursor > seconds_to_frames(warn_min * 60)) {
        char buf[32];
        diags_add(d, DIAG_WARNING, root->file, root->line, root->col,
                  "session: it lasts %s, longer than %g minutes; patients rarely finish sessions that long",
                  format_time(cursor, 0, buf, sizeof buf), warn_min);
    }
    return 0;
}

int session_cue_requests(const session_model *m, const compile_opts *o)
{
    if (!o || !o->cues)
        return -1;
    diag_list quiet;
    diags_init(&quiet);
    timeline t;
    if (session_compile(m, o, &t, &quiet) == 0)
        timeline_free(&t);
    diags_free(&quiet);
    return cue_list_pending(o->cues);
}
