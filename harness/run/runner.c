#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "harness/util/clock.h"
#include "harness/collect/collect.h"
#include "harness/collect/foreign.h"
#include "harness/collect/ring_reader.h"
#include "harness/run/console_source.h"
#include "harness/run/daemons.h"
#include "harness/util/fsutil.h"
#include "harness/run/host_events.h"
#include "harness/run/runner.h"
#include "harness/util/child.h"
#include "harness/util/vec.h"
#include "vcheck/ring.h"

#define MAX_JOBS 64
#define STDERR_TAIL 400
#define DAEMON_READY_SECONDS 5.0 /* qemu-storage-daemon is listening within tens of ms */
/* QEMU writes the console a byte per syscall. Reading it as it trickles
 * in costs a wakeup, a read and a log write per byte or two, on the same
 * cores the guests run on; letting it gather for this long first turns
 * that into one of each per few hundred bytes. It is also the most an
 * ask or query waits before the host sees it (the guest allows 300 ms). */
#define GATHER_NS 1000000L
#define CONSOLE_FLUSH_SECONDS 0.1 /* how stale a live console log may be */
/* How often a record ring is read: the longest an ask waits before the
 * host sees it (the guest allows 300 ms). */
#define RING_POLL_MS 2

struct job {
	struct vc_cell_plan *plan;
	struct vc_cell *cell;
	pid_t pid;
	struct vc_console_source src; /* where the guest's console is read: src.fd */
	int exited, status;           /* a launcher seen gone (consoles whose end is not an EOF) */
	FILE *console;
	double flushed; /* when the console log was last flushed */
	struct vc_collector coll;
	struct vc_foreign *foreign; /* a prefixed console's reader, in front of coll */
	int stopped_at_end;         /* killed on its end record (stop-at-end) */
	struct vc_host_events host; /* answers the guest's asks over QMP */
	double started, deadline;
	double timeout;             /* seconds without a record before the cell is WEDGED */
	int backend_gone;           /* a backend daemon exited while QEMU ran */
	unsigned long progress;     /* records seen when the deadline last moved */
	double ended; /* when its output ended or it was killed; 0 while it runs */
	int timed_out;
	int active; /* jobs stay in their slot: the collector points into it */
	pid_t *daemons; /* one per planned daemon, 0 when not running */
	volatile struct vc_ring_header *ring; /* the record ring, once QEMU made its RAM file */
	uint64_t ring_tail;                   /* bytes of it taken */
	int ring_broken;                      /* it said something impossible: read no more */
	char why[512]; /* why launch failed, when it did */
};

static volatile sig_atomic_t interrupted;

static void on_signal(int sig) { interrupted = sig; }

static void write_cmdline(const struct vc_cell_plan *p)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/cmdline.txt", p->log_dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return;
	vc_plan_write_cmdline(p, f);
	fclose(f);
}

