/* The Gunyah-style page's rules one by one (guests/lib/personality/gunyah_page.c, the
 * same file the image runs). Expected values come from the hypervisor's
 * behaviour as ../shared/reference/gunyah-virtio-mmio.md records it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_status.h"
#include "guests/lib/personality/gunyah_page.c"

#define VER1 (1u << 0)   /* VERSION_1 in feature word 1 */
#define PLAT (1u << 1)   /* ACCESS_PLATFORM */
#define NDATA (1u << 6)  /* NOTIFICATION_DATA */

static struct gh_page page;

static struct gh_page *fresh(unsigned vqs, uint32_t type)
{
	assert_int_equal(gh_configure(&page, vqs, type), 0);
	assert_int_equal(gh_backend_set_dev_features(&page, 0, 0x30000000u), 0);
	assert_int_equal(gh_backend_set_dev_features(&page, 1, VER1 | PLAT), 0);
	for (unsigned q = 0; q < vqs; q++)
		assert_int_equal(gh_backend_set_queue_num_max(&page, q, 256), 0);
	return &page;
}

static uint32_t rd(struct gh_page *p, unsigned off) { return (uint32_t)gh_read(p, off, 4); }

static void configure_limits(void **s)
{
	(void)s;
	assert_int_equal(gh_configure(&page, 0, 0), -1);
	assert_int_equal(gh_configure(&page, GH_MAX_VQS + 1, 0), -1);
	assert_int_equal(gh_configure(&page, GH_MAX_VQS, 0), 0);
}

static void upload_policy(void **s)
{
	(void)s;
	gh_configure(&page, 1, 0);
	assert_int_equal(gh_backend_set_dev_features(&page, 1, VER1), -1);        /* no ACCESS_PLATFORM */
	assert_int_equal(gh_backend_set_dev_features(&page, 1, PLAT), -1);        /* no VERSION_1 */
	assert_int_equal(gh_backend_set_dev_features(&page, 1, VER1 | PLAT | NDATA), -1);
	assert_int_equal(gh_backend_set_dev_features(&page, 1, VER1 | PLAT), 0);
	assert_int_equal(gh_backend_set_dev_features(&page, 2, 0), -1);
}

static void widths(void **s)
{
	(void)s;
	struct gh_page *p = fresh(1, 0);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_STATUS, 2, 1), GH_WIDTH);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_STATUS, 1, 1), GH_WIDTH);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_QUEUE_DESC_LOW, 8, 0), GH_WIDTH);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_CONFIG + 2, 2, 0), GH_WIDTH);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_CONFIG + 2, 4, 0), GH_WIDTH); /* unaligned */
	assert_int_equal(gh_write(p, VIRTIO_MMIO_CONFIG + 3, 1, 7), GH_CONFIG_STORED);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_CONFIG + 4, 4, 7), GH_CONFIG_STORED);
	assert_true(gh_rule_faults(GH_WIDTH));
	assert_false(gh_rule_faults(GH_CONFIG_STORED));
}

static void config_writes_stay_in_the_page(void **s)
{
	(void)s;
	struct gh_page *p = fresh(1, 0);
	uint8_t cap[4] = { 0x00, 0x08, 0, 0 };
	gh_backend_store(p, VIRTIO_MMIO_CONFIG, cap, 4);
	assert_int_equal(gh_read_rule(p, VIRTIO_MMIO_CONFIG, 4), GH_NONE);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_CONFIG + 1, 1, 0x55), GH_CONFIG_STORED);
	assert_int_equal(rd(p, VIRTIO_MMIO_CONFIG), 0x5500);       /* the guest's own byte */
	assert_int_equal(page.reason, 0);                          /* backend not told */
	assert_int_equal(gh_read_rule(p, VIRTIO_MMIO_CONFIG, 4), GH_CONFIG_DIRTY);
	assert_int_equal(gh_read_rule(p, VIRTIO_MMIO_CONFIG, 1), GH_NONE);
	assert_int_equal(gh_read_rule(p, VIRTIO_MMIO_CONFIG + 4, 4), GH_NONE);
	gh_write(p, VIRTIO_MMIO_STATUS, 4, 1);
	gh_write(p, VIRTIO_MMIO_STATUS, 4, 0);
	gh_backend_ack_reset(p);
	assert_int_equal(rd(p, VIRTIO_MMIO_CONFIG), 0x5500);       /* a reset does not restore it */
}

