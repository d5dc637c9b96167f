/* virtio-blk (VIRTIO 1.3 section 5.2). */
#include "layouts/layout.h"
#include "vcheck/dev/blk.h"

static const struct vc_cfg_field fields[] = {
	{ "capacity", BLK_CFG_CAPACITY, 8, 8, VC_FA_RO, 0, "1.3 5.2.4" },
	{ "size_max", BLK_CFG_SIZE_MAX, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_SIZE_MAX), "1.3 5.2.4" },
	{ "seg_max", BLK_CFG_SEG_MAX, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_SEG_MAX), "1.3 5.2.4" },
	{ "geometry.cylinders", BLK_CFG_GEOMETRY_CYLINDERS, 2, 2, VC_FA_RO, VC_FEAT(BLK_F_GEOMETRY), "1.3 5.2.4" },
	{ "geometry.heads", BLK_CFG_GEOMETRY_HEADS, 1, 1, VC_FA_RO, VC_FEAT(BLK_F_GEOMETRY), "1.3 5.2.4" },
	{ "geometry.sectors", BLK_CFG_GEOMETRY_SECTORS, 1, 1, VC_FA_RO, VC_FEAT(BLK_F_GEOMETRY), "1.3 5.2.4" },
	{ "blk_size", BLK_CFG_BLK_SIZE, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_BLK_SIZE), "1.3 5.2.4" },
	{ "topology.physical_block_exp", BLK_CFG_TOPOLOGY_PHYSICAL_BLOCK_EXP, 1, 1, VC_FA_RO, VC_FEAT(BLK_F_TOPOLOGY), "1.3 5.2.4" },
	{ "topology.alignment_offset", BLK_CFG_TOPOLOGY_ALIGNMENT_OFFSET, 1, 1, VC_FA_RO, VC_FEAT(BLK_F_TOPOLOGY), "1.3 5.2.4" },
	{ "topology.min_io_size", BLK_CFG_TOPOLOGY_MIN_IO_SIZE, 2, 2, VC_FA_RO, VC_FEAT(BLK_F_TOPOLOGY), "1.3 5.2.4" },
	{ "topology.opt_io_size", BLK_CFG_TOPOLOGY_OPT_IO_SIZE, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_TOPOLOGY), "1.3 5.2.4" },
	{ "writeback", BLK_CFG_WRITEBACK, 1, 1, VC_FA_RW, VC_FEAT(BLK_F_CONFIG_WCE), "1.3 5.2.4" },
	{ "num_queues", BLK_CFG_NUM_QUEUES, 2, 2, VC_FA_RO, VC_FEAT(BLK_F_MQ), "1.3 5.2.4" },
	{ "max_discard_sectors", BLK_CFG_MAX_DISCARD_SECTORS, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_DISCARD), "1.3 5.2.4" },
	{ "max_discard_seg", BLK_CFG_MAX_DISCARD_SEG, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_DISCARD), "1.3 5.2.4" },
	{ "discard_sector_alignment", BLK_CFG_DISCARD_SECTOR_ALIGNMENT, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_DISCARD), "1.3 5.2.4" },
	{ "max_write_zeroes_sectors", BLK_CFG_MAX_WRITE_ZEROES_SECTORS, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_WRITE_ZEROES), "1.3 5.2.4" },
	{ "max_write_zeroes_seg", BLK_CFG_MAX_WRITE_ZEROES_SEG, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_WRITE_ZEROES), "1.3 5.2.4" },
	{ "write_zeroes_may_unmap", BLK_CFG_WRITE_ZEROES_MAY_UNMAP, 1, 1, VC_FA_RO, VC_FEAT(BLK_F_WRITE_ZEROES), "1.3 5.2.4" },
	{ "max_secure_erase_sectors", BLK_CFG_MAX_SECURE_ERASE_SECTORS, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_SECURE_ERASE), "1.3 5.2.4" },
	{ "max_secure_erase_seg", BLK_CFG_MAX_SECURE_ERASE_SEG, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_SECURE_ERASE), "1.3 5.2.4" },
	{ "secure_erase_sector_alignment", BLK_CFG_SECURE_ERASE_SECTOR_ALIGNMENT, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_SECURE_ERASE), "1.3 5.2.4" },
	{ "zoned.zone_sectors", BLK_CFG_ZONED_ZONE_SECTORS, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_ZONED), "1.3 5.2.4" },
	{ "zoned.max_open_zones", BLK_CFG_ZONED_MAX_OPEN_ZONES, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_ZONED), "1.3 5.2.4" },
	{ "zoned.max_active_zones", BLK_CFG_ZONED_MAX_ACTIVE_ZONES, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_ZONED), "1.3 5.2.4" },
	{ "zoned.max_append_sectors", BLK_CFG_ZONED_MAX_APPEND_SECTORS, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_ZONED), "1.3 5.2.4" },
	{ "zoned.write_granularity", BLK_CFG_ZONED_WRITE_GRANULARITY, 4, 4, VC_FA_RO, VC_FEAT(BLK_F_ZONED), "1.3 5.2.4" },
	{ "zoned.model", BLK_CFG_ZONED_MODEL, 1, 1, VC_FA_RO, VC_FEAT(BLK_F_ZONED), "1.3 5.2.4" },
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
