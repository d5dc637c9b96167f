/* How the used-buffer interrupt shows outside the ISR read: the PCI
 * Status register's Interrupt Status bit (VIRTIO 1.2 4.1.4.5.1), and
 * virtio-mmio's per-bit acknowledgement (4.2.2.1). The entropy device
 * makes the interrupt. */
#include "vcheck/virtio_ids.h"
#include "vcheck/virtio_mmio.h"
#include "guests/lib/pci.h"
#include "suites/virtqueue/ring.h"

#define PCI_STATUS 0x06
#define PCI_STATUS_INTERRUPT 0x08
#define PCI_CAP_MSIX 0x11
#define MSIX_ENABLE 0x8000

/* One used buffer on queue 0; 0 once it is back. */
static int one_used_buffer(struct vc_ctx *ctx)
{
	struct vq vq;
	if (vc_split_start(ctx, 0, 0, 0, &vq))
		return -1;
	struct vq_buf b = { vq_alloc(16, 16), 16, 1 };
	vq_submit(&vq, &b, 1);
	uint32_t len;
	if (vq_wait(&vq, VC_RING_WAIT_US, &len)) {
		vc_fail(ctx, "no used buffer within 1 s");
		return -1;
	}
	return 0;
}

VC_CHECK(pci_status_interrupt_bit, .id = "PCI-ISR-002",
	 .title = "With MSI-X off, the PCI Status Interrupt Status bit follows ISR: set by a used buffer, clear once ISR is read",
	 .spec = "1.2 4.1.4.5.1", .level = VC_MUST, .transports = VC_TR_ANY_PCI, .device_id = VIRTIO_ID_RNG)
{
	const struct pci_fn *f = ctx->d->pci;
	unsigned msix = pci_find_cap(f, PCI_CAP_MSIX, 0);
	if (msix && (pci_cfg_read(f, msix + 2, 2) & MSIX_ENABLE)) {
		vc_skip(ctx, "MSI-X is enabled");
		return;
	}
	if (one_used_buffer(ctx))
		return;
	uint32_t set = pci_cfg_read(f, PCI_STATUS, 2);
	uint32_t isr = ctx->d->ops->interrupt_status(ctx->d);
	uint32_t cleared = pci_cfg_read(f, PCI_STATUS, 2);
	vc_expect(ctx, (set & PCI_STATUS_INTERRUPT) != 0, "PCI Status 0x%04x with ISR 0x%x pending", set, isr);
	vc_expect(ctx, !(cleared & PCI_STATUS_INTERRUPT), "PCI Status 0x%04x after ISR read 0x%x", cleared, isr);
}

VC_CHECK(mmio_ack_other_bit, .id = "MMIO-INT-003",
	 .title = "InterruptACK of the Configuration Change bit leaves a pending Used Buffer bit set",
	 .spec = "1.2 4.2.2.1", .level = VC_MUST, .transports = VC_TR_ANY_MMIO, .device_id = VIRTIO_ID_RNG)
{
	if (one_used_buffer(ctx))
		return;
	struct vdev *d = ctx->d;
	uint32_t before = vc_irq_wait(d, VIRTIO_MMIO_INT_VRING, VC_RING_WAIT_US);
	d->ops->interrupt_ack(d, VIRTIO_MMIO_INT_CONFIG);
	uint32_t after = d->ops->interrupt_status(d);
	vc_expect(ctx, before & VIRTIO_MMIO_INT_VRING, "InterruptStatus 0x%x after a used buffer", before);
	vc_expect(ctx, after & VIRTIO_MMIO_INT_VRING, "InterruptStatus 0x%x after acknowledging bit 1 only", after);
}