static int prepare(struct vc_cell_plan *p, struct vc_cell *cell)
{
	if (vc_mkdirs(p->log_dir) || vc_mkdirs(p->scratch_dir)) {
		vc_cell_problem(cell, "cannot create %s: %s", p->log_dir, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < p->nfiles; i++)
		if (vc_write_pattern_file(p->files[i].path, p->files[i].size)) {
			vc_cell_problem(cell, "cannot create %s", p->files[i].path);
			return -1;
		}
	for (size_t i = 0; i < p->ndirs; i++)
		if (vc_mkdirs(p->dirs[i])) {
			vc_cell_problem(cell, "cannot create %s", p->dirs[i]);
			return -1;
		}
	if (strcmp(p->sock_dir, p->scratch_dir)) {
		vc_remove_tree(p->sock_dir); /* a stale socket would look ready */
		if (vc_mkdirs(p->sock_dir)) {
			vc_cell_problem(cell, "cannot create %s: %s", p->sock_dir, strerror(errno));
			return -1;
		}
	}
	write_cmdline(p);
	return 0;
}

/* in_r: QEMU's stdin (the guest's console input), or -1 for /dev/null. */
static void child_exec(const struct vc_cell_plan *p, const struct vc_console_source *src, int in_r)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/qemu-stderr.txt", p->log_dir);
	int err = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int in = in_r >= 0 ? in_r : src->child_in >= 0 ? src->child_in : open("/dev/null", O_RDONLY);
	if (err < 0 || in < 0)
		_exit(127);
	dup2(in, 0), dup2(src->child_out, 1), dup2(err, 2);
	for (size_t i = 0; i < p->nenv; i++)
		putenv(p->env[i]); /* this child's copy of the plan: it execs or exits */
	char **argv = vc_console_child_argv(src, p->argv);
	execvp(argv[0], argv);
	dprintf(2, "vcheck: cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

static int launch(struct job *j, double timeout)
{
	if (prepare(j->plan, j->cell))
		return -1;
	j->daemons = vc_xcalloc(j->plan->ndaemons + 1, sizeof(*j->daemons));
	double ready = timeout < DAEMON_READY_SECONDS ? timeout : DAEMON_READY_SECONDS;
	if (vc_daemons_start(j->plan, j->daemons, ready, j->why, sizeof(j->why)))
		return -1;
	/* A side-effect guest waits on its console input for the host's
	 * answer to a qemu-status ask; other cells read /dev/null. */
	int in[2] = { -1, -1 };
	if (vc_console_open(&j->src, j->plan, j->why, sizeof(j->why))) {
		vc_daemons_stop(j->plan, j->daemons, j->cell);
		return -1;
	}
	if (j->plan->qmp_path && pipe2(in, O_CLOEXEC)) {
		vc_console_close(&j->src);
		vc_daemons_stop(j->plan, j->daemons, j->cell);
		return -1;
	}
	char path[4096];
	snprintf(path, sizeof(path), "%s/console.txt", j->plan->log_dir);
	j->console = fopen(path, "wb");
	pid_t parent = getpid();
	j->pid = fork();
	if (j->pid == 0) {
		vc_child_leash(parent);
		child_exec(j->plan, &j->src, in[0]);
	}
	vc_console_parent(&j->src);
	if (in[0] >= 0)
		close(in[0]);
	if (in[1] >= 0)
		fcntl(in[1], F_SETFL, O_NONBLOCK); /* a byte must never block the runner */
	if (j->pid < 0) {
		vc_console_close(&j->src);
		if (in[1] >= 0)
			close(in[1]);
		vc_daemons_stop(j->plan, j->daemons, j->cell);
		return -1;
	}
	vc_collect_init(&j->coll, j->cell);
	if (j->plan->target->console_prefixed) {
		j->foreign = vc_xcalloc(1, sizeof(*j->foreign));
		vc_foreign_init(j->foreign, &j->coll);
	}
	j->started = vc_now();
	j->deadline = j->started + timeout;
	j->timeout = timeout;
	vc_host_events_init(&j->host, j->plan, j->cell, j->deadline, in[1]);
	j->coll.on_ask = vc_host_events_ask, j->coll.ask_ctx = &j->host;
	return 0;
}

static void stderr_tail(const struct vc_cell_plan *p, char *buf, size_t len)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/qemu-stderr.txt", p->log_dir);
	vc_file_tail(path, buf, len);
}

/* Judges the cell once QEMU is gone: a run is complete only with its end
 * record and a clean exit. */
static void conclude(struct job *j, int status)
{
	struct vc_cell *c = j->cell;
	char tail[STDERR_TAIL], why[STDERR_TAIL + 128];
	if (j->foreign)
		vc_foreign_finish(j->foreign); /* the collector's too */
	else
		vc_collect_finish(&j->coll);
	c->seconds = j->ended - j->started;
	stderr_tail(j->plan, tail, sizeof(tail));
	if (j->timed_out) {
		c->outcome = VC_OUT_WEDGED;
		snprintf(why, sizeof(why), "no record for %g s (%s); %lu records kept", j->timeout,
			 j->backend_gone ? "a backend daemon had exited" : "the timeout counts time without progress",
			 c->records);
	} else if (c->ended && (j->stopped_at_end || (WIFEXITED(status) && WEXITSTATUS(status) == 0))) {
		c->outcome = VC_OUT_COMPLETED;
		why[0] = 0;
	} else {
		c->outcome = VC_OUT_CRASHED;
		if (WIFSIGNALED(status))
			snprintf(why, sizeof(why), "QEMU killed by signal %d%s%s", WTERMSIG(status),
				 tail[0] ? ": " : "", tail);
		else if (WEXITSTATUS(status))
			snprintf(why, sizeof(why), "QEMU exited with status %d%s%s", WEXITSTATUS(status),
				 tail[0] ? ": " : "", tail);
		else
			snprintf(why, sizeof(why), "the image stopped without its end record%s%s",
				 c->outcome_detail ? ": " : "", c->outcome_detail ? c->outcome_detail : "");
	}
	if (why[0]) {
		free(c->outcome_detail);
		c->outcome_detail = vc_xstrdup(why);
	}
	if (j->foreign)
		vc_foreign_note(j->foreign, c);
	free(j->foreign), j->foreign = NULL;
	if (j->console)
		fclose(j->console);
}

/* The log must show a hung guest's last words while it hangs, so it is
 * flushed within CONSOLE_FLUSH_SECONDS of arriving (and at the end). */
static void flush_console(struct job *j, double t)
{
	if (j->console && t - j->flushed >= CONSOLE_FLUSH_SECONDS) {
		fflush(j->console);
		j->flushed = t;
	}
}

static void kill_job(struct job *j);

/* What the cell's records arrived on, into its console log and collector. */
static void take(struct job *j, const char *buf, size_t n)
{
	if (j->console)
		fwrite(buf, 1, n, j->console);
	if (j->foreign)
		vc_foreign_feed(j->foreign, buf, n);
	else
		vc_collect_feed(&j->coll, buf, n);
}

/* The ring's window of the cell's RAM file, once QEMU has made it that
 * large (a map past the file's end would fault on first touch). */
static void map_ring(struct job *j)
{
	int fd = open(j->plan->ring_path, O_RDWR | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0 && (unsigned long long)st.st_size >= j->plan->ring_offset + VC_RING_BYTES) {
		void *m = mmap(NULL, VC_RING_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)j->plan->ring_offset);
		if (m != MAP_FAILED)
			j->ring = m;
	}
	close(fd);
}

