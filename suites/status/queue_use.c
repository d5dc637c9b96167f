/* When a device may touch its queues: not before DRIVER_OK (VIRTIO 1.2
 * 2.1.2), not after a reset (2.4.1), and what it owes the driver once it
 * has given up (DEVICE_NEEDS_RESET, 2.1.2 and 4.1.5.4.1). */
#include "vcheck/virtio_ids.h"
#include "suites/virtqueue/blkreq.h"
#include "suites/virtqueue/ring.h"

/* Publishes `bufs` on queue 0 and notifies; 1 when the device used them
 * within `us`. */
static int served_within(struct vq *vq, const struct vq_buf *bufs, unsigned n, unsigned head, unsigned us)
{
	vq_add(vq, head, bufs, n);
	vq_kick(vq);
	struct vq_used_elem e;
	return vq_wait_elem(vq, us, &e) == 0;
}

/* Buffers on a live queue before DRIVER_OK: nothing may happen until the
 * driver sets it; afterwards (and a fresh notification) they are served.
 * `quiet_us`: how long silence counts as "nothing happened"; a block read
 * goes through QEMU's I/O thread pool and can take several milliseconds on
 * a loaded host, where rng answers at once. */
static void before_driver_ok(struct vc_ctx *ctx, const struct vq_buf *bufs, unsigned n, unsigned quiet_us)
{
	struct vdev *d = ctx->d;
	struct vq vq;
	if (vc_negotiate(ctx, 0))
		return;
	if (vq_setup(d, 0, 0, &vq)) {
		vc_skip(ctx, "queue 0 could not be set up");
		return;
	}
	vc_irq_take(d);
	int early = served_within(&vq, bufs, n, 0, quiet_us);
	uint32_t isr = vc_irq_take(d);
	vc_expect(ctx, !early, "the device used a buffer before DRIVER_OK");
	vc_expect(ctx, !(isr & 1), "used buffer notification (interrupt status 0x%x) before DRIVER_OK", isr);
	drv_driver_ok(d);
	if (!early) {
		vq_kick(&vq);
		struct vq_used_elem e;
		vc_expect(ctx, vq_wait_elem(&vq, VC_RING_WAIT_US, &e) == 0, "buffer not served within 1 s of DRIVER_OK");
	}
}

VC_CHECK(status_no_use_before_dok_rng, .id = "STATUS-DOK-002",
	 .title = "The entropy device uses no buffer and sends no notification before DRIVER_OK",
	 .spec = "1.2 2.1.2", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG)
{
	struct vq_buf b = { vq_alloc(64, 64), 64, 1 };
	before_driver_ok(ctx, &b, 1, VC_RING_QUIET_US);
}

VC_CHECK(status_no_use_before_dok_blk, .id = "STATUS-DOK-003",
	 .title = "The block device serves no request and sends no notification before DRIVER_OK",
	 .spec = "1.2 2.1.2", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_BLOCK)
{
	struct blk_req r;
	blk_req_prepare(&r, BLK_T_IN, 0);
	before_driver_ok(ctx, r.b, 3, 10 * VC_RING_QUIET_US);
}

VC_CHECK(status_quiet_after_reset, .id = "STATUS-RESET-004",
	 .title = "After a reset the device neither uses buffers of the old queue nor notifies",
	 .spec = "1.2 2.4.1", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_RNG)
{
	struct vdev *d = ctx->d;
	struct vq vq;
	if (vc_split_start(ctx, 0, 0, 0, &vq))
		return;
	struct vq_buf b = { vq_alloc(64, 64), 64, 1 };
	if (!served_within(&vq, &b, 1, 0, VC_RING_WAIT_US)) {
		vc_fail(ctx, "the first buffer was not served within 1 s");
		return;
	}
	if (drv_reset(d, 100000)) {
		vc_fail(ctx, "Status did not read 0 within 100 ms of the reset");
		return;
	}
	vc_irq_take(d);
	int used = served_within(&vq, &b, 1, 1, VC_RING_QUIET_US);
	uint32_t isr = vc_irq_take(d);
	vc_expect(ctx, !used, "a buffer published on the old ring after the reset was used");
	vc_expect(ctx, !(isr & 1), "interrupt status 0x%x after the reset", isr);
}

