/* Run options from the kernel command line (/chosen/bootargs):
 *   vcheck.checks=0|1   run the check catalogue (default 1)
 *   vcheck.only=ID      run one check
 *   vcheck.trace=0|1    record every register access
 *   vcheck.sidefx=0|1   run the side-effect experiments (suites/sidefx)
 *   vcheck.hang=1       never finish (tests the host's WEDGED path)
 *   vcheck.plant=NAME   wrap every device in a planted misbehaviour (plant.h)
 *   vcheck.personality=NAME  the hypervisor personality (personality_name.h) */
#ifndef VC_OPTIONS_H
#define VC_OPTIONS_H
struct vc_options {
	int checks, trace, hang, sidefx;
	char only[48];
	char plant[32];
	char personality[16];
};
void vc_parse_options(const char *args, struct vc_options *o);
#endif
