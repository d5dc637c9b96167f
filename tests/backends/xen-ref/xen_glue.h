/* Everything vcheck-xen-ref asks of Xen (4.17's libraries), behind a small
 * interface so that nothing else needs a Xen header: the ioreq server, its
 * per-vCPU event channels, the interrupt, and the page mapper behind
 * xr_dma (grants and foreign pages). */
#ifndef XR_XEN_GLUE_H
#define XR_XEN_GLUE_H
#include <stddef.h>
#include <stdint.h>

#include "dma.h"
#include "options.h"

struct xr_xen;

/* One guest access, offset in the window: a read fills *data. */
typedef void xr_io_fn(void *ctx, int is_read, uint32_t off, unsigned size, uint64_t *data);

/* The whole setup: handles, the ioreq server, its page, the server
 * enabled, the event channels bound, the window claimed. NULL on failure
 * with "call: error" in err. */
struct xr_xen *xr_xen_open(const struct xr_options *o, char *err, size_t errlen);

/* The fd to poll; readable when some vCPU has an ioreq. */
int xr_xen_fd(const struct xr_xen *x);
unsigned xr_xen_vcpus(const struct xr_xen *x);

/* Answers the ioreq behind one pending event. 0, or -1 with err set. */
int xr_xen_handle(struct xr_xen *x, xr_io_fn *io, void *ctx, char *err, size_t errlen);

/* 1 while the domain and its ioreq server exist, 0 once they are gone,
 * -1 when Xen would not say (err set). */
int xr_xen_alive(struct xr_xen *x, char *err, size_t errlen);

/* Ioreqs refused (not a single MMIO copy in the window): reads got all ones. */
uint64_t xr_xen_refused(const struct xr_xen *x);

/* xr_raise_fn: the SPI's edge. */
int xr_xen_raise(void *x);
/* For xr_dma, with the struct xr_xen as ctx. */
extern const struct xr_dma_ops xr_xen_dma_ops;

/* Unbinds, unmaps the ioreq page, destroys the server, closes the
 * handles. Map no page through it after xr_dma_release_all. */
void xr_xen_close(struct xr_xen *x);
#endif
