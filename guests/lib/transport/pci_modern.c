/* virtio-pci modern interface (4.1.4): structures found through vendor
 * capabilities; register access at each field's natural width. */
#include "vcheck/virtio_pci.h"
#include "guests/lib/pci.h"
#include "guests/lib/transport/pci.h"
#include "guests/lib/vdev.h"

#define C(off) VIRTIO_PCI_COMMON_##off

static uint64_t crd(struct vdev *d, unsigned off, unsigned w) { return vdev_rd(d, VC_SP_COMMON, off, w); }
static void cwr(struct vdev *d, unsigned off, unsigned w, uint64_t v) { vdev_wr(d, VC_SP_COMMON, off, w, v); }

static uint32_t get_device_features(struct vdev *d, unsigned sel)
{
	cwr(d, C(DFSELECT), 4, sel);
	return (uint32_t)crd(d, C(DF), 4);
}

static void set_driver_features(struct vdev *d, unsigned sel, uint32_t val)
{
	cwr(d, C(GFSELECT), 4, sel);
	cwr(d, C(GF), 4, val);
}

static uint8_t get_status(struct vdev *d) { return (uint8_t)crd(d, C(STATUS), 1); }
static void set_status(struct vdev *d, uint8_t s) { cwr(d, C(STATUS), 1, s); }
static uint32_t config_generation(struct vdev *d) { return (uint32_t)crd(d, C(CFGGENERATION), 1); }

static int config_read(struct vdev *d, unsigned off, unsigned w, uint64_t *v)
{
	return vdev_read(d, VC_SP_DEVICE, off, w, v);
}

static int config_write(struct vdev *d, unsigned off, unsigned w, uint64_t v)
{
	return vdev_write(d, VC_SP_DEVICE, off, w, v);
}

static unsigned num_queues(struct vdev *d) { return (unsigned)crd(d, C(NUMQ), 2); }

static uint32_t queue_num_max(struct vdev *d, unsigned q)
{
	cwr(d, C(Q_SELECT), 2, q);
	return (uint32_t)crd(d, C(Q_SIZE), 2);
}

static int queue_setup(struct vdev *d, unsigned q, unsigned num, uint64_t desc,
		       uint64_t driver, uint64_t device)
{
	cwr(d, C(Q_SELECT), 2, q);
	cwr(d, C(Q_SIZE), 2, num);
	cwr(d, C(Q_DESCLO), 4, (uint32_t)desc);
	cwr(d, C(Q_DESCHI), 4, (uint32_t)(desc >> 32));
	cwr(d, C(Q_AVAILLO), 4, (uint32_t)driver);
	cwr(d, C(Q_AVAILHI), 4, (uint32_t)(driver >> 32));
	cwr(d, C(Q_USEDLO), 4, (uint32_t)device);
	cwr(d, C(Q_USEDHI), 4, (uint32_t)(device >> 32));
	cwr(d, C(Q_ENABLE), 2, 1);
	return 0;
}

static void queue_disable(struct vdev *d, unsigned q)
{
	/* Modern PCI has no per-queue disable short of queue_reset (or a device
	 * reset); writing 0 to queue_enable is forbidden (4.1.4.3.2). */
	(void)d, (void)q;
}

static void notify(struct vdev *d, unsigned q)
{
	cwr(d, C(Q_SELECT), 2, q);
	unsigned off = (unsigned)crd(d, C(Q_NOFF), 2) * d->notify_mult;
	vdev_wr(d, VC_SP_NOTIFY, off, 2, q);
}

static uint32_t interrupt_status(struct vdev *d) { return (uint32_t)vdev_rd(d, VC_SP_ISR, 0, 1); }
static void interrupt_ack(struct vdev *d, uint32_t bits) { (void)d, (void)bits; /* ISR read clears */ }

static int reg_read(struct vdev *d, unsigned off, unsigned w, uint64_t *v)
{
	return vdev_read(d, VC_SP_COMMON, off, w, v);
}

