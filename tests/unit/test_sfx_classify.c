/* Unit tests for side-effect classification (harness/classify/sfx_classify.c): small
 * arrays of observations written here, exact class sets and evidence out.
 * Every class has a step that proves it and a near miss that must not. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/classify/sfx_classify.h"
#include "harness/collect/device_events.h"
#include "harness/collect/vhost_user.h"
#include "vcheck/virtio_mmio.h"

#define BIT(k) VC_SFX_CLASS_BIT(VC_SFX_C_##k)
#define TR VC_SFX_SP_TRANSPORT
#define CF VC_SFX_SP_CONFIG
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- fixtures ------------------------------------------------------------- */

static struct vc_sfx_obs step(unsigned long seq, enum vc_sfx_experiment x, enum vc_sfx_space sp, uint32_t off,
			      uint8_t w)
{
	struct vc_sfx_obs o = { .seq = seq, .exp = x, .space = sp, .off = off, .width = w };
	o.isr_config = o.gen_changed = -1;
	o.isr_bits = -1;
	return o;
}

static struct vc_sfx_obs rr(unsigned long seq, enum vc_sfx_space sp, uint32_t off, uint8_t w, uint64_t a, uint64_t b)
{
	struct vc_sfx_obs o = step(seq, VC_SFX_READ2, sp, off, w);
	o.v[0] = a, o.v[1] = b, o.nv = 2;
	return o;
}

static struct vc_sfx_obs wr(unsigned long seq, enum vc_sfx_space sp, uint32_t off, uint8_t w, uint64_t wv, uint64_t rb)
{
	struct vc_sfx_obs o = step(seq, VC_SFX_WRITE, sp, off, w);
	o.has_wv = o.has_rb = 1, o.wv = wv, o.rb = rb;
	return o;
}

static struct vc_sfx_obs rs(unsigned long seq, enum vc_sfx_space sp, uint32_t off, uint8_t w, uint64_t rb)
{
	struct vc_sfx_obs o = step(seq, VC_SFX_RESET, sp, off, w);
	o.has_rb = 1, o.rb = rb;
	return o;
}

static struct vc_sfx_obs tm(unsigned long seq, enum vc_sfx_space sp, uint32_t off, uint8_t w, uint64_t first,
			    uint64_t last, unsigned distinct)
{
	struct vc_sfx_obs o = step(seq, VC_SFX_TIME, sp, off, w);
	o.v[0] = first, o.v[1] = last, o.nv = 2, o.distinct = distinct;
	return o;
}

static struct vc_sfx_obs ev(unsigned long seq, enum vc_sfx_space sp, const char *name, int isr, int gen)
{
	struct vc_sfx_obs o = step(seq, VC_SFX_EVENT, sp, 0, 1);
	snprintf(o.event, sizeof(o.event), "%s", name);
	o.isr_config = isr, o.gen_changed = gen;
	o.isr_bits = isr < 0 ? -1 : isr ? 2 : 0;
	return o;
}

static struct vc_sfx_obs ch(struct vc_sfx_obs o, uint32_t off, uint64_t before, uint64_t after)
{
	o.ch[o.nch++] = (struct vc_sfx_change){ off, before, after };
	return o;
}

static struct vc_sfx_obs events(struct vc_sfx_obs o, char **e, size_t n)
{
	o.dev_events = e, o.ndev_events = n;
	return o;
}

struct result {
	struct vc_register *r;
	size_t n;
};

static struct result classify(const struct vc_sfx_obs *o, size_t n)
{
	struct result res;
	res.r = vc_sfx_classify(o, n, &res.n);
	return res;
}

static struct result classify_for(const struct vc_sfx_obs *o, size_t n, enum vc_transport tr, uint32_t dev)
{
	struct result res;
	res.r = vc_sfx_classify_for(o, n, tr, dev, &res.n);
	return res;
}

static const struct vc_register *reg(struct result res, enum vc_sfx_space sp, uint32_t off, uint8_t w)
{
	for (size_t i = 0; i < res.n; i++)
		if (res.r[i].space == sp && res.r[i].off == off && res.r[i].width == w)
			return &res.r[i];
	fail_msg("no register %s+0x%x/%u", vc_sfx_space_name(sp), (unsigned)off, w);
	return NULL;
}

static void class_list(char *buf, size_t size, uint32_t classes)
{
	buf[0] = '\0';
	for (int k = 0; k < VC_SFX_C__COUNT; k++)
		if (classes & VC_SFX_CLASS_BIT(k))
			snprintf(buf + strlen(buf), size - strlen(buf), "%s ", vc_sfx_class_name(k));
}

/* Exact class set, named in the failure message. */
static void assert_classes(const struct vc_register *r, uint32_t want)
{
	if (r->classes != want) {
		char got[256], exp[256];
		class_list(got, sizeof(got), r->classes);
		class_list(exp, sizeof(exp), want);
		fail_msg("%s+0x%x/%u: classes [%s] want [%s]", vc_sfx_space_name(r->space), (unsigned)r->off,
			 r->width, got, exp);
	}
	assert_int_equal(r->nevidence, __builtin_popcount(want));
}

/* The evidence line for a class, which must contain every given fragment. */
static void assert_evidence(const struct vc_register *r, enum vc_sfx_class k, const char *frag1, const char *frag2)
{
	char prefix[40];
	snprintf(prefix, sizeof(prefix), "%s: ", vc_sfx_class_name(k));
	for (size_t i = 0; i < r->nevidence; i++) {
		const char *e = r->evidence[i];
		if (strncmp(e, prefix, strlen(prefix)))
			continue;
		if (!strstr(e, frag1) || (frag2 && !strstr(e, frag2)))
			fail_msg("evidence '%s' lacks '%s'/'%s'", e, frag1, frag2 ? frag2 : "");
		return;
	}
	fail_msg("no %s evidence", vc_sfx_class_name(k));
}

/* ---- constant ---------------------------------------------------------------- */

static void test_constant(void **state)
{
	/* read-only register: the write is ignored, reset leaves it */
	struct vc_sfx_obs o[] = { rr(1, TR, 0x8, 4, 2, 2), wr(2, TR, 0x8, 4, 0xffffffff, 2), rs(3, TR, 0x8, 4, 2),
				  tm(4, TR, 0x8, 4, 2, 2, 1) };
	struct result res = classify(o, N(o));
	assert_int_equal(res.n, 1);
	assert_classes(&res.r[0], BIT(CONSTANT));
	assert_evidence(&res.r[0], VC_SFX_C_CONSTANT, "rr #1 ", "0x2");
	assert_null(res.r[0].name);
	assert_null(res.r[0].spec_access);
	vc_register_free(res.r, res.n);
}

