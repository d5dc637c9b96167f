/* virtio-mmio, Version 1 (legacy, 4.2.4) and Version 2 (4.2.2). The two share
 * everything but queue programming and the registers Version 1 lacks. */
#include "vcheck/virtio_mmio.h"
#include "guests/lib/transport/mmio.h"
#include "guests/lib/vdev.h"

#define LEGACY_PAGE 4096u

static uint64_t rd(struct vdev *d, unsigned off) { return vdev_rd(d, VC_SP_MMIO, off, 4); }
static void wr(struct vdev *d, unsigned off, uint32_t v) { vdev_wr(d, VC_SP_MMIO, off, 4, v); }

static uint32_t get_device_features(struct vdev *d, unsigned sel)
{
	wr(d, VIRTIO_MMIO_DEVICE_FEATURES_SEL, sel);
	return (uint32_t)rd(d, VIRTIO_MMIO_DEVICE_FEATURES);
}

static void set_driver_features(struct vdev *d, unsigned sel, uint32_t val)
{
	wr(d, VIRTIO_MMIO_DRIVER_FEATURES_SEL, sel);
	wr(d, VIRTIO_MMIO_DRIVER_FEATURES, val);
}

static uint8_t get_status(struct vdev *d) { return (uint8_t)rd(d, VIRTIO_MMIO_STATUS); }

static void set_status(struct vdev *d, uint8_t s)
{
	/* Version 1 needs the page size before any queue is programmed, and a
	 * reset forgets it. */
	wr(d, VIRTIO_MMIO_STATUS, s);
	if (s == 0 && d->version == 1)
		wr(d, VIRTIO_MMIO_GUEST_PAGE_SIZE, LEGACY_PAGE);
}

static uint32_t config_generation(struct vdev *d)
{
	return d->version == 1 ? 0 : (uint32_t)rd(d, VIRTIO_MMIO_CONFIG_GENERATION);
}

static int config_read(struct vdev *d, unsigned off, unsigned w, uint64_t *v)
{
	return vdev_read(d, VC_SP_MMIO, VIRTIO_MMIO_CONFIG + off, w, v);
}

static int config_write(struct vdev *d, unsigned off, unsigned w, uint64_t v)
{
	return vdev_write(d, VC_SP_MMIO, VIRTIO_MMIO_CONFIG + off, w, v);
}

static unsigned num_queues(struct vdev *d) { (void)d; return 0; }

static uint32_t queue_num_max(struct vdev *d, unsigned q)
{
	wr(d, VIRTIO_MMIO_QUEUE_SEL, q);
	return (uint32_t)rd(d, VIRTIO_MMIO_QUEUE_NUM_MAX);
}

static int queue_setup_v1(struct vdev *d, unsigned q, unsigned num, uint64_t desc,
			  uint64_t driver, uint64_t device)
{
	/* Legacy layout: one contiguous area at a page frame; the caller laid
	 * the rings out with QueueAlign = page size. */
	(void)driver, (void)device;
	wr(d, VIRTIO_MMIO_QUEUE_SEL, q);
	wr(d, VIRTIO_MMIO_QUEUE_NUM, num);
	wr(d, VIRTIO_MMIO_QUEUE_ALIGN, LEGACY_PAGE);
	wr(d, VIRTIO_MMIO_QUEUE_PFN, (uint32_t)(desc / LEGACY_PAGE));
	return 0;
}

static int queue_setup_v2(struct vdev *d, unsigned q, unsigned num, uint64_t desc,
			  uint64_t driver, uint64_t device)
{
	wr(d, VIRTIO_MMIO_QUEUE_SEL, q);
	wr(d, VIRTIO_MMIO_QUEUE_NUM, num);
	wr(d, VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)desc);
	wr(d, VIRTIO_MMIO_QUEUE_DESC_HIGH, (uint32_t)(desc >> 32));
	wr(d, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)driver);
	wr(d, VIRTIO_MMIO_QUEUE_DRIVER_HIGH, (uint32_t)(driver >> 32));
	wr(d, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)device);
	wr(d, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, (uint32_t)(device >> 32));
	wr(d, VIRTIO_MMIO_QUEUE_READY, 1);
	return 0;
}

static void queue_disable(struct vdev *d, unsigned q)
{
	wr(d, VIRTIO_MMIO_QUEUE_SEL, q);
	wr(d, d->version == 1 ? VIRTIO_MMIO_QUEUE_PFN : VIRTIO_MMIO_QUEUE_READY, 0);
}

static void notify(struct vdev *d, unsigned q) { wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, q); }

static uint32_t interrupt_status(struct vdev *d)
{
	return (uint32_t)rd(d, VIRTIO_MMIO_INTERRUPT_STATUS);
}

static void interrupt_ack(struct vdev *d, uint32_t bits) { wr(d, VIRTIO_MMIO_INTERRUPT_ACK, bits); }

static int reg_read(struct vdev *d, unsigned off, unsigned w, uint64_t *v)
{
	return vdev_read(d, VC_SP_MMIO, off, w, v);
}

static int reg_write(struct vdev *d, unsigned off, unsigned w, uint64_t v)
{
	return vdev_write(d, VC_SP_MMIO, off, w, v);
}

const struct vc_transport_ops vc_mmio_v1_ops = {
	.kind = VC_TR_MMIO_V1, .feature_words = 4, .queue_setup = queue_setup_v1, VC_TRANSPORT_STATIC_OPS,
};

const struct vc_transport_ops vc_mmio_v2_ops = {
	.kind = VC_TR_MMIO_V2, .feature_words = 4, .queue_setup = queue_setup_v2, VC_TRANSPORT_STATIC_OPS,
};

/* Binds a window if it holds a virtio device; 0 when it does, -1 otherwise
 * (no magic, a fault, or an empty slot with DeviceID 0). */
int vc_mmio_bind(struct vdev *d, uintptr_t base, uint64_t size)
{
	d->base[VC_SP_MMIO] = base;
	d->len[VC_SP_MMIO] = (uint32_t)size;
	uint64_t magic, version, id, vendor;
	if (vdev_read(d, VC_SP_MMIO, VIRTIO_MMIO_MAGIC_VALUE, 4, &magic) ||
	    magic != VIRTIO_MMIO_MAGIC)
		return -1;
	if (vdev_read(d, VC_SP_MMIO, VIRTIO_MMIO_VERSION, 4, &version) ||
	    vdev_read(d, VC_SP_MMIO, VIRTIO_MMIO_DEVICE_ID, 4, &id) ||
	    vdev_read(d, VC_SP_MMIO, VIRTIO_MMIO_VENDOR_ID, 4, &vendor) || id == 0)
		return -1;
	d->version = (uint32_t)version;
	d->device_id = (uint32_t)id;
	d->vendor_id = (uint32_t)vendor;
	d->ops = version == 1 ? &vc_mmio_v1_ops : &vc_mmio_v2_ops;
	return 0;
}
