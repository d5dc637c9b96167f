/* The probe image's program (guests/lib/program.h): for each device, the
 * planted fault and the personality the host asked for, the dump record,
 * then the check catalogue and side-effect discovery as the options say. */
#include "arch/cpu.h"
#include "guests/lib/discover.h"
#include "guests/lib/dump.h"
#include "guests/lib/options.h"
#include "guests/lib/panic.h"
#include "guests/lib/personality/personality.h"
#include "guests/lib/plant.h"
#include "guests/lib/program.h"
#include "suites/check.h"
#include "suites/runner.h"
#include "suites/sidefx/sfx.h"

uint32_t vc_program_fingerprint(void) { return vc_catalogue_fingerprint(); }

unsigned vc_program_main(struct vc_devices *devices, const struct vc_options *opt)
{
	unsigned checks = 0;
	for (unsigned i = 0; i < devices->n; i++) {
		struct vdev *d = &devices->dev[i];
		if (opt->plant[0] && vc_plant(d, opt->plant))
			vc_panic("unknown vcheck.plant");
		if (vc_personality_attach(d))
			continue; /* said why in a log record */
		vc_dump_device(d);
		if (opt->checks)
			checks += vc_run_checks(d, opt);
		if (opt->sidefx)
			vc_run_sidefx(d, opt->cfgsize, opt->host);
	}
	if (opt->hang)
		for (;;)
			cpu_relax(); /* the harness's own WEDGED test */
	return checks;
}
