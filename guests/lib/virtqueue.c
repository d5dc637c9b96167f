#include "guests/lib/dma.h"
#include "arch/io.h"
#include "guests/lib/personality/personality.h"
#include "guests/lib/driver.h"
#include <string.h>
#include "guests/lib/virtqueue.h"

#define POOL_SIZE (4u << 20)
#define VQ_ALIGN 4096u

/* Not in .bss: vq_alloc zeroes what it hands out, so boot need not zero
 * 4 MiB with the MMU off in every cell. */
static uint8_t pool[POOL_SIZE] __attribute__((aligned(4096), section(".noinit")));
static unsigned pool_used;

void *vq_alloc(unsigned size, unsigned align)
{
	unsigned at = (pool_used + align - 1) & ~(align - 1);
	if (at + size > POOL_SIZE)
		return 0;
	pool_used = at + size;
	memset(pool + at, 0, size);
	return pool + at;
}

void vq_mem_reset(void) { pool_used = 0; }

static unsigned ring_bytes(unsigned num, unsigned *avail_off, unsigned *used_off)
{
	*avail_off = 16 * num;
	unsigned avail_end = *avail_off + 6 + 2 * num;
	*used_off = (avail_end + VQ_ALIGN - 1) & ~(VQ_ALIGN - 1);
	return *used_off + 6 + 8 * num;
}

int vq_setup(struct vdev *d, unsigned q, unsigned num, struct vq *vq)
{
	unsigned max = d->ops->queue_num_max(d, q);
	if (!max)
		return -1;
	if (!num || num > max || d->ops->kind == VC_TR_PCI_LEGACY)
		num = max; /* a legacy PCI device's queue size is fixed */
	unsigned avail_off, used_off;
	uint8_t *base = vq_alloc(ring_bytes(num, &avail_off, &used_off), VQ_ALIGN);
	if (!base)
		return -1;
	*vq = (struct vq){ .d = d, .index = q, .num = num, .desc = (struct vq_desc *)base,
			   .avail = (struct vq_avail *)(base + avail_off),
			   .used = (struct vq_used *)(base + used_off) };
	io_wmb();
	return d->ops->queue_setup(d, q, num, vc_dma_addr(d, base, avail_off, 0),
				   vc_dma_addr(d, vq->avail, 6 + 2 * num, 0),
				   vc_dma_addr(d, vq->used, 6 + 8 * num, 1));
}

void vq_fill_descs(struct vdev *d, struct vq_desc *table, unsigned first, const struct vq_buf *bufs, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		table[first + i] = (struct vq_desc){
			.addr = vc_dma_addr(d, bufs[i].addr, bufs[i].len, bufs[i].device_writes), .len = bufs[i].len,
			.flags = (uint16_t)((i + 1 < n ? VQ_DESC_F_NEXT : 0) |
					    (bufs[i].device_writes ? VQ_DESC_F_WRITE : 0)),
			.next = (uint16_t)(i + 1 < n ? first + i + 1 : 0) };
	}
}

void vq_publish(struct vq *vq, unsigned head)
{
	vq->avail->ring[vq->next_avail % vq->num] = (uint16_t)head;
	io_wmb(); /* the descriptors before the index that publishes them */
	vq->avail->idx = ++vq->next_avail;
}

int vq_add(struct vq *vq, unsigned head, const struct vq_buf *bufs, unsigned n)
{
	if (!n || head + n > vq->num)
		return -1;
	vq_fill_descs(vq->d, vq->desc, head, bufs, n);
	vq_publish(vq, head);
	return 0;
}

int vq_add_indirect(struct vq *vq, unsigned head, const struct vq_buf *bufs, unsigned n,
		    uint16_t extra_flags)
{
	struct vq_desc *table = vq_alloc(16 * n, 16);
	if (!n || head >= vq->num || !table)
		return -1;
	vq_fill_descs(vq->d, table, 0, bufs, n);
	vq->desc[head] = (struct vq_desc){ .addr = vc_dma_addr(vq->d, table, 16 * n, 0), .len = 16 * n,
					   .flags = (uint16_t)(VQ_DESC_F_INDIRECT | extra_flags) };
	vq_publish(vq, head);
	return 0;
}

void vq_kick(struct vq *vq)
{
	io_mb();
	vq->d->ops->notify(vq->d, vq->index);
}

int vq_submit(struct vq *vq, const struct vq_buf *bufs, unsigned n)
{
	if (vq_add(vq, 0, bufs, n))
		return -1;
	vq_kick(vq);
	return 0;
}

/* One chain per buffer, so a device that fills one buffer per message
 * (virtio-input's eventq) gets n of them. */
int vq_post_each(struct vq *vq, const struct vq_buf *bufs, unsigned n)
{
	if (!n || n > vq->num)
		return -1;
	for (unsigned i = 0; i < n; i++)
		vq_add(vq, i, &bufs[i], 1);
	vq_kick(vq);
	return 0;
}

int vq_wait_elem(struct vq *vq, unsigned timeout_us, struct vq_used_elem *e)
{
	uint64_t until = drv_deadline(timeout_us);
	while (*(volatile uint16_t *)&vq->used->idx == vq->last_used)
		if (drv_expired(until) || vc_personality_ring_unseen(vq->d, vq->index))
			return -1;
	io_rmb();
	*e = vq->used->ring[vq->last_used % vq->num];
	vq->last_used++;
	return 0;
}

int vq_wait(struct vq *vq, unsigned timeout_us, uint32_t *len)
{
	struct vq_used_elem e;
	if (vq_wait_elem(vq, timeout_us, &e))
		return -1;
	*len = e.len;
	return 0;
}
