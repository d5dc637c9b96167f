#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "harness/util/clock.h"
#include "harness/run/host_vm.h"
#include "harness/util/child.h"
#include "harness/util/fsutil.h"
#include "harness/util/vec.h"

/* Where the output directory's share is mounted in the VM. The inner run
 * writes to the output directory's own path, but on a tmpfs there: QEMU's
 * unix sockets and its tens of MB of trace would not live well on 9p, and
 * every path the inner run prints is then the one the user gave. The
 * results are copied onto the share once the run ends. */
#define SHARE_MNT "/vcheck-results"
/* The kernel command line's size on arm64 (COMMAND_LINE_SIZE). */
#define CMDLINE_MAX 2048
/* The VM's heartbeat on its console while the inner run runs. */
#define HEARTBEAT_S "10"

static volatile sig_atomic_t stop_sig;
static void on_signal(int sig) { stop_sig = sig; }

static void quote(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++)
		fputs(*s == '\'' ? "'\\''" : (char[]){ *s, 0 }, f);
	fputc('\'', f);
}

/* The script the VM's init runs: the inner vcheck, then its results onto
 * the share (less its lock file: the outer run's is the one that holds). */
static int write_script(const struct vc_host_run *h, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs("# written by vcheck for the host VM's init (harness/run/host_vm.c)\nexport VCHECK_SHARE_DIR=", f);
	quote(f, h->share_dir);
	fputs(" " VC_INSIDE_HOST_ENV "=1\nout=", f);
	quote(f, h->out_dir);
	/* the tmpfs gets the output directory's mode: cp -a copies it back */
	fputs("\nif ! { mkdir -p \"$out\" && mount -t tmpfs -o mode=$(stat -c %a " SHARE_MNT ") vcheck-out \"$out\"; }; then\n"
	      "\techo \"vcheck-nested: error: no tmpfs at $out\"\n\texit 3\nfi\n", f);
	/* The inner run prints a line per cell, and a cell of every device can
	 * take minutes here; it times its own cells out. The host only needs
	 * to know the VM still runs: a heartbeat line every few seconds. */
	fputs("(while sleep " HEARTBEAT_S "; do echo vcheck-nested: alive; done) &\nbeat=$!\n", f);
	quote(f, h->vcheck);
	for (size_t i = 0; i < h->argc; i++)
		fputc(' ', f), quote(f, h->argv[i]);
	fputs(" --out \"$out\" 2>&1\nrc=$?\nkill $beat\nrm -f \"$out/.vcheck.lock\"\n"
	      "if ! cp -a \"$out/.\" " SHARE_MNT "/; then\n"
	      "\techo 'vcheck-nested: error: the results could not be copied to the share'\n\texit 3\nfi\n"
	      "exit $rc\n", f);
	return fclose(f);
}

static void push(char ***v, size_t *n, size_t *cap, char *owned) { *VEC_PUSH(*v, *n, *cap) = owned; }

/* The VM's command: the target's `host`, a 9p share per directory (the
 * output directory writable, the rest read-only) and the kernel command
 * line the init reads (ci/nested/init). NULL with why when it is too long. */
/* script and status: file names in the output directory's host/. */
static char **vm_argv(const struct vc_host_run *h, const char *script, const char *status, char *why, size_t len)
{
	char **v = NULL, *copy = vc_xstrdup(h->target->host), *save;
	size_t n = 0, cap = 0;
	for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
		push(&v, &n, &cap, vc_xstrdup(w));
	free(copy);
	char shares[CMDLINE_MAX] = "";
	for (size_t i = 0; i <= h->nshares; i++) {
		const char *dir = i ? h->shares[i - 1] : h->out_dir;
		push(&v, &n, &cap, vc_xstrdup("-virtfs"));
		push(&v, &n, &cap, vc_xasprintf("local,path=%s,mount_tag=v%zu,security_model=none%s", dir, i,
						i ? ",readonly=on" : ""));
		size_t used = strlen(shares);
		snprintf(shares + used, sizeof(shares) - used, "%sv%zu:%s", i ? "," : "", i, i ? dir : SHARE_MNT);
	}
	char *append = vc_xasprintf("console=ttyAMA0 rdinit=/init quiet vcheck.9p=%s vcheck.run=" SHARE_MNT
				    "/host/%s vcheck.status=" SHARE_MNT "/host/%s", shares, script, status);
	if (strlen(append) >= CMDLINE_MAX) {
		snprintf(why, len, "the host VM's kernel command line would be %zu bytes, more than %d: use shorter paths",
			 strlen(append), CMDLINE_MAX);
		free(append);
		for (size_t i = 0; i < n; i++)
			free(v[i]);
		free(v);
		return NULL;
	}
	push(&v, &n, &cap, vc_xstrdup("-append"));
	push(&v, &n, &cap, append);
	push(&v, &n, &cap, NULL);
	return v;
}

struct relay {
	FILE *log;
	char line[4096];
	size_t len;
	int quiet, exit_seen, exit_status;
	char error[512];
};

/* The VM's console: kept whole, and its lines read for the inner run's
 * progress (relayed), its exit status and the init's errors. */
