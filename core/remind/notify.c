/* notify.c - the reminder's desktop notification (libnotify: the only GLib), and what it
 * says. */
#include <libnotify/notify.h>
#include <stdio.h>

#include "i18n.h"
#include "remind.h"

void remind_message(int plan_minutes, double done_minutes, char *summary, size_t sn, char *body, size_t bn)
{
    int done = (int)(done_minutes + 0.5);
    if (plan_minutes > 0)
        snprintf(summary, sn,
                 P_("Time for your back care: %d minute today", "Time for your back care: %d minutes today", plan_minutes),
                 plan_minutes);
    else
        snprintf(summary, sn, "%s", _("Time for your back care"));
    if (done >= 20)
        snprintf(body, bn,
                 _("You have practised %d minutes today: the daily goal of 20 to 30 is reached. A short breathing "
                   "session is always welcome."),
                 done);
    else if (done > 0)
        snprintf(body, bn,
                 P_("You have practised %d minute today; %d more reach the daily goal of 20 to 30.",
                    "You have practised %d minutes today; %d more reach the daily goal of 20 to 30.", done),
                 done, 20 - done);
    else
        snprintf(body, bn, "%s",
                 _("Breathing and stretching, 20 to 30 minutes a day, keep your back moving. Open today's "
                   "sessions when you are ready."));
}

int remind_notify_ready(char *why, size_t n)
{
    if (!notify_is_initted() && !notify_init("Pacer")) {
        snprintf(why, n, "the notification library could not start");
        return 0;
    }
    char *name = NULL, *vendor = NULL, *version = NULL, *spec = NULL;
    /* asks the service on the session bus; FALSE when nothing answers there */
    int ok = notify_get_server_info(&name, &vendor, &version, &spec);
    g_free(name), g_free(vendor), g_free(version), g_free(spec);
    notify_uninit();
    if (!ok)
        snprintf(why, n, "nothing answers org.freedesktop.Notifications on the session bus");
    return ok;
}

typedef struct waiting {
    GMainLoop *loop;
    int acted, closed;
    guint timer; /* 0 once it has fired */
} waiting;

static void on_action(NotifyNotification *nn, char *action, gpointer ud)
{
    (void)nn, (void)action;
    waiting *w = ud;
    w->acted = 1;
    g_main_loop_quit(w->loop);
}

static void on_closed(NotifyNotification *nn, gpointer ud)
{
    (void)nn;
    waiting *w = ud;
    w->closed = 1;
    g_main_loop_quit(w->loop);
}

static gboolean on_timeout(gpointer ud)
{
    waiting *w = ud;
    w->timer = 0;
    g_main_loop_quit(w->loop);
    return G_SOURCE_REMOVE;
}

int remind_notify(const char *summary, const char *body, const char *action, unsigned wait_s, char *why, size_t n)
{
    if (!notify_init("Pacer")) {
        snprintf(why, n, "the notification library could not start");
        return -1;
    }
    waiting w = {g_main_loop_new(NULL, FALSE), 0, 0, 0};
    NotifyNotification *nn = notify_notification_new(summary, body, NULL);
    /* "default": the action a click on the notification takes */
    notify_notification_add_action(nn, "default", action, on_action, &w, NULL);
    g_signal_connect(nn, "closed", G_CALLBACK(on_closed), &w);
    GError *err = NULL;
    int rc = -1;
    if (!notify_notification_show(nn, &err)) {
        snprintf(why, n, "the notification could not be shown: %s", err ? err->message : "no reason given");
        g_clear_error(&err);
    } else {
        w.timer = g_timeout_add_seconds(wait_s, on_timeout, &w);
        g_main_loop_run(w.loop);
        if (w.timer)
            g_source_remove(w.timer);
        if (!w.acted && !w.closed) {
            /* still on screen at the time limit: taken away, no reminder left orphaned */
            notify_notification_close(nn, NULL);
        }
        rc = w.acted;
    }
    g_object_unref(nn);
    g_main_loop_unref(w.loop);
    notify_uninit();
    return rc;
}
