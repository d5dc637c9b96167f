#include <stdio.h>
#include <stdlib.h>
#include "harness/run/replan.h"
#include "harness/plan/target.h"
#include "harness/util/vec.h"

int vc_replan(struct vc_run *tmp, const struct vc_cell_plan *p, const struct vc_cell *c, const char *extra,
	      const char *suffix, const struct vc_rerun_setup *s, struct vc_cell_plan *out)
{
	char err[512];
	char *boot = vc_xasprintf("%s %s", s->plan->bootargs ? s->plan->bootargs : "", extra);
	struct vc_plan_options o = *s->plan;
	o.bootargs = boot, o.log_suffix = suffix;
	o.personality = vc_target_personality(p->target, c->personality);
	o.accel = p->accel, o.accel_why = c->accel_why;
	int rc = vc_plan_cell(tmp, p->target, p->transport, &o, out, err, sizeof(err));
	free(boot); /* the plan keeps its own copy */
	if (rc == 0)
		return 0;
	fprintf(stderr, "vcheck: %s: %s boot not planned: %s\n", c->name, suffix + 1, err);
	vc_plan_free(out);
	return -1;
}