static void relay_line(struct relay *r)
{
	r->line[r->len] = 0;
	while (r->len && (r->line[r->len - 1] == '\r'))
		r->line[--r->len] = 0;
	int status;
	char tail;
	if (sscanf(r->line, "vcheck-nested: exit %d%c", &status, &tail) == 1)
		r->exit_seen = 1, r->exit_status = status;
	else if (!strncmp(r->line, "vcheck-nested: error: ", 22))
		snprintf(r->error, sizeof(r->error), "%s", r->line + 22);
	else if (!r->quiet && !strncmp(r->line, "vcheck: ", 8))
		fprintf(stderr, "%s\n", r->line);
	r->len = 0;
}

static void relay(struct relay *r, const char *buf, size_t n)
{
	if (r->log)
		fwrite(buf, 1, n, r->log);
	for (size_t i = 0; i < n; i++) {
		if (buf[i] == '\n')
			relay_line(r);
		else if (r->len < sizeof(r->line) - 1)
			r->line[r->len++] = buf[i];
	}
}

static pid_t start_vm(char **argv, const char *stderr_path, int *out_fd)
{
	int fds[2];
	if (pipe2(fds, O_CLOEXEC))
		return -1;
	pid_t parent = getpid(), pid = fork();
	if (pid == 0) {
		vc_child_leash(parent);
		int err = open(stderr_path, O_WRONLY | O_CREAT | O_TRUNC, 0644), in = open("/dev/null", O_RDONLY);
		if (err < 0 || in < 0)
			_exit(127);
		dup2(in, 0), dup2(fds[1], 1), dup2(err, 2);
		execvp(argv[0], argv);
		dprintf(2, "vcheck: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	if (pid < 0)
		close(fds[0]);
	*out_fd = fds[0];
	return pid;
}

/* Reads the console until the VM exits, is silent for too long, or a
 * signal asks vcheck to stop; returns QEMU's wait status, -1 if killed. */
static int watch_vm(pid_t pid, int fd, struct relay *r, double silence)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa = { .sa_handler = on_signal }, old[4];
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 4; i++)
		sigaction(sigs[i], &sa, &old[i]);
	stop_sig = 0;
	double deadline = vc_now() + silence;
	int killed = 0, status = 0;
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int ms = (int)((deadline - vc_now()) * 1000) + 1;
		int ready = poll(&p, 1, ms > 0 ? ms : 0);
		if (stop_sig || (ready == 0 && vc_now() >= deadline)) {
			kill(-pid, SIGKILL), kill(pid, SIGKILL);
			killed = 1;
			break;
		}
		if (ready <= 0)
			continue;
		char buf[8192];
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		relay(r, buf, (size_t)n);
		deadline = vc_now() + silence;
	}
	close(fd);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	for (int i = 0; i < 4; i++)
		sigaction(sigs[i], &old[i], NULL);
	return killed ? -1 : status;
}

/* The inner run's exit status: the file the init wrote on the share, else
 * the console's line; -1 when neither says. */
static int inner_status(const char *status_path, const struct relay *r)
{
	FILE *f = fopen(status_path, "r");
	int v = -1;
	if (f) {
		if (fscanf(f, "%d", &v) != 1 || v < 0 || v > 255)
			v = -1;
		fclose(f);
	}
	return v >= 0 ? v : r->exit_seen ? r->exit_status : -1;
}

int vc_host_run(const struct vc_host_run *h, char *why, size_t len)
{
	char *dir = vc_xasprintf("%s/host", h->out_dir);
	char *script = vc_xasprintf("%s/run.sh", dir), *status = vc_xasprintf("%s/status", dir);
	char *console = vc_xasprintf("%s/console.txt", dir), *err = vc_xasprintf("%s/qemu-stderr.txt", dir);
	char **argv = NULL;
	int rc = -1, fd = -1;
	unlink(status);
	if (vc_mkdirs(dir) || write_script(h, script)) {
		snprintf(why, len, "cannot write %s: %s", script, strerror(errno));
	} else if ((argv = vm_argv(h, "run.sh", "status", why, len))) {
		struct relay r = { .log = fopen(console, "wb"), .quiet = h->quiet };
		pid_t pid = start_vm(argv, err, &fd);
		int ws = pid < 0 ? -1 : watch_vm(pid, fd, &r, h->silence);
		if (r.len)
			relay_line(&r);
		if (r.log)
			fclose(r.log);
		rc = inner_status(status, &r);
		char tail[300];
		vc_file_tail(err, tail, sizeof(tail));
		if (stop_sig)
			rc = 130, snprintf(why, len, "interrupted");
		else if (rc < 0 && ws == -1)
			snprintf(why, len, "the host VM printed nothing for %g s and was stopped (its console: %s)",
				 h->silence, console);
		else if (rc < 0)
			snprintf(why, len, "the host VM ended before the inner run did: %s (its console: %s)",
				 r.error[0] ? r.error : tail[0] ? tail : "no reason given", console);
	}
	for (size_t i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv), free(dir), free(script), free(status), free(console), free(err);
	return rc;
}
