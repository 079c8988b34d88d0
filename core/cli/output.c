/* output.c - the timeline as a table for people and as JSON for tools. */
#include <string.h>

#include "output.h"
#include "util.h"

static void put_safe_padded(FILE *out, const char *s, int width)
{
    strbuf b;
    sb_init(&b);
    if (s)
        sb_add_safe(&b, s, strlen(s));
    fprintf(out, "%-*s", width, b.data ? b.data : "");
    sb_free(&b);
}

static const char *sound_name(int sound)
{
    static const char *const names[] = {"inhale", "exhale", "hold",    "rep-end", "tick",
                                        "beep",   "bell",   "rest",    "hold-in", "hold-out"};
    return sound >= 1 && sound <= (int)(sizeof names / sizeof names[0]) ? names[sound - 1] : NULL;
}

static void event_text(const tl_event *e, char *buf, size_t n)
{
    buf[0] = 0;
    switch (e->kind) {
    case TL_TONE:
        if (sound_name(e->sound))
            snprintf(buf, n, "%s tone", sound_name(e->sound));
        else
            snprintf(buf, n, "%s %.0f Hz %.0f ms", tl_shape_name(e->shape), e->hz, (double)e->len * 1000 / PACER_RATE);
        break;
    case TL_GATE: snprintf(buf, n, "wait for a tap, at most %.1f s", (double)e->len / PACER_RATE); break;
    case TL_COUNTDOWN: snprintf(buf, n, "countdown %.0f s", (double)e->len / PACER_RATE); break;
    case TL_END: snprintf(buf, n, "end"); break;
    default: break;
    }
}

void print_timeline_table(const timeline *t, FILE *out)
{
    char len[32];
    fputs("Session: ", out);
    fput_safe(t->title ? t->title : "", out);
    fprintf(out, " (%s, %d steps)\n", format_time(t->frames, 0, len, sizeof len), t->nsteps);
    /* a session that asks: each question and its two ways on; the WAY column marks the
     * rows that play only with one answer */
    for (int k = 0; k < t->nasks; k++) {
        const tl_ask *q = &t->asks[k];
        char at[32], y0[32], y1[32], n1[32];
        fprintf(out, "Question %d at %s: \"", k + 1, format_time(q->at, 1, at, sizeof at));
        fput_safe(q->question ? q->question : "", out);
        fprintf(out, "\" (default %s): yes plays %s to %s, no plays %s to %s\n", q->def == TL_YES ? "yes" : "no",
                format_time(q->decide, 1, y0, sizeof y0), format_time(q->yes_end, 1, y1, sizeof y1), y1,
                format_time(q->no_end, 1, n1, sizeof n1));
    }
    if (t->nasks) {
        char d[32], lo[32], hi[32];
        int64_t shortest, longest;
        timeline_length_range(t, &shortest, &longest);
        fprintf(out, "With no answers it lasts %s; by the answers, %s to %s\n",
                format_time(timeline_length(t), 0, d, sizeof d), format_time(shortest, 0, lo, sizeof lo),
                format_time(longest, 0, hi, sizeof hi));
    }
    fprintf(out, "%-10s %-12s %-9s %-11s %-8s %-7s ", "TIME", "STEP", "EVENT", "PHASE", "SIDE", "REP");
    if (t->nasks)
        fprintf(out, "%-7s ", "WAY");
    fputs("TEXT\n", out);
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        if (e->kind == TL_CAPTION)
            continue; /* the same text as its speak or play row */
        char when[32], step[32], rep[16] = "", extra[96];
        format_time(e->at, 1, when, sizeof when);
        if (e->step >= 0 && e->step < t->nsteps)
            snprintf(step, sizeof step, "%d %s", e->step + 1, t->steps[e->step].type);
        else
            step[0] = 0;
        if (e->reps)
            snprintf(rep, sizeof rep, "%u/%u", e->rep, e->reps);
        else if (e->sets)
            snprintf(rep, sizeof rep, "set %u/%u", e->set, e->sets);
        event_text(e, extra, sizeof extra);
        fprintf(out, "%-10s %-12s %-9s %-11s ", when, step, tl_kind_name(e->kind),
                e->kind == TL_PHASE ? tl_phase_name(e->phase) : "");
        put_safe_padded(out, e->side, 8);
        fprintf(out, " %-7s ", rep);
        if (t->nasks) {
            char way[16] = "";
            if (e->ask)
                snprintf(way, sizeof way, "%u %s", e->ask, e->answer == TL_YES ? "yes" : "no");
            fprintf(out, "%-7s ", way);
        }
        if (e->kind == TL_PLAY) {
            fputs("recording ", out);
        }
        put_safe_padded(out, e->text ? e->text : extra, 0);
        fputc('\n', out);
    }
}

static void json_str(strbuf *b, const char *key, const char *value)
{
    sb_printf(b, ",\"%s\":", key);
    if (value)
        sb_add_json(b, value);
    else
        sb_puts(b, "null");
}

