/* See sfx_cell.h. A missing trace is a cell problem, not a silent absence of
 * evidence: the classes would then rest on the guest's view alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/util/vec.h"
#include "harness/classify/sfx_cell.h"
#include "harness/classify/hv_models.h"
#include "harness/classify/sfx_classify.h"
#include "harness/collect/qemu_status.h"
#include "harness/collect/sfx_chardev.h"
#include "harness/collect/trace_join.h"

static enum vc_transport transport_of(const struct vc_device *d)
{
	for (int t = 0; t < VC_TR__COUNT; t++)
		if (d->interface && !strcmp(d->interface, vc_transport_name((enum vc_transport)t)))
			return (enum vc_transport)t;
	return VC_TR__COUNT;
}

void vc_sfx_classify_device(struct vc_device *d)
{
	enum vc_transport t = transport_of(d);
	d->registers = vc_sfx_classify_for(d->sfx, d->nsfx, t, d->device_id, &d->nregisters);
	struct vc_hv_facts facts = { .transport = t, .device_id = d->device_id, .nqueues = (unsigned)d->nqueues };
	for (unsigned w = 0; w < 2 && w < d->nfeature_words; w++)
		facts.offered |= (uint64_t)d->feature_words[w] << (32 * w);
	for (size_t i = 0; i < d->nregisters; i++)
		vc_hv_judge(&d->registers[i], &facts);
}

void vc_sfx_finish_cell(struct vc_cell *c, const char *log_dir)
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/scratch/trace.log", log_dir);
	FILE *f = fopen(path, "r");
	if (!f)
		vc_cell_problem(c, "no device trace at %s: classes rest on guest reads alone", path);
	else {
		vc_trace_join(c, f);
		fclose(f);
	}
	for (size_t i = 0; i < c->ndevices; i++) {
		vc_sfx_classify_device(&c->devices[i]);
		vc_qemu_status_evidence(&c->devices[i]);
	}
	vc_sfx_chardev_evidence(c);
}

void vc_sfx_finish_cell_guest_only(struct vc_cell *c, const char *why)
{
	int any = 0;
	for (size_t i = 0; i < c->ndevices; i++)
		if (c->devices[i].nsfx) {
			vc_sfx_classify_device(&c->devices[i]);
			any = 1;
		}
	if (!any)
		return;
	c->sidefx = 1;
	char *note = vc_xasprintf("%s%sside-effect classes rest on the guest's reads alone (%s)",
				  c->outcome_detail ? c->outcome_detail : "", c->outcome_detail ? "; " : "", why);
	free(c->outcome_detail);
	c->outcome_detail = note;
}
