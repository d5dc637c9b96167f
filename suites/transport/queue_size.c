/* The queue size a driver chooses (VIRTIO 1.2 4.1.4.3, 4.2.2): it reads
 * back, it leaves the maximum alone on virtio-mmio, and a reset restores
 * the maximum on PCI. */
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_pci.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"

static uint64_t rd(struct vdev *d, unsigned off, unsigned w)
{
	uint64_t v = ~0ull;
	d->ops->reg_read(d, off, w, &v);
	return v;
}

/* Negotiates, then the maximum of queue 0 if it can be halved, else 0. */
static unsigned halvable_max(struct vc_ctx *ctx)
{
	if (drv_start(ctx->d, 0)) {
		vc_skip(ctx, "FEATURES_OK refused");
		return 0;
	}
	unsigned max = ctx->d->ops->queue_num_max(ctx->d, 0);
	if (max < 2)
		vc_skip(ctx, "queue 0 has maximum size %u", max);
	return max < 2 ? 0 : max;
}

VC_CHECK(pci_queue_size_smaller, .id = "PCI-QUEUE-007",
	 .title = "queue_size reads back a smaller power of 2 the driver wrote",
	 .spec = "1.2 4.1.4.3", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	unsigned max = halvable_max(ctx);
	if (!max)
		return;
	ctx->d->ops->reg_write(ctx->d, VIRTIO_PCI_COMMON_Q_SIZE, 2, max / 2);
	uint64_t got = rd(ctx->d, VIRTIO_PCI_COMMON_Q_SIZE, 2);
	vc_expect(ctx, got == max / 2, "wrote %u, queue_size reads %llu", max / 2, (unsigned long long)got);
}

/* 4.1.4.3: "On reset, specifies the maximum queue size supported". */
VC_CHECK(pci_queue_size_reset, .id = "PCI-QUEUE-008",
	 .title = "After the driver shrank queue_size, a reset makes it read the maximum again",
	 .spec = "1.2 4.1.4.3", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	unsigned max = halvable_max(ctx);
	if (!max)
		return;
	ctx->d->ops->reg_write(ctx->d, VIRTIO_PCI_COMMON_Q_SIZE, 2, max / 2);
	drv_reset(ctx->d, 100000);
	ctx->d->ops->reg_write(ctx->d, VIRTIO_PCI_COMMON_Q_SELECT, 2, 0);
	uint64_t got = rd(ctx->d, VIRTIO_PCI_COMMON_Q_SIZE, 2);
	vc_expect(ctx, got == max, "queue_size reads %llu after reset, maximum was %u", (unsigned long long)got, max);
}

VC_CHECK(mmio_queue_num_max_fixed, .id = "MMIO-QUEUE-010",
	 .title = "Writing a smaller QueueNum leaves QueueNumMax at the maximum",
	 .spec = "1.2 4.2.2", .level = VC_MUST, .transports = VC_TR_ANY_MMIO)
{
	unsigned max = halvable_max(ctx);
	if (!max)
		return;
	ctx->d->ops->reg_write(ctx->d, VIRTIO_MMIO_QUEUE_NUM, 4, max / 2);
	uint64_t got = rd(ctx->d, VIRTIO_MMIO_QUEUE_NUM_MAX, 4);
	vc_expect(ctx, got == max, "QueueNumMax reads %llu after QueueNum %u, was %u", (unsigned long long)got, max / 2,
		  max);
}
