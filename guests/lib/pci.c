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
/* Type 1 (bridge) header */
#define PCI_PRIMARY_BUS 0x18
#define PCI_SECONDARY_BUS 0x19
#define PCI_SUBORDINATE_BUS 0x1a
#define PCI_IO_BASE 0x1c
#define PCI_IO_LIMIT 0x1d
#define PCI_MEM_BASE 0x20
#define PCI_MEM_LIMIT 0x22
#define PCI_PREF_BASE 0x24
#define PCI_PREF_LIMIT 0x26
#define PCI_PREF_BASE_UPPER 0x28
#define PCI_PREF_LIMIT_UPPER 0x2c
#define PCI_IO_BASE_UPPER 0x30
#define PCI_IO_LIMIT_UPPER 0x32
#define BRIDGE_MEM_ALIGN 0x100000ull /* memory windows: 1 MiB granules */
#define BRIDGE_IO_ALIGN 0x1000ull    /* I/O windows: 4 KiB */

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

static uintptr_t ecam_of(const struct pci_host *h, unsigned bus, unsigned dev, unsigned fn)
{
	return h->ecam + ((uintptr_t)(bus - h->bus_first) << 20) + (dev << 15) + (fn << 12);
}

static void add_fn(struct pci_host *h, unsigned bus, unsigned dev, unsigned fn)
{
	if (h->nfns == PCI_MAX_FNS)
		return;
	struct pci_fn *f = &h->fns[h->nfns];
	f->cfg = ecam_of(h, bus, dev, fn);
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

static void scan_bus(struct pci_host *h, unsigned bus, unsigned *last_bus);

/* A bridge's window [start, end): base and limit registers in granules,
 * closed (base above limit) when nothing behind the bridge uses it. */
static void bridge_windows(struct pci_fn *b, const uint64_t *start, const uint64_t *end)
{
	/* [0] I/O, [1] 32-bit memory, [2] 64-bit prefetchable memory */
	int io = end[0] > start[0], mem = end[1] > start[1], pref = end[2] > start[2];
	uint64_t io_lo = io ? start[0] : 0xf000, io_hi = io ? end[0] - 1 : 0;
	pci_cfg_write(b, PCI_IO_BASE, 1, (uint32_t)(io_lo >> 8) & 0xf0);
	pci_cfg_write(b, PCI_IO_LIMIT, 1, (uint32_t)(io_hi >> 8) & 0xf0);
	pci_cfg_write(b, PCI_IO_BASE_UPPER, 2, (uint32_t)(io_lo >> 16));
	pci_cfg_write(b, PCI_IO_LIMIT_UPPER, 2, (uint32_t)(io_hi >> 16));
	uint64_t m_lo = mem ? start[1] : 0xfff00000ull, m_hi = mem ? end[1] - 1 : 0;
	pci_cfg_write(b, PCI_MEM_BASE, 2, (uint32_t)(m_lo >> 16) & 0xfff0);
	pci_cfg_write(b, PCI_MEM_LIMIT, 2, (uint32_t)(m_hi >> 16) & 0xfff0);
	uint64_t p_lo = pref ? start[2] : 0xfff00000ull, p_hi = pref ? end[2] - 1 : 0;
	pci_cfg_write(b, PCI_PREF_BASE, 2, (uint32_t)(p_lo >> 16) & 0xfff0);
	pci_cfg_write(b, PCI_PREF_LIMIT, 2, (uint32_t)(p_hi >> 16) & 0xfff0);
	pci_cfg_write(b, PCI_PREF_BASE_UPPER, 4, (uint32_t)(p_lo >> 32));
	pci_cfg_write(b, PCI_PREF_LIMIT_UPPER, 4, (uint32_t)(p_hi >> 32));
}

/* A bridge (PCIe root port, PCI-PCI bridge): the next bus number behind it,
 * the buses below it, and windows around what its devices were given, so
 * devices behind root ports are reached as those on the root bus are. */
static void add_bridge(struct pci_host *h, unsigned bus, unsigned dev, unsigned fn, unsigned *last_bus)
{
	struct pci_fn b = { .cfg = ecam_of(h, bus, dev, fn), .bus = bus, .dev = dev, .fn = fn };
	if (*last_bus >= h->bus_last) {
		rec_log("pci %02x:%02x.%x: a bridge, but no bus number is left for it", bus, dev, fn);
		return;
	}
	unsigned secondary = ++*last_bus;
	pci_cfg_write(&b, PCI_PRIMARY_BUS, 1, bus);
	pci_cfg_write(&b, PCI_SECONDARY_BUS, 1, secondary);
	pci_cfg_write(&b, PCI_SUBORDINATE_BUS, 1, h->bus_last); /* until the buses below are known */
	h->io_next = align_up(h->io_next, BRIDGE_IO_ALIGN);
	h->m32_next = align_up(h->m32_next, BRIDGE_MEM_ALIGN);
	h->m64_next = align_up(h->m64_next, BRIDGE_MEM_ALIGN);
	uint64_t start[3] = { h->io_next, h->m32_next, h->m64_next };
	scan_bus(h, secondary, last_bus);
	pci_cfg_write(&b, PCI_SUBORDINATE_BUS, 1, *last_bus);
	h->io_next = align_up(h->io_next, BRIDGE_IO_ALIGN);
	h->m32_next = align_up(h->m32_next, BRIDGE_MEM_ALIGN);
	h->m64_next = align_up(h->m64_next, BRIDGE_MEM_ALIGN);
	uint64_t end[3] = { h->io_next, h->m32_next, h->m64_next };
	bridge_windows(&b, start, end);
	uint32_t cmd = pci_cfg_read(&b, PCI_COMMAND, 2);
	pci_cfg_write(&b, PCI_COMMAND, 2, cmd | PCI_COMMAND_IO | PCI_COMMAND_MEM | PCI_COMMAND_MASTER);
}

static void scan_bus(struct pci_host *h, unsigned bus, unsigned *last_bus)
{
	for (unsigned dev = 0; dev < 32; dev++) {
		struct pci_fn probe = { .cfg = ecam_of(h, bus, dev, 0) };
		if ((uint16_t)pci_cfg_read(&probe, PCI_VENDOR, 2) == 0xffff)
			continue;
		unsigned fns = (pci_cfg_read(&probe, PCI_HEADER_TYPE, 1) & 0x80) ? 8 : 1;
		for (unsigned fn = 0; fn < fns; fn++) {
			probe.cfg = ecam_of(h, bus, dev, fn);
			if ((uint16_t)pci_cfg_read(&probe, PCI_VENDOR, 2) == 0xffff)
				continue;
			if ((pci_cfg_read(&probe, PCI_HEADER_TYPE, 1) & 0x7f) == 1)
				add_bridge(h, bus, dev, fn, last_bus);
			else
				add_fn(h, bus, dev, fn);
		}
	}
}

void pci_enumerate(struct pci_host *h)
{
	h->io_next = h->io_pci < PCI_IO_START ? PCI_IO_START : h->io_pci;
	h->m32_next = h->m32_pci;
	h->m64_next = h->m64_pci;
	unsigned last_bus = h->bus_first;
	scan_bus(h, h->bus_first, &last_bus);
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
