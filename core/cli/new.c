/* new.c - pacer new NAME: a commented starter session that checks clean. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

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

int cmd_new(int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-') {
        fprintf(stderr, "pacer new: usage: pacer new NAME (writes NAME.lua)\n");
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    char path[1024], base[1024];
    size_t len = strlen(name);
    if (len > 4 && strcmp(name + len - 4, ".lua") == 0)
        snprintf(path, sizeof path, "%s", name);
    else
        snprintf(path, sizeof path, "%s.lua", name);
    const char *slash = strrchr(path, '/');
    snprintf(base, sizeof base, "%s", slash ? slash + 1 : path);
    base[strlen(base) - 4] = 0;
    for (char *p = base; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == '"' || *p == '\\')
            *p = '_';
    /* never overwrite a therapist's file */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
        fprintf(stderr, "pacer new: cannot write ");
        fput_safe(path, stderr);
        fprintf(stderr, ": %s\n", errno == EEXIST ? "it exists already" : strerror(errno));
        return EXIT_IO;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        unlink(path);
        return EXIT_IO;
    }
    fprintf(f, starter, path, path, path, base, path, base);
    if (fclose(f) != 0) {
        unlink(path);
        fprintf(stderr, "pacer new: cannot write %s\n", path);
        return EXIT_IO;
    }
    printf("Wrote %s: check it with `pacer check %s`\n", path, path);
    return 0;
}