static void test_constant_near_misses(void **state)
{
	/* reset changed it; a write elsewhere changed it; write-only by layout; never read */
	struct vc_sfx_obs o[] = {
		rr(1, TR, 0x8, 4, 2, 2),       rs(2, TR, 0x8, 4, 3),
		rr(3, CF, 0x4, 4, 7, 7),       rs(4, CF, 0x0, 1, 0),
		ch(rs(5, CF, 0x0, 1, 0), 4, 7, 8),
		rr(6, TR, 0x14, 4, 0, 0),      wr(7, TR, 0x14, 4, 1, 0),
		step(8, VC_SFX_SWEEP, TR, 0x30, 4),
	};
	struct result res = classify_for(o, N(o), VC_TR_MMIO_V2, 0);
	assert_classes(reg(res, TR, 0x8, 4), 0);
	assert_classes(reg(res, CF, 0x4, 4), 0);
	assert_classes(reg(res, TR, 0x14, 4), 0);
	assert_string_equal(reg(res, TR, 0x14, 4)->spec_access, "w");
	assert_classes(reg(res, TR, 0x30, 4), 0);
	vc_register_free(res.r, res.n);
}

/* ---- latch --------------------------------------------------------------------- */

static void test_latch(void **state)
{
	struct vc_sfx_obs o[] = { rr(10, CF, 4, 4, 0, 0), wr(412, CF, 4, 4, 5, 5), wr(413, CF, 4, 4, 6, 6),
				  /* without a read first: a non-zero value read back */
				  wr(20, CF, 8, 4, 9, 9) };
	struct result res = classify(o, N(o));
	assert_classes(reg(res, CF, 4, 4), BIT(LATCH));
	assert_evidence(reg(res, CF, 4, 4), VC_SFX_C_LATCH, "latch: wr #412 wrote 0x5, read back 0x5",
			"1 more steps");
	assert_classes(reg(res, CF, 8, 4), BIT(LATCH));
	vc_register_free(res.r, res.n);
}

static void test_latch_near_misses(void **state)
{
	/* writing the value it already holds proves nothing; nor does 0 read back unread */
	struct vc_sfx_obs o[] = { rr(1, CF, 4, 4, 5, 5), wr(2, CF, 4, 4, 5, 5), wr(3, CF, 8, 4, 0, 0) };
	struct result res = classify(o, N(o));
	assert_classes(reg(res, CF, 4, 4), BIT(CONSTANT));
	assert_classes(reg(res, CF, 8, 4), BIT(CONSTANT));
	vc_register_free(res.r, res.n);
}

/* ---- read-clears, read-mutates ------------------------------------------------------ */

static void test_read_clears(void **state)
{
	struct vc_sfx_obs o[] = { rr(7, VC_SFX_SP_ISR, 0, 1, 3, 0), rr(8, VC_SFX_SP_ISR, 1, 1, 3, 1) };
	struct result res = classify(o, N(o));
	assert_classes(reg(res, VC_SFX_SP_ISR, 0, 1), BIT(READ_CLEARS));
	assert_evidence(reg(res, VC_SFX_SP_ISR, 0, 1), VC_SFX_C_READ_CLEARS, "rr #7 read 0x3 then 0x0", NULL);
	assert_classes(reg(res, VC_SFX_SP_ISR, 1, 1), BIT(READ_CLEARS));
	vc_register_free(res.r, res.n);
}

static void test_read_mutates(void **state)
{
	/* a bit appeared; reading one register changed another */
	struct vc_sfx_obs o[] = { rr(5, CF, 0, 4, 1, 3), ch(rr(6, CF, 8, 4, 0, 0), 12, 0, 1) };
	struct result res = classify(o, N(o));
	assert_int_equal(res.n, 2); /* a read's changes create no register */
	assert_classes(reg(res, CF, 0, 4), BIT(READ_MUTATES));
	assert_evidence(reg(res, CF, 0, 4), VC_SFX_C_READ_MUTATES, "rr #5 read 0x1 then 0x3", NULL);
	assert_classes(reg(res, CF, 8, 4), BIT(READ_MUTATES));
	assert_evidence(reg(res, CF, 8, 4), VC_SFX_C_READ_MUTATES, "rr #6 reading changed config+0xc 0x0>0x1",
			NULL);
	vc_register_free(res.r, res.n);
}

static void test_read_near_misses(void **state)
{
	/* two equal reads are neither; a value that only lost bits is not mutates */
	struct vc_sfx_obs o[] = { rr(1, CF, 0, 4, 3, 3), rr(2, CF, 4, 4, 7, 4) };
	struct result res = classify(o, N(o));
	assert_classes(reg(res, CF, 0, 4), BIT(CONSTANT));
	assert_classes(reg(res, CF, 4, 4), BIT(READ_CLEARS));
	vc_register_free(res.r, res.n);
}

/* ---- validated ----------------------------------------------------------------------- */

static void test_validated(void **state)
{
	/* altered: read back neither the value written nor the old one */
	struct vc_sfx_obs o[] = { rr(1, TR, 0x70, 4, 0, 0), wr(2, TR, 0x70, 4, 0xff, 0x7f),
				  /* latched one value and refused (ignored: kept it) another */
				  rr(3, CF, 4, 4, 0, 0), wr(4, CF, 4, 4, 1, 1), wr(5, CF, 4, 4, 0x100, 1),
				  /* latched one value, then altered another: the write meets
				   * what the one before it left, not the value first read */
				  rr(6, CF, 8, 4, 0, 0), wr(7, CF, 8, 4, 1, 1), wr(8, CF, 8, 4, 0x100, 0) };
	struct result res = classify(o, N(o));
	assert_classes(reg(res, TR, 0x70, 4), BIT(VALIDATED));
	assert_evidence(reg(res, TR, 0x70, 4), VC_SFX_C_VALIDATED, "wr #2 wrote 0xff, read back 0x7f", "was 0x0");
	assert_classes(reg(res, CF, 4, 4), BIT(LATCH) | BIT(VALIDATED));
	assert_evidence(reg(res, CF, 4, 4), VC_SFX_C_VALIDATED, "wr #5 wrote 0x100, read back 0x1", "wr #4 latched");
	assert_classes(reg(res, CF, 8, 4), BIT(LATCH) | BIT(VALIDATED));
	assert_evidence(reg(res, CF, 8, 4), VC_SFX_C_VALIDATED, "wr #8 wrote 0x100, read back 0x0", "(was 0x1)");
	vc_register_free(res.r, res.n);
}

static void test_validated_near_miss(void **state)
{
	/* a read-only register that ignores the write is constant, not validated */
	struct vc_sfx_obs o[] = { rr(1, CF, 0, 8, 0x2000, 0x2000), wr(2, CF, 0, 8, 0xffff, 0x2000) };
	struct result res = classify(o, N(o));
	assert_classes(reg(res, CF, 0, 8), BIT(CONSTANT));
	assert_evidence(reg(res, CF, 0, 8), VC_SFX_C_CONSTANT, "rr #1 read 0x2000 in all 3 reads", NULL);
	vc_register_free(res.r, res.n);
}

