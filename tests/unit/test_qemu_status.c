/* Unit tests for QEMU's view of a device as evidence (harness/collect/qemu_status.c):
 * x-query-virtio-status answers as QEMU 7.2 gives them, QOM locations, and
 * the evidence line. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "harness/collect/qemu_status.h"

/* QEMU 7.2's answer for a vhost-user-blk on virtio-mmio version 2 after the
 * guest wrote 0xfc to Status (shortened feature lists, fields as given). */
static const char reply[] =
	"{\"return\": {\"device-endian\": \"little\", \"bus-name\": \"\", \"name\": \"virtio-blk\", "
	"\"started\": true, \"device-id\": 2, \"backend-features\": {\"dev-features\": [], \"transports\": []}, "
	"\"isr\": 0, \"broken\": false, \"status\": {\"statuses\": [\"VIRTIO_CONFIG_S_FAILED: Failed\", "
	"\"VIRTIO_CONFIG_S_NEEDS_RESET: Needs reset\", \"VIRTIO_CONFIG_S_FEATURES_OK: Features OK\", "
	"\"VIRTIO_CONFIG_S_DRIVER_OK: Driver ready\"]}, \"num-vqs\": 1, \"guest-features\": {\"dev-features\": "
	"[\"VIRTIO_BLK_F_CONFIG_WCE: Cache writeback and writethrough modes supported\"], \"transports\": "
	"[\"VIRTIO_RING_F_EVENT_IDX: Used & avail. event fields enabled\"]}, \"vm-running\": true, "
	"\"vhost-started\": false, \"use-started\": true}}";

static void test_parse(void **state)
{
	struct vc_qemu_status s = { .after_seq = 290 };
	char err[256] = "";
	if (vc_qemu_status_parse(reply, &s, err, sizeof(err)))
		fail_msg("rejected: %s", err);
	assert_string_equal(s.status, "FAILED|NEEDS_RESET|FEATURES_OK|DRIVER_OK");
	assert_string_equal(s.guest_features, "VIRTIO_RING_F_EVENT_IDX, VIRTIO_BLK_F_CONFIG_WCE");
	assert_int_equal(s.started, 1);
	assert_int_equal(s.vhost_started, 0);
	assert_int_equal(s.broken, 0);
	char line[640];
	vc_qemu_status_line(&s, "wr #290", line, sizeof(line));
	assert_string_equal(line, "qemu: after wr #290 x-query-virtio-status: status FAILED|NEEDS_RESET|FEATURES_OK|"
				  "DRIVER_OK; started; guest features VIRTIO_RING_F_EVENT_IDX, VIRTIO_BLK_F_CONFIG_WCE");
	free(s.status), free(s.guest_features);
}

static void test_parse_empty_and_bad(void **state)
{
	struct vc_qemu_status s = { 0 };
	char err[256] = "", line[640];
	const char *reset = "{\"return\": {\"started\": false, \"broken\": true, \"vhost-started\": true, "
			    "\"status\": {\"statuses\": []}, \"guest-features\": {\"dev-features\": [], \"transports\": []}}}";
	if (vc_qemu_status_parse(reset, &s, err, sizeof(err)))
		fail_msg("rejected: %s", err);
	vc_qemu_status_line(&s, "wr #7", line, sizeof(line));
	assert_string_equal(line, "qemu: after wr #7 x-query-virtio-status: status 0; not started; vhost started; "
				  "broken; guest features none");
	free(s.status), free(s.guest_features);
	assert_int_equal(vc_qemu_status_parse("{\"return\": {}}", &s, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no status"));
	assert_int_equal(vc_qemu_status_parse("{\"return\": ", &s, err, sizeof(err)), -1);
	assert_int_equal(vc_qemu_status_parse("{\"error\": {\"desc\": \"x\"}}", &s, err, sizeof(err)), -1);
}

static void test_locations(void **state)
{
	struct vc_target t = { .mmio_base = 0x0a000000, .mmio_stride = 0x200, .mmio_slots = 32 };
	char loc[64];
	/* QEMU 7.2: parent_bus of a virtio-mmio device, addr (devfn) of a virtio-pci proxy */
	assert_int_equal(vc_qom_location(&t, "/machine/unattached/device[11]/virtio-mmio-bus.3", -1, loc, sizeof(loc)), 0);
	assert_string_equal(loc, "mmio@0xa000600");
	assert_int_equal(vc_qom_location(&t, NULL, 16, loc, sizeof(loc)), 0);
	assert_string_equal(loc, "pci@00:02.0");
	/* near misses: another bus, a slot past the windows, a function other than 0 */
	assert_int_equal(vc_qom_location(&t, "/machine/peripheral-anon/device[1]/virtio-bus", -1, loc, sizeof(loc)), -1);
	assert_int_equal(vc_qom_location(&t, "/x/virtio-mmio-bus.32", -1, loc, sizeof(loc)), -1);
	assert_int_equal(vc_qom_location(&t, "/x/virtio-mmio-bus.", -1, loc, sizeof(loc)), -1);
	assert_int_equal(vc_qom_location(&t, "/x/virtio-mmio-bus.3x", -1, loc, sizeof(loc)), -1);
	assert_int_equal(vc_qom_location(&t, NULL, 17, loc, sizeof(loc)), -1);
	assert_int_equal(vc_qom_location(&t, NULL, 256, loc, sizeof(loc)), -1);
	assert_int_equal(vc_qom_location(&t, NULL, -1, loc, sizeof(loc)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_empty_and_bad),
		cmocka_unit_test(test_locations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
