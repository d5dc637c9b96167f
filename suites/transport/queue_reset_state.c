/* A device reset takes back every queue the driver had set up: the
 * register that says a queue is live reads 0 again (VIRTIO 1.2 4.2.2.1,
 * 4.1.4.3.1, legacy 4.2.4). Unlike MMIO-QUEUE-002/003 and PCI-QUEUE-002,
 * every queue is live when the reset comes. */
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_pci.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"
#include "suites/virtqueue/request.h"

struct live_reg { unsigned sel, sel_w, off, w; const char *name; };

static void live_until_reset(struct vc_ctx *ctx, struct live_reg r)
{
	struct vdev *d = ctx->d;
	static struct vq vqs[64];
	unsigned n = vc_setup_every_queue(ctx, vqs, 64, 0);
	if (!n)
		return;
	drv_driver_ok(d);
	drv_reset(d, 100000);
	for (unsigned q = 0; q < n; q++) {
		uint64_t v = ~0ull;
		d->ops->reg_write(d, r.sel, r.sel_w, q);
		d->ops->reg_read(d, r.off, r.w, &v);
		vc_expect(ctx, v == 0, "queue %u %s reads 0x%llx after a reset of the live device", q, r.name,
			  (unsigned long long)v);
	}
}

VC_CHECK(mmio_ready_cleared_live, .id = "MMIO-QUEUE-011",
	 .title = "A reset clears QueueReady of every queue the driver had enabled",
	 .spec = "1.2 4.2.2.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_MMIO_V2))
{
	live_until_reset(ctx, (struct live_reg){ VIRTIO_MMIO_QUEUE_SEL, 4, VIRTIO_MMIO_QUEUE_READY, 4, "QueueReady" });
}

VC_CHECK(mmio_pfn_cleared_live, .id = "MMIO-QUEUE-012",
	 .title = "A reset clears the legacy QueuePFN of every queue the driver had set up",
	 .spec = "1.2 4.2.4", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_MMIO_V1))
{
	live_until_reset(ctx, (struct live_reg){ VIRTIO_MMIO_QUEUE_SEL, 4, VIRTIO_MMIO_QUEUE_PFN, 4, "QueuePFN" });
}

VC_CHECK(pci_enable_cleared_live, .id = "PCI-QUEUE-009",
	 .title = "A reset clears queue_enable of every queue the driver had enabled",
	 .spec = "1.2 4.1.4.3.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	live_until_reset(ctx,
			 (struct live_reg){ VIRTIO_PCI_COMMON_Q_SELECT, 2, VIRTIO_PCI_COMMON_Q_ENABLE, 2, "queue_enable" });
}
