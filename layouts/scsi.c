/* virtio-scsi (VIRTIO 1.3 section 5.6). */
#include "layouts/layout.h"
#include "vcheck/dev/scsi.h"

static const struct vc_cfg_field fields[] = {
	{ "num_queues", SCSI_CFG_NUM_QUEUES, 4, 4, VC_FA_RO, 0, "1.3 5.6.4" },
	{ "seg_max", SCSI_CFG_SEG_MAX, 4, 4, VC_FA_RO, 0, "1.3 5.6.4" },
	{ "max_sectors", SCSI_CFG_MAX_SECTORS, 4, 4, VC_FA_RO, 0, "1.3 5.6.4" },
	{ "cmd_per_lun", SCSI_CFG_CMD_PER_LUN, 4, 4, VC_FA_RO, 0, "1.3 5.6.4" },
	{ "event_info_size", SCSI_CFG_EVENT_INFO_SIZE, 4, 4, VC_FA_RO, 0, "1.3 5.6.4" },
	/* The only two fields the driver may write; reset restores 96 and 32. */
	{ "sense_size", SCSI_CFG_SENSE_SIZE, 4, 4, VC_FA_RW, 0, "1.3 5.6.4" },
	{ "cdb_size", SCSI_CFG_CDB_SIZE, 4, 4, VC_FA_RW, 0, "1.3 5.6.4" },
	{ "max_channel", SCSI_CFG_MAX_CHANNEL, 2, 2, VC_FA_RO, 0, "1.3 5.6.4" },
	{ "max_target", SCSI_CFG_MAX_TARGET, 2, 2, VC_FA_RO, 0, "1.3 5.6.4" },
	{ "max_lun", SCSI_CFG_MAX_LUN, 4, 4, VC_FA_RO, 0, "1.3 5.6.4" },
};

static const struct vc_feature_name features[] = {
	{ SCSI_F_INOUT, "INOUT" }, { SCSI_F_HOTPLUG, "HOTPLUG" },
	{ SCSI_F_CHANGE, "CHANGE" }, { SCSI_F_T10_PI, "T10_PI" },
};

VC_LAYOUT_REGISTER(scsi_layout, .device_id = 8, .name = "scsi", .spec = "1.3 5.6",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
