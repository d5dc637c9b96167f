/* Virtqueue set-up on every queue, and the used-buffer interrupt
 * (VIRTIO 1.2 2.7, 3.1.1, 4.2.2.1, 4.1.4.5.1). */
#include "vcheck/virtio_ids.h"
#include "vcheck/virtio_status.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"
#include "guests/lib/virtqueue.h"
#include "suites/virtqueue/request.h"
#include "suites/virtqueue/ring.h"

VC_CHECK(vq_all_queues, .id = "VQ-SETUP-001",
	 .title = "Every queue can be set up and the device reaches DRIVER_OK without NEEDS_RESET",
	 .spec = "1.2 2.1.2", .level = VC_MUST, .transports = VC_TR_ALL)
{
	static struct vq vqs[64];
	unsigned n = vc_setup_every_queue(ctx, vqs, 64, 256);
	if (!n)
		return;
	uint8_t s = drv_driver_ok(ctx->d);
	vc_expect(ctx, (s & VIRTIO_STATUS_DRIVER_OK) && !(s & (VIRTIO_STATUS_DEVICE_NEEDS_RESET | VIRTIO_STATUS_FAILED)),
		  "Status 0x%02x after DRIVER_OK with %u queues", s, n);
}

/* The entropy device answers any device-writable buffer: the simplest real
 * request there is, so it carries the generic ring and interrupt checks. */
static int rng_request(struct vc_ctx *ctx, struct vq *vq, uint32_t *len)
{
	struct vdev *d = ctx->d;
	if (drv_start(d, 0) || vq_setup(d, 0, 0, vq)) {
		vc_skip(ctx, "queue 0 could not be set up");
		return -1;
	}
	drv_driver_ok(d);
	uint8_t *buf = vq_alloc(64, 64);
	struct vq_buf b = { buf, 64, 1 };
	vq_submit(vq, &b, 1);
	return vq_wait(vq, 1000000, len);
}

VC_CHECK(vq_rng_request, .id = "VQ-RNG-001",
	 .title = "The entropy device fills a device-writable buffer and returns it on the used ring",
	 .spec = "1.2 5.4.6.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_RNG)
{
	struct vq vq;
	uint32_t len = 0;
	int rc = rng_request(ctx, &vq, &len);
	if (ctx->verdict == VC_SKIP)
		return;
	vc_expect(ctx, rc == 0, "no used buffer within 1 s");
	vc_expect(ctx, rc || (len > 0 && len <= 64), "used length %u for a 64-byte buffer", len);
}

static void used_interrupt(struct vc_ctx *ctx)
{
	struct vq vq;
	uint32_t len;
	if (rng_request(ctx, &vq, &len) || ctx->verdict == VC_SKIP)
		return;
	uint32_t isr = vc_irq_wait(ctx->d, 1, VC_RING_WAIT_US);
	vc_expect(ctx, isr & 1, "interrupt status 0x%x after a used buffer", isr);
	ctx->d->ops->interrupt_ack(ctx->d, isr);
	uint32_t after = ctx->d->ops->interrupt_status(ctx->d);
	vc_expect(ctx, !(after & 1), "interrupt status 0x%x after acknowledging", after);
}

VC_CHECK(vq_used_interrupt_mmio, .id = "VQ-INT-001",
	 .title = "A used buffer sets InterruptStatus bit 0 until InterruptACK clears it",
	 .spec = "1.2 4.2.2.1", .level = VC_MUST, .transports = VC_TR_ANY_MMIO, .device_id = VIRTIO_ID_RNG)
{
	used_interrupt(ctx);
}

VC_CHECK(vq_used_interrupt_pci, .id = "VQ-INT-002",
	 .title = "A used buffer sets the ISR queue bit (MSI-X off), and reading ISR clears it",
	 .spec = "1.2 4.1.4.5.1", .level = VC_MUST, .transports = VC_TR_ANY_PCI, .device_id = VIRTIO_ID_RNG)
{
	used_interrupt(ctx);
}

/* The interrupt a used buffer raised is left pending, then the device is
 * reset: a hypervisor that completes resets on the backend's word may keep
 * the old interrupt state (Gunyah's acknowledge_reset does). */
VC_CHECK(vq_int_cleared_by_reset, .id = "VQ-INT-003",
	 .title = "A used-buffer interrupt pending at reset reads cleared after it",
	 .spec = "1.2 4.2.2.1", .level = VC_MUST, .transports = VC_TR_ANY_MMIO, .device_id = VIRTIO_ID_RNG)
{
	struct vq vq;
	uint32_t len;
	if (rng_request(ctx, &vq, &len) || ctx->verdict == VC_SKIP)
		return;
	uint32_t isr = vc_irq_wait(ctx->d, 1, 100000);
	if (!(isr & 1)) {
		vc_skip(ctx, "no interrupt pending after a used buffer (VQ-INT-001 judges that)");
		return;
	}
	if (drv_reset(ctx->d, 100000)) {
		vc_fail(ctx, "reset did not complete within 100 ms");
		return;
	}
	isr = ctx->d->ops->interrupt_status(ctx->d);
	vc_expect(ctx, isr == 0, "InterruptStatus 0x%x after reset with bit 0 pending before", isr);
}
