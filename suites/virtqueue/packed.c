/* Packed virtqueues (VIRTIO 1.2 2.8), where the device offers
 * VIRTIO_F_RING_PACKED: used descriptor flags, IDs and lengths, wrap
 * counters over several laps, event suppression, chains and indirect
 * tables. The entropy device carries the generic ring rules (it answers
 * any device-writable buffer at once); the block device the chains. */
#include "vcheck/virtio_ids.h"
#include "suites/virtqueue/blkreq.h"
#include "suites/virtqueue/ring.h"

#define PACKED VIRTIO_BIT(VIRTIO_F_RING_PACKED)
#define RNG_LEN 64u

/* One rng buffer at the next ring position; 0 and the used descriptor. */
static int rng_round(struct vc_ctx *ctx, struct pvq *vq, uint16_t id, struct pvq_desc *used)
{
	uint8_t *buf = vq_alloc(RNG_LEN, 64);
	struct vq_buf b = { buf, RNG_LEN, 1 };
	pvq_add(vq, &b, 1, id, 0);
	pvq_kick(vq);
	if (pvq_wait(vq, 1, VC_RING_WAIT_US, used)) {
		vc_fail(ctx, "no used descriptor at ring position %u (wrap %u) within 1 s", vq->next_used, vq->used_wrap);
		return -1;
	}
	return 0;
}

/* First request on a fresh ring: the raw descriptor at position 0. */
static int rng_first(struct vc_ctx *ctx, struct pvq *vq, uint16_t id, struct pvq_desc *used)
{
	if (vc_packed_start(ctx, 0, 0, 0, vq))
		return -1;
	uint8_t *buf = vq_alloc(RNG_LEN, 64);
	struct vq_buf b = { buf, RNG_LEN, 1 };
	pvq_add(vq, &b, 1, id, 0);
	uint16_t written = vq->desc[0].flags;
	pvq_kick(vq);
	if (pvq_wait_change(vq, 0, written, VC_RING_WAIT_US, used)) {
		vc_fail(ctx, "descriptor 0 unchanged 1 s after the notification");
		return -1;
	}
	return 0;
}

VC_CHECK(pvq_used_flags, .id = "PVQ-USED-001",
	 .title = "A used descriptor has AVAIL and USED both equal to the device wrap counter (1 on the first lap)",
	 .spec = "1.2 2.8.1", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = PACKED)
{
	struct pvq vq;
	struct pvq_desc u;
	if (rng_first(ctx, &vq, 3, &u))
		return;
	vc_expect(ctx, vc_pvq_flags_used(u.flags, 1), "used descriptor flags 0x%04x", u.flags);
}

VC_CHECK(pvq_used_id, .id = "PVQ-USED-002",
	 .title = "A used descriptor carries the Buffer ID the driver gave the buffer",
	 .spec = "1.2 2.8.13", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = PACKED)
{
	struct pvq vq;
	struct pvq_desc u;
	if (rng_first(ctx, &vq, 3, &u))
		return;
	vc_expect(ctx, u.id == 3, "used Buffer ID %u, the buffer had ID 3", u.id);
}

VC_CHECK(pvq_used_write, .id = "PVQ-USED-003",
	 .title = "A used descriptor for a buffer the device wrote has VIRTQ_DESC_F_WRITE set",
	 .spec = "1.2 2.8.3", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = PACKED)
{
	struct pvq vq;
	struct pvq_desc u;
	if (rng_first(ctx, &vq, 3, &u))
		return;
	vc_expect(ctx, u.flags & PVQ_F_WRITE, "used flags 0x%04x lack WRITE after the device wrote %u bytes",
		  u.flags, u.len);
}

VC_CHECK(pvq_used_len, .id = "PVQ-USED-004",
	 .title = "A used descriptor's length counts the bytes written: 1..64 for a 64-byte entropy buffer",
	 .spec = "1.2 2.8.4", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = PACKED)
{
	struct pvq vq;
	struct pvq_desc u;
	if (rng_first(ctx, &vq, 3, &u))
		return;
	vc_expect(ctx, u.len > 0 && u.len <= RNG_LEN, "used length %u", u.len);
}

