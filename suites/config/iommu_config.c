/* virtio-iommu features and configuration (VIRTIO 1.2 5.13.3, 5.13.3.2,
 * 5.13.4, 5.13.4.2). */
#include "vcheck/dev/iommu.h"
#include "vcheck/virtio_ids.h"
#include "suites/config/cfg.h"
#include "suites/virtqueue/ring.h"

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
	uint64_t m = vc_cfg(ctx, IOMMU_CFG_PAGE_SIZE_MASK, 8);
	vc_expect(ctx, m != 0, "page_size_mask 0");
}

IOMMU_CHECK(iommu_bypass_values, .id = "IOMMU-CFG-002",
	    .title = "With BYPASS_CONFIG offered, bypass reads 0 or 1", .spec = "1.2 5.13.4.2", .level = VC_MUST,
	    .features = VIRTIO_BIT(IOMMU_F_BYPASS_CONFIG))
{
	uint64_t b = vc_cfg(ctx, IOMMU_CFG_BYPASS, 1);
	vc_expect(ctx, b <= 1, "bypass %llu", (unsigned long long)b);
}

/* Both bypass checks judge one experiment. Every change of bypass makes
 * QEMU 7.2 rebuild the address space of each endpoint behind the IOMMU
 * (tens of milliseconds with fourteen PCI functions under TCG), so the value
 * is flipped and put back once per device, not once per check. The second
 * check of a device reads what the first observed; run alone (--only), a
 * check runs the experiment itself. Kept only when it ran to the end
 * without an abort, so a check never judges a half experiment. */
struct bypass_run {
	const struct vdev *d;
	uint8_t flipped, after_write; /* written: the opposite of the initial value */
	uint8_t after_reset;          /* read after a device reset */
	uint8_t after_restore;        /* after writing !flipped back (1 if the initial value was not 0 or 1) */
};
static struct bypass_run bypass_seen;

static const struct bypass_run *bypass_experiment(struct vc_ctx *ctx)
{
	if (bypass_seen.d == ctx->d)
		return &bypass_seen;
	unsigned faults = ctx->d->faults;
	if (vc_negotiate(ctx, VIRTIO_BIT(IOMMU_F_BYPASS_CONFIG)))
		return NULL;
	struct bypass_run r = { .d = ctx->d };
	r.flipped = !vc_cfg(ctx, IOMMU_CFG_BYPASS, 1);
	vc_cfg_set(ctx, IOMMU_CFG_BYPASS, 1, r.flipped);
	r.after_write = (uint8_t)vc_cfg(ctx, IOMMU_CFG_BYPASS, 1);
	drv_reset(ctx->d, 100000);
	r.after_reset = (uint8_t)vc_cfg(ctx, IOMMU_CFG_BYPASS, 1);
	if (vc_negotiate(ctx, VIRTIO_BIT(IOMMU_F_BYPASS_CONFIG)))
		return NULL;
	vc_cfg_set(ctx, IOMMU_CFG_BYPASS, 1, !r.flipped);
	r.after_restore = (uint8_t)vc_cfg(ctx, IOMMU_CFG_BYPASS, 1);
	if (ctx->d->faults != faults)
		return NULL;
	bypass_seen = r;
	return &bypass_seen;
}

/* The field is sticky across a device reset; only a system reset restores
 * it. */
IOMMU_CHECK(iommu_bypass_sticky, .id = "IOMMU-CFG-003",
	    .title = "A bypass value the driver wrote survives a device reset", .spec = "1.2 5.13.4.2",
	    .level = VC_SHOULD, .features = VIRTIO_BIT(IOMMU_F_BYPASS_CONFIG))
{
	const struct bypass_run *r = bypass_experiment(ctx);
	if (r)
		vc_expect(ctx, r->after_reset == r->flipped, "wrote bypass %u (read back %u), reads %u after a device reset",
			  r->flipped, r->after_write, r->after_reset);
}

IOMMU_CHECK(iommu_bypass_latch, .id = "IOMMU-CFG-004",
	    .title = "With BYPASS_CONFIG negotiated, bypass reads back 0 and 1 as written", .spec = "1.2 5.13.4",
	    .level = VC_MUST, .features = VIRTIO_BIT(IOMMU_F_BYPASS_CONFIG))
{
	const struct bypass_run *r = bypass_experiment(ctx);
	if (!r)
		return;
	vc_expect(ctx, r->after_write == r->flipped, "wrote bypass %u, reads %u", r->flipped, r->after_write);
	vc_expect(ctx, r->after_restore == !r->flipped, "wrote bypass %u, reads %u", !r->flipped, r->after_restore);
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
		uint64_t s = vc_cfg(ctx, IOMMU_CFG_INPUT_RANGE_START, 8), e = vc_cfg(ctx, IOMMU_CFG_INPUT_RANGE_END, 8);
		vc_expect(ctx, s <= e, "input_range 0x%llx..0x%llx", (unsigned long long)s, (unsigned long long)e);
	}
	if (f & VIRTIO_BIT(IOMMU_F_DOMAIN_RANGE)) {
		uint64_t s = vc_cfg(ctx, IOMMU_CFG_DOMAIN_RANGE_START, 4), e = vc_cfg(ctx, IOMMU_CFG_DOMAIN_RANGE_END, 4);
		vc_expect(ctx, s <= e, "domain_range %llu..%llu", (unsigned long long)s, (unsigned long long)e);
	}
}