/* ---- write-clears ------------------------------------------------------------------------ */

static void test_write_clears_readback(void **state)
{
	struct vc_sfx_obs o[] = { rr(1, CF, 4, 4, 3, 3), wr(2, CF, 4, 4, 1, 2) };
	struct result res = classify(o, N(o));
	assert_classes(reg(res, CF, 4, 4), BIT(WRITE_CLEARS));
	assert_evidence(reg(res, CF, 4, 4), VC_SFX_C_WRITE_CLEARS, "wr #2 wrote 0x1 over 0x3, read back 0x2", NULL);
	vc_register_free(res.r, res.n);
}

static void test_write_clears_ack(void **state)
{
	/* InterruptACK clears InterruptStatus: write-clears on the ACK, no selector, no banked */
	struct vc_sfx_obs o[] = { rr(1, TR, 0x60, 4, 1, 1), ch(wr(2, TR, 0x64, 4, 1, 0), 0x60, 1, 0) };
	struct result res = classify_for(o, N(o), VC_TR_MMIO_V2, 2);
	const struct vc_register *ack = reg(res, TR, 0x64, 4), *st = reg(res, TR, 0x60, 4);
	assert_string_equal(ack->name, "InterruptACK");
	assert_classes(ack, BIT(WRITE_CLEARS));
	assert_evidence(ack, VC_SFX_C_WRITE_CLEARS, "wr #2 wrote 0x1; InterruptStatus 0x1>0x0", NULL);
	assert_classes(st, 0); /* changed, so not constant; but not banked either */
	vc_register_free(res.r, res.n);
}

static void test_write_clears_near_misses(void **state)
{
	/* written bits not set before: ignored; bits cleared that were not written: a selector */
	struct vc_sfx_obs o[] = { rr(1, CF, 4, 4, 3, 3), wr(2, CF, 4, 4, 4, 3),
				  ch(wr(3, TR, 0x64, 4, 1, 0), 0x60, 3, 0) };
	struct result res = classify_for(o, N(o), VC_TR_MMIO_V2, 2);
	assert_classes(reg(res, CF, 4, 4), BIT(CONSTANT));
	assert_classes(reg(res, TR, 0x64, 4), BIT(SELECTOR));
	assert_classes(reg(res, TR, 0x60, 4), BIT(BANKED));
	vc_register_free(res.r, res.n);
	/* bits set in the first read but cleared by the series' earlier write:
	 * the later write that reads back 0 cleared nothing (virtio-iommu's
	 * bypass: 1, then 0 latched, then 3 ignored as invalid) */
	struct vc_sfx_obs p[] = { rr(1, CF, 0x24, 1, 1, 1), wr(2, CF, 0x24, 1, 0, 0), wr(3, CF, 0x24, 1, 3, 0) };
	res = classify(p, N(p));
	assert_false(reg(res, CF, 0x24, 1)->classes & BIT(WRITE_CLEARS));
	assert_classes(reg(res, CF, 0x24, 1), BIT(LATCH) | BIT(VALIDATED));
	vc_register_free(res.r, res.n);
}

/* ---- write-triggers ------------------------------------------------------------------------ */

static char *notify_events[] = {
	"memory_region_ops_write cpu 0 mr 0x1 addr 0xa000050 value 0x0 size 4",
	"virtio_mmio_write_offset offset 0x50 value 0x0",
	"virtio_queue_notify vdev 0x55f1bb4854f0 n 0 vq 0x7f00",
};
static char *echo_events[] = {
	"memory_region_ops_read cpu 0 mr 0x1 addr 0xa000070 value 0x0 size 4",
	"virtio_mmio_read offset 0x70",
	"pl011_write addr 0x0 value 0x41",
};
static char *reset_events[] = { "virtio_set_status vdev 0x55f1bb4854f0 val 0",
				"virtio_mmio_setting_irq virtio_mmio setting IRQ 0" };
static char *gpu_reset_events[] = { "virtio_set_status vdev 0x55f1bb4854f0 val 0",
				    "virtio_mmio_setting_irq virtio_mmio setting IRQ 0",
				    "virtio_gpu_cmd_ctx_destroy ctx 0x1", "virtio_gpu_a x", "virtio_gpu_b x",
				    "virtio_gpu_c x" };

static void test_write_triggers(void **state)
{
	/* a reset counts only for what every other reset step did not show */
	struct vc_sfx_obs o[] = { events(wr(30, TR, 0x50, 4, 0, 0), notify_events, N(notify_events)),
				  events(rs(31, CF, 0, 4, 0), gpu_reset_events, N(gpu_reset_events)),
				  events(rs(32, CF, 4, 4, 0), reset_events, N(reset_events)) };
	struct result res = classify(o, N(o));
	const struct vc_register *n = reg(res, TR, 0x50, 4), *g = reg(res, CF, 0, 4);
	assert_classes(n, BIT(WRITE_TRIGGERS));
	assert_evidence(n, VC_SFX_C_WRITE_TRIGGERS, "wr #30 wrote 0x0; device: virtio_queue_notify vdev", NULL);
	assert_null(strstr(n->evidence[0], "memory_region_ops"));
	assert_classes(g, BIT(WRITE_TRIGGERS));
	assert_evidence(g, VC_SFX_C_WRITE_TRIGGERS, "rs #31 reset; device: virtio_gpu_cmd_ctx_destroy", "(+1 more)");
	assert_null(strstr(g->evidence[0], "virtio_set_status"));
	assert_null(strstr(g->evidence[0], "setting_irq"));
	assert_classes(reg(res, CF, 4, 4), BIT(CONSTANT));
	vc_register_free(res.r, res.n);
}

static void test_write_triggers_near_misses(void **state)
{
	/* access echoes only; a lone reset step, whose events are the reset's own */
	struct vc_sfx_obs o[] = { rr(1, TR, 0x70, 4, 0, 0), events(wr(2, TR, 0x70, 4, 0, 0), echo_events, N(echo_events)),
				  events(rs(3, TR, 0x70, 4, 0), gpu_reset_events, N(gpu_reset_events)) };
	struct result res = classify(o, N(o));
	assert_classes(reg(res, TR, 0x70, 4), BIT(CONSTANT));
	vc_register_free(res.r, res.n);
}

/* A device's set_config event is the store, as get_config is the read; a
 * QMP event the write raised is an action (virtio-balloon's actual). */
static char *store_events[] = { "virtio_balloon_set_config actual: 3 oldactual: 3",
				"virtio_balloon_get_config num_pages: 0 actual: 3" };
static char *store_and_qmp_events[] = { "virtio_balloon_set_config actual: 3 oldactual: 0",
					"monitor_protocol_event_queue event=46 data=0x7f00 rate=1000000000" };

