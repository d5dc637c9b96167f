/* Test doubles for the guest's Xen code on the host: a fake hypercall that
 * records every call (and copies the structure its pointer argument names,
 * as Xen would read it) and answers through a per-test hook; and a builder
 * of domU device trees shaped like libxl's (tools/libs/light/libxl_arm.c). */
#ifndef VC_XEN_FAKE_H
#define VC_XEN_FAKE_H
#include <libfdt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "guests/lib/xen/hcall.h"

struct fake_call {
	unsigned op;
	uint64_t a[5];
};

#define FAKE_MAX_CALLS 256
static struct fake_call fake_calls[FAKE_MAX_CALLS] __attribute__((unused));
static unsigned fake_ncalls __attribute__((unused));
/* Answers one call (may write through its pointer arguments); NULL: 0. */
static int64_t (*fake_answer)(const struct fake_call *c) __attribute__((unused));

static inline int64_t fake_hypercall(unsigned op, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
	struct fake_call c = { op, { a0, a1, a2, a3, a4 } };
	if (fake_ncalls < FAKE_MAX_CALLS)
		fake_calls[fake_ncalls++] = c;
	return fake_answer ? fake_answer(&c) : 0;
}

static inline void fake_reset(int64_t (*answer)(const struct fake_call *c))
{
	fake_ncalls = 0;
	fake_answer = answer;
	xen_hcall_use(fake_hypercall);
}

/* libxl's phandle for the xen,grant-dma node (public/device_tree_defs.h:
 * GUEST_PHANDLE_GIC 65000, GUEST_PHANDLE_IOMMU one more). */
#define FAKE_PHANDLE_IOMMU 65001u
#define FAKE_PHANDLE_SMMU 0x77u

struct fake_dt {
	int xen;              /* a /hypervisor "xen,xen" node */
	const char *bootargs; /* /chosen/bootargs, NULL: none */
	int pci_map;          /* an iommu-map on the PCI host bridge */
	uint32_t pci_mask;    /* its iommu-map-mask, 0: none */
};

static inline void fake_prop_cells(void *fdt, const char *name, const uint32_t *cells, int n)
{
	fdt32_t be[16];
	for (int i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(cells[i]);
	fdt_property(fdt, name, be, n * 4);
}

static inline void fake_reg(void *fdt, uint64_t base, uint64_t size)
{
	uint32_t c[4] = { (uint32_t)(base >> 32), (uint32_t)base, (uint32_t)(size >> 32), (uint32_t)size };
	fake_prop_cells(fdt, "reg", c, 4);
}

static inline void fake_virtio(void *fdt, const char *name, uint64_t base, const uint32_t *iommus)
{
	fdt_begin_node(fdt, name);
	fdt_property_string(fdt, "compatible", "virtio,mmio");
	fake_reg(fdt, base, 0x200);
	fdt_property(fdt, "dma-coherent", NULL, 0);
	if (iommus)
		fake_prop_cells(fdt, "iommus", iommus, 2);
	fdt_end_node(fdt);
}

/* A domU tree: three virtio-mmio devices at 0x02000000 + n * 0x200 (libxl's
 * GUEST_VIRTIO_MMIO_BASE): the first behind the grant-dma IOMMU of backend
 * domain 1, the second without iommus, the third behind an IOMMU that is
 * not Xen's; a grant table window at 0x38000000 (GUEST_GNTTAB_BASE, 16 MiB)
 * with the event channel PPI 31 (cells 1 15 0xf08); an SBSA UART; a PCI
 * host bridge. Free with free(). */
static inline void *fake_dtb(const struct fake_dt *o)
{
	size_t size = 8192;
	void *fdt = calloc(1, size);
	fdt_create(fdt, (int)size);
	fdt_finish_reservemap(fdt);
	fdt_begin_node(fdt, "");
	fdt_property_u32(fdt, "#address-cells", 2);
	fdt_property_u32(fdt, "#size-cells", 2);
	fdt_property_string(fdt, "compatible", "xen,xenvm");
	fdt_begin_node(fdt, "chosen");
	if (o->bootargs)
		fdt_property_string(fdt, "bootargs", o->bootargs);
	fdt_end_node(fdt);
	if (o->xen) {
		fdt_begin_node(fdt, "hypervisor");
		static const char compat[] = "xen,xen-4.17\0xen,xen";
		fdt_property(fdt, "compatible", compat, sizeof(compat));
		fake_reg(fdt, 0x38000000, 0x01000000);
		static const uint32_t irq[] = { 1, 15, 0xf08 };
		fake_prop_cells(fdt, "interrupts", irq, 3);
		fdt_end_node(fdt);
	}
	fdt_begin_node(fdt, "xen_iommu");
	fdt_property_string(fdt, "compatible", "xen,grant-dma");
	fdt_property_u32(fdt, "#iommu-cells", 1);
	fdt_property_u32(fdt, "phandle", FAKE_PHANDLE_IOMMU);
	fdt_end_node(fdt);
	fdt_begin_node(fdt, "smmu");
	fdt_property_string(fdt, "compatible", "arm,smmu-v3");
	fdt_property_u32(fdt, "#iommu-cells", 1);
	fdt_property_u32(fdt, "phandle", FAKE_PHANDLE_SMMU);
	fdt_end_node(fdt);
	static const uint32_t grant[] = { FAKE_PHANDLE_IOMMU, 1 }, smmu[] = { FAKE_PHANDLE_SMMU, 5 };
	fake_virtio(fdt, "virtio@2000000", 0x02000000, grant);
	fake_virtio(fdt, "virtio@2000200", 0x02000200, NULL);
	fake_virtio(fdt, "virtio@2000400", 0x02000400, smmu);
	fdt_begin_node(fdt, "sbsa-pl011");
	fdt_property_string(fdt, "compatible", "arm,sbsa-uart");
	fake_reg(fdt, 0x22000000, 0x1000);
	fdt_end_node(fdt);
	fdt_begin_node(fdt, "pcie@10000000");
	fdt_property_string(fdt, "compatible", "pci-host-ecam-generic");
	fake_reg(fdt, 0x10000000, 0x10000000);
	if (o->pci_map) {
		/* <rid-base phandle out-base length>: RIDs 0x08..0x0f (00:01.x)
		 * to domains 2..9, 0x100..0x1ff (bus 1) to 3.., and 0x10 (00:02.0)
		 * to the SMMU. */
		static const uint32_t map[] = { 0x08, FAKE_PHANDLE_IOMMU, 2, 8,
						0x100, FAKE_PHANDLE_IOMMU, 3, 0x100,
						0x10, FAKE_PHANDLE_SMMU, 4, 1 };
		fake_prop_cells(fdt, "iommu-map", map, 12);
		if (o->pci_mask)
			fdt_property_u32(fdt, "iommu-map-mask", o->pci_mask);
	}
	fdt_end_node(fdt);
	fdt_end_node(fdt);
	fdt_finish(fdt);
	return fdt;
}
#endif
