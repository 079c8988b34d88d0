/* config.c - the kiosk configuration, through the session sandbox. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Adds one problem to the staff screen's warning (problems are joined with "; "). */
static void warn_add(kiosk_config *c, const char *fmt, ...)
{
    char one[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(one, sizeof one, fmt, ap);
    va_end(ap);
    size_t used = strlen(c->warning), room = sizeof c->warning - 1 - used;
    const char *sep = used ? "; " : "";
    size_t ns = strlen(sep) < room ? strlen(sep) : room;
    memcpy(c->warning + used, sep, ns);
    size_t no = strlen(one) < room - ns ? strlen(one) : room - ns;
    memcpy(c->warning + used + ns, one, no);
    c->warning[used + ns + no] = 0;
}

/* A folder on the way to dir that nobody may search (root passes through it anyway): its
 * path in out. Returns 1 when there is one. */
static int closed_ancestor(const char *dir, char *out, size_t n)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", dir);
    for (char *slash = strchr(buf + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = 0;
        struct stat st;
        int closed = stat(buf, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 0111) == 0;
        if (closed)
            snprintf(out, n, "%s", buf);
        *slash = '/';
        if (closed)
            return 1;
    }
    return 0;
}

/* Whether the kiosk can list the sessions folder; why not in a few words. The kiosk runs as
 * its own user while staff check as themselves (often root, whom permissions do not stop),
 * so a folder nobody may list is refused even when this process could. */
static int sessions_folder_problem(const char *dir, char *why, size_t n)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        snprintf(why, n, errno == ENOENT || errno == ENOTDIR ? "does not exist" : "cannot be reached: %s",
                 strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(why, n, "is not a folder");
        return -1;
    }
    mode_t m = st.st_mode;
    int anyone = (m & 0500) == 0500 || (m & 0050) == 0050 || (m & 0005) == 0005;
    if (!anyone || access(dir, R_OK | X_OK) != 0) {
        snprintf(why, n, "cannot be read (mode %03o): it needs read and search permission for the kiosk's user",
                 (unsigned)(m & 0777));
        return -1;
    }
    char up[4096];
    if (closed_ancestor(dir, up, sizeof up)) {
        snprintf(why, n, "cannot be reached: nobody may enter the folder '%.200s' above it", up);
        return -1;
    }
    DIR *dd = opendir(dir);
    if (!dd) {
        snprintf(why, n, "cannot be read: %s", strerror(errno));
        return -1;
    }
    closedir(dd);
    return 0;
}

int kiosk_config_load(const char *path, kiosk_config *c, diag_list *d)
{
    return kiosk_config_load_text(path, NULL, 0, 0, c, d);
}

int kiosk_config_load_text(const char *path, const char *text, size_t len, int same_process, kiosk_config *c,
                           diag_list *d)
{
    struct stat cst;
    if (stat(path, &cst) == 0 && S_ISREG(cst.st_mode) && (cst.st_mode & 0444) == 0) {
        /* readable here only because permissions do not stop root; the kiosk's user could not */
        snprintf(c->warning, sizeof c->warning, "%s: cannot be read (mode %03o): the kiosk's user needs read permission",
                 path, (unsigned)(cst.st_mode & 0777));
        diags_add(d, DIAG_ERROR, path, 0, 0, "cannot be read (mode %03o): the kiosk's user needs read permission",
                  (unsigned)(cst.st_mode & 0777));
        return -1;
    }
    session_model m;
    if (config_load(path, text, len, &kiosk_type, same_process, &m, d, c->warning, sizeof c->warning) < 0)
        return -1;
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
            return -1;
        }
    }
    next.idle_minutes = v[K_IDLE].num;
    char why[300];
    if (v[K_PIN].given && kiosk_pin_hash_check(v[K_PIN].str, why, sizeof why) < 0)
        /* never a hash that could hang the pad or lock staff out unseen: no PIN, and why */
        warn_add(c, "%s:%d: %s; make one with `pacer kiosk --hash-pin` (no staff PIN is in force)", path,
                 config_field_line(path, "pin_hash", m.root->line), why);
    else if (v[K_PIN].given)
        snprintf(next.pin_hash, sizeof next.pin_hash, "%s", v[K_PIN].str);
    snprintf(next.theme, sizeof next.theme, "%s", v[K_THEME].str);
    next.reduced_motion = v[K_REDUCED].num != 0;
    next.volume = v[K_VOLUME].num;
    if (v[K_VOICE].given)
        snprintf(next.voice, sizeof next.voice, "%s", v[K_VOICE].str);
    snprintf(next.corner, sizeof next.corner, "%s", v[K_CORNER].str);
    next.hold_seconds = v[K_HOLD].num;
    session_model_free(&m);
    if (sessions_folder_problem(next.sessions, why, sizeof why) < 0) {
        warn_add(c, "%s: the sessions folder '%s' %s; using %s", path, next.sessions, why, c->sessions);
        snprintf(next.sessions, sizeof next.sessions, "%s", c->sessions);
    }
    snprintf(next.warning, sizeof next.warning, "%s", c->warning);
    *c = next;
    return 0;
}