static void test_config_store_is_no_trigger(void **state)
{
	struct vc_sfx_obs o[] = { events(wr(1, CF, 8, 4, 0, 0), store_events, N(store_events)),
				  events(wr(2, CF, 4, 4, 3, 3), store_and_qmp_events, N(store_and_qmp_events)) };
	struct result res = classify(o, N(o));
	assert_false(reg(res, CF, 8, 4)->classes & BIT(WRITE_TRIGGERS));
	const struct vc_register *a = reg(res, CF, 4, 4);
	assert_true(a->classes & BIT(WRITE_TRIGGERS));
	assert_evidence(a, VC_SFX_C_WRITE_TRIGGERS, "wr #2 wrote 0x3; device: monitor_protocol_event_queue", NULL);
	assert_null(strstr(a->evidence[0], "set_config"));
	vc_register_free(res.r, res.n);
}

/* ---- selector, banked ------------------------------------------------------------------------ */

static void test_selector_banked(void **state)
{
	struct vc_sfx_obs o[] = {
		rr(1, TR, 0x10, 4, 0x31006ed4, 0x31006ed4),
		ch(wr(2, TR, 0x14, 4, 1, 0), 0x10, 0x31006ed4, 0x1),
		/* a changed offset nobody addressed gets a register of the writer's width */
		ch(wr(3, TR, 0x30, 4, 1, 0), 0x34, 0x400, 0x100),
	};
	struct result res = classify_for(o, N(o), VC_TR_MMIO_V2, 2);
	assert_int_equal(res.n, 4);
	assert_classes(reg(res, TR, 0x14, 4), BIT(SELECTOR));
	assert_evidence(reg(res, TR, 0x14, 4), VC_SFX_C_SELECTOR, "wr #2 wrote 0x1; changed DeviceFeatures 0x31006ed4>0x1",
			NULL);
	assert_classes(reg(res, TR, 0x10, 4), BIT(BANKED));
	assert_evidence(reg(res, TR, 0x10, 4), VC_SFX_C_BANKED, "wr #2 changed 0x31006ed4>0x1",
			"when DeviceFeaturesSel was written 0x1");
	assert_classes(reg(res, TR, 0x30, 4), BIT(SELECTOR));
	assert_classes(reg(res, TR, 0x34, 4), BIT(BANKED));
	assert_string_equal(reg(res, TR, 0x34, 4)->name, "QueueNumMax");
	vc_register_free(res.r, res.n);
}

static void test_banked_at_every_width_holding_the_byte(void **state)
{
	/* input: select written, u read at widths 1 and 4; config changes are
	 * listed byte by byte, and a read at either width sees byte 8 move,
	 * so both are banked; byte 9's register is not (nothing listed it) */
	struct vc_sfx_obs o[] = { rr(1, CF, 8, 4, 0, 0), rr(2, CF, 8, 1, 0, 0), rr(4, CF, 9, 1, 0, 0),
				  ch(wr(3, CF, 0, 1, 1, 1), 8, 0, 0x41) };
	struct result res = classify_for(o, N(o), VC_TR_MMIO_V2, 18);
	assert_classes(reg(res, CF, 0, 1), BIT(SELECTOR) | BIT(LATCH));
	assert_string_equal(reg(res, CF, 0, 1)->name, "select");
	assert_classes(reg(res, CF, 8, 1), BIT(BANKED));
	assert_evidence(reg(res, CF, 8, 1), VC_SFX_C_BANKED, "wr #3 ", "when select was written 0x1");
	assert_classes(reg(res, CF, 8, 4), BIT(BANKED));
	assert_classes(reg(res, CF, 9, 1), BIT(CONSTANT));
	vc_register_free(res.r, res.n);
}

static void test_sweep_selector(void **state)
{
	struct vc_sfx_obs o[] = { step(40, VC_SFX_SWEEP, CF, 0, 1), step(41, VC_SFX_SWEEP, CF, 1, 1) };
	o[0].wv = 0x11, o[0].has_wv = 1, o[0].distinct = 3;
	o[1].wv = 0x11, o[1].has_wv = 1, o[1].distinct = 0;
	struct result res = classify(o, N(o));
	assert_classes(reg(res, CF, 0, 1), BIT(SELECTOR));
	assert_evidence(reg(res, CF, 0, 1), VC_SFX_C_SELECTOR, "sw #40 wrote 0x11: 3 offsets differ", NULL);
	assert_classes(reg(res, CF, 1, 1), 0);
	vc_register_free(res.r, res.n);
}

/* What a sweep changed depends on the swept selector: banked, with the
 * value that showed it; a register no sweep changed stays constant. */
static void test_sweep_banks_what_it_changed(void **state)
{
	struct vc_sfx_obs o[] = { rr(1, CF, 0, 2, 0, 0), rr(2, CF, 4, 1, 9, 9),
				  ch(step(3, VC_SFX_SWEEP, CF, 1, 1), 0, 0, 0x11) };
	o[2].wv = 0x1, o[2].has_wv = 1, o[2].distinct = 1;
	struct result res = classify(o, N(o));
	assert_classes(reg(res, CF, 0, 2), BIT(BANKED));
	assert_evidence(reg(res, CF, 0, 2), VC_SFX_C_BANKED, "sw #3 read 0x11, not 0x0", "at 0x1");
	assert_classes(reg(res, CF, 4, 1), BIT(CONSTANT));
	vc_register_free(res.r, res.n);
}

static void test_selector_near_miss(void **state)
{
	/* a write that changes nothing else selects nothing */
	struct vc_sfx_obs o[] = { rr(1, CF, 4, 4, 0, 0), wr(2, CF, 4, 4, 0, 0), rr(3, CF, 8, 4, 5, 5) };
	struct result res = classify(o, N(o));
	assert_classes(reg(res, CF, 4, 4), BIT(CONSTANT));
	assert_classes(reg(res, CF, 8, 4), BIT(CONSTANT));
	vc_register_free(res.r, res.n);
}

/* ---- volatile -------------------------------------------------------------------------------- */

/* Two reads that differ are a read mutating the byte, or a clock ticking
 * between them: the byte's own time series tells, by whether it moved at
 * every one of its samples (a counter of reads) or held still between
 * some (a clock slower than the reads). */
static void test_clock_or_read_counter(void **state)
{
	struct vc_sfx_obs clock = tm(61, CF, 5, 1, 0, 0xa, 10), counter = tm(62, CF, 4, 1, 0, 0x12, 19);
	clock.samples = 18, counter.samples = 18;
	clock.has_notified = counter.has_notified = 1;
	struct vc_sfx_obs o[] = { rr(59, CF, 5, 1, 1, 2), rr(60, CF, 4, 1, 0, 1), clock, counter };
	struct result res = classify_for(o, N(o), VC_TR__COUNT, 0);
	assert_classes(reg(res, CF, 5, 1), BIT(VOLATILE_SILENT));
	assert_classes(reg(res, CF, 4, 1), BIT(READ_MUTATES));
	vc_register_free(res.r, res.n);
	/* without the samples (an older image) the read decides, as before */
	o[2].samples = 0;
	res = classify_for(o, N(o), VC_TR__COUNT, 0);
	assert_classes(reg(res, CF, 5, 1), BIT(READ_MUTATES));
	vc_register_free(res.r, res.n);
}

