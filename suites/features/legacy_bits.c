/* Reserved feature bits of the legacy interface (VIRTIO 1.2 6.3). */
#include "vcheck/virtio_status.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"

/* The pci-legacy interface exists only on transitional devices (4.1.2.3),
 * which 6.3 obliges to offer ANY_LAYOUT there. */
VC_CHECK(feat_legacy_any_layout, .id = "FEAT-LEG-001",
	 .title = "A transitional device offers VIRTIO_F_ANY_LAYOUT on its legacy interface",
	 .spec = "1.2 6.3", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_LEGACY))
{
	uint64_t f = drv_device_features(ctx->d);
	vc_expect(ctx, f & VIRTIO_BIT(VIRTIO_F_ANY_LAYOUT), "legacy features 0x%08llx lack ANY_LAYOUT (bit 27)",
		  (unsigned long long)f);
}
