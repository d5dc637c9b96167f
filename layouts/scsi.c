/* virtio-scsi (VIRTIO 1.3 section 5.6). */
#include "layouts/layout.h"

enum {
	SCSI_F_INOUT = 0, SCSI_F_HOTPLUG = 1, SCSI_F_CHANGE = 2, SCSI_F_T10_PI = 3,
};

static const struct vc_cfg_field fields[] = {
	{ "num_queues", 0, 4, 4, VC_FA_RO, 0, "1.3 5.6.4" },
	{ "seg_max", 4, 4, 4, VC_FA_RO, 0, "1.3 5.6.4" },
	{ "max_sectors", 8, 4, 4, VC_FA_RO, 0, "1.3 5.6.4" },
	{ "cmd_per_lun", 12, 4, 4, VC_FA_RO, 0, "1.3 5.6.4" },
	{ "event_info_size", 16, 4, 4, VC_FA_RO, 0, "1.3 5.6.4" },
	/* The only two fields the driver may write; reset restores 96 and 32. */
	{ "sense_size", 20, 4, 4, VC_FA_RW, 0, "1.3 5.6.4" },
	{ "cdb_size", 24, 4, 4, VC_FA_RW, 0, "1.3 5.6.4" },
	{ "max_channel", 28, 2, 2, VC_FA_RO, 0, "1.3 5.6.4" },
	{ "max_target", 30, 2, 2, VC_FA_RO, 0, "1.3 5.6.4" },
	{ "max_lun", 32, 4, 4, VC_FA_RO, 0, "1.3 5.6.4" },
};

static const struct vc_feature_name features[] = {
	{ SCSI_F_INOUT, "INOUT" }, { SCSI_F_HOTPLUG, "HOTPLUG" },
	{ SCSI_F_CHANGE, "CHANGE" }, { SCSI_F_T10_PI, "T10_PI" },
};

VC_LAYOUT_REGISTER(scsi_layout, .device_id = 8, .name = "scsi", .spec = "1.3 5.6",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
