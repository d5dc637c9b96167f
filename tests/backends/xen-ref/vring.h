/* One split virtqueue as the device side processes it (VIRTIO 1.4 2.7),
 * reading and writing the driver's rings only through xr_dma, and never
 * trusting them: every index is bounded by QueueNum, every chain by
 * QueueNum descriptors, every length by 32 bits. A ring that breaks one of
 * these is malformed and the caller sets DEVICE_NEEDS_RESET (2.1.2). */
#ifndef XR_VRING_H
#define XR_VRING_H
#include <stddef.h>
#include <stdint.h>

#include "dma.h"

/* Bytes of a chain's device-readable data kept for the trace: one
 * virtio_input_event (le16 type, le16 code, le32 value; 5.8.6). */
#define XR_CHAIN_PEEK 8
#define XR_WHY_LEN 96

struct xr_vq {
	uint32_t num;   /* QueueNum */
	uint8_t ready;  /* QueueReady */
	uint64_t desc, driver, device; /* QueueDesc, QueueDriver, QueueDevice */
	uint16_t last_avail; /* the next available entry the device takes */
	uint16_t used_idx;   /* the used ring's idx as the device last wrote it */
};

struct xr_chain {
	uint16_t head, descs;
	uint32_t len; /* all its descriptors' bytes */
	uint8_t peek[XR_CHAIN_PEEK];
	uint32_t peeked;
};

enum xr_vq_take { XR_VQ_EMPTY, XR_VQ_TAKEN, XR_VQ_MALFORMED };

/* Takes the next available chain, walks it, and writes its used element
 * (id = head, len 0: the device writes nothing into it) without publishing
 * it. The chain's buffer pages are unmapped before it returns. On
 * XR_VQ_MALFORMED, why says what was wrong. */
enum xr_vq_take xr_vq_take(struct xr_vq *q, struct xr_dma *d, struct xr_chain *c,
			   char why[XR_WHY_LEN]);

/* Makes the used elements written so far visible (the used idx, after a
 * release barrier). 1 when the driver wants a used buffer notification,
 * 0 when it asked for none, -1 (why set) when the ring cannot be reached. */
int xr_vq_publish(struct xr_vq *q, struct xr_dma *d, char why[XR_WHY_LEN]);

/* A queue as reset leaves it: not ready, no size or addresses. */
void xr_vq_reset(struct xr_vq *q);
#endif
