/* The page cache behind xr_dma_read/write (dma.h). */
#include "dma.h"

#include <errno.h>
#include <string.h>

/* Rings and registers are little-endian (VIRTIO 1.4 2.7, 4.2.2) and this
 * code copies them as they lie: it runs on little-endian hosts only (the
 * arm64 dom0, the x86 unit tests). */
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "vcheck-xen-ref assumes a little-endian host"
#endif

void xr_dma_init(struct xr_dma *d, const struct xr_dma_ops *ops, void *ctx)
{
	memset(d, 0, sizeof *d);
	d->ops = ops;
	d->ctx = ctx;
}

static void drop(struct xr_dma *d, struct xr_dma_slot *s)
{
	struct xr_dma_counts *n = &d->n[s->kind];
	if (d->ops->unmap(d->ctx, (enum xr_map_kind)s->kind, s->page) == 0)
		n->unmapped++;
	else
		n->unmap_failed++;
	s->page = NULL;
}

void xr_dma_release(struct xr_dma *d, enum xr_hold hold)
{
	for (unsigned i = 0; i < XR_DMA_SLOTS; i++)
		if (d->slot[i].page && d->slot[i].hold == hold)
			drop(d, &d->slot[i]);
}

void xr_dma_release_all(struct xr_dma *d)
{
	for (unsigned i = 0; i < XR_DMA_SLOTS; i++)
		if (d->slot[i].page)
			drop(d, &d->slot[i]);
}

uint64_t xr_dma_held(const struct xr_dma *d, enum xr_map_kind kind)
{
	/* a failed unmap still holds the page as far as the guest can tell */
	const struct xr_dma_counts *n = &d->n[kind];
	return n->mapped - n->unmapped;
}

/* Grant refs are 32 bits (grant_ref_t); a larger one is no grant. */
static int decode(uint64_t addr, enum xr_map_kind *kind, uint64_t *frame)
{
	if (addr & XR_GRANT_DMA_BIT) {
		*kind = XR_MAP_GRANT;
		*frame = (addr & ~XR_GRANT_DMA_BIT) >> XR_PAGE_SHIFT;
		return *frame > UINT32_MAX ? -1 : 0;
	}
	*kind = XR_MAP_FOREIGN;
	*frame = addr >> XR_PAGE_SHIFT;
	return 0;
}

static struct xr_dma_slot *find(struct xr_dma *d, enum xr_map_kind kind, uint64_t frame,
				int writable)
{
	for (unsigned i = 0; i < XR_DMA_SLOTS; i++) {
		struct xr_dma_slot *s = &d->slot[i];
		if (s->page && s->kind == kind && s->frame == frame && (s->writable || !writable))
			return s;
	}
	return NULL;
}

static struct xr_dma_slot *free_slot(struct xr_dma *d)
{
	for (int pass = 0; pass < 2; pass++) {
		for (unsigned i = 0; i < XR_DMA_SLOTS; i++)
			if (!d->slot[i].page)
				return &d->slot[i];
		xr_dma_release_all(d); /* remade on demand: nothing holds a pointer */
	}
	return NULL;
}

/* The page holding addr, mapped writable when the device must write: a
 * read-only grant refuses a writable mapping, so reads map read-only. */
static uint8_t *page_for(struct xr_dma *d, uint64_t addr, int writable, enum xr_hold hold)
{
	enum xr_map_kind kind;
	uint64_t frame;
	if (decode(addr, &kind, &frame) < 0) {
		errno = EINVAL;
		return NULL;
	}
	struct xr_dma_slot *s = find(d, kind, frame, writable);
	if (!s) {
		void *page = d->ops->map(d->ctx, kind, frame, writable);
		if (!page) {
			d->n[kind].refused++;
			return NULL;
		}
		s = free_slot(d);
		*s = (struct xr_dma_slot){ page, frame, (uint8_t)kind, (uint8_t)!!writable, (uint8_t)hold };
		d->n[kind].mapped++;
	} else if (hold == XR_HOLD_RING) {
		s->hold = XR_HOLD_RING; /* a ring page keeps its mapping as long as the ring */
	}
	return (uint8_t *)s->page;
}

/* A range must not wrap or run from guest-physical into grant space. */
static int range_ok(uint64_t addr, size_t len)
{
	if (!len)
		return 1;
	uint64_t last = addr + (len - 1);
	return last >= addr && !((addr ^ last) & XR_GRANT_DMA_BIT);
}

static int copy(struct xr_dma *d, uint64_t addr, uint8_t *buf, size_t len, int to_guest,
		enum xr_hold hold)
{
	if (!range_ok(addr, len))
		return -1;
	while (len) {
		size_t off = addr & (XR_PAGE_SIZE - 1), n = XR_PAGE_SIZE - off;
		n = n < len ? n : len;
		uint8_t *page = page_for(d, addr, to_guest, hold);
		if (!page)
			return -1;
		if (to_guest)
			memcpy(page + off, buf, n);
		else
			memcpy(buf, page + off, n);
		addr += n, buf += n, len -= n;
	}
	return 0;
}

int xr_dma_read(struct xr_dma *d, uint64_t addr, void *buf, size_t len, enum xr_hold hold)
{
	return copy(d, addr, buf, len, 0, hold);
}

int xr_dma_write(struct xr_dma *d, uint64_t addr, const void *buf, size_t len, enum xr_hold hold)
{
	return copy(d, addr, (uint8_t *)(uintptr_t)buf, len, 1, hold);
}

int xr_dma_load16(struct xr_dma *d, uint64_t addr, uint16_t *v)
{
	uint8_t *page = (addr & 1) ? NULL : page_for(d, addr, 0, XR_HOLD_RING);
	if (!page)
		return -1;
	*v = __atomic_load_n((uint16_t *)(void *)(page + (addr & (XR_PAGE_SIZE - 1))), __ATOMIC_RELAXED);
	return 0;
}

int xr_dma_store16(struct xr_dma *d, uint64_t addr, uint16_t v)
{
	uint8_t *page = (addr & 1) ? NULL : page_for(d, addr, 1, XR_HOLD_RING);
	if (!page)
		return -1;
	__atomic_store_n((uint16_t *)(void *)(page + (addr & (XR_PAGE_SIZE - 1))), v, __ATOMIC_RELAXED);
	return 0;
}