static void read_only_registers_abort(void **s)
{
	(void)s;
	struct gh_page *p = fresh(1, 0);
	static const unsigned ro[] = { VIRTIO_MMIO_MAGIC_VALUE, VIRTIO_MMIO_VERSION, VIRTIO_MMIO_DEVICE_ID,
				       VIRTIO_MMIO_DEVICE_FEATURES, VIRTIO_MMIO_QUEUE_NUM_MAX,
				       VIRTIO_MMIO_INTERRUPT_STATUS, VIRTIO_MMIO_SHM_SEL, VIRTIO_MMIO_QUEUE_RESET,
				       VIRTIO_MMIO_CONFIG_GENERATION, VIRTIO_MMIO_GUEST_PAGE_SIZE,
				       VIRTIO_MMIO_QUEUE_PFN };
	for (unsigned i = 0; i < sizeof(ro) / sizeof(ro[0]); i++)
		assert_int_equal(gh_write(p, ro[i], 4, 0), GH_READ_ONLY);
}

static void feature_selectors(void **s)
{
	(void)s;
	struct gh_page *p = fresh(1, 0);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 4, 1), GH_NONE);
	assert_int_equal(rd(p, VIRTIO_MMIO_DEVICE_FEATURES), VER1 | PLAT);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 4, 2), GH_FEATURE_SEL);
	assert_int_equal(rd(p, VIRTIO_MMIO_DEVICE_FEATURES), VER1 | PLAT); /* unchanged: the write aborted */
	assert_int_equal(rd(p, VIRTIO_MMIO_DEVICE_FEATURES_SEL), 0);       /* never reflected */
	assert_int_equal(gh_write(p, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 4, 2), GH_FEATURE_SEL);
	gh_write(p, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 4, 1);
	gh_write(p, VIRTIO_MMIO_DRIVER_FEATURES, 4, VER1);
	assert_int_equal(gh_backend_get_drv_features(p, 1), VER1);
	assert_int_equal(gh_backend_get_drv_features(p, 0), 0);
	assert_int_equal(rd(p, VIRTIO_MMIO_DRIVER_FEATURES), 0);           /* stale page bytes */
	assert_int_equal(gh_read_rule(p, VIRTIO_MMIO_DRIVER_FEATURES, 4), GH_PAGE_READ);
	assert_int_equal(gh_read_rule(p, VIRTIO_MMIO_STATUS, 4), GH_NONE);
}

static void queue_selection_and_banks(void **s)
{
	(void)s;
	struct gh_page *p = fresh(2, 0);
	gh_backend_set_queue_num_max(p, 1, 64);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_QUEUE_SEL, 4, 2), GH_QUEUE_SEL);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_QUEUE_SEL, 4, 1), GH_NONE);
	assert_int_equal(rd(p, VIRTIO_MMIO_QUEUE_NUM_MAX), 64);
	gh_write(p, VIRTIO_MMIO_QUEUE_NUM, 4, 32);
	gh_write(p, VIRTIO_MMIO_QUEUE_DESC_LOW, 4, 0x1000);
	gh_write(p, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, 4, 0x2);
	gh_write(p, VIRTIO_MMIO_QUEUE_READY, 4, 1);
	assert_int_equal(rd(p, VIRTIO_MMIO_QUEUE_READY), 1);
	gh_write(p, VIRTIO_MMIO_QUEUE_SEL, 4, 0);
	assert_int_equal(rd(p, VIRTIO_MMIO_QUEUE_READY), 0);               /* queue 0's bank */
	assert_int_equal(rd(p, VIRTIO_MMIO_QUEUE_NUM_MAX), 256);
	struct gh_queue q;
	assert_int_equal(gh_backend_get_queue_info(p, 1, &q), 0);
	assert_int_equal(q.num, 32);
	assert_int_equal(q.desc[0], 0x1000);
	assert_int_equal(q.device[1], 2);
	assert_int_equal(q.ready, 1);
	assert_int_equal(gh_backend_get_queue_info(p, 2, &q), -1);
}

