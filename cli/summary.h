/* The end of a run or a collection, for the person reading the console:
 * every check that did not pass, worst first, then one line of counts
 * (pytest's short summary). A cell that broke before its checks (CRASH,
 * WEDGED, ERROR) and an attached device the guest did not find are listed
 * too, as junit.xml's `boot` and `found.MODEL` cases: `boot`, `found`
 * (the model is in the device column). SKIP and XFAIL
 * are counted, never listed: a baselined failure's reason is in the
 * reports, and it does not gate. */
#ifndef VC_CLI_SUMMARY_H
#define VC_CLI_SUMMARY_H
#include <stdio.h>
#include "cli/colour.h"
#include "harness/model/model.h"

/* -q lists this many red entries at most, then says where the rest are. */
#define VC_SUMMARY_QUIET_MAX 20

struct vc_summary_options {
	int quiet;        /* red entries only, capped, no header */
	int colour;       /* verdict words coloured (colour.h) */
	unsigned width;   /* columns a line may take; the reason is cut to fit */
	const char *more; /* where every entry can be read, "DIR/report.md" */
};

void vc_summary_print(const struct vc_run *run, const struct vc_summary_options *o, FILE *f);
/* The columns of the terminal f is, else a width a log reads well at. */
unsigned vc_summary_width(FILE *f);
/* The summary on stderr, where the cells' lines went, as `vcheck run`
 * and `vcheck collect` end: DIR/FILE lists everything. */
void vc_summary_end(const struct vc_run *run, int quiet, enum vc_colour_when colour, const char *dir,
		    const char *file);
#endif
