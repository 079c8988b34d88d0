/* usage.h - the pacer program's commands and options, declared once: `pacer --help`, the
 * pacer(1) manual page and the bash, zsh and fish completions are all printed from these
 * tables, so none of them can drift from the others. */
#ifndef PACER_USAGE_H
#define PACER_USAGE_H

#include <stdio.h>

/* What a command's operands or an option's value are, for the completions. */
typedef enum cli_arg {
    CLI_ARG_NONE,    /* nothing to complete */
    CLI_ARG_SESSION, /* a session file (*.lua, *.pacer) */
    CLI_ARG_FILE,    /* any file */
    CLI_ARG_DIR,     /* a folder */
    CLI_ARG_THEME,   /* a theme's name */
    CLI_ARG_WORDS,   /* one of the words in the entry's `words` */
} cli_arg;

/* One line of the Commands section; a command may have several (snapshot, kiosk, journal). */
typedef struct cli_command_doc {
    const char *name;  /* "" for the line about running pacer with no command */
    const char *args;  /* what follows the name, e.g. "FILE -o OUT" */
    const char *doc;   /* one paragraph, wrapped when printed */
    cli_arg operand;   /* what its operands are */
    const char *words; /* CLI_ARG_WORDS: the choices, space-separated */
} cli_command_doc;

typedef struct cli_option_doc {
    char short_name;      /* 0: none */
    const char *name;     /* the long name, without "--" */
    const char *value;    /* its value's name, e.g. "FILE"; NULL when it takes none */
    cli_arg arg;          /* what the value is */
    const char *commands; /* the commands that take it, space-separated; "*": every
                             command; "": pacer alone, before any command */
    const char *doc;
    const char *words; /* CLI_ARG_WORDS: the choices */
} cli_option_doc;

typedef struct cli_exit_doc {
    int status;
    const char *doc;
} cli_exit_doc;

extern const cli_command_doc cli_commands[];
extern const int cli_ncommands;
extern const cli_option_doc cli_options[];
extern const int cli_noptions;
extern const cli_exit_doc cli_exits[];
extern const int cli_nexits;
extern const char cli_summary[]; /* the one line under "Usage:" */

/* `pacer --help`. */
void cli_usage(FILE *out);
/* 1 when option o belongs to command cmd ("" for pacer with no command). */
int cli_option_for(const cli_option_doc *o, const char *cmd);
/* The theme names, space-separated (the completions' choices of --theme). */
const char *cli_theme_words(void);

/* manpage.c: pacer(1) from these tables (pacer-session(5): cli.h). */
void print_man_pacer(const char *version, FILE *out);

/* completion.c: the completion script of shell "bash", "zsh" or "fish"; -1 for another. */
int print_completion(const char *shell, FILE *out);

#endif
