#include "guests/lib/dma.h"
#include "guests/lib/pci.h"
#include "guests/lib/vdev.h"
#include "guests/lib/xen/dma.h"
#include "guests/lib/xen/dt.h"

/* Each device's backend, looked up in the DT once per grant-DMA
 * generation: descriptors are built by the thousand, the DT walk is not
 * cheap. */
#define MAX_SEEN 64
static struct { const struct vdev *d; int backend; } seen[MAX_SEEN];
static unsigned nseen, seen_generation;

static int lookup(const struct vdev *d)
{
	if (d->pci)
		return xen_dt_pci_backend(d->pci->bus << 8 | d->pci->dev << 3 | d->pci->fn);
	return xen_dt_mmio_backend(d->base[VC_SP_MMIO]);
}

int vc_dma_backend(struct vdev *d)
{
	if (seen_generation != xen_dma_generation())
		nseen = 0, seen_generation = xen_dma_generation();
	for (unsigned i = 0; i < nseen; i++)
		if (seen[i].d == d)
			return seen[i].backend;
	int b = lookup(d);
	if (nseen < MAX_SEEN)
		seen[nseen].d = d, seen[nseen++].backend = b;
	return b;
}

uint64_t vc_dma_addr(struct vdev *d, const void *p, size_t len, int device_writes)
{
	uint64_t pa = (uint64_t)(uintptr_t)p;
	struct xen_dma *x = xen_dma_active();
	if (!x)
		return pa;
	int backend = vc_dma_backend(d);
	return backend < 0 ? pa : xen_dma_addr(x, (xen_domid_t)backend, pa, len, device_writes);
}
