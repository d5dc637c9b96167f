/* The virtio-mmio version 2 register file (VIRTIO 1.4 section 4.2.2) of
 * one virtio-input device (device ID 18, 5.8) whose configuration space
 * is vcheck-vu-ref's device model (../vu-ref/device.c), unchanged. It
 * knows nothing of Xen: the driver's memory is an xr_dma, the interrupt a
 * callback, time an argument. main.c feeds it the guest's accesses. */
#ifndef XR_MMIO_H
#define XR_MMIO_H
#include <stdint.h>

#include "device.h"
#include "dma.h"
#include "trace.h"
#include "vring.h"

#define XR_WINDOW 0x200 /* libxl's window per virtio-mmio device */
#define XR_QUEUES 2
#define XR_QUEUE_EVENT 0  /* eventq: device-writable buffers (5.8.2) */
#define XR_QUEUE_STATUS 1 /* statusq: driver-to-device buffers */
#define XR_QUEUE_NUM_MAX 64
/* VendorID: "vchk" as four little-endian bytes, this project's own. */
#define XR_VENDOR_ID 0x6b686376u
/* Offered: VIRTIO_F_VERSION_1 (32) and VIRTIO_F_ACCESS_PLATFORM (33),
 * both of which Linux requires of a device behind Xen grant DMA;
 * --no-access-platform takes the second away (xr_mmio.features). */
#define XR_F_ACCESS_PLATFORM (1ull << 33)
#define XR_FEATURES ((1ull << 32) | XR_F_ACCESS_PLATFORM)

/* Raises the device's interrupt once (an edge); 0, or -1 on failure. */
typedef int xr_raise_fn(void *ctx);

struct xr_counts {
	uint64_t reads, writes;  /* accesses, an 8-byte one counting once */
	uint64_t notifies;       /* QueueNotify writes */
	uint64_t irqs, irq_failed;
	uint64_t resets, config_changes, used, needs_reset;
};

struct xr_mmio {
	struct vu_device dev;
	struct vu_device_opts dev_opts;
	struct xr_dma *dma;
	xr_raise_fn *raise;
	void *raise_ctx;
	struct xr_trace *trace;
	uint32_t status, isr, generation;
	uint32_t device_features_sel, driver_features_sel, queue_sel, shm_sel;
	uint64_t features; /* offered: XR_FEATURES unless the options took one away */
	uint64_t driver_features;
	int driver_features_beyond; /* a bit set above 63: none is offered */
	struct xr_vq vq[XR_QUEUES];
	struct xr_counts n;
};

/* -1 when the device options cannot work (vu_device_init's rule). */
int xr_mmio_init(struct xr_mmio *m, const struct vu_device_opts *o, struct xr_dma *dma,
		 xr_raise_fn *raise, void *raise_ctx, struct xr_trace *trace, uint64_t now_ms);

/* One guest access at offset off of the window, size 1, 2, 4 or 8. */
uint64_t xr_mmio_read(struct xr_mmio *m, uint32_t off, unsigned size, uint64_t now_ms);
void xr_mmio_write(struct xr_mmio *m, uint32_t off, unsigned size, uint64_t value, uint64_t now_ms);

/* The device's own clock: announce the config changes due by now_ms, and
 * how long until the next one (-1: none will come on its own). */
void xr_mmio_tick(struct xr_mmio *m, uint64_t now_ms);
int xr_mmio_next_ms(const struct xr_mmio *m, uint64_t now_ms);

/* The end of serving: every mapping released. */
void xr_mmio_end(struct xr_mmio *m);

/* ---- shared by mmio.c, queues.c and config.c ---- */
/* InterruptStatus |= bits and the interrupt raised (4.2.2). */
void xr_mmio_interrupt(struct xr_mmio *m, uint32_t bits, const char *what);
/* DEVICE_NEEDS_RESET and its configuration change notification (2.1.2). */
void xr_mmio_needs_reset(struct xr_mmio *m, const char *why);
uint32_t xr_queue_read(struct xr_mmio *m, uint32_t off);
void xr_queue_write(struct xr_mmio *m, uint32_t off, uint32_t v);
void xr_queues_reset(struct xr_mmio *m);
void xr_queue_serve(struct xr_mmio *m, unsigned qi);
uint64_t xr_config_read(struct xr_mmio *m, uint32_t off, unsigned size, uint64_t now_ms);
void xr_config_write(struct xr_mmio *m, uint32_t off, unsigned size, uint64_t v, uint64_t now_ms);
#endif
