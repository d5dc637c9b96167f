/* Runs planned cells: up to `jobs` QEMUs at once, each watched for output,
 * timeout and exit, all reaped on every path including Ctrl-C. */
#ifndef VC_RUNNER_H
#define VC_RUNNER_H
#include "harness/model/model.h"
#include "harness/plan/plan.h"

struct vc_runner_options {
	unsigned jobs;
	double timeout;   /* seconds per cell */
	int keep_scratch;
	int quiet;
	/* Called as each cell concludes, before its progress line (baselines). */
	void (*on_cell_done)(struct vc_cell *cell, void *ctx);
	void *ctx;
};

/* Returns 0, or -1 when interrupted by a signal (results so far are kept). */
int vc_run_cells(struct vc_run *run, struct vc_cell_plan *plans, size_t nplans,
		 const struct vc_runner_options *o);

#endif
