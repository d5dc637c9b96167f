/* A known failure that passes once is not yet fixed. Several baselined
 * failures show as something the device does where it must not (serves a
 * request before DRIVER_OK, uses a queue that is not ready or was reset):
 * the guest sees them within a silence window, and a host that holds the
 * device's thread off for the whole window turns them into a pass. Before
 * an XPASS is reported (exit 1: "update the baseline"), the cell boots
 * again with only those checks, up to VC_CONFIRM_RUNS times. One that
 * fails there is the known failure (XFAIL), its detail naming the run that
 * showed it; an XPASS no confirmation failed stands, its detail counting
 * the confirmations that passed it again. */
#ifndef VC_CONFIRM_H
#define VC_CONFIRM_H
#include "harness/model/model.h"
#include "harness/plan/plan.h"
#include "harness/run/replan.h"
#include "harness/run/runner.h"

#define VC_CONFIRM_RUNS 2

/* The XPASS check IDs of `c`, comma-separated, each once, into buf (""
 * when none or when they do not fit). Returns how many. */
size_t vc_confirm_ids(const struct vc_cell *c, char *buf, size_t len);
/* Carries confirmation cell `k`'s verdicts into `c`: an XPASS whose check
 * is XFAIL on the same device in `k` becomes XFAIL. `k_logs` names k's
 * log directory in the detail. Returns how many XPASSes remain. */
size_t vc_confirm_merge(struct vc_cell *c, const struct vc_cell *k, unsigned round);
/* Runs the confirmations for every cell of `run` with an XPASS; 0, or -1
 * when interrupted. */
int vc_confirm_xpasses(struct vc_run *run, const struct vc_cell_plan *plans, size_t nplans,
		       const struct vc_rerun_setup *s);
#endif
