/* virtio-iommu (VIRTIO 1.3 section 5.13). */
#include "layouts/layout.h"
#include "vcheck/dev/iommu.h"

static const struct vc_cfg_field fields[] = {
	{ "page_size_mask", IOMMU_CFG_PAGE_SIZE_MASK, 8, 8, VC_FA_RO, 0, "1.3 5.13.4" },
	{ "input_range.start", IOMMU_CFG_INPUT_RANGE_START, 8, 8, VC_FA_RO, VC_FEAT(IOMMU_F_INPUT_RANGE), "1.3 5.13.4" },
	{ "input_range.end", IOMMU_CFG_INPUT_RANGE_END, 8, 8, VC_FA_RO, VC_FEAT(IOMMU_F_INPUT_RANGE), "1.3 5.13.4" },
	{ "domain_range.start", IOMMU_CFG_DOMAIN_RANGE_START, 4, 4, VC_FA_RO, VC_FEAT(IOMMU_F_DOMAIN_RANGE), "1.3 5.13.4" },
	{ "domain_range.end", IOMMU_CFG_DOMAIN_RANGE_END, 4, 4, VC_FA_RO, VC_FEAT(IOMMU_F_DOMAIN_RANGE), "1.3 5.13.4" },
	{ "probe_size", IOMMU_CFG_PROBE_SIZE, 4, 4, VC_FA_RO, VC_FEAT(IOMMU_F_PROBE), "1.3 5.13.4" },
	/* Writable only once BYPASS_CONFIG is negotiated; 0 or 1 only. */
	{ "bypass", IOMMU_CFG_BYPASS, 1, 1, VC_FA_RW, VC_FEAT(IOMMU_F_BYPASS_CONFIG), "1.3 5.13.4" },
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
