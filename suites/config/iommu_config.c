/* virtio-iommu features and configuration (VIRTIO 1.2 5.13.3, 5.13.3.2,
 * 5.13.4, 5.13.4.2). */
#include "vcheck/virtio_ids.h"
#include "cfg.h"
#include "virtqueue/ring.h"

#define IOMMU_F_INPUT_RANGE 0
#define IOMMU_F_DOMAIN_RANGE 1
#define IOMMU_F_MAP_UNMAP 2
#define IOMMU_F_BYPASS 3
#define IOMMU_F_BYPASS_CONFIG 6

#define I_PAGE_SIZE_MASK 0
#define I_INPUT_START 8
#define I_INPUT_END 16
#define I_DOMAIN_START 24
#define I_DOMAIN_END 28
#define I_BYPASS 36

#define IOMMU_CHECK(ident, ...) \
	VC_CHECK(ident, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_IOMMU, __VA_ARGS__)

IOMMU_CHECK(iommu_map_unmap_offered, .id = "IOMMU-FEAT-001",
	    .title = "The device offers VIRTIO_IOMMU_F_MAP_UNMAP", .spec = "1.2 5.13.3.2", .level = VC_SHOULD)
{
	uint64_t f = drv_device_features(ctx->d);
	vc_expect(ctx, f & VIRTIO_BIT(IOMMU_F_MAP_UNMAP), "features 0x%llx", (unsigned long long)f);
}

IOMMU_CHECK(iommu_bypass_both, .id = "IOMMU-FEAT-002",
	    .title = "The device does not offer both BYPASS and BYPASS_CONFIG", .spec = "1.2 5.13.3.2",
	    .level = VC_SHOULD)
{
	uint64_t f = drv_device_features(ctx->d), both = VIRTIO_BIT(IOMMU_F_BYPASS) | VIRTIO_BIT(IOMMU_F_BYPASS_CONFIG);
	vc_expect(ctx, (f & both) != both, "features 0x%llx", (unsigned long long)f);
}

IOMMU_CHECK(iommu_page_size_mask, .id = "IOMMU-CFG-001",
	    .title = "page_size_mask has at least one bit set", .spec = "1.2 5.13.4.2", .level = VC_MUST)
{
	uint64_t m = vc_cfg(ctx, I_PAGE_SIZE_MASK, 8);
	vc_expect(ctx, m != 0, "page_size_mask 0");
}

IOMMU_CHECK(iommu_bypass_values, .id = "IOMMU-CFG-002",
	    .title = "With BYPASS_CONFIG offered, bypass reads 0 or 1", .spec = "1.2 5.13.4.2", .level = VC_MUST,
	    .features = VIRTIO_BIT(IOMMU_F_BYPASS_CONFIG))
{
	uint64_t b = vc_cfg(ctx, I_BYPASS, 1);
	vc_expect(ctx, b <= 1, "bypass %llu", (unsigned long long)b);
}

/* The field is sticky across a device reset; only a system reset restores
 * it. The initial value is put back afterwards by a second write. */
IOMMU_CHECK(iommu_bypass_sticky, .id = "IOMMU-CFG-003",
	    .title = "A bypass value the driver wrote survives a device reset", .spec = "1.2 5.13.4.2",
	    .level = VC_SHOULD, .features = VIRTIO_BIT(IOMMU_F_BYPASS_CONFIG))
{
	if (vc_negotiate(ctx, VIRTIO_BIT(IOMMU_F_BYPASS_CONFIG)))
		return;
	uint64_t initial = vc_cfg(ctx, I_BYPASS, 1), flipped = !initial;
	vc_cfg_set(ctx, I_BYPASS, 1, flipped);
	drv_reset(ctx->d, 100000);
	uint64_t after = vc_cfg(ctx, I_BYPASS, 1);
	vc_expect(ctx, after == flipped, "wrote bypass %llu, reads %llu after a device reset", (unsigned long long)flipped,
		  (unsigned long long)after);
	if (!vc_negotiate(ctx, VIRTIO_BIT(IOMMU_F_BYPASS_CONFIG)))
		vc_cfg_set(ctx, I_BYPASS, 1, initial);
}

IOMMU_CHECK(iommu_bypass_latch, .id = "IOMMU-CFG-004",
	    .title = "With BYPASS_CONFIG negotiated, bypass reads back 0 and 1 as written", .spec = "1.2 5.13.4",
	    .level = VC_MUST, .features = VIRTIO_BIT(IOMMU_F_BYPASS_CONFIG))
{
	if (vc_negotiate(ctx, VIRTIO_BIT(IOMMU_F_BYPASS_CONFIG)))
		return;
	uint64_t initial = vc_cfg(ctx, I_BYPASS, 1);
	for (unsigned v = 0; v < 2; v++) {
		vc_cfg_set(ctx, I_BYPASS, 1, v);
		uint64_t got = vc_cfg(ctx, I_BYPASS, 1);
		vc_expect(ctx, got == v, "wrote bypass %u, reads %llu", v, (unsigned long long)got);
	}
	vc_cfg_set(ctx, I_BYPASS, 1, initial);
}

/* 5.13.4: each range is [start, end], so start may not exceed end. */
IOMMU_CHECK(iommu_ranges, .id = "IOMMU-CFG-005",
	    .title = "input_range and domain_range, where offered, have start <= end", .spec = "1.2 5.13.4",
	    .level = VC_MUST)
{
	uint64_t f = drv_device_features(ctx->d);
	if (!vc_offers_any(ctx, f, VIRTIO_BIT(IOMMU_F_INPUT_RANGE) | VIRTIO_BIT(IOMMU_F_DOMAIN_RANGE),
			   "INPUT_RANGE or DOMAIN_RANGE"))
		return;
	if (f & VIRTIO_BIT(IOMMU_F_INPUT_RANGE)) {
		uint64_t s = vc_cfg(ctx, I_INPUT_START, 8), e = vc_cfg(ctx, I_INPUT_END, 8);
		vc_expect(ctx, s <= e, "input_range 0x%llx..0x%llx", (unsigned long long)s, (unsigned long long)e);
	}
	if (f & VIRTIO_BIT(IOMMU_F_DOMAIN_RANGE)) {
		uint64_t s = vc_cfg(ctx, I_DOMAIN_START, 4), e = vc_cfg(ctx, I_DOMAIN_END, 4);
		vc_expect(ctx, s <= e, "domain_range %llu..%llu", (unsigned long long)s, (unsigned long long)e);
	}
}
