/* today.c - pacer today: a program's plan for the day, printed or played one session after
 * another with a short spoken bridge between them; the active program, remembered; the
 * check of a program for pacer check. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "journal.h"
#include "outfile.h"

/* $XDG_CONFIG_HOME/pacer/program (~/.config/pacer/program): the active program's path. */
static int active_file(char *buf, size_t n) { return xdg_path("XDG_CONFIG_HOME", ".config", "pacer/program", buf, n); }

int cli_active_program(char *out, size_t n)
{
    char file[PATH_MAX];
    if (active_file(file, sizeof file) < 0)
        return -1;
    char *text;
    size_t len;
    const char *why;
    if (file_read_regular(file, PATH_MAX, &text, &len, &why) != 0)
        return -1;
    while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
        len--;
    int ok = len > 0 && len < n && !memchr(text, 0, len);
    if (ok) {
        memcpy(out, text, len);
        out[len] = 0;
    }
    free(text);
    return ok ? 0 : -1;
}

/* mkdir -p, private to the user. */
static void make_dirs(const char *dir)
{
    char d[PATH_MAX];
    snprintf(d, sizeof d, "%s", dir);
    for (char *p = d + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            mkdir(d, 0700);
            *p = '/';
        }
    mkdir(d, 0700);
}

static int set_active(const char *program, const char *title)
{
    char file[PATH_MAX], real[PATH_MAX], err[OUTFILE_ERR_MAX];
    if (active_file(file, sizeof file) < 0) {
        fprintf(stderr, "pacer today: %s\n", _("there is no home folder to remember the program in"));
        return EXIT_IO;
    }
    if (!realpath(program, real)) {
        fprintf(stderr, "pacer today: %s", _("cannot resolve "));
        fput_safe(program, stderr);
        fprintf(stderr, ": %s\n", strerror(errno));
        return EXIT_SESSION_ERROR;
    }
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", file);
    *strrchr(dir, '/') = 0;
    make_dirs(dir);
    outfile o;
    if (outfile_open(&o, file, 0, err, sizeof err) < 0) {
        fprintf(stderr, "pacer today: ");
        fput_safe(err, stderr);
        fputc('\n', stderr);
        return EXIT_IO;
    }
    fprintf(o.f, "%s\n", real);
    if (outfile_commit(&o, err, sizeof err) < 0) {
        fprintf(stderr, "pacer today: ");
        fput_safe(err, stderr);
        fputc('\n', stderr);
        return EXIT_IO;
    }
    printf("%s", _("Your program is now: "));
    fput_safe(title, stdout);
    printf(" (");
    fput_safe(real, stdout);
    printf(")\n");
    return 0;
}

/* The journal's sessions as the plan sees them (none when there is no journal yet: reading
 * never creates one). Free with history_free. */
typedef struct history_snap {
    journal_rows rows;
    history_play *plays;
    int count;
} history_snap;

static void history_free(history_snap *h)
{
    journal_rows_free(&h->rows);
    free(h->plays);
    memset(h, 0, sizeof *h);
}

static int history_take(history_snap *h, const char *today, char *why, size_t n)
{
    memset(h, 0, sizeof *h);
    char path[PATH_MAX];
    struct stat st;
    if (journal_default_path(path, sizeof path) < 0 || stat(path, &st) != 0)
        return 0;
    journal *j = journal_open(path, 0, why, n);
    if (!j)
        return -1;
    int rc = journal_read(j, &h->rows, why, n);
    journal_close(j);
    if (rc < 0)
        return -1;
    h->plays = calloc((size_t)(h->rows.count ? h->rows.count : 1), sizeof *h->plays);
    if (!h->plays) {
        snprintf(why, n, "out of memory");
        return -1;
    }
    for (int i = 0; i < h->rows.count; i++) {
        const journal_row *r = &h->rows.items[i];
        history_play *p = &h->plays[h->count];
        memcpy(p->date, r->started, 10);
        p->date[10] = 0;
        if (strcmp(p->date, today) > 0)
            continue; /* after the plan's day: not known then */
        const char *slash = r->file ? strrchr(r->file, '/') : NULL;
        p->file = slash ? slash + 1 : r->file ? r->file : "";
        p->title = r->title;
        p->seconds = r->seconds;
        p->finished = r->outcome == JOURNAL_FINISHED;
        p->pain_before = r->pain_before;
        p->pain_after = r->pain_after;
        h->count++;
    }
    return 0;
}

