/* PCI identification and layout rules not covered by pci_ident.c and
 * pci_caps.c (VIRTIO 1.2 4.1.2.1, 4.1.3.2, 4.1.4.4.1). */
#include "vcheck/virtio_ids.h"
#include "vcheck/virtio_pci.h"
#include "vcheck/virtio_status.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"
#include "layouts/layout.h"
#include "guests/lib/pci.h"

/* The Transitional PCI Device ID table of 4.1.2.1. */
static unsigned transitional_id(uint32_t type)
{
	switch (type) {
	case VIRTIO_ID_NET: return 0x1000;
	case VIRTIO_ID_BLOCK: return 0x1001;
	case VIRTIO_ID_BALLOON: return 0x1002;
	case VIRTIO_ID_CONSOLE: return 0x1003;
	case VIRTIO_ID_SCSI: return 0x1004;
	case VIRTIO_ID_RNG: return 0x1005;
	case VIRTIO_ID_P9: return 0x1009;
	default: return 0;
	}
}

VC_CHECK(pci_transitional_id_table, .id = "PCI-ID-004",
	 .title = "A transitional Device ID is the one the table gives the device type (none for other types)",
	 .spec = "1.2 4.1.2.1", .level = VC_MUST, .transports = VC_TR_ANY_PCI)
{
	const struct pci_fn *f = ctx->d->pci;
	if (f->device >= VIRTIO_PCI_MODERN_DEVICE_BASE) {
		vc_skip(ctx, "non-transitional device 0x%04x", f->device);
		return;
	}
	unsigned want = transitional_id(ctx->d->device_id);
	vc_expect(ctx, want && f->device == want, "type %u has transitional Device ID 0x%04x, the table gives 0x%04x",
		  ctx->d->device_id, f->device, want);
}

VC_CHECK(pci_modern_id_ranges, .id = "PCI-ID-005",
	 .title = "A non-transitional device has Device ID 0x1040..0x107f and Subsystem Device ID 0x40 or higher",
	 .spec = "1.2 4.1.2.1", .level = VC_SHOULD, .transports = VC_TR_ANY_PCI)
{
	const struct pci_fn *f = ctx->d->pci;
	if (f->device < VIRTIO_PCI_MODERN_DEVICE_BASE) {
		vc_skip(ctx, "transitional device 0x%04x", f->device);
		return;
	}
	vc_expect(ctx, f->device <= 0x107f, "Device ID 0x%04x", f->device);
	vc_expect(ctx, f->subsys >= 0x40, "Subsystem Device ID 0x%04x", f->subsys);
}

/* Reads one 32-bit half of a field alone, then the same bytes one by one. */
static void half_alone(struct vc_ctx *ctx, const struct vc_cfg_field *f, unsigned half)
{
	struct vdev *d = ctx->d;
	uint64_t word = 0, bytes = 0;
	d->ops->config_read(d, f->offset + 4 * half, 4, &word);
	for (unsigned i = 0; i < 4; i++) {
		uint64_t b = 0;
		d->ops->config_read(d, f->offset + 4 * half + i, 1, &b);
		bytes |= (b & 0xff) << (8 * i);
	}
	vc_expect(ctx, word == bytes, "%s %s half alone reads 0x%08llx, byte-wise 0x%08llx", f->name,
		  half ? "high" : "low", (unsigned long long)word, (unsigned long long)bytes);
}

VC_CHECK(pci_cfg64_halves, .id = "PCI-LAYOUT-001",
	 .title = "Each 32-bit half of a 64-bit config field reads correctly on its own, high half first",
	 .spec = "1.2 4.1.3.2", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	const struct vc_layout *p = vc_layout_find(ctx->d->device_id);
	uint64_t offered = drv_device_features(ctx->d);
	unsigned tried = 0;
	for (unsigned i = 0; p && i < p->nfields; i++) {
		const struct vc_cfg_field *f = &p->fields[i];
		if (f->width != 8 || f->size != 8 || (f->features && !(f->features & offered)))
			continue;
		tried++;
		half_alone(ctx, f, 1);
		half_alone(ctx, f, 0);
	}
	if (!tried)
		vc_skip(ctx, "no 64-bit config field for device type %u", ctx->d->device_id);
}

VC_CHECK(pci_notify_data_layout, .id = "PCI-NOTIFY-002",
	 .title = "With NOTIFICATION_DATA, notify_off_multiplier is 0 or a power of 2 multiple of 4, offset 4-aligned, "
		  "and every queue has 4 bytes",
	 .spec = "1.2 4.1.4.4.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN),
	 .features = VIRTIO_BIT(VIRTIO_F_NOTIFICATION_DATA))
{
	const struct vc_vcap *c = vdev_find_vcap(ctx->d, VIRTIO_PCI_CAP_NOTIFY_CFG);
	if (!c) {
		vc_fail(ctx, "no notify capability");
		return;
	}
	uint32_t m = c->mult;
	vc_expect(ctx, m == 0 || (!(m & (m - 1)) && m % 4 == 0), "notify_off_multiplier %u", m);
	vc_expect(ctx, c->offset % 4 == 0, "notify structure at offset 0x%x", c->offset);
	unsigned nq = ctx->d->ops->num_queues(ctx->d);
	for (unsigned q = 0; q < nq; q++) {
		uint64_t off = 0;
		ctx->d->ops->reg_write(ctx->d, VIRTIO_PCI_COMMON_Q_SELECT, 2, q);
		ctx->d->ops->reg_read(ctx->d, VIRTIO_PCI_COMMON_Q_NOFF, 2, &off);
		vc_expect(ctx, c->length >= off * m + 4, "queue %u notify offset %llu x %u, length %u", q,
			  (unsigned long long)off, m, c->length);
	}
}
