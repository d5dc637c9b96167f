/* Interrupt status only shows what it does while an interrupt is pending,
 * so one is provoked: a device that answers a plain device-writable buffer
 * (virtio-rng, 5.4) gets one, and the interrupt status is then read twice and
 * acknowledged (virtio-mmio InterruptACK) with the value read. Devices with
 * no such request keep only their idle observations. */
#include "vcheck/virtio_ids.h"
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_pci.h"
#include "driver.h"
#include "sfx.h"
#include "virtqueue.h"

#define WAIT_US 2000000

static int find(const struct sfx_set *s, unsigned sp, unsigned off)
{
	for (unsigned i = 0; i < s->n; i++)
		if (s->t[i].sp == sp && s->t[i].off == off)
			return (int)i;
	return -1;
}

static int provoke(struct vdev *d)
{
	static uint8_t buf[16];
	struct vq vq;
	vq_mem_reset();
	if (drv_start(d, 0) || vq_setup(d, 0, 0, &vq))
		return -1;
	drv_driver_ok(d);
	struct vq_buf b = { buf, sizeof(buf), 1 };
	vq_submit(&vq, &b, 1);
	uint32_t len;
	return vq_wait(&vq, WAIT_US, &len);
}

void sfx_interrupt(struct vdev *d, const struct sfx_set *s)
{
	if (d->device_id != VIRTIO_ID_RNG)
		return;
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