/* A device that announces its config clock's ticks moves ConfigGeneration
 * and the config-interrupt bit on its own, whatever step is under way: a
 * write or a sweep that saw them move did not cause it (a backend that
 * keeps the generation honest before DRIVER_OK, run through Xen). */
static void test_generation_moved_by_an_announced_clock(void **state)
{
	struct vc_sfx_obs t = tm(70, CF, 0x80, 1, 0, 2, 3);
	t.gen_changed = 1, t.isr_config = 1, t.has_notified = 1, t.notified = 2;
	struct vc_sfx_obs o[] = {
		rr(68, TR, 0x38, 4, 0, 0), rr(69, TR, 0xfc, 4, 5, 5), t,
		ch(wr(71, TR, 0x38, 4, 0xffffffff, 0), 0xfc, 5, 6),
		ch(ch(wr(72, TR, 0x38, 4, 0x10, 0x10), 0xfc, 6, 7), 0x60, 0, 2),
	};
	struct result res = classify_for(o, N(o), VC_TR_MMIO_V2, 0);
	assert_false(reg(res, TR, 0x38, 4)->classes & BIT(SELECTOR));
	assert_classes(reg(res, TR, 0xfc, 4), BIT(VOLATILE_NOTIFIED));
	assert_evidence(reg(res, TR, 0xfc, 4), VC_SFX_C_VOLATILE_NOTIFIED, "moved on its own", "config byte 0x80");
	assert_false(reg(res, TR, 0xfc, 4)->classes & BIT(BANKED));
	vc_register_free(res.r, res.n);
	/* without the clock's notices the same write is a selector */
	o[2].gen_changed = 0, o[2].isr_config = 0;
	res = classify_for(o, N(o), VC_TR_MMIO_V2, 0);
	assert_true(reg(res, TR, 0x38, 4)->classes & BIT(SELECTOR));
	vc_register_free(res.r, res.n);
}

static void test_volatile(void **state)
{
	struct vc_sfx_obs t_silent = tm(50, CF, 0, 4, 1, 9, 4), t_notified = tm(51, CF, 4, 4, 1, 2, 2);
	t_silent.isr_config = 0, t_silent.gen_changed = 0;
	t_notified.gen_changed = 1;
	struct vc_sfx_obs o[] = {
		t_silent, t_notified,
		ch(ev(52, CF, "balloon-target", 1, -1), 8, 0, 0x100),  /* no register at 8 yet */
		ch(ev(53, CF, "link-down", 0, 0), 0x10, 1, 0),
	};
	struct result res = classify_for(o, N(o), VC_TR__COUNT, 0);
	assert_int_equal(res.n, 4); /* events create registers only for what they changed */
	assert_classes(reg(res, CF, 0, 4), BIT(VOLATILE_SILENT));
	assert_evidence(reg(res, CF, 0, 4), VC_SFX_C_VOLATILE_SILENT, "tm #50 read 0x1 first, 0x9 last, 4 distinct",
			"no config interrupt");
	assert_classes(reg(res, CF, 4, 4), BIT(VOLATILE_NOTIFIED));
	assert_classes(reg(res, CF, 8, 1), BIT(VOLATILE_NOTIFIED));
	assert_evidence(reg(res, CF, 8, 1), VC_SFX_C_VOLATILE_NOTIFIED, "ev #52 balloon-target changed it 0x0>0x100",
			"config interrupt");
	assert_classes(reg(res, CF, 0x10, 1), BIT(VOLATILE_SILENT));
	vc_register_free(res.r, res.n);
}

static void test_volatile_near_miss(void **state)
{
	/* one distinct value over time; an event that changed nothing */
	struct vc_sfx_obs o[] = { tm(1, CF, 0, 4, 7, 7, 1), ev(2, CF, "config", 1, 1) };
	struct result res = classify(o, N(o));
	assert_int_equal(res.n, 1);
	assert_classes(reg(res, CF, 0, 4), BIT(CONSTANT));
	vc_register_free(res.r, res.n);
}

static void test_generation_moves_with_an_event(void **state)
{
	/* ConfigGeneration (virtio-mmio 0xfc) is read twice alike, then a host
	 * event reports gen=a,b with a != b: volatile-notified, not constant. */
	struct vc_sfx_obs moved[] = { rr(1, VC_SFX_SP_TRANSPORT, 0xfc, 4, 0, 0),
				      ch(ev(2, CF, "link-down", 1, 1), 6, 1, 0) };
	struct result res = classify_for(moved, N(moved), VC_TR_MMIO_V2, 1);
	assert_classes(reg(res, VC_SFX_SP_TRANSPORT, 0xfc, 4), BIT(VOLATILE_NOTIFIED));
	assert_evidence(reg(res, VC_SFX_SP_TRANSPORT, 0xfc, 4), VC_SFX_C_VOLATILE_NOTIFIED, "ev #2 link-down moved it",
			"generation moved");
	vc_register_free(res.r, res.n);
	/* near miss: the event left the generation alone (legacy has none) */
	struct vc_sfx_obs still[] = { rr(1, VC_SFX_SP_TRANSPORT, 0xfc, 4, 0, 0),
				      ch(ev(2, CF, "link-down", 1, 0), 6, 1, 0) };
	res = classify_for(still, N(still), VC_TR_MMIO_V2, 1);
	assert_classes(reg(res, VC_SFX_SP_TRANSPORT, 0xfc, 4), BIT(CONSTANT));
	vc_register_free(res.r, res.n);
}

static void test_event_at_offset_zero(void **state)
{
	/* an event's own offset means nothing: a change it lists at 0 counts */
	struct vc_sfx_obs o[] = { rr(1, CF, 0, 4, 2, 2), ch(ev(2, CF, "resize", 1, 1), 0, 2, 3) };
	struct result res = classify(o, N(o));
	assert_int_equal(res.n, 1);
	assert_classes(reg(res, CF, 0, 4), BIT(VOLATILE_NOTIFIED));
	assert_evidence(reg(res, CF, 0, 4), VC_SFX_C_VOLATILE_NOTIFIED, "ev #2 resize changed it 0x2>0x3",
			"config interrupt, generation moved");
	vc_register_free(res.r, res.n);
}

/* ---- faulting ---------------------------------------------------------------------------------- */

