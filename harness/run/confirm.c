#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/run/confirm.h"
#include "harness/plan/target.h"
#include "harness/util/vec.h"
#include "vcheck/records.h"

size_t vc_confirm_ids(const struct vc_cell *c, char *buf, size_t len)
{
	size_t n = 0, used = 0;
	buf[0] = 0;
	for (size_t k = 0; k < c->ndevices; k++)
		for (size_t j = 0; j < c->devices[k].nchecks; j++) {
			const struct vc_check_result *r = &c->devices[k].checks[j];
			if (r->verdict != VC_XPASS || vc_list_names(buf, r->id))
				continue;
			int w = snprintf(buf + used, len - used, "%s%s", n ? "," : "", r->id);
			if (w < 0 || (size_t)w >= len - used) {
				buf[0] = 0;
				return 0;
			}
			used += (size_t)w, n++;
		}
	return n;
}

static const struct vc_device *same_device(const struct vc_cell *k, const struct vc_device *d)
{
	for (size_t i = 0; i < k->ndevices; i++) {
		const struct vc_device *o = &k->devices[i];
		if (!strcmp(o->location ? o->location : "", d->location ? d->location : "") &&
		    !strcmp(o->interface ? o->interface : "", d->interface ? d->interface : ""))
			return o;
	}
	return NULL;
}

static const struct vc_check_result *same_check(const struct vc_device *d, const char *id)
{
	for (size_t j = 0; d && j < d->nchecks; j++)
		if (!strcmp(d->checks[j].id, id))
			return &d->checks[j];
	return NULL;
}

size_t vc_confirm_merge(struct vc_cell *c, const struct vc_cell *k, unsigned round)
{
	size_t left = 0;
	for (size_t i = 0; i < c->ndevices; i++) {
		struct vc_device *d = &c->devices[i];
		const struct vc_device *kd = same_device(k, d);
		for (size_t j = 0; j < d->nchecks; j++) {
			struct vc_check_result *r = &d->checks[j];
			if (r->verdict != VC_XPASS)
				continue;
			const struct vc_check_result *kr = same_check(kd, r->id);
			if (!kr || kr->verdict != VC_XFAIL) {
				r->confirmed += kr && kr->verdict == VC_XPASS;
				left++;
				continue;
			}
			char detail[1200];
			snprintf(detail, sizeof(detail), "passed in the first run; failed in confirmation run %u (%s): %s",
				 round, k->log_dir, kr->detail ? kr->detail : "");
			free(r->detail);
			r->detail = vc_xstrdup(detail);
			r->verdict = VC_XFAIL;
		}
	}
	return left;
}

/* An XPASS after `rounds` confirmation runs says how many of them passed
 * it again; one that a crashed or wedged run never reported is not
 * counted as confirmed. */
static void note_confirmed(struct vc_cell *c, unsigned rounds)
{
	for (size_t i = 0; i < c->ndevices && rounds; i++)
		for (size_t j = 0; j < c->devices[i].nchecks; j++) {
			struct vc_check_result *r = &c->devices[i].checks[j];
			if (r->verdict != VC_XPASS)
				continue;
			char detail[600];
			if (r->confirmed)
				snprintf(detail, sizeof(detail), "passed in the first run and in %u of %u confirmation run%s (%s.confirmN)",
					 r->confirmed, rounds, rounds == 1 ? "" : "s", c->log_dir);
			else
				snprintf(detail, sizeof(detail), "passed in the first run; no confirmation run gave a verdict for it (%s.confirmN)",
					 c->log_dir);
			free(r->detail);
			r->detail = vc_xstrdup(detail);
		}
}

int vc_confirm_xpasses(struct vc_run *run, const struct vc_cell_plan *plans, size_t nplans,
		       const struct vc_rerun_setup *s)
{
	int interrupted = 0;
	unsigned *rounds = calloc(run->ncells + 1, sizeof(*rounds)); /* by cell index */
	for (unsigned round = 1; round <= VC_CONFIRM_RUNS && !interrupted; round++) {
		struct vc_run tmp = { 0 };
		struct vc_cell_plan *more = calloc(nplans, sizeof(*more));
		size_t *from = calloc(nplans, sizeof(*from)), n = 0;
		for (size_t i = 0; i < nplans; i++) {
			struct vc_cell *c = &run->cells[plans[i].cell_index];
			char ids[VC_ONLY_MAX];
			char extra[VC_ONLY_MAX + 16], suffix[32];
			if (!vc_confirm_ids(c, ids, sizeof(ids)))
				continue;
			snprintf(extra, sizeof(extra), "vcheck.only=%s", ids);
			snprintf(suffix, sizeof(suffix), ".confirm%u", round);
			if (vc_replan(&tmp, &plans[i], c, extra, suffix, s, &more[n]) == 0)
				from[n++] = plans[i].cell_index;
		}
		if (n)
			interrupted = vc_run_cells(&tmp, more, n, s->runner) != 0;
		for (size_t i = 0; i < n && !interrupted; i++) {
			vc_confirm_merge(&run->cells[from[i]], &tmp.cells[more[i].cell_index], round);
			rounds[from[i]] = round;
		}
		for (size_t i = 0; i < n; i++)
			vc_plan_free(&more[i]);
		free(more), free(from);
		vc_run_free(&tmp);
		if (!n)
			break;
	}
	for (size_t i = 0; i < nplans; i++)
		note_confirmed(&run->cells[plans[i].cell_index], rounds[plans[i].cell_index]);
	free(rounds);
	return interrupted ? -1 : 0;
}
