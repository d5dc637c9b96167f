/* Split virtqueue details (VIRTIO 1.2 2.7): indirect tables, descriptor
 * arrangement, what the device may and may not write, used buffer
 * notification suppression with and without VIRTIO_F_EVENT_IDX, and the
 * used ring over more than one lap. rng carries the generic rules, blk the
 * chains whose contents can be verified. */
#include "vcheck/virtio_ids.h"
#include "suites/virtqueue/blkreq.h"
#include "guests/lib/dma.h"
#include "suites/virtqueue/ring.h"

#define EVENT_IDX VIRTIO_BIT(VIRTIO_F_RING_EVENT_IDX)
#define INDIRECT VIRTIO_BIT(VIRTIO_F_RING_INDIRECT_DESC)
#define RNG_LEN 64u

static int rng_split(struct vc_ctx *ctx, uint64_t want, unsigned num, struct vq *vq)
{
	return vc_split_start(ctx, want, 0, num, vq);
}

/* One rng buffer at descriptor `head`; 0 and the used element. */
static int rng_round(struct vc_ctx *ctx, struct vq *vq, unsigned head, struct vq_used_elem *e)
{
	struct vq_buf b = { vq_alloc(RNG_LEN, 64), RNG_LEN, 1 };
	vq_add(vq, head, &b, 1);
	vq_kick(vq);
	if (vq_wait_elem(vq, VC_RING_WAIT_US, e)) {
		vc_fail(ctx, "no used buffer (used idx %u) within 1 s", vq->last_used);
		return -1;
	}
	return 0;
}

/* Notifies and waits for the used element; a device that signals
 * DEVICE_NEEDS_RESET instead is reported at once, without the full wait. */
static int blk_done_within(struct vc_ctx *ctx, struct vq *vq, unsigned us, struct vq_used_elem *e)
{
	vq_kick(vq);
	uint64_t until = drv_deadline(us);
	for (;;) {
		if (!vq_wait_elem(vq, 0, e))
			return 0;
		uint8_t s = ctx->d->ops->get_status(ctx->d);
		if ((s & VIRTIO_STATUS_DEVICE_NEEDS_RESET) || drv_expired(until)) {
			vc_fail(ctx, "no used buffer within %u us (Status 0x%02x)", us, s);
			return -1;
		}
	}
}

static int blk_done(struct vc_ctx *ctx, struct vq *vq, struct vq_used_elem *e)
{
	return blk_done_within(ctx, vq, VC_RING_WAIT_US, e);
}

static void expect_read(struct vc_ctx *ctx, const struct blk_req *r, uint64_t sector)
{
	int bad = blk_req_mismatch(r, sector);
	vc_expect(ctx, *r->status == BLK_S_OK && bad < 0, "status %u, first wrong data byte %d", *r->status, bad);
}

/* ---- indirect descriptors (2.7.5.3) ---- */

static void blk_indirect(struct vc_ctx *ctx, uint16_t extra_flags)
{
	struct vq vq;
	struct blk_req r;
	struct vq_used_elem e;
	if (vc_split_start(ctx, INDIRECT, 0, 0, &vq))
		return;
	blk_req_prepare(&r, BLK_T_IN, 0);
	vq_add_indirect(&vq, 0, r.b, 3, extra_flags);
	if (blk_done(ctx, &vq, &e))
		return;
	expect_read(ctx, &r, 0);
	vc_expect(ctx, e.id == 0, "used id %u for head 0", e.id);
}

VC_CHECK(vq_blk_indirect, .id = "VQ-IND-001",
	 .title = "A block read through an indirect descriptor table completes with the disk's contents",
	 .spec = "1.2 2.7.5.3", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BLOCK,
	 .features = INDIRECT)
{
	blk_indirect(ctx, 0);
}

VC_CHECK(vq_blk_indirect_write, .id = "VQ-IND-002",
	 .title = "VIRTQ_DESC_F_WRITE on the descriptor that refers to an indirect table is ignored",
	 .spec = "1.2 2.7.5.3.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BLOCK,
	 .features = INDIRECT)
{
	blk_indirect(ctx, VQ_DESC_F_WRITE);
}

