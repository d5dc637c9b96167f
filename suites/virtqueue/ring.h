/* Helpers for the ring checks (split and packed): negotiation with ring
 * features, and used-buffer interrupt observation. static inline so the
 * host's descriptor-only catalogue build never emits them (suites/check.h). */
#ifndef VC_RING_H
#define VC_RING_H
#include "vcheck/virtio_status.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"
#include "guests/lib/packed.h"
#include <string.h>
#include "guests/lib/virtqueue.h"

#define VC_RING_WAIT_US 1000000
/* How long a check waits to see that something does NOT happen. An rng or
 * blk request completes in well under a millisecond under TCG. */
#define VC_RING_QUIET_US 5000

/* Interrupt status with the used-buffer bit acknowledged (PCI: the read
 * already cleared it). */
static inline uint32_t vc_irq_take(struct vdev *d)
{
	uint32_t isr = d->ops->interrupt_status(d);
	if (isr)
		d->ops->interrupt_ack(d, isr);
	return isr;
}

/* Interrupt status once any of `bits` shows, or as last read after `us`;
 * nothing acknowledged (a PCI ISR read clears, so the returned value is
 * the one that showed the bit). A device's interrupt may trail the used
 * ring it describes: a driver waits for it, and so does a check. */
static inline uint32_t vc_irq_wait(struct vdev *d, uint32_t bits, unsigned us)
{
	uint64_t until = drv_deadline(us);
	uint32_t isr;
	while (!((isr = d->ops->interrupt_status(d)) & bits) && !drv_expired(until))
		;
	return isr;
}

/* Polls for the used-buffer interrupt bit: 1 once seen, 0 after us. */
static inline int vc_irq_seen(struct vdev *d, unsigned us)
{
	uint64_t until = drv_deadline(us);
	do {
		if (vc_irq_take(d) & 1)
			return 1;
	} while (!drv_expired(until));
	return 0;
}

/* Negotiates VERSION_1 plus `want` (all of which the check requires to be
 * offered); SKIP when the device refuses. A device whose reset does not
 * complete fails here, before any queue is touched (and waited for). */
static inline int vc_negotiate(struct vc_ctx *ctx, uint64_t want)
{
	if (drv_reset(ctx->d, 100000)) {
		vc_fail(ctx, "Status did not read 0 within 100 ms of a reset");
		return -1;
	}
	if (drv_start(ctx->d, want)) {
		vc_skip(ctx, "FEATURES_OK refused for 0x%llx", (unsigned long long)want);
		return -1;
	}
	return 0;
}

static inline int vc_split_start(struct vc_ctx *ctx, uint64_t want, unsigned q, unsigned num, struct vq *vq)
{
	if (vc_negotiate(ctx, want))
		return -1;
	if (vq_setup(ctx->d, q, num, vq)) {
		vc_skip(ctx, "queue %u could not be set up", q);
		return -1;
	}
	drv_driver_ok(ctx->d);
	return 0;
}

static inline int vc_packed_start(struct vc_ctx *ctx, uint64_t want, unsigned q, unsigned num, struct pvq *vq)
{
	if (vc_negotiate(ctx, want | VIRTIO_BIT(VIRTIO_F_RING_PACKED)))
		return -1;
	if (pvq_setup(ctx->d, q, num, vq)) {
		vc_skip(ctx, "packed queue %u could not be set up", q);
		return -1;
	}
	drv_driver_ok(ctx->d);
	return 0;
}

/* The used-buffer flags rule of 2.8.1: AVAIL and USED both equal the
 * device's wrap counter. */
static inline int vc_pvq_flags_used(uint16_t flags, unsigned wrap)
{
	return !!(flags & PVQ_F_AVAIL) == wrap && !!(flags & PVQ_F_USED) == wrap;
}
#endif
