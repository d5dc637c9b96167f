/* virtio-pci capability structures (VIRTIO 1.2 4.1.4). */
#include "vcheck/virtio_pci.h"
#include "suites/ctx.h"
#include "layouts/layout.h"
#include "guests/lib/pci.h"

VC_CHECK(pci_caps_present, .id = "PCI-CAP-001",
	 .title = "Common, notify, ISR and PCI-config-access capabilities are present",
	 .spec = "1.2 4.1.4.3.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	static const uint8_t need[] = { VIRTIO_PCI_CAP_COMMON_CFG, VIRTIO_PCI_CAP_NOTIFY_CFG,
					VIRTIO_PCI_CAP_ISR_CFG, VIRTIO_PCI_CAP_PCI_CFG };
	for (unsigned i = 0; i < sizeof(need); i++)
		vc_expect(ctx, vdev_find_vcap(ctx->d, need[i]) != 0, "no capability of cfg_type %u", need[i]);
}

VC_CHECK(pci_caps_fit_bar, .id = "PCI-CAP-002",
	 .title = "Every structure lies inside its BAR, with cap_len covering the structure",
	 .spec = "1.2 4.1.4.2", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	const struct vdev *d = ctx->d;
	for (unsigned i = 0; i < d->nvcaps; i++) {
		const struct vc_vcap *c = &d->vcaps[i];
		if (c->cfg_type == VIRTIO_PCI_CAP_PCI_CFG)
			continue; /* its offset/length are the driver's window, not a BAR range */
		unsigned min = c->cfg_type == VIRTIO_PCI_CAP_NOTIFY_CFG ? 20
			       : c->cfg_type == VIRTIO_PCI_CAP_SHARED_MEMORY_CFG ? 24 : 16;
		vc_expect(ctx, c->cap_len >= min, "cap at 0x%02x type %u has cap_len %u", c->cap_off, c->cfg_type, c->cap_len);
		if (c->bar > 5 || !d->pci->bar[c->bar].present) {
			vc_fail(ctx, "cap at 0x%02x type %u names BAR %u, which is not implemented", c->cap_off, c->cfg_type, c->bar);
			continue;
		}
		uint64_t end = c->offset64 + c->length64;
		vc_expect(ctx, end <= d->pci->bar[c->bar].size, "cap at 0x%02x type %u: 0x%llx+0x%llx outside BAR%u of 0x%llx",
			  c->cap_off, c->cfg_type, (unsigned long long)c->offset64, (unsigned long long)c->length64, c->bar,
			  (unsigned long long)d->pci->bar[c->bar].size);
	}
}

VC_CHECK(pci_caps_align, .id = "PCI-CAP-003",
	 .title = "Common and device structures are 4-byte aligned, notify 2-byte aligned",
	 .spec = "1.2 4.1.4.3.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	for (unsigned i = 0; i < ctx->d->nvcaps; i++) {
		const struct vc_vcap *c = &ctx->d->vcaps[i];
		unsigned align = c->cfg_type == VIRTIO_PCI_CAP_COMMON_CFG || c->cfg_type == VIRTIO_PCI_CAP_DEVICE_CFG ? 4
				 : c->cfg_type == VIRTIO_PCI_CAP_NOTIFY_CFG ? 2 : 1;
		vc_expect(ctx, c->offset % align == 0, "type %u structure at offset 0x%x", c->cfg_type, c->offset);
	}
}

VC_CHECK(pci_notify_mult, .id = "PCI-NOTIFY-001",
	 .title = "notify_off_multiplier is 0 or an even power of 2, and every queue's notify address fits the structure",
	 .spec = "1.2 4.1.4.4.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	const struct vc_vcap *c = vdev_find_vcap(ctx->d, VIRTIO_PCI_CAP_NOTIFY_CFG);
	if (!c) {
		vc_skip(ctx, "no notify capability");
		return;
	}
	uint32_t m = c->mult;
	vc_expect(ctx, m == 0 || (!(m & (m - 1)) && m >= 2), "notify_off_multiplier %u", m);
	unsigned nq = ctx->d->ops->num_queues(ctx->d);
	for (unsigned q = 0; q < nq; q++) {
		ctx->d->ops->reg_write(ctx->d, VIRTIO_PCI_COMMON_Q_SELECT, 2, q);
		uint64_t off = 0;
		ctx->d->ops->reg_read(ctx->d, VIRTIO_PCI_COMMON_Q_NOFF, 2, &off);
		vc_expect(ctx, c->length >= off * m + 2, "queue %u notify offset %llu x %u past length %u", q,
			  (unsigned long long)off, m, c->length);
	}
}

VC_CHECK(pci_queue_size_pow2, .id = "PCI-QUEUE-001",
	 .title = "queue_size is 0 or a power of 2 for every queue",
	 .spec = "1.2 4.1.4.3.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	unsigned nq = ctx->d->ops->num_queues(ctx->d);
	vc_expect(ctx, nq > 0, "num_queues is 0");
	for (unsigned q = 0; q < nq; q++) {
		uint32_t s = ctx->d->ops->queue_num_max(ctx->d, q);
		vc_expect(ctx, !(s & (s - 1)), "queue %u size %u", q, s);
	}
}

