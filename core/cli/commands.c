/* commands.c - the commands that check and print sessions: check, timeline, list,
 * plugins, api-reference. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_plugins(const cli_ctx *c)
{
    pacer_app *a = cli_app_open(c, 0);
    if (!a)
        return EXIT_SESSION_ERROR;
    const plugin_set *ps = app_plugins(a);
    if (ps->count == 0)
        printf("No plugins loaded.\n");
    for (int i = 0; i < ps->count; i++) {
        const plugin_info *p = &ps->items[i];
        fput_safe(p->name, stdout);
        fputc(' ', stdout);
        fput_safe(p->version, stdout);
        fputs("  ", stdout);
        fput_safe(p->path, stdout);
        fputs("\n  ", stdout);
        fput_safe(p->description, stdout);
        printf("\n  step types:");
        for (int k = 0; k < p->nsteps; k++)
            printf(" %s", p->steps[k]);
        printf("\n");
    }
    int failures = ps->failures;
    app_close(a);
    return failures ? EXIT_SESSION_ERROR : 0;
}

int cmd_check(const cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"quiet", no_argument, NULL, 'q'}, {"werror", no_argument, NULL, 'W'}, {"help", no_argument, NULL, 'h'}, {0}};
    int quiet = 0, werror = 0, o;
    while ((o = getopt_long(argc, argv, "qWh", opts, NULL)) != -1) {
        switch (o) {
        case 'q': quiet = 1; break;
        case 'W': werror = 1; break;
        case 'h': cli_usage(stdout); return 0;
        default: return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "pacer check: name at least one session file\n");
        return EXIT_USAGE;
    }
    pacer_app *a = cli_app_open(c, 0);
    if (!a)
        return EXIT_SESSION_ERROR;
    int failed = 0;
    for (int i = optind; i < argc && !ferror(stdout); i++) { /* output lost: main says so */
        diag_list d;
        diags_init(&d);
        loaded_session s;
        int rc = app_load(a, argv[i], &s, &d);
        if (rc < 0 && app_is_program(&d)) {
            diags_free(&d);
            if (cli_check_program(a, argv[i], quiet) < 0)
                failed = 1;
            continue;
        }
        diags_print(&d, stderr);
        if (rc == 0) {
            if (!quiet) {
                /* the length nobody answering plays; with questions, the range the answers give */
                char len[32], lo[32], hi[32], range[96] = "";
                int64_t shortest, longest;
                timeline_length_range(&s.t, &shortest, &longest);
                if (shortest != longest)
                    snprintf(range, sizeof range, " (%s to %s by the answers)",
                             format_time(shortest, 0, lo, sizeof lo), format_time(longest, 0, hi, sizeof hi));
                fput_safe(argv[i], stdout);
                fprintf(stdout, ": %s, %s%s, %d steps, %d warning%s\n", d.warnings ? "checked" : "ok",
                        format_time(timeline_length(&s.t), 0, len, sizeof len), range, s.t.nsteps, d.warnings,
                        d.warnings == 1 ? "" : "s");
            }
            app_unload(&s);
        }
        if (rc != 0 || d.errors || (werror && d.warnings))
            failed = 1;
        diags_free(&d);
    }
    app_close(a);
    return failed ? EXIT_SESSION_ERROR : 0;
}

int cmd_timeline(const cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {{"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
    int json = 0, o;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (o) {
        case 'j': json = 1; break;
        case 'h': cli_usage(stdout); return 0;
        default: return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        fprintf(stderr, "pacer timeline: name exactly one session file\n");
        return EXIT_USAGE;
    }
    pacer_app *a = cli_app_open(c, 0);
    if (!a)
        return EXIT_SESSION_ERROR;
    loaded_session s;
    if (cli_load_report(a, argv[optind], &s) < 0) {
        app_close(a);
        return EXIT_SESSION_ERROR;
    }
    if (json)
        print_timeline_json(&s.t, stdout);
    else
        print_timeline_table(&s.t, stdout);
    app_unload(&s);
    app_close(a);
    return 0; /* a write error: main's check of standard output reports it */
}

static void list_dir(pacer_app *a, const char *dir, int quiet_missing, int *failed)
{
    app_entry *e;
    diag_list problems;
    diags_init(&problems);
    int n = app_list_dir(a, dir, 1, &e, &problems);
    if (n < 0) {
        if (!quiet_missing) {
            fprintf(stderr, "pacer list: %s ", _("cannot read the folder"));
            fput_safe(dir, stderr);
            fputc('\n', stderr);
            *failed = 1;
        }
        diags_free(&problems);
        return;
    }
    for (int i = 0; i < n && !ferror(stdout); i++) /* output lost: main says so */
        print_list_row(e[i].title, e[i].frames, e[i].summary, e[i].path, stdout);
    /* one line per broken file: its first error */
    diags_print(&problems, stderr);
    if (problems.errors)
        *failed = 1;
    diags_free(&problems);
    app_free_entries(e, n);
}

int cmd_list(const cli_ctx *c, int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        cli_usage(stdout);
        return 0;
    }
    pacer_app *a = cli_app_open(c, 0);
    if (!a)
        return EXIT_SESSION_ERROR;
    int failed = 0;
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            list_dir(a, argv[i], 0, &failed);
    } else {
        list_dir(a, app_shipped_dir(a), 0, &failed);
        if (app_user_dir(a))
            list_dir(a, app_user_dir(a), 1, &failed);
    }
    app_close(a);
    return failed ? EXIT_SESSION_ERROR : 0;
}

int cmd_api_reference(const cli_ctx *c, int argc, char **argv)
{
    pacer_app *a = cli_app_open(c, 0);
    if (!a)
        return EXIT_SESSION_ERROR;
    if (argc > 1 && strcmp(argv[1], "--luals") == 0)
        print_luals_meta(app_registry(a), stdout);
    else if (argc > 1 && strcmp(argv[1], "--man") == 0)
        print_man_session(app_registry(a), stdout);
    else
        print_api_reference(app_registry(a), stdout);
    app_close(a);
    return 0;
}
