/* The side-effect pipeline on recorded real runs (fixtures/sidefx-rng-
 * mmio-v2 and sidefx-vhost-user-blk-mmio-v2, the README in each says how
 * it was recorded): console records through the collector, QEMU's trace
 * through the join, then classes and models. What is asserted is what
 * QEMU 7.2's virtio-mmio, virtio-rng and vhost-user-blk front-end (with
 * qemu-storage-daemon behind it) do (the spec's register definitions,
 * QEMU's hw/virtio/virtio-mmio.c and hw/block/vhost-user-blk.c), so a
 * change in the classifier or the join that loses a class shows here. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/collect/collect.h"
#include "harness/classify/hv_models.h"
#include "harness/classify/sfx_cell.h"
#include "harness/classify/sfx_classify.h"
#include "harness/collect/trace_join.h"

#include "harness/collect/vhost_user.h"

static struct vc_run run;
static struct vc_device *dev;

static int load_dir(const char *dir)
{
	char path[4200];
	static struct vc_collector k;
	memset(&run, 0, sizeof(run));
	run.cells = calloc(1, sizeof(*run.cells));
	run.ncells = run.capcells = 1;
	vc_collect_init(&k, &run.cells[0]);
	snprintf(path, sizeof(path), "%s/console.txt", dir);
	FILE *f = fopen(path, "r");
	char buf[4096];
	size_t n;
	if (!f)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		vc_collect_feed(&k, buf, n);
	fclose(f);
	vc_collect_finish(&k);
	snprintf(path, sizeof(path), "gzip -dc %s/trace.log.gz", dir);
	FILE *t = popen(path, "r");
	if (!t || vc_trace_join(&run.cells[0], t) || pclose(t) != 0)
		return -1;
	dev = &run.cells[0].devices[0];
	vc_sfx_classify_device(dev);
	return 0;
}

static int load(void **state) { return load_dir(VC_FIXTURE_DIR "/sidefx-rng-mmio-v2"); }
static int load_vu(void **state) { return load_dir(VC_FIXTURE_DIR "/sidefx-vhost-user-blk-mmio-v2"); }

static int unload(void **state)
{
	vc_run_free(&run);
	return 0;
}

static const struct vc_register *find(const char *name)
{
	for (size_t i = 0; i < dev->nregisters; i++)
		if (dev->registers[i].name && !strcmp(dev->registers[i].name, name))
			return &dev->registers[i];
	fail_msg("no register %s", name);
	return NULL;
}

static uint32_t bit(enum vc_sfx_class c) { return VC_SFX_CLASS_BIT(c); }

/* One device of type `id`, every record there, steps with device events. */
static void whole(uint32_t id)
{
	const struct vc_cell *c = &run.cells[0];
	assert_int_equal(c->nproblems, 0);
	assert_true(c->ended);
	assert_int_equal(c->ndevices, 1);
	assert_int_equal(dev->device_id, id);
	assert_true(dev->nsfx > 50);
	size_t with_events = 0;
	for (size_t i = 0; i < dev->nsfx; i++)
		with_events += dev->sfx[i].ndev_events > 0;
	assert_true(with_events > 10); /* the join found the device's side */
}

static void recording_is_whole(void **state) { whole(4); }
static void recording_is_whole_vu(void **state) { whole(2); }

static void identification_is_constant_everywhere(void **state)
{
	static const char *const names[] = { "MagicValue", "Version", "DeviceID", "VendorID",
					     "ConfigGeneration" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct vc_register *r = find(names[i]);
		assert_int_equal(r->classes, bit(VC_SFX_C_CONSTANT));
		/* Gunyah serves the reads from its page but aborts the writes
		 * QEMU ignores (reference section 2): a special case. */
		for (int m = 0; m < VC_HV__COUNT; m++)
			assert_int_equal(r->models[m].verdict, m == VC_HV_GUNYAH ? VC_HV_SPECIAL_CASE : VC_HV_EMULABLE);
	}
}

