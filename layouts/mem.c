/* virtio-mem, the memory device (VIRTIO 1.3 section 5.15). */
#include "layouts/layout.h"
#include "vcheck/dev/mem.h"

static const struct vc_cfg_field fields[] = {
	{ "block_size", MEM_CFG_BLOCK_SIZE, 8, 8, VC_FA_RO, 0, "1.3 5.15.4" },
	/* Always present; meaningful only with ACPI_PXM. */
	{ "node_id", MEM_CFG_NODE_ID, 2, 2, VC_FA_RO, 0, "1.3 5.15.4" },
	{ "addr", MEM_CFG_ADDR, 8, 8, VC_FA_RO, 0, "1.3 5.15.4" },
	{ "region_size", MEM_CFG_REGION_SIZE, 8, 8, VC_FA_RO, 0, "1.3 5.15.4" },
	{ "usable_region_size", MEM_CFG_USABLE_REGION_SIZE, 8, 8, VC_FA_RO, 0, "1.3 5.15.4" },
	{ "plugged_size", MEM_CFG_PLUGGED_SIZE, 8, 8, VC_FA_RO, 0, "1.3 5.15.4" },
	{ "requested_size", MEM_CFG_REQUESTED_SIZE, 8, 8, VC_FA_RO, 0, "1.3 5.15.4" },
};

static const struct vc_feature_name features[] = {
	{ MEM_F_ACPI_PXM, "ACPI_PXM" }, { MEM_F_UNPLUGGED_INACCESSIBLE, "UNPLUGGED_INACCESSIBLE" },
	{ MEM_F_PERSISTENT_SUSPEND, "PERSISTENT_SUSPEND" },
};

VC_LAYOUT_REGISTER(mem_layout, .device_id = 24, .name = "mem", .spec = "1.3 5.15",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features),
		  /* 5.15.3.1: a driver should accept it; QEMU refuses FEATURES_OK without it */
		  .driver_accepts = VC_FEAT(MEM_F_UNPLUGGED_INACCESSIBLE));
