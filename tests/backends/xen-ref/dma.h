/* The driver's memory as the device reaches it: DMA addresses the driver
 * wrote (queue addresses, descriptor addresses) turned into bytes through
 * page mappings the host makes (xen_glue.c: grants and foreign pages; the
 * unit test: fake memory), cached per page.
 *
 * With Xen grant DMA (Linux's grant-dma-ops) an address has bit 63 set and
 * names a grant: ref = (addr without bit 63) >> 12, the low 12 bits the
 * offset in that page; a buffer spanning pages uses consecutive refs.
 * Without bit 63 it is a guest-physical address. Nothing here holds a
 * pointer into a mapping across calls, so any mapping may be dropped at
 * any time and made again when next needed. */
#ifndef XR_DMA_H
#define XR_DMA_H
#include <stddef.h>
#include <stdint.h>

#define XR_PAGE_SHIFT 12
#define XR_PAGE_SIZE (1u << XR_PAGE_SHIFT)
#define XR_GRANT_DMA_BIT (1ull << 63)
/* Mappings cached at once; more drop every one first (they are remade on
 * demand). Two queues' rings take at most six pages. */
#define XR_DMA_SLOTS 32

enum xr_map_kind { XR_MAP_FOREIGN, XR_MAP_GRANT, XR_MAP_KINDS };

/* How long a mapping is kept. Rings are allocated once per queue setup
 * and read on every notification; a buffer's pages are the driver's to
 * reuse or revoke as soon as it sees the buffer used, and Linux's grant
 * DMA refuses to free a grant the backend still maps. */
enum xr_hold { XR_HOLD_RING, XR_HOLD_BUFFER };

/* The host's page mapper. map returns the page's address (4 KiB, mapped
 * read-only unless writable) or NULL with errno set; unmap undoes one. */
struct xr_dma_ops {
	void *(*map)(void *ctx, enum xr_map_kind kind, uint64_t frame, int writable);
	int (*unmap)(void *ctx, enum xr_map_kind kind, void *page);
};

struct xr_dma_slot {
	void *page; /* NULL: free */
	uint64_t frame;
	uint8_t kind, writable, hold;
};

struct xr_dma_counts {
	uint64_t mapped, unmapped, refused, unmap_failed;
};

struct xr_dma {
	const struct xr_dma_ops *ops;
	void *ctx;
	struct xr_dma_slot slot[XR_DMA_SLOTS];
	struct xr_dma_counts n[XR_MAP_KINDS];
};

void xr_dma_init(struct xr_dma *d, const struct xr_dma_ops *ops, void *ctx);

/* Copy len bytes from or to the driver's address addr, page by page.
 * 0, or -1 when a page cannot be mapped or the range wraps. */
int xr_dma_read(struct xr_dma *d, uint64_t addr, void *buf, size_t len, enum xr_hold hold);
int xr_dma_write(struct xr_dma *d, uint64_t addr, const void *buf, size_t len, enum xr_hold hold);

/* A ring index (2 bytes, 2-aligned): one 16-bit load or store, so the
 * other side never sees half of an update. -1 when unaligned or unmapped. */
int xr_dma_load16(struct xr_dma *d, uint64_t addr, uint16_t *v);
int xr_dma_store16(struct xr_dma *d, uint64_t addr, uint16_t v);

/* Unmap every mapping held for that long, or every one. */
void xr_dma_release(struct xr_dma *d, enum xr_hold hold);
void xr_dma_release_all(struct xr_dma *d);

/* Mappings of a kind made and not yet unmapped. */
uint64_t xr_dma_held(const struct xr_dma *d, enum xr_map_kind kind);
#endif
