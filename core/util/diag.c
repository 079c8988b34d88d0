/* diag.c - collected diagnostics, printed one line each as file:line:col: severity: message. */
#include "util.h"

#include <stdlib.h>
#include <string.h>

void diags_init(diag_list *d) { memset(d, 0, sizeof *d); }

const char *diag_severity_name(diag_severity s)
{
    return s == DIAG_ERROR ? "error" : s == DIAG_WARNING ? "warning" : "note";
}

void diags_vadd(diag_list *d, diag_severity sev, const char *file, int line, int col, const char *fmt, va_list ap)
{
    if (sev == DIAG_ERROR)
        d->errors++;
    else if (sev == DIAG_WARNING)
        d->warnings++;
    if (d->count == d->cap) {
        int cap = d->cap ? d->cap * 2 : 8;
        diag *p = realloc(d->items, (size_t)cap * sizeof *p);
        if (!p)
            return; /* the count above still says it happened */
        d->items = p;
        d->cap = cap;
    }
    strbuf b;
    sb_init(&b);
    sb_vprintf(&b, fmt, ap);
    diag *it = &d->items[d->count++];
    it->severity = sev;
    it->file = strdup(file ? file : "");
    it->line = line;
    it->col = col;
    it->message = b.data ? b.data : strdup("");
}

void diags_add(diag_list *d, diag_severity sev, const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diags_vadd(d, sev, file, line, col, fmt, ap);
    va_end(ap);
}

void diags_free(diag_list *d)
{
    for (int i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
    }
    free(d->items);
    diags_init(d);
}

static int same_diag(const diag *a, const diag *b)
{
    return a->severity == b->severity && a->line == b->line && a->col == b->col && strcmp(a->file, b->file) == 0 &&
           strcmp(a->message, b->message) == 0;
}

/* The same diagnostic several times in a row (a loop making the same bad step) is printed
 * once, with how many times it happened. */
void diags_print(const diag_list *d, FILE *out)
{
    for (int i = 0; i < d->count; i++) {
        const diag *it = &d->items[i];
        int times = 1;
        while (i + 1 < d->count && same_diag(it, &d->items[i + 1])) {
            times++;
            i++;
        }
        strbuf b;
        sb_init(&b);
        sb_add_safe(&b, it->file, strlen(it->file));
        if (it->line > 0)
            sb_printf(&b, ":%d:%d", it->line, it->col > 0 ? it->col : 1);
        sb_printf(&b, ": %s: ", diag_severity_name(it->severity));
        sb_add_safe(&b, it->message, strlen(it->message));
        if (times > 1)
            sb_printf(&b, " (%d times)", times);
        if (b.data)
            fprintf(out, "%s\n", b.data);
        sb_free(&b);
    }
}
