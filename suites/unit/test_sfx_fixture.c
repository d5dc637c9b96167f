/* The side-effect pipeline on a recorded real run (fixtures/sidefx-rng-
 * mmio-v2, README there says how it was recorded): console records through
 * the collector, QEMU's trace through the join, then classes and models.
 * What is asserted is what QEMU 7.2's virtio-mmio and virtio-rng do (the
 * spec's register definitions and QEMU's hw/virtio/virtio-mmio.c), so a
 * change in the classifier or the join that loses a class shows here. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "sfx_cell.h"
#include "trace_join.h"

#define DIR VC_FIXTURE_DIR "/sidefx-rng-mmio-v2"

static struct vc_run run;
static struct vc_device *dev;

static int load(void **state)
{
	static struct vc_collector k;
	memset(&run, 0, sizeof(run));
	run.cells = calloc(1, sizeof(*run.cells));
	run.ncells = run.capcells = 1;
	vc_collect_init(&k, &run.cells[0]);
	FILE *f = fopen(DIR "/console.txt", "r");
	char buf[4096];
	size_t n;
	if (!f)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		vc_collect_feed(&k, buf, n);
	fclose(f);
	vc_collect_finish(&k);
	FILE *t = popen("gzip -dc " DIR "/trace.log.gz", "r");
	if (!t || vc_trace_join(&run.cells[0], t) || pclose(t) != 0)
		return -1;
	dev = &run.cells[0].devices[0];
	vc_sfx_classify_device(dev);
	return 0;
}

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

static void recording_is_whole(void **state)
{
	const struct vc_cell *c = &run.cells[0];
	assert_int_equal(c->nproblems, 0);
	assert_true(c->ended);
	assert_int_equal(c->ndevices, 1);
	assert_int_equal(dev->device_id, 4);
	assert_true(dev->nsfx > 50);
	size_t with_events = 0;
	for (size_t i = 0; i < dev->nsfx; i++)
		with_events += dev->sfx[i].ndev_events > 0;
	assert_true(with_events > 10); /* the join found the device's side */
}

static void identification_is_constant_everywhere(void **state)
{
	static const char *const names[] = { "MagicValue", "Version", "DeviceID", "VendorID",
					     "ConfigGeneration" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct vc_register *r = find(names[i]);
		assert_int_equal(r->classes, bit(VC_SFX_C_CONSTANT));
		for (int m = 0; m < VC_HV__COUNT; m++)
			assert_int_equal(r->models[m].verdict, VC_HV_EMULABLE);
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
	/* QEMU's rng offers VERSION_1 but not ACCESS_PLATFORM by default. */
	assert_int_equal(find("DeviceFeatures")->models[VC_HV_XEN].verdict, VC_HV_CANNOT_WORK);
	assert_int_equal(find("DeviceFeatures")->models[VC_HV_KVM].verdict, VC_HV_EMULABLE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(recording_is_whole),
		cmocka_unit_test(identification_is_constant_everywhere),
		cmocka_unit_test(selectors_and_their_banks),
		cmocka_unit_test(status_write_reaches_the_device),
		cmocka_unit_test(interrupt_ack_clears_interrupt_status),
		cmocka_unit_test(grant_dma_needs_access_platform),
	};
	return cmocka_run_group_tests(tests, load, unload);
}