static void take_cb(void *ctx, const char *buf, size_t n) { take(ctx, buf, n); }

/* New bytes of the record ring, if it is there yet. */
static void drain_ring(struct job *j)
{
	char why[160];
	if (!j->plan->ring_path || j->ring_broken)
		return;
	if (!j->ring)
		map_ring(j);
	if (j->ring && vc_ring_take(j->ring, &j->ring_tail, take_cb, j, why, sizeof(why))) {
		vc_cell_problem(j->cell, "%s", why);
		j->ring_broken = 1;
	}
}

static void close_ring(struct job *j)
{
	if (j->ring)
		munmap((void *)j->ring, VC_RING_BYTES);
	j->ring = NULL;
	if (j->plan->ring_path)
		unlink(j->plan->ring_path);
}

/* Whether its console is read on a timer rather than on poll(): a ring,
 * a file, a socket not yet connected. */
static int ticks(struct job *j)
{
	return j->plan->ring_path || !vc_console_pollable(&j->src);
}

static void drain(struct job *j)
{
	char buf[65536];
	ssize_t n = -1;
	int fd = vc_console_fd(&j->src);
	drain_ring(j);
	errno = EAGAIN;
	while (fd >= 0 && (n = read(fd, buf, sizeof(buf))) > 0)
		take(j, buf, (size_t)n);
	/* The timeout is time without progress, not the cell's total: a slow
	 * but working device (a backend answering every config access) is
	 * not WEDGED while its records keep coming. */
	if (j->cell->records > j->progress) {
		j->progress = j->cell->records;
		j->deadline = vc_now() + j->timeout;
	}
	/* a pty whose last writer closed reads EIO; a file's end is not the console's */
	int gone = (n == 0 && vc_console_eof_ends(&j->src)) || (n < 0 && errno != EINTR && errno != EAGAIN);
	if (gone || j->exited) {
		vc_console_close(&j->src);
		j->ended = vc_now();
	} else if (j->cell->ended && j->plan->target->stop_at_end && !j->stopped_at_end) {
		j->stopped_at_end = 1; /* a VMM that runs on after the image is done */
		kill_job(j);
	}
}

/* A concluded cell's one line: name, verdict, then `tail`. */
static void cell_line(const struct vc_cell *c, const char *tail, const struct vc_runner_options *o)
{
	if (o->quiet)
		return;
	if (o->cell_line)
		o->cell_line(c, tail, o->ui_ctx);
	else
		fprintf(stderr, "vcheck: %-48s %-9s %s\n", c->name, vc_verdict_name(vc_cell_verdict(c)), tail);
}

