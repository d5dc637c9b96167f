/* Run options from the kernel command line (/chosen/bootargs):
 *   vcheck.checks=0|1   run the check catalogue (default 1)
 *   vcheck.only=ID      run one check
 *   vcheck.trace=0|1    record every register access
 *   vcheck.sidefx=0|1   run the side-effect experiments (suites/sidefx)
 *   vcheck.profile=0|1  time every check (us=, reset_us= on its record)
 *   vcheck.hang=1       never finish (tests the host's WEDGED path)
 *   vcheck.plant=NAME   wrap every device in a planted misbehaviour (plant.h)
 *   vcheck.personality=NAME  direct (default), gunyah or xen (personality.h) */
#ifndef VC_OPTIONS_H
#define VC_OPTIONS_H
struct vc_options {
	int checks, trace, hang, sidefx, profile;
	char only[48];
	char plant[32];
	char personality[16];
};
void vc_parse_options(const char *args, struct vc_options *o);
#endif
