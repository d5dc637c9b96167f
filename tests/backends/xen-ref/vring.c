/* Split ring processing (vring.h). Section numbers are VIRTIO 1.4's. */
#include "vring.h"

#include <stdio.h>
#include <string.h>

/* 2.7.5 the descriptor table */
struct desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags, next;
};
#define DESC_F_NEXT 1
#define DESC_F_WRITE 2
#define DESC_F_INDIRECT 4
/* 2.7.6 the available ring: flags, idx, ring[num] */
#define AVAIL_FLAGS 0
#define AVAIL_IDX 2
#define AVAIL_RING 4
#define AVAIL_F_NO_INTERRUPT 1
/* 2.7.8 the used ring: flags, idx, ring[num] of {le32 id, le32 len} */
#define USED_IDX 2
#define USED_RING 4

void xr_vq_reset(struct xr_vq *q) { memset(q, 0, sizeof *q); }

/* 2.7 table "Virtqueue Part Alignment": descriptors 16, available ring 2,
 * used ring 4. */
static int aligned(const struct xr_vq *q)
{
	return !(q->desc & 15) && !(q->driver & 1) && !(q->device & 3);
}

/* How many entries the driver has made available; -1 when its idx ran
 * further ahead than the ring holds (2.7.6: idx counts entries added, and
 * no more than QueueNum can be outstanding). */
static int pending(struct xr_vq *q, struct xr_dma *d, char *why)
{
	uint16_t idx;
	if (xr_dma_load16(d, q->driver + AVAIL_IDX, &idx) < 0) {
		snprintf(why, XR_WHY_LEN, "available ring at 0x%llx not mappable", (unsigned long long)q->driver);
		return -1;
	}
	/* read the entries only after the idx that covers them (2.7.13) */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	uint16_t n = (uint16_t)(idx - q->last_avail);
	if (n > q->num) {
		snprintf(why, XR_WHY_LEN, "available idx %u is %u ahead, QueueNum is %u", idx, n, q->num);
		return -1;
	}
	return n;
}

static int read_desc(struct xr_vq *q, struct xr_dma *d, uint16_t i, struct desc *out, char *why)
{
	if (xr_dma_read(d, q->desc + 16ull * i, out, sizeof *out, XR_HOLD_RING) == 0)
		return 0;
	snprintf(why, XR_WHY_LEN, "descriptor %u not mappable", i);
	return -1;
}

/* One descriptor's part in the chain: its checks, and its first bytes
 * into the peek when the device may read it. */
static int visit(struct xr_dma *d, const struct desc *ds, uint16_t i, struct xr_chain *c, char *why)
{
	/* 2.7.5.3.1: INDIRECT needs VIRTIO_F_INDIRECT_DESC, never offered */
	if (ds->flags & DESC_F_INDIRECT) {
		snprintf(why, XR_WHY_LEN, "descriptor %u is indirect, not negotiated", i);
		return -1;
	}
	/* 2.7.5.2: a chain is at most 2^32 bytes; a buffer does not wrap */
	if ((uint64_t)c->len + ds->len > UINT32_MAX || (ds->len && ds->addr + (ds->len - 1) < ds->addr)) {
		snprintf(why, XR_WHY_LEN, "descriptor %u: length 0x%x overflows", i, ds->len);
		return -1;
	}
	c->len += ds->len;
	if (!(ds->flags & DESC_F_WRITE) && c->peeked < XR_CHAIN_PEEK) {
		uint32_t n = XR_CHAIN_PEEK - c->peeked;
		n = ds->len < n ? ds->len : n;
		if (xr_dma_read(d, ds->addr, c->peek + c->peeked, n, XR_HOLD_BUFFER) < 0) {
			snprintf(why, XR_WHY_LEN, "descriptor %u: buffer at 0x%llx not mappable", i,
				 (unsigned long long)ds->addr);
			return -1;
		}
		c->peeked += n;
	}
	return 0;
}

/* Follows NEXT from head: at most QueueNum descriptors (more means a
 * loop, 2.7.5.2), every index below QueueNum (2.7.5). */
static int walk(struct xr_vq *q, struct xr_dma *d, struct xr_chain *c, char *why)
{
	uint16_t i = c->head;
	for (;;) {
		if (i >= q->num) {
			snprintf(why, XR_WHY_LEN, "descriptor index %u out of range (QueueNum %u)", i, q->num);
			return -1;
		}
		if (c->descs >= q->num) {
			snprintf(why, XR_WHY_LEN, "chain from %u longer than QueueNum %u (a loop)", c->head, q->num);
			return -1;
		}
		struct desc ds;
		if (read_desc(q, d, i, &ds, why) < 0 || visit(d, &ds, i, c, why) < 0)
			return -1;
		c->descs++;
		if (!(ds.flags & DESC_F_NEXT))
			return 0;
		i = ds.next;
	}
}

static int put_used(struct xr_vq *q, struct xr_dma *d, uint32_t id, char *why)
{
	uint32_t elem[2] = { id, 0 };
	uint64_t at = q->device + USED_RING + 8ull * (q->used_idx % q->num);
	if (xr_dma_write(d, at, elem, sizeof elem, XR_HOLD_RING) == 0)
		return 0;
	snprintf(why, XR_WHY_LEN, "used ring at 0x%llx not mappable writable", (unsigned long long)q->device);
	return -1;
}

enum xr_vq_take xr_vq_take(struct xr_vq *q, struct xr_dma *d, struct xr_chain *c,
			   char why[XR_WHY_LEN])
{
	memset(c, 0, sizeof *c);
	if (!aligned(q)) {
		snprintf(why, XR_WHY_LEN, "ring parts misaligned (desc 0x%llx, driver 0x%llx, device 0x%llx)",
			 (unsigned long long)q->desc, (unsigned long long)q->driver,
			 (unsigned long long)q->device);
		return XR_VQ_MALFORMED;
	}
	int n = pending(q, d, why);
	if (n <= 0)
		return n < 0 ? XR_VQ_MALFORMED : XR_VQ_EMPTY;
	uint64_t at = q->driver + AVAIL_RING + 2ull * (q->last_avail % q->num);
	if (xr_dma_load16(d, at, &c->head) < 0) {
		snprintf(why, XR_WHY_LEN, "available ring entry not mappable");
		return XR_VQ_MALFORMED;
	}
	int bad = walk(q, d, c, why);
	/* the driver may revoke or reuse the buffers once it sees them used */
	xr_dma_release(d, XR_HOLD_BUFFER);
	if (bad < 0 || put_used(q, d, c->head, why) < 0)
		return XR_VQ_MALFORMED;
	q->last_avail++;
	q->used_idx++;
	return XR_VQ_TAKEN;
}

int xr_vq_publish(struct xr_vq *q, struct xr_dma *d, char why[XR_WHY_LEN])
{
	/* 2.7.8: the used elements before the idx that covers them */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	if (xr_dma_store16(d, q->device + USED_IDX, q->used_idx) < 0) {
		snprintf(why, XR_WHY_LEN, "used idx not mappable writable");
		return -1;
	}
	/* the idx store before the flags load, or a driver that just cleared
	 * NO_INTERRUPT could miss both the new idx and the notification */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	uint16_t flags;
	if (xr_dma_load16(d, q->driver + AVAIL_FLAGS, &flags) < 0) {
		snprintf(why, XR_WHY_LEN, "available ring flags not mappable");
		return -1;
	}
	/* 2.7.7: without VIRTIO_F_EVENT_IDX, NO_INTERRUPT asks for none */
	return !(flags & AVAIL_F_NO_INTERRUPT);
}
