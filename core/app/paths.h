/* paths.h - where the app finds sessions (internal to core/app). */
#ifndef PACER_APP_PATHS_H
#define PACER_APP_PATHS_H

#include <stddef.h>

#include "app.h"

/* Resolves the shipped and the user's sessions folders (user "" when there is no home). */
void app_paths_resolve(const app_config *c, char *shipped, char *user, size_t n);

/* app.c: the script of path run into m, with the app's step types and include fallback. */
int app_load_model(pacer_app *a, const char *path, session_model *m, diag_list *d);

#endif
