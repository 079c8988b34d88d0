/* parts.c - what a session is made of: its script, the files it includes, the recordings
 * it plays (for bundles). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "compile.h"
#include "paths.h"
#include "script.h"

void app_free_parts(app_parts *p)
{
    for (int i = 0; i < p->n; i++) {
        free(p->names[i]);
        free(p->paths[i]);
    }
    free(p->names);
    free(p->paths);
    free(p->title);
    free(p->language);
    memset(p, 0, sizeof *p);
}

static int add_part(app_parts *p, const char *name, const char *path)
{
    for (int i = 0; i < p->n; i++)
        if (strcmp(p->names[i], name) == 0)
            return 0;
    char **nn = realloc(p->names, (size_t)(p->n + 1) * sizeof *nn);
    if (!nn)
        return -1;
    p->names = nn;
    char **np = realloc(p->paths, (size_t)(p->n + 1) * sizeof *np);
    if (!np)
        return -1;
    p->paths = np;
    p->names[p->n] = strdup(name);
    p->paths[p->n] = strdup(path);
    if (!p->names[p->n] || !p->paths[p->n]) {
        free(p->names[p->n]);
        free(p->paths[p->n]);
        return -1;
    }
    p->n++;
    return 0;
}

int app_session_parts(pacer_app *a, const char *path, app_parts *p, diag_list *d)
{
    memset(p, 0, sizeof *p);
    session_model m;
    if (app_load_model(a, path, &m, d) < 0)
        return -1;
    timeline t;
    cue_list cues;
    cue_list_init(&cues);
    compile_opts co = {.cues = &cues};
    int rc = session_cue_requests(&m, &co) < 0 ? -1 : 0;
    if (rc == 0)
        rc = session_compile(&m, NULL, &t, d);
    char dir[PATH_MAX];
    if (rc == 0 && !realpath(m.dir, dir)) {
        diags_add(d, DIAG_ERROR, path, 0, 0, "cannot find the session's folder");
        timeline_free(&t);
        rc = -1;
    }
    if (rc == 0) {
        p->title = strdup(t.title ? t.title : "");
        p->language = strdup(t.language ? t.language : "");
        p->frames = t.frames;
        p->length = timeline_length(&t);
        timeline_free(&t);
        const char *base = strrchr(path, '/');
        int oom = !p->title || !p->language || add_part(p, base ? base + 1 : path, path) < 0;
        for (int i = 0; !oom && i < m.nincludes; i++)
            oom = add_part(p, m.include_names[i], m.include_paths[i]) < 0;
        size_t dl = strlen(dir);
        for (int i = 0; !oom && rc == 0 && i < cues.count; i++) {
            if (cues.items[i].kind != CUE_FILE)
                continue;
            char real[PATH_MAX];
            const char *rec = cues.items[i].text;
            if (!realpath(rec, real)) {
                diags_add(d, DIAG_ERROR, path, 0, 0, "the recording '%s' cannot be read", rec);
                rc = -1;
            } else if (strncmp(real, dir, dl) != 0 || real[dl] != '/') {
                diags_add(d, DIAG_ERROR, path, 0, 0, "the recording '%s' is outside the session's folder", rec);
                rc = -1;
            } else {
                oom = add_part(p, real + dl + 1, real) < 0;
            }
        }
        if (oom) {
            diags_add(d, DIAG_ERROR, path, 0, 0, "out of memory");
            rc = -1;
        }
    }
    cue_list_free(&cues);
    session_model_free(&m);
    if (rc < 0)
        app_free_parts(p);
    return rc;
}
