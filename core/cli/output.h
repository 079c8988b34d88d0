/* output.h - printing timelines and listings (terminal-safe text, JSON for tools). */
#ifndef PACER_CLI_OUTPUT_H
#define PACER_CLI_OUTPUT_H

#include <stdint.h>
#include <stdio.h>

#include "timeline.h"

void print_timeline_table(const timeline *t, FILE *out);
void print_timeline_json(const timeline *t, FILE *out);
/* One line of a listing: title, length, summary, file. */
void print_list_row(const char *title, int64_t frames, const char *summary, const char *file, FILE *out);

#endif
