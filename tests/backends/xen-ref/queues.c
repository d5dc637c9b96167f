/* The queue registers of the virtio-mmio v2 window and what a notification
 * does (mmio.h). Section numbers are VIRTIO 1.4's. */
#include "mmio.h"

#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_status.h"

/* The selected queue, or NULL when QueueSel names none (4.2.2: such a
 * queue is "not available"). */
static struct xr_vq *selected(struct xr_mmio *m)
{
	return m->queue_sel < XR_QUEUES ? &m->vq[m->queue_sel] : NULL;
}


uint32_t xr_queue_read(struct xr_mmio *m, uint32_t off)
{
	struct xr_vq *q = selected(m);
	switch (off) {
	/* 4.2.2 QueueNumMax: 0 for a queue that is not available */
	case VIRTIO_MMIO_QUEUE_NUM_MAX: return q ? XR_QUEUE_NUM_MAX : 0;
	/* 4.2.2 QueueReady: the last value written */
	case VIRTIO_MMIO_QUEUE_READY: return q ? q->ready : 0;
	}
	/* the rest is write-only (QueueNum, the addresses), QueueReset needs
	 * VIRTIO_F_RING_RESET (never offered), or no register at all: 0 */
	return 0;
}

static void set_half(uint64_t *a, int upper, uint32_t v)
{
	*a = upper ? (*a & 0xffffffffull) | (uint64_t)v << 32 : (*a & ~0xffffffffull) | v;
}

/* 2.7: a split queue's size is a power of 2, here at most QueueNumMax. */
static int size_ok(uint32_t num) { return num && num <= XR_QUEUE_NUM_MAX && !(num & (num - 1)); }

static void set_ready(struct xr_mmio *m, struct xr_vq *q, uint32_t v)
{
	unsigned qi = (unsigned)(q - m->vq);
	if (!(v & 1)) {
		q->ready = 0;
		/* its rings are the driver's again: unmap them (and the other
		 * queue's, remapped when next used) */
		xr_dma_release(m->dma, XR_HOLD_RING);
		xr_trace_event(m->trace, "queue %u disabled", qi);
		return;
	}
	/* 4.2.2: QueueReady reads back the last value written, so it is
	 * stored even over a size no queue can have; such a queue is refused
	 * when the driver first makes the device use it (xr_queue_serve) */
	q->ready = 1;
	if (!size_ok(q->num))
		xr_trace_event(m->trace, "queue %u ready with QueueNum %u, which is no queue size", qi, q->num);
	q->last_avail = q->used_idx = 0; /* a new ring starts at index 0 (2.7.6, 2.7.8) */
	xr_trace_event(m->trace, "queue %u ready: num %u desc 0x%llx driver 0x%llx device 0x%llx", qi, q->num,
		       (unsigned long long)q->desc, (unsigned long long)q->driver, (unsigned long long)q->device);
}

/* 4.2.2 QueueNotify: the value is the queue's index (no
 * VIRTIO_F_NOTIFICATION_DATA). 3.1.1 / 2.7: nothing is consumed before
 * DRIVER_OK, nor once the device needs a reset. */
static void notify(struct xr_mmio *m, uint32_t v)
{
	m->n.notifies++;
	xr_trace_event(m->trace, "notify %u", v);
	xr_trace_flush(m->trace);
	if (v == XR_QUEUE_STATUS)
		xr_queue_serve(m, v);
	/* the eventq's buffers stay with the device: it has no input events */
}

void xr_queue_write(struct xr_mmio *m, uint32_t off, uint32_t v)
{
	if (off == VIRTIO_MMIO_QUEUE_SEL) {
		m->queue_sel = v;
		return;
	}
	if (off == VIRTIO_MMIO_QUEUE_NOTIFY) {
		notify(m, v);
		return;
	}
	struct xr_vq *q = selected(m);
	if (!q)
		return;
	if (off == VIRTIO_MMIO_QUEUE_READY) {
		set_ready(m, q, v);
		return;
	}
	/* 4.2.3.2: size and addresses are written while the queue is not
	 * ready; a ring in use cannot move under the device */
	if (q->ready)
		return;
	switch (off) {
	case VIRTIO_MMIO_QUEUE_NUM: q->num = v; break;
	case VIRTIO_MMIO_QUEUE_DESC_LOW: set_half(&q->desc, 0, v); break;
	case VIRTIO_MMIO_QUEUE_DESC_HIGH: set_half(&q->desc, 1, v); break;
	case VIRTIO_MMIO_QUEUE_DRIVER_LOW: set_half(&q->driver, 0, v); break;
	case VIRTIO_MMIO_QUEUE_DRIVER_HIGH: set_half(&q->driver, 1, v); break;
	case VIRTIO_MMIO_QUEUE_DEVICE_LOW: set_half(&q->device, 0, v); break;
	case VIRTIO_MMIO_QUEUE_DEVICE_HIGH: set_half(&q->device, 1, v); break;
	}
}

void xr_queues_reset(struct xr_mmio *m)
{
	for (unsigned i = 0; i < XR_QUEUES; i++)
		xr_vq_reset(&m->vq[i]);
}

static void trace_chain(struct xr_mmio *m, const struct xr_chain *c)
{
	const uint8_t *p = c->peek;
	if (c->peeked < XR_CHAIN_PEEK) {
		xr_trace_event(m->trace, "statusq head %u descs %u len %u (short)", c->head, c->descs, c->len);
		return;
	}
	/* 5.8.6: struct virtio_input_event { le16 type; le16 code; le32 value; } */
	xr_trace_event(m->trace, "statusq head %u descs %u len %u event type 0x%x code 0x%x value 0x%x", c->head,
		       c->descs, c->len, (unsigned)(p[0] | p[1] << 8), (unsigned)(p[2] | p[3] << 8),
		       (unsigned)p[4] | (unsigned)p[5] << 8 | (unsigned)p[6] << 16 | (unsigned)p[7] << 24);
}

/* Consumes every chain available on the queue, at most QueueNum per call,
 * returns them used with length 0, and notifies the driver once. */
void xr_queue_serve(struct xr_mmio *m, unsigned qi)
{
	struct xr_vq *q = &m->vq[qi];
	if (!(m->status & VIRTIO_STATUS_DRIVER_OK) || (m->status & VIRTIO_STATUS_DEVICE_NEEDS_RESET) || !q->ready)
		return;
	char why[XR_WHY_LEN];
	if (!size_ok(q->num)) {
		snprintf(why, sizeof(why), "queue %u used with QueueNum %u, which is no queue size (2.7)", qi, q->num);
		xr_mmio_needs_reset(m, why);
		return;
	}
	struct xr_chain c;
	unsigned taken = 0;
	for (; taken < q->num; taken++) {
		enum xr_vq_take r = xr_vq_take(q, m->dma, &c, why);
		if (r == XR_VQ_EMPTY)
			break;
		if (r == XR_VQ_MALFORMED) {
			xr_mmio_needs_reset(m, why);
			return;
		}
		m->n.used++;
		trace_chain(m, &c);
	}
	if (!taken)
		return;
	int want = xr_vq_publish(q, m->dma, why);
	if (want < 0)
		xr_mmio_needs_reset(m, why);
	else if (want)
		xr_mmio_interrupt(m, VIRTIO_MMIO_INT_VRING, "vring");
}
