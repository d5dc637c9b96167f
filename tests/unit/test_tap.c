/* Unit tests for the TAP writer (reports/tap.c, docs/reports.md): a run of
 * every verdict in memory, the stream compared line by line with what the
 * format says it must be, worked out by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/plan/catalogue.h"
#include "harness/util/vec.h"
#include "reports/tap.h"

static void add_check(struct vc_device *d, const char *id, enum vc_verdict v, const char *detail,
		      const char *baseline)
{
	struct vc_check_result *k = VEC_PUSH(d->checks, d->nchecks, d->capchecks);
	k->id = vc_xstrdup(id);
	k->verdict = v;
	k->detail = detail ? vc_xstrdup(detail) : NULL;
	k->baseline_reason = baseline ? vc_xstrdup(baseline) : NULL;
}

/* One completed cell, an attached rng that was found, a check per verdict. */
static void build_run(struct vc_run *run)
{
	memset(run, 0, sizeof(*run));
	struct vc_cell *c = VEC_PUSH(run->cells, run->ncells, run->capcells);
	c->name = vc_xstrdup("t.mmio-v2.direct");
	c->outcome = VC_OUT_COMPLETED;
	c->seconds = 0.5;
	c->started = c->ended = 1;
	struct vc_expected *e = VEC_PUSH(c->expected, c->nexpected, c->capexpected);
	e->model = vc_xstrdup("rng");
	e->location = vc_xstrdup("mmio@0xa000000");
	struct vc_device *d = VEC_PUSH(c->devices, c->ndevices, c->capdevices);
	d->model = vc_xstrdup("rng");
	d->location = vc_xstrdup("mmio@0xa000000");
	d->interface = vc_xstrdup("mmio-v2");
	add_check(d, "X-PASS#1", VC_PASS, NULL, NULL);
	add_check(d, "X-SKIP-001", VC_SKIP, "feature not offered", NULL);
	add_check(d, "X-XFAIL-001", VC_XFAIL, "reads 1", "QEMU 7.2 # quirk");
	add_check(d, "X-WARN-001", VC_WARN, "lenient: kept \"bit\\\"", NULL);
	add_check(d, "X-FAIL-001", VC_FAIL, "value \xff\n read", NULL);
	add_check(d, "X-XPASS-001", VC_XPASS, NULL, "known");
	add_check(d, "X-CRASH-001", VC_CRASH, "QEMU died", NULL);
	add_check(d, "MMIO-ID-001", VC_FAIL, "magic 0", NULL);
}

static const char expected_head[] =
	"TAP version 13\n"
	"1..10\n"
	"# t.mmio-v2.direct: CRASH, completed in 0.500 s\n"
	"ok 1 - t.mmio-v2.direct: boot\n"
	"ok 2 - t.mmio-v2.direct: found.rng\n"
	"ok 3 - t.mmio-v2.direct: rng (mmio-v2): X-PASS\\#1\n"
	"ok 4 - t.mmio-v2.direct: rng (mmio-v2): X-SKIP-001 # SKIP feature not offered\n"
	"not ok 5 - t.mmio-v2.direct: rng (mmio-v2): X-XFAIL-001 # TODO QEMU 7.2 # quirk\n"
	"  ---\n"
	"  verdict: \"XFAIL\"\n"
	"  message: \"reads 1\"\n"
	"  baseline: \"QEMU 7.2 # quirk\"\n"
	"  ...\n";

static const char expected_warn[] =
	" 6 - t.mmio-v2.direct: rng (mmio-v2): X-WARN-001\n"
	"  ---\n"
	"  verdict: \"WARN\"\n"
	"  reason: \"lenient: kept \\\"bit\\\\\\\"\"\n"
	"  ...\n";

