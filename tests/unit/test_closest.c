/* Unit tests for "did you mean" (harness/util/closest.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "harness/util/closest.h"

static void test_distance(void **state)
{
	assert_int_equal(vc_edit_distance("", ""), 0);
	assert_int_equal(vc_edit_distance("blk", "blk"), 0);
	assert_int_equal(vc_edit_distance("blk", "BLK"), 0); /* case does not count */
	assert_int_equal(vc_edit_distance("blk", "blkk"), 1); /* an insertion */
	assert_int_equal(vc_edit_distance("mmio-2", "mmio-v2"), 1);
	assert_int_equal(vc_edit_distance("rnu", "run"), 2); /* a swap is two edits */
	assert_int_equal(vc_edit_distance("kitten", "sitting"), 3);
	assert_int_equal(vc_edit_distance("", "abc"), 3);
	char longer[80];
	memset(longer, 'a', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = 0;
	assert_true(vc_edit_distance(longer, "a") >= 1000); /* past 64: never near */
}

static void test_closest(void **state)
{
	static const char *const devices[] = { "net", "blk", "console", "rng", "balloon", "vhost-user-blk" };
	const size_t n = sizeof(devices) / sizeof(devices[0]);
	assert_string_equal(vc_closest("blkk", devices, n), "blk");
	assert_string_equal(vc_closest("consle", devices, n), "console");
	assert_string_equal(vc_closest("vhost-usr-blk", devices, n), "vhost-user-blk");
	assert_null(vc_closest("zzzzzz", devices, n));
	/* a name shorter than the distance is no typo of anything */
	assert_null(vc_closest("x", devices, n));
	assert_null(vc_closest("", devices, n));
	assert_null(vc_closest("blk", devices, 0));
	/* ties go to the first */
	static const char *const two[] = { "abd", "abe" };
	assert_string_equal(vc_closest("abc", two, 2), "abd");
	/* long names allow three edits, short ones two */
	static const char *const ids[] = { "STATUS-RESET-001" };
	assert_string_equal(vc_closest("STATS-RSET-01", ids, 1), "STATUS-RESET-001"); /* three edits */
	assert_null(vc_closest("STAT-RST-01", ids, 1)); /* five */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_closest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
