/* Pairs each non-direct personality cell with its direct cell and collects
 * the checks whose verdict class differs (report_personalities.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/plan/catalogue.h"
#include "reports/report_personalities.h"
#include "harness/util/vec.h"

const char rep_pers_intro[] =
	"Each personality's cells against the direct cell of the same target and transport, devices "
	"matched by location and model. Listed: the checks whose verdict class changed (pass-like: PASS, "
	"WARN, XPASS; SKIP; fail-like: XFAIL, FAIL, FAULT, WEDGED, CRASH; XFAIL and XPASS count as the "
	"outcome under the baseline), with the Gunyah page rules that fired in the personality's check "
	"and, given a side-effect run (vcheck report --models), that personality's model verdict for each "
	"rule's register. A difference agrees when a rule fired on a register the model does not call "
	"emulable (one cause is enough: other rules may name page behaviour the check met on the way), "
	"disagrees when the model calls every register it judges emulable, and is unexplained when no rule "
	"fired. A check whose descriptor names the one personality it applies under is skipped under "
	"direct by construction: it is listed as run under that personality only.";

const char *rep_agreement_name(enum rep_agreement a)
{
	static const char *const names[] = {
#define REP_AGREEMENT_NAME(id, name) name,
		REP_AGREEMENTS(REP_AGREEMENT_NAME)
#undef REP_AGREEMENT_NAME
	};
	return (unsigned)a < REP_AGREEMENT__COUNT ? names[a] : "?";
}

void rep_pers_totals_text(const unsigned t[REP_AGREEMENT__COUNT], size_t ndiffs, int models_given,
			  char *buf, size_t len)
{
	const char *s = ndiffs == 1 ? "" : "s";
	int n;
	if (!models_given)
		n = snprintf(buf, len, "%zu difference%s: %u with rules, %u unexplained (no rule fired)", ndiffs, s,
			     t[REP_NOT_GIVEN], t[REP_UNEXPLAINED]);
	else
		n = snprintf(buf, len, "%zu difference%s, %u agree with the models, %u disagree, %u unexplained",
			     ndiffs, s, t[REP_AGREES], t[REP_DISAGREES], t[REP_UNEXPLAINED]);
	if (t[REP_PERSONALITY_ONLY] && n >= 0 && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, ", %u run under the personality only",
			      t[REP_PERSONALITY_ONLY]);
	if (models_given && t[REP_NO_PREDICTION] && n >= 0 && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, ", %u without a model prediction", t[REP_NO_PREDICTION]);
	if (!models_given && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, "; model predictions were not given (vcheck report DIR --models "
			 "SIDEFX-DIR)");
}

int rep_verdict_class(int v)
{
	switch (v) {
	case VC_PASS: case VC_WARN: case VC_XPASS: return 0;
	case VC_SKIP: return 1;
	default: return 2; /* XFAIL, FAIL, FAULT, WEDGED, CRASH, unknown */
	}
}

static int same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* NULL equals NULL: an unattached device has no model on either side. */
static int same_or_null(const char *a, const char *b)
{
	return a == b || same(a, b);
}

static int is_checks_cell(const struct rep_cell *c)
{
	return c->personality && !same(c->mode, "sidefx");
}

static const struct rep_cell *direct_cell(const struct rep_run *run, const struct rep_cell *c)
{
	for (size_t i = 0; i < run->ncells; i++) {
		const struct rep_cell *b = &run->cells[i];
		if (is_checks_cell(b) && same(b->personality, REP_BASE_PERSONALITY) && same(b->target, c->target)
		    && same(b->transport, c->transport))
			return b;
	}
	return NULL;
}

static int hv_model_of(const char *personality)
{
	for (int m = 0; m < VC_HV__COUNT; m++)
		if (same(personality, vc_hv_model_name((enum vc_hv_model)m)))
			return m;
	return -1;
}

/* The base device at dev's location with dev's model, the one with dev's
 * interface first; taken devices are not matched twice. */
static size_t match_device(const struct rep_cell *base, const struct rep_device *dev, const char *taken)
{
	size_t found = base->ndevices;
	for (size_t i = 0; i < base->ndevices; i++) {
		const struct rep_device *b = &base->devices[i];
		if (taken[i] || !same(b->location, dev->location) || !same_or_null(b->model, dev->model))
			continue;
		if (same(b->interface, dev->interface))
			return i;
		if (found == base->ndevices)
			found = i;
	}
	return found;
}

static const struct rep_check *find_check(const struct rep_device *d, const char *id)
{
	for (size_t i = 0; id && i < d->nchecks; i++)
		if (same(d->checks[i].id, id))
			return &d->checks[i];
	return NULL;
}

static void add_id(const char ***ids, size_t *n, size_t *cap, const char *id)
{
	for (size_t i = 0; i < *n; i++)
		if (same_or_null((*ids)[i], id))
			return;
	*VEC_PUSH(*ids, *n, *cap) = id;
}

/* The check applies under the cell's personality alone (its descriptor
 * says so, from the catalogue), so the direct cell skipped it by
 * construction: no register explains that, and none is asked to. */
static int personality_only(const struct rep_pair *p, const struct rep_diff *d)
{
	const char *needs = vc_catalogue_personality(d->check->id);
	return needs && same(needs, p->cell->personality) && !same(needs, p->base->personality) &&
	       d->base->verdict == VC_SKIP;
}

static int firm(int v)
{
	return v == VC_HV_SPECIAL_CASE || v == VC_HV_SYNC_BACKEND || v == VC_HV_CANNOT_WORK;
}

