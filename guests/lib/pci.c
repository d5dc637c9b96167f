#include "guests/lib/access.h"
#include "guests/lib/pci.h"
#include "guests/lib/record.h"

#define PCI_VENDOR 0x00
#define PCI_COMMAND 0x04
#define PCI_STATUS 0x06
#define PCI_REVISION 0x08
#define PCI_HEADER_TYPE 0x0e
#define PCI_BAR0 0x10
#define PCI_SUBSYS_VENDOR 0x2c
#define PCI_SUBSYS 0x2e
#define PCI_CAP_PTR 0x34
#define PCI_COMMAND_IO 0x1
#define PCI_COMMAND_MEM 0x2
#define PCI_COMMAND_MASTER 0x4
#define PCI_STATUS_CAPS 0x10
#define PCI_IO_START 0x1000 /* keep port 0 and the ISA range free */

uint32_t pci_cfg_read(const struct pci_fn *f, unsigned off, unsigned width)
{
	uint64_t v = ~0ull;
	vc_io_read(f->cfg + off, width, &v);
	return (uint32_t)v;
}

static unsigned cfg_writes;

void pci_cfg_write(const struct pci_fn *f, unsigned off, unsigned width, uint32_t v)
{
	vc_io_write(f->cfg + off, width, v);
	cfg_writes++;
}

unsigned pci_cfg_write_count(void) { return cfg_writes; }

static uint64_t align_up(uint64_t v, uint64_t a) { return (v + a - 1) & ~(a - 1); }

/* Carve `size` bytes, naturally aligned, from a window; 0 on success. */
static int carve(uint64_t *next, uint64_t base, uint64_t wsize, uint64_t size, uint64_t *out)
{
	uint64_t at = align_up(*next, size);
	if (wsize == 0 || at + size > base + wsize)
		return -1;
	*out = at;
	*next = at + size;
	return 0;
}

static uint64_t bar_probe_size(struct pci_fn *f, unsigned i, uint32_t *raw, int *is64)
{
	unsigned off = PCI_BAR0 + 4 * i;
	*raw = pci_cfg_read(f, off, 4);
	pci_cfg_write(f, off, 4, 0xffffffffu);
	uint32_t lo = pci_cfg_read(f, off, 4);
	pci_cfg_write(f, off, 4, *raw);
	*is64 = !(*raw & 1) && ((*raw >> 1) & 3) == 2;
	uint64_t mask = (*raw & 1) ? (lo & ~0x3ull) : (lo & ~0xfull);
	if (*is64) {
		uint32_t hraw = pci_cfg_read(f, off + 4, 4);
		pci_cfg_write(f, off + 4, 4, 0xffffffffu);
		uint64_t hi = pci_cfg_read(f, off + 4, 4);
		pci_cfg_write(f, off + 4, 4, hraw);
		mask |= hi << 32;
	} else {
		mask |= 0xffffffff00000000ull;
	}
	if ((*raw & 1))
		mask |= 0xffff0000ull; /* I/O BARs may decode only 16 bits */
	return mask == 0xffffffffffffffffull || (uint32_t)mask == 0 ? 0 : ~mask + 1;
}

static int bar_place(struct pci_host *h, struct pci_bar *b)
{
	uint64_t at;
	if (b->io) {
		if (carve(&h->io_next, h->io_pci, h->io_size, b->size, &at))
			return -1;
		b->cpu = h->io_cpu + (at - h->io_pci);
	} else if (b->is64 && !carve(&h->m64_next, h->m64_pci, h->m64_size, b->size, &at)) {
		b->cpu = h->m64_cpu + (at - h->m64_pci);
	} else if (!carve(&h->m32_next, h->m32_pci, h->m32_size, b->size, &at)) {
		b->cpu = h->m32_cpu + (at - h->m32_pci);
	} else {
		return -1;
	}
	b->pci = at;
	return 0;
}