static void finish_job(struct job *j, const struct vc_runner_options *o)
{
	int status = j->status;
	vc_console_close(&j->src);
	while (!j->exited && waitpid(j->pid, &status, 0) < 0 && errno == EINTR)
		;
	drain_ring(j); /* what the guest wrote after the last look: its end record */
	close_ring(j);
	vc_host_events_close(&j->host);
	vc_daemons_stop(j->plan, j->daemons, j->cell);
	conclude(j, status);
	if (o->on_cell_done)
		o->on_cell_done(j->cell, o->ctx);
	if (!o->keep_scratch)
		vc_remove_tree(j->plan->scratch_dir);
	if (strcmp(j->plan->sock_dir, j->plan->scratch_dir))
		vc_remove_tree(j->plan->sock_dir);
	free(j->daemons);
	j->daemons = NULL;
	char *tail = vc_xasprintf("%5.2fs %s", j->cell->seconds, j->cell->outcome_detail ? j->cell->outcome_detail : "");
	cell_line(j->cell, tail, o);
	free(tail);
}

static void kill_job(struct job *j)
{
	kill(-j->pid, SIGKILL);
	kill(j->pid, SIGKILL);
}

/* Ctrl-C, a kill, a closed terminal, Ctrl-\: every QEMU and daemon is
 * ended and reaped and the partial results written (exit 130). SIGPIPE: a
 * guest's console input whose QEMU is gone is an error, not a death. */
static const int caught[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE };
#define NCAUGHT (sizeof(caught) / sizeof(caught[0]))

static void install_signals(struct sigaction *old)
{
	struct sigaction sa = { .sa_handler = on_signal }, ign = { .sa_handler = SIG_IGN };
	sigemptyset(&sa.sa_mask);
	sigemptyset(&ign.sa_mask);
	for (size_t i = 0; i < NCAUGHT; i++)
		sigaction(caught[i], caught[i] == SIGPIPE ? &ign : &sa, &old[i]);
}

static void wait_step(struct job *jobs, size_t n)
{
	struct pollfd pfd[2 * MAX_JOBS];
	double t = vc_now(), soonest = t + 1.0;
	for (size_t i = 0; i < n; i++) {
		int live = jobs[i].active && !jobs[i].ended;
		pfd[i] = (struct pollfd){ .fd = live && vc_console_pollable(&jobs[i].src) ? jobs[i].src.fd : -1,
					  .events = POLLIN };
		if (live && jobs[i].deadline < soonest)
			soonest = jobs[i].deadline;
	}
	int ms = soonest > t ? (int)((soonest - t) * 1000) + 1 : 0, rings = 0;
	for (size_t i = 0; i < n; i++)
		if (jobs[i].active && !jobs[i].ended) {
			flush_console(&jobs[i], t);
			rings |= ticks(&jobs[i]);
		}
	/* a ring raises no event: it is looked at every RING_POLL_MS */
	int ready = poll(pfd, n, rings && ms > RING_POLL_MS ? RING_POLL_MS : ms);
	if (ready < 0)
		return;
	if (ready > 0)
		nanosleep(&(struct timespec){ .tv_nsec = GATHER_NS }, NULL);
	for (size_t i = 0; i < n; i++)
		if (jobs[i].active && !jobs[i].ended && (pfd[i].revents || ticks(&jobs[i])))
			drain(&jobs[i]);
}

static struct job *free_job(struct job *jobs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!jobs[i].active)
			return &jobs[i];
	return NULL;
}

/* Marks the jobs whose output ended, that overran their deadline, or all
 * of them once interrupted (killing what still runs). Returns how many
 * still run. A marked job no longer holds a slot: its replacement starts
 * before it is finished (finish_ended), so the next cell does not wait
 * for QEMU's exit, the verdicts and the scratch removal. */
/* A backend that died leaves QEMU waiting on its socket for an answer
 * that never comes: once one has exited, silence ends the cell after
 * BACKEND_GRACE seconds, not after the whole --timeout. Peeked at, not
 * reaped: vc_daemons_stop reports how it ended. */
#define BACKEND_GRACE 3.0
static void watch_backends(struct job *j, double t)
{
	for (size_t k = 0; !j->backend_gone && k < j->plan->ndaemons; k++) {
		siginfo_t info = { 0 };
		if (!j->daemons[k] || waitid(P_PID, (id_t)j->daemons[k], &info, WEXITED | WNOHANG | WNOWAIT) ||
		    info.si_pid == 0)
			continue;
		j->backend_gone = 1;
		if (j->timeout > BACKEND_GRACE)
			j->timeout = BACKEND_GRACE;
		if (j->deadline > t + BACKEND_GRACE)
			j->deadline = t + BACKEND_GRACE;
	}
}

