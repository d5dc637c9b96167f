#include "guests/lib/xen/dma.h"

static struct xen_dma *active;
static unsigned generation;

void xen_dma_activate(struct xen_dma *x)
{
	active = x;
	generation++;
}

struct xen_dma *xen_dma_active(void) { return active; }
unsigned xen_dma_generation(void) { return generation; }

void xen_dma_init(struct xen_dma *x, struct xen_gnttab *gt, uint64_t base, uint64_t size)
{
	uint64_t first = base >> XEN_PAGE_SHIFT;
	uint64_t end = (base + size + XEN_PAGE_SIZE - 1) >> XEN_PAGE_SHIFT;
	*x = (struct xen_dma){ .gt = gt, .first_pfn = first, .npages = end - first };
}

static struct xen_dma_window *window(struct xen_dma *x, xen_domid_t domid)
{
	for (unsigned i = 0; i < x->nw; i++)
		if (x->w[i].domid == domid)
			return &x->w[i];
	if (x->nw == XEN_DMA_MAX_BACKENDS || x->npages > UINT32_MAX)
		return 0;
	int64_t rw = xen_gnttab_alloc(x->gt, (uint32_t)x->npages);
	if (rw < 0)
		return 0;
	int64_t ro = xen_gnttab_alloc(x->gt, (uint32_t)x->npages);
	if (ro < 0) {
		xen_gnttab_free(x->gt, (xen_grant_ref_t)rw, (uint32_t)x->npages);
		return 0;
	}
	x->w[x->nw] = (struct xen_dma_window){ .domid = domid, .rw = (xen_grant_ref_t)rw, .ro = (xen_grant_ref_t)ro };
	return &x->w[x->nw++];
}

uint64_t xen_dma_addr(struct xen_dma *x, xen_domid_t domid, uint64_t pa, uint64_t len, int device_writes)
{
	uint64_t last = pa + (len ? len : 1) - 1;
	uint64_t first_pg = pa >> XEN_PAGE_SHIFT, last_pg = last >> XEN_PAGE_SHIFT;
	struct xen_dma_window *w = 0;
	if (last < pa || first_pg < x->first_pfn || last_pg >= x->first_pfn + x->npages ||
	    !(w = window(x, domid))) {
		x->refused++;
		return XEN_DMA_ERROR;
	}
	int ro = !device_writes;
	xen_grant_ref_t run = ro ? w->ro : w->rw;
	for (uint64_t pg = first_pg; pg <= last_pg; pg++) {
		xen_grant_ref_t ref = run + (xen_grant_ref_t)(pg - x->first_pfn);
		if (xen_gnttab_granted(x->gt, ref, domid, pg, ro))
			continue;
		if (xen_gnttab_grant(x->gt, ref, domid, pg, ro)) {
			x->refused++;
			return XEN_DMA_ERROR;
		}
		x->granted++;
	}
	uint64_t gref = run + (first_pg - x->first_pfn);
	return XEN_GRANT_DMA_ADDR_OFF | gref << XEN_PAGE_SHIFT | (pa & (XEN_PAGE_SIZE - 1));
}

unsigned xen_dma_revoke_all(struct xen_dma *x)
{
	unsigned busy = 0;
	for (unsigned i = 0; i < x->nw; i++)
		for (uint64_t p = 0; p < x->npages; p++) {
			busy += xen_gnttab_revoke(x->gt, x->w[i].rw + (xen_grant_ref_t)p) != 0;
			busy += xen_gnttab_revoke(x->gt, x->w[i].ro + (xen_grant_ref_t)p) != 0;
		}
	return busy;
}
