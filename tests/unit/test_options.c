/* The image's command-line options (guests/lib/options.c, the file the
 * image runs): vcheck.only as a list, as the host's confirmation runs and
 * `vcheck run --only A,B` send it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "guests/lib/options.c"

static void test_no_only_runs_everything(void **state)
{
	(void)state;
	struct vc_options o;
	vc_parse_options("vcheck.checks=1 vcheck.trace=0", &o);
	assert_true(vc_options_runs(&o, "MMIO-ID-001", 0, 0));
}

static void test_only_list_names_whole_ids(void **state)
{
	(void)state;
	struct vc_options o;
	vc_parse_options("vcheck.checks=1 vcheck.only=VQ-RESET-003,STATUS-DOK-003 vcheck.trace=0", &o);
	assert_true(vc_options_runs(&o, "VQ-RESET-003", 0, 0));
	assert_true(vc_options_runs(&o, "STATUS-DOK-003", 0, 0));
	/* Near misses: a prefix, an extension, the neighbour of a listed ID. */
	assert_false(vc_options_runs(&o, "VQ-RESET-00", 0, 0));
	assert_false(vc_options_runs(&o, "VQ-RESET-0031", 0, 0));
	assert_false(vc_options_runs(&o, "STATUS-DOK-002", 0, 0));
}

/* Empty items and a trailing comma name nothing; matching is exact. */
static void test_list_names_edges(void **state)
{
	(void)state;
	assert_true(vc_list_names("A-1,,B-1,", "B-1"));
	assert_true(vc_list_names("A-1", "A-1"));
	assert_false(vc_list_names("A-1,,B-1,", "B-"));
	assert_false(vc_list_names("A-1", "A-1,"));
	assert_false(vc_list_names("", "A-1"));
	assert_false(vc_list_names(",", "A-1"));
}

/* The later vcheck.only wins (a confirmation run appends its own to the
 * user's); one longer than the buffer is ignored, not cut. */
static void test_later_only_wins_and_long_is_ignored(void **state)
{
	(void)state;
	struct vc_options o;
	vc_parse_options("vcheck.only=A-1 vcheck.only=B-1", &o);
	assert_false(vc_options_runs(&o, "A-1", 0, 0));
	assert_true(vc_options_runs(&o, "B-1", 0, 0));
	char args[VC_ONLY_MAX + 32] = "vcheck.only=";
	memset(args + 12, 'X', VC_ONLY_MAX);
	args[12 + VC_ONLY_MAX] = 0;
	vc_parse_options(args, &o);
	assert_string_equal(o.only, "");
}

/* A name that fits is kept as given; one too long for the buffer becomes
 * "?", which no console or personality has, so the image refuses it
 * instead of silently running with the default. */
/* vcheck.run: a rank set of any length (vcheck/ranks.h), as the host sends
 * --only and --skip. */
static void test_run_set(void **state)
{
	(void)state;
	struct vc_options o;
	vc_parse_options("vcheck.run=5", &o); /* ranks 0 and 2 */
	assert_false(o.bad_set);
	assert_true(vc_options_runs(&o, "X", 0, 0));
	assert_false(vc_options_runs(&o, "X", 1, 0));
	assert_true(vc_options_runs(&o, "X", 2, 3));
	vc_parse_options("vcheck.run=2+1", &o); /* two zero digits: rank 8 */
	assert_true(vc_options_runs(&o, "X", 8, 0));
	assert_false(vc_options_runs(&o, "X", 0, 0));
	/* and with vcheck.only both must say yes */
	vc_parse_options("vcheck.run=1 vcheck.only=A-1", &o);
	assert_true(vc_options_runs(&o, "A-1", 0, 0));
	assert_false(vc_options_runs(&o, "B-1", 0, 0));
	for (const char *bad = "vcheck.run=x1\0vcheck.run=3+\0vcheck.run=1025+1\0"; *bad; bad += strlen(bad) + 1) {
		vc_parse_options(bad, &o);
		assert_true(o.bad_set);
	}
}

