/* virtio-blk (VIRTIO 1.3 section 5.2). */
#include "layouts/layout.h"

enum {
	BLK_F_SIZE_MAX = 1, BLK_F_SEG_MAX = 2, BLK_F_GEOMETRY = 4, BLK_F_RO = 5,
	BLK_F_BLK_SIZE = 6, BLK_F_FLUSH = 9, BLK_F_TOPOLOGY = 10, BLK_F_CONFIG_WCE = 11,
	BLK_F_MQ = 12, BLK_F_DISCARD = 13, BLK_F_WRITE_ZEROES = 14, BLK_F_LIFETIME = 15,
	BLK_F_SECURE_ERASE = 16, BLK_F_ZONED = 17,
};

static const struct vc_cfg_field fields[] = {
	{ "capacity", 0, 8, 8, VC_FA_RO, 0, "1.3 5.2.4" },
	{ "size_max", 8, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_SIZE_MAX), "1.3 5.2.4" },
	{ "seg_max", 12, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_SEG_MAX), "1.3 5.2.4" },
	{ "geometry.cylinders", 16, 2, 2, VC_FA_RO, VC_FEAT(BLK_F_GEOMETRY), "1.3 5.2.4" },
	{ "geometry.heads", 18, 1, 1, VC_FA_RO, VC_FEAT(BLK_F_GEOMETRY), "1.3 5.2.4" },
	{ "geometry.sectors", 19, 1, 1, VC_FA_RO, VC_FEAT(BLK_F_GEOMETRY), "1.3 5.2.4" },
	{ "blk_size", 20, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_BLK_SIZE), "1.3 5.2.4" },
	{ "topology.physical_block_exp", 24, 1, 1, VC_FA_RO, VC_FEAT(BLK_F_TOPOLOGY), "1.3 5.2.4" },
	{ "topology.alignment_offset", 25, 1, 1, VC_FA_RO, VC_FEAT(BLK_F_TOPOLOGY), "1.3 5.2.4" },
	{ "topology.min_io_size", 26, 2, 2, VC_FA_RO, VC_FEAT(BLK_F_TOPOLOGY), "1.3 5.2.4" },
	{ "topology.opt_io_size", 28, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_TOPOLOGY), "1.3 5.2.4" },
	{ "writeback", 32, 1, 1, VC_FA_RW, VC_FEAT(BLK_F_CONFIG_WCE), "1.3 5.2.4" },
	{ "num_queues", 34, 2, 2, VC_FA_RO, VC_FEAT(BLK_F_MQ), "1.3 5.2.4" },
	{ "max_discard_sectors", 36, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_DISCARD), "1.3 5.2.4" },
	{ "max_discard_seg", 40, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_DISCARD), "1.3 5.2.4" },
	{ "discard_sector_alignment", 44, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_DISCARD), "1.3 5.2.4" },
	{ "max_write_zeroes_sectors", 48, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_WRITE_ZEROES), "1.3 5.2.4" },
	{ "max_write_zeroes_seg", 52, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_WRITE_ZEROES), "1.3 5.2.4" },
	{ "write_zeroes_may_unmap", 56, 1, 1, VC_FA_RO, VC_FEAT(BLK_F_WRITE_ZEROES), "1.3 5.2.4" },
	{ "max_secure_erase_sectors", 60, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_SECURE_ERASE), "1.3 5.2.4" },
	{ "max_secure_erase_seg", 64, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_SECURE_ERASE), "1.3 5.2.4" },
	{ "secure_erase_sector_alignment", 68, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_SECURE_ERASE), "1.3 5.2.4" },
	{ "zoned.zone_sectors", 72, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_ZONED), "1.3 5.2.4" },
	{ "zoned.max_open_zones", 76, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_ZONED), "1.3 5.2.4" },
	{ "zoned.max_active_zones", 80, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_ZONED), "1.3 5.2.4" },
	{ "zoned.max_append_sectors", 84, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_ZONED), "1.3 5.2.4" },
	{ "zoned.write_granularity", 88, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_ZONED), "1.3 5.2.4" },
	{ "zoned.model", 92, 1, 1, VC_FA_RO, VC_FEAT(BLK_F_ZONED), "1.3 5.2.4" },
};

static const struct vc_feature_name features[] = {
	{ BLK_F_SIZE_MAX, "SIZE_MAX" }, { BLK_F_SEG_MAX, "SEG_MAX" },
	{ BLK_F_GEOMETRY, "GEOMETRY" }, { BLK_F_RO, "RO" },
	{ BLK_F_BLK_SIZE, "BLK_SIZE" }, { BLK_F_FLUSH, "FLUSH" },
	{ BLK_F_TOPOLOGY, "TOPOLOGY" }, { BLK_F_CONFIG_WCE, "CONFIG_WCE" },
	{ BLK_F_MQ, "MQ" }, { BLK_F_DISCARD, "DISCARD" },
	{ BLK_F_WRITE_ZEROES, "WRITE_ZEROES" }, { BLK_F_LIFETIME, "LIFETIME" },
	{ BLK_F_SECURE_ERASE, "SECURE_ERASE" }, { BLK_F_ZONED, "ZONED" },
};

VC_LAYOUT_REGISTER(blk_layout, .device_id = 2, .name = "block", .spec = "1.3 5.2",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