/* Requests one at a time on a ring of `num` until `rounds` have completed:
 * each used descriptor must sit at the position the device reached and
 * carry the wrap counter of its lap. */
static void laps(struct vc_ctx *ctx, unsigned num, unsigned rounds)
{
	struct pvq vq;
	if (vc_packed_start(ctx, 0, 0, num, &vq))
		return;
	if (vq.num != num) {
		vc_skip(ctx, "queue too small for a %u-entry ring", num);
		return;
	}
	for (unsigned i = 0; i < rounds; i++) {
		unsigned pos = vq.next_used, wrap = vq.used_wrap;
		uint16_t id = (uint16_t)(i % num);
		uint8_t *buf = vq_alloc(16, 16);
		struct vq_buf b = { buf, 16, 1 };
		pvq_add(&vq, &b, 1, id, 0);
		uint16_t written = vq.desc[pos].flags;
		pvq_kick(&vq);
		struct pvq_desc u;
		if (pvq_wait_change(&vq, pos, written, VC_RING_WAIT_US, &u)) {
			vc_fail(ctx, "request %u: position %u unchanged after 1 s", i, pos);
			return;
		}
		if (!vc_pvq_flags_used(u.flags, wrap) || u.id != id) {
			vc_fail(ctx, "request %u at position %u (lap wrap %u): flags 0x%04x id %u", i, pos, wrap,
				u.flags, u.id);
			return;
		}
		vq.next_used = (uint16_t)(pos + 1 == num ? 0 : pos + 1);
		if (!vq.next_used)
			vq.used_wrap ^= 1;
	}
}

VC_CHECK(pvq_wrap, .id = "PVQ-WRAP-001",
	 .title = "Over three laps of a 4-entry ring the used flags follow the device wrap counter",
	 .spec = "1.2 2.8.1", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = PACKED)
{
	laps(ctx, 4, 10);
}

VC_CHECK(pvq_size_odd, .id = "PVQ-SIZE-001",
	 .title = "A packed ring of 3 entries (not a power of 2) serves requests over two laps",
	 .spec = "1.2 2.8.10.1", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = PACKED)
{
	laps(ctx, 3, 7);
}

VC_CHECK(pvq_avail_bit, .id = "PVQ-AVAIL-001",
	 .title = "The device does not use a descriptor whose AVAIL bit still holds its initial zero",
	 .spec = "1.2 2.8.15", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = PACKED)
{
	struct pvq vq;
	if (vc_packed_start(ctx, 0, 0, 0, &vq))
		return;
	uint8_t *buf = vq_alloc(RNG_LEN, 64);
	struct vq_buf b = { buf, RNG_LEN, 1 };
	int pos = pvq_add(&vq, &b, 1, 1, PVQ_HOLD);
	pvq_kick(&vq);
	drv_delay_us(VC_RING_QUIET_US);
	struct pvq_desc now = vq.desc[pos];
	vc_expect(ctx, now.flags == (uint16_t)(vq.held_flags & ~(PVQ_F_AVAIL | PVQ_F_USED)) && now.len == RNG_LEN,
		  "the device wrote descriptor %d (flags 0x%04x len %u) before it was made available", pos, now.flags,
		  now.len);
	pvq_release(&vq, pos);
	pvq_kick(&vq);
	struct pvq_desc u;
	vc_expect(ctx, pvq_wait(&vq, 1, VC_RING_WAIT_US, &u) == 0, "not used within 1 s once made available");
}

