/* journal_view.c - the journal as the screens show it: the Progress figures (one source for
 * `pacer snapshot --progress` and the window's Progress screen, drawn by the same
 * scene_progress), which tags come with better and worse days, and the window's daily
 * check-in, kept in the same check-ins table as `pacer journal add`. */
#include <stdlib.h>
#include <string.h>

#include "checkin.h"
#include "cli.h"
#include "journal.h"
#include "window.h"
#include "i18n.h"

/* The labels of the tags with verdict v (-1 better, 1 worse), the clearest first (the list
 * runs from the best days to the worst), comma-separated, into out. */
static void tag_list(const journal_tag_effect *e, int n, int v, char *out, size_t size)
{
    out[0] = 0;
    for (int k = 0; k < n; k++) {
        const journal_tag_effect *x = v < 0 ? &e[k] : &e[n - 1 - k];
        if (journal_tag_verdict(x) != v)
            continue;
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s%s", used ? ", " : "", _(journal_tag_labels[x->tag]));
    }
}

int cli_progress_figures(journal *j, progress_view *p, char *why, size_t n)
{
    /* only what the picture shows: the summary, the 8 weeks, the last rated sessions */
    memset(p, 0, sizeof *p);
    char today[11], since[11];
    journal_today(today);
    journal_day_before(today, PROGRESS_DAYS - 1, since);
    journal_summary s;
    journal_rows weeks, rated;
    journal_checkins ck;
    if (journal_summary_read(j, today, &s, why, n) < 0 || journal_read_since(j, since, &weeks, why, n) < 0)
        return -1;
    if (journal_read_last(j, PROGRESS_PAIN, 1, &rated, why, n) < 0) {
        journal_rows_free(&weeks);
        return -1;
    }
    if (journal_read_checkins(j, &ck, why, n) < 0) {
        journal_rows_free(&weeks);
        journal_rows_free(&rated);
        return -1;
    }
    p->today_weekday = journal_daily_minutes(&weeks, today, p->minutes, PROGRESS_DAYS);
    p->goal = JOURNAL_GOAL_MIN;
    p->streak = s.streak;
    p->week_minutes = (float)(s.minutes_per_day_7 * 7);
    for (int i = 0; i < rated.count && p->npain < PROGRESS_PAIN; i++, p->npain++) {
        p->pain_before[p->npain] = (float)rated.items[i].pain_before;
        p->pain_after[p->npain] = (float)rated.items[i].pain_after;
    }
    journal_daily_checkins(&ck, today, p->day_pain, p->day_sleep, PROGRESS_DAYS);
    journal_tag_effect e[16];
    int ne = journal_tag_effects(&ck, e);
    tag_list(e, ne, -1, p->better, sizeof p->better);
    tag_list(e, ne, 1, p->worse, sizeof p->worse);
    journal_checkins_free(&ck);
    journal_rows_free(&rated);
    journal_rows_free(&weeks);
    return 0;
}

/* ---- the window's side ---- */

static int win_progress(void *jud, progress_view *p)
{
    char why[4352];
    if (cli_progress_figures(jud, p, why, sizeof why) < 0) {
        fprintf(stderr, "pacer: %s", _("the journal cannot be read: "));
        fput_safe(why, stderr);
        fputc('\n', stderr);
        return -1;
    }
    return 0;
}

static int win_checkin_due(void *jud)
{
    char today[11];
    journal_today(today);
    return journal_checkin_due(jud, today);
}

static void win_checkin_offered(void *jud)
{
    char today[11];
    journal_today(today);
    journal_checkin_offered(jud, today);
}

/* The chosen tags (bits) as the journal's comma-separated list. */
static void tag_bits(unsigned bits, char *out, size_t n)
{
    out[0] = 0;
    for (int i = 0; i < journal_ntags && i < CHECKIN_MAX_TAGS; i++) {
        if (!((bits >> i) & 1u))
            continue;
        size_t used = strlen(out);
        snprintf(out + used, n - used, "%s%s", used ? "," : "", journal_tags[i]);
    }
}

static int win_checkin_save(void *jud, const checkin_form *f)
{
    char helped[128], worse[128], why[4352];
    tag_bits(f->helped, helped, sizeof helped);
    tag_bits(f->worse, worse, sizeof worse);
    journal_checkin c = {.pain = f->pain >= 0 ? f->pain : JOURNAL_NO_PAIN,
                         .sleep_hours = f->sleep_given ? f->sleep : JOURNAL_NO_SLEEP,
                         .helped = helped,
                         .worse = worse,
                         .note = (char *)f->note};
    journal_today(c.date);
    if (journal_add_checkin(jud, &c, why, sizeof why) < 0) {
        fprintf(stderr, "pacer: %s", _("the check-in was not kept: "));
        fput_safe(why, stderr);
        fputc('\n', stderr);
        return -1;
    }
    return 0;
}

void cli_window_journal(window_host *wh, journal *j)
{
    if (!j)
        return;
    wh->journal_ud = j;
    wh->progress = win_progress;
    wh->checkin_due = win_checkin_due;
    wh->checkin_offered = win_checkin_offered;
    wh->checkin_save = win_checkin_save;
    wh->tag_labels = journal_tag_labels;
    wh->ntags = journal_ntags;
    wh->checkin_timeout = 60;
    const char *t = getenv("PACER_CHECKIN_TIMEOUT"); /* tests: the timeout path without a minute's wait */
    if (t && atof(t) > 0)
        wh->checkin_timeout = atof(t);
}
