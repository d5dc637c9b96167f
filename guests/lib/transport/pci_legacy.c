/* virtio-pci legacy interface (4.1.4.10): I/O BAR 0, one 32-bit feature
 * word, queues by page frame number, config after the header (MSI-X stays
 * disabled, so the header is 20 bytes). */
#include "vcheck/virtio_pci.h"
#include "guests/lib/pci.h"
#include "guests/lib/transport/pci.h"
#include "guests/lib/vdev.h"

#define L(off) VIRTIO_PCI_LEGACY_##off

static uint64_t lrd(struct vdev *d, unsigned off, unsigned w) { return vdev_rd(d, VC_SP_LEGACY, off, w); }
static void lwr(struct vdev *d, unsigned off, unsigned w, uint64_t v) { vdev_wr(d, VC_SP_LEGACY, off, w, v); }

static uint32_t get_device_features(struct vdev *d, unsigned sel)
{
	return sel == 0 ? (uint32_t)lrd(d, L(HOST_FEATURES), 4) : 0;
}

static void set_driver_features(struct vdev *d, unsigned sel, uint32_t val)
{
	if (sel == 0)
		lwr(d, L(GUEST_FEATURES), 4, val);
}

static uint8_t get_status(struct vdev *d) { return (uint8_t)lrd(d, L(STATUS), 1); }
static void set_status(struct vdev *d, uint8_t s) { lwr(d, L(STATUS), 1, s); }
static uint32_t config_generation(struct vdev *d) { (void)d; return 0; }

static int config_read(struct vdev *d, unsigned off, unsigned w, uint64_t *v)
{
	return vdev_read(d, VC_SP_LEGACY, VIRTIO_PCI_LEGACY_CONFIG_NOMSIX + off, w, v);
}

static int config_write(struct vdev *d, unsigned off, unsigned w, uint64_t v)
{
	return vdev_write(d, VC_SP_LEGACY, VIRTIO_PCI_LEGACY_CONFIG_NOMSIX + off, w, v);
}

static unsigned num_queues(struct vdev *d) { (void)d; return 0; }

static uint32_t queue_num_max(struct vdev *d, unsigned q)
{
	lwr(d, L(QUEUE_SEL), 2, q);
	return (uint32_t)lrd(d, L(QUEUE_NUM), 2);
}

static int queue_setup(struct vdev *d, unsigned q, unsigned num, uint64_t desc,
		       uint64_t driver, uint64_t device)
{
	/* The legacy device fixes the size; the caller laid the rings out for
	 * queue_size entries with 4096-byte alignment. */
	(void)num, (void)driver, (void)device;
	lwr(d, L(QUEUE_SEL), 2, q);
	lwr(d, L(QUEUE_PFN), 4, desc >> VIRTIO_PCI_LEGACY_PFN_SHIFT);
	return 0;
}

static void queue_disable(struct vdev *d, unsigned q)
{
	lwr(d, L(QUEUE_SEL), 2, q);
	lwr(d, L(QUEUE_PFN), 4, 0);
}

static void notify(struct vdev *d, unsigned q) { lwr(d, L(QUEUE_NOTIFY), 2, q); }
static uint32_t interrupt_status(struct vdev *d) { return (uint32_t)lrd(d, L(ISR), 1); }
static void interrupt_ack(struct vdev *d, uint32_t bits) { (void)d, (void)bits; }

static int reg_read(struct vdev *d, unsigned off, unsigned w, uint64_t *v)
{
	return vdev_read(d, VC_SP_LEGACY, off, w, v);
}

static int reg_write(struct vdev *d, unsigned off, unsigned w, uint64_t v)
{
	return vdev_write(d, VC_SP_LEGACY, off, w, v);
}

const struct vc_transport_ops vc_pci_legacy_ops = {
	.kind = VC_TR_PCI_LEGACY,
	.feature_words = 1,
	.queue_setup = queue_setup,
	VC_TRANSPORT_STATIC_OPS,
};

/* A transitional device decodes the legacy header in I/O BAR 0. */
int vc_pci_legacy_bind(struct vdev *d, struct pci_fn *f)
{
	d->pci = f;
	if (!f->bar[0].present || !f->bar[0].io)
		return -1;
	d->base[VC_SP_LEGACY] = (uintptr_t)f->bar[0].cpu;
	d->len[VC_SP_LEGACY] = (uint32_t)f->bar[0].size;
	d->ops = &vc_pci_legacy_ops;
	return 0;
}
