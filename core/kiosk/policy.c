/* policy.c - the kiosk's decisions, apart from the window that draws them. */
#include "policy.h"
#include "i18n.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char *const kiosk_voices[] = {"", "flite:slt", "flite:rms", "flite:awb", "flite:kal", "festival:slt"};

int kiosk_voice_list(const char *const **voices)
{
    /* flite's voices are built in; Festival is a program of its own, offered only where it
     * is installed, so that a choice on the screen is never one that cannot speak */
    int n = (int)(sizeof kiosk_voices / sizeof kiosk_voices[0]);
    if (!app_voice_installed(kiosk_voices[n - 1]))
        n--;
    *voices = kiosk_voices;
    return n;
}

static int nvoices(void)
{
    const char *const *v;
    return kiosk_voice_list(&v);
}

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

void kiosk_policy_free(kiosk_policy *p)
{
    kiosk_pin_check_free(p->check);
    p->check = NULL;
}

void kiosk_policy_set_verify(kiosk_policy *p, kiosk_pin_verify_fn verify) { p->verify = verify; }

void kiosk_policy_init(kiosk_policy *p, const kiosk_config *cfg, pacer_app *app)
{
    memset(p, 0, sizeof *p);
    p->answered_at = -1e9;
    p->cfg = cfg;
    p->app = app;
    p->volume = cfg->volume;
    for (int i = 0, n = nvoices(); i < n; i++)
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
    /* OK: the check runs on a worker; kiosk_tick brings its answer */
    if (p->checking) {
        /* one check at a time: what was typed meanwhile is dropped */
    } else if (now < p->lockout_until) {
        snprintf(p->message, sizeof p->message, _("Too many tries: wait half a minute"));
    } else if (!p->cfg->pin_hash[0]) {
        snprintf(p->message, sizeof p->message, _("No staff PIN is set: see docs/kiosk.md"));
    } else {
        if (!p->check)
            p->check = kiosk_pin_check_new();
        if (p->check && kiosk_pin_check_start(p->check, p->verify, p->cfg->pin_hash, p->pin) == 0) {
            p->checking = 1;
            snprintf(p->message, sizeof p->message, _("Checking..."));
        } else {
            snprintf(p->message, sizeof p->message, _("The PIN cannot be checked now: try again"));
        }
    }
    forget_pin(p);
    return KIOSK_STAY;
}

/* The worker's answer, once it is in. */
static window_kiosk_action pin_answer(kiosk_policy *p, double now)
{
    kiosk_pin_state st = kiosk_pin_check_poll(p->check);
    if (st == KIOSK_PIN_PENDING)
        return KIOSK_STAY;
    p->checking = 0;
    p->answered_at = now; /* staff need time to read the answer */
    if (st == KIOSK_PIN_RIGHT) {
        p->failures = 0;
        p->message[0] = 0;
        return KIOSK_TO_STAFF;
    }
    p->failures++;
    snprintf(p->message, sizeof p->message, _("That PIN is not right"));
    if (p->failures >= 3) {
        p->lockout_until = now + KIOSK_PIN_LOCKOUT_SECONDS;
        p->failures = 0;
    }
    return KIOSK_STAY;
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
    case 2: set_voice(p, (p->voice + 1) % nvoices()); return KIOSK_STAY;
    case 3: return KIOSK_RELOAD;
    case 4: p->exited = 1; return KIOSK_EXIT;
    case 5: return KIOSK_TO_MENU;
    default: return KIOSK_STAY;
    }
}

window_kiosk_action kiosk_tick(kiosk_policy *p, double now, double idle, int busy, int menu, int fresh,
                               double ended)
{
    if (p->checking) {
        /* the idle time does not run while a PIN is checked */
        window_kiosk_action a = pin_answer(p, now);
        if (a != KIOSK_STAY || p->checking)
            return a;
    }
    if (now - p->answered_at < idle)
        idle = now - p->answered_at;
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
    v->checking = p->checking;
}

static void on_reset(void *ud)
{
    kiosk_policy *p = ud;
    forget_pin(p);
    p->message[0] = 0;
    if (p->checking)
        kiosk_pin_check_cancel(p->check); /* its answer is dropped */
    p->checking = 0;
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
