#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include "cli/outdir.h"
#include "harness/util/fsutil.h"

/* Characters a path may hold and still pass through QEMU's option syntax
 * (',' separates options) and the target's space-separated words. */
static int plain_path(const char *s)
{
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+@:") == strlen(s);
}

static int lock_out(const char *out, struct vc_outdir *o)
{
	char path[4200], holder[32] = "";
	snprintf(path, sizeof(path), "%s/.vcheck.lock", out);
	o->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (o->lock_fd < 0)
		return fprintf(stderr, "vcheck: cannot create %s: %s\n", path, strerror(errno)), -1;
	if (flock(o->lock_fd, LOCK_EX | LOCK_NB)) {
		ssize_t n = pread(o->lock_fd, holder, sizeof(holder) - 1, 0);
		holder[n > 0 ? n : 0] = 0;
		holder[strcspn(holder, "\n")] = 0;
		fprintf(stderr, "vcheck: %s is in use by another vcheck run (PID %s): give this run its own --out\n", out,
			holder[0] ? holder : "unknown");
		close(o->lock_fd), o->lock_fd = -1;
		return -1;
	}
	char pid[32];
	int n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(o->lock_fd, 0) || pwrite(o->lock_fd, pid, (size_t)n, 0) != n)
		return fprintf(stderr, "vcheck: cannot write %s\n", path), -1;
	return 0;
}

/* The lock is ours, so no run is using what is in cells/: scratch trees
 * there are a killed run's. */
static void remove_stale_scratch(const char *out)
{
	char cells[4200], path[4500];
	snprintf(cells, sizeof(cells), "%s/cells", out);
	DIR *d = opendir(cells);
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/scratch", cells, e->d_name);
		vc_remove_tree(path);
	}
	if (d)
		closedir(d);
}

/* DIR/vcheck-PID-... (sockets, links, record rings' RAM files) of a
 * vcheck that is gone. */
static void remove_orphans_in(const char *dir)
{
	DIR *d = opendir(dir);
	char path[300];
	for (struct dirent *e; d && (e = readdir(d));) {
		char *end;
		if (strncmp(e->d_name, "vcheck-", 7))
			continue;
		long pid = strtol(e->d_name + 7, &end, 10);
		if (end == e->d_name + 7 || *end != '-' || pid <= 0 || pid == (long)getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (unlink(path))
			vc_remove_tree(path);
	}
	if (d)
		closedir(d);
}

int vc_outdir_open(const char *out, struct vc_outdir *o, const char **plan_dir)
{
	memset(o, 0, sizeof(*o));
	o->lock_fd = -1;
	*plan_dir = out;
	if (vc_mkdirs(out))
		return fprintf(stderr, "vcheck: cannot create output directory %s\n", out), -1;
	if (lock_out(out, o))
		return -1;
	remove_stale_scratch(out);
	remove_orphans_in("/tmp");
	remove_orphans_in("/dev/shm");
	if (plain_path(out))
		return 0;
	char *real = realpath(out, NULL);
	snprintf(o->alias, sizeof(o->alias), "/tmp/vcheck-%ld-out", (long)getpid());
	unlink(o->alias);
	if (!real || symlink(real, o->alias)) {
		fprintf(stderr, "vcheck: cannot link %s for %s: %s\n", o->alias, out, strerror(errno));
		free(real);
		o->alias[0] = 0;
		return -1;
	}
	free(real);
	*plan_dir = o->alias;
	return 0;
}

void vc_outdir_close(struct vc_outdir *o)
{
	if (o->alias[0])
		unlink(o->alias);
	if (o->lock_fd >= 0)
		close(o->lock_fd); /* the lock goes with it */
	o->lock_fd = -1;
}
