#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli/ci_outputs.h"
#include "cli/cli.h"
#include "harness/results/results_json.h"
#include "reports/junit.h"
#include "reports/tap.h"

/* A run can take minutes: a TAP file it could not write at the end would
 * lose them, so its directory is tried first. */
static int tap_dir_writable(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	if (!*path || (slash && !slash[1]))
		return fprintf(stderr, "vcheck: --tap wants a file name, not '%s'\n", path), -1;
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else
		snprintf(dir, sizeof(dir), "%.*s", slash == path ? 1 : (int)(slash - path), path);
	if (access(dir, W_OK | X_OK))
		return fprintf(stderr, "vcheck: --tap %s: cannot write in %s: %s\n", path, dir, strerror(errno)), -1;
	return 0;
}

int vc_ci_take_option(int c, const char *arg, struct vc_ci_opts *o)
{
	if (c == VC_OPT_TAP) {
		o->tap = arg;
		return tap_dir_writable(arg);
	}
	if (!strcmp(arg, "fail") || !strcmp(arg, "warn")) {
		o->fail_on = arg[0] == 'w' ? VC_FAIL_ON_WARN : VC_FAIL_ON_FAIL;
		return 0;
	}
	return fprintf(stderr, "vcheck: --fail-on wants warn or fail, not '%s'\n", arg), -1;
}

int vc_cli_write_ci_outputs(const struct vc_run *run, const char *out, const struct vc_ci_opts *o)
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/results.json", out);
	if (vc_write_results_json(run, path))
		return fprintf(stderr, "vcheck: cannot write %s\n", path), -1;
	snprintf(path, sizeof(path), "%s/junit.xml", out);
	if (vc_write_junit_for(run, path, o->fail_on))
		return fprintf(stderr, "vcheck: cannot write %s\n", path), -1;
	if (o->tap && vc_write_tap(run, o->tap, o->fail_on))
		return fprintf(stderr, "vcheck: cannot write %s\n", o->tap), -1;
	return 0;
}

static int any_warn(const struct vc_run *run)
{
	for (size_t i = 0; i < run->ncells; i++)
		for (size_t d = 0; d < run->cells[i].ndevices; d++) {
			const struct vc_device *dev = &run->cells[i].devices[d];
			for (size_t k = 0; k < dev->nchecks; k++)
				if (dev->checks[k].verdict == VC_WARN)
					return 1;
		}
	return 0;
}

/* A WARN outranks ERROR here as a FAIL does (README, Verdicts): a retry
 * for a broken channel must not pass a device's finding. */
int vc_cli_ci_exit_status(const struct vc_run *run, int interrupted, const struct vc_ci_opts *o)
{
	int rc = vc_cli_exit_status(vc_run_verdict(run), interrupted);
	if ((rc == VC_EXIT_OK || rc == VC_EXIT_ERROR) && o->fail_on == VC_FAIL_ON_WARN && any_warn(run))
		return VC_EXIT_FAILED;
	return rc;
}
