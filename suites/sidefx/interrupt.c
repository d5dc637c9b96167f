/* Interrupt status only shows what it does while an interrupt is pending,
 * so one is provoked with a request each device type answers by itself:
 * virtio-rng fills a device-writable buffer (5.4), virtio-blk reads sector
 * 0 (5.2.6). The interrupt status is then read twice and acknowledged
 * (virtio-mmio InterruptACK) with the value read. Other devices keep only
 * their idle observations (and what host events show): a console byte, say,
 * would land in the host's file, where the emerg_wr experiment's bytes are
 * attributed one by one. */
#include "vcheck/virtio_ids.h"
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_pci.h"
#include "guests/lib/driver.h"
#include "suites/sidefx/sfx.h"
#include "guests/lib/virtqueue.h"
#include "suites/virtqueue/blkreq.h"

#define WAIT_US 2000000

static int find(const struct sfx_set *s, unsigned sp, unsigned off)
{
	for (unsigned i = 0; i < s->n; i++)
		if (s->t[i].sp == sp && s->t[i].off == off)
			return (int)i;
	return -1;
}

/* The request that makes device type `id` use a buffer: its queue and its
 * chain in bufs; 0 when the type has none. */
static unsigned request(uint32_t id, unsigned *q, struct vq_buf *bufs)
{
	struct blk_req r;
	switch (id) {
	case VIRTIO_ID_RNG:
		*q = 0;
		bufs[0] = (struct vq_buf){ vq_alloc(16, 16), 16, 1 };
		return 1;
	case VIRTIO_ID_BLOCK:
		*q = 0;
		blk_req_prepare(&r, BLK_T_IN, 0);
		for (unsigned i = 0; i < 3; i++)
			bufs[i] = r.b[i];
		return 3;
	default:
		return 0;
	}
}

static int provoke(struct vdev *d)
{
	struct vq_buf bufs[3];
	unsigned q, n;
	struct vq vq;
	vq_mem_reset();
	if (!(n = request(d->device_id, &q, bufs)) || drv_start(d, 0) || vq_setup(d, q, 0, &vq))
		return -1;
	drv_driver_ok(d);
	vq_submit(&vq, bufs, n);
	uint32_t len;
	return vq_wait(&vq, WAIT_US, &len);
}

void sfx_interrupt(struct vdev *d, const struct sfx_set *s)
{
	int isr, ack = -1;
	if (d->ops->kind == VC_TR_PCI_MODERN)
		isr = find(s, VC_SFX_SP_ISR, 0);
	else if (d->ops->kind == VC_TR_PCI_LEGACY)
		isr = find(s, VC_SFX_SP_TRANSPORT, VIRTIO_PCI_LEGACY_ISR);
	else {
		isr = find(s, VC_SFX_SP_TRANSPORT, VIRTIO_MMIO_INTERRUPT_STATUS);
		ack = find(s, VC_SFX_SP_TRANSPORT, VIRTIO_MMIO_INTERRUPT_ACK);
	}
	if (isr < 0 || provoke(d))
		return;
	sfx_mark(d);
	sfx_read_twice(d, s, isr);
	if (ack >= 0) {
		uint64_t pending = 0;
		sfx_read(d, &s->t[isr], &pending);
		sfx_write_step(d, s, ack, pending);
	}
	sfx_prepare(d);
}
