/* A baseline written from a run (vcheck baseline --from): one line per
 * check a baseline can hold, grouped under a comment per cell and device
 * so that a human can review each before it is committed. A baseline
 * turns FAIL and FAULT into XFAIL (baseline.c), so those are written,
 * with the check's detail as the reason, and so are the run's XFAILs,
 * with the reason they already had. WARN, SKIP and PASS need no line;
 * WEDGED, CRASH and ERROR are not known failures a baseline can hold
 * (a VMM that dies or a channel that breaks is never expected), and an
 * XPASS is a failure that is gone: those are counted, not written. */
#ifndef VC_BASELINE_FROM_H
#define VC_BASELINE_FROM_H
#include <stddef.h>
#include <stdio.h>
#include "harness/plan/target.h"
#include "harness/util/json_read.h"

struct vc_bl_from_counts {
	size_t cells;      /* cells of the target */
	size_t lines;      /* lines written */
	size_t not_held;   /* WEDGED, CRASH or ERROR checks: no line */
	size_t xpass;      /* XPASS checks: fixed, no line */
	size_t unattached; /* failing checks of devices the target did not attach: no model to name */
};

/* Writes the baseline of `doc` (a results.json) for target t's cells to
 * f; `source` names the run in the header. Every line's TRANSPORT field
 * is narrowed to the device's interface where the transport shows more
 * than one, and only where t accepts that. 0, or -1 with why in err. */
int vc_baseline_from_results(const struct jv *doc, const struct vc_target *t, const char *source, FILE *f,
			     struct vc_bl_from_counts *n, char *err, size_t errlen);
#endif