VC_CHECK(vq_blk_direct_then_indirect, .id = "VQ-IND-003",
	 .title = "A direct descriptor chained to an indirect one (header, then a table of data and status) is served",
	 .spec = "1.2 2.7.5.3.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BLOCK,
	 .features = INDIRECT)
{
	struct vq vq;
	struct blk_req ctl, r;
	struct vq_used_elem e;
	if (vc_split_start(ctx, INDIRECT, 0, 0, &vq))
		return;
	/* A legacy device that drops the request gives no sign but silence:
	 * time ordinary reads first and wait 50 times the quickest (at least
	 * 20 ms). One read is not enough: a device's first request, or one
	 * the host scheduler interrupts, can take a hundred times longer. */
	uint64_t wait = ~0ull;
	for (unsigned i = 0; i < 3; i++) {
		blk_req_prepare(&ctl, BLK_T_IN, 1);
		vq_add(&vq, 0, ctl.b, 3);
		uint64_t t0 = drv_micros();
		if (blk_done(ctx, &vq, &e))
			return;
		uint64_t took = 50 * (drv_micros() - t0);
		wait = took < wait ? took : wait;
	}
	blk_req_prepare(&r, BLK_T_IN, 0);
	struct vq_desc *table = vq_alloc(32, 16);
	vq_fill_descs(vq.d, table, 0, &r.b[1], 2);
	vq.desc[3] = (struct vq_desc){ .addr = vc_dma_addr(vq.d, r.hdr, sizeof(*r.hdr), 0), .len = sizeof(*r.hdr),
				       .flags = VQ_DESC_F_NEXT, .next = 4 };
	vq.desc[4] = (struct vq_desc){ .addr = vc_dma_addr(vq.d, table, 32, 0), .len = 32, .flags = VQ_DESC_F_INDIRECT };
	vq_publish(&vq, 3);
	if (blk_done_within(ctx, &vq, wait < 20000 ? 20000 : (unsigned)wait, &e))
		return;
	expect_read(ctx, &r, 0);
}

/* ---- message framing (2.7.4) ---- */

VC_CHECK(vq_blk_framing, .id = "VQ-FRAME-001",
	 .title = "A block read framed unusually (header in two descriptors, data in two) is served",
	 .spec = "1.2 2.7.4.1", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BLOCK)
{
	struct vdev *d = ctx->d;
	/* A legacy device may rely on the usual framing unless ANY_LAYOUT is
	 * negotiated (2.7.4.3). */
	uint64_t any = VIRTIO_BIT(VIRTIO_F_ANY_LAYOUT);
	if (!drv_has_features_ok(d) && !(drv_device_features(d) & any)) {
		vc_skip(ctx, "legacy interface without ANY_LAYOUT");
		return;
	}
	struct vq vq;
	struct blk_req r;
	struct vq_used_elem e;
	if (vc_split_start(ctx, drv_has_features_ok(d) ? 0 : any, 0, 0, &vq))
		return;
	blk_req_prepare(&r, BLK_T_IN, 3);
	uint8_t *h = (uint8_t *)r.hdr;
	struct vq_buf b[5] = { { h, 8, 0 }, { h + 8, 8, 0 }, { r.data, 256, 1 }, { r.data + 256, 256, 1 },
			       { r.status, 1, 1 } };
	vq_add(&vq, 0, b, 5);
	if (blk_done(ctx, &vq, &e))
		return;
	expect_read(ctx, &r, 3);
}

/* ---- what the device writes (2.7.5.1, 2.7.8.2) ---- */

/* rng with a device-readable canary ahead of the writable buffer. */
static int rng_with_readable(struct vc_ctx *ctx, uint8_t **ro, struct vq_used_elem *e)
{
	struct vq vq;
	if (rng_split(ctx, 0, 0, &vq))
		return -1;
	*ro = vq_alloc(32, 16);
	memset(*ro, 0xa5, 32);
	struct vq_buf b[2] = { { *ro, 32, 0 }, { vq_alloc(RNG_LEN, 64), RNG_LEN, 1 } };
	vq_add(&vq, 0, b, 2);
	vq_kick(&vq);
	if (vq_wait_elem(&vq, VC_RING_WAIT_US, e)) {
		vc_fail(ctx, "no used buffer within 1 s");
		return -1;
	}
	return 0;
}

VC_CHECK(vq_readonly, .id = "VQ-RO-001",
	 .title = "The device does not write a device-readable buffer",
	 .spec = "1.2 2.7.5.1", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_RNG)
{
	uint8_t *ro;
	struct vq_used_elem e;
	if (rng_with_readable(ctx, &ro, &e))
		return;
	for (unsigned i = 0; i < 32; i++)
		if (ro[i] != 0xa5) {
			vc_fail(ctx, "device-readable byte %u changed to 0x%02x", i, ro[i]);
			return;
		}
}

