/* bundle_cmd.c - pacer pack, pacer import, and a bundle played in place: sessions shared as
 * one file. A bundle is checked whole (core/bundle), then its script is checked as `pacer
 * check` would in a private folder, before anything of it is written anywhere else. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "cli.h"
#include "outfile.h"

static void say(const char *cmd, const char *msg)
{
    fprintf(stderr, "pacer %s: ", cmd);
    fput_safe(msg, stderr);
    fputc('\n', stderr);
}

int cli_is_bundle(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    return n > 6 && strcmp(path + n - 6, ".pacer") == 0;
}

int cmd_pack(const cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {{"output", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'}, {0}};
    const char *out = NULL;
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (o) {
        case 'o': out = optarg; break;
        case 'h': cli_usage(stdout); return 0;
        default: return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc || !out) {
        fprintf(stderr, "pacer pack: name one session file and the bundle: pacer pack FILE.lua -o NAME.pacer\n");
        return EXIT_USAGE;
    }
    if (!cli_is_bundle(out)) {
        say("pack", "the bundle's name must end in .pacer");
        return EXIT_USAGE;
    }
    if (cli_output_ok("pack", out) < 0)
        return EXIT_IO;
    pacer_app *a = cli_app_open(c, 0);
    if (!a)
        return EXIT_SESSION_ERROR;
    app_parts p;
    diag_list d;
    diags_init(&d);
    int rc = app_session_parts(a, argv[optind], &p, &d);
    diags_print(&d, stderr);
    diags_free(&d);
    app_close(a);
    if (rc < 0) {
        say("pack", "the session has errors; nothing was written");
        return EXIT_SESSION_ERROR;
    }
    bundle_file *files = calloc((size_t)p.n + 1, sizeof *files);
    rc = files ? 0 : EXIT_IO;
    for (int i = 0; rc == 0 && i < p.n; i++) {
        const char *why = "";
        char *data;
        int r = file_read_regular(p.paths[i], BUNDLE_MAX_FILE, &data, &files[i].len, &why);
        if (r != 0) {
            fprintf(stderr, "pacer pack: %s: %s\n", p.paths[i], r > 0 ? "larger than a bundle may hold" : why);
            rc = EXIT_SESSION_ERROR;
            break;
        }
        files[i].data = (unsigned char *)data;
        files[i].name = p.names[i];
    }
    if (rc == 0) {
        bundle_manifest m = {.frames = p.frames, .length = p.length, .api = PACER_ABI_MAJOR};
        snprintf(m.title, sizeof m.title, "%s", p.title);
        snprintf(m.language, sizeof m.language, "%s", p.language);
        snprintf(m.script, sizeof m.script, "%s", p.names[0]);
        char err[OUTFILE_ERR_MAX];
        if (bundle_write(out, files, p.n, &m, err, sizeof err) < 0) {
            say("pack", err);
            rc = EXIT_IO;
        } else {
            char len[32];
            printf("%s: \"", out);
            fput_safe(p.title, stdout);
            printf("\", %s, %d file%s\n", format_time(p.length, 0, len, sizeof len), p.n, p.n == 1 ? "" : "s");
        }
    }
    for (int i = 0; files && i < p.n; i++)
        free(files[i].data);
    free(files);
    app_free_parts(&p);
    return rc;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
    (void)st, (void)flag, (void)f;
    remove(path);
    return 0;
}

void cli_bundle_close(cli_bundle *cb)
{
    if (cb->dir[0])
        nftw(cb->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    bundle_free(&cb->b);
    memset(cb, 0, sizeof *cb);
}

int cli_bundle_open(pacer_app *a, const char *cmd, const char *path, cli_bundle *cb)
{
    memset(cb, 0, sizeof *cb);
    char why[1200];
    if (bundle_read(path, &cb->b, why, sizeof why) < 0) {
        say(cmd, why);
        return -1;
    }
    /* the files in a private folder, only for the script to be checked (and played) */
    const char *tmp = getenv("TMPDIR");
    snprintf(cb->dir, sizeof cb->dir, "%s/pacer-bundle-XXXXXX", tmp && tmp[0] == '/' ? tmp : "/tmp");
    if (!mkdtemp(cb->dir)) {
        snprintf(why, sizeof why, _("cannot make a private folder for the bundle: %s"), strerror(errno));
        cb->dir[0] = 0;
        say(cmd, why);
        cli_bundle_close(cb);
        return -1;
    }
    if (bundle_extract(&cb->b, cb->dir, why, sizeof why) < 0) {
        say(cmd, why);
        cli_bundle_close(cb);
        return -1;
    }
    snprintf(cb->script, sizeof cb->script, "%s/%s", cb->dir, cb->b.m.script);
    app_parts p;
    diag_list d;
    diags_init(&d);
    int rc = app_session_parts(a, cb->script, &p, &d);
    /* its problems named as the bundle's, not the private folder's */
    for (int i = 0; i < d.count; i++) {
        const char *f = d.items[i].file;
        size_t dl = strlen(cb->dir);
        fprintf(stderr, "%s(%s):%d:%d: %s: ", path, strncmp(f, cb->dir, dl) == 0 && f[dl] == '/' ? f + dl + 1 : f,
                d.items[i].line, d.items[i].col, diag_severity_name(d.items[i].severity));
        fput_safe(d.items[i].message, stderr);
        fputc('\n', stderr);
    }
    diags_free(&d);
    if (rc < 0) {
        snprintf(why, sizeof why, _("%s: refused: its session fails the check"), path);
    } else if (strcmp(p.title, cb->b.m.title) != 0 || strcmp(p.language, cb->b.m.language) != 0 ||
               p.frames != cb->b.m.frames) {
        snprintf(why, sizeof why,
                 _("%s: refused: the manifest does not describe its session (it says \"%.100s\", %s, %lld frames; "
                   "the script is \"%.100s\", %s, %lld frames)"),
                 path, cb->b.m.title, cb->b.m.language,
                 (long long)cb->b.m.frames, p.title, p.language, (long long)p.frames);
        rc = -1;
    }
    if (rc == 0)
        for (int i = 1; i < p.n && rc == 0; i++)
            if (!bundle_find(&cb->b, p.names[i])) {
                snprintf(why, sizeof why, _("%s: refused: its session needs '%s', which the bundle does not hold"),
                         path, p.names[i]);
                rc = -1;
            }
    app_free_parts(&p);
    if (rc < 0) {
        say(cmd, why);
        cli_bundle_close(cb);
    }
    return rc;
}

