/* util.h - small pieces every module uses: an arena, diagnostics, text checks. Pure C. */
#ifndef PACER_UTIL_H
#define PACER_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- arena: many small allocations freed at once; optionally charged to a budget ---- */
typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;
    size_t used;            /* bytes handed out, for the budget */
    size_t *budget_used;    /* optional shared counter (the script memory cap) */
    size_t budget_limit;    /* 0: no limit */
} arena;

void arena_init(arena *a);
void *arena_alloc(arena *a, size_t n); /* zeroed; NULL when out of memory or over budget */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
void arena_free(arena *a);

/* Makes room for one more item in a growable array (*items holding count of *cap, each
 * size bytes), doubling it when full. Returns 0, or -1 on no memory (the array unchanged). */
int grow_array(void **items, int *cap, int count, size_t size);

/* ---- growable byte buffer ---- */
typedef struct strbuf {
    char *data;
    size_t len, cap;
    int failed; /* an allocation failed; contents are truncated */
} strbuf;

void sb_init(strbuf *b);
void sb_add(strbuf *b, const char *s, size_t n);
void sb_puts(strbuf *b, const char *s);
void sb_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(strbuf *b, const char *fmt, va_list ap);
/* Writes the reason into why (n bytes) and returns -1: `return fail_why(why, n, "...", ...)`. */
int fail_why(char *why, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void sb_free(strbuf *b);

/* ---- diagnostics: file:line:col: severity: message ---- */
typedef enum { DIAG_ERROR = 0, DIAG_WARNING = 1, DIAG_NOTE = 2 } diag_severity;

typedef struct diag {
    diag_severity severity;
    char *file;
    int line, col;
    char *message;
} diag;

typedef struct diag_list {
    diag *items;
    int count, cap;
    int errors, warnings;
} diag_list;

void diags_init(diag_list *d);
void diags_add(diag_list *d, diag_severity sev, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void diags_vadd(diag_list *d, diag_severity sev, const char *file, int line, int col, const char *fmt, va_list ap);
void diags_free(diag_list *d);
/* Prints every diagnostic, one line each, text made terminal-safe. */
void diags_print(const diag_list *d, FILE *out);
const char *diag_severity_name(diag_severity s);

/* ---- text ---- */
/* 0 when s[0..n) is valid UTF-8; else 1 + the byte offset of the first bad sequence. */
size_t utf8_invalid_at(const char *s, size_t n);
/* The first control character (C0, DEL or C1) in valid UTF-8 text, or -1. '\n' is allowed when allow_nl. */
long text_control_at(const char *s, size_t n, int allow_nl, unsigned *codepoint);
/* Appends s to b so that it is safe to print on a terminal: control characters, invalid
 * bytes, bidirectional overrides and isolates (U+202A..U+202E, U+2066..U+2069) and the line
 * and paragraph separators become \xHH / \u{HHHH}; everything else is copied as is. */
void sb_add_safe(strbuf *b, const char *s, size_t n);
/* How many terminal columns the code point takes: 0 for combining marks and zero-width
 * characters, 2 for the wide East Asian scripts, fullwidth forms and emoji, else 1. */
int char_columns(unsigned cp);
/* The bytes of the longest start of s[0..n) (valid UTF-8, terminal-safe) that fits in cols
 * terminal columns, never cutting a character; its width goes to *used (may be NULL). */
size_t utf8_fit_columns(const char *s, size_t n, int cols, int *used);
/* Prints s to f terminal-safe (see sb_add_safe). */
void fput_safe(const char *s, FILE *f);
/* Appends s as a JSON string literal, quotes included. */
void sb_add_json(strbuf *b, const char *s);

/* A size for people: "512 bytes", "640 KB", "1.5 MB", "95 MB", "1 GB" (units of 1024). */
const char *format_bytes(double bytes, char *buf, size_t n);

/* Restricted Damerau-Levenshtein (optimal string alignment) distance with a cutoff: returns max+1 when the distance exceeds max. */
int edit_distance(const char *a, const char *b, int max);
/* The candidate nearest to word within a small distance, or NULL. */
const char *suggest(const char *word, const char *const *candidates, int n);

/* The folder of the running program (where an installed pacer finds ../share/pacer). Returns
 * 0, or -1 when it cannot be told. */
int exe_dir(char *buf, size_t n);

/* ---- files: every file Pacer reads is opened through these ---- */
struct stat;
/* Opens path for reading without ever blocking: O_NONBLOCK (a FIFO does not wait for a
 * writer), then fstat on the descriptor; anything but a regular file (a FIFO, a device, a
 * folder) is refused. Returns the descriptor (blocking reads again, close-on-exec), or -1
 * with errno and *why (a sentence: strerror, or "it is a pipe (FIFO), not a file"). st, when
 * not NULL, receives the file's status. why may be NULL. */
int file_open_regular(const char *path, struct stat *st, const char **why);
/* The same as a stdio stream ("rb"), or NULL with errno and *why. */
FILE *file_fopen_regular(const char *path, struct stat *st, const char **why);
/* The whole file (opened as above) in a malloc'd buffer with a NUL after it. Returns 0; 1
 * when it is larger than max bytes (nothing read); -1 with *why on any other failure. */
int file_read_regular(const char *path, size_t max, char **data, size_t *len, const char **why);
/* The one rule for paths a session names (include, recordings, ambience): path, with every
 * symbolic link followed, must lie inside the folder root (itself resolved). Returns 0 when
 * it does (the resolved path copied to real, when not NULL), 1 when it leads outside, -1
 * when either cannot be resolved (errno: ENOENT for a missing file). */
int path_inside(const char *root, const char *path, char *real, size_t n);
/* The file rel in the XDG folder named by env (e.g. "XDG_CONFIG_HOME"), or in
 * $HOME/fallback when env is unset or empty (e.g. ".config"). Returns 0, or -1 when there is
 * no home or the path does not fit in n. */
int xdg_path(const char *env, const char *fallback, const char *rel, char *buf, size_t n);

/* Frames <-> seconds at PACER_RATE. Saturates far outside a session's length; NaN is 0. */
int64_t seconds_to_frames(double s);

/* ---- numbers from the command line (parse.c) ---- */
/* The whole of s as a plain decimal number within [min, max] (no spaces, no other text, no
 * hexadecimal, inf or nan; an integer for parse_int). Returns 0, or -1 leaving *out as is. */
int parse_int(const char *s, long long min, long long max, long long *out);
int parse_double(const char *s, double min, double max, double *out);
/* Formats a frame count as [h:]mm:ss(.mmm when millis) into buf. */
const char *format_time(int64_t frames, int millis, char *buf, size_t n);

#endif
