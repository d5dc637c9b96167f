/* What every subcommand shares: where the installed data is, and loading a
 * target by name or path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include "cli/cli.h"
#include "harness/util/closest.h"
#include "harness/plan/baseline.h"
#include "harness/util/fsutil.h"

const char *vc_share_dir(void)
{
	static char dir[4096];
	if (dir[0])
		return dir;
	char exe[3800];
	const char *env = getenv("VCHECK_SHARE_DIR");
	if (env && *env)
		snprintf(dir, sizeof(dir), "%s", env); /* a build run from elsewhere (inside a nested VM) */
	else if (vc_exe_dir(exe, sizeof(exe)) == 0)
		snprintf(dir, sizeof(dir), "%s/../share/vcheck", exe);
	else
		snprintf(dir, sizeof(dir), "share/vcheck");
	return dir;
}

int vc_cli_load_target(const char *name, struct vc_target *t)
{
	char path[4200], err[512];
	size_t n = strlen(name);
	if (strchr(name, '/') || (n > 7 && !strcmp(name + n - 7, ".target")))
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "%s/targets/%s.target", vc_share_dir(), name);
	if (!strchr(name, '/') && !vc_path_exists(path)) {
		char hint[160];
		vc_cli_suggest(hint, sizeof(hint), name, VC_NAMES_TARGETS, NULL);
		fprintf(stderr, "vcheck: unknown target '%s'%s (see 'vcheck list targets', or give a path to a .target file)\n",
			name, hint);
		return -1;
	}
	if (vc_target_load(path, t, err, sizeof(err))) {
		fprintf(stderr, "vcheck: %s\n", err);
		return -1;
	}
	char bin[3800];
	if (vc_exe_dir(bin, sizeof(bin)))
		snprintf(bin, sizeof(bin), ".");
	vc_target_set_dirs(t, vc_share_dir(), bin);
	return 0;
}

int vc_cli_check_daemons(const struct vc_target *t, const char *const *devices, size_t ndevices)
{
	size_t count = ndevices ? ndevices : t->ndevices;
	for (size_t i = 0; i < count; i++) {
		const struct vc_device_def *d = ndevices ? vc_target_device(t, devices[i]) : &t->devices[i];
		char *prog = d && (ndevices || d->is_default) ? vc_daemon_program(d) : NULL;
		char path[4200];
		int missing = prog && vc_find_program(prog, path, sizeof(path));
		if (missing)
			fprintf(stderr, "vcheck: %s (the backend daemon of device %s) not found: install the Debian package %s\n",
				prog, d->name, d->daemon_package ? d->daemon_package : "that provides it");
		free(prog);
		if (missing)
			return -1;
	}
	return 0;
}

int vc_cli_load_baseline(const struct vc_target *t, const char *given, struct vc_baseline *out)
{
	char path[4200], err[512];
	size_t n = strlen(t->path);
	const char *slash = strrchr(t->path, '/');
	int dir = slash ? (int)(slash - t->path + 1) : 0;
	if (given)
		snprintf(path, sizeof(path), "%s", given);
	else if (n > 7 && !strcmp(t->path + n - 7, ".target"))
		snprintf(path, sizeof(path), "%.*s.baseline", (int)(n - 7), t->path);
	else
		return 0;
	/* a target built on another shares its known failures unless it has its own */
	if (!given && !vc_path_exists(path) && t->base)
		snprintf(path, sizeof(path), "%.*s%s.baseline", dir, t->path, t->base);
	if (!given && !vc_path_exists(path))
		return 0;
	if (vc_baseline_load(path, t, out, err, sizeof(err)))
		return fprintf(stderr, "vcheck: %s\n", err), -1;
	return 0;
}

int vc_cli_exit_status(enum vc_verdict v, int interrupted)
{
	return interrupted		  ? VC_EXIT_INTERRUPTED
	       : vc_verdict_is_failure(v) ? VC_EXIT_FAILED
	       : v == VC_ERROR		  ? VC_EXIT_ERROR
					  : VC_EXIT_OK;
}

/* The names a mistyped one is compared with. */
static size_t target_names(const char **out, size_t cap, char store[][128])
{
	char dir[4200];
	snprintf(dir, sizeof(dir), "%s/targets", vc_share_dir());
	DIR *d = opendir(dir);
	size_t n = 0;
	for (struct dirent *e; d && n < cap && (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (len > 7 && len < 128 + 7 && !strcmp(e->d_name + len - 7, ".target")) {
			snprintf(store[n], 128, "%.*s", (int)(len - 7), e->d_name);
			out[n] = store[n];
			n++;
		}
	}
	if (d)
		closedir(d);
	return n;
}

void vc_cli_suggest(char *hint, size_t len, const char *name, enum vc_names what, const struct vc_target *t)
{
	static char store[128][128];
	const char *cands[256] = { 0 };
	size_t n = 0;
	if (what == VC_NAMES_TARGETS)
		n = target_names(cands, 128, store);
	for (size_t i = 0; what == VC_NAMES_DEVICES && t && i < t->ndevices && n < 256; i++)
		cands[n++] = t->devices[i].name;
	for (size_t i = 0; what == VC_NAMES_TRANSPORTS && t && i < t->ntransports && n < 256; i++)
		cands[n++] = t->transports[i].name;
	const char *hit = what == VC_NAMES_CHECKS ? vc_cli_closest_check(name) : n ? vc_closest(name, cands, n) : NULL;
	if (hit)
		snprintf(hint, len, " (did you mean '%.100s'?)", hit);
	else
		hint[0] = 0;
}