VC_CHECK(pvq_order, .id = "PVQ-ORDER-001",
	 .title = "Two buffers made available together come back as two used descriptors at positions 0 and 1",
	 .spec = "1.2 2.8.12", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = PACKED)
{
	struct pvq vq;
	if (vc_packed_start(ctx, 0, 0, 0, &vq))
		return;
	struct vq_buf b[2] = { { vq_alloc(16, 16), 16, 1 }, { vq_alloc(16, 16), 16, 1 } };
	pvq_add(&vq, &b[0], 1, 7, 0);
	pvq_add(&vq, &b[1], 1, 9, 0);
	pvq_kick(&vq);
	struct pvq_desc u0, u1;
	if (pvq_wait(&vq, 1, VC_RING_WAIT_US, &u0) || pvq_wait(&vq, 1, VC_RING_WAIT_US, &u1)) {
		vc_fail(ctx, "position %u not used within 1 s", vq.next_used);
		return;
	}
	vc_expect(ctx, (u0.id == 7 && u1.id == 9) || (u0.id == 9 && u1.id == 7), "used IDs %u, %u for buffers 7 and 9",
		  u0.id, u1.id);
}

VC_CHECK(pvq_readonly, .id = "PVQ-RO-001",
	 .title = "The device does not write a device-readable element of a packed-ring buffer",
	 .spec = "1.2 2.8.15", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = PACKED)
{
	struct pvq vq;
	if (vc_packed_start(ctx, 0, 0, 0, &vq))
		return;
	uint8_t *ro = vq_alloc(32, 16), *rw = vq_alloc(RNG_LEN, 16);
	memset(ro, 0xa5, 32);
	struct vq_buf b[2] = { { ro, 32, 0 }, { rw, RNG_LEN, 1 } };
	pvq_add(&vq, b, 2, 1, 0);
	pvq_kick(&vq);
	struct pvq_desc u;
	if (pvq_wait(&vq, 2, VC_RING_WAIT_US, &u)) {
		vc_fail(ctx, "no used descriptor within 1 s");
		return;
	}
	for (unsigned i = 0; i < 32; i++)
		if (ro[i] != 0xa5) {
			vc_fail(ctx, "device-readable byte %u changed to 0x%02x", i, ro[i]);
			return;
		}
	vc_expect(ctx, u.len <= RNG_LEN, "used length %u counts more than the %u writable bytes", u.len, RNG_LEN);
}

VC_CHECK(pvq_device_event, .id = "PVQ-EVT-001",
	 .title = "The device event suppression flags hold ENABLE or DISABLE (DESC needs EVENT_IDX, 3 is reserved)",
	 .spec = "1.2 2.8.10", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = PACKED)
{
	struct pvq vq;
	struct pvq_desc u;
	if (rng_first(ctx, &vq, 1, &u))
		return;
	uint16_t f = *(volatile uint16_t *)&vq.device->flags;
	vc_expect(ctx, (f & PVQ_EVT_FLAGS_MASK) <= PVQ_EVT_DISABLE && !(f & ~PVQ_EVT_FLAGS_MASK),
		  "device event suppression flags 0x%04x without EVENT_IDX", f);
}

VC_CHECK(pvq_driver_event_disable, .id = "PVQ-EVT-002",
	 .title = "With driver event flags DISABLE, the device sends no used buffer notification",
	 .spec = "1.2 2.8.10", .level = VC_SHOULD, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = PACKED)
{
	struct pvq vq;
	struct pvq_desc u;
	if (vc_packed_start(ctx, 0, 0, 0, &vq))
		return;
	vq.driver->flags = PVQ_EVT_DISABLE;
	vc_irq_take(ctx->d);
	if (rng_round(ctx, &vq, 1, &u))
		return;
	vc_expect(ctx, !vc_irq_seen(ctx->d, VC_RING_QUIET_US), "used buffer notification sent while disabled");
}

VC_CHECK(pvq_driver_event_enable, .id = "PVQ-EVT-003",
	 .title = "With driver event flags ENABLE, a used buffer is notified",
	 .spec = "1.2 2.8.10", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = PACKED)
{
	struct pvq vq;
	struct pvq_desc u;
	if (vc_packed_start(ctx, 0, 0, 0, &vq))
		return;
	vc_irq_take(ctx->d);
	if (rng_round(ctx, &vq, 1, &u))
		return;
	vc_expect(ctx, vc_irq_seen(ctx->d, VC_RING_WAIT_US), "no used buffer notification within 1 s");
}