static void assign_bars(struct pci_host *h, struct pci_fn *f)
{
	for (unsigned i = 0; i < 6; i++) {
		uint32_t raw;
		int is64;
		uint64_t size = bar_probe_size(f, i, &raw, &is64);
		struct pci_bar *b = &f->bar[i];
		b->io = raw & 1;
		b->is64 = is64;
		b->size = size;
		if (size && bar_place(h, b) == 0) {
			b->present = 1;
			pci_cfg_write(f, PCI_BAR0 + 4 * i, 4, (uint32_t)b->pci | (raw & 0xf));
			if (is64)
				pci_cfg_write(f, PCI_BAR0 + 4 * i + 4, 4, (uint32_t)(b->pci >> 32));
		} else if (size) {
			rec_log("pci %02x:%02x.%x BAR%u of 0x%llx bytes does not fit the host windows",
				f->bus, f->dev, f->fn, i, (unsigned long long)size);
		}
		if (is64)
			i++;
	}
	uint32_t cmd = pci_cfg_read(f, PCI_COMMAND, 2);
	pci_cfg_write(f, PCI_COMMAND, 2, cmd | PCI_COMMAND_IO | PCI_COMMAND_MEM | PCI_COMMAND_MASTER);
}

static void add_fn(struct pci_host *h, unsigned bus, unsigned dev, unsigned fn)
{
	if (h->nfns == PCI_MAX_FNS)
		return;
	struct pci_fn *f = &h->fns[h->nfns];
	f->cfg = h->ecam + ((uintptr_t)(bus - h->bus_first) << 20) + (dev << 15) + (fn << 12);
	f->bus = bus, f->dev = dev, f->fn = fn;
	f->vendor = (uint16_t)pci_cfg_read(f, PCI_VENDOR, 2);
	f->device = (uint16_t)pci_cfg_read(f, PCI_VENDOR + 2, 2);
	f->revision = (uint8_t)pci_cfg_read(f, PCI_REVISION, 1);
	f->subsys_vendor = (uint16_t)pci_cfg_read(f, PCI_SUBSYS_VENDOR, 2);
	f->subsys = (uint16_t)pci_cfg_read(f, PCI_SUBSYS, 2);
	if ((pci_cfg_read(f, PCI_HEADER_TYPE, 1) & 0x7f) == 0) /* endpoints only */
		assign_bars(h, f);
	h->nfns++;
}

void pci_enumerate(struct pci_host *h)
{
	h->io_next = h->io_pci < PCI_IO_START ? PCI_IO_START : h->io_pci;
	h->m32_next = h->m32_pci;
	h->m64_next = h->m64_pci;
	/* Bridges are not configured, so only the root bus can hold devices. */
	for (unsigned bus = h->bus_first; bus <= h->bus_first; bus++) {
		for (unsigned dev = 0; dev < 32; dev++) {
			struct pci_fn probe = { .cfg = h->ecam + ((uintptr_t)(bus - h->bus_first) << 20) + (dev << 15) };
			if ((uint16_t)pci_cfg_read(&probe, PCI_VENDOR, 2) == 0xffff)
				continue;
			unsigned fns = (pci_cfg_read(&probe, PCI_HEADER_TYPE, 1) & 0x80) ? 8 : 1;
			for (unsigned fn = 0; fn < fns; fn++) {
				probe.cfg = h->ecam + ((uintptr_t)(bus - h->bus_first) << 20) + (dev << 15) + (fn << 12);
				if ((uint16_t)pci_cfg_read(&probe, PCI_VENDOR, 2) != 0xffff)
					add_fn(h, bus, dev, fn);
			}
		}
	}
}

unsigned pci_find_cap(const struct pci_fn *f, uint8_t id, unsigned from)
{
	if (!(pci_cfg_read(f, PCI_STATUS, 2) & PCI_STATUS_CAPS))
		return 0;
	unsigned off = from ? pci_cfg_read(f, from + 1, 1) : pci_cfg_read(f, PCI_CAP_PTR, 1);
	for (unsigned guard = 0; off >= 0x40 && guard < 48; guard++) {
		off &= ~3u;
		if (pci_cfg_read(f, off, 1) == id)
			return off;
		off = pci_cfg_read(f, off + 1, 1);
	}
	return 0;
}
