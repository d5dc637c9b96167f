/* vcheck-vu-ref: a vhost-user backend with planted side effects, the
 * positive control for vcheck's side-effect discovery (README.md).
 *
 *   vcheck-vu-ref --socket PATH [--mode honest|planted] [--config-size N]
 *                 [--device-id N] [--tick-ms N]
 *
 * It listens on PATH and serves one front-end connection at a time, each
 * with a freshly powered-on device; SIGTERM or SIGINT ends it (status 0). */
#define _GNU_SOURCE /* accept4, ppoll */
#include "device.h"
#include "log.h"
#include "session.h"

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#define EXIT_USAGE 2
/* A front-end writes a message whole; a part that is this late never comes. */
#define MESSAGE_TIMEOUT_S 2

struct options {
	const char *socket;
	struct vu_device_opts dev;
	unsigned device_id;
};

static volatile sig_atomic_t stop;

static void on_stop(int sig) { stop = 1; }

static void usage(FILE *f)
{
	fprintf(f, "usage: vcheck-vu-ref --socket PATH [--mode honest|planted] [--config-size N]\n"
		   "                     [--device-id N] [--tick-ms N]\n");
}

static int number(const char *s, unsigned long max, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 0);
	if (errno || !*s || *end || v > max)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int parse_option(int c, const char *arg, struct options *o)
{
	switch (c) {
	case 's': o->socket = arg; return 0;
	case 'm': return vu_mode_parse(arg, &o->dev.mode);
	case 'c': return number(arg, VU_CONFIG_MAX, &o->dev.config_size);
	case 'd': return number(arg, 0xffff, &o->device_id);
	case 't': return (number(arg, 60000, &o->dev.tick_ms) || !o->dev.tick_ms) ? -1 : 0;
	case 'h': usage(stdout); exit(0);
	}
	return -1;
}

static int check_options(const struct options *o)
{
	struct sockaddr_un a;
	if (!o->socket || strlen(o->socket) >= sizeof a.sun_path) {
		fprintf(stderr, "vcheck-vu-ref: --socket PATH is required (at most %zu bytes)\n",
			sizeof a.sun_path - 1);
		return -1;
	}
	unsigned min = o->dev.mode == VU_MODE_PLANTED ? VU_PLANTED_MIN_SIZE : 1;
	if (o->dev.config_size < min) {
		fprintf(stderr, "vcheck-vu-ref: --config-size %u: %s mode needs %u..%u bytes\n",
			o->dev.config_size, vu_mode_name(o->dev.mode), min, VU_CONFIG_MAX);
		return -1;
	}
	return 0;
}

static int parse(int argc, char **argv, struct options *o)
{
	static const struct option longs[] = {
		{ "socket", required_argument, NULL, 's' },   { "mode", required_argument, NULL, 'm' },
		{ "config-size", required_argument, NULL, 'c' }, { "device-id", required_argument, NULL, 'd' },
		{ "tick-ms", required_argument, NULL, 't' },  { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	*o = (struct options){ .dev = { VU_MODE_HONEST, 256, VU_TICK_MS_DEFAULT }, .device_id = 18 };
	int c, at = 0;
	while ((c = getopt_long(argc, argv, "", longs, &at)) != -1) {
		if (parse_option(c, optarg, o) < 0) {
			if (c != '?') /* getopt_long has said what was wrong with those */
				fprintf(stderr, "vcheck-vu-ref: bad value for --%s: %s\n", longs[at].name, optarg);
			usage(stderr);
			return -1;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return -1;
	}
	return check_options(o);
}

/* Blocks the stop signals except while waiting, so one that arrives
 * between a check of `stop` and the wait still ends the wait. */
static void setup_signals(sigset_t *wait_mask)
{
	struct sigaction sa = { .sa_handler = on_stop };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, wait_mask);
	sigdelset(wait_mask, SIGTERM);
	sigdelset(wait_mask, SIGINT);
}

static int listen_on(const char *path)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	struct stat st;
	strcpy(a.sun_path, path);
	/* a stale socket from an earlier run; never anything else */
	if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode))
		unlink(path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 1) < 0) {
		fprintf(stderr, "vcheck-vu-ref: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return fd;
}

static void serve(int conn, const struct options *o, const sigset_t *wait_mask)
{
	static struct vu_device dev;
	static struct vu_session s;
	struct timeval tv = { .tv_sec = MESSAGE_TIMEOUT_S };
	setsockopt(conn, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	vu_device_init(&dev, &o->dev, vu_now_ms());
	vu_session_init(&s, conn, &dev);
	vu_log("connection opened (device id %u, %s mode)", o->device_id, vu_mode_name(o->dev.mode));
	vu_session_serve(&s, &stop, wait_mask);
	vu_session_end(&s);
	close(conn);
}

static void accept_loop(int lfd, const struct options *o, const sigset_t *wait_mask)
{
	while (!stop) {
		struct pollfd p = { .fd = lfd, .events = POLLIN };
		if (ppoll(&p, 1, NULL, wait_mask) < 0) {
			if (errno != EINTR)
				vu_log("poll: %s", strerror(errno));
			continue;
		}
		int conn = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (conn < 0)
			vu_log("accept: %s", strerror(errno));
		else
			serve(conn, o, wait_mask);
	}
}

int main(int argc, char **argv)
{
	struct options o;
	sigset_t wait_mask;
	if (parse(argc, argv, &o) < 0)
		return EXIT_USAGE;
	setup_signals(&wait_mask);
	int lfd = listen_on(o.socket);
	if (lfd < 0)
		return EXIT_USAGE;
	printf("vcheck-vu-ref: serving %s (mode %s, config %u bytes)\n", o.socket,
	       vu_mode_name(o.dev.mode), o.dev.config_size);
	fflush(stdout);
	accept_loop(lfd, &o, &wait_mask);
	close(lfd);
	unlink(o.socket);
	return 0;
}
