/* common.c - what the commands share: the application core, loading with a report, the
 * check of an output file before any work. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"

pacer_app *cli_app_open(const cli_ctx *c, int kiosk)
{
    app_config cfg = {.system_plugins_only = kiosk};
    if (!kiosk) {
        /* nothing a command line could slip into a kiosk */
        cfg.extra_plugins = c->plugins;
        cfg.nextra_plugins = c->nplugins;
    }
    char err[256];
    pacer_app *a = app_open(&cfg, err, sizeof err);
    if (a)
        app_set_params(a, c->params, c->nparams);
    if (!a) {
        fprintf(stderr, "pacer: ");
        fput_safe(err, stderr);
        fputc('\n', stderr);
    }
    return a;
}

int cli_load_report(pacer_app *a, const char *path, loaded_session *s)
{
    diag_list d;
    diags_init(&d);
    int rc = app_load(a, path, s, &d);
    diags_print(&d, stderr);
    diags_free(&d);
    return rc;
}

int cli_output_ok(const char *cmd, const char *path)
{
    char err[OUTFILE_ERR_MAX];
    if (outfile_check(path, 0, err, sizeof err) == 0)
        return 0;
    fprintf(stderr, "pacer %s: ", cmd);
    fput_safe(err, stderr);
    fputc('\n', stderr);
    return -1;
}

int cli_col_width(const char *s, int at_least)
{
    int used;
    utf8_fit_columns(s, strlen(s), INT_MAX, &used);
    return used > at_least ? used : at_least;
}

void cli_put_col(const char *s, int width, FILE *f)
{
    int pad = abs(width) - cli_col_width(s, 0);
    if (width > 0)
        fprintf(f, "%*s", pad > 0 ? pad : 0, "");
    fputs(s, f);
    if (width < 0)
        fprintf(f, "%*s", pad > 0 ? pad : 0, "");
}
