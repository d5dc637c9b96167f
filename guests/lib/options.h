/* Run options from the kernel command line (/chosen/bootargs):
 *   vcheck.checks=0|1   run the check catalogue (default 1)
 *   vcheck.only=ID[,ID...]  run only these checks
 *   vcheck.trace=0|1    record every register access
 *   vcheck.sidefx=0|1   run the side-effect experiments (suites/sidefx)
 *   vcheck.profile=0|1  time every check (us=, reset_us= on its record)
 *   vcheck.hang=1       never finish (tests the host's WEDGED path)
 *   vcheck.lose=N       never send record N (tests the host's ERROR path)
 *   vcheck.marker=1     mark each record's place in the emulator's MMIO trace
 *                       (console.h; side-effect cells on semihosting)
 *   vcheck.cfgsize=N    side-effect discovery examines N config bytes
 *                       (default: the window the transport states)
 *   vcheck.plant=NAME   wrap every device in a planted misbehaviour (plant.h)
 *   vcheck.personality=NAME  direct (default), gunyah or xen (personality.h)
 *   vcheck.console=semihosting  records leave by Arm semihosting, one trap
 *                       per record instead of one per byte (the host asks
 *                       only where its emulator serves it; default: the
 *                       DT's stdout UART) */
#ifndef VC_OPTIONS_H
#define VC_OPTIONS_H
#include "vcheck/records.h"
struct vc_options {
	int checks, trace, hang, sidefx, profile;
	unsigned long lose;
	unsigned long cfgsize;
	int marker;
	char only[VC_ONLY_MAX];
	char plant[32];
	char personality[16];
	char console[16];
};
void vc_parse_options(const char *args, struct vc_options *o);
/* 1 when check `id` runs: no vcheck.only, or named in its list. */
int vc_options_runs(const struct vc_options *o, const char *id);
#endif
