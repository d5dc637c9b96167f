/* Runs planned cells: up to `jobs` QEMUs at once, each watched for output,
 * timeout and exit, all reaped on every path including Ctrl-C. */
#ifndef VC_RUNNER_H
#define VC_RUNNER_H
#include "harness/model/model.h"
#include "harness/plan/plan.h"

/* Where a batch of cells is: the running cells' records arrive into
 * them, so their check verdicts so far are theirs to count. */
struct vc_runner_tick {
	struct vc_cell *const *running;
	size_t nrunning;
	size_t done, total; /* cells of this batch concluded, planned */
};

struct vc_runner_options {
	unsigned jobs;
	double timeout;   /* seconds per cell */
	int keep_scratch;
	int quiet;
	/* Called as each cell concludes, before its progress line (baselines). */
	void (*on_cell_done)(struct vc_cell *cell, void *ctx);
	void *ctx;
	/* A live view for a person (cli/progress.h), both optional: on_tick as
	 * the runner waits, and once the batch is over; cell_line writes a
	 * concluded cell's line in place of the runner's plain one, `tail`
	 * being its time and detail. */
	void (*on_tick)(const struct vc_runner_tick *t, void *ctx);
	void (*cell_line)(const struct vc_cell *cell, const char *tail, void *ctx);
	void *ui_ctx;
};

/* Returns 0, or -1 when interrupted by a signal (results so far are kept). */
int vc_run_cells(struct vc_run *run, struct vc_cell_plan *plans, size_t nplans,
		 const struct vc_runner_options *o);

#endif
