/* Where a cell's guest console is read from. QEMU's is its stdout; a
 * launcher target's (another VMM) may be a file it writes, a unix socket
 * it listens on, or a pty vcheck makes for it (target.h, console-from). */
#ifndef VC_RUN_CONSOLE_SOURCE_H
#define VC_RUN_CONSOLE_SOURCE_H
#include <stddef.h>
#include "harness/plan/plan.h"

struct vc_console_source {
	enum vc_console_from from;
	const char *path;  /* the file or socket (the plan's) */
	int fd;            /* read from; -1 until the file appears or the socket takes the connection */
	int child_out;     /* the launcher's stdout as the child gets it */
	int child_in;      /* its stdin, or -1 for /dev/null */
	char pty[64];      /* the pty's slave path, for {console} */
};

/* Before the fork: the pipe, pty or log file the child writes to. 0, or
 * -1 with why. */
int vc_console_open(struct vc_console_source *s, const struct vc_cell_plan *p, char *why, size_t len);
/* In the child: argv with {console} made the pty's path (pty only). */
char **vc_console_child_argv(const struct vc_console_source *s, char **argv);
/* In the parent after the fork: the child's ends closed. */
void vc_console_parent(struct vc_console_source *s);
/* The fd to read, once there is one (a file that appeared, a socket that
 * took the connection); -1 before. Non-blocking. */
int vc_console_fd(struct vc_console_source *s);
/* Whether poll() says when there is more: not for a regular file, which
 * is read on a timer. */
int vc_console_pollable(const struct vc_console_source *s);
/* Whether the end of what is read so far is the console's end (not for a
 * file: the launcher may write more until it exits). */
int vc_console_eof_ends(const struct vc_console_source *s);
void vc_console_close(struct vc_console_source *s);
#endif