VC_CHECK(pvq_driver_event_desc, .id = "PVQ-EVT-004",
	 .title = "With EVENT_IDX and driver event flags DESC at position 1, the use of position 1 is notified",
	 .spec = "1.2 2.8.10", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = PACKED | VIRTIO_BIT(VIRTIO_F_RING_EVENT_IDX))
{
	struct pvq vq;
	struct pvq_desc u;
	if (vc_packed_start(ctx, VIRTIO_BIT(VIRTIO_F_RING_EVENT_IDX), 0, 0, &vq))
		return;
	vq.driver->off_wrap = (uint16_t)(1u | (1u << 15)); /* position 1, wrap counter 1 */
	vq.driver->flags = PVQ_EVT_DESC;
	vc_irq_take(ctx->d);
	if (rng_round(ctx, &vq, 1, &u))
		return;
	if (vc_irq_seen(ctx->d, VC_RING_QUIET_US))
		vc_report(ctx, VC_WARN, "position 0 was notified although the event names position 1");
	if (rng_round(ctx, &vq, 2, &u))
		return;
	vc_expect(ctx, vc_irq_seen(ctx->d, VC_RING_WAIT_US), "no notification when position 1 was used");
}

VC_CHECK(pvq_reset_wrap, .id = "PVQ-RESET-001",
	 .title = "After a device reset a new packed ring starts again at position 0 with wrap counter 1",
	 .spec = "1.2 2.4.1", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = PACKED)
{
	struct pvq vq;
	struct pvq_desc u;
	if (vc_packed_start(ctx, 0, 0, 0, &vq))
		return;
	for (uint16_t i = 0; i < 3; i++)
		if (rng_round(ctx, &vq, i, &u))
			return;
	if (rng_first(ctx, &vq, 5, &u))
		return;
	vc_expect(ctx, vc_pvq_flags_used(u.flags, 1) && u.id == 5, "first used descriptor after reset: flags 0x%04x id %u",
		  u.flags, u.id);
}

/* ---- chains on the block device ---- */

static int blk_packed(struct vc_ctx *ctx, uint64_t want, struct pvq *vq)
{
	return vc_packed_start(ctx, want, 0, 0, vq);
}

static int blk_wait(struct vc_ctx *ctx, struct pvq *vq, unsigned ndescs, struct pvq_desc *u)
{
	if (pvq_wait(vq, ndescs, VC_RING_WAIT_US, u)) {
		vc_fail(ctx, "no used descriptor at position %u within 1 s", vq->next_used);
		return -1;
	}
	return 0;
}

VC_CHECK(pvq_blk_chain, .id = "PVQ-BLK-001",
	 .title = "A block read as a 3-descriptor packed chain fills the elements in chain order",
	 .spec = "1.2 2.8.18", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_BLOCK,
	 .features = PACKED)
{
	struct pvq vq;
	struct blk_req r;
	struct pvq_desc u;
	if (blk_packed(ctx, 0, &vq))
		return;
	blk_req_prepare(&r, BLK_T_IN, 0);
	pvq_add(&vq, r.b, 3, 2, 0);
	pvq_kick(&vq);
	if (blk_wait(ctx, &vq, 3, &u))
		return;
	int bad = blk_req_mismatch(&r, 0);
	vc_expect(ctx, *r.status == BLK_S_OK && bad < 0, "status %u, first wrong data byte %d", *r.status, bad);
	vc_expect(ctx, u.id == 2 && vc_pvq_flags_used(u.flags, 1), "used id %u flags 0x%04x", u.id, u.flags);
}

