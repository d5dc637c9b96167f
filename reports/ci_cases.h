/* The test cases the CI formats (JUnit, TAP) put out, listed once so the
 * two agree: per cell a `boot` case, a `found.MODEL` case per attached
 * device and one case per check result, each with the verdict the cell's
 * own roll-up gives it (model.c) and what a CI system makes of it. */
#ifndef VC_CI_CASES_H
#define VC_CI_CASES_H
#include <stddef.h>
#include "harness/model/model.h"
#include "suites/check.h"

/* --fail-on: whether a WARN fails the run as a FAIL does. */
enum vc_fail_on { VC_FAIL_ON_FAIL, VC_FAIL_ON_WARN };

/* What a CI system sees. KNOWN is a baselined failure (XFAIL): it passes
 * the run, and the formats say why it is known. */
enum vc_ci_outcome { VC_CI_PASS, VC_CI_SKIP, VC_CI_KNOWN, VC_CI_FAIL, VC_CI_ERROR };

enum vc_ci_outcome vc_ci_outcome(enum vc_verdict v, enum vc_fail_on fail_on);

struct vc_ci_case {
	const struct vc_cell *cell;
	const struct vc_device *dev;          /* NULL for boot and found.MODEL */
	const struct vc_check_result *result; /* NULL for boot and found.MODEL */
	const struct vc_check *check;         /* the catalogue's descriptor, NULL when unknown */
	const char *name;                     /* "boot", "found.MODEL" or the check ID */
	enum vc_verdict verdict;
	const char *detail;                   /* why, or NULL when nothing was said */
	const char *baseline;                 /* the baseline's reason (XFAIL, XPASS), or NULL */
	double seconds;                       /* guest time under --profile, else 0 */
};

/* The reason in one line: the detail, else what the verdict means. */
const char *vc_ci_message(const struct vc_ci_case *k);

typedef void vc_ci_case_fn(const struct vc_ci_case *k, void *ctx);
/* Calls fn for each case of the cell, in the order above; k and its
 * strings last until fn returns. */
void vc_ci_cell_cases(const struct vc_cell *c, vc_ci_case_fn *fn, void *ctx);

struct vc_ci_counts {
	size_t tests, failures, errors, skipped;
};
/* Adds the cell's cases to n, by outcome (KNOWN counts as a pass). */
void vc_ci_count_cell(const struct vc_cell *c, enum vc_fail_on fail_on, struct vc_ci_counts *n);
#endif
