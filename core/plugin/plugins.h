/* plugins.h - loads C plugins (shared objects) that add step types.
 *
 * A plugin is checked before anything of it runs: an ELF shared object for this machine,
 * exporting PACER_PLUGIN_ENTRY_NAME, whose pacer_plugin has a size and an ABI major this
 * Pacer knows. Its step types go into the same registry as the built-ins. A refused plugin
 * gets one line naming the file and the reason, and Pacer runs on with the rest. Plugins are
 * loaded once per file and never unloaded (their step types and callbacks stay in use). */
#ifndef PACER_PLUGINS_H
#define PACER_PLUGINS_H

#include "pacer/plugin.h"
#include "model.h"

typedef struct plugin_info {
    char *path;       /* as loaded (resolved) */
    char *name, *version, *description;
    char **steps;     /* the step types it added */
    int nsteps;
} plugin_info;

typedef struct plugin_draw {
    char *step;
    pacer_draw_fn fn;
} plugin_draw;

typedef struct plugin_set {
    registry *reg;
    plugin_info *items;
    int count, cap;
    plugin_draw *draws;
    int ndraws, draws_cap;
    /* where refusals and plugin log lines go: one line each; NULL: stderr */
    void (*report)(void *ud, const char *line);
    void *report_ud;
    int failures;
} plugin_set;

void plugins_init(plugin_set *s, registry *reg);
/* Frees what the set knows (the plugins themselves stay loaded). */
void plugins_free(plugin_set *s);
/* Loads one plugin. Returns 0, 1 when the same file was loaded before, or -1 when refused
 * (reported). */
int plugins_load(plugin_set *s, const char *path);
/* Loads every *.so in dir (a missing folder is fine). Returns how many loaded. */
int plugins_load_dir(plugin_set *s, const char *dir);
/* The draw hook registered for a step type, or NULL. */
pacer_draw_fn plugins_draw_for(const plugin_set *s, const char *step_type);

#endif
