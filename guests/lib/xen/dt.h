/* What a Xen domU's device tree says (libxl's make_hypervisor_node and
 * make_xen_iommu_node; Linux bindings arm/xen.txt, iommu/xen,grant-dma.yaml). */
#ifndef VC_XEN_DT_H
#define VC_XEN_DT_H
#include <stdint.h>

struct xen_dt {
	uint64_t gnttab_base, gnttab_size; /* reg[0]: where grant frames may be mapped */
	uint32_t irq[3];                   /* interrupts: the event channel upcall (GIC cells) */
	unsigned irq_cells;
};

/* Fills *x from the "xen,xen" node: 0, or -1 when there is none (or its
 * reg is unreadable). */
int xen_dt_probe(struct xen_dt *x);
int xen_dt_present(void);
/* The backend domain of a virtio,mmio device at `base`, from the first
 * specifier of its `iommus` when that names a "xen,grant-dma" node with
 * #iommu-cells = 1; -1 when the device does not use grant DMA. */
int xen_dt_mmio_backend(uint64_t base);
/* From now on a virtio,mmio node without a grant-DMA `iommus` answers
 * `domid` (vcheck.xen-grant); -1 goes back to the DT alone. */
void xen_dt_force_grant(int domid);
/* The same for PCI requester ID `rid` (bus << 8 | dev << 3 | fn) behind the
 * generic host bridge, through its `iommu-map` (and `iommu-map-mask`). */
int xen_dt_pci_backend(uint32_t rid);
#endif