void print_timeline_json(const timeline *t, FILE *out)
{
    strbuf b;
    sb_init(&b);
    sb_printf(&b, "{\"sample_rate\":%d,\"frames\":%lld,\"seconds\":%.6f", PACER_RATE, (long long)t->frames,
              (double)t->frames / PACER_RATE);
    json_str(&b, "title", t->title);
    json_str(&b, "summary", t->summary);
    json_str(&b, "language", t->language);
    json_str(&b, "voice", t->voice);
    sb_printf(&b, ",\"rate\":%d,\n\"steps\":[", t->rate);
    for (int i = 0; i < t->nsteps; i++) {
        const tl_step *s = &t->steps[i];
        sb_printf(&b, "%s\n{\"index\":%d,\"frame\":%lld", i ? "," : "", i + 1, (long long)s->at);
        json_str(&b, "type", s->type);
        json_str(&b, "file", s->file);
        sb_printf(&b, ",\"line\":%d", s->line);
        if (s->ask)
            sb_printf(&b, ",\"ask\":%u,\"answer\":\"%s\"", s->ask, s->answer == TL_YES ? "yes" : "no");
        sb_puts(&b, "}");
    }
    /* the questions: ask is their index from 1, as in the events' "ask" */
    int64_t shortest, longest;
    timeline_length_range(t, &shortest, &longest);
    sb_printf(&b, "],\n\"default_frames\":%lld,\"shortest_frames\":%lld,\"longest_frames\":%lld,\n\"asks\":[",
              (long long)timeline_length(t), (long long)shortest, (long long)longest);
    for (int k = 0; k < t->nasks; k++) {
        const tl_ask *q = &t->asks[k];
        sb_printf(&b, "%s\n{\"ask\":%d,\"step\":%d,\"frame\":%lld,\"decide\":%lld,\"yes_end\":%lld,\"no_end\":%lld",
                  k ? "," : "", k + 1, q->step + 1, (long long)q->at, (long long)q->decide, (long long)q->yes_end,
                  (long long)q->no_end);
        json_str(&b, "question", q->question);
        sb_printf(&b, ",\"default\":\"%s\"", q->def == TL_YES ? "yes" : "no");
        if (q->ask)
            sb_printf(&b, ",\"in_ask\":%u,\"in_answer\":\"%s\"", q->ask, q->answer == TL_YES ? "yes" : "no");
        sb_puts(&b, "}");
    }
    sb_puts(&b, "],\n\"events\":[");
    for (int i = 0; i < t->count; i++) {
        const tl_event *e = &t->events[i];
        sb_printf(&b, "%s\n{\"frame\":%lld,\"seconds\":%.6f,\"len\":%lld,\"kind\":\"%s\",\"step\":%d", i ? "," : "",
                  (long long)e->at, (double)e->at / PACER_RATE, (long long)e->len, tl_kind_name(e->kind), e->step + 1);
        if (e->kind == TL_PHASE)
            sb_printf(&b, ",\"phase\":\"%s\"", tl_phase_name(e->phase));
        if (e->kind == TL_TONE) {
            sb_printf(&b, ",\"shape\":\"%s\",\"hz\":%.3f,\"level\":%.3f", tl_shape_name(e->shape), e->hz, e->level);
            if (sound_name(e->sound))
                sb_printf(&b, ",\"sound\":\"%s\"", sound_name(e->sound));
        }
        if (e->side)
            json_str(&b, "side", e->side);
        if (e->reps)
            sb_printf(&b, ",\"rep\":%u,\"reps\":%u", e->rep, e->reps);
        if (e->sets)
            sb_printf(&b, ",\"set\":%u,\"sets\":%u", e->set, e->sets);
        if (e->text)
            json_str(&b, e->kind == TL_PLAY ? "file" : "text", e->text);
        if (e->ask)
            sb_printf(&b, ",\"ask\":%u,\"answer\":\"%s\"", e->ask, e->answer == TL_YES ? "yes" : "no");
        sb_puts(&b, "}");
    }
    sb_puts(&b, "\n]}\n");
    if (b.data)
        fputs(b.data, out);
    sb_free(&b);
}

/* Pads or shortens s to exactly width characters (not bytes), terminal-safe. */
static void put_column(FILE *out, const char *s, int width)
{
    strbuf b;
    sb_init(&b);
    sb_add_safe(&b, s ? s : "", s ? strlen(s) : 0);
    const char *p = b.data ? b.data : "";
    int chars = 0;
    size_t cut = 0, len = strlen(p);
    for (size_t i = 0; i < len; i++) {
        if (((unsigned char)p[i] & 0xC0) != 0x80) {
            if (chars == width - 1)
                cut = i;
            chars++;
        }
    }
    if (chars > width) {
        fwrite(p, 1, cut, out);
        fputs("\xE2\x80\xA6", out); /* ... */
    } else {
        fputs(p, out);
        for (int i = chars; i < width; i++)
            fputc(' ', out);
    }
    sb_free(&b);
}

void print_list_row(const char *title, int64_t frames, const char *summary, const char *file, FILE *out)
{
    char len[32];
    put_column(out, title, 36);
    fprintf(out, " %8s  ", format_time(frames, 0, len, sizeof len));
    put_safe_padded(out, summary, 0);
    fputs("  [", out);
    fput_safe(file, out);
    fputs("]\n", out);
}
