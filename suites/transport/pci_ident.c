/* virtio-pci identification (VIRTIO 1.2 4.1.2). */
#include "vcheck/virtio_pci.h"
#include "suites/ctx.h"
#include "guests/lib/pci.h"

VC_CHECK(pci_device_id, .id = "PCI-ID-001",
	 .title = "PCI Device ID is 0x1040 + type, or a transitional ID with the type in Subsystem ID",
	 .spec = "1.2 4.1.2.1", .level = VC_MUST, .transports = VC_TR_ANY_PCI)
{
	const struct pci_fn *f = ctx->d->pci;
	if (f->device >= VIRTIO_PCI_MODERN_DEVICE_BASE)
		vc_expect(ctx, f->device - VIRTIO_PCI_MODERN_DEVICE_BASE == ctx->d->device_id,
			  "device 0x%04x for type %u", f->device, ctx->d->device_id);
	else
		vc_expect(ctx, f->device >= VIRTIO_PCI_LEGACY_DEVICE_FIRST &&
				       f->device <= VIRTIO_PCI_LEGACY_DEVICE_LAST &&
				       f->subsys == ctx->d->device_id,
			  "transitional device 0x%04x subsystem 0x%04x", f->device, f->subsys);
}

VC_CHECK(pci_revision_modern, .id = "PCI-ID-002",
	 .title = "A non-transitional device has Revision ID 1 or higher",
	 .spec = "1.2 4.1.2.1", .level = VC_SHOULD, .transports = VC_TR_ANY_PCI)
{
	const struct pci_fn *f = ctx->d->pci;
	if (f->device < VIRTIO_PCI_MODERN_DEVICE_BASE)
		vc_skip(ctx, "transitional device");
	else
		vc_expect(ctx, f->revision >= 1, "non-transitional device has revision %u", f->revision);
}

VC_CHECK(pci_revision_transitional, .id = "PCI-ID-003",
	 .title = "A transitional device has Revision ID 0",
	 .spec = "1.2 4.1.2.3", .level = VC_MUST, .transports = VC_TR_ANY_PCI)
{
	const struct pci_fn *f = ctx->d->pci;
	if (f->device >= VIRTIO_PCI_MODERN_DEVICE_BASE)
		vc_skip(ctx, "non-transitional device");
	else
		vc_expect(ctx, f->revision == 0, "transitional device has revision %u", f->revision);
}
