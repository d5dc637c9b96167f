/* A target whose cells run inside a VM vcheck boots first (its `host`
 * key): real KVM on a machine that has none to give, by nesting an arm64
 * Linux with KVM under TCG and running an arm64 vcheck in it. Everything a
 * run needs then lives beside QEMU in that VM (its trace, its QMP socket,
 * backend daemons, files the devices write), so every feature works as on
 * a host with KVM; only the cells' results cross back, through a 9p share
 * of the output directory. */
#ifndef VC_RUN_HOST_VM_H
#define VC_RUN_HOST_VM_H
#include <stddef.h>
#include "harness/plan/target.h"

struct vc_host_run {
	const struct vc_target *target;
	const char *out_dir;         /* the run's output directory (a path safe in QEMU options) */
	const char *share_dir;       /* vcheck's data directory, the inner run's too (one of shares) */
	const char *vcheck;          /* the inner vcheck, by a path inside one of the shares */
	const char *const *argv;     /* the inner `vcheck run ...` arguments, without --out */
	size_t argc;
	const char *const *shares;   /* directories the inner run reads, shared read-only at their paths */
	size_t nshares;
	double silence;              /* seconds without a console line before the VM is given up (it beats every 10 s) */
	int quiet;                   /* no relayed progress lines */
};

/* Boots the host VM, runs the inner vcheck in it and waits. Returns the
 * inner run's exit status (its results.json, junit.xml and cells are then
 * in out_dir), 130 when interrupted, or -1 with why when the VM never got
 * to the end of the inner run (its console is kept in out_dir/host/). */
int vc_host_run(const struct vc_host_run *h, char *why, size_t len);

/* Set in the inner run's environment: the target's `host` key is then
 * ignored (the cells run where that vcheck runs). */
#define VC_INSIDE_HOST_ENV "VCHECK_INSIDE_HOST"

#endif
