/* main.c - the pacer program. */
#include "cli.h"
#include "outfile.h"

int main(int argc, char **argv)
{
    stdout_guard_init();
    int rc = cli_main(argc, argv);
    /* output lost to a full disk or a closed pipe fails the command, whichever it was */
    return stdout_guard_finish("pacer") < 0 ? EXIT_IO : rc;
}
