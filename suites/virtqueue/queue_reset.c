/* Resetting and re-enabling one virtqueue under VIRTIO_F_RING_RESET
 * (VIRTIO 1.2 2.6.1.1.1, 2.6.1.2.1; registers in 4.1.4.3 and 4.2.2). */
#include "vcheck/virtio_ids.h"
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_pci.h"
#include "vcheck/virtio_status.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"
#include "guests/lib/virtqueue.h"
#include "suites/virtqueue/ring.h"

#define RING_RESET VIRTIO_BIT(VIRTIO_F_RING_RESET)

struct qregs { unsigned sel, sel_w, reset, ready; };

static struct qregs regs_of(const struct vdev *d)
{
	if (d->ops->kind == VC_TR_PCI_MODERN)
		return (struct qregs){ VIRTIO_PCI_COMMON_Q_SELECT, 2, VIRTIO_PCI_COMMON_Q_RESET, VIRTIO_PCI_COMMON_Q_ENABLE };
	return (struct qregs){ VIRTIO_MMIO_QUEUE_SEL, 4, VIRTIO_MMIO_QUEUE_RESET, VIRTIO_MMIO_QUEUE_READY };
}

static uint64_t qread(struct vc_ctx *ctx, unsigned off)
{
	uint64_t v = ~0ull;
	ctx->d->ops->reg_read(ctx->d, off, ctx->d->ops->kind == VC_TR_PCI_MODERN ? 2 : 4, &v);
	return v;
}

/* Negotiates RING_RESET, runs queue 0, then resets it. 0 when the reset
 * finished (the register read back 0) within 100 ms. */
static int reset_queue0(struct vc_ctx *ctx, struct vq *vq)
{
	struct vdev *d = ctx->d;
	struct qregs r = regs_of(d);
	if (drv_start(d, RING_RESET) || !(drv_device_features(d) & RING_RESET) || vq_setup(d, 0, 0, vq)) {
		vc_skip(ctx, "RING_RESET not negotiated or queue 0 unavailable");
		return -1;
	}
	drv_driver_ok(d);
	d->ops->reg_write(d, r.sel, r.sel_w, 0);
	d->ops->reg_write(d, r.reset, d->ops->kind == VC_TR_PCI_MODERN ? 2 : 4, 1);
	uint64_t until = drv_deadline(100000);
	while (qread(ctx, r.reset) != 0)
		if (drv_expired(until)) {
			vc_fail(ctx, "queue reset still reads %llu after 100 ms", (unsigned long long)qread(ctx, r.reset));
			return -1;
		}
	return 0;
}

VC_CHECK(queue_reset_clears, .id = "VQ-RESET-001",
	 .title = "A queue reset completes and leaves the queue disabled",
	 .spec = "1.2 2.6.1.1.1", .level = VC_MUST, .transports = VC_TR_MODERN, .features = RING_RESET)
{
	struct vq vq;
	if (reset_queue0(ctx, &vq))
		return;
	uint64_t ready = qread(ctx, regs_of(ctx->d).ready);
	vc_expect(ctx, ready == 0, "queue enable/ready reads %llu after the queue reset", (unsigned long long)ready);
	uint8_t s = ctx->d->ops->get_status(ctx->d);
	vc_expect(ctx, !(s & VIRTIO_STATUS_DEVICE_NEEDS_RESET), "Status 0x%02x after a queue reset", s);
}

VC_CHECK(queue_reenable, .id = "VQ-RESET-002",
	 .title = "A reset queue can be set up again and serves a request from a fresh ring",
	 .spec = "1.2 2.6.1.2.1", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = RING_RESET)
{
	struct vq vq;
	if (reset_queue0(ctx, &vq))
		return;
	struct vq fresh;
	if (vq_setup(ctx->d, 0, 0, &fresh)) {
		vc_fail(ctx, "queue 0 could not be set up again");
		return;
	}
	uint8_t *buf = vq_alloc(32, 32);
	struct vq_buf b = { buf, 32, 1 };
	vq_submit(&fresh, &b, 1);
	uint32_t len;
	vc_expect(ctx, vq_wait(&fresh, 1000000, &len) == 0, "no used buffer on the re-enabled queue within 1 s");
}

/* Four quiet periods: the entropy backend answers from the host's main
 * loop, which a loaded host can hold off for more than one. */
#define OLD_RING_QUIET_US (4 * VC_RING_QUIET_US)

VC_CHECK(queue_reset_old_ring, .id = "VQ-RESET-003",
	 .title = "After a queue reset the device does not use a buffer published on the old ring",
	 .spec = "1.2 2.6.1.1.1", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = RING_RESET)
{
	struct vq vq;
	if (reset_queue0(ctx, &vq))
		return;
	struct vq_buf b = { vq_alloc(32, 32), 32, 1 };
	vq_add(&vq, 0, &b, 1);
	vq_kick(&vq);
	struct vq_used_elem e;
	vc_expect(ctx, vq_wait_elem(&vq, OLD_RING_QUIET_US, &e) != 0, "the reset queue used buffer %u of its old ring", e.id);
}

/* 2.6.1.2.1: a re-enabled queue follows the new configuration. A 4-entry
 * ring over six requests wraps, so a device still using the old size reads
 * the wrong available entries on the second lap. */
VC_CHECK(queue_reenable_smaller, .id = "VQ-RESET-004",
	 .title = "A reset queue re-enabled with 4 entries serves six requests in turn, wrapping at 4",
	 .spec = "1.2 2.6.1.2.1", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = RING_RESET)
{
	struct vq vq, small;
	if (reset_queue0(ctx, &vq))
		return;
	if (ctx->d->ops->queue_num_max(ctx->d, 0) < 8 || vq_setup(ctx->d, 0, 4, &small)) {
		vc_skip(ctx, "queue 0 cannot be re-enabled with 4 of at least 8 entries");
		return;
	}
	for (unsigned i = 0; i < 6; i++) {
		struct vq_buf b = { vq_alloc(16, 16), 16, 1 };
		vq_add(&small, i % 4, &b, 1);
		vq_kick(&small);
		struct vq_used_elem e;
		if (vq_wait_elem(&small, VC_RING_WAIT_US, &e) || e.id != i % 4) {
			vc_fail(ctx, "request %u (head %u) not served from the 4-entry ring within 1 s", i, i % 4);
			return;
		}
	}
}
