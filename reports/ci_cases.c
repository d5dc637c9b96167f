#include <stdio.h>
#include "harness/plan/catalogue.h"
#include "reports/ci_cases.h"

enum vc_ci_outcome vc_ci_outcome(enum vc_verdict v, enum vc_fail_on fail_on)
{
	switch (v) {
	case VC_PASS: return VC_CI_PASS;
	case VC_SKIP: return VC_CI_SKIP;
	case VC_XFAIL: return VC_CI_KNOWN;
	case VC_WARN: return fail_on == VC_FAIL_ON_WARN ? VC_CI_FAIL : VC_CI_PASS;
	/* nothing is known about the device: JUnit's error, a run to retry */
	case VC_ERROR: case VC_WEDGED: case VC_CRASH: return VC_CI_ERROR;
	default: return VC_CI_FAIL; /* FAIL, FAULT, and XPASS: the baseline needs updating */
	}
}

const char *vc_ci_message(const struct vc_ci_case *k)
{
	if (k->detail)
		return k->detail;
	return k->verdict == VC_XPASS ? "passed where the baseline expects it to fail: update the baseline"
				      : vc_verdict_name(k->verdict);
}

/* As vc_cell_verdict judges the cell's own outcome: a device that
 * disagrees with the plan is FAIL, a broken channel ERROR. */
static enum vc_verdict boot_verdict(const struct vc_cell *c)
{
	if (c->outcome != VC_OUT_COMPLETED)
		return c->outcome == VC_OUT_WEDGED ? VC_WEDGED : VC_CRASH;
	return c->mismatches ? VC_FAIL : c->nproblems ? VC_ERROR : VC_PASS;
}

/* A device the guest did not find: with the channel broken its record may
 * be what was lost (ERROR); in a cell that stopped early, not reached. */
static enum vc_verdict found_verdict(const struct vc_cell *c, const struct vc_expected *e)
{
	if (vc_cell_found(c, e))
		return VC_PASS;
	if (c->outcome != VC_OUT_COMPLETED)
		return VC_SKIP;
	return c->nproblems > c->mismatches ? VC_ERROR : VC_FAIL;
}

static void device_cases(const struct vc_cell *c, const struct vc_device *dev, vc_ci_case_fn *fn, void *ctx)
{
	for (size_t i = 0; i < dev->nchecks; i++) {
		const struct vc_check_result *r = &dev->checks[i];
		struct vc_ci_case k = { .cell = c, .dev = dev, .result = r, .check = vc_catalogue_find(r->id),
					.name = r->id, .verdict = r->verdict,
					.detail = r->detail && r->detail[0] ? r->detail : NULL,
					.baseline = r->baseline_reason,
					.seconds = r->timed ? (double)(r->us + r->reset_us) / 1e6 : 0 };
		fn(&k, ctx);
	}
}

void vc_ci_cell_cases(const struct vc_cell *c, vc_ci_case_fn *fn, void *ctx)
{
	struct vc_ci_case k = { .cell = c, .name = "boot", .verdict = boot_verdict(c),
				.detail = c->outcome_detail ? c->outcome_detail : c->nproblems ? c->problems[0] : NULL };
	fn(&k, ctx);
	for (size_t e = 0; e < c->nexpected; e++) {
		char name[160];
		snprintf(name, sizeof(name), "found.%s", c->expected[e].model);
		k = (struct vc_ci_case){ .cell = c, .name = name, .verdict = found_verdict(c, &c->expected[e]) };
		if (k.verdict != VC_PASS)
			k.detail = k.verdict == VC_SKIP ? "the cell stopped before the guest found it"
							: "attached but not found by the guest";
		fn(&k, ctx);
	}
	for (size_t d = 0; d < c->ndevices; d++)
		device_cases(c, &c->devices[d], fn, ctx);
}

struct counting {
	enum vc_fail_on fail_on;
	struct vc_ci_counts *n;
};

static void count_case(const struct vc_ci_case *k, void *ctx)
{
	struct counting *t = ctx;
	enum vc_ci_outcome o = vc_ci_outcome(k->verdict, t->fail_on);
	t->n->tests++;
	t->n->failures += o == VC_CI_FAIL;
	t->n->errors += o == VC_CI_ERROR;
	t->n->skipped += o == VC_CI_SKIP;
}

void vc_ci_count_cell(const struct vc_cell *c, enum vc_fail_on fail_on, struct vc_ci_counts *n)
{
	struct counting t = { fail_on, n };
	vc_ci_cell_cases(c, count_case, &t);
}