int cli_today_plan(pacer_app *a, const char *program, const char *date, app_today *t, diag_list *d)
{
    history_snap h;
    char why[PATH_MAX + 256];
    if (history_take(&h, date, why, sizeof why) < 0) {
        diags_add(d, DIAG_ERROR, program, 0, 0, _("cannot read the journal: %s"), why);
        return -1;
    }
    plan_history ph = {.today = date, .plays = h.plays, .count = h.count};
    int rc = app_today_plan(a, program, &ph, t, d);
    history_free(&h);
    return rc;
}

static double item_minutes(const app_today_item *it) { return (double)it->frames / (60.0 * PACER_RATE); }

int cli_today_minutes(const cli_ctx *c)
{
    char program[PATH_MAX], today[11];
    if (cli_active_program(program, sizeof program) < 0)
        return -1;
    journal_today(today);
    pacer_app *a = cli_app_open(c, 0);
    if (!a)
        return -1;
    app_set_params(a, NULL, 0);
    app_today t;
    diag_list d;
    diags_init(&d);
    double total = -1;
    if (cli_today_plan(a, program, today, &t, &d) == 0) {
        total = 0;
        for (int i = 0; i < t.plan.count; i++)
            total += item_minutes(&t.items[i]);
        app_today_free(&t);
    }
    diags_free(&d); /* a plan that fails: the reminder says the daily goal instead */
    app_close(a);
    return total < 0 ? -1 : (int)(total + 0.5);
}

static void print_json(const char *program, const app_today *t)
{
    strbuf b;
    sb_init(&b);
    double total = 0, left = 0;
    for (int i = 0; i < t->plan.count; i++) {
        total += item_minutes(&t->items[i]);
        left += t->items[i].done ? 0 : item_minutes(&t->items[i]);
    }
    sb_puts(&b, "{\"program\": ");
    sb_add_json(&b, program);
    sb_puts(&b, ", \"title\": ");
    sb_add_json(&b, t->plan.title ? t->plan.title : "");
    sb_puts(&b, ", \"date\": ");
    sb_add_json(&b, t->date);
    sb_printf(&b, ", \"weekday\": %d, \"minutes\": %.1f, \"minutes_left\": %.1f, \"sessions\": [", plan_weekday(t->date),
              total, left);
    for (int i = 0; i < t->plan.count; i++) {
        const plan_item *p = &t->plan.items[i];
        const app_today_item *it = &t->items[i];
        sb_puts(&b, i ? ",\n  {\"file\": " : "\n  {\"file\": ");
        sb_add_json(&b, p->file);
        sb_puts(&b, ", \"title\": ");
        sb_add_json(&b, it->title);
        sb_printf(&b, ", \"minutes\": %.1f, \"done\": %s, \"params\": {", item_minutes(it), it->done ? "true" : "false");
        for (int k = 0; k < p->nparams; k++) {
            sb_puts(&b, k ? ", " : "");
            sb_add_json(&b, p->params[k].name);
            sb_puts(&b, ": ");
            if (p->params[k].type == SCRIPT_PARAM_STRING)
                sb_add_json(&b, p->params[k].str);
            else if (p->params[k].type == SCRIPT_PARAM_BOOLEAN)
                sb_puts(&b, p->params[k].boolean ? "true" : "false");
            else
                sb_printf(&b, "%.10g", p->params[k].num);
        }
        sb_puts(&b, "}, \"why\": ");
        if (p->why)
            sb_add_json(&b, p->why);
        else
            sb_puts(&b, "null");
        sb_puts(&b, "}");
    }
    sb_puts(&b, t->plan.count ? "\n]}\n" : "]}\n");
    if (b.data)
        fputs(b.data, stdout);
    sb_free(&b);
}

