/* Helpers for checks that send one real request. static inline so the
 * host's descriptor-only catalogue build never emits them (suites/check.h). */
#ifndef VC_REQUEST_H
#define VC_REQUEST_H
#include "suites/ctx.h"
#include "guests/lib/driver.h"
#include "guests/lib/virtqueue.h"

/* How long a request may take. QEMU answers each of them in well under a
 * millisecond under TCG; a second is the patience of a driver's timeout,
 * and what a device that silently gave up costs a run. */
#define VC_REQUEST_WAIT_US 1000000

/* After negotiation: queue q, then DRIVER_OK (3.1.1). */
static inline int vc_setup_queue(struct vc_ctx *ctx, unsigned q, struct vq *vq)
{
	if (vq_setup(ctx->d, q, 0, vq)) {
		vc_skip(ctx, "queue %u could not be set up", q);
		return -1;
	}
	drv_driver_ok(ctx->d);
	return 0;
}

/* Negotiates VERSION_1 alone, then vc_setup_queue. */
static inline int vc_start_queue(struct vc_ctx *ctx, unsigned q, struct vq *vq)
{
	if (drv_start(ctx->d, 0)) {
		vc_skip(ctx, "the device refused VERSION_1 alone");
		return -1;
	}
	return vc_setup_queue(ctx, q, vq);
}

/* Negotiates VERSION_1 alone and sets up every queue (up to `max`, with
 * `num` entries, 0: the maximum), each failure reported; DRIVER_OK is the
 * caller's. The number of queues, or 0 after a SKIP for a refusal. */
static inline unsigned vc_setup_every_queue(struct vc_ctx *ctx, struct vq *vqs, unsigned max, unsigned num)
{
	if (drv_start(ctx->d, 0)) {
		vc_skip(ctx, "FEATURES_OK refused");
		return 0;
	}
	unsigned n = drv_queue_count(ctx->d);
	for (unsigned q = 0; q < n && q < max; q++)
		vc_expect(ctx, vq_setup(ctx->d, q, num, &vqs[q]) == 0, "queue %u could not be set up", q);
	return n < max ? n : max;
}

/* Submits one chain and waits; reports the timeout as FAIL itself. */
static inline int vc_exchange(struct vc_ctx *ctx, struct vq *vq, const struct vq_buf *b, unsigned n,
			      uint32_t *len)
{
	vq_submit(vq, b, n);
	if (vq_wait(vq, VC_REQUEST_WAIT_US, len)) {
		vc_fail(ctx, "no used buffer on queue %u within %u s", vq->index, VC_REQUEST_WAIT_US / 1000000);
		return -1;
	}
	return 0;
}
#endif
