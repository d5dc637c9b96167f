/* Packed virtqueues (VIRTIO 1.2 2.8) in the image's own RAM: a descriptor
 * ring, the driver event suppression area (read by the device) and the
 * device event suppression area (written by the device). The driver side
 * keeps the two wrap counters the spec describes (2.8.1). */
#ifndef VC_PACKED_H
#define VC_PACKED_H
#include <stdint.h>
#include "guests/lib/vdev.h"
#include "guests/lib/virtqueue.h"

#define PVQ_F_NEXT 1u
#define PVQ_F_WRITE 2u
#define PVQ_F_INDIRECT 4u
#define PVQ_F_AVAIL (1u << 7)
#define PVQ_F_USED (1u << 15)

#define PVQ_EVT_ENABLE 0u
#define PVQ_EVT_DISABLE 1u
#define PVQ_EVT_DESC 2u
#define PVQ_EVT_FLAGS_MASK 3u

struct pvq_desc { uint64_t addr; uint32_t len; uint16_t id, flags; };
struct pvq_event { uint16_t off_wrap, flags; };

struct pvq {
	struct vdev *d;
	unsigned index, num;
	struct pvq_desc *desc;
	struct pvq_event *driver, *device;
	uint16_t next_avail, next_used;
	uint8_t avail_wrap, used_wrap;
	uint16_t held_flags; /* flags a PVQ_HOLD descriptor gets on release */
};

/* Options of pvq_add. */
#define PVQ_ID_LAST_ONLY 1u  /* the buffer ID in the last descriptor only (2.8.6); others carry ~id */
#define PVQ_HOLD 2u          /* leave the first descriptor's AVAIL and USED bits at 0, as a zeroed ring */

/* Lays out and programs queue q with `num` entries (0: QueueNumMax). */
int pvq_setup(struct vdev *d, unsigned q, unsigned num, struct pvq *vq);
/* Writes one buffer of n elements at the ring position next_avail, with
 * buffer ID `id`, first descriptor last (2.8.21.1); does not notify.
 * Returns the ring position of its first descriptor, or -1. */
int pvq_add(struct pvq *vq, const struct vq_buf *bufs, unsigned n, uint16_t id, unsigned opts);
/* One descriptor with PVQ_F_INDIRECT (plus extra_flags) referring to a
 * table of the n elements. */
int pvq_add_indirect(struct pvq *vq, const struct vq_buf *bufs, unsigned n, uint16_t id,
		     uint16_t extra_flags);
/* Makes the held descriptor at `pos` (the last pvq_add with PVQ_HOLD) available. */
void pvq_release(struct pvq *vq, int pos);
void pvq_kick(struct pvq *vq);
/* Whether the descriptor at the next used position is used under the
 * driver's view of the device wrap counter. */
int pvq_used_ready(const struct pvq *vq);
/* Waits for the used descriptor at the next used position; copies it to
 * *used and skips `ndescs` ring positions (the buffer's descriptor count).
 * 0, or -1 after timeout_us. */
int pvq_wait(struct pvq *vq, unsigned ndescs, unsigned timeout_us, struct pvq_desc *used);
/* Waits until the descriptor at `pos` no longer holds the flags `written`
 * (whatever the device wrote instead); 0 and a copy, or -1 after timeout_us.
 * For checks that judge the flags a device writes. */
int pvq_wait_change(struct pvq *vq, unsigned pos, uint16_t written, unsigned timeout_us, struct pvq_desc *out);
#endif
