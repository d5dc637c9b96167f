/* vcheck run on a target whose cells run inside a VM vcheck boots first
 * (its `host` key, harness/run/host_vm.h). */
#ifndef VC_CLI_RUN_HOSTED_H
#define VC_CLI_RUN_HOSTED_H
#include <getopt.h>
#include <stddef.h>
#include "harness/plan/target.h"

/* One option of the command line as getopt gave it. */
struct vc_given_opt {
	int c;
	const char *arg;
};

/* Hands the run to the host VM: the same options (paths made absolute and
 * their directories shared with it, --out left to the VM's side), then the
 * inner run's exit status. 2 when the VM's parts are missing (what makes
 * them is named), 3 when the VM never finished the inner run. */
int vc_run_hosted(const struct vc_target *t, const struct option *opts, const struct vc_given_opt *given,
		  size_t ngiven, const char *out_dir, int quiet);
#endif
