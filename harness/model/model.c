#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/model/model.h"
#include "harness/util/vec.h"

int vc_verdict_from_name(const char *name, enum vc_verdict *v)
{
	for (unsigned i = 0; i < VC_VERDICT__COUNT; i++)
		if (strcmp(name, vc_verdict_name((enum vc_verdict)i)) == 0) {
			*v = (enum vc_verdict)i;
			return 0;
		}
	return -1;
}

const char *vc_outcome_name(enum vc_outcome o)
{
	static const char *const names[] = { "completed", "wedged", "crashed" };
	return (unsigned)o < 3 ? names[o] : "?";
}

#define MAX_PROBLEMS 50 /* a garbage stream must not grow results without bound */

static void add_problem(struct vc_cell *c, const char *fmt, va_list ap)
{
	char buf[512];
	if (c->nproblems > MAX_PROBLEMS)
		return;
	if (c->nproblems == MAX_PROBLEMS)
		snprintf(buf, sizeof(buf), "further problems not listed");
	else
		vsnprintf(buf, sizeof(buf), fmt, ap);
	*VEC_PUSH(c->problems, c->nproblems, c->capproblems) = vc_xstrdup(buf);
}

void vc_cell_problem(struct vc_cell *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_problem(c, fmt, ap);
	va_end(ap);
}

void vc_cell_mismatch(struct vc_cell *c, const char *fmt, ...)
{
	c->mismatches++;
	va_list ap;
	va_start(ap, fmt);
	add_problem(c, fmt, ap);
	va_end(ap);
}

int vc_cell_found(const struct vc_cell *c, const struct vc_expected *e)
{
	/* By location: two attached devices of one model are two expectations. */
	for (size_t i = 0; i < c->ndevices; i++)
		if (c->devices[i].model && !strcmp(c->devices[i].model, e->model) &&
		    !strcmp(c->devices[i].location, e->location))
			return 1;
	return 0;
}

enum vc_verdict vc_cell_verdict(const struct vc_cell *c)
{
	enum vc_verdict v = VC_PASS;
	if (c->outcome == VC_OUT_WEDGED)
		v = VC_WEDGED;
	else if (c->outcome == VC_OUT_CRASHED)
		v = VC_CRASH;
	/* With the channel broken, a device the guest did not announce may be
	 * a record that was lost: nothing is known, not a finding. */
	int channel_broke = c->nproblems > c->mismatches;
	if (c->mismatches)
		v = vc_verdict_worst(v, VC_FAIL);
	else if (channel_broke)
		v = vc_verdict_worst(v, VC_ERROR);
	for (size_t i = 0; i < c->nexpected; i++)
		if (c->outcome == VC_OUT_COMPLETED && !vc_cell_found(c, &c->expected[i]))
			v = vc_verdict_worst(v, channel_broke ? VC_ERROR : VC_FAIL);
	for (size_t d = 0; d < c->ndevices; d++)
		for (size_t k = 0; k < c->devices[d].nchecks; k++)
			v = vc_verdict_worst(v, c->devices[d].checks[k].verdict);
	return v;
}

enum vc_verdict vc_run_verdict(const struct vc_run *r)
{
	enum vc_verdict v = VC_PASS;
	for (size_t i = 0; i < r->ncells; i++)
		v = vc_verdict_worst(v, vc_cell_verdict(&r->cells[i]));
	return v;
}

static void free_device(struct vc_device *d)
{
	free(d->model), free(d->location), free(d->interface);
	free(d->queues), free(d->config);
	for (size_t k = 0; k < d->nchecks; k++)
		free(d->checks[k].id), free(d->checks[k].detail), free(d->checks[k].baseline_reason),
			free(d->checks[k].rules);
	free(d->checks);
	vc_sfx_obs_free(d->sfx, d->nsfx);
	vc_register_free(d->registers, d->nregisters);
	for (size_t k = 0; k < d->nqemu_status; k++)
		free(d->qemu_status[k].status), free(d->qemu_status[k].guest_features);
	free(d->qemu_status);
}

void vc_cell_free(struct vc_cell *c)
{
	free(c->name), free(c->target), free(c->arch), free(c->transport);
	free(c->personality), free(c->log_dir), free(c->outcome_detail);
	free(c->accel), free(c->accel_why);
	for (size_t e = 0; e < c->nexpected; e++)
		free(c->expected[e].model), free(c->expected[e].location), free(c->expected[e].chardev_out);
	free(c->expected);
	for (size_t d = 0; d < c->ndevices; d++)
		free_device(&c->devices[d]);
	free(c->devices);
	for (size_t p = 0; p < c->nproblems; p++)
		free(c->problems[p]);
	free(c->problems);
	for (size_t k = 0; k < c->ndaemons; k++) {
		struct vc_daemon_result *dm = &c->daemons[k];
		free(dm->model), free(dm->program), free(dm->log), free(dm->ended);
	}
	free(c->daemons);
	memset(c, 0, sizeof(*c));
}

void vc_run_free(struct vc_run *r)
{
	for (size_t i = 0; i < r->ncells; i++)
		vc_cell_free(&r->cells[i]);
	free(r->cells);
	memset(r, 0, sizeof(*r));
}
