/* PCI through a generic ECAM host bridge: enumeration, BAR assignment from
 * the bridge's DT ranges (QEMU leaves BARs unassigned), capability walk. */
#ifndef VC_PCI_H
#define VC_PCI_H
#include <stdint.h>

#define PCI_MAX_FNS 64

struct pci_bar {
	uint64_t cpu;   /* CPU address the BAR decodes at */
	uint64_t pci;   /* bus address written into the BAR */
	uint64_t size;
	int io, is64, present;
};

struct pci_fn {
	uintptr_t cfg;  /* ECAM base of this function */
	unsigned bus, dev, fn;
	uint16_t vendor, device, subsys_vendor, subsys;
	uint8_t revision;
	struct pci_bar bar[6];
};

struct pci_host {
	uintptr_t ecam;
	unsigned bus_first, bus_last;
	uint64_t io_cpu, io_pci, io_size, io_next;
	uint64_t m32_cpu, m32_pci, m32_size, m32_next;
	uint64_t m64_cpu, m64_pci, m64_size, m64_next;
	struct pci_fn fns[PCI_MAX_FNS];
	unsigned nfns;
};

uint32_t pci_cfg_read(const struct pci_fn *f, unsigned off, unsigned width);
void pci_cfg_write(const struct pci_fn *f, unsigned off, unsigned width, uint32_t v);
/* PCI config space writes so far, to any function. */
unsigned pci_cfg_write_count(void);
/* Enumerates bus_first..bus_last and assigns and enables every function. */
void pci_enumerate(struct pci_host *h);
/* Next capability of the given ID after offset `from` (0: the first). */
unsigned pci_find_cap(const struct pci_fn *f, uint8_t id, unsigned from);

#endif
