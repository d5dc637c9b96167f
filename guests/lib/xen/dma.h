/* Grant-based DMA addresses (Linux drivers/xen/grant-dma-ops.c): a device
 * whose DT node names a "xen,grant-dma" IOMMU sees
 * 1 << 63 | gref << 12 | offset, never a guest-physical address.
 *
 * The image's DMA memory is one region (its own RAM: rings, buffers,
 * stacks). Per backend domain, two runs of consecutive refs shadow that
 * region page by page, one granting read-write, one read-only, so
 * - a buffer over several pages is one linear range of grant space (what
 *   backends expect: QEMU's xen.grants region, xen-vhost-frontend's gntdev
 *   map), with no splitting;
 * - the same buffer always gets the same address, so a ring address read
 *   back from a register can be compared with what was written;
 * - pages are granted on first use and stay granted until
 *   xen_dma_revoke_all (persistent grants: the run's buffers are reused
 *   check after check). */
#ifndef VC_XEN_DMA_H
#define VC_XEN_DMA_H
#include <stdint.h>
#include "guests/lib/xen/gnttab.h"

/* What a refused mapping returns (as Linux's DMA_MAPPING_ERROR). */
#define XEN_DMA_ERROR (~0ull)
#define XEN_DMA_MAX_BACKENDS 4

struct xen_dma_window {
	xen_domid_t domid;
	xen_grant_ref_t rw, ro; /* first ref of each run; page i is rw + i / ro + i */
};

struct xen_dma {
	struct xen_gnttab *gt;
	uint64_t first_pfn, npages; /* the region grants may cover */
	struct xen_dma_window w[XEN_DMA_MAX_BACKENDS];
	unsigned nw;
	uint64_t granted, refused;  /* pages granted, mappings refused */
};

/* DMA through `gt` for the region [base, base + size), page-rounded. */
void xen_dma_init(struct xen_dma *x, struct xen_gnttab *gt, uint64_t base, uint64_t size);
/* The device address of [pa, pa + len) for a device served by `domid`:
 * every page granted (read-only unless device_writes), or XEN_DMA_ERROR
 * when the range leaves the region or the table has no room. */
uint64_t xen_dma_addr(struct xen_dma *x, xen_domid_t domid, uint64_t pa, uint64_t len, int device_writes);
/* Ends every grant; returns how many a backend still had mapped (left live). */
unsigned xen_dma_revoke_all(struct xen_dma *x);

/* The grant DMA in force for vc_dma_addr (dma.h), NULL when none. Each
 * activation counts one generation: what was learnt under another (which
 * device uses which backend) is stale. */
void xen_dma_activate(struct xen_dma *x);
struct xen_dma *xen_dma_active(void);
unsigned xen_dma_generation(void);
#endif