static size_t reap(struct job *jobs, size_t n)
{
	size_t running = 0;
	double t = vc_now();
	for (size_t i = 0; i < n; i++) {
		struct job *j = &jobs[i];
		if (!j->active || j->ended)
			continue;
		if (j->daemons)
			watch_backends(j, t);
		if (j->src.from != VC_FROM_STDOUT && !j->exited && waitpid(j->pid, &j->status, WNOHANG) == j->pid) {
			j->exited = 1; /* the last bytes, then the end */
			drain(j);
			if (j->ended)
				continue;
		}
		if (interrupted || t >= j->deadline) {
			j->timed_out = !interrupted;
			kill_job(j);
			j->ended = t;
			continue;
		}
		running++;
	}
	return running;
}

static void finish_ended(struct job *jobs, size_t n, const struct vc_runner_options *o)
{
	for (size_t i = 0; i < n; i++) {
		struct job *j = &jobs[i];
		if (!j->active || !j->ended)
			continue;
		finish_job(j, o);
		if (interrupted && !j->timed_out) {
			free(j->cell->outcome_detail);
			j->cell->outcome = VC_OUT_WEDGED;
			j->cell->outcome_detail = vc_xstrdup("interrupted before the end record");
		}
		j->active = 0;
	}
}

/* Starts the plan in job j; a cell that cannot start is CRASH with why. */
static int start_job(struct job *j, struct vc_cell_plan *plan, struct vc_run *run, const struct vc_runner_options *o)
{
	*j = (struct job){ .plan = plan, .cell = &run->cells[plan->cell_index] };
	if (launch(j, o->timeout) == 0) {
		j->active = 1;
		return 1;
	}
	j->cell->outcome = VC_OUT_CRASHED;
	j->cell->outcome_detail = vc_xstrdup(j->why[0] ? j->why : "could not start QEMU");
	close_ring(j);
	free(j->daemons), j->daemons = NULL;
	if (strcmp(j->plan->sock_dir, j->plan->scratch_dir))
		vc_remove_tree(j->plan->sock_dir);
	cell_line(j->cell, j->cell->outcome_detail, o);
	return 0;
}

/* The running cells, for a live status line. */
static void tick(const struct job *jobs, size_t n, size_t started, size_t nplans, const struct vc_runner_options *o)
{
	struct vc_cell *live[2 * MAX_JOBS];
	size_t nlive = 0, held = 0;
	if (!o->on_tick)
		return;
	for (size_t i = 0; i < n; i++) {
		held += (size_t)jobs[i].active;
		if (jobs[i].active && !jobs[i].ended)
			live[nlive++] = jobs[i].cell;
	}
	o->on_tick(&(struct vc_runner_tick){ live, nlive, started - held, nplans }, o->ui_ctx);
}

int vc_run_cells(struct vc_run *run, struct vc_cell_plan *plans, size_t nplans,
		 const struct vc_runner_options *o)
{
	/* Up to `slots` running, and as many ended but not yet finished; a
	 * job is some 20 KB, so only as many as the run can use. */
	size_t running = 0, next = 0;
	size_t slots = o->jobs < 1 ? 1 : o->jobs > MAX_JOBS ? MAX_JOBS : o->jobs, n = 2 * slots;
	struct job *jobs = vc_xcalloc(n, sizeof(*jobs));
	struct sigaction old[NCAUGHT];
	interrupted = 0;
	install_signals(old);
	while ((next < nplans && !interrupted) || running) {
		struct job *j;
		while (!interrupted && next < nplans && running < slots && (j = free_job(jobs, n)))
			running += (size_t)start_job(j, &plans[next++], run, o);
		finish_ended(jobs, n, o);
		if (!running)
			continue;
		wait_step(jobs, n);
		running = reap(jobs, n);
		tick(jobs, n, next, nplans, o);
	}
	finish_ended(jobs, n, o);
	tick(jobs, n, next, nplans, o);
	for (; next < nplans; next++) {
		struct vc_cell *c = &run->cells[plans[next].cell_index];
		c->outcome = VC_OUT_WEDGED;
		c->outcome_detail = vc_xstrdup("not run: interrupted");
	}
	for (size_t i = 0; i < NCAUGHT; i++)
		sigaction(caught[i], &old[i], NULL);
	free(jobs);
	return interrupted ? -1 : 0;
}
