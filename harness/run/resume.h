/* A check that kills the VMM (CRASH) or stops it making progress (WEDGED)
 * must not take the rest of the cell with it. A catalogue cell that ended
 * early boots again in careful mode (vcheck.careful: each check said before
 * it runs, every verdict sent at once), resuming at the device it stopped
 * on without the checks that have verdicts (vcheck.resume). When that boot
 * ends early too, the check its last "begin" named is the one: it gets the
 * boot's outcome as its verdict, and the next boot resumes after it. Each
 * check keeps the boot it ran in; logs in cells/NAME.resumeN. */
#ifndef VC_RUN_RESUME_H
#define VC_RUN_RESUME_H
#include "harness/run/replan.h"

/* Boots a cell this many times at most after the first. */
#define VC_RESUME_BOOTS 8

/* Resumes every catalogue cell of `run` that ended early; 0, or -1 when
 * interrupted. */
int vc_resume_cells(struct vc_run *run, const struct vc_cell_plan *plans, size_t nplans,
		    const struct vc_rerun_setup *s);
/* The options that resume `c` (its last device, the checks with verdicts
 * on it) into buf; 0 when there is nowhere to resume (it never reached a
 * device's checks). */
int vc_resume_point(const struct vc_cell *c, char *buf, size_t len);
/* Carries boot `k`'s verdicts into `c` (devices matched by location and
 * interface); a check `k` ended in gets k's outcome. */
void vc_resume_merge(struct vc_cell *c, struct vc_cell *k, unsigned boot);
#endif
