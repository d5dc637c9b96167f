/* virtio-blk discard and write zeroes (VIRTIO 1.2 5.2.6, 5.2.6.2): flag
 * rules and the zeroes a write zeroes leaves behind. Sectors 1000+ of the
 * scratch disk, away from those the read checks verify. */
#include "vcheck/dev/blk.h"
#include "vcheck/virtio_ids.h"
#include "suites/virtqueue/blkreq.h"
#include "suites/virtqueue/ring.h"

struct blk_dwz_seg { uint64_t sector; uint32_t num_sectors, flags; };

/* One discard or write zeroes request of one segment; the status byte, or
 * -1 when the request was not answered. */
static int dwz(struct vc_ctx *ctx, unsigned feature, uint32_t type, uint64_t sector, uint32_t flags)
{
	struct vq vq;
	if (vc_split_start(ctx, VIRTIO_BIT(feature), 0, 0, &vq))
		return -1;
	struct blk_req r;
	blk_req_prepare(&r, type, 0);
	struct blk_dwz_seg *seg = vq_alloc(sizeof(*seg), 16);
	*seg = (struct blk_dwz_seg){ .sector = sector, .num_sectors = 1, .flags = flags };
	struct vq_buf b[3] = { r.b[0], { seg, sizeof(*seg), 0 }, r.b[2] };
	vq_add(&vq, 0, b, 3);
	vq_kick(&vq);
	struct vq_used_elem e;
	if (vq_wait_elem(&vq, VC_RING_WAIT_US, &e)) {
		vc_fail(ctx, "no used buffer within 1 s");
		return -1;
	}
	return *r.status;
}

VC_CHECK(blk_discard_unmap, .id = "BLK-DWZ-001",
	 .title = "A discard with the unmap flag set completes with VIRTIO_BLK_S_UNSUPP",
	 .spec = "1.2 5.2.6.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BLOCK,
	 .features = VIRTIO_BIT(BLK_F_DISCARD))
{
	int s = dwz(ctx, BLK_F_DISCARD, BLK_T_DISCARD, 1000, BLK_DWZ_F_UNMAP);
	vc_expect(ctx, s < 0 || s == BLK_S_UNSUPP, "status %d", s);
}

VC_CHECK(blk_discard_unknown_flag, .id = "BLK-DWZ-002",
	 .title = "A discard with an unknown flag set completes with VIRTIO_BLK_S_UNSUPP",
	 .spec = "1.2 5.2.6.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BLOCK,
	 .features = VIRTIO_BIT(BLK_F_DISCARD))
{
	int s = dwz(ctx, BLK_F_DISCARD, BLK_T_DISCARD, 1000, 1u << 5);
	vc_expect(ctx, s < 0 || s == BLK_S_UNSUPP, "status %d", s);
}

VC_CHECK(blk_write_zeroes_unknown_flag, .id = "BLK-DWZ-003",
	 .title = "A write zeroes with an unknown flag set completes with VIRTIO_BLK_S_UNSUPP",
	 .spec = "1.2 5.2.6.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BLOCK,
	 .features = VIRTIO_BIT(BLK_F_WRITE_ZEROES))
{
	int s = dwz(ctx, BLK_F_WRITE_ZEROES, BLK_T_WRITE_ZEROES, 1001, 1u << 5);
	vc_expect(ctx, s < 0 || s == BLK_S_UNSUPP, "status %d", s);
}

VC_CHECK(blk_write_zeroes_reads_zero, .id = "BLK-DWZ-004",
	 .title = "After a write zeroes completes, the sector reads back as zeroes",
	 .spec = "1.2 5.2.6.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BLOCK,
	 .features = VIRTIO_BIT(BLK_F_WRITE_ZEROES))
{
	/* The sector holds the disk pattern (non-zero) until zeroed. */
	int s = dwz(ctx, BLK_F_WRITE_ZEROES, BLK_T_WRITE_ZEROES, 1002, 0);
	if (s < 0)
		return;
	if (s != BLK_S_OK) {
		vc_fail(ctx, "write zeroes status %d", s);
		return;
	}
	struct vq vq;
	struct blk_req r;
	struct vq_used_elem e;
	if (vc_split_start(ctx, 0, 0, 0, &vq))
		return;
	blk_req_prepare(&r, BLK_T_IN, 1002);
	vq_add(&vq, 0, r.b, 3);
	vq_kick(&vq);
	if (vq_wait_elem(&vq, VC_RING_WAIT_US, &e)) {
		vc_fail(ctx, "read-back not answered within 1 s");
		return;
	}
	for (unsigned i = 0; i < VC_BLK_SECTOR; i++)
		if (r.data[i]) {
			vc_fail(ctx, "byte %u reads 0x%02x after write zeroes (status %u)", i, r.data[i], *r.status);
			return;
		}
}