static void test_faulting(void **state)
{
	struct vc_sfx_obs o[] = { rr(1, CF, 0, 2, 3, 3), wr(2, CF, 0, 2, 1, 0), rr(3, TR, 0x100, 8, 0, 0),
				  rr(4, CF, 4, 4, 0, 0), wr(5, CF, 4, 4, 5, 5) };
	o[1].fault_write = 1;
	o[2].fault_read = 1;
	struct result res = classify(o, N(o));
	assert_classes(reg(res, CF, 0, 2), BIT(CONSTANT) | BIT(FAULTING));
	assert_evidence(reg(res, CF, 0, 2), VC_SFX_C_FAULTING, "wr #2 write aborted", NULL);
	assert_classes(reg(res, TR, 0x100, 8), BIT(FAULTING));
	assert_evidence(reg(res, TR, 0x100, 8), VC_SFX_C_FAULTING, "rr #3 read aborted", NULL);
	assert_classes(reg(res, CF, 4, 4), BIT(LATCH)); /* near miss: no abort */
	vc_register_free(res.r, res.n);
}

/* ---- grouping, order, names --------------------------------------------------------------------- */

static void test_grouping_order(void **state)
{
	struct vc_sfx_obs o[] = { rr(1, CF, 4, 4, 0, 0), rr(2, TR, 0x70, 4, 0, 0), rr(3, CF, 4, 1, 0, 0),
				  rr(4, VC_SFX_SP_ISR, 0, 1, 0, 0), rr(5, CF, 0, 8, 0, 0), rr(6, CF, 4, 4, 0, 0) };
	struct result res = classify(o, N(o));
	assert_int_equal(res.n, 5);
	const struct { enum vc_sfx_space sp; uint32_t off; uint8_t w; } want[] = {
		{ TR, 0x70, 4 }, { VC_SFX_SP_ISR, 0, 1 }, { CF, 0, 8 }, { CF, 4, 1 }, { CF, 4, 4 },
	};
	for (size_t i = 0; i < N(want); i++) {
		assert_int_equal(res.r[i].space, want[i].sp);
		assert_int_equal(res.r[i].off, want[i].off);
		assert_int_equal(res.r[i].width, want[i].w);
	}
	assert_evidence(&res.r[4], VC_SFX_C_CONSTANT, "rr #1 ", "in all 4 reads");
	vc_register_free(res.r, res.n);
	res = classify(NULL, 0);
	assert_int_equal(res.n, 0);
	vc_register_free(res.r, res.n);
}

static void assert_named(enum vc_transport tr, uint32_t dev, enum vc_sfx_space sp, uint32_t off, uint8_t w,
			 const char *name, const char *access)
{
	struct vc_sfx_obs o[] = { rr(1, sp, off, w, 0, 0) };
	struct result res = classify_for(o, 1, tr, dev);
	if (!name) {
		assert_null(res.r[0].name);
		assert_null(res.r[0].spec_access);
	} else {
		assert_string_equal(res.r[0].name, name);
		if (access)
			assert_string_equal(res.r[0].spec_access, access);
		else
			assert_null(res.r[0].spec_access);
	}
	vc_register_free(res.r, res.n);
}

static void test_names(void **state)
{
	assert_named(VC_TR_MMIO_V2, 2, TR, VIRTIO_MMIO_STATUS, 4, "Status", "rw");
	assert_named(VC_TR_MMIO_V2, 2, TR, VIRTIO_MMIO_QUEUE_PFN, 4, NULL, NULL); /* legacy only */
	assert_named(VC_TR_MMIO_V1, 2, TR, VIRTIO_MMIO_QUEUE_PFN, 4, "QueuePFN", "rw");
	assert_named(VC_TR_MMIO_V1, 2, TR, VIRTIO_MMIO_QUEUE_READY, 4, NULL, NULL); /* modern only */
	assert_named(VC_TR_PCI_MODERN, 2, TR, 0x14, 1, "device_status", "rw");
	assert_named(VC_TR_PCI_MODERN, 2, TR, 0x04, 4, "device_feature", "r");
	assert_named(VC_TR_PCI_LEGACY, 2, TR, 0x13, 1, "isr_status", "r");
	assert_named(VC_TR_PCI_MODERN, 2, VC_SFX_SP_ISR, 0, 1, "ISR", "r");
	assert_named(VC_TR_PCI_MODERN, 2, VC_SFX_SP_NOTIFY, 0, 2, "queue_notify", "w");
	assert_named(VC_TR_PCI_MODERN, 2, CF, 0, 8, "capacity", "r");
	/* a byte inside a field is named by where in it it is: its bytes can
	 * behave differently (issue 14) */
	assert_named(VC_TR_PCI_MODERN, 2, CF, 3, 1, "capacity+0x3", "r");
	assert_named(VC_TR_MMIO_V2, 18, CF, 8 + 100, 1, "u+0x64", "r");
	assert_named(VC_TR_MMIO_V2, 5, CF, 4, 4, "actual", "rw");
	assert_named(VC_TR_MMIO_V2, 18, CF, 1, 1, "subsel", "rw");
	assert_named(VC_TR_MMIO_V2, 18, CF, 3, 1, "(reserved 0x3)", NULL); /* a gap between fields */
	assert_named(VC_TR_MMIO_V2, 18, CF, 136, 1, NULL, NULL);         /* past the layout */
	assert_named(VC_TR_MMIO_V2, 0x7777, CF, 0, 4, NULL, NULL); /* no probe */
	assert_named(VC_TR__COUNT, 2, TR, VIRTIO_MMIO_STATUS, 4, NULL, NULL);
}

/* ---- evidence and memory -------------------------------------------------------------------------- */

/* ---- a vhost-user backend's side --------------------------------------------------------- */

/* As QEMU 7.2 traced a vhost-user-blk writeback write (qemu-storage-daemon):
 * the front-end sends SET_CONFIG asking for a reply and reads it back. */
static char *set_config_events[] = { "vhost_user_write req:25 flags:0x9", "vhost_user_read req:25 flags:0x5" };
/* A front-end that forwards config reads (GET_CONFIG on each one). */
static char *get_config_events[] = { "vhost_user_write req:24 flags:0x1", "vhost_user_read req:24 flags:0x5" };
/* Only the backend's reply, its request charged to the step before. */
static char *reply_only_events[] = { "vhost_user_read req:25 flags:0x5" };

