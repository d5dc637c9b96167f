/* What the transport shows of a queue the driver has set up (VIRTIO 1.2
 * 4.2.2, 4.2.4, 4.1.4.3). */
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_pci.h"
#include "suites/ctx.h"
#include "guests/lib/dma.h"
#include "guests/lib/driver.h"
#include "guests/lib/virtqueue.h"

static int setup_queue0(struct vc_ctx *ctx, struct vq *vq)
{
	if (drv_start(ctx->d, 0) || vq_setup(ctx->d, 0, 0, vq)) {
		vc_skip(ctx, "queue 0 could not be set up");
		return -1;
	}
	return 0;
}

static uint64_t rd(struct vc_ctx *ctx, unsigned off, unsigned w)
{
	uint64_t v = ~0ull;
	ctx->d->ops->reg_read(ctx->d, off, w, &v);
	return v;
}

VC_CHECK(mmio_v1_pfn_readback, .id = "MMIO-QUEUE-005",
	 .title = "Legacy QueuePFN reads back the page frame the driver wrote",
	 .spec = "1.2 4.2.4", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_MMIO_V1))
{
	struct vq vq;
	if (setup_queue0(ctx, &vq))
		return;
	ctx->d->ops->reg_write(ctx->d, VIRTIO_MMIO_QUEUE_SEL, 4, 0);
	uint64_t pfn = rd(ctx, VIRTIO_MMIO_QUEUE_PFN, 4), want = vc_dma_addr(ctx->d, vq.desc, 1, 0) >> 12;
	vc_expect(ctx, pfn == want, "QueuePFN reads 0x%llx, wrote 0x%llx", (unsigned long long)pfn,
		  (unsigned long long)want);
}

VC_CHECK(mmio_v2_ready_readback, .id = "MMIO-QUEUE-006",
	 .title = "QueueReady reads 1 once the driver has enabled the queue",
	 .spec = "1.2 4.2.2", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_MMIO_V2))
{
	struct vq vq;
	if (setup_queue0(ctx, &vq))
		return;
	ctx->d->ops->reg_write(ctx->d, VIRTIO_MMIO_QUEUE_SEL, 4, 0);
	uint64_t r = rd(ctx, VIRTIO_MMIO_QUEUE_READY, 4);
	vc_expect(ctx, r == 1, "QueueReady reads %llu", (unsigned long long)r);
}

VC_CHECK(pci_queue_readback, .id = "PCI-QUEUE-004",
	 .title = "queue_enable reads 1 and the ring addresses read back as written",
	 .spec = "1.2 4.1.4.3", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	struct vq vq;
	if (setup_queue0(ctx, &vq))
		return;
	ctx->d->ops->reg_write(ctx->d, VIRTIO_PCI_COMMON_Q_SELECT, 2, 0);
	vc_expect(ctx, rd(ctx, VIRTIO_PCI_COMMON_Q_ENABLE, 2) == 1, "queue_enable does not read 1");
	struct { unsigned lo; uint64_t want; const char *name; } regs[] = {
		{ VIRTIO_PCI_COMMON_Q_DESCLO, vc_dma_addr(ctx->d, vq.desc, 1, 0), "queue_desc" },
		{ VIRTIO_PCI_COMMON_Q_AVAILLO, vc_dma_addr(ctx->d, vq.avail, 1, 0), "queue_driver" },
		{ VIRTIO_PCI_COMMON_Q_USEDLO, vc_dma_addr(ctx->d, vq.used, 1, 1), "queue_device" },
	};
	for (unsigned i = 0; i < 3; i++) {
		uint64_t got = rd(ctx, regs[i].lo, 4) | rd(ctx, regs[i].lo + 4, 4) << 32;
		vc_expect(ctx, got == regs[i].want, "%s reads 0x%llx, wrote 0x%llx", regs[i].name,
			  (unsigned long long)got, (unsigned long long)regs[i].want);
	}
}

VC_CHECK(pci_legacy_queue_size, .id = "PCI-LEG-001",
	 .title = "Legacy queue sizes are powers of 2 and queue 0 exists",
	 .spec = "1.2 2.7", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_LEGACY))
{
	uint32_t first = ctx->d->ops->queue_num_max(ctx->d, 0);
	vc_expect(ctx, first != 0, "queue 0 has size 0");
	for (unsigned q = 0, n; q < 64 && (n = ctx->d->ops->queue_num_max(ctx->d, q)); q++)
		vc_expect(ctx, !(n & (n - 1)) && n <= 32768, "queue %u size %u", q, n);
}
