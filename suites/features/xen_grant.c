/* What Linux demands of a virtio device it reaches through Xen grant DMA
 * (drivers/xen/grant-dma-ops.c installs the grant ops, virtio.c
 * virtio_features_ok then refuses the device with -ENODEV): VERSION_1 and
 * ACCESS_PLATFORM offered. In the spec's terms, a device MUST offer
 * VERSION_1 (6.2), and a driver may give a device addresses that are not
 * physical addresses (grant addresses, 1 << 63 | gref << 12 | offset) only
 * when ACCESS_PLATFORM is offered (6.1). Legacy interfaces are out: Linux's
 * grant DMA needs a 64-bit DMA mask, which they do not give. */
#include "vcheck/virtio_status.h"
#include "suites/ctx.h"
#include "guests/lib/dma.h"
#include "guests/lib/driver.h"
#include "guests/lib/personality/personality.h"
#include "guests/lib/xen/dt.h"

/* The xen personality, and a device that uses grants: on a real Xen the DT
 * says which ones do (iommus or iommu-map naming xen,grant-dma); the
 * personality emulated on QEMU has no xen,xen node and stands for a
 * grant-DMA platform as a whole. */
static int grant_dma_device(struct vc_ctx *ctx)
{
	if (!vc_personality_is(ctx->check->personality)) {
		vc_skip(ctx, "not the %s personality", ctx->check->personality);
		return 0;
	}
	if (xen_dt_present() && vc_dma_backend(ctx->d) < 0) {
		vc_skip(ctx, "no xen,grant-dma IOMMU for this device in the DT: it gets guest-physical addresses");
		return 0;
	}
	return 1;
}

/* The offer of feature `bit` by a grant-DMA device, `why` when missing. */
static void expect_offered(struct vc_ctx *ctx, unsigned bit, const char *why)
{
	if (grant_dma_device(ctx))
		vc_expect(ctx, (drv_device_features(ctx->d) >> bit) & 1, "%s", why);
}

VC_CHECK(xen_grant_version_1, .id = "XEN-GNT-001",
	 .title = "A device reached through Xen grant DMA offers VERSION_1",
	 .spec = "1.2 6.2", .level = VC_MUST, .transports = VC_TR_MODERN, .personality = "xen")
{
	expect_offered(ctx, VIRTIO_F_VERSION_1,
		       "VERSION_1 not offered: Linux refuses a grant-DMA device without it (virtio_features_ok, -ENODEV)");
}

VC_CHECK(xen_grant_access_platform, .id = "XEN-GNT-002",
	 .title = "A device reached through Xen grant DMA offers ACCESS_PLATFORM",
	 .spec = "1.2 6.1", .level = VC_MUST, .transports = VC_TR_MODERN, .personality = "xen")
{
	expect_offered(ctx, VIRTIO_F_ACCESS_PLATFORM,
		       "ACCESS_PLATFORM not offered: the driver may then give only physical addresses, not grant "
		       "addresses (6.1); Linux refuses the device (virtio_features_ok, -ENODEV)");
}