static void selectors_and_their_banks(void **state)
{
	assert_true(find("DeviceFeaturesSel")->classes & bit(VC_SFX_C_SELECTOR));
	assert_true(find("DeviceFeatures")->classes & bit(VC_SFX_C_BANKED));
	assert_true(find("QueueSel")->classes & bit(VC_SFX_C_SELECTOR));
	assert_true(find("QueueNumMax")->classes & bit(VC_SFX_C_BANKED));
	assert_int_equal(find("QueueSel")->models[VC_HV_GUNYAH].verdict, VC_HV_SPECIAL_CASE);
}

static void status_write_reaches_the_device(void **state)
{
	const struct vc_register *r = find("Status");
	assert_true(r->classes & bit(VC_SFX_C_WRITE_TRIGGERS));
	int named = 0;
	for (size_t i = 0; i < r->nevidence; i++)
		named |= strstr(r->evidence[i], "virtio_set_status") != NULL;
	assert_true(named);
}

static void interrupt_ack_clears_interrupt_status(void **state)
{
	assert_true(find("InterruptACK")->classes & bit(VC_SFX_C_WRITE_CLEARS));
	assert_false(find("InterruptStatus")->classes & bit(VC_SFX_C_READ_CLEARS));
	assert_int_equal(find("InterruptACK")->models[VC_HV_GUNYAH].verdict, VC_HV_SPECIAL_CASE);
}

static void grant_dma_needs_access_platform(void **state)
{
	/* QEMU's rng offers VERSION_1 but not ACCESS_PLATFORM by default: no
	 * grant DMA, only a dom0 backend that maps guest memory */
	assert_int_equal(find("DeviceFeatures")->models[VC_HV_XEN].verdict, VC_HV_SPECIAL_CASE);
	assert_int_equal(find("DeviceFeatures")->models[VC_HV_KVM].verdict, VC_HV_EMULABLE);
}

/* ---- vhost-user-blk: the backend's messages on the timeline ------------------------ */

static void vu_writeback_goes_to_the_backend(void **state)
{
	/* vhost_user_blk_set_config forwards a changed wce as SET_CONFIG */
	const struct vc_register *r = find("writeback");
	assert_true(r->classes & bit(VC_SFX_C_WRITE_TRIGGERS));
	assert_true(r->classes & bit(VC_SFX_C_LATCH));
	assert_true(r->backend_on_write == 1ull << VC_VU_SET_CONFIG);
	int quoted = 0;
	for (size_t i = 0; i < r->nevidence; i++)
		quoted |= strstr(r->evidence[i], "backend: vhost-user SET_CONFIG (25) answered") != NULL;
	assert_true(quoted);
	assert_int_equal(r->models[VC_HV_PAGE].verdict, VC_HV_SYNC_BACKEND);
	assert_int_equal(r->models[VC_HV_GUNYAH].verdict, VC_HV_CANNOT_WORK);
	assert_int_equal(r->models[VC_HV_KVM].verdict, VC_HV_EMULABLE);
}

static void vu_reads_stay_in_the_front_end(void **state)
{
	/* the front-end fetched config once at realize: no read reaches the backend */
	for (size_t i = 0; i < dev->nregisters; i++)
		assert_true(dev->registers[i].backend_on_read == 0);
	assert_int_equal(find("capacity")->classes, bit(VC_SFX_C_CONSTANT));
	assert_true(find("capacity")->backend_on_write == 0);
}

static void vu_status_write_starts_the_backend(void **state)
{
	assert_true(find("Status")->backend_on_write & (1ull << VC_VU_SET_FEATURES));
}

int main(void)
{
	const struct CMUnitTest vu_tests[] = {
		cmocka_unit_test(recording_is_whole_vu),
		cmocka_unit_test(vu_writeback_goes_to_the_backend),
		cmocka_unit_test(vu_reads_stay_in_the_front_end),
		cmocka_unit_test(vu_status_write_starts_the_backend),
	};
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(recording_is_whole),
		cmocka_unit_test(identification_is_constant_everywhere),
		cmocka_unit_test(selectors_and_their_banks),
		cmocka_unit_test(status_write_reaches_the_device),
		cmocka_unit_test(interrupt_ack_clears_interrupt_status),
		cmocka_unit_test(grant_dma_needs_access_platform),
	};
	int failed = cmocka_run_group_tests(tests, load, unload);
	return failed + cmocka_run_group_tests(vu_tests, load_vu, unload);
}