static const char expected_tail[] =
	"not ok 7 - t.mmio-v2.direct: rng (mmio-v2): X-FAIL-001\n"
	"  ---\n"
	"  verdict: \"FAIL\"\n"
	"  message: \"value \\xff\\x0a read\"\n"
	"  ...\n"
	"not ok 8 - t.mmio-v2.direct: rng (mmio-v2): X-XPASS-001\n"
	"  ---\n"
	"  verdict: \"XPASS\"\n"
	"  message: \"passed where the baseline expects it to fail: update the baseline\"\n"
	"  baseline: \"known\"\n"
	"  ...\n"
	"not ok 9 - t.mmio-v2.direct: rng (mmio-v2): X-CRASH-001\n"
	"  ---\n"
	"  verdict: \"CRASH\"\n"
	"  message: \"QEMU died\"\n"
	"  ...\n"
	"not ok 10 - t.mmio-v2.direct: rng (mmio-v2): MMIO-ID-001 MagicValue reads 0x74726976\n"
	"  ---\n"
	"  verdict: \"FAIL\"\n"
	"  message: \"magic 0\"\n"
	"  spec: \"1.2 4.2.2.1\"\n"
	"  ...\n";

static char *render(const struct vc_run *run, enum vc_fail_on fail_on)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(vc_tap_put(f, run, fail_on), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static char *expected(const char *warn_word)
{
	char *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);
	assert_non_null(f);
	fprintf(f, "%s%s%s%s", expected_head, warn_word, expected_warn, expected_tail);
	assert_int_equal(fclose(f), 0);
	return s;
}

/* The catalogue's words the last line quotes, checked first so a changed
 * title says so rather than failing the comparison below. */
static void assert_catalogue(void)
{
	const struct vc_check *k = vc_catalogue_find("MMIO-ID-001");
	assert_non_null(k);
	assert_string_equal(k->title, "MagicValue reads 0x74726976");
	assert_string_equal(k->spec, "1.2 4.2.2.1");
}

/* WARN passes, with its reason; every failure says why in YAML. */
static void test_every_verdict(void **state)
{
	(void)state;
	assert_catalogue();
	struct vc_run run;
	build_run(&run);
	char *got = render(&run, VC_FAIL_ON_FAIL), *want = expected("ok");
	assert_string_equal(got, want);
	free(got), free(want);
	vc_run_free(&run);
}

/* --fail-on warn: the WARN line alone changes, to not ok. */
static void test_fail_on_warn(void **state)
{
	(void)state;
	assert_catalogue();
	struct vc_run run;
	build_run(&run);
	char *got = render(&run, VC_FAIL_ON_WARN), *want = expected("not ok");
	assert_string_equal(got, want);
	free(got), free(want);
	vc_run_free(&run);
}

/* The device as found, without its check results. */
static void drop_checks(struct vc_device *d)
{
	for (size_t i = 0; i < d->nchecks; i++)
		free(d->checks[i].id), free(d->checks[i].detail), free(d->checks[i].baseline_reason);
	d->nchecks = 0;
}

/* A cell that crashed: its boot is not ok, an attached device it never
 * reached is skipped, not failed. */
static void test_crashed_cell(void **state)
{
	(void)state;
	struct vc_run run;
	build_run(&run);
	struct vc_cell *c = &run.cells[0];
	c->outcome = VC_OUT_CRASHED;
	c->outcome_detail = vc_xstrdup("QEMU exited with status 1");
	free(c->devices[0].model);
	c->devices[0].model = NULL;
	drop_checks(&c->devices[0]);
	char *got = render(&run, VC_FAIL_ON_FAIL);
	const char *want =
		"TAP version 13\n"
		"1..2\n"
		"# t.mmio-v2.direct: CRASH, crashed in 0.500 s\n"
		"not ok 1 - t.mmio-v2.direct: boot\n"
		"  ---\n"
		"  verdict: \"CRASH\"\n"
		"  message: \"QEMU exited with status 1\"\n"
		"  ...\n"
		"ok 2 - t.mmio-v2.direct: found.rng # SKIP the cell stopped before the guest found it\n";
	assert_string_equal(got, want);
	free(got);
	vc_run_free(&run);
}

static void test_empty_run(void **state)
{
	(void)state;
	struct vc_run run = { 0 };
	char *got = render(&run, VC_FAIL_ON_FAIL);
	assert_string_equal(got, "TAP version 13\n1..0 # SKIP no cells\n");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_verdict),
		cmocka_unit_test(test_fail_on_warn),
		cmocka_unit_test(test_crashed_cell),
		cmocka_unit_test(test_empty_run),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
