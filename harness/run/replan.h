/* Booting a planned cell again with more image options (XPASS
 * confirmation, resuming after the VMM died): the same command line, the
 * personality the cell ran under, and logs in cells/NAME<suffix>. */
#ifndef VC_RUN_REPLAN_H
#define VC_RUN_REPLAN_H
#include "harness/model/model.h"
#include "harness/plan/plan.h"
#include "harness/run/runner.h"

struct vc_rerun_setup {
	const struct vc_plan_options *plan; /* as the cells were planned */
	const struct vc_runner_options *runner;
};

/* Plans cell `c` (planned as `p`) into `tmp` with `extra` appended to the
 * image's options; -1 with a message on stderr. */
int vc_replan(struct vc_run *tmp, const struct vc_cell_plan *p, const struct vc_cell *c, const char *extra,
	      const char *suffix, const struct vc_rerun_setup *s, struct vc_cell_plan *out);
#endif