VC_CHECK(vq_used_len_writable, .id = "VQ-USED-001",
	 .title = "The used length counts only device-writable bytes: at most 64 after 32 readable + 64 writable",
	 .spec = "1.2 2.7.8.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_RNG)
{
	uint8_t *ro;
	struct vq_used_elem e;
	if (rng_with_readable(ctx, &ro, &e))
		return;
	vc_expect(ctx, e.len > 0 && e.len <= RNG_LEN, "used length %u", e.len);
	vc_expect(ctx, e.id == 0, "used id %u for head 0", e.id);
}

VC_CHECK(vq_desc_untouched, .id = "VQ-DESC-001",
	 .title = "The device does not write the descriptor table",
	 .spec = "1.2 2.7.5.1", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BLOCK)
{
	struct vq vq;
	struct blk_req r;
	struct vq_used_elem e;
	if (vc_split_start(ctx, 0, 0, 0, &vq))
		return;
	blk_req_prepare(&r, BLK_T_IN, 0);
	vq_add(&vq, 0, r.b, 3);
	struct vq_desc before[4];
	memcpy(before, vq.desc, sizeof(before));
	if (blk_done(ctx, &vq, &e))
		return;
	vc_expect(ctx, memcmp(before, vq.desc, sizeof(before)) == 0, "descriptor table changed by the device");
}

/* ---- used ring flags and notification suppression (2.7.7, 2.7.10) ---- */

VC_CHECK(vq_used_flags, .id = "VQ-UFLAGS-001",
	 .title = "Without EVENT_IDX the used ring flags hold 0 or 1",
	 .spec = "1.2 2.7.10.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_RNG)
{
	struct vq vq;
	struct vq_used_elem e;
	if (rng_split(ctx, 0, 0, &vq) || rng_round(ctx, &vq, 0, &e))
		return;
	uint16_t f = *(volatile uint16_t *)&vq.used->flags;
	vc_expect(ctx, f <= 1, "used flags 0x%04x", f);
}

VC_CHECK(vq_used_flags_event_idx, .id = "VQ-UFLAGS-002",
	 .title = "With EVENT_IDX the used ring flags hold 0",
	 .spec = "1.2 2.7.10.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_RNG,
	 .features = EVENT_IDX)
{
	struct vq vq;
	struct vq_used_elem e;
	if (rng_split(ctx, EVENT_IDX, 0, &vq) || rng_round(ctx, &vq, 0, &e))
		return;
	uint16_t f = *(volatile uint16_t *)&vq.used->flags;
	vc_expect(ctx, f == 0, "used flags 0x%04x", f);
}

/* Sets up rng with EVENT_IDX and used_event = `event`, avail flags `flags`. */
static int rng_event(struct vc_ctx *ctx, uint64_t want, uint16_t event, uint16_t flags, struct vq *vq)
{
	if (rng_split(ctx, want, 0, vq))
		return -1;
	*vq_used_event(vq) = event;
	vq->avail->flags = flags;
	vc_irq_take(ctx->d);
	return 0;
}

VC_CHECK(vq_event_idx_hit, .id = "VQ-EVTIDX-001",
	 .title = "With EVENT_IDX and used_event 0, the first used buffer is notified",
	 .spec = "1.2 2.7.7.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_RNG,
	 .features = EVENT_IDX)
{
	struct vq vq;
	struct vq_used_elem e;
	if (rng_event(ctx, EVENT_IDX, 0, 0, &vq) || rng_round(ctx, &vq, 0, &e))
		return;
	vc_expect(ctx, vc_irq_seen(ctx->d, VC_RING_WAIT_US), "no notification for used idx 0 = used_event");
}

VC_CHECK(vq_event_idx_before, .id = "VQ-EVTIDX-002",
	 .title = "With EVENT_IDX and used_event 1, the first used buffer is not notified",
	 .spec = "1.2 2.7.7.2", .level = VC_SHOULD, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_RNG,
	 .features = EVENT_IDX)
{
	struct vq vq;
	struct vq_used_elem e;
	if (rng_event(ctx, EVENT_IDX, 1, 0, &vq) || rng_round(ctx, &vq, 0, &e))
		return;
	vc_expect(ctx, !vc_irq_seen(ctx->d, VC_RING_QUIET_US), "used idx 0 notified although used_event is 1");
}

VC_CHECK(vq_event_idx_later, .id = "VQ-EVTIDX-003",
	 .title = "With EVENT_IDX and used_event 1, the second used buffer is notified",
	 .spec = "1.2 2.7.7.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_RNG,
	 .features = EVENT_IDX)
{
	struct vq vq;
	struct vq_used_elem e;
	if (rng_event(ctx, EVENT_IDX, 1, 0, &vq) || rng_round(ctx, &vq, 0, &e))
		return;
	vc_irq_seen(ctx->d, VC_RING_QUIET_US); /* whatever the first did (VQ-EVTIDX-002) */
	if (rng_round(ctx, &vq, 1, &e))
		return;
	vc_expect(ctx, vc_irq_seen(ctx->d, VC_RING_WAIT_US), "no notification for used idx 1 = used_event");
}

VC_CHECK(vq_event_idx_flags_ignored, .id = "VQ-EVTIDX-004",
	 .title = "With EVENT_IDX the device ignores NO_INTERRUPT in the available ring flags",
	 .spec = "1.2 2.7.7.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_RNG,
	 .features = EVENT_IDX)
{
	struct vq vq;
	struct vq_used_elem e;
	if (rng_event(ctx, EVENT_IDX, 0, VQ_AVAIL_F_NO_INTERRUPT, &vq) || rng_round(ctx, &vq, 0, &e))
		return;
	vc_expect(ctx, vc_irq_seen(ctx->d, VC_RING_WAIT_US), "no notification for used idx 0 = used_event");
}

VC_CHECK(vq_no_interrupt, .id = "VQ-NOINT-001",
	 .title = "Without EVENT_IDX, NO_INTERRUPT in the available ring flags suppresses the notification",
	 .spec = "1.2 2.7.7.2", .level = VC_SHOULD, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_RNG)
{
	struct vq vq;
	struct vq_used_elem e;
	if (rng_event(ctx, 0, 0, VQ_AVAIL_F_NO_INTERRUPT, &vq) || rng_round(ctx, &vq, 0, &e))
		return;
	vc_expect(ctx, !vc_irq_seen(ctx->d, VC_RING_QUIET_US), "notified although NO_INTERRUPT is set");
}

VC_CHECK(vq_used_event_ignored, .id = "VQ-NOINT-002",
	 .title = "Without EVENT_IDX the device ignores used_event: flags 0 with used_event 5 still notifies",
	 .spec = "1.2 2.7.7.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_RNG)
{
	struct vq vq;
	struct vq_used_elem e;
	if (rng_event(ctx, 0, 5, 0, &vq) || rng_round(ctx, &vq, 0, &e))
		return;
	vc_expect(ctx, vc_irq_seen(ctx->d, VC_RING_WAIT_US), "no notification with avail flags 0");
}

VC_CHECK(vq_notify_on_empty, .id = "VQ-NOE-001",
	 .title = "With NOTIFY_ON_EMPTY, running out of buffers is notified despite NO_INTERRUPT",
	 .spec = "1.2 6.3", .level = VC_MUST, .transports = VC_TR_LEGACY, .device_id = VIRTIO_ID_RNG,
	 .features = VIRTIO_BIT(VIRTIO_F_NOTIFY_ON_EMPTY))
{
	struct vq vq;
	struct vq_used_elem e;
	if (rng_event(ctx, VIRTIO_BIT(VIRTIO_F_NOTIFY_ON_EMPTY), 0, VQ_AVAIL_F_NO_INTERRUPT, &vq) ||
	    rng_round(ctx, &vq, 0, &e))
		return;
	vc_expect(ctx, vc_irq_seen(ctx->d, VC_RING_WAIT_US), "no notification when the queue ran empty");
}

/* ---- several buffers, several laps (2.7.8) ---- */

VC_CHECK(vq_multi, .id = "VQ-MULTI-001",
	 .title = "Three buffers published together come back as three used elements, each head once",
	 .spec = "1.2 2.7.8", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_RNG)
{
	struct vq vq;
	if (rng_split(ctx, 0, 0, &vq))
		return;
	for (unsigned h = 0; h < 3; h++) {
		struct vq_buf b = { vq_alloc(16, 16), 16, 1 };
		vq_add(&vq, h, &b, 1);
	}
	vq_kick(&vq);
	unsigned seen = 0;
	for (unsigned i = 0; i < 3; i++) {
		struct vq_used_elem e;
		if (vq_wait_elem(&vq, VC_RING_WAIT_US, &e)) {
			vc_fail(ctx, "%u of 3 buffers used within 1 s", i);
			return;
		}
		vc_expect(ctx, e.id < 3 && !(seen & (1u << e.id)), "used element %u has id %u (seen 0x%x)", i, e.id, seen);
		seen |= e.id < 3 ? 1u << e.id : 0;
	}
	uint16_t idx = *(volatile uint16_t *)&vq.used->idx;
	vc_expect(ctx, idx == 3, "used idx %u after three buffers", idx);
}

VC_CHECK(vq_laps, .id = "VQ-WRAP-001",
	 .title = "On a 4-entry ring, used elements land at idx mod 4 over three laps with the right heads",
	 .spec = "1.2 2.7.8", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_RNG)
{
	struct vq vq;
	if (rng_split(ctx, 0, 4, &vq))
		return;
	if (vq.num > 16) {
		vc_skip(ctx, "queue size %u is fixed (legacy PCI)", vq.num);
		return;
	}
	for (unsigned i = 0; i < 3 * vq.num - 2; i++) {
		unsigned head = (i * 3) % vq.num; /* heads in a different order from the ring slots */
		struct vq_used_elem e;
		if (rng_round(ctx, &vq, head, &e))
			return;
		struct vq_used_elem slot = vq.used->ring[i % vq.num];
		if (e.id != head || slot.id != head) {
			vc_fail(ctx, "request %u: used id %u at slot %u, head was %u", i, slot.id, i % vq.num, head);
			return;
		}
	}
}
