/* The PCI configuration access capability (VIRTIO 1.2 4.1.4.9): a window in
 * PCI config space onto the BARs, for drivers that cannot map them. */
#include "vcheck/virtio_pci.h"
#include "suites/ctx.h"
#include "guests/lib/pci.h"

/* Reads `len` bytes at `off` of `bar` through the window. */
static uint32_t window_read(const struct vdev *d, const struct vc_vcap *w, unsigned bar, uint32_t off, unsigned len)
{
	pci_cfg_write(d->pci, w->cap_off + VIRTIO_PCI_CAP_BAR, 1, bar);
	pci_cfg_write(d->pci, w->cap_off + VIRTIO_PCI_CAP_OFFSET, 4, off);
	pci_cfg_write(d->pci, w->cap_off + VIRTIO_PCI_CAP_LENGTH, 4, len);
	return pci_cfg_read(d->pci, w->cap_off + VIRTIO_PCI_CFG_CAP_DATA, len);
}

VC_CHECK(pci_cfg_window_read, .id = "PCI-CFG-001",
	 .title = "A read through the PCI configuration access window equals the direct BAR read",
	 .spec = "1.2 4.1.4.9.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	const struct vc_vcap *w = vdev_find_vcap(ctx->d, VIRTIO_PCI_CAP_PCI_CFG),
			     *c = vdev_find_vcap(ctx->d, VIRTIO_PCI_CAP_COMMON_CFG);
	if (!w || !c) {
		vc_skip(ctx, "no PCI configuration access or common capability");
		return;
	}
	static const struct { unsigned off, len; } fields[] = {
		{ VIRTIO_PCI_COMMON_NUMQ, 2 }, { VIRTIO_PCI_COMMON_DF, 4 }, { VIRTIO_PCI_COMMON_STATUS, 1 },
	};
	for (unsigned i = 0; i < 3; i++) {
		uint64_t direct = 0;
		ctx->d->ops->reg_read(ctx->d, fields[i].off, fields[i].len, &direct);
		uint32_t via = window_read(ctx->d, w, c->bar, c->offset + fields[i].off, fields[i].len);
		vc_expect(ctx, via == direct, "common offset 0x%x: window 0x%x, direct 0x%llx", fields[i].off, via,
			  (unsigned long long)direct);
	}
}
