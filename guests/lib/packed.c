#include "guests/lib/dma.h"
#include "guests/lib/driver.h"
#include "arch/io.h"
#include "guests/lib/personality/personality.h"
#include "guests/lib/packed.h"

int pvq_setup(struct vdev *d, unsigned q, unsigned num, struct pvq *vq)
{
	unsigned max = d->ops->queue_num_max(d, q);
	if (!max)
		return -1;
	if (!num || num > max)
		num = max;
	/* Alignments of 2.8.10.1: ring 16, each event structure 4. */
	struct pvq_desc *desc = vq_alloc(16 * num, 16);
	struct pvq_event *drv = vq_alloc(4, 4), *dev = vq_alloc(4, 4);
	if (!desc || !drv || !dev)
		return -1;
	*vq = (struct pvq){ .d = d, .index = q, .num = num, .desc = desc, .driver = drv, .device = dev,
			    .avail_wrap = 1, .used_wrap = 1 };
	io_wmb();
	/* The device writes descriptors back (used flags) and its own event area. */
	return d->ops->queue_setup(d, q, num, vc_dma_addr(d, desc, 16 * num, 1), vc_dma_addr(d, drv, 4, 0),
				   vc_dma_addr(d, dev, 4, 1));
}

static uint16_t avail_flags(const struct pvq *vq)
{
	return (uint16_t)(vq->avail_wrap ? PVQ_F_AVAIL : PVQ_F_USED);
}

static void advance_avail(struct pvq *vq)
{
	if (++vq->next_avail >= vq->num) {
		vq->next_avail = 0;
		vq->avail_wrap ^= 1;
	}
}

int pvq_add(struct pvq *vq, const struct vq_buf *bufs, unsigned n, uint16_t id, unsigned opts)
{
	if (!n || n > vq->num)
		return -1;
	int first = vq->next_avail;
	uint16_t first_flags = 0;
	for (unsigned i = 0; i < n; i++) {
		struct pvq_desc *d = &vq->desc[vq->next_avail];
		uint16_t f = (uint16_t)(avail_flags(vq) | (i + 1 < n ? PVQ_F_NEXT : 0) |
					(bufs[i].device_writes ? PVQ_F_WRITE : 0));
		d->addr = vc_dma_addr(vq->d, bufs[i].addr, bufs[i].len, bufs[i].device_writes);
		d->len = bufs[i].len;
		d->id = (opts & PVQ_ID_LAST_ONLY) && i + 1 < n ? (uint16_t)~id : id;
		if (i == 0)
			first_flags = f;
		else
			d->flags = f;
		advance_avail(vq);
	}
	io_wmb(); /* the rest of the buffer before its first descriptor (2.8.6) */
	vq->held_flags = first_flags;
	vq->desc[first].flags = (opts & PVQ_HOLD) ? (uint16_t)(first_flags & ~(PVQ_F_AVAIL | PVQ_F_USED))
						  : first_flags;
	return first;
}

int pvq_add_indirect(struct pvq *vq, const struct vq_buf *bufs, unsigned n, uint16_t id,
		     uint16_t extra_flags)
{
	struct pvq_desc *table = vq_alloc(16 * n, 16);
	if (!n || !table)
		return -1;
	for (unsigned i = 0; i < n; i++)
		table[i] = (struct pvq_desc){ .addr = vc_dma_addr(vq->d, bufs[i].addr, bufs[i].len, bufs[i].device_writes),
					      .len = bufs[i].len,
					      .flags = (uint16_t)(bufs[i].device_writes ? PVQ_F_WRITE : 0) };
	int pos = vq->next_avail;
	struct pvq_desc *d = &vq->desc[pos];
	d->addr = vc_dma_addr(vq->d, table, 16 * n, 0);
	d->len = 16 * n;
	d->id = id;
	uint16_t f = (uint16_t)(avail_flags(vq) | PVQ_F_INDIRECT | extra_flags);
	advance_avail(vq);
	io_wmb();
	d->flags = f;
	return pos;
}

void pvq_release(struct pvq *vq, int pos)
{
	io_wmb();
	vq->desc[pos].flags = vq->held_flags;
}

void pvq_kick(struct pvq *vq)
{
	io_mb();
	vq->d->ops->notify(vq->d, vq->index);
}

int pvq_used_ready(const struct pvq *vq)
{
	uint16_t f = *(volatile uint16_t *)&vq->desc[vq->next_used].flags;
	unsigned avail = !!(f & PVQ_F_AVAIL), used = !!(f & PVQ_F_USED);
	return avail == vq->used_wrap && used == vq->used_wrap;
}

int pvq_wait(struct pvq *vq, unsigned ndescs, unsigned timeout_us, struct pvq_desc *used)
{
	uint64_t until = drv_deadline(timeout_us);
	while (!pvq_used_ready(vq))
		if (drv_expired(until) || vc_personality_ring_unseen(vq->d, vq->index))
			return -1;
	io_rmb();
	*used = vq->desc[vq->next_used];
	vq->next_used = (uint16_t)(vq->next_used + ndescs);
	if (vq->next_used >= vq->num) {
		vq->next_used = (uint16_t)(vq->next_used - vq->num);
		vq->used_wrap ^= 1;
	}
	return 0;
}

int pvq_wait_change(struct pvq *vq, unsigned pos, uint16_t written, unsigned timeout_us, struct pvq_desc *out)
{
	uint64_t until = drv_deadline(timeout_us);
	while (*(volatile uint16_t *)&vq->desc[pos].flags == written)
		if (drv_expired(until) || vc_personality_ring_unseen(vq->d, vq->index))
			return -1;
	io_rmb();
	*out = vq->desc[pos];
	return 0;
}
