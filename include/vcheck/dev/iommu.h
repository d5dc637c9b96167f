/* virtio-iommu (VIRTIO 1.3 section 5.13): feature bits and config offsets,
 * the one definition that layouts, checks, side-effect code and the host all
 * use. */
#ifndef VC_DEV_IOMMU_H
#define VC_DEV_IOMMU_H

/* feature bits */
enum {
	IOMMU_F_INPUT_RANGE = 0, IOMMU_F_DOMAIN_RANGE = 1, IOMMU_F_MAP_UNMAP = 2,
	IOMMU_F_BYPASS = 3, IOMMU_F_PROBE = 4, IOMMU_F_MMIO = 5, IOMMU_F_BYPASS_CONFIG = 6,
};

/* config offsets, bytes */
enum {
	IOMMU_CFG_PAGE_SIZE_MASK = 0, IOMMU_CFG_INPUT_RANGE_START = 8, IOMMU_CFG_INPUT_RANGE_END = 16,
	IOMMU_CFG_DOMAIN_RANGE_START = 24, IOMMU_CFG_DOMAIN_RANGE_END = 28, IOMMU_CFG_PROBE_SIZE = 32,
	IOMMU_CFG_BYPASS = 36,
};

#endif