VC_CHECK(pvq_blk_skip, .id = "PVQ-CHAIN-001",
	 .title = "After a 3-descriptor chain the next buffer's used descriptor lands at position 3",
	 .spec = "1.2 2.8.6", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_BLOCK,
	 .features = PACKED)
{
	struct pvq vq;
	struct blk_req r1, r2;
	struct pvq_desc u;
	if (blk_packed(ctx, 0, &vq))
		return;
	blk_req_prepare(&r1, BLK_T_IN, 0);
	blk_req_prepare(&r2, BLK_T_IN, 1);
	pvq_add(&vq, r1.b, 3, 1, 0);
	pvq_kick(&vq);
	if (blk_wait(ctx, &vq, 3, &u))
		return;
	struct pvq_desc d1 = vq.desc[1], d2 = vq.desc[2];
	pvq_add(&vq, r2.b, 3, 2, 0);
	pvq_kick(&vq);
	if (blk_wait(ctx, &vq, 3, &u))
		return;
	vc_expect(ctx, u.id == 2 && *r2.status == BLK_S_OK, "position 3: id %u, status %u", u.id, *r2.status);
	vc_expect(ctx, d1.flags & PVQ_F_AVAIL && !(d1.flags & PVQ_F_USED) && d2.len == 1,
		  "positions 1-2 were rewritten by the device (flags 0x%04x, len %u)", d1.flags, d2.len);
}

VC_CHECK(pvq_blk_id_last, .id = "PVQ-CHAIN-002",
	 .title = "The used Buffer ID of a chain is the one in its last descriptor",
	 .spec = "1.2 2.8.6", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_BLOCK,
	 .features = PACKED)
{
	struct pvq vq;
	struct blk_req r;
	struct pvq_desc u;
	if (blk_packed(ctx, 0, &vq))
		return;
	blk_req_prepare(&r, BLK_T_IN, 0);
	pvq_add(&vq, r.b, 3, 2, PVQ_ID_LAST_ONLY); /* the first two carry ~2, as 2.8.21.3's example leaves them */
	pvq_kick(&vq);
	if (blk_wait(ctx, &vq, 3, &u))
		return;
	vc_expect(ctx, u.id == 2, "used Buffer ID 0x%04x; the last descriptor had 2, the others 0x%04x", u.id,
		  (uint16_t)~2u);
}

static void blk_indirect(struct vc_ctx *ctx, uint16_t extra_flags)
{
	struct pvq vq;
	struct blk_req r, r2;
	struct pvq_desc u;
	if (blk_packed(ctx, VIRTIO_BIT(VIRTIO_F_RING_INDIRECT_DESC), &vq))
		return;
	blk_req_prepare(&r, BLK_T_IN, 0);
	blk_req_prepare(&r2, BLK_T_IN, 2);
	pvq_add_indirect(&vq, r.b, 3, 4, extra_flags);
	pvq_kick(&vq);
	if (blk_wait(ctx, &vq, 1, &u))
		return;
	int bad = blk_req_mismatch(&r, 0);
	vc_expect(ctx, *r.status == BLK_S_OK && bad < 0 && u.id == 4, "status %u, first wrong byte %d, used id %u",
		  *r.status, bad, u.id);
	/* An indirect buffer takes one ring position: the next lands at 1. */
	pvq_add(&vq, r2.b, 3, 5, 0);
	pvq_kick(&vq);
	if (blk_wait(ctx, &vq, 3, &u))
		return;
	vc_expect(ctx, u.id == 5 && *r2.status == BLK_S_OK, "position 1 after the indirect buffer: id %u status %u",
		  u.id, *r2.status);
}

VC_CHECK(pvq_blk_indirect, .id = "PVQ-IND-001",
	 .title = "A block read through a packed indirect table completes and uses one ring position",
	 .spec = "1.2 2.8.7", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_BLOCK,
	 .features = PACKED | VIRTIO_BIT(VIRTIO_F_RING_INDIRECT_DESC))
{
	blk_indirect(ctx, 0);
}

VC_CHECK(pvq_blk_indirect_write, .id = "PVQ-IND-002",
	 .title = "VIRTQ_DESC_F_WRITE on a packed descriptor with VIRTQ_DESC_F_INDIRECT is ignored",
	 .spec = "1.2 2.8.7", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_BLOCK,
	 .features = PACKED | VIRTIO_BIT(VIRTIO_F_RING_INDIRECT_DESC))
{
	blk_indirect(ctx, PVQ_F_WRITE);
}