/* A descriptor chain that names a descriptor past the end of the table: a
 * driver error the device cannot serve (2.7.5.2). Returns the Status read
 * once the device has had time to react. */
static uint8_t broken_chain(struct vc_ctx *ctx, struct vq *vq)
{
	struct vq_buf b = { vq_alloc(64, 64), 64, 1 };
	vq_fill_descs(vq->d, vq->desc, 0, &b, 1);
	vq->desc[0].flags |= VQ_DESC_F_NEXT;
	vq->desc[0].next = (uint16_t)(vq->num + 7);
	vq_publish(vq, 0);
	vq_kick(vq);
	/* A device that reacts does so at once; the long window only keeps a
	 * loaded host from making a prompt device look silent. */
	uint64_t until = drv_deadline(10 * VC_RING_QUIET_US);
	uint8_t s;
	while (!((s = ctx->d->ops->get_status(ctx->d)) & VIRTIO_STATUS_DEVICE_NEEDS_RESET) && !drv_expired(until))
		;
	return s;
}

static void needs_reset_notifies(struct vc_ctx *ctx)
{
	struct vq vq;
	if (vc_split_start(ctx, 0, 0, 0, &vq))
		return;
	vc_irq_take(ctx->d);
	uint8_t s = broken_chain(ctx, &vq);
	if (!(s & VIRTIO_STATUS_DEVICE_NEEDS_RESET)) {
		vc_skip(ctx, "the device did not set DEVICE_NEEDS_RESET for a chain past the table (Status 0x%02x)", s);
		return;
	}
	uint32_t isr = 0;
	uint64_t until = drv_deadline(VC_RING_WAIT_US);
	while (!(isr & 2) && !drv_expired(until))
		isr |= ctx->d->ops->interrupt_status(ctx->d);
	ctx->d->ops->interrupt_ack(ctx->d, isr);
	vc_expect(ctx, isr & 2, "DEVICE_NEEDS_RESET set after DRIVER_OK without a configuration change notification");
}

VC_CHECK(status_needs_reset_mmio, .id = "STATUS-NEEDS-001",
	 .title = "DEVICE_NEEDS_RESET after DRIVER_OK comes with a configuration change notification",
	 .spec = "1.2 2.1.2", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_MMIO_V2), .device_id = VIRTIO_ID_RNG)
{
	needs_reset_notifies(ctx);
}

VC_CHECK(status_needs_reset_pci, .id = "STATUS-NEEDS-002",
	 .title = "DEVICE_NEEDS_RESET after DRIVER_OK sets the ISR configuration change bit (MSI-X off)",
	 .spec = "1.2 4.1.5.4.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN), .device_id = VIRTIO_ID_RNG)
{
	needs_reset_notifies(ctx);
}

VC_CHECK(status_needs_reset_set, .id = "STATUS-NEEDS-003",
	 .title = "A device that cannot continue (a chain past the descriptor table) sets DEVICE_NEEDS_RESET",
	 .spec = "1.2 2.1.2", .level = VC_SHOULD, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG)
{
	struct vq vq;
	if (vc_split_start(ctx, 0, 0, 0, &vq))
		return;
	uint8_t s = broken_chain(ctx, &vq);
	struct vq_used_elem e;
	int used = vq_wait_elem(&vq, 0, &e) == 0;
	vc_expect(ctx, (s & VIRTIO_STATUS_DEVICE_NEEDS_RESET) || used,
		  "neither DEVICE_NEEDS_RESET nor the buffer returned (Status 0x%02x)", s);
}
