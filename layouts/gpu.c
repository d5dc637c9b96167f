/* virtio-gpu (VIRTIO 1.3 section 5.7). */
#include "layouts/layout.h"

/* BLOB_ALIGNMENT (5) and blob_alignment were added in 1.4. */
enum {
	GPU_F_VIRGL = 0, GPU_F_EDID = 1, GPU_F_RESOURCE_UUID = 2, GPU_F_RESOURCE_BLOB = 3,
	GPU_F_CONTEXT_INIT = 4, GPU_F_BLOB_ALIGNMENT = 5,
};

static const struct vc_cfg_field fields[] = {
	{ "events_read", 0, 4, 4, VC_FA_RO, 0, "1.3 5.7.4" },
	/* Write-1-to-clear for bits of events_read. */
	{ "events_clear", 4, 4, 4, VC_FA_WO, 0, "1.3 5.7.4" },
	{ "num_scanouts", 8, 4, 4, VC_FA_RO, 0, "1.3 5.7.4" },
	{ "num_capsets", 12, 4, 4, VC_FA_RO, 0, "1.3 5.7.4" },
	{ "blob_alignment", 16, 4, 4, VC_FA_RO, VC_FEAT(GPU_F_BLOB_ALIGNMENT), "1.4 5.7.4" },
};

static const struct vc_feature_name features[] = {
	{ GPU_F_VIRGL, "VIRGL" }, { GPU_F_EDID, "EDID" },
	{ GPU_F_RESOURCE_UUID, "RESOURCE_UUID" }, { GPU_F_RESOURCE_BLOB, "RESOURCE_BLOB" },
	{ GPU_F_CONTEXT_INIT, "CONTEXT_INIT" }, { GPU_F_BLOB_ALIGNMENT, "BLOB_ALIGNMENT" },
};

VC_LAYOUT_REGISTER(gpu_layout, .device_id = 16, .name = "gpu", .spec = "1.3 5.7",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
