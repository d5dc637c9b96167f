/* virtio-mem, the memory device (VIRTIO 1.3 section 5.15). */
#include "layouts/layout.h"

/* PERSISTENT_SUSPEND (2) was added in 1.4. */
enum {
	MEM_F_ACPI_PXM = 0, MEM_F_UNPLUGGED_INACCESSIBLE = 1, MEM_F_PERSISTENT_SUSPEND = 2,
};

static const struct vc_cfg_field fields[] = {
	{ "block_size", 0, 8, 8, VC_FA_RO, 0, "1.3 5.15.4" },
	/* Always present; meaningful only with ACPI_PXM. */
	{ "node_id", 8, 2, 2, VC_FA_RO, 0, "1.3 5.15.4" },
	{ "addr", 16, 8, 8, VC_FA_RO, 0, "1.3 5.15.4" },
	{ "region_size", 24, 8, 8, VC_FA_RO, 0, "1.3 5.15.4" },
	{ "usable_region_size", 32, 8, 8, VC_FA_RO, 0, "1.3 5.15.4" },
	{ "plugged_size", 40, 8, 8, VC_FA_RO, 0, "1.3 5.15.4" },
	{ "requested_size", 48, 8, 8, VC_FA_RO, 0, "1.3 5.15.4" },
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