static int reg_write(struct vdev *d, unsigned off, unsigned w, uint64_t v)
{
	return vdev_write(d, VC_SP_COMMON, off, w, v);
}

const struct vc_transport_ops vc_pci_modern_ops = {
	.kind = VC_TR_PCI_MODERN,
	.feature_words = 4,
	.queue_setup = queue_setup,
	VC_TRANSPORT_STATIC_OPS,
};

static void read_vcap(const struct pci_fn *f, unsigned off, struct vc_vcap *c)
{
	c->cap_off = (uint8_t)off;
	c->cap_len = (uint8_t)pci_cfg_read(f, off + VIRTIO_PCI_CAP_LEN, 1);
	c->cfg_type = (uint8_t)pci_cfg_read(f, off + VIRTIO_PCI_CAP_CFG_TYPE, 1);
	c->bar = (uint8_t)pci_cfg_read(f, off + VIRTIO_PCI_CAP_BAR, 1);
	c->id = (uint8_t)pci_cfg_read(f, off + VIRTIO_PCI_CAP_ID, 1);
	c->offset = pci_cfg_read(f, off + VIRTIO_PCI_CAP_OFFSET, 4);
	c->length = pci_cfg_read(f, off + VIRTIO_PCI_CAP_LENGTH, 4);
	c->offset64 = c->offset, c->length64 = c->length;
	if (c->cfg_type == VIRTIO_PCI_CAP_NOTIFY_CFG && c->cap_len >= 20)
		c->mult = pci_cfg_read(f, off + VIRTIO_PCI_NOTIFY_CAP_MULT, 4);
	if (c->cfg_type == VIRTIO_PCI_CAP_SHARED_MEMORY_CFG && c->cap_len >= 24) {
		c->offset64 |= (uint64_t)pci_cfg_read(f, off + VIRTIO_PCI_CAP64_OFFSET_HI, 4) << 32;
		c->length64 |= (uint64_t)pci_cfg_read(f, off + VIRTIO_PCI_CAP64_LENGTH_HI, 4) << 32;
	}
}

static enum vc_space space_of(uint8_t cfg_type)
{
	switch (cfg_type) {
	case VIRTIO_PCI_CAP_COMMON_CFG: return VC_SP_COMMON;
	case VIRTIO_PCI_CAP_NOTIFY_CFG: return VC_SP_NOTIFY;
	case VIRTIO_PCI_CAP_ISR_CFG: return VC_SP_ISR;
	case VIRTIO_PCI_CAP_DEVICE_CFG: return VC_SP_DEVICE;
	default: return VC_SP__COUNT;
	}
}

/* Walks the vendor capabilities; the first usable one of each type maps its
 * space (4.1.4.1: a driver uses the first it can). 0 if the modern
 * interface is complete, -1 otherwise. */
int vc_pci_modern_bind(struct vdev *d, struct pci_fn *f)
{
	d->pci = f;
	d->nvcaps = 0;
	for (unsigned off = pci_find_cap(f, VIRTIO_PCI_CAP_VNDR, 0); off && d->nvcaps < VC_MAX_VCAPS;
	     off = pci_find_cap(f, VIRTIO_PCI_CAP_VNDR, off)) {
		struct vc_vcap *c = &d->vcaps[d->nvcaps++];
		read_vcap(f, off, c);
		enum vc_space sp = space_of(c->cfg_type);
		if (sp == VC_SP__COUNT || d->base[sp] || c->bar > 5 || !f->bar[c->bar].present)
			continue;
		d->base[sp] = (uintptr_t)(f->bar[c->bar].cpu + c->offset);
		d->len[sp] = c->length;
		if (sp == VC_SP_NOTIFY)
			d->notify_mult = c->mult;
	}
	if (!d->base[VC_SP_COMMON] || !d->base[VC_SP_NOTIFY] || !d->base[VC_SP_ISR])
		return -1;
	d->ops = &vc_pci_modern_ops;
	return 0;
}
