/* Which accelerator a target's cells run under. The device node decides
 * nothing: a /dev/kvm can open and create VMs yet boot no ordinary guest (a
 * paravirtual KVM), and an x86 KVM never runs an arm64 image. So KVM is
 * chosen only when the host's architecture is the target's, the node opens,
 * and a trial boot of the image under it reaches its end record. */
#ifndef VC_RUN_ACCEL_H
#define VC_RUN_ACCEL_H
#include "harness/plan/plan.h"

enum { VC_ACCEL_AUTO = -1 };

struct vc_accel_choice {
	enum vc_accel accel;
	char why[600];
};

/* Chooses for target t: `want` is VC_ACCEL_AUTO or an enum vc_accel.
 * A trial boot (KVM only) is planned with `base` (its out_dir gets an
 * accel-trial/ directory, kept as evidence) and lasts at most `timeout`
 * seconds. Returns 0 with the choice and why; -1 when `want` names an
 * accelerator that cannot run t here, with the reason in out->why. */
int vc_accel_choose(const struct vc_target *t, int want, const struct vc_plan_options *base, double timeout,
		    struct vc_accel_choice *out);

/* The host's architecture as targets name it ("aarch64", "x86_64"). */
const char *vc_host_arch(void);

#endif