/* 1 when path holds exactly len bytes equal to data. */
static int same_file(const char *path, const unsigned char *data, size_t len)
{
    char *got;
    size_t n;
    const char *why;
    if (file_read_regular(path, len, &got, &n, &why) != 0)
        return 0;
    int same = n == len && memcmp(got, data, len) == 0;
    free(got);
    return same;
}

int cmd_import(const cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {0}};
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (o == 'h') {
            cli_usage(stdout);
            return 0;
        }
        return EXIT_USAGE;
    }
    if (optind + 1 != argc) {
        fprintf(stderr, "pacer import: %s\n", _("name one bundle: pacer import NAME.pacer"));
        return EXIT_USAGE;
    }
    const char *path = argv[optind];
    pacer_app *a = cli_app_open(c, 0);
    if (!a)
        return EXIT_SESSION_ERROR;
    const char *dest = app_user_dir(a);
    if (!dest) {
        say("import", _("there is no sessions folder: neither $XDG_DATA_HOME nor $HOME is set"));
        app_close(a);
        return EXIT_IO;
    }
    cli_bundle cb;
    if (cli_bundle_open(a, "import", path, &cb) < 0) {
        app_close(a);
        return EXIT_SESSION_ERROR;
    }
    /* every file checked against what is there before one is written */
    int rc = 0;
    char target[PATH_MAX + BUNDLE_MAX_NAME + 2];
    for (int i = 0; i < cb.b.nfiles && rc == 0; i++) {
        snprintf(target, sizeof target, "%s/%s", dest, cb.b.files[i].name);
        struct stat st;
        if (lstat(target, &st) == 0 && !same_file(target, cb.b.files[i].data, cb.b.files[i].len)) {
            fputs("pacer import: ", stderr);
            fprintf(stderr, _("%s: refused: %s already exists with other content; move it away first\n"), path, target);
            rc = EXIT_SESSION_ERROR;
        }
    }
    char err[OUTFILE_ERR_MAX + 64];
    if (rc == 0) {
        /* the folder and those above it, as the user's sessions folder is made */
        char dir[PATH_MAX];
        snprintf(dir, sizeof dir, "%s", dest);
        for (char *p = strchr(dir + 1, '/');; p = strchr(p + 1, '/')) {
            if (p)
                *p = 0;
            if (mkdir(dir, 0755) != 0 && errno != EEXIST)
                break;
            if (!p)
                break;
            *p = '/';
        }
        if (bundle_extract(&cb.b, dest, err, sizeof err) < 0) {
            say("import", err);
            rc = EXIT_IO;
        } else {
            printf("%s \"", _("Installed"));
            fput_safe(cb.b.m.title, stdout);
            printf(P_("\" as %s/%s (%d file)\n", "\" as %s/%s (%d files)\n", cb.b.nfiles), dest, cb.b.m.script,
                   cb.b.nfiles);
        }
    }
    cli_bundle_close(&cb);
    app_close(a);
    return rc;
}