static void test_backend_messages(void **state)
{
	struct vc_sfx_obs o[] = {
		rr(1, CF, 0x20, 1, 0, 0),
		wr(2, CF, 0x20, 1, 0, 0), /* writing what it holds: the front-end sends nothing */
		events(wr(3, CF, 0x20, 1, 1, 1), set_config_events, N(set_config_events)),
		events(rr(4, CF, 0, 8, 0x800, 0x800), get_config_events, N(get_config_events)),
		events(wr(5, CF, 0x24, 1, 1, 0), reply_only_events, N(reply_only_events)),
	};
	struct result res = classify(o, N(o));
	const struct vc_register *wce = reg(res, CF, 0x20, 1), *cap = reg(res, CF, 0, 8);
	assert_classes(wce, BIT(LATCH) | BIT(WRITE_TRIGGERS));
	assert_evidence(wce, VC_SFX_C_WRITE_TRIGGERS, "wr #3 wrote 0x1; backend: vhost-user SET_CONFIG (25) answered",
			NULL);
	assert_null(strstr(wce->evidence[1], "device: "));
	assert_true(wce->backend_on_write == 1ull << VC_VU_SET_CONFIG);
	assert_true(wce->backend_on_read == 0);
	/* the read reached the backend: constant still, and said beside it */
	assert_int_equal(cap->classes, BIT(CONSTANT));
	assert_int_equal(cap->nevidence, 2);
	assert_string_equal(cap->evidence[1], "backend-read: rr #4 the read was answered by the backend; "
					      "backend: vhost-user GET_CONFIG (24) answered");
	assert_true(cap->backend_on_read == 1ull << VC_VU_GET_CONFIG);
	assert_true(cap->backend_on_write == 0);
	/* near miss: a reply read back is no message to the backend */
	const struct vc_register *late = reg(res, CF, 0x24, 1);
	assert_true(late->backend_on_write == 0);
	vc_register_free(res.r, res.n);
}

/* The step that reached the backend is the one quoted, whichever came first. */
static void test_backend_step_preferred(void **state)
{
	struct vc_sfx_obs o[] = {
		rr(1, TR, 0x70, 4, 3, 3),
		events(wr(2, TR, 0x70, 4, 3, 3), notify_events, N(notify_events)),
		events(wr(3, TR, 0x70, 4, 0xfc, 0xfc), set_config_events, N(set_config_events)),
		events(wr(4, TR, 0x70, 4, 2, 2), notify_events, N(notify_events)),
	};
	struct result res = classify(o, N(o));
	const struct vc_register *st = reg(res, TR, 0x70, 4);
	assert_evidence(st, VC_SFX_C_WRITE_TRIGGERS, "wr #3 wrote 0xfc; backend: vhost-user", "2 more steps show it");
	vc_register_free(res.r, res.n);
}

static void test_every_line_names_its_step(void **state)
{
	struct vc_sfx_obs o[] = { rr(101, CF, 4, 4, 3, 3), events(wr(102, CF, 4, 4, 1, 2), notify_events, 3),
				  ch(wr(103, CF, 4, 4, 0x40, 0x40), 8, 0, 1), tm(104, CF, 4, 4, 2, 3, 2) };
	o[3].isr_config = 1;
	struct result res = classify(o, N(o));
	const struct vc_register *r = reg(res, CF, 4, 4);
	/* no latch: a register that moves by itself proves no write kept */
	assert_classes(r, BIT(WRITE_CLEARS) | BIT(WRITE_TRIGGERS) | BIT(SELECTOR) | BIT(VOLATILE_NOTIFIED));
	for (size_t i = 0; i < r->nevidence; i++)
		if (!strstr(r->evidence[i], " #10"))
			fail_msg("evidence without a step: %s", r->evidence[i]);
	assert_evidence(r, VC_SFX_C_SELECTOR, "wr #103 wrote 0x40; changed config+0x8 0x0>0x1", NULL);
	vc_register_free(res.r, res.n);
}

/* A read-back that equals the write is a latch only while the register
 * holds still; once it moves by itself the same read-back is a sample of
 * its clock, and refusing a write proves no validation either. */
static void test_volatile_makes_no_latch_claim(void **state)
{
	struct vc_sfx_obs still[] = { rr(1, CF, 0, 4, 3, 3), wr(2, CF, 0, 4, 5, 5), wr(3, CF, 0, 4, 9, 3) };
	struct result res = classify(still, N(still));
	assert_true(reg(res, CF, 0, 4)->classes & BIT(LATCH));
	vc_register_free(res.r, res.n);

	struct vc_sfx_obs moving[] = { rr(1, CF, 0, 4, 3, 3), wr(2, CF, 0, 4, 5, 5), wr(3, CF, 0, 4, 9, 3),
				       tm(4, CF, 0, 4, 3, 8, 5) };
	moving[3].isr_config = 0, moving[3].gen_changed = 0;
	res = classify(moving, N(moving));
	assert_classes(reg(res, CF, 0, 4), BIT(VOLATILE_SILENT));
	vc_register_free(res.r, res.n);
}

/* The value a write series found (its "was") is the prior, not the two
 * reads made before an earlier experiment moved the register. */
static void test_series_prior_is_what_it_found(void **state)
{
	struct vc_sfx_obs o[] = { rr(1, CF, 0, 1, 0, 0), ch(wr(2, CF, 4, 1, 1, 1), 0, 0, 7), wr(3, CF, 0, 1, 7, 7) };
	o[2].has_was = 1, o[2].was = 7;
	struct result res = classify(o, N(o));
	/* writing what it already held changed nothing: no latch claimed */
	assert_int_equal(reg(res, CF, 0, 1)->classes & BIT(LATCH), 0);
	vc_register_free(res.r, res.n);

	o[2].has_was = 0;
	res = classify(o, N(o));
	assert_true(reg(res, CF, 0, 1)->classes & BIT(LATCH));
	vc_register_free(res.r, res.n);
}

/* A byte that moves on its own clock, read alone with nothing written,
 * moving while another byte is read is no effect of that read, nor a bank
 * of a register written meanwhile; without its time series it would be. */
static void test_clock_byte_is_no_effect(void **state)
{
	struct vc_sfx_obs o[] = { ch(rr(1, CF, 0x13, 1, 0, 0), 5, 0xb, 0xc), ch(wr(2, CF, 6, 1, 1, 1), 5, 0xc, 0xd),
				  rr(3, CF, 5, 1, 0xd, 0xd), tm(4, CF, 5, 1, 0xd, 0x14, 7) };
	o[3].isr_config = 0, o[3].gen_changed = 0;
	struct result res = classify(o, N(o));
	assert_classes(reg(res, CF, 0x13, 1), BIT(CONSTANT));
	assert_classes(reg(res, CF, 5, 1), BIT(VOLATILE_SILENT));
	assert_int_equal(reg(res, CF, 6, 1)->classes & BIT(SELECTOR), 0);
	vc_register_free(res.r, res.n);

	res = classify(o, 3);
	assert_true(reg(res, CF, 0x13, 1)->classes & BIT(READ_MUTATES));
	assert_true(reg(res, CF, 6, 1)->classes & BIT(SELECTOR));
	vc_register_free(res.r, res.n);
}

static void test_obs_free(void **state)
{
	struct vc_sfx_obs *o = calloc(2, sizeof(*o));
	o[1].dev_events = calloc(2, sizeof(char *));
	o[1].dev_events[0] = strdup("virtio_notify vdev 0x1 vq 0x2");
	o[1].dev_events[1] = strdup("virtio_set_status vdev 0x1 val 15");
	o[1].ndev_events = 2;
	vc_sfx_obs_free(o, 2); /* valgrind checks nothing is left */
	vc_sfx_obs_free(NULL, 0);
}