/* vcheck.resume=D:RANKS: nothing before device D, RANKS not on D, all after. */
static void test_resume_point(void **state)
{
	(void)state;
	struct vc_options o;
	vc_parse_options("vcheck.resume=2:3 vcheck.careful=1", &o); /* ranks 0, 1 done on device 2 */
	assert_false(o.bad_set);
	assert_true(o.careful);
	assert_false(vc_options_runs(&o, "X", 5, 1));
	assert_false(vc_options_runs(&o, "X", 0, 2));
	assert_false(vc_options_runs(&o, "X", 1, 2));
	assert_true(vc_options_runs(&o, "X", 2, 2));
	assert_true(vc_options_runs(&o, "X", 0, 3));
	vc_parse_options("vcheck.resume=0:0", &o);
	assert_false(o.bad_set);
	assert_true(vc_options_runs(&o, "X", 0, 0));
	for (const char *bad = "vcheck.resume=2\0vcheck.resume=:1\0vcheck.resume=x:1\0vcheck.resume=1:z\0"; *bad;
	     bad += strlen(bad) + 1) {
		vc_parse_options(bad, &o);
		assert_true(o.bad_set);
	}
}

/* vcheck.xen-grant takes a domid below Xen's reserved ones (0x7ff0); anything
 * else leaves grants to the DT (-1). */
static void test_xen_grant_domid(void **state)
{
	(void)state;
	struct vc_options o;
	vc_parse_options("vcheck.trace=0", &o);
	assert_int_equal(o.xen_grant, -1);
	vc_parse_options("vcheck.xen-grant=0", &o);
	assert_int_equal(o.xen_grant, 0);
	vc_parse_options("vcheck.xen-grant=32751", &o);
	assert_int_equal(o.xen_grant, 32751);
	const char *bad[] = { "vcheck.xen-grant=", "vcheck.xen-grant=32752", "vcheck.xen-grant=00x",
			      "vcheck.xen-grant=-1", "vcheck.xen-grant=99999999999" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		vc_parse_options(bad[i], &o);
		assert_int_equal(o.xen_grant, -1);
	}
}

static void test_names_kept_or_refused(void **state)
{
	(void)state;
	struct vc_options o;
	vc_parse_options("vcheck.console=semihosting vcheck.personality=gunyah", &o);
	assert_string_equal(o.console, "semihosting");
	assert_string_equal(o.personality, "gunyah");
	vc_parse_options("vcheck.trace=0", &o);
	assert_string_equal(o.console, ""); /* the DT's UART */
	char args[64] = "vcheck.console=";
	memset(args + 15, 's', sizeof(o.console));
	args[15 + sizeof(o.console)] = 0;
	vc_parse_options(args, &o);
	assert_string_equal(o.console, "?");
	memset(args + 15, 's', sizeof(o.console) - 1);
	args[15 + sizeof(o.console) - 1] = 0;
	vc_parse_options(args, &o);
	assert_int_equal(strlen(o.console), sizeof(o.console) - 1); /* the longest that fits */
	/* a plant name too long is refused too, not dropped (a run without its fault) */
	char plant[80] = "vcheck.plant=";
	memset(plant + 13, 'p', sizeof(o.plant));
	plant[13 + sizeof(o.plant)] = 0;
	vc_parse_options(plant, &o);
	assert_string_equal(o.plant, "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_only_runs_everything),
		cmocka_unit_test(test_only_list_names_whole_ids),
		cmocka_unit_test(test_later_only_wins_and_long_is_ignored),
		cmocka_unit_test(test_run_set),
		cmocka_unit_test(test_resume_point),
		cmocka_unit_test(test_names_kept_or_refused),
		cmocka_unit_test(test_xen_grant_domid),
		cmocka_unit_test(test_list_names_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
