/* policy.c - the kiosk's decisions, apart from the window that draws them. */
#include "policy.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

const char *const kiosk_voices[] = {"", "flite:slt", "flite:rms", "flite:awb", "flite:kal"};
const int kiosk_nvoices = (int)(sizeof kiosk_voices / sizeof kiosk_voices[0]);

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

unsigned long long kiosk_folder_signature(const char *dir)
{
    unsigned long long h = 1469598103934665603ull;
    struct stat st;
    if (!dir || stat(dir, &st) != 0)
        return 0;
    h = (h ^ (unsigned long long)st.st_mtime) * 1099511628211ull;
    DIR *d = opendir(dir);
    if (!d)
        return h;
    struct dirent *e;
    char path[4200];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue; /* '..' is the parent folder: its changes are not the menu's */
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0)
            continue;
        unsigned long long x = (unsigned long long)st.st_mtime * 31 + (unsigned long long)st.st_size;
        for (const char *p = e->d_name; *p; p++)
            x = x * 131 + (unsigned char)*p;
        h ^= x; /* order-free */
    }
    closedir(d);
    return h;
}

static void set_voice(kiosk_policy *p, int i)
{
    p->voice = i;
    if (p->app)
        app_set_voice(p->app, kiosk_voices[i]);
}

void kiosk_policy_init(kiosk_policy *p, const kiosk_config *cfg, pacer_app *app)
{
    memset(p, 0, sizeof *p);
    p->cfg = cfg;
    p->app = app;
    p->volume = cfg->volume;
    for (int i = 0; i < kiosk_nvoices; i++)
        if (strcmp(cfg->voice, kiosk_voices[i]) == 0)
            p->voice = i;
    if (app)
        app_set_voice(app, cfg->voice); /* the configured voice, even one the screen does not list */
    p->folder_sig = kiosk_folder_signature(cfg->sessions);
}

static void forget_pin(kiosk_policy *p)
{
    memset(p->pin, 0, sizeof p->pin);
    p->npin = 0;
}

window_kiosk_action kiosk_pin_key(kiosk_policy *p, int key, double now)
{
    if (key == 12) /* cancel */
        return KIOSK_TO_MENU;
    if (key == 10) {
        if (p->npin > 0)
            p->pin[--p->npin] = 0;
        return KIOSK_STAY;
    }
    if (key >= 0 && key <= 9) {
        if (p->npin < 12)
            p->pin[p->npin++] = (char)('0' + key);
        p->pin[p->npin] = 0;
        return KIOSK_STAY;
    }
    if (key != 11)
        return KIOSK_STAY;
    /* OK */
    window_kiosk_action a = KIOSK_STAY;
    if (now < p->lockout_until) {
        snprintf(p->message, sizeof p->message, "Too many tries: wait half a minute");
    } else if (!p->cfg->pin_hash[0]) {
        snprintf(p->message, sizeof p->message, "No staff PIN is set: see docs/kiosk.md");
    } else if (kiosk_pin_verify(p->cfg->pin_hash, p->pin)) {
        p->failures = 0;
        p->message[0] = 0;
        a = KIOSK_TO_STAFF;
    } else {
        p->failures++;
        snprintf(p->message, sizeof p->message, "That PIN is not right");
        if (p->failures >= 3) {
            p->lockout_until = now + KIOSK_PIN_LOCKOUT_SECONDS;
            p->failures = 0;
        }
    }
    forget_pin(p);
    return a;
}

window_kiosk_action kiosk_staff_button(kiosk_policy *p, int button)
{
    switch (button) {
    case 0:
    case 1:
        p->volume += button == 0 ? -0.1 : 0.1;
        p->volume = p->volume < 0 ? 0 : p->volume > 1 ? 1 : p->volume;
        p->volume = (double)(int)(p->volume * 10 + 0.5) / 10;
        return KIOSK_STAY;
    case 2: set_voice(p, (p->voice + 1) % kiosk_nvoices); return KIOSK_STAY;
    case 3: return KIOSK_RELOAD;
    case 4: p->exited = 1; return KIOSK_EXIT;
    case 5: return KIOSK_TO_MENU;
    default: return KIOSK_STAY;
    }
}

window_kiosk_action kiosk_tick(kiosk_policy *p, double now, double idle, int busy, int menu, int fresh,
                               double ended)
{
    /* between patients: back to a fresh menu after the idle time, unless a session plays */
    if (!busy && !fresh && idle > p->cfg->idle_minutes * 60.0)
        return KIOSK_TO_MENU;
    if (ended > KIOSK_END_SCREEN_SECONDS && idle > KIOSK_END_SCREEN_SECONDS)
        return KIOSK_TO_MENU;
    /* the sessions folder: changes show in the menu without a restart */
    if (menu && now >= p->next_poll) {
        p->next_poll = now + KIOSK_FOLDER_POLL_SECONDS;
        unsigned long long sig = kiosk_folder_signature(p->cfg->sessions);
        if (sig != p->folder_sig) {
            p->folder_sig = sig;
            return KIOSK_RELOAD;
        }
    }
    return KIOSK_STAY;
}

/* ---- the window's questions ---- */
static window_kiosk_action on_pin_key(void *ud, int key) { return kiosk_pin_key(ud, key, now_seconds()); }
static window_kiosk_action on_staff_button(void *ud, int b) { return kiosk_staff_button(ud, b); }

static window_kiosk_action on_tick(void *ud, double idle, int busy, int menu, int fresh, double ended)
{
    return kiosk_tick(ud, now_seconds(), idle, busy, menu, fresh, ended);
}

static void on_view(void *ud, window_kiosk_view *v)
{
    kiosk_policy *p = ud;
    v->pin_digits = p->npin;
    v->pin_message = p->message;
    v->volume = p->volume;
    v->voice = kiosk_voices[p->voice];
    v->warning = p->cfg->warning;
}

static void on_reset(void *ud)
{
    kiosk_policy *p = ud;
    forget_pin(p);
    p->message[0] = 0;
}

void kiosk_policy_bind(kiosk_policy *p, window_kiosk *k)
{
    static const char *const corners[] = {"top-left", "top-right", "bottom-left", "bottom-right"};
    memset(k, 0, sizeof *k);
    k->on = 1;
    for (int i = 0; i < 4; i++)
        if (strcmp(p->cfg->corner, corners[i]) == 0)
            k->corner = i;
    k->hold_seconds = p->cfg->hold_seconds;
    k->ud = p;
    k->pin_key = on_pin_key;
    k->staff_button = on_staff_button;
    k->tick = on_tick;
    k->view = on_view;
    k->reset = on_reset;
}
