#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "suites/check.h"
#include "vcheck/ranks.h"
#include "harness/plan/catalogue.h"
#include "harness/run/resume.h"
#include "harness/util/vec.h"

static struct vc_device *device_at(const struct vc_cell *c, long guest_index)
{
	for (size_t i = 0; i < c->ndevices; i++)
		if ((long)c->devices[i].guest_index == guest_index)
			return &c->devices[i];
	return NULL;
}

static struct vc_device *same_device(const struct vc_cell *c, const struct vc_device *d)
{
	for (size_t i = 0; i < c->ndevices; i++) {
		struct vc_device *o = &c->devices[i];
		if (!strcmp(o->location ? o->location : "", d->location ? d->location : "") &&
		    !strcmp(o->interface ? o->interface : "", d->interface ? d->interface : ""))
			return o;
	}
	return NULL;
}

static int has_check(const struct vc_device *d, const char *id)
{
	for (size_t j = 0; j < d->nchecks; j++)
		if (!strcmp(d->checks[j].id, id))
			return 1;
	return 0;
}

static void add_result(struct vc_device *d, const char *id, enum vc_verdict v, const char *detail, unsigned boot)
{
	struct vc_check_result *k = VEC_PUSH(d->checks, d->nchecks, d->capchecks);
	k->id = vc_xstrdup(id);
	k->detail = vc_xstrdup(detail);
	k->verdict = v;
	k->boot = boot;
}

int vc_resume_point(const struct vc_cell *c, char *buf, size_t len)
{
	const struct vc_device *d = c->last_dev >= 0 ? device_at(c, c->last_dev) : NULL;
	if (!d)
		return 0;
	uint8_t done[VC_RANKS_BYTES] = { 0 };
	unsigned top = 0;
	for (size_t j = 0; j < d->nchecks; j++) {
		const struct vc_check *k = vc_catalogue_find(d->checks[j].id);
		unsigned rank = k ? vc_check_rank(k) : VC_RANKS_MAX;
		vc_ranks_add(done, rank);
		if (rank < VC_RANKS_MAX && rank + 1 > top)
			top = rank + 1;
	}
	char ranks[VC_RANKS_TEXT];
	vc_ranks_format(done, top, ranks);
	snprintf(buf, len, "vcheck.careful=1 vcheck.resume=%ld:%s", c->last_dev, ranks);
	return 1;
}

/* A device the cell's earlier boots never reached moves over whole (its
 * dump and checks), leaving an empty one behind in k. */
static void take_device(struct vc_cell *c, struct vc_device *kd, unsigned boot)
{
	struct vc_device *cd = VEC_PUSH(c->devices, c->ndevices, c->capdevices);
	*cd = *kd;
	memset(kd, 0, sizeof(*kd));
	for (size_t j = 0; j < cd->nchecks; j++)
		cd->checks[j].boot = boot;
}

void vc_resume_merge(struct vc_cell *c, struct vc_cell *k, unsigned boot)
{
	for (size_t i = 0; i < k->ndevices; i++) {
		struct vc_device *kd = &k->devices[i];
		struct vc_device *cd = same_device(c, kd);
		if (!cd && kd->location) {
			take_device(c, kd, boot);
			continue;
		}
		for (size_t j = 0; cd && j < kd->nchecks; j++)
			if (!has_check(cd, kd->checks[j].id)) {
				const struct vc_check_result *r = &kd->checks[j];
				add_result(cd, r->id, r->verdict, r->detail, boot);
				if (r->baseline_reason) /* the boot's cell met the baseline too */
					cd->checks[cd->nchecks - 1].baseline_reason = vc_xstrdup(r->baseline_reason);
			}
	}
	/* guest indices are the discovery order, the same in every boot */
	struct vc_device *cd = k->begun[0] ? device_at(c, k->begun_dev) : NULL;
	if (cd && k->outcome != VC_OUT_COMPLETED && !has_check(cd, k->begun)) {
		char detail[1200];
		snprintf(detail, sizeof(detail), "the VMM %s in this check (boot %u, %s): %s",
			 k->outcome == VC_OUT_WEDGED ? "made no progress" : "died", boot, k->log_dir,
			 k->outcome_detail ? k->outcome_detail : "");
		add_result(cd, k->begun, k->outcome == VC_OUT_WEDGED ? VC_WEDGED : VC_CRASH, detail, boot);
	}
	if (k->last_dev >= 0)
		c->last_dev = k->last_dev; /* where the next boot resumes */
	c->boots++;
}

/* The cell ended early and a careful boot can take it further. */
static int wants_resume(const struct vc_cell *c) { return !c->sidefx && c->started && c->outcome != VC_OUT_COMPLETED; }

static void conclude(struct vc_cell *c, const struct vc_cell *last)
{
	if (last->outcome != VC_OUT_COMPLETED)
		return; /* still ended early: the cell keeps its outcome */
	char detail[1400];
	snprintf(detail, sizeof(detail), "ended early (%s); resumed in %u more boots, the last of which completed",
		 c->outcome_detail ? c->outcome_detail : "no end record", c->boots - 1);
	free(c->outcome_detail);
	c->outcome_detail = vc_xstrdup(detail);
	c->outcome = VC_OUT_COMPLETED;
	c->ended = 1;
}

/* One round: a boot for every cell still ending early; returns how many
 * were booted, -1 when interrupted. */
static int round_of(struct vc_run *run, const struct vc_cell_plan *plans, size_t nplans, unsigned boot,
		    const struct vc_rerun_setup *s, unsigned char *stuck)
{
	struct vc_run tmp = { 0 };
	struct vc_cell_plan *more = calloc(nplans, sizeof(*more));
	size_t *from = calloc(nplans, sizeof(*from)), n = 0;
	for (size_t i = 0; more && from && i < nplans; i++) {
		struct vc_cell *c = &run->cells[plans[i].cell_index];
		char extra[VC_RANKS_TEXT + 64], suffix[32];
		if (stuck[i] || !wants_resume(c) || !vc_resume_point(c, extra, sizeof(extra)))
			continue;
		snprintf(suffix, sizeof(suffix), ".resume%u", boot);
		if (vc_replan(&tmp, &plans[i], c, extra, suffix, s, &more[n]) == 0)
			from[n] = i, n++;
	}
	int interrupted = n && vc_run_cells(&tmp, more, n, s->runner) != 0;
	for (size_t i = 0; i < n && !interrupted; i++) {
		struct vc_cell *c = &run->cells[plans[from[i]].cell_index], *k = &tmp.cells[more[i].cell_index];
		vc_resume_merge(c, k, boot);
		/* no "begin" without its verdict: the boot ended before a check,
		 * and another would end there too */
		stuck[from[i]] = k->outcome != VC_OUT_COMPLETED && !k->begun[0];
		conclude(c, k);
	}
	for (size_t i = 0; i < n; i++)
		vc_plan_free(&more[i]);
	free(more), free(from);
	vc_run_free(&tmp);
	return interrupted ? -1 : (int)n;
}

int vc_resume_cells(struct vc_run *run, const struct vc_cell_plan *plans, size_t nplans,
		    const struct vc_rerun_setup *s)
{
	unsigned char *stuck = calloc(nplans + 1, 1);
	int rc = 0;
	for (unsigned boot = 1; stuck && boot <= VC_RESUME_BOOTS; boot++) {
		int n = round_of(run, plans, nplans, boot, s, stuck);
		if (n <= 0) {
			rc = n < 0 ? -1 : 0;
			break;
		}
	}
	free(stuck);
	return rc;
}
