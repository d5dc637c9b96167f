/* virtio-iommu (VIRTIO 1.3 section 5.13). */
#include "layouts/layout.h"

enum {
	IOMMU_F_INPUT_RANGE = 0, IOMMU_F_DOMAIN_RANGE = 1, IOMMU_F_MAP_UNMAP = 2,
	IOMMU_F_BYPASS = 3, IOMMU_F_PROBE = 4, IOMMU_F_MMIO = 5, IOMMU_F_BYPASS_CONFIG = 6,
};

static const struct vc_cfg_field fields[] = {
	{ "page_size_mask", 0, 8, 8, VC_FA_RO, 0, "1.3 5.13.4" },
	{ "input_range.start", 8, 8, 8, VC_FA_RO, VC_FEAT(IOMMU_F_INPUT_RANGE), "1.3 5.13.4" },
	{ "input_range.end", 16, 8, 8, VC_FA_RO, VC_FEAT(IOMMU_F_INPUT_RANGE), "1.3 5.13.4" },
	{ "domain_range.start", 24, 4, 4, VC_FA_RO, VC_FEAT(IOMMU_F_DOMAIN_RANGE), "1.3 5.13.4" },
	{ "domain_range.end", 28, 4, 4, VC_FA_RO, VC_FEAT(IOMMU_F_DOMAIN_RANGE), "1.3 5.13.4" },
	{ "probe_size", 32, 4, 4, VC_FA_RO, VC_FEAT(IOMMU_F_PROBE), "1.3 5.13.4" },
	/* Writable only once BYPASS_CONFIG is negotiated; 0 or 1 only. */
	{ "bypass", 36, 1, 1, VC_FA_RW, VC_FEAT(IOMMU_F_BYPASS_CONFIG), "1.3 5.13.4" },
};

static const struct vc_feature_name features[] = {
	{ IOMMU_F_INPUT_RANGE, "INPUT_RANGE" }, { IOMMU_F_DOMAIN_RANGE, "DOMAIN_RANGE" },
	{ IOMMU_F_MAP_UNMAP, "MAP_UNMAP" }, { IOMMU_F_BYPASS, "BYPASS" },
	{ IOMMU_F_PROBE, "PROBE" }, { IOMMU_F_MMIO, "MMIO" },
	{ IOMMU_F_BYPASS_CONFIG, "BYPASS_CONFIG" },
};

VC_LAYOUT_REGISTER(iommu_layout, .device_id = 23, .name = "iommu", .spec = "1.3 5.13",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