static void print_plan(const app_today *t)
{
    printf(_("Today, %s: "), t->date);
    fput_safe(t->plan.title ? t->plan.title : "", stdout);
    putchar('\n');
    if (!t->plan.count)
        printf("  %s\n", _("A day of rest: nothing planned."));
    /* the box as wide as "[done]" in the language, so the minutes stay in one column */
    const char *done = _("[done]");
    int box = cli_col_width(done, 0);
    for (int i = 0; i < t->plan.count; i++) {
        fputs("  ", stdout);
        if (t->items[i].done)
            fputs(done, stdout);
        else
            printf("[%*s]", box > 2 ? box - 2 : 0, "");
        /* TRANSLATORS: a session's length in today's plan */
        printf(_(" %3.0f min  "), item_minutes(&t->items[i]));
        fput_safe(t->items[i].title, stdout);
        if (t->plan.items[i].why) {
            printf(": ");
            fput_safe(t->plan.items[i].why, stdout);
        }
        putchar('\n');
    }
}

/* Plays the short spoken bridge before the next session, in that session's language (its
 * words and voice); 0, or -1 when it could not be made (the sessions go on without it). */
static int play_bridge(pacer_app *a, const app_today *t, const app_today_item *it, const char *lang,
                       const run_opts *ro, int *quit)
{
    char text[400], language[16];
    snprintf(language, sizeof language, "%s", lang && *lang ? lang : "en");
    int minutes = (int)(item_minutes(it) + 0.5);
    minutes = minutes > 0 ? minutes : 1;
    /* TRANSLATORS: said aloud between two sessions of today's plan */
    snprintf(text, sizeof text, i18n_nin(language, "Next: %s, %d minute.", "Next: %s, %d minutes.", (unsigned long)minutes),
             it->title, minutes);
    script_param p[3] = {{.name = "text", .type = SCRIPT_PARAM_STRING, .str = text},
                         {.name = "lang", .type = SCRIPT_PARAM_STRING, .str = language},
                         /* TRANSLATORS: the title of the bridge between two sessions ("Next: ...") */
                         {.name = "title", .type = SCRIPT_PARAM_STRING, .str = i18n_in(language, "Next")}};
    app_set_params(a, p, 3);
    loaded_session s;
    diag_list d;
    diags_init(&d);
    int rc = app_load_text(a, "today", t->sessions_dir,
                           "return session { title = params.title, summary = \"\", language = params.lang, "
                           "say(params.text) }\n",
                           &s, &d);
    diags_free(&d);
    app_set_params(a, NULL, 0);
    if (rc < 0)
        return -1;
    run_opts bro = *ro;
    bro.on_event = NULL; /* a bridge is not a session of the journal */
    bro.ud = NULL;
    bro.resume = RUN_RESUME_OFF;
    cli_terminal_play("today", &s, &bro, quit);
    app_unload(&s);
    return 0;
}

static int play_today(pacer_app *a, const app_today *t, int no_audio)
{
    journal *j = cli_journal_open();
    run_opts ro = {.no_audio = no_audio, .on_event = j ? journal_on_event : NULL, .ud = j,
                   .resume = RUN_RESUME_AUTO};
    int played = 0, quit = 0, rc = 0;
    for (int i = 0; i < t->plan.count && !quit; i++) {
        const plan_item *p = &t->plan.items[i];
        if (t->items[i].done)
            continue;
        app_set_params(a, p->params, p->nparams);
        loaded_session s;
        int loaded = cli_load_report(a, t->items[i].path, &s);
        app_set_params(a, NULL, 0);
        if (loaded < 0) {
            rc = EXIT_SESSION_ERROR;
            continue;
        }
        if (played && play_bridge(a, t, &t->items[i], s.t.language, &ro, &quit) == 0 && quit) {
            app_unload(&s);
            break;
        }
        if (p->why) {
            fput_safe(t->items[i].title, stdout);
            printf(": ");
            fput_safe(p->why, stdout);
            putchar('\n');
        }
        int r = cli_terminal_play(t->items[i].path, &s, &ro, &quit);
        app_unload(&s);
        if (r)
            rc = r;
        played++;
    }
    if (!played && !quit)
        printf("%s\n", t->plan.count ? _("Everything for today is done. Well done.") : _("A day of rest: nothing planned."));
    journal_close(j);
    return rc;
}