/* The interrupt's own status: bits the idle device did not show, read
 * with no write to it, were set by the device as it notified; so were
 * those a host event showed. The same pattern elsewhere proves nothing
 * of the kind, and an interrupt status that never moved stays constant. */
static void test_interrupt_status_is_notified(void **state)
{
	(void)state;
	const uint32_t is = VIRTIO_MMIO_INTERRUPT_STATUS;
	struct vc_sfx_obs o[] = {
		rr(1, TR, is, 4, 0, 0),
		rr(2, CF, 0, 4, 0, 0),
		rr(5, TR, is, 4, 1, 1),
		rr(6, CF, 0, 4, 1, 1),
	};
	struct result res = classify_for(o, N(o), VC_TR_MMIO_V2, 4);
	const struct vc_register *r = reg(res, TR, is, 4);
	assert_classes(r, BIT(VOLATILE_NOTIFIED));
	assert_evidence(r, VC_SFX_C_VOLATILE_NOTIFIED, "set bits 0x1", NULL);
	assert_int_equal(reg(res, CF, 0, 4)->classes & BIT(VOLATILE_NOTIFIED), 0);
	vc_register_free(res.r, res.n);

	struct vc_sfx_obs idle[] = { rr(1, TR, is, 4, 0, 0), rr(5, TR, is, 4, 0, 0) };
	res = classify_for(idle, N(idle), VC_TR_MMIO_V2, 4);
	assert_classes(reg(res, TR, is, 4), BIT(CONSTANT));
	vc_register_free(res.r, res.n);

	struct vc_sfx_obs host[] = { rr(1, TR, is, 4, 0, 0), ev(3, CF, "grow", 1, 1), ev(4, CF, "shrink", 0, 0) };
	res = classify_for(host, N(host), VC_TR_MMIO_V2, 2);
	r = reg(res, TR, is, 4);
	assert_classes(r, BIT(VOLATILE_NOTIFIED));
	assert_evidence(r, VC_SFX_C_VOLATILE_NOTIFIED, "grow set bits 0x2", NULL);
	vc_register_free(res.r, res.n);

	/* the same event on PCI lands on the ISR; a legacy header has its own */
	struct vc_sfx_obs pci[] = { rr(1, VC_SFX_SP_ISR, 0, 1, 0, 0), ev(3, CF, "grow", 0, 1) };
	res = classify_for(pci, N(pci), VC_TR_PCI_MODERN, 2);
	assert_classes(reg(res, VC_SFX_SP_ISR, 0, 1), BIT(CONSTANT));
	vc_register_free(res.r, res.n);
}

/* A write elsewhere that takes Status to 0 is a device reset (legacy
 * QueuePFN = 0): write-triggers on the register written, and what else it
 * changed is the reset's doing, not a selector's banks. The same change
 * list without Status falling to 0 is a selector. */
static void test_reset_by_write_is_no_selector(void **state)
{
	(void)state;
	const uint32_t pfn = VIRTIO_MMIO_QUEUE_PFN, st = VIRTIO_MMIO_STATUS, max = VIRTIO_MMIO_QUEUE_NUM_MAX;
	struct vc_sfx_obs o[] = {
		rr(1, TR, st, 4, 3, 3),
		rr(2, TR, max, 4, 256, 256),
		ch(ch(wr(3, TR, pfn, 4, 0, 0), st, 3, 0), max, 256, 128),
	};
	struct result res = classify_for(o, N(o), VC_TR_MMIO_V1, 4);
	const struct vc_register *r = reg(res, TR, pfn, 4);
	assert_int_equal(r->classes & (BIT(SELECTOR) | BIT(WRITE_TRIGGERS)), BIT(WRITE_TRIGGERS));
	assert_evidence(r, VC_SFX_C_WRITE_TRIGGERS, "a device reset (status 0x3>0x0", "QueueNumMax 0x100>0x80");
	assert_int_equal(reg(res, TR, st, 4)->classes & BIT(BANKED), 0);
	assert_int_equal(reg(res, TR, max, 4)->classes & BIT(BANKED), 0);
	vc_register_free(res.r, res.n);

	struct vc_sfx_obs sel[] = {
		rr(1, TR, st, 4, 3, 3),
		rr(2, TR, max, 4, 256, 256),
		ch(wr(3, TR, pfn, 4, 0, 0), max, 256, 128),
	};
	res = classify_for(sel, N(sel), VC_TR_MMIO_V1, 4);
	assert_true(reg(res, TR, pfn, 4)->classes & BIT(SELECTOR));
	assert_true(reg(res, TR, max, 4)->classes & BIT(BANKED));
	vc_register_free(res.r, res.n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_constant),
		cmocka_unit_test(test_constant_near_misses),
		cmocka_unit_test(test_latch),
		cmocka_unit_test(test_latch_near_misses),
		cmocka_unit_test(test_read_clears),
		cmocka_unit_test(test_read_mutates),
		cmocka_unit_test(test_read_near_misses),
		cmocka_unit_test(test_validated),
		cmocka_unit_test(test_validated_near_miss),
		cmocka_unit_test(test_write_clears_readback),
		cmocka_unit_test(test_write_clears_ack),
		cmocka_unit_test(test_write_clears_near_misses),
		cmocka_unit_test(test_write_triggers),
		cmocka_unit_test(test_write_triggers_near_misses),
		cmocka_unit_test(test_config_store_is_no_trigger),
		cmocka_unit_test(test_selector_banked),
		cmocka_unit_test(test_banked_at_every_width_holding_the_byte),
		cmocka_unit_test(test_sweep_selector),
		cmocka_unit_test(test_sweep_banks_what_it_changed),
		cmocka_unit_test(test_selector_near_miss),
		cmocka_unit_test(test_volatile),
		cmocka_unit_test(test_clock_or_read_counter),
		cmocka_unit_test(test_generation_moved_by_an_announced_clock),
		cmocka_unit_test(test_volatile_near_miss),
		cmocka_unit_test(test_generation_moves_with_an_event),
		cmocka_unit_test(test_event_at_offset_zero),
		cmocka_unit_test(test_faulting),
		cmocka_unit_test(test_grouping_order),
		cmocka_unit_test(test_backend_messages),
		cmocka_unit_test(test_backend_step_preferred),
		cmocka_unit_test(test_interrupt_status_is_notified),
		cmocka_unit_test(test_reset_by_write_is_no_selector),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_every_line_names_its_step),
		cmocka_unit_test(test_volatile_makes_no_latch_claim),
		cmocka_unit_test(test_series_prior_is_what_it_found),
		cmocka_unit_test(test_clock_byte_is_no_effect),
		cmocka_unit_test(test_obs_free),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
