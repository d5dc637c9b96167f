/* virtio-blk configuration values (VIRTIO 1.2 5.2.2, 5.2.4, 5.2.5,
 * 5.2.5.2). writeback is read only after FEATURES_OK, as 5.2.5.1 tells
 * drivers. */
#include "vcheck/dev/blk.h"
#include "vcheck/virtio_ids.h"
#include "suites/config/cfg.h"
#include "suites/virtqueue/ring.h"

#define BLK_CHECK(ident, ...) \
	VC_CHECK(ident, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BLOCK, __VA_ARGS__)

BLK_CHECK(blk_writeback_without_flush, .id = "BLK-CFG-001",
	  .title = "With CONFIG_WCE negotiated but FLUSH not, writeback reads 0 (writethrough)",
	  .spec = "1.2 5.2.5.2", .level = VC_MUST, .features = VIRTIO_BIT(BLK_F_CONFIG_WCE))
{
	/* vc_negotiate adds only VERSION_1: FLUSH stays out. */
	if (vc_negotiate(ctx, VIRTIO_BIT(BLK_F_CONFIG_WCE)))
		return;
	uint64_t wb = vc_cfg(ctx, BLK_CFG_WRITEBACK, 1);
	vc_expect(ctx, wb == 0, "writeback reads %llu", (unsigned long long)wb);
}

/* unused0 and unused1 exist once a later field does; a device whose
 * config ends before them has no padding to judge. */
BLK_CHECK(blk_padding_zero, .id = "BLK-CFG-002",
	  .title = "The padding bytes unused0 and unused1 read 0",
	  .spec = "1.2 5.2.5.2", .level = VC_MUST)
{
	uint64_t offered = drv_device_features(ctx->d);
	uint64_t after0 = VIRTIO_BIT(BLK_F_MQ) | VIRTIO_BIT(BLK_F_DISCARD) | VIRTIO_BIT(BLK_F_WRITE_ZEROES) |
			  VIRTIO_BIT(BLK_F_SECURE_ERASE) | VIRTIO_BIT(BLK_F_ZONED);
	uint64_t after1 = VIRTIO_BIT(BLK_F_SECURE_ERASE) | VIRTIO_BIT(BLK_F_ZONED);
	if (!vc_offers_any(ctx, offered, after0, "no field after unused0 is"))
		return;
	uint64_t u0 = vc_cfg(ctx, BLK_CFG_UNUSED0, 1);
	vc_expect(ctx, u0 == 0, "unused0 reads 0x%02llx", (unsigned long long)u0);
	for (unsigned i = 0; (offered & after1) && i < 3; i++) {
		uint64_t u1 = vc_cfg(ctx, BLK_CFG_UNUSED1 + i, 1);
		vc_expect(ctx, u1 == 0, "unused1[%u] reads 0x%02llx", i, (unsigned long long)u1);
	}
}

/* 5.2.5: the cache mode "can be read or set through writeback". */
BLK_CHECK(blk_writeback_latch, .id = "BLK-CFG-003",
	  .title = "With CONFIG_WCE negotiated, writeback takes both cache modes the driver writes",
	  .spec = "1.2 5.2.5", .level = VC_MUST, .features = VIRTIO_BIT(BLK_F_CONFIG_WCE))
{
	if (vc_negotiate(ctx, VIRTIO_BIT(BLK_F_CONFIG_WCE) | VIRTIO_BIT(BLK_F_FLUSH)))
		return;
	for (unsigned mode = 0; mode < 2; mode++) {
		vc_cfg_set(ctx, BLK_CFG_WRITEBACK, 1, mode);
		uint64_t wb = vc_cfg(ctx, BLK_CFG_WRITEBACK, 1);
		vc_expect(ctx, wb == mode, "wrote writeback %u, reads %llu", mode, (unsigned long long)wb);
	}
}

/* 5.2.2: requestq1..requestqN with N = num_queues once MQ is negotiated. */
BLK_CHECK(blk_num_queues, .id = "BLK-CFG-004",
	  .title = "With MQ offered, num_queues is at least 1 and no more than the queues the transport presents",
	  .spec = "1.2 5.2.2", .level = VC_MUST, .features = VIRTIO_BIT(BLK_F_MQ))
{
	uint64_t n = vc_cfg(ctx, BLK_CFG_NUM_QUEUES, 2);
	unsigned have = drv_queue_count(ctx->d);
	vc_expect(ctx, n >= 1 && n <= have, "num_queues %llu, the transport presents %u queues",
		  (unsigned long long)n, have);
}

/* A limit of 0 would make the offered command unusable (5.2.5 items 6, 7). */
static void limits_nonzero(struct vc_ctx *ctx, unsigned sectors_off, unsigned seg_off, const char *what)
{
	uint64_t sectors = vc_cfg(ctx, sectors_off, 4), seg = vc_cfg(ctx, seg_off, 4);
	vc_expect(ctx, sectors && seg, "%s: max sectors %llu, max segments %llu", what, (unsigned long long)sectors,
		  (unsigned long long)seg);
}

BLK_CHECK(blk_discard_limits, .id = "BLK-CFG-005",
	  .title = "With DISCARD offered, max_discard_sectors and max_discard_seg are non-zero",
	  .spec = "1.2 5.2.5", .level = VC_SHOULD, .features = VIRTIO_BIT(BLK_F_DISCARD))
{
	limits_nonzero(ctx, BLK_CFG_MAX_DISCARD_SECTORS, BLK_CFG_MAX_DISCARD_SEG, "discard");
}

BLK_CHECK(blk_write_zeroes_limits, .id = "BLK-CFG-006",
	  .title = "With WRITE_ZEROES offered, max_write_zeroes_sectors and max_write_zeroes_seg are non-zero",
	  .spec = "1.2 5.2.5", .level = VC_SHOULD, .features = VIRTIO_BIT(BLK_F_WRITE_ZEROES))
{
	limits_nonzero(ctx, BLK_CFG_MAX_WRITE_ZEROES_SECTORS, BLK_CFG_MAX_WRITE_ZEROES_SEG, "write zeroes");
}
