#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "harness/run/accel.h"
#include "harness/run/runner.h"
#include "harness/util/vec.h"

const char *vc_host_arch(void)
{
	static struct utsname u;
	if (!u.machine[0] && uname(&u))
		return "unknown";
	return !strcmp(u.machine, "arm64") ? "aarch64" : u.machine;
}

/* Boots the image with no devices under accelerator a: a start record, an
 * end record and a clean exit say it runs. The cell's logs stay in
 * OUT/accel-trial/ as the evidence. */
static int trial(const struct vc_target *t, enum vc_accel a, const struct vc_plan_options *base, double timeout,
		 char *why, size_t len)
{
	struct vc_run run = { 0 };
	struct vc_cell_plan plan;
	struct vc_plan_options o = *base;
	char err[512];
	char *dir = vc_xasprintf("%s/accel-trial", base->out_dir);
	o.out_dir = dir, o.accel = a, o.accel_why = "trial boot", o.no_devices = 1;
	o.bootargs = "vcheck.checks=0 vcheck.trace=0", o.personality = NULL, o.sidefx = 0;
	o.log_suffix = a == VC_ACCEL_KVM ? ".kvm" : ".tcg";
	int ok = 0;
	if (vc_plan_cell(&run, t, &t->transports[0], &o, &plan, err, sizeof(err))) {
		snprintf(why, len, "the trial boot could not be planned: %.300s", err);
	} else {
		struct vc_runner_options ro = { .jobs = 1, .timeout = timeout, .quiet = 1 };
		vc_run_cells(&run, &plan, 1, &ro);
		const struct vc_cell *c = &run.cells[0];
		ok = c->outcome == VC_OUT_COMPLETED && c->started;
		if (ok)
			snprintf(why, len, "a trial boot under %s reached its end record in %.2f s (%s/%s)",
				 vc_accel_name(a), c->seconds, dir, c->log_dir);
		else
			snprintf(why, len, "a trial boot under %s did not complete: %s (%s/%s)", vc_accel_name(a),
				 c->outcome_detail ? c->outcome_detail : vc_outcome_name(c->outcome), dir, c->log_dir);
		vc_plan_free(&plan);
	}
	vc_run_free(&run);
	free(dir);
	return ok ? 0 : -1;
}

/* Whether KVM can run t here, and why (or why not). */
static int kvm_usable(const struct vc_target *t, const struct vc_plan_options *base, double timeout, char *why,
		      size_t len)
{
	const char *host = vc_host_arch();
	if (!t->accels[VC_ACCEL_KVM].defined && !t->only_kvm) {
		snprintf(why, len, "target %s has no [accel kvm] section", t->name);
		return -1;
	}
	if (strcmp(host, t->arch)) {
		snprintf(why, len, "the host is %s and KVM runs only %s guests, the target is %s", host, host, t->arch);
		return -1;
	}
	int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, len, "cannot open /dev/kvm: %s", strerror(errno));
		return -1;
	}
	close(fd);
	return trial(t, VC_ACCEL_KVM, base, timeout, why, len);
}

int vc_accel_choose(const struct vc_target *t, int want, const struct vc_plan_options *base, double timeout,
		    struct vc_accel_choice *out)
{
	char why[sizeof(out->why) - 64];
	if (t->only_kvm && want == VC_ACCEL_TCG) {
		snprintf(out->why, sizeof(out->why), "target %s runs only under KVM (only-accel = kvm)", t->name);
		return -1;
	}
	if (want == VC_ACCEL_TCG) {
		out->accel = VC_ACCEL_TCG;
		snprintf(out->why, sizeof(out->why), "asked for (--accel tcg)");
		return 0;
	}
	int kvm = kvm_usable(t, base, timeout, why, sizeof(why)) == 0;
	out->accel = kvm ? VC_ACCEL_KVM : VC_ACCEL_TCG;
	if (want == VC_ACCEL_KVM)
		snprintf(out->why, sizeof(out->why), "%s%s", kvm ? "asked for (--accel kvm); " : "", why);
	else
		snprintf(out->why, sizeof(out->why), "auto: %s%s", kvm ? "" : "TCG, since ", why);
	if (t->only_kvm && !kvm)
		snprintf(out->why, sizeof(out->why), "target %s runs only under KVM, and here %s", t->name, why);
	return (want == VC_ACCEL_KVM || t->only_kvm) && !kvm ? -1 : 0;
}
