/* virtio-mmio control registers (VIRTIO 1.2 4.2.2, legacy 4.2.4). */
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_status.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"

static uint64_t reg(struct vc_ctx *ctx, unsigned off)
{
	uint64_t v = ~0ull;
	ctx->d->ops->reg_read(ctx->d, off, 4, &v);
	return v;
}

static void wreg(struct vc_ctx *ctx, unsigned off, uint32_t v) { ctx->d->ops->reg_write(ctx->d, off, 4, v); }

VC_CHECK(mmio_queue_past_last, .id = "MMIO-QUEUE-001",
	 .title = "QueueNumMax reads 0 for a QueueSel past the last queue",
	 .spec = "1.2 4.2.2", .level = VC_MUST, .transports = VC_TR_ANY_MMIO)
{
	unsigned n = drv_queue_count(ctx->d);
	vc_expect(ctx, n > 0, "no queue has a non-zero QueueNumMax");
	for (unsigned q = n; q < n + 4; q++) {
		uint32_t max = ctx->d->ops->queue_num_max(ctx->d, q);
		vc_expect(ctx, max == 0, "QueueSel %u past the last queue reads QueueNumMax %u", q, max);
	}
}

/* After a reset, `off` must read 0 with every queue selected. */
static void expect_queue_reg_zero(struct vc_ctx *ctx, unsigned off, const char *name)
{
	unsigned n = drv_queue_count(ctx->d);
	drv_reset(ctx->d, 100000);
	for (unsigned q = 0; q < n; q++) {
		wreg(ctx, VIRTIO_MMIO_QUEUE_SEL, q);
		uint64_t r = reg(ctx, off);
		vc_expect(ctx, r == 0, "queue %u %s reads 0x%llx after reset", q, name, (unsigned long long)r);
	}
}

VC_CHECK(mmio_queue_ready_reset, .id = "MMIO-QUEUE-002",
	 .title = "QueueReady reads 0 for every queue after reset",
	 .spec = "1.2 4.2.2.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_MMIO_V2))
{
	expect_queue_reg_zero(ctx, VIRTIO_MMIO_QUEUE_READY, "QueueReady");
}

VC_CHECK(mmio_queue_pfn_reset, .id = "MMIO-QUEUE-003",
	 .title = "Legacy QueuePFN reads 0 for every queue after reset",
	 .spec = "1.2 4.2.4", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_MMIO_V1))
{
	expect_queue_reg_zero(ctx, VIRTIO_MMIO_QUEUE_PFN, "QueuePFN");
}

VC_CHECK(mmio_queue_num_max_pow2, .id = "MMIO-QUEUE-004",
	 .title = "QueueNumMax of every available queue is a power of 2 at most 32768",
	 .spec = "1.2 2.7", .level = VC_MUST, .transports = VC_TR_ANY_MMIO)
{
	unsigned n = drv_queue_count(ctx->d);
	for (unsigned q = 0; q < n; q++) {
		uint32_t max = ctx->d->ops->queue_num_max(ctx->d, q);
		vc_expect(ctx, !(max & (max - 1)) && max <= 32768, "queue %u QueueNumMax %u", q, max);
	}
}

VC_CHECK(mmio_int_status_reset, .id = "MMIO-INT-001",
	 .title = "InterruptStatus reads 0 after reset",
	 .spec = "1.2 4.2.2.1", .level = VC_MUST, .transports = VC_TR_ANY_MMIO)
{
	/* From a clean slate: what an earlier check left pending is not this
	 * check's subject (VQ-INT-003 resets with an interrupt pending). */
	ctx->d->ops->interrupt_ack(ctx->d, ctx->d->ops->interrupt_status(ctx->d));
	drv_reset(ctx->d, 100000);
	uint64_t v = reg(ctx, VIRTIO_MMIO_INTERRUPT_STATUS);
	vc_expect(ctx, v == 0, "InterruptStatus 0x%llx after reset", (unsigned long long)v);
}

