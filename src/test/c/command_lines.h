/*
 * The bench tools' control channel: commands on standard input, one per line (at most 255 characters;
 * the rest of a longer line is dropped). Shared by bm19_rtpgen.c and bm19_wsecho.c.
 */
#ifndef COMMAND_LINES_H
#define COMMAND_LINES_H

#include <string.h>
#include <unistd.h>

/* Acts on one command line; returns 0 to stop the tool. */
typedef int (*command_handler)(const char *line, void *context);

/*
 * Reads what standard input has now and hands every complete line to handle.
 * Returns 0 at end of input, on "quit", or when handle returns 0; else 1.
 */
static int read_commands(command_handler handle, void *context) {
    static char line[256];
    static size_t len;
    char buf[256];
    ssize_t n = read(0, buf, sizeof buf);
    if (n == 0) return 0;
    for (ssize_t i = 0; i < n; i++) {
        if (buf[i] != '\n') { if (len < sizeof line - 1) line[len++] = buf[i]; continue; }
        line[len] = 0;
        len = 0;
        if (!strcmp(line, "quit") || !handle(line, context)) return 0;
    }
    return 1;
}

#endif
