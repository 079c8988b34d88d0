/* new.c - pacer new NAME: a commented starter session that checks clean, written whole and
 * never over an existing file. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"

static const char starter[] =
    "-- %s: a Pacer session. Check it with `pacer check %s`, hear it with\n"
    "-- `pacer render %s -o %s.ogg`, play it with `pacer play %s`.\n"
    "-- Every step and field: docs/lua-api.md.\n"
    "return session {\n"
    "  title = \"%s\",\n"
    "  summary = \"One line for the menu: what this session is for\",\n"
    "  language = \"en\", rate = 150, api = 1,\n"
    "\n"
    "  -- The starting position, shown on screen and spoken.\n"
    "  show \"Lie on your back with your knees bent.\",\n"
    "  say \"Lie on your back with your knees bent and your feet flat on the floor.\",\n"
    "  say \"If your pain gets sharply worse, or spreads down a leg, stop and rest.\",\n"
    "  ready { \"Tap when you are lying comfortably.\", timeout = 20 },\n"
    "\n"
    "  -- Slow breathing: spoken cues for the first three breaths, then tones only.\n"
    "  breathe { inhale = 4, exhale = 6, cycles = 6, speak_cycles = 3,\n"
    "            inhale_cue = \"Breathe in slowly\", exhale_cue = \"Breathe out, let go\" },\n"
    "\n"
    "  -- A hold on each side; {side} is replaced by the side's name.\n"
    "  sides { \"left\", \"right\",\n"
    "    say \"Bring your {side} knee towards your chest.\",\n"
    "    hold { seconds = 10, reps = 3, rest = 5, countdown = 3,\n"
    "           cue = \"Hold it gently\", release = \"And relax\" },\n"
    "  },\n"
    "\n"
    "  say \"Well done. Rest for a moment before you get up.\",\n"
    "  bell(),\n"
    "}\n";

/* The longest title a session may have (session's 'title' field). */
enum { TITLE_MAX = 120 };

/* A copy of s fit for a Lua line comment or string: control characters, quotes and
 * backslashes become '_' (a file name may hold any of them). */
static char *scrubbed(const char *s, size_t len)
{
    char *out = strndup(s, len);
    for (char *p = out; p && *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\')
            *p = '_';
    return out;
}

int cmd_new(int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-' || argv[1][0] == 0) {
        fprintf(stderr, "pacer new: usage: pacer new NAME (writes NAME.lua)\n");
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    size_t len = strlen(name);
    int has_ext = len > 4 && strcmp(name + len - 4, ".lua") == 0;
    strbuf path;
    sb_init(&path);
    sb_printf(&path, "%s%s", name, has_ext ? "" : ".lua");
    const char *slash = strrchr(name, '/');
    const char *base = slash ? slash + 1 : name;
    if (!base[0] || strcmp(base, ".lua") == 0) {
        fprintf(stderr, "pacer new: usage: pacer new NAME (writes NAME.lua)\n");
        sb_free(&path);
        return EXIT_USAGE;
    }
    /* the title is the name, cut to what a title may hold (at a character's start) */
    size_t title_len = strlen(base) - (has_ext ? 4 : 0);
    if (title_len > TITLE_MAX) {
        title_len = TITLE_MAX;
        while (title_len > 0 && ((unsigned char)base[title_len] & 0xC0) == 0x80)
            title_len--;
    }
    char *title = scrubbed(base, title_len);
    char *shown = path.data ? scrubbed(path.data, path.len) : NULL;
    char err[OUTFILE_ERR_MAX];
    outfile out;
    /* written whole or not at all, and never over a file that exists (a therapist's own) */
    int rc = !title || !shown || path.failed ? -1 : 0;
    if (rc < 0)
        snprintf(err, sizeof err, "out of memory");
    else
        rc = outfile_open(&out, path.data, OUTFILE_NO_REPLACE, err, sizeof err);
    if (rc == 0) {
        fprintf(out.f, starter, shown, shown, shown, title, shown, title);
        rc = outfile_commit(&out, err, sizeof err);
    }
    if (rc < 0) {
        fprintf(stderr, "pacer new: ");
        fput_safe(err, stderr);
        fputc('\n', stderr);
    } else {
        fputs("Wrote ", stdout);
        fput_safe(path.data, stdout);
        fputs(": check it with `pacer check ", stdout);
        fput_safe(path.data, stdout);
        fputs("`\n", stdout);
    }
    free(title);
    free(shown);
    sb_free(&path);
    return rc < 0 ? EXIT_IO : 0;
}
