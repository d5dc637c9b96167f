/* See daemons.h. A daemon runs in its own process group, as QEMU does, so a
 * terminal's Ctrl-C reaches vcheck first and vcheck decides. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "harness/util/clock.h"
#include "harness/run/daemons.h"
#include "harness/util/child.h"
#include "harness/util/fsutil.h"
#include "harness/util/vec.h"

#define POLL_US 2000
#define GRACE_SECONDS 2.0  /* after SIGTERM, before SIGKILL */
#define LOG_TAIL 240
/* A daemon's log is kept up to this many bytes (a chatty or runaway
 * backend must not fill the disk); what comes after is counted, and the
 * log ends with a line that says so. */
#define DAEMON_LOG_MAX (8u << 20)

void vc_describe_exit(int status, char *buf, size_t len)
{
	if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, len, "exited with status %d", WEXITSTATUS(status));
}

/* The log pump: copies the daemon's output from `in` to `log`, the first
 * DAEMON_LOG_MAX bytes of it, counts the rest, and says so at the end
 * (when every writer has closed the pipe: the daemon and what it started). */
_Noreturn static void pump_log(int in, int log)
{
	char buf[16384];
	unsigned long long kept = 0, dropped = 0;
	ssize_t n;
	/* ending the daemon signals its process group, the pump's too: the
	 * pump ends at end of file instead, with the daemon's last words */
	signal(SIGTERM, SIG_IGN), signal(SIGINT, SIG_IGN), signal(SIGHUP, SIG_IGN);
	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		size_t take = kept + (size_t)n <= DAEMON_LOG_MAX ? (size_t)n : (size_t)(DAEMON_LOG_MAX - kept);
		if (take && write(log, buf, take) < 0)
			break;
		kept += take, dropped += (size_t)n - take;
	}
	if (dropped)
		dprintf(log, "\n[vcheck: log capped at %u bytes; %llu bytes more were dropped]\n", DAEMON_LOG_MAX,
			dropped);
	_exit(0);
}

/* Waits (at most 2 s) for the log pump to finish the log: after the
 * daemon ended, what it said last may still be in the pipe. */
static void log_settled(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	for (int i = 0; i < 1000 && flock(fd, LOCK_SH | LOCK_NB) < 0 && errno == EWOULDBLOCK; i++)
		usleep(POLL_US);
	close(fd);
}

static pid_t spawn(const struct vc_planned_daemon *d)
{
	pid_t parent = getpid(), pid = fork();
	if (pid != 0)
		return pid;
	vc_child_leash(parent);
	int log = open(d->log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int in = open("/dev/null", O_RDONLY);
	int pipefd[2];
	/* the pump holds a lock on the log while it copies (shared with it
	 * through fork): log_settled() waits for it before the log is read */
	if (log < 0 || in < 0 || pipe(pipefd) < 0 || flock(log, LOCK_EX) < 0)
		_exit(127);
	/* the pump is the daemon's child, so it is reaped once orphaned; it
	 * ends at end of file, after the daemon and what the daemon started */
	pid_t pump = fork();
	if (pump < 0)
		_exit(127);
	if (pump == 0) {
		close(pipefd[1]);
		pump_log(pipefd[0], log);
	}
	close(pipefd[0]);
	close(log);
	dup2(in, 0), dup2(pipefd[1], 1), dup2(pipefd[1], 2);
	close(pipefd[1]);
	execvp(d->argv[0], d->argv);
	dprintf(2, "vcheck: cannot run %s: %s\n", d->argv[0], strerror(errno));
	_exit(127);
}

/* Waits for d's ready path: 0 once it exists; -1 with the reason when time
 * ran out, -2 when the daemon died (then it is reaped already). */
static int wait_ready(const struct vc_planned_daemon *d, pid_t pid, double timeout, char *err, size_t errlen)
{
	char tail[LOG_TAIL], how[64];
	double deadline = vc_now() + timeout;
	int status;
	for (;;) {
		if (vc_path_exists(d->ready))
			return 0;
		if (waitpid(pid, &status, WNOHANG) == pid) {
			vc_describe_exit(status, how, sizeof(how));
			log_settled(d->log);
			vc_file_tail(d->log, tail, sizeof(tail));
			snprintf(err, errlen, "backend daemon %s of %s %s before %s appeared%s%s", d->argv[0], d->model,
				 how, d->ready, tail[0] ? ": " : "", tail);
			return -2;
		}
		if (vc_now() >= deadline) {
			snprintf(err, errlen, "backend daemon %s of %s did not create %s within %.1f s (its log: %s)",
				 d->argv[0], d->model, d->ready, timeout, d->log);
			return -1;
		}
		usleep(POLL_US);
	}
}

/* SIGTERM, a bounded wait, then SIGKILL; returns the wait status. */
static int end_daemon(pid_t pid)
{
	int status = 0;
	double deadline = vc_now() + GRACE_SECONDS;
	if (waitpid(pid, &status, WNOHANG) == pid)
		return status;
	kill(-pid, SIGTERM), kill(pid, SIGTERM);
	while (vc_now() < deadline) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		usleep(POLL_US);
	}
	kill(-pid, SIGKILL), kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

int vc_daemons_start(const struct vc_cell_plan *p, pid_t *pids, double timeout, char *err, size_t errlen)
{
	for (size_t i = 0; i < p->ndaemons; i++)
		pids[i] = 0;
	for (size_t i = 0; i < p->ndaemons; i++) {
		pids[i] = spawn(&p->daemons[i]);
		if (pids[i] < 0) {
			pids[i] = 0;
			snprintf(err, errlen, "cannot fork backend daemon %s: %s", p->daemons[i].argv[0], strerror(errno));
		} else {
			int rc = wait_ready(&p->daemons[i], pids[i], timeout, err, errlen);
			if (rc == 0)
				continue;
			if (rc == -2)
				pids[i] = 0;
		}
		for (size_t k = 0; k <= i; k++)
			if (pids[k])
				end_daemon(pids[k]), pids[k] = 0;
		return -1;
	}
	return 0;
}

void vc_daemons_stop(const struct vc_cell_plan *p, pid_t *pids, struct vc_cell *c)
{
	for (size_t i = 0; i < p->ndaemons; i++) {
		if (!pids[i])
			continue;
		/* Still running when QEMU is gone is the normal end; anything
		 * else (a backend that quit or crashed mid-run) is worth saying. */
		int status = 0, running = waitpid(pids[i], &status, WNOHANG) == 0;
		if (running)
			end_daemon(pids[i]);
		pids[i] = 0;
		struct vc_daemon_result *r = VEC_PUSH(c->daemons, c->ndaemons, c->capdaemons);
		char how[64] = "ran until QEMU ended";
		if (!running)
			vc_describe_exit(status, how, sizeof(how));
		const char *slash = strrchr(p->daemons[i].log, '/');
		r->model = vc_xstrdup(p->daemons[i].model);
		r->program = vc_xstrdup(p->daemons[i].argv[0]);
		r->log = vc_xstrdup(slash ? slash + 1 : p->daemons[i].log);
		r->ended = vc_xstrdup(how);
		log_settled(p->daemons[i].log);
		vc_file_tail(p->daemons[i].log, r->says, sizeof(r->says));
	}
}
