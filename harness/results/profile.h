/* `vcheck run --profile`: where a run's guest time went, per check. */
#ifndef VC_PROFILE_H
#define VC_PROFILE_H
#include <stdio.h>
#include "harness/model/model.h"

struct vc_profile_row {
	const struct vc_cell *cell;
	const struct vc_device *dev;
	const struct vc_check_result *check;
};

/* The timed checks of the run, slowest (check and its reset together)
 * first; returns how many, or -1 when out of memory. *rows is malloc'd. */
long vc_profile_rows(const struct vc_run *run, struct vc_profile_row **rows);
/* Per cell the guest time in checks and in resets, then the `top` slowest checks. */
void vc_profile_print(const struct vc_run *run, FILE *f, unsigned top);
#endif
