/* program.c - an ELF program, not a shared object, even though its file is named *.so. Built
 * twice: once as a classic fixed-address program (ET_EXEC) and once as a position-independent
 * one (ET_DYN, which only dlopen itself can tell from a library). It even exports the entry
 * symbol, so only the file's kind can stop it. */
#include <stdio.h>

#include "pacer/plugin.h"

static int init(const pacer_registrar *r)
{
    (void)r;
    return -1;
}

static const pacer_plugin plugin = {
    sizeof(pacer_plugin), PACER_ABI_MAJOR, PACER_ABI_MINOR, "program", "0.0.1", "A program", init,
};

PACER_PLUGIN_DECLARE(plugin)

int main(void)
{
    puts("this is a program");
    return 0;
}
