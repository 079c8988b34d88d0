/* config.c - the kiosk configuration, through the session sandbox. */
#include <string.h>
#include <sys/stat.h>

#include "kiosk.h"
#include "script.h"

enum { K_SESSIONS, K_IDLE, K_PIN, K_THEME, K_REDUCED, K_VOLUME, K_VOICE, K_CORNER, K_HOLD };

static const pacer_field fields[] = {
    [K_SESSIONS] = {"sessions", PACER_TEXT, 0, 0, 4000, 0, NULL, NULL,
                    "The folder of sessions the menu offers (absolute, or relative to this file)"},
    [K_IDLE] = {"idle_minutes", PACER_NUMBER, 0, 0.05, 240, 5, NULL, NULL,
                "Minutes without a touch (while no session is playing) before the menu comes back"},
    [K_PIN] = {"pin_hash", PACER_TEXT, 0, 0, 250, 0, NULL, NULL,
               "The staff PIN, hashed: make it with `pacer kiosk --hash-pin`; without it staff cannot leave"},
    [K_THEME] = {"theme", PACER_ENUM, 0, 0, 0, 0, "default", "default|high-contrast", "Colours"},
    [K_REDUCED] = {"reduced_motion", PACER_BOOL, 0, 0, 0, 0, NULL, NULL, "A filling bar instead of a growing circle"},
    [K_VOLUME] = {"volume", PACER_NUMBER, 0, 0, 1, 0.8, NULL, NULL, "Loudness, 0 to 1 (staff can change it)"},
    [K_VOICE] = {"voice", PACER_STRING, 0, 0, 60, 0, NULL, NULL,
                 "A voice for English sessions, e.g. \"flite:slt\"; default: each session's own"},
    [K_CORNER] = {"corner", PACER_ENUM, 0, 0, 0, 0, "top-left", "top-left|top-right|bottom-left|bottom-right",
                  "The corner staff hold to reach the PIN pad"},
    [K_HOLD] = {"hold_seconds", PACER_NUMBER, 0, 2, 30, 5, NULL, NULL, "How long staff hold the corner"},
};

static int no_expand(pacer_ctx *x, const pacer_host *h)
{
    (void)x, (void)h;
    return 0;
}

static const pacer_step_type kiosk_type = {
    sizeof(pacer_step_type),
    "kiosk",
    "The kiosk's settings",
    fields,
    (int)(sizeof fields / sizeof fields[0]),
    0,
    NULL,
    no_expand,
    "return kiosk {\n  sessions = \"sessions\", -- beside this file; or a full path: \"/srv/pacer/sessions\"\n  idle_minutes = 3,\n  theme = \"high-contrast\",\n}",
};

const pacer_step_type *kiosk_config_type(void) { return &kiosk_type; }

void kiosk_config_defaults(kiosk_config *c, const char *default_sessions)
{
    memset(c, 0, sizeof *c);
    snprintf(c->sessions, sizeof c->sessions, "%s", default_sessions);
    c->idle_minutes = 5;
    snprintf(c->theme, sizeof c->theme, "default");
    c->volume = 0.8;
    snprintf(c->corner, sizeof c->corner, "top-left");
    c->hold_seconds = 5;
}

static void first_error(const diag_list *d, char *out, size_t n)
{
    for (int i = 0; i < d->count; i++) {
        if (d->items[i].severity == DIAG_ERROR) {
            snprintf(out, n, "%s:%d: %s", d->items[i].file, d->items[i].line, d->items[i].message);
            return;
        }
    }
    snprintf(out, n, "the configuration could not be read");
}

int kiosk_config_load(const char *path, kiosk_config *c, diag_list *d)
{
    return kiosk_config_load_text(path, NULL, 0, 0, c, d);
}

int kiosk_config_load_text(const char *path, const char *text, size_t len, int same_process, kiosk_config *c,
                           diag_list *d)
{
    registry reg;
    registry_init(&reg);
    char err[256];
    if (registry_add(&reg, &kiosk_type, "kiosk", err, sizeof err) < 0) {
        snprintf(c->warning, sizeof c->warning, "%s", err);
        registry_free(&reg);
        return -1;
    }
    script_opts so = {.reg = &reg, .root_type = "kiosk", .time_limit = 1.0, .mem_limit = 16u << 20,
                      .same_process = same_process};
    session_model m;
    diag_list local;
    diags_init(&local);
    int rc = text ? script_load_buffer(path, NULL, text, len, &so, &m, &local) : script_load_file(path, &so, &m, &local);
    for (int i = 0; i < local.count; i++)
        diags_add(d, local.items[i].severity, local.items[i].file, local.items[i].line, local.items[i].col, "%s",
                  local.items[i].message);
    if (rc < 0) {
        first_error(&local, c->warning, sizeof c->warning);
        diags_free(&local);
        registry_free(&reg);
        return -1;
    }
    diags_free(&local);
    const step_value *v = m.root->values;
    kiosk_config next = *c;
    if (v[K_SESSIONS].given) {
        /* the field's cap holds for the folder as joined to this file's: a cut path would
         * name some other folder */
        int n;
        if (v[K_SESSIONS].str[0] == '/')
            n = snprintf(next.sessions, sizeof next.sessions, "%s", v[K_SESSIONS].str);
        else
            n = snprintf(next.sessions, sizeof next.sessions, "%s/%s", m.dir, v[K_SESSIONS].str);
        if (n < 0 || (size_t)n >= sizeof next.sessions) {
            diags_add(d, DIAG_ERROR, m.root->file, m.root->line, m.root->col,
                      "kiosk: the sessions folder is %d bytes long once joined to this file's folder; at most %zu "
                      "are allowed",
                      n, sizeof next.sessions - 1);
            snprintf(c->warning, sizeof c->warning, "%s: the sessions folder's path is too long", path);
            session_model_free(&m);
            registry_free(&reg);
            return -1;
        }
    }
    next.idle_minutes = v[K_IDLE].num;
    if (v[K_PIN].given)
        snprintf(next.pin_hash, sizeof next.pin_hash, "%s", v[K_PIN].str);
    snprintf(next.theme, sizeof next.theme, "%s", v[K_THEME].str);
    next.reduced_motion = v[K_REDUCED].num != 0;
    next.volume = v[K_VOLUME].num;
    if (v[K_VOICE].given)
        snprintf(next.voice, sizeof next.voice, "%s", v[K_VOICE].str);
    snprintf(next.corner, sizeof next.corner, "%s", v[K_CORNER].str);
    next.hold_seconds = v[K_HOLD].num;
    session_model_free(&m);
    registry_free(&reg);
    struct stat st;
    if (stat(next.sessions, &st) != 0 || !S_ISDIR(st.st_mode)) {
        strbuf b;
        sb_init(&b);
        sb_printf(&b, "%s: the sessions folder '%s' does not exist; using %s", path, next.sessions, c->sessions);
        snprintf(c->warning, sizeof c->warning, "%.*s", (int)(sizeof c->warning - 1), b.data ? b.data : "");
        sb_free(&b);
        snprintf(next.sessions, sizeof next.sessions, "%s", c->sessions);
    }
    snprintf(next.warning, sizeof next.warning, "%s", c->warning);
    *c = next;
    return 0;
}