static void notify_is_posted(void **s)
{
	(void)s;
	struct gh_page *p = fresh(2, 0);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_QUEUE_NOTIFY, 4, 1), GH_NOTIFY_POSTED);
	gh_write(p, VIRTIO_MMIO_QUEUE_NOTIFY, 4, 70); /* past 63: nothing to set */
	uint64_t vqs;
	uint32_t why;
	gh_backend_get_notification(p, &vqs, &why);
	assert_int_equal(vqs, 2);
	assert_int_equal(why, GH_REASON_NEW_BUFFER);
	gh_backend_get_notification(p, &vqs, &why); /* taken: cleared */
	assert_int_equal(vqs, 0);
	assert_int_equal(why, 0);
	assert_true(gh_rule_routine(GH_NOTIFY_POSTED));
}

static void status_stored_and_features_ok_never_refused(void **s)
{
	(void)s;
	struct gh_page *p = fresh(1, 0);
	gh_write(p, VIRTIO_MMIO_DRIVER_FEATURES, 4, 1u << 5); /* not offered */
	assert_int_equal(gh_write(p, VIRTIO_MMIO_STATUS, 4, 0xb), GH_FEATURES_OK_STORED);
	assert_int_equal(rd(p, VIRTIO_MMIO_STATUS), 0xb);
	assert_int_equal(page.reason, 0); /* the backend is not told */
	/* Offered features only: stored just the same, and not worth a rule. */
	p = fresh(1, 0);
	gh_write(p, VIRTIO_MMIO_DRIVER_FEATURES, 4, 0x10000000u);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_STATUS, 4, 0xb), GH_NONE);
}

static void driver_ok_and_failed_are_posted(void **s)
{
	(void)s;
	struct gh_page *p = fresh(1, 0);
	gh_write(p, VIRTIO_MMIO_STATUS, 4, 0xb);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_STATUS, 4, 0xf), GH_STATUS_POSTED);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_STATUS, 4, 0x8f), GH_STATUS_POSTED);
	uint64_t vqs;
	uint32_t why;
	gh_backend_get_notification(p, &vqs, &why);
	assert_int_equal(why, GH_REASON_DRIVER_OK | GH_REASON_FAILED);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_STATUS, 4, 0x8f), GH_NONE); /* no edge */
}

static void reset_waits_for_the_backend(void **s)
{
	(void)s;
	struct gh_page *p = fresh(1, 0);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_STATUS, 4, 0), GH_RESET_IGNORED); /* already 0 */
	gh_write(p, VIRTIO_MMIO_QUEUE_READY, 4, 1);
	gh_write(p, VIRTIO_MMIO_STATUS, 4, 0x3);
	gh_backend_assert_virq(p, 1);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_STATUS, 4, 0), GH_RESET_POSTED);
	assert_int_equal(rd(p, VIRTIO_MMIO_STATUS), 0x3 | VIRTIO_STATUS_DEVICE_NEEDS_RESET);
	assert_int_equal(rd(p, VIRTIO_MMIO_QUEUE_READY), 0);
	assert_int_equal(page.q[0].ready, 0);
	assert_int_equal(gh_backend_assert_virq(p, 1), -1); /* denied while pending */
	uint64_t vqs;
	uint32_t why;
	gh_backend_get_notification(p, &vqs, &why);
	assert_int_equal(why, GH_REASON_RESET);
	gh_backend_ack_reset(p);
	assert_int_equal(rd(p, VIRTIO_MMIO_STATUS), 0);
	/* The acknowledgement leaves the interrupt state as it was. */
	assert_int_equal(rd(p, VIRTIO_MMIO_INTERRUPT_STATUS), 1);
	assert_int_equal(gh_backend_assert_virq(p, 2), 0);
}

