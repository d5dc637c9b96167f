/* virtio-gpu (VIRTIO 1.3 section 5.7). */
#include "layouts/layout.h"
#include "vcheck/dev/gpu.h"

static const struct vc_cfg_field fields[] = {
	{ "events_read", GPU_CFG_EVENTS_READ, 4, 4, VC_FA_RO, 0, "1.3 5.7.4" },
	/* Write-1-to-clear for bits of events_read. */
	{ "events_clear", GPU_CFG_EVENTS_CLEAR, 4, 4, VC_FA_WO, 0, "1.3 5.7.4" },
	{ "num_scanouts", GPU_CFG_NUM_SCANOUTS, 4, 4, VC_FA_RO, 0, "1.3 5.7.4" },
	{ "num_capsets", GPU_CFG_NUM_CAPSETS, 4, 4, VC_FA_RO, 0, "1.3 5.7.4" },
	{ "blob_alignment", GPU_CFG_BLOB_ALIGNMENT, 4, 4, VC_FA_RO, VC_FEAT(GPU_F_BLOB_ALIGNMENT), "1.4 5.7.4" },
};

static const struct vc_feature_name features[] = {
	{ GPU_F_VIRGL, "VIRGL" }, { GPU_F_EDID, "EDID" },
	{ GPU_F_RESOURCE_UUID, "RESOURCE_UUID" }, { GPU_F_RESOURCE_BLOB, "RESOURCE_BLOB" },
	{ GPU_F_CONTEXT_INIT, "CONTEXT_INIT" }, { GPU_F_BLOB_ALIGNMENT, "BLOB_ALIGNMENT" },
};

VC_LAYOUT_REGISTER(gpu_layout, .device_id = 16, .name = "gpu", .spec = "1.3 5.7",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
