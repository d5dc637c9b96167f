/* XPASS confirmation (harness/run/confirm.c): which checks a confirmation run
 * asks for, and how its verdicts come back. The cells are built here, as
 * the record parser would leave them after baselines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "harness/run/confirm.h"
#include "harness/util/vec.h"

struct one { const char *id, *detail; enum vc_verdict v; };

/* A device at `loc` with the given check results, appended to `c`. */
static void device(struct vc_cell *c, const char *loc, const char *ifc, const struct one *checks, size_t n)
{
	struct vc_device *d = VEC_PUSH(c->devices, c->ndevices, c->capdevices);
	memset(d, 0, sizeof(*d));
	d->location = vc_xstrdup(loc), d->interface = vc_xstrdup(ifc), d->model = vc_xstrdup("rng");
	for (size_t i = 0; i < n; i++) {
		struct vc_check_result *r = VEC_PUSH(d->checks, d->nchecks, d->capchecks);
		memset(r, 0, sizeof(*r));
		r->id = vc_xstrdup(checks[i].id), r->verdict = checks[i].v;
		r->detail = checks[i].detail ? vc_xstrdup(checks[i].detail) : NULL;
	}
}

static struct vc_cell *cell(struct vc_run *run, const char *logs)
{
	struct vc_cell *c = VEC_PUSH(run->cells, run->ncells, run->capcells);
	memset(c, 0, sizeof(*c));
	c->log_dir = vc_xstrdup(logs);
	return c;
}

static void test_ids_are_the_xpasses_each_once(void **state)
{
	(void)state;
	struct vc_run run = { 0 };
	struct vc_cell *c = cell(&run, "cells/a");
	device(c, "mmio@0", "mmio-v2",
	       (struct one[]){ { "A-1", 0, VC_XPASS }, { "B-1", 0, VC_PASS }, { "C-1", 0, VC_XFAIL } }, 3);
	device(c, "mmio@1", "mmio-v2", (struct one[]){ { "A-1", 0, VC_XPASS }, { "D-1", 0, VC_XPASS } }, 2);
	char buf[64];
	assert_int_equal(vc_confirm_ids(c, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "A-1,D-1");
	/* A list that does not fit asks for nothing rather than for part. */
	assert_int_equal(vc_confirm_ids(c, buf, 6), 0);
	assert_string_equal(buf, "");
	vc_run_free(&run);
}

static void test_no_xpass_no_ids(void **state)
{
	(void)state;
	struct vc_run run = { 0 };
	struct vc_cell *c = cell(&run, "cells/a");
	device(c, "mmio@0", "mmio-v2", (struct one[]){ { "A-1", 0, VC_PASS }, { "A-10", 0, VC_FAIL } }, 2);
	char buf[64];
	assert_int_equal(vc_confirm_ids(c, buf, sizeof(buf)), 0);
	vc_run_free(&run);
}

/* The failure seen in the confirmation run turns the XPASS into XFAIL on
 * that device only; a pass there, another device, or a check the
 * confirmation did not report leaves the XPASS standing. */
static void test_merge_takes_the_failure_back(void **state)
{
	(void)state;
	struct vc_run run = { 0 }, conf = { 0 };
	struct vc_cell *c = cell(&run, "cells/a");
	device(c, "mmio@0", "mmio-v2", (struct one[]){ { "A-1", 0, VC_XPASS }, { "B-1", "x", VC_XPASS } }, 2);
	device(c, "mmio@1", "mmio-v2", (struct one[]){ { "A-1", 0, VC_XPASS } }, 1);
	device(c, "pci@2", "pci-legacy", (struct one[]){ { "A-1", 0, VC_XPASS } }, 1);
	struct vc_cell *k = cell(&conf, "cells/a.confirm1");
	device(k, "mmio@0", "mmio-v2", (struct one[]){ { "A-1", "served early", VC_XFAIL }, { "B-1", 0, VC_XPASS } }, 2);
	device(k, "mmio@1", "mmio-v2", (struct one[]){ { "B-1", "other", VC_XFAIL } }, 1);
	device(k, "pci@2", "pci-modern", (struct one[]){ { "A-1", "other interface", VC_XFAIL } }, 1);
	assert_int_equal(vc_confirm_merge(c, k, 1), 3);
	assert_int_equal(c->devices[0].checks[0].verdict, VC_XFAIL);
	assert_string_equal(c->devices[0].checks[0].detail,
			    "passed in the first run; failed in confirmation run 1 (cells/a.confirm1): served early");
	assert_int_equal(c->devices[0].checks[1].verdict, VC_XPASS);
	assert_string_equal(c->devices[0].checks[1].detail, "x");
	assert_int_equal(c->devices[0].checks[1].confirmed, 1); /* passed again */
	assert_int_equal(c->devices[1].checks[0].confirmed, 0); /* not reported there */
	assert_int_equal(c->devices[2].checks[0].confirmed, 0); /* only on another interface */
	assert_int_equal(c->devices[1].checks[0].verdict, VC_XPASS);
	assert_int_equal(c->devices[2].checks[0].verdict, VC_XPASS);
	/* A second run that passes it too counts again; nothing else moves. */
	assert_int_equal(vc_confirm_merge(c, k, 2), 3);
	assert_int_equal(c->devices[0].checks[1].confirmed, 2);
	assert_int_equal(c->devices[0].checks[0].verdict, VC_XFAIL);
	vc_run_free(&run), vc_run_free(&conf);
}

/* A confirmation that crashed before reporting leaves every XPASS. */
static void test_merge_of_an_empty_cell(void **state)
{
	(void)state;
	struct vc_run run = { 0 }, conf = { 0 };
	struct vc_cell *c = cell(&run, "cells/a");
	device(c, "mmio@0", "mmio-v2", (struct one[]){ { "A-1", 0, VC_XPASS }, { "B-1", 0, VC_FAIL } }, 2);
	struct vc_cell *k = cell(&conf, "cells/a.confirm1");
	assert_int_equal(vc_confirm_merge(c, k, 1), 1);
	assert_int_equal(c->devices[0].checks[0].verdict, VC_XPASS);
	assert_int_equal(c->devices[0].checks[0].confirmed, 0);
	assert_int_equal(c->devices[0].checks[1].verdict, VC_FAIL);
	vc_run_free(&run), vc_run_free(&conf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids_are_the_xpasses_each_once),
		cmocka_unit_test(test_no_xpass_no_ids),
		cmocka_unit_test(test_merge_takes_the_failure_back),
		cmocka_unit_test(test_merge_of_an_empty_cell),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
