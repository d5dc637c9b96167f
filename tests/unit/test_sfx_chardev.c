/* Unit tests for chardev evidence (harness/collect/sfx_chardev.c): the host file
 * against the low bytes of the writes that made the device act. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "harness/collect/sfx_chardev.h"

static const struct vc_chardev_step emerg[] = { { 28, 1 }, { 29, 2 }, { 30, 0x80 }, { 31, 0xffffffff } };

static void test_match(void **state)
{
	/* QEMU 7.2's virtconsole0.txt after the emerg_wr writes 1, 2, 0x80, ~0 */
	static const uint8_t file[] = { 0x01, 0x02, 0x80, 0xff };
	char *l = vc_chardev_line(emerg, 4, file, 4, 1, "virtconsole0.txt");
	assert_string_equal(l, "chardev: wr #28 #29 #30 #31 made the device act; the host's virtconsole0.txt "
			       "received 01 02 80 ff: the low byte of the field each write left, in order");
	free(l);
}

static void test_near_misses(void **state)
{
	static const uint8_t reordered[] = { 0x02, 0x01, 0x80, 0xff }, longer[] = { 1, 2, 0x80, 0xff, 0x0a };
	char *l = vc_chardev_line(emerg, 4, reordered, 4, 1, "c.txt");
	assert_non_null(strstr(l, ": not the low bytes of the field the writes left"));
	free(l);
	l = vc_chardev_line(emerg, 4, longer, 5, 1, "c.txt");
	assert_non_null(strstr(l, "received 01 02 80 ff 0a: not the low bytes"));
	free(l);
	l = vc_chardev_line(emerg, 4, NULL, 0, 1, "c.txt");
	assert_non_null(strstr(l, "received nothing: not the low bytes"));
	free(l);
	l = vc_chardev_line(emerg, 4, NULL, 0, 0, "c.txt");
	assert_string_equal(l, "chardev: wr #28 #29 #30 #31 made the device act; the host's c.txt could not be read");
	free(l);
}

static void test_many_bytes_shown_briefly(void **state)
{
	struct vc_chardev_step s[20];
	uint8_t file[20];
	for (unsigned i = 0; i < 20; i++)
		s[i] = (struct vc_chardev_step){ 100 + i, 0x4100 + i }, file[i] = (uint8_t)(i);
	char *l = vc_chardev_line(s, 20, file, 20, 1, "c.txt");
	assert_non_null(strstr(l, " 0f (+4 more): the low byte of the field each write left, in order"));
	free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_near_misses),
		cmocka_unit_test(test_many_bytes_shown_briefly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
