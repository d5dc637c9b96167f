#include "vcheck/virtio_pci.h"
#include "guests/lib/discover.h"
#include "guests/lib/dt.h"
#include "guests/lib/format.h"
#include "guests/lib/record.h"
#include "guests/lib/transport/mmio.h"
#include "guests/lib/transport/pci.h"

static struct vdev *next_slot(struct vc_devices *all)
{
	if (all->n == VC_MAX_DEVICES)
		return NULL;
	struct vdev *d = &all->dev[all->n];
	*d = (struct vdev){ .index = all->n };
	return d;
}

static void discover_mmio(struct vc_devices *all)
{
	for (int node = dt_next_compatible(-1, "virtio,mmio"); node >= 0;
	     node = dt_next_compatible(node, "virtio,mmio")) {
		uint64_t base, size;
		struct vdev *d = next_slot(all);
		if (!d || dt_reg(node, 0, &base, &size))
			continue;
		if (vc_mmio_bind(d, (uintptr_t)base, size))
			continue; /* empty slot or not virtio */
		vc_snprintf(d->loc, sizeof(d->loc), "mmio@0x%llx", (unsigned long long)base);
		all->n++;
	}
}

static void pci_loc(struct vdev *d, const struct pci_fn *f)
{
	vc_snprintf(d->loc, sizeof(d->loc), "pci@%02x:%02x.%x", f->bus, f->dev, f->fn);
}

static void bind_pci_fn(struct vc_devices *all, struct pci_fn *f)
{
	if (f->vendor != VIRTIO_PCI_VENDOR_ID || f->device < VIRTIO_PCI_LEGACY_DEVICE_FIRST ||
	    f->device > 0x107f)
		return;
	int transitional = f->device <= VIRTIO_PCI_LEGACY_DEVICE_LAST;
	uint32_t type = transitional ? f->subsys : f->device - VIRTIO_PCI_MODERN_DEVICE_BASE;
	struct vdev *d = next_slot(all);
	if (d && vc_pci_modern_bind(d, f) == 0) {
		d->device_id = type, d->vendor_id = f->subsys_vendor;
		pci_loc(d, f);
		all->n++;
	}
	d = next_slot(all);
	if (transitional && d && vc_pci_legacy_bind(d, f) == 0) {
		d->device_id = type, d->vendor_id = f->subsys_vendor;
		pci_loc(d, f);
		all->n++;
	}
}

static void setup_host(struct pci_host *h, int node)
{
	struct dt_range r[8];
	int n = dt_pci_ranges(node, r, 8);
	for (int i = 0; i < n; i++) {
		if (r[i].space == 1)
			h->io_cpu = r[i].parent, h->io_pci = r[i].child, h->io_size = r[i].size;
		else if (r[i].space == 2)
			h->m32_cpu = r[i].parent, h->m32_pci = r[i].child, h->m32_size = r[i].size;
		else if (r[i].space == 3)
			h->m64_cpu = r[i].parent, h->m64_pci = r[i].child, h->m64_size = r[i].size;
	}
}

static void discover_pci(struct vc_devices *all)
{
	int node = dt_next_compatible(-1, "pci-host-ecam-generic");
	uint64_t base, size;
	if (node < 0 || dt_reg(node, 0, &base, &size))
		return;
	struct pci_host *h = &all->pci;
	h->ecam = (uintptr_t)base;
	if (dt_bus_range(node, &h->bus_first, &h->bus_last)) {
		h->bus_first = 0;
		h->bus_last = (unsigned)(size >> 20) - 1;
	}
	setup_host(h, node);
	pci_enumerate(h);
	for (unsigned i = 0; i < h->nfns; i++)
		bind_pci_fn(all, &h->fns[i]);
}

void vc_discover(struct vc_devices *all)
{
	all->n = 0;
	discover_mmio(all);
	discover_pci(all);
}
