/* Feature negotiation: what the device must refuse (VIRTIO 1.2 2.2.2).
 * Accepting an invalid subset is reported as WARN ("lenient"), never PASS. */
#include "vcheck/virtio_status.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"

VC_CHECK(feat_refuse_unoffered, .id = "FEAT-NEG-001",
	 .title = "FEATURES_OK is refused when the driver accepts a device feature that was not offered",
	 .spec = "1.2 2.2.2", .level = VC_SHOULD, .transports = VC_TR_MODERN)
{
	struct vdev *d = ctx->d;
	uint64_t offered = drv_device_features(d);
	int bit = drv_unoffered_device_bit(offered);
	if (bit < 0) {
		vc_skip(ctx, "every device-specific bit 0..23 is offered");
		return;
	}
	uint8_t s = drv_negotiate(d, offered | (1ull << bit));
	if (s & VIRTIO_STATUS_FEATURES_OK)
		vc_warn(ctx, "lenient: FEATURES_OK kept with unoffered bit %d accepted", bit);
}

VC_CHECK(feat_refuse_unoffered_transport, .id = "FEAT-NEG-002",
	 .title = "FEATURES_OK is refused when the driver accepts an unoffered transport feature",
	 .spec = "1.2 2.2.2", .level = VC_SHOULD, .transports = VC_TR_MODERN)
{
	struct vdev *d = ctx->d;
	uint64_t offered = drv_device_features(d);
	int bit = -1;
	for (int b = VIRTIO_F_ACCESS_PLATFORM; b <= VIRTIO_F_RING_RESET && bit < 0; b++)
		if (!(offered & VIRTIO_BIT(b)))
			bit = b;
	if (bit < 0) {
		vc_skip(ctx, "every transport feature 33..40 is offered");
		return;
	}
	uint8_t s = drv_negotiate(d, offered | VIRTIO_BIT(bit));
	if (s & VIRTIO_STATUS_FEATURES_OK)
		vc_warn(ctx, "lenient: FEATURES_OK kept with unoffered transport bit %d accepted", bit);
}

VC_CHECK(feat_version1_offered, .id = "FEAT-VER-001",
	 .title = "A device on a modern interface offers VERSION_1",
	 .spec = "1.2 6.2", .level = VC_MUST, .transports = VC_TR_MODERN)
{
	uint64_t offered = drv_device_features(ctx->d);
	vc_expect(ctx, (offered & VIRTIO_BIT(VIRTIO_F_VERSION_1)) != 0, "features 0x%llx lack VERSION_1",
		  (unsigned long long)offered);
}

static void selectors_2_3(struct vc_ctx *ctx)
{
	for (unsigned sel = 2; sel < 4; sel++) {
		uint32_t w = ctx->d->ops->get_device_features(ctx->d, sel);
		vc_expect(ctx, w == 0, "selector %u reads 0x%08x", sel, w);
	}
}

VC_CHECK(feat_select_beyond_pci, .id = "FEAT-SEL-001",
	 .title = "device_feature for selectors 2 and 3 offers no bit the spec does not define",
	 .spec = "1.2 4.1.4.3.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	selectors_2_3(ctx);
}

VC_CHECK(feat_select_beyond_mmio, .id = "FEAT-SEL-002",
	 .title = "DeviceFeatures for DeviceFeaturesSel 2 and 3 offers no bit the spec does not define",
	 .spec = "1.2 4.2.2", .level = VC_MUST, .transports = VC_TR_ANY_MMIO)
{
	selectors_2_3(ctx);
}