/* One firm prediction explains the difference; only emulable verdicts
 * and nothing firm is a disagreement (report_personalities.h). */
static enum rep_agreement judge(const struct rep_pair *p, const struct rep_diff *d, int models_given)
{
	int emulable = 0;
	if (personality_only(p, d))
		return REP_PERSONALITY_ONLY;
	if (!d->nrules)
		return REP_UNEXPLAINED;
	if (!models_given)
		return REP_NOT_GIVEN;
	for (size_t i = 0; i < d->nrules; i++) {
		if (firm(d->rules[i].verdict))
			return REP_AGREES;
		emulable |= d->rules[i].verdict == VC_HV_EMULABLE;
	}
	return emulable ? REP_DISAGREES : REP_NO_PREDICTION;
}

static void compare_device(struct rep_pair *p, const struct rep_device *b, const struct rep_device *d,
			   const struct rep_run *models)
{
	for (size_t i = 0; i < d->nchecks; i++) {
		const struct rep_check *k = &d->checks[i], *bk = find_check(b, k->id);
		if (!bk) {
			add_id(&p->only_cell, &p->nonly_cell, &p->cap_oc, k->id);
			continue;
		}
		if (rep_verdict_class(bk->verdict) == rep_verdict_class(k->verdict))
			continue;
		struct rep_diff *df = VEC_PUSH(p->diffs, p->ndiffs, p->capdiffs);
		*df = (struct rep_diff){ .base_dev = b, .dev = d, .base = bk, .check = k };
		rep_rules_resolve(k, p->cell, d, models, p->model, df);
		df->agreement = judge(p, df, models != NULL);
		p->totals[df->agreement]++;
	}
	for (size_t i = 0; i < b->nchecks; i++)
		if (!find_check(d, b->checks[i].id))
			add_id(&p->only_base, &p->nonly_base, &p->cap_ob, b->checks[i].id);
}

static int by_id(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	return x && y ? strcmp(x, y) : (x != NULL) - (y != NULL);
}

static void compare_cells(struct rep_pair *p, const struct rep_run *models)
{
	char *taken = vc_xcalloc(p->base->ndevices + 1, 1);
	for (size_t i = 0; i < p->cell->ndevices; i++) {
		const struct rep_device *d = &p->cell->devices[i];
		size_t b = match_device(p->base, d, taken);
		if (b == p->base->ndevices) {
			*VEC_PUSH(p->lone_cell, p->nlone_cell, p->cap_lc) = d;
			continue;
		}
		taken[b] = 1;
		compare_device(p, &p->base->devices[b], d, models);
	}
	for (size_t b = 0; b < p->base->ndevices; b++)
		if (!taken[b])
			*VEC_PUSH(p->lone_base, p->nlone_base, p->cap_lb) = &p->base->devices[b];
	free(taken);
	/* qsort of a NULL array is undefined even with nothing in it */
	if (p->nonly_base)
		qsort(p->only_base, p->nonly_base, sizeof(*p->only_base), by_id);
	if (p->nonly_cell)
		qsort(p->only_cell, p->nonly_cell, sizeof(*p->only_cell), by_id);
}

/* Once the diffs stand still, the emulable registers of the disagreeing
 * ones (an agreeing row shows its emulable rules in the table). */
static void collect_disagreements(struct rep_pair *p)
{
	for (size_t i = 0; i < p->ndiffs; i++)
		for (size_t r = 0; p->diffs[i].agreement == REP_DISAGREES && r < p->diffs[i].nrules; r++)
			if (p->diffs[i].rules[r].verdict == VC_HV_EMULABLE)
				*VEC_PUSH(p->disagreements, p->ndisagreements, p->capdisagreements) =
					(struct rep_disagreement){ &p->diffs[i], &p->diffs[i].rules[r] };
}

void rep_pers_build(const struct rep_run *run, const struct rep_run *models, struct rep_personalities *p)
{
	memset(p, 0, sizeof(*p));
	p->models_given = models != NULL;
	for (size_t i = 0; i < run->ncells; i++) {
		const struct rep_cell *c = &run->cells[i], *base;
		if (!is_checks_cell(c) || same(c->personality, REP_BASE_PERSONALITY))
			continue;
		if (!(base = direct_cell(run, c))) {
			*VEC_PUSH(p->uncompared, p->nuncompared, p->capuncompared) = c;
			continue;
		}
		struct rep_pair *pair = VEC_PUSH(p->pairs, p->npairs, p->cappairs);
		*pair = (struct rep_pair){ .base = base, .cell = c, .model = hv_model_of(c->personality) };
		compare_cells(pair, models);
		collect_disagreements(pair);
		p->ndiffs += pair->ndiffs;
		for (int a = 0; a < REP_AGREEMENT__COUNT; a++)
			p->totals[a] += pair->totals[a];
	}
}

void rep_pers_free(struct rep_personalities *p)
{
	for (size_t i = 0; i < p->npairs; i++) {
		struct rep_pair *pair = &p->pairs[i];
		for (size_t k = 0; k < pair->ndiffs; k++)
			free(pair->diffs[k].rules);
		free(pair->diffs);
		free(pair->disagreements);
		free(pair->only_base);
		free(pair->only_cell);
		free(pair->lone_base);
		free(pair->lone_cell);
	}
	free(p->pairs);
	free(p->uncompared);
	memset(p, 0, sizeof(*p));
}
