/* virtio-pmem (VIRTIO 1.3 section 5.19). */
#include "layouts/layout.h"
#include "vcheck/dev/pmem.h"

/* Both fields are present always, but carry the region only when
 * SHMEM_REGION is not negotiated. */
static const struct vc_cfg_field fields[] = {
	{ "start", PMEM_CFG_START, 8, 8, VC_FA_RO, 0, "1.3 5.19.4" },
	{ "size", PMEM_CFG_SIZE, 8, 8, VC_FA_RO, 0, "1.3 5.19.4" },
};

static const struct vc_feature_name features[] = {
	{ PMEM_F_SHMEM_REGION, "SHMEM_REGION" },
};

VC_LAYOUT_REGISTER(pmem_layout, .device_id = 27, .name = "pmem", .spec = "1.3 5.19",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
