#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>
#include "harness/run/console_source.h"
#include "harness/util/vec.h"

/* A pty in raw mode: the console's bytes as the guest sent them (no CR
 * added, no echo back into the guest, no line editing). */
static int open_pty(struct vc_console_source *s, char *why, size_t len)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	const char *name = m >= 0 && grantpt(m) == 0 && unlockpt(m) == 0 ? ptsname(m) : NULL;
	int slave = name ? open(name, O_RDWR | O_NOCTTY | O_CLOEXEC) : -1;
	struct termios tio;
	if (slave < 0 || tcgetattr(slave, &tio)) {
		snprintf(why, len, "cannot make a pty for the console: %s", strerror(errno));
		if (m >= 0)
			close(m);
		if (slave >= 0)
			close(slave);
		return -1;
	}
	cfmakeraw(&tio);
	tcsetattr(slave, TCSANOW, &tio);
	snprintf(s->pty, sizeof(s->pty), "%s", name);
	s->fd = m, s->child_out = slave, s->child_in = slave;
	return 0;
}

int vc_console_open(struct vc_console_source *s, const struct vc_cell_plan *p, char *why, size_t len)
{
	*s = (struct vc_console_source){ .from = p->target->launcher ? p->target->console_from : VC_FROM_STDOUT,
					 .path = p->console_path, .fd = -1, .child_out = -1, .child_in = -1 };
	if (s->from == VC_FROM_PTY)
		return open_pty(s, why, len);
	if (s->from == VC_FROM_STDOUT) {
		int fds[2];
		if (pipe2(fds, O_CLOEXEC))
			return snprintf(why, len, "pipe: %s", strerror(errno)), -1;
		s->fd = fds[0], s->child_out = fds[1];
		return 0;
	}
	/* file or socket: the launcher's own output is kept beside the logs */
	char *out = vc_xasprintf("%s/vmm-stdout.txt", p->log_dir);
	s->child_out = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	free(out);
	unlink(s->path); /* a stale socket takes no connection; a stale file is the last run's */
	return s->child_out < 0 ? (snprintf(why, len, "cannot create vmm-stdout.txt: %s", strerror(errno)), -1) : 0;
}

char **vc_console_child_argv(const struct vc_console_source *s, char **argv)
{
	if (s->from != VC_FROM_PTY)
		return argv;
	size_t n = 0;
	while (argv[n])
		n++;
	char **out = vc_xcalloc(n + 1, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		char *at = strstr(argv[i], "{console}");
		out[i] = at ? vc_xasprintf("%.*s%s%s", (int)(at - argv[i]), argv[i], s->pty, at + 9) : argv[i];
	}
	return out;
}

void vc_console_parent(struct vc_console_source *s)
{
	if (s->child_out >= 0)
		close(s->child_out);
	s->child_out = s->child_in = -1;
	if (s->fd >= 0)
		fcntl(s->fd, F_SETFL, fcntl(s->fd, F_GETFL) | O_NONBLOCK);
}

static int connect_socket(const char *path)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof(a.sun_path))
		return -1;
	strcpy(a.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) && errno != EINPROGRESS) {
		close(fd);
		return -1;
	}
	return fd;
}

int vc_console_fd(struct vc_console_source *s)
{
	if (s->fd >= 0 || !s->path)
		return s->fd;
	if (s->from == VC_FROM_FILE)
		s->fd = open(s->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	else if (s->from == VC_FROM_SOCKET)
		s->fd = connect_socket(s->path);
	return s->fd;
}

int vc_console_pollable(const struct vc_console_source *s) { return s->fd >= 0 && s->from != VC_FROM_FILE; }

int vc_console_eof_ends(const struct vc_console_source *s) { return s->from != VC_FROM_FILE; }

void vc_console_close(struct vc_console_source *s)
{
	if (s->fd >= 0)
		close(s->fd);
	if (s->child_out >= 0)
		close(s->child_out);
	s->fd = s->child_out = s->child_in = -1;
}