VC_CHECK(pci_queue_enable_reset, .id = "PCI-QUEUE-002",
	 .title = "queue_enable reads 0 for every queue after reset",
	 .spec = "1.2 4.1.4.3.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	unsigned nq = ctx->d->ops->num_queues(ctx->d);
	for (unsigned q = 0; q < nq; q++) {
		ctx->d->ops->reg_write(ctx->d, VIRTIO_PCI_COMMON_Q_SELECT, 2, q);
		uint64_t en = ~0ull;
		ctx->d->ops->reg_read(ctx->d, VIRTIO_PCI_COMMON_Q_ENABLE, 2, &en);
		vc_expect(ctx, en == 0, "queue %u queue_enable reads %llu after reset", q, (unsigned long long)en);
	}
}

VC_CHECK(pci_queue_past_last, .id = "PCI-QUEUE-003",
	 .title = "queue_size reads 0 when queue_select names no queue",
	 .spec = "1.2 4.1.4.3.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	unsigned nq = ctx->d->ops->num_queues(ctx->d);
	uint32_t s = ctx->d->ops->queue_num_max(ctx->d, nq);
	vc_expect(ctx, s == 0, "queue_select %u (num_queues %u) reads queue_size %u", nq, nq, s);
}

VC_CHECK(pci_isr_read_clears, .id = "PCI-ISR-001",
	 .title = "Reading ISR status clears it",
	 .spec = "1.2 4.1.4.5.1", .level = VC_MUST, .transports = VC_TR_ANY_PCI)
{
	ctx->d->ops->interrupt_status(ctx->d);
	uint32_t second = ctx->d->ops->interrupt_status(ctx->d);
	vc_expect(ctx, second == 0, "second ISR read returns 0x%x", second);
}

#define PCI_CAP_MSIX 0x11

/* MSI-X Table Size from the capability, or 0 without one. */
static unsigned msix_table_size(const struct vdev *d)
{
	unsigned off = pci_find_cap(d->pci, PCI_CAP_MSIX, 0);
	return off ? (pci_cfg_read(d->pci, off + 2, 2) & 0x7ff) + 1 : 0;
}

static uint64_t msix_vector_after(struct vc_ctx *ctx, uint64_t write)
{
	uint64_t v = 0;
	if (write != ~0ull)
		ctx->d->ops->reg_write(ctx->d, VIRTIO_PCI_COMMON_MSIX, 2, write);
	ctx->d->ops->reg_read(ctx->d, VIRTIO_PCI_COMMON_MSIX, 2, &v);
	return v;
}

VC_CHECK(pci_msix_reset, .id = "PCI-MSIX-001",
	 .title = "config_msix_vector reads NO_VECTOR after reset",
	 .spec = "1.2 4.1.5.1.2.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	if (!msix_table_size(ctx->d)) {
		vc_skip(ctx, "no MSI-X capability");
		return;
	}
	msix_vector_after(ctx, 0);
	ctx->d->ops->set_status(ctx->d, 0);
	uint64_t v = msix_vector_after(ctx, ~0ull);
	vc_expect(ctx, v == VIRTIO_MSI_NO_VECTOR, "reads 0x%llx after reset", (unsigned long long)v);
}

VC_CHECK(pci_msix_map, .id = "PCI-MSIX-002",
	 .title = "config_msix_vector maps to vector 0 and reads it back",
	 .spec = "1.2 4.1.5.1.2.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	if (!msix_table_size(ctx->d)) {
		vc_skip(ctx, "no MSI-X capability");
		return;
	}
	uint64_t v = msix_vector_after(ctx, 0);
	vc_expect(ctx, v == 0, "wrote vector 0, reads 0x%llx", (unsigned long long)v);
}

VC_CHECK(pci_msix_out_of_range, .id = "PCI-MSIX-003",
	 .title = "A vector beyond the MSI-X table reads back as NO_VECTOR (mapping failure)",
	 .spec = "1.2 4.1.5.1.2.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	unsigned n = msix_table_size(ctx->d);
	if (!n) {
		vc_skip(ctx, "no MSI-X capability");
		return;
	}
	uint64_t v = msix_vector_after(ctx, n);
	vc_expect(ctx, v == VIRTIO_MSI_NO_VECTOR, "vector %u of a %u-entry table reads back 0x%llx", n, n,
		  (unsigned long long)v);
}

VC_CHECK(pci_common_feature_select, .id = "PCI-COMMON-001",
	 .title = "device_feature_select reads back what was written",
	 .spec = "1.2 4.1.4.3.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	for (uint32_t sel = 0; sel < 3; sel++) {
		ctx->d->ops->reg_write(ctx->d, VIRTIO_PCI_COMMON_DFSELECT, 4, sel);
		uint64_t v = ~0ull;
		ctx->d->ops->reg_read(ctx->d, VIRTIO_PCI_COMMON_DFSELECT, 4, &v);
		vc_expect(ctx, v == sel, "wrote %u, reads %llu", sel, (unsigned long long)v);
	}
}

VC_CHECK(pci_device_cfg_cap, .id = "PCI-CAP-004",
	 .title = "A device type with a config layout presents a 4-byte aligned device-specific configuration structure",
	 .spec = "1.2 4.1.4.6.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	const struct vc_layout *p = vc_layout_find(ctx->d->device_id);
	if (!p || !vc_layout_config_size(p, ctx->d->offered)) {
		vc_skip(ctx, "no device-specific configuration for type %u", ctx->d->device_id);
		return;
	}
	const struct vc_vcap *c = vdev_find_vcap(ctx->d, VIRTIO_PCI_CAP_DEVICE_CFG);
	vc_expect(ctx, c != 0, "no VIRTIO_PCI_CAP_DEVICE_CFG capability");
	vc_expect(ctx, !c || c->offset % 4 == 0, "device configuration at offset 0x%x", c ? c->offset : 0);
}