int cmd_today(const cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
                                         {"date", required_argument, NULL, 'd'},
                                         {"set", no_argument, NULL, 's'},
                                         {"audio-only", no_argument, NULL, 'a'},
                                         {"no-audio", no_argument, NULL, 'n'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    int json = 0, set = 0, no_audio = 0, o;
    const char *date = NULL;
    optind = 1;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (o) {
        case 'j': json = 1; break;
        case 'd': date = optarg; break;
        case 's': set = 1; break;
        case 'a': break; /* today always plays in the terminal view */
        case 'n': no_audio = 1; break;
        case 'h': cli_usage(stdout); return 0;
        default: return EXIT_USAGE;
        }
    }
    if (optind + 1 < argc || (set && optind >= argc)) {
        fprintf(stderr, "pacer today: %s\n",
                _("usage: pacer today [--json] [--date YYYY-MM-DD] [PROGRAM], or pacer today --set PROGRAM"));
        return EXIT_USAGE;
    }
    if (date && plan_weekday(date) < 0) {
        fprintf(stderr, "pacer today: %s'", _("--date takes a date as YYYY-MM-DD, not "));
        fput_safe(date, stderr);
        fprintf(stderr, "'\n");
        return EXIT_USAGE;
    }
    char program[PATH_MAX];
    if (optind < argc) {
        snprintf(program, sizeof program, "%s", argv[optind]);
    } else if (cli_active_program(program, sizeof program) < 0) {
        fprintf(stderr, "pacer today: %s\n",
                _("no program is set; choose one with pacer today --set PROGRAM (the shipped ones are in the sessions "
                  "folder's programs/)"));
        return EXIT_USAGE;
    }
    char today[11];
    journal_today(today);
    if (!date)
        date = today;
    pacer_app *a = cli_app_open(c, 0);
    if (!a)
        return EXIT_SESSION_ERROR;
    app_set_params(a, NULL, 0); /* a program's sessions take their values from the plan */
    app_today t;
    diag_list d;
    diags_init(&d);
    int rc = cli_today_plan(a, program, date, &t, &d);
    diags_print(&d, stderr);
    diags_free(&d);
    if (rc < 0) {
        app_close(a);
        return EXIT_SESSION_ERROR;
    }
    if (set)
        rc = set_active(program, t.plan.title ? t.plan.title : "");
    else if (json)
        print_json(program, &t);
    else {
        print_plan(&t);
        if (strcmp(date, today) == 0 && !ferror(stdout))
            rc = play_today(a, &t, no_audio);
    }
    app_today_free(&t);
    app_close(a);
    return rc;
}

/* ---- pacer check PROGRAM ---- */

/* Adds the diagnostics of from to into, each one once. */
static void merge_unique(diag_list *into, const diag_list *from)
{
    for (int i = 0; i < from->count; i++) {
        const diag *x = &from->items[i];
        int seen = 0;
        for (int k = 0; k < into->count && !seen; k++) {
            const diag *y = &into->items[k];
            seen = y->line == x->line && y->severity == x->severity && strcmp(y->file, x->file) == 0 &&
                   strcmp(y->message, x->message) == 0;
        }
        if (!seen)
            diags_add(into, x->severity, x->file, x->line, x->col, "%s", x->message);
    }
}

int cli_check_program(pacer_app *a, const char *path, int quiet)
{
    /* each day of one week, against an empty journal: the sessions a new patient's plan names */
    static const char *const week[] = {"2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08",
                                       "2026-01-09", "2026-01-10", "2026-01-11"};
    diag_list all;
    diags_init(&all);
    double least = 1e9, most = 0;
    const char *title = NULL;
    char title_buf[256] = "";
    for (int i = 0; i < 7; i++) {
        plan_history h = {.today = week[i]};
        app_today t;
        diag_list d;
        diags_init(&d);
        if (app_today_plan(a, path, &h, &t, &d) == 0) {
            double total = 0;
            for (int k = 0; k < t.plan.count; k++)
                total += item_minutes(&t.items[k]);
            least = total < least ? total : least;
            most = total > most ? total : most;
            if (!title) {
                snprintf(title_buf, sizeof title_buf, "%s", t.plan.title ? t.plan.title : "");
                title = title_buf;
            }
            app_today_free(&t);
        }
        merge_unique(&all, &d);
        diags_free(&d);
        if (all.errors)
            break; /* one day's errors are enough to fix first (a plan that loops: one wait) */
    }
    diags_print(&all, stderr);
    int failed = all.errors > 0;
    if (!failed && !quiet) {
        fput_safe(path, stdout);
        printf(": ok, program \"");
        fput_safe(title ? title : "", stdout);
        printf("\", %.0f to %.0f minutes a day over a week\n", least, most);
    }
    diags_free(&all);
    return failed ? -1 : 0;
}
