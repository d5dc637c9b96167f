/* The joined cells as the in-memory run junit.xml is written from
 * (merge.h): the JUnit writer `vcheck run` uses judges the merged run,
 * so both say the same of a cell. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "harness/results/merge.h"
#include "harness/util/vec.h"

static char *dup_str(const struct jv *obj, const char *key, const char *def)
{
	const char *s = jv_gets(obj, key, def);
	return s ? vc_xstrdup(s) : NULL;
}

static void to_check(const struct jv *k, struct vc_check_result *r)
{
	r->id = dup_str(k, "id", "?");
	r->detail = dup_str(k, "detail", NULL);
	r->baseline_reason = dup_str(k, "baseline", NULL);
	if (vc_verdict_from_name(jv_gets(k, "verdict", ""), &r->verdict))
		r->verdict = VC_ERROR; /* vc_merge_shards let none through */
	r->boot = (unsigned)jv_int(jv_get(k, "boot"), 0, 1000000, 0);
	const struct jv *us = jv_get(k, "guest_us");
	r->timed = us != NULL;
	r->us = (unsigned long long)jv_int(us, 0, LONG_MAX, 0);
	r->reset_us = (unsigned long long)jv_int(jv_get(k, "reset_us"), 0, LONG_MAX, 0);
}

static void to_device(const struct jv *d, struct vc_device *dev)
{
	dev->model = dup_str(d, "model", NULL);
	dev->location = dup_str(d, "location", "");
	dev->interface = dup_str(d, "interface", "");
	dev->device_id = (uint32_t)jv_int(jv_get(d, "device_id"), 0, 0xffffffffL, 0);
	const struct jv *checks = jv_get(d, "checks");
	for (size_t k = 0; k < jv_count(checks); k++)
		to_check(jv_at(checks, k), VEC_PUSH(dev->checks, dev->nchecks, dev->capchecks));
}

static enum vc_outcome outcome_of(const char *name)
{
	return !strcmp(name, "wedged") ? VC_OUT_WEDGED : !strcmp(name, "crashed") ? VC_OUT_CRASHED
										   : VC_OUT_COMPLETED;
}

/* results.json keeps a cell's problems but not how many were the
 * device's (a type mismatch: FAIL) rather than the channel's (ERROR);
 * its verdict tells: one the problems must explain is FAIL. */
static void infer_mismatches(struct vc_cell *c, const struct jv *cell)
{
	enum vc_verdict stated;
	if (c->nproblems && !vc_verdict_from_name(jv_gets(cell, "verdict", ""), &stated) &&
	    vc_cell_verdict(c) < stated)
		c->mismatches = c->nproblems;
}

static void to_cell(const struct vc_merge_cell *mc, struct vc_cell *c)
{
	const struct jv *j = mc->cell;
	c->name = dup_str(j, "name", "");
	c->log_dir = vc_merge_logs(mc);
	c->target = dup_str(j, "target", NULL);
	c->arch = dup_str(j, "arch", NULL);
	c->accel = dup_str(j, "accel", NULL);
	c->accel_why = dup_str(j, "accel_why", NULL);
	c->transport = dup_str(j, "transport", NULL);
	c->personality = dup_str(j, "personality", NULL);
	c->outcome = outcome_of(jv_gets(j, "outcome", ""));
	c->outcome_detail = dup_str(j, "outcome_detail", NULL);
	c->seconds = jv_getn(j, "seconds", 0);
	const struct jv *problems = jv_get(j, "problems");
	for (size_t p = 0; p < jv_count(problems); p++)
		*VEC_PUSH(c->problems, c->nproblems, c->capproblems) = vc_xstrdup(jv_str(jv_at(problems, p), "?"));
	const struct jv *attached = jv_get(j, "attached");
	for (size_t e = 0; e < jv_count(attached); e++) {
		struct vc_expected *x = VEC_PUSH(c->expected, c->nexpected, c->capexpected);
		x->model = dup_str(jv_at(attached, e), "model", "?");
		x->location = dup_str(jv_at(attached, e), "location", "");
	}
	const struct jv *devices = jv_get(j, "devices");
	for (size_t d = 0; d < jv_count(devices); d++)
		to_device(jv_at(devices, d), VEC_PUSH(c->devices, c->ndevices, c->capdevices));
	infer_mismatches(c, j);
}

void vc_merge_to_run(const struct vc_merge *m, struct vc_run *run)
{
	memset(run, 0, sizeof(*run));
	for (size_t i = 0; i < m->ncells; i++)
		to_cell(&m->cells[i], VEC_PUSH(run->cells, run->ncells, run->capcells));
}