VC_CHECK(mmio_int_status_bits, .id = "MMIO-INT-002",
	 .title = "InterruptStatus holds no bit other than Used Buffer and Configuration Change",
	 .spec = "1.2 4.2.2.1", .level = VC_MUST, .transports = VC_TR_ANY_MMIO)
{
	drv_negotiate(ctx->d, drv_device_features(ctx->d));
	uint64_t v = reg(ctx, VIRTIO_MMIO_INTERRUPT_STATUS);
	vc_expect(ctx, (v & ~3ull) == 0, "InterruptStatus 0x%llx", (unsigned long long)v);
}

VC_CHECK(mmio_generation_stable, .id = "MMIO-GEN-001",
	 .title = "ConfigGeneration does not change while nothing changes",
	 .spec = "1.2 4.2.2.1", .level = VC_SHOULD, .transports = VC_TR_BIT(VC_TR_MMIO_V2))
{
	uint64_t a = reg(ctx, VIRTIO_MMIO_CONFIG_GENERATION);
	uint64_t b = reg(ctx, VIRTIO_MMIO_CONFIG_GENERATION);
	vc_expect(ctx, a == b, "ConfigGeneration 0x%llx then 0x%llx", (unsigned long long)a, (unsigned long long)b);
}

VC_CHECK(mmio_readonly_ident, .id = "MMIO-RO-001",
	 .title = "Writes to MagicValue, Version, DeviceID and VendorID do not change them",
	 .spec = "1.2 4.2.2", .level = VC_MUST, .transports = VC_TR_ANY_MMIO)
{
	static const unsigned regs[] = { VIRTIO_MMIO_MAGIC_VALUE, VIRTIO_MMIO_VERSION,
					 VIRTIO_MMIO_DEVICE_ID, VIRTIO_MMIO_VENDOR_ID };
	for (unsigned i = 0; i < 4; i++) {
		uint64_t before = reg(ctx, regs[i]);
		wreg(ctx, regs[i], (uint32_t)~before);
		uint64_t after = reg(ctx, regs[i]);
		vc_expect(ctx, after == before, "register 0x%03x changed 0x%llx -> 0x%llx", regs[i],
			  (unsigned long long)before, (unsigned long long)after);
	}
}

VC_CHECK(mmio_shm_absent, .id = "MMIO-SHM-001",
	 .title = "SHMLen reads all ones for a shared memory region the device does not have",
	 .spec = "1.2 4.2.2", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_MMIO_V2))
{
	/* Region IDs are device-type specific; 255 is not defined by any. */
	wreg(ctx, VIRTIO_MMIO_SHM_SEL, 255);
	uint64_t lo = reg(ctx, VIRTIO_MMIO_SHM_LEN_LOW), hi = reg(ctx, VIRTIO_MMIO_SHM_LEN_HIGH);
	vc_expect(ctx, lo == 0xffffffffu && hi == 0xffffffffu, "SHMLen reads 0x%08llx%08llx",
		  (unsigned long long)hi, (unsigned long long)lo);
}

/* The driver must use 32-bit accesses; what a narrower one does is up to the
 * device. Record it: a refusal (abort) or a consistent value are both fine,
 * a value that disagrees with the 32-bit read is not. */
VC_CHECK(mmio_narrow_read, .id = "MMIO-WIDTH-001",
	 .title = "A 16-bit read of MagicValue either aborts or returns its low half",
	 .spec = "1.2 4.2.2.2", .level = VC_MAY, .transports = VC_TR_ANY_MMIO, .judges_faults = 1)
{
	uint64_t v = 0;
	int st = ctx->d->ops->reg_read(ctx->d, VIRTIO_MMIO_MAGIC_VALUE, 2, &v);
	if (st)
		vc_report(ctx, VC_PASS, "16-bit read aborted");
	else
		vc_expect(ctx, v == (VIRTIO_MMIO_MAGIC & 0xffff) || v == 0, "16-bit read returned 0x%llx",
			  (unsigned long long)v);
}
