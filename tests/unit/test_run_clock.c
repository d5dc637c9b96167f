/* The running clock that waits count on (guests/lib/run_clock.c, the file
 * the image runs): gaps between a wait's polls longer than
 * VC_RUN_CLOCK_GAP_US are left out of the window, the loop's own short
 * turns and the guest's work outside polls are not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "guests/lib/run_clock.c"

/* A 50 ms window polled every 10 us on an idle host ends after 50 ms. */
static void test_short_polls_count_fully(void **state)
{
	(void)state;
	struct vc_run_clock c = { 0 };
	uint64_t deadline = vc_run_clock_own(&c, 1000) + 50000, t = 1000;
	while (vc_run_clock_poll(&c, t) <= deadline)
		t += 10;
	assert_int_equal(t, 51010);
	assert_int_equal(c.stolen, 0);
}

/* The same window with the vCPU descheduled for 30 ms twice: it ends 60 ms
 * later in wall time, having run its full 50 ms. */
static void test_gaps_extend_the_window(void **state)
{
	(void)state;
	struct vc_run_clock c = { 0 };
	uint64_t deadline = vc_run_clock_own(&c, 0) + 50000, t = 0;
	for (unsigned polls = 1; vc_run_clock_poll(&c, t) <= deadline; polls++)
		t += (polls == 1000 || polls == 2000) ? 30000 : 10;
	assert_int_equal(c.stolen, 60000);
	assert_int_equal(t, 110010);
}

/* Exactly the threshold is still the loop's own turn; one microsecond more
 * is a gap, counted whole. */
static void test_gap_threshold(void **state)
{
	(void)state;
	struct vc_run_clock c = { 0 };
	vc_run_clock_own(&c, 0);
	assert_int_equal(vc_run_clock_poll(&c, VC_RUN_CLOCK_GAP_US), VC_RUN_CLOCK_GAP_US);
	assert_int_equal(vc_run_clock_poll(&c, 2 * VC_RUN_CLOCK_GAP_US + 1), VC_RUN_CLOCK_GAP_US);
	assert_int_equal(c.stolen, VC_RUN_CLOCK_GAP_US + 1);
}

/* Time between waits, or a backend turn the guest runs itself, is the
 * guest's own work: `own` moves the last poll without counting a gap. */
static void test_own_work_is_not_a_gap(void **state)
{
	(void)state;
	struct vc_run_clock c = { 0 };
	vc_run_clock_own(&c, 0);
	vc_run_clock_poll(&c, 100);
	assert_int_equal(vc_run_clock_own(&c, 80100), 80100);
	assert_int_equal(vc_run_clock_poll(&c, 80110), 80110);
	assert_int_equal(c.stolen, 0);
}

/* A wall clock that reads earlier than the last poll (a counter read out
 * of order) neither steals nor moves the last poll back. */
static void test_clock_going_back(void **state)
{
	(void)state;
	struct vc_run_clock c = { 0 };
	vc_run_clock_own(&c, 5000);
	vc_run_clock_poll(&c, 4000);
	assert_int_equal(c.stolen, 0);
	assert_int_equal(c.last, 5000);
	vc_run_clock_poll(&c, 5500);
	assert_int_equal(c.stolen, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_polls_count_fully), cmocka_unit_test(test_gaps_extend_the_window),
		cmocka_unit_test(test_gap_threshold),		cmocka_unit_test(test_own_work_is_not_a_gap),
		cmocka_unit_test(test_clock_going_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