static void interrupt_ack_clears_bits(void **s)
{
	(void)s;
	struct gh_page *p = fresh(1, 0);
	gh_backend_assert_virq(p, 3);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_INTERRUPT_ACK, 4, 1), GH_NONE);
	assert_int_equal(rd(p, VIRTIO_MMIO_INTERRUPT_STATUS), 2);
	gh_backend_update_status(p, VIRTIO_STATUS_DEVICE_NEEDS_RESET);
	assert_int_equal(rd(p, VIRTIO_MMIO_STATUS), VIRTIO_STATUS_DEVICE_NEEDS_RESET);
}

static void input_select_served_by_hypervisor(void **s)
{
	(void)s;
	struct gh_page *p = fresh(2, GH_DEVICE_INPUT);
	const uint8_t name[] = "QEMU Virtio Tablet";
	assert_int_equal(gh_input_set_data(p, 1, 0, sizeof(name) - 1, name), 0);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_CONFIG, 1, 1), GH_INPUT_SERVED);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_CONFIG + 1, 1, 0), GH_INPUT_SERVED);
	assert_int_equal(gh_read(p, VIRTIO_MMIO_CONFIG + 2, 1), sizeof(name) - 1);
	assert_memory_equal(page.regs + VIRTIO_MMIO_CONFIG + 8, name, sizeof(name) - 1);
	gh_write(p, VIRTIO_MMIO_CONFIG, 1, 0x7f); /* nothing registered: size 0, u cleared */
	assert_int_equal(gh_read(p, VIRTIO_MMIO_CONFIG + 2, 1), 0);
	assert_int_equal(gh_read(p, VIRTIO_MMIO_CONFIG + 8, 1), 0);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_CONFIG + 2, 1, 5), GH_INPUT_CONFIG);
	assert_int_equal(gh_write(p, VIRTIO_MMIO_CONFIG, 4, 1), GH_INPUT_CONFIG);
	assert_true(gh_rule_faults(GH_INPUT_CONFIG));
}

static void input_table_is_bounded(void **s)
{
	(void)s;
	struct gh_page *p = fresh(1, GH_DEVICE_INPUT);
	uint8_t u[128] = { 0 };
	for (unsigned i = 0; i < GH_INPUT_MAX; i++)
		assert_int_equal(gh_input_set_data(p, 0x11, (uint8_t)i, 1, u), 0);
	assert_int_equal(gh_input_set_data(p, 0x12, 0, 1, u), -1);
	assert_int_equal(gh_input_set_data(&page, 1, 0, 129, u), -1);
}

static void rule_names_are_unique(void **s)
{
	(void)s;
	for (unsigned a = 0; a < GH__RULES; a++)
		for (unsigned b = a + 1; b < GH__RULES; b++)
			assert_string_not_equal(gh_rule_name((enum gh_rule)a), gh_rule_name((enum gh_rule)b));
	assert_string_equal(gh_rule_name(GH__RULES), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(configure_limits),
		cmocka_unit_test(upload_policy),
		cmocka_unit_test(widths),
		cmocka_unit_test(config_writes_stay_in_the_page),
		cmocka_unit_test(read_only_registers_abort),
		cmocka_unit_test(feature_selectors),
		cmocka_unit_test(queue_selection_and_banks),
		cmocka_unit_test(notify_is_posted),
		cmocka_unit_test(status_stored_and_features_ok_never_refused),
		cmocka_unit_test(driver_ok_and_failed_are_posted),
		cmocka_unit_test(reset_waits_for_the_backend),
		cmocka_unit_test(interrupt_ack_clears_bits),
		cmocka_unit_test(input_select_served_by_hypervisor),
		cmocka_unit_test(input_table_is_bounded),
		cmocka_unit_test(rule_names_are_unique),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
