/* Unit tests for vhost-user trace events (harness/collect/vhost_user.c): QEMU 7.2's
 * "vhost_user_write req:N flags:0xF" / "vhost_user_read ..." lines, the
 * protocol's request names, and the phrase a step's messages become. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "harness/collect/vhost_user.h"

static void test_parse(void **state)
{
	struct vc_vu_msg m;
	assert_int_equal(vc_vu_parse("vhost_user_write req:25 flags:0x9", &m), 0);
	assert_int_equal(m.to_backend, 1);
	assert_int_equal(m.req, 25);
	assert_int_equal(m.flags, VC_VU_FLAG_NEED_REPLY | 1);
	assert_int_equal(vc_vu_parse("vhost_user_read req:24 flags:0x5", &m), 0);
	assert_int_equal(m.to_backend, 0);
	assert_int_equal(m.req, VC_VU_GET_CONFIG);
	assert_int_equal(m.flags, VC_VU_FLAG_REPLY | 1);
	/* near misses: other events, truncated or decorated lines */
	assert_int_equal(vc_vu_parse("vhost_user_write_x req:25 flags:0x9", &m), -1);
	assert_int_equal(vc_vu_parse("vhost_dev_start 0x55:virtio-blk vrings:1", &m), -1);
	assert_int_equal(vc_vu_parse("vhost_user_write req:25", &m), -1);
	assert_int_equal(vc_vu_parse("vhost_user_write req:25 flags:0x", &m), -1);
	assert_int_equal(vc_vu_parse("vhost_user_write req:x flags:0x1", &m), -1);
	assert_int_equal(vc_vu_parse("vhost_user_write req:25 flags:0x9 extra", &m), -1);
	assert_int_equal(vc_vu_parse("virtio_set_status vdev 0x1 val 3", &m), -1);
}

static void test_names(void **state)
{
	/* numbers from the vhost-user protocol's request table */
	assert_string_equal(vc_vu_request_name(1), "GET_FEATURES");
	assert_string_equal(vc_vu_request_name(2), "SET_FEATURES");
	assert_string_equal(vc_vu_request_name(13), "SET_VRING_CALL");
	assert_string_equal(vc_vu_request_name(24), "GET_CONFIG");
	assert_string_equal(vc_vu_request_name(25), "SET_CONFIG");
	assert_string_equal(vc_vu_request_name(37), "ADD_MEM_REG");
	assert_null(vc_vu_request_name(0));
	assert_null(vc_vu_request_name(41));
	assert_null(vc_vu_request_name(1000));
}

static void test_describe(void **state)
{
	char buf[256];
	/* a message and its reply, with an unrelated event between */
	char *answered[] = { "vhost_user_write req:25 flags:0x9", "virtio_notify vdev 0x1 vq 0x2",
			     "vhost_user_read req:25 flags:0x5" };
	assert_int_equal(vc_vu_describe(answered, 3, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "SET_CONFIG (25) answered");
	/* the backend died after SET_FEATURES: later messages go unanswered */
	char *dead[] = { "vhost_user_write req:2 flags:0x1", "vhost_dev_start 0x1:virtio-blk vrings:1",
			 "vhost_user_write req:37 flags:0x9" };
	assert_int_equal(vc_vu_describe(dead, 3, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "SET_FEATURES (2) sent, ADD_MEM_REG (37) sent");
	/* a reply to something else is not this message's answer */
	char *other[] = { "vhost_user_write req:24 flags:0x1", "vhost_user_read req:1 flags:0x5" };
	assert_int_equal(vc_vu_describe(other, 2, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "GET_CONFIG (24) sent, reply to GET_FEATURES (1)");
	char *unknown[] = { "vhost_user_write req:99 flags:0x1" };
	vc_vu_describe(unknown, 1, buf, sizeof(buf));
	assert_string_equal(buf, "request (99) sent");
	char *none[] = { "virtio_set_status vdev 0x1 val 3" };
	assert_int_equal(vc_vu_describe(none, 1, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
	/* a short buffer stays terminated */
	char tiny[8];
	vc_vu_describe(answered, 3, tiny, sizeof(tiny));
	assert_true(strlen(tiny) < sizeof(tiny));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_describe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
