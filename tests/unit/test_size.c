/* Sizes as target files and `vcheck disk` write them (harness/util/size.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "harness/util/size.h"

static void test_sizes(void **state)
{
	unsigned long long b = 0;
	assert_int_equal(vc_size_parse("512", ~0ull, &b), 0);
	assert_true(b == 512);
	assert_int_equal(vc_size_parse("1K", ~0ull, &b), 0);
	assert_true(b == 1024);
	assert_int_equal(vc_size_parse("3M", ~0ull, &b), 0);
	assert_true(b == 3ull * 1024 * 1024);
	assert_int_equal(vc_size_parse("2G", ~0ull, &b), 0);
	assert_true(b == 2ull << 30);
	assert_int_equal(vc_size_parse("0x10K", ~0ull, &b), 0);
	assert_true(b == 16 * 1024);
	assert_int_equal(vc_size_parse("0", ~0ull, &b), 0); /* zero is the caller's to refuse */
	assert_true(b == 0);
}

static void test_refused(void **state)
{
	unsigned long long b = 7;
	const char *bad[] = { "", "M", "-1", "+1", " 1", "1X", "1KB", "1k", "1M ", "99999999999999999999",
			      "18446744073709551615G" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(vc_size_parse(bad[i], ~0ull, &b), -1);
	assert_true(b == 7); /* untouched */
	/* the limit holds after the multiple is applied */
	assert_int_equal(vc_size_parse("1024", 1024, &b), 0);
	assert_int_equal(vc_size_parse("1025", 1024, &b), -1);
	assert_int_equal(vc_size_parse("1K", 1024, &b), 0);
	assert_int_equal(vc_size_parse("2K", 1024, &b), -1);
}

static void test_prefix(void **state)
{
	unsigned long long b;
	const char *end;
	const char *s = "256M@0x40000000";
	assert_int_equal(vc_size_prefix(s, &end, 1ull << 40, &b), 0);
	assert_true(b == 256ull << 20);
	assert_ptr_equal(end, s + 4);
	assert_int_equal(vc_size_prefix("@1", &end, 1ull << 40, &b), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_prefix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
