/* Split virtqueues (VIRTIO 1.2 2.7) in the image's own RAM: identity-mapped,
 * so buffer addresses are physical addresses. One layout serves every
 * transport: descriptors, then the driver ring, then the device ring on the
 * next 4 KiB boundary (the legacy layout with QueueAlign = 4096). */
#ifndef VC_VIRTQUEUE_H
#define VC_VIRTQUEUE_H
#include <stdint.h>
#include "guests/lib/vdev.h"

#define VQ_DESC_F_NEXT 1u
#define VQ_DESC_F_WRITE 2u
#define VQ_DESC_F_INDIRECT 4u
#define VQ_AVAIL_F_NO_INTERRUPT 1u

struct vq_desc { uint64_t addr; uint32_t len; uint16_t flags, next; };
struct vq_avail { uint16_t flags, idx, ring[]; };
struct vq_used_elem { uint32_t id, len; };
struct vq_used { uint16_t flags, idx; struct vq_used_elem ring[]; };

struct vq {
	struct vdev *d;
	unsigned index, num;
	struct vq_desc *desc;
	struct vq_avail *avail;
	struct vq_used *used;
	uint16_t next_avail, last_used;
};

struct vq_buf { void *addr; uint32_t len; int device_writes; };

/* DMA memory for one check; vq_mem_reset() frees it all between checks. */
void *vq_alloc(unsigned size, unsigned align);
void vq_mem_reset(void);
/* Lays out and programs queue q with `num` entries (0: QueueNumMax). */
int vq_setup(struct vdev *d, unsigned q, unsigned num, struct vq *vq);
/* Queues one chain of n buffers starting at descriptor 0 and notifies. */
int vq_submit(struct vq *vq, const struct vq_buf *bufs, unsigned n);
/* Writes a chain of n buffers into descriptors head..head+n-1 and publishes
 * it on the available ring, without notifying; 0, or -1 when it does not fit. */
int vq_add(struct vq *vq, unsigned head, const struct vq_buf *bufs, unsigned n);
/* Writes the n buffers as an indirect table and publishes descriptor `head`
 * (flags: VQ_DESC_F_INDIRECT plus `extra_flags`) referring to it. */
int vq_add_indirect(struct vq *vq, unsigned head, const struct vq_buf *bufs, unsigned n,
		    uint16_t extra_flags);
/* Publishes descriptor `head` (already written) on the available ring. */
void vq_publish(struct vq *vq, unsigned head);
void vq_kick(struct vq *vq);
/* Makes each of n buffers available as a chain of its own (descriptors
 * 0..n-1) and notifies: what a device that fills one buffer per message
 * (virtio-input's eventq) needs. */
int vq_post_each(struct vq *vq, const struct vq_buf *bufs, unsigned n);
/* Polls the used ring; 0 and the written length, or -1 after timeout_us. */
int vq_wait(struct vq *vq, unsigned timeout_us, uint32_t *len);
/* As vq_wait, with the whole used element. */
int vq_wait_elem(struct vq *vq, unsigned timeout_us, struct vq_used_elem *e);
/* used_event (after the available ring) and avail_event (after the used
 * ring), VIRTIO 1.2 2.7.6 and 2.7.8. */
static inline volatile uint16_t *vq_used_event(struct vq *vq) { return &vq->avail->ring[vq->num]; }
static inline volatile uint16_t *vq_avail_event(struct vq *vq)
{
	return (volatile uint16_t *)&vq->used->ring[vq->num];
}
/* Fills the chain's buffers into a table (indirect or direct). */
void vq_fill_descs(struct vdev *d, struct vq_desc *table, unsigned first, const struct vq_buf *bufs, unsigned n);
#endif
