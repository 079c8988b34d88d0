/* config.c - configuration files (the kiosk's, the user's settings): a script that returns
 * one table of a given type, run by the same sandbox as sessions, so an unknown key gets a
 * "did you mean" and every value is checked against its field. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "script.h"

static void first_error(const diag_list *d, char *out, size_t n)
{
    for (int i = 0; i < d->count; i++) {
        if (d->items[i].severity == DIAG_ERROR) {
            snprintf(out, n, "%s:%d: %s", d->items[i].file, d->items[i].line, d->items[i].message);
            return;
        }
    }
    snprintf(out, n, "the file could not be read");
}

int config_load(const char *path, const char *text, size_t len, const pacer_step_type *type, int same_process,
                session_model *m, diag_list *d, char *why, size_t n)
{
    registry reg;
    registry_init(&reg);
    memset(m, 0, sizeof *m);
    if (registry_add(&reg, type, type->name, why, n) < 0) {
        registry_free(&reg);
        return -1;
    }
    script_opts so = {.reg = &reg, .root_type = type->name, .time_limit = 1.0, .mem_limit = 16u << 20,
                      .same_process = same_process};
    diag_list local;
    diags_init(&local);
    int rc = text ? script_load_buffer(path, NULL, text, len, &so, m, &local) : script_load_file(path, &so, m, &local);
    for (int i = 0; i < local.count; i++)
        diags_add(d, local.items[i].severity, local.items[i].file, local.items[i].line, local.items[i].col, "%s",
                  local.items[i].message);
    if (rc < 0)
        first_error(&local, why, n);
    diags_free(&local);
    registry_free(&reg);
    return rc;
}

int config_field_line(const char *path, const char *field, int fallback)
{
    /* non-blocking, and only a regular file: a FIFO put in its place must not hang us */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            close(fd);
        return fallback;
    }
    FILE *f = fdopen(fd, "r");
    if (!f) {
        close(fd);
        return fallback;
    }
    char buf[4096];
    int line = 0, found = 0;
    while (!found && fgets(buf, sizeof buf, f)) {
        if (!strchr(buf, '\n') && !feof(f))
            continue; /* the rest of an overlong line: no new line number */
        line++;
        found = strstr(buf, field) != NULL;
    }
    fclose(f);
    return found ? line : fallback;
}
