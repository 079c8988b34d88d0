/* fixtures.h - what several test programs need alike: a registry of the built-in step types,
 * diagnostics and events looked up by what they hold, a private temporary folder, and whole
 * files read back. Plain C with no test framework in it, so the fuzz target can use it too.
 *
 * Link the pacer_test_support target (tests/support/CMakeLists.txt). */
#ifndef PACER_TEST_SUPPORT_FIXTURES_H
#define PACER_TEST_SUPPORT_FIXTURES_H

#include <stddef.h>

#include "model.h"
#include "timeline.h"
#include "util.h"

/* Initialises r with the built-in step types. 0, or -1 after saying why on stderr (r is
 * then freed). */
int support_registry(registry *r);

/* The first diagnostic of severity sev whose message contains text, or NULL. */
const diag *support_find_diag(const diag_list *d, diag_severity sev, const char *text);

/* How many events of a kind (TL_TONE, TL_SPEAK...) the timeline holds. */
int support_count_kind(const timeline *t, int kind);

/* Words in text: runs of characters other than space, tab and newline. */
int support_count_words(const char *text);

/* Processor time this process has used, in seconds: what the script and compile limits
 * count, and what a busy machine does not inflate (unlike the wall clock). */
double support_cpu_seconds(void);

/* Makes a new folder $TMPDIR/NAME.XXXXXX (/tmp when TMPDIR is unset or empty) and writes its
 * path to buf. 0, or -1 after saying why on stderr. */
int support_tmpdir(char *buf, size_t n, const char *name);

/* How many entries a folder holds (not counting those whose name starts with a dot), or -1
 * when it cannot be read. */
int support_count_files(const char *dir);

/* Removes a file, or a folder and all it holds. Missing paths are ignored. */
void support_remove_tree(const char *path);

/* The whole file, malloc'd with a NUL after its last byte; its size in *len (may be NULL).
 * NULL when it cannot be read. */
unsigned char *support_read_file(const char *path, long *len);

#endif
