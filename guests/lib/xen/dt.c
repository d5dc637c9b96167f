#include <libfdt.h>
#include "guests/lib/dt.h"
#include "guests/lib/xen/dt.h"

int xen_dt_present(void) { return dt_next_compatible(-1, "xen,xen") >= 0; }

int xen_dt_probe(struct xen_dt *x)
{
	*x = (struct xen_dt){ 0 };
	int node = dt_next_compatible(-1, "xen,xen");
	if (node < 0 || dt_reg(node, 0, &x->gnttab_base, &x->gnttab_size))
		return -1;
	int len;
	const fdt32_t *irq = fdt_getprop(dt_blob(), node, "interrupts", &len);
	for (unsigned i = 0; irq && i < 3 && (i + 1) * 4 <= (unsigned)len; i++)
		x->irq[i] = fdt32_to_cpu(irq[i]), x->irq_cells = i + 1;
	return 0;
}

/* The domid an IOMMU specifier <phandle cell> names, when the phandle is a
 * xen,grant-dma node that takes one cell; else -1. */
static int grant_dma_domid(uint32_t phandle, uint32_t cell)
{
	const void *fdt = dt_blob();
	int node = fdt_node_offset_by_phandle(fdt, phandle);
	if (node < 0 || !dt_is_compatible(node, "xen,grant-dma"))
		return -1;
	const fdt32_t *cells = fdt_getprop(fdt, node, "#iommu-cells", NULL);
	if (!cells || fdt32_to_cpu(*cells) != 1 || cell > 0xffff)
		return -1;
	return (int)cell;
}

static int forced = -1;

void xen_dt_force_grant(int domid) { forced = domid; }

int xen_dt_mmio_backend(uint64_t base)
{
	for (int node = dt_next_compatible(-1, "virtio,mmio"); node >= 0;
	     node = dt_next_compatible(node, "virtio,mmio")) {
		uint64_t a, s;
		if (dt_reg(node, 0, &a, &s) || a != base)
			continue;
		int len;
		const fdt32_t *p = fdt_getprop(dt_blob(), node, "iommus", &len);
		if (!p)
			return forced;
		return len >= 8 ? grant_dma_domid(fdt32_to_cpu(p[0]), fdt32_to_cpu(p[1])) : -1;
	}
	return -1;
}

/* iommu-map entries are <rid-base phandle out-base length> (Linux of_map_id). */
int xen_dt_pci_backend(uint32_t rid)
{
	const void *fdt = dt_blob();
	int node = dt_next_compatible(-1, "pci-host-ecam-generic");
	int len;
	const fdt32_t *map = node >= 0 ? fdt_getprop(fdt, node, "iommu-map", &len) : NULL;
	if (!map || len % 16)
		return -1;
	const fdt32_t *mask = fdt_getprop(fdt, node, "iommu-map-mask", NULL);
	uint32_t id = rid & (mask ? fdt32_to_cpu(*mask) : ~0u);
	for (int i = 0; i < len / 16; i++, map += 4) {
		uint32_t first = fdt32_to_cpu(map[0]), count = fdt32_to_cpu(map[3]);
		if (id >= first && id - first < count)
			return grant_dma_domid(fdt32_to_cpu(map[1]), id - first + fdt32_to_cpu(map[2]));
	}
	return -1;
}
