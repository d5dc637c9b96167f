/* virtio-blk requests (VIRTIO 1.2 5.2.6) for the checks that use the block
 * device to exercise a ring: a three-element read whose data the guest can
 * verify against the disk pattern. static inline: see suites/check.h. */
#ifndef VC_BLKREQ_H
#define VC_BLKREQ_H
#include <stdint.h>
#include "vcheck/blk_pattern.h"
#include "vcheck/dev/blk.h"
#include "guests/lib/virtqueue.h"

struct blk_req_hdr { uint32_t type, reserved; uint64_t sector; };

struct blk_req {
	struct blk_req_hdr *hdr;
	uint8_t *data, *status;
	struct vq_buf b[3]; /* header, data (device-writable for a read), status */
};

static inline void blk_req_prepare(struct blk_req *r, uint32_t type, uint64_t sector)
{
	r->hdr = vq_alloc(sizeof(*r->hdr), 16);
	r->data = vq_alloc(VC_BLK_SECTOR, 512);
	r->status = vq_alloc(1, 1);
	r->hdr->type = type;
	r->hdr->sector = sector;
	*r->status = 0xff; /* shows whether the device wrote it */
	r->b[0] = (struct vq_buf){ r->hdr, sizeof(*r->hdr), 0 };
	r->b[1] = (struct vq_buf){ r->data, VC_BLK_SECTOR, type == BLK_T_IN };
	r->b[2] = (struct vq_buf){ r->status, 1, 1 };
}

/* Offset of the first byte that differs from the disk pattern, or -1. */
static inline int blk_req_mismatch(const struct blk_req *r, uint64_t sector)
{
	for (unsigned i = 0; i < VC_BLK_SECTOR; i++)
		if (r->data[i] != vc_blk_pattern_byte(sector, i))
			return (int)i;
	return -1;
}
#endif
