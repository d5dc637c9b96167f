/* Transport rules around queues, feature read-back, shared memory and the
 * PCI header (VIRTIO 1.2 4.1.1, 4.1.4.3.1, 4.1.4.7.1, 4.1.4.8.1, 4.2.2,
 * 4.2.2.1). */
#include "vcheck/virtio_ids.h"
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_pci.h"
#include "guests/lib/pci.h"
#include "suites/virtqueue/ring.h"

#define RING_RESET VIRTIO_BIT(VIRTIO_F_RING_RESET)

static uint64_t mreg(struct vc_ctx *ctx, unsigned off)
{
	uint64_t v = ~0ull;
	ctx->d->ops->reg_read(ctx->d, off, 4, &v);
	return v;
}

static void mwreg(struct vc_ctx *ctx, unsigned off, uint32_t v) { ctx->d->ops->reg_write(ctx->d, off, 4, v); }

VC_CHECK(mmio_no_access_unready, .id = "MMIO-QUEUE-007",
	 .title = "The device does not use a queue whose QueueReady is 0, however it is programmed",
	 .spec = "1.2 4.2.2.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_MMIO_V2), .device_id = VIRTIO_ID_RNG)
{
	struct vdev *d = ctx->d;
	if (vc_negotiate(ctx, 0))
		return;
	/* vq_setup programs the addresses and sets QueueReady; take it back
	 * before DRIVER_OK, so the queue is fully described but not ready. */
	struct vq vq;
	if (vq_setup(d, 0, 0, &vq)) {
		vc_skip(ctx, "queue 0 could not be set up");
		return;
	}
	mwreg(ctx, VIRTIO_MMIO_QUEUE_SEL, 0);
	mwreg(ctx, VIRTIO_MMIO_QUEUE_READY, 0);
	drv_driver_ok(d);
	struct vq_buf b = { vq_alloc(64, 64), 64, 1 };
	vq_add(&vq, 0, &b, 1);
	vq_kick(&vq);
	/* A long silence window: a device that runs the ring anyway (QEMU 7.2,
	 * baselined) answers at once, and a loaded host must not hide it. */
	struct vq_used_elem e;
	vc_expect(ctx, vq_wait_elem(&vq, 10 * VC_RING_QUIET_US, &e) != 0, "a buffer was used while QueueReady read %llu",
		  (unsigned long long)mreg(ctx, VIRTIO_MMIO_QUEUE_READY));
}

/* queue_reset / QueueReset of every queue, with RING_RESET negotiated,
 * after a reset (enabled = 0) or once each queue is enabled (enabled = 1). */
static void queue_reset_reads_zero(struct vc_ctx *ctx, unsigned off, unsigned width, int enabled)
{
	struct vdev *d = ctx->d;
	if (vc_negotiate(ctx, RING_RESET))
		return;
	unsigned n = drv_queue_count(d);
	static struct vq vqs[64];
	for (unsigned q = 0; q < n && q < 64; q++) {
		if (enabled && vq_setup(d, q, 0, &vqs[q]))
			continue;
		d->ops->queue_num_max(d, q); /* selects q on both transports */
		uint64_t v = vdev_rd(d, d->pci ? VC_SP_COMMON : VC_SP_MMIO, off, width);
		vc_expect(ctx, v == 0, "queue %u reset register reads 0x%llx %s", q, (unsigned long long)v,
			  enabled ? "after enabling" : "after reset");
	}
}

VC_CHECK(mmio_queue_reset_zero, .id = "MMIO-QUEUE-008",
	 .title = "With RING_RESET negotiated, QueueReset reads 0 for every queue after a device reset",
	 .spec = "1.2 4.2.2.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_MMIO_V2), .features = RING_RESET)
{
	queue_reset_reads_zero(ctx, VIRTIO_MMIO_QUEUE_RESET, 4, 0);
}

VC_CHECK(mmio_queue_reset_zero_enabled, .id = "MMIO-QUEUE-009",
	 .title = "With RING_RESET negotiated, QueueReset reads 0 once QueueReady enabled the queue",
	 .spec = "1.2 4.2.2.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_MMIO_V2), .features = RING_RESET)
{
	queue_reset_reads_zero(ctx, VIRTIO_MMIO_QUEUE_RESET, 4, 1);
}

VC_CHECK(pci_queue_reset_zero, .id = "PCI-QUEUE-005",
	 .title = "With RING_RESET negotiated, queue_reset reads 0 for every queue after a device reset",
	 .spec = "1.2 4.1.4.3.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN), .features = RING_RESET)
{
	queue_reset_reads_zero(ctx, VIRTIO_PCI_COMMON_Q_RESET, 2, 0);
}

VC_CHECK(pci_queue_reset_zero_enabled, .id = "PCI-QUEUE-006",
	 .title = "With RING_RESET negotiated, queue_reset reads 0 once queue_enable enabled the queue",
	 .spec = "1.2 4.1.4.3.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN), .features = RING_RESET)
{
	queue_reset_reads_zero(ctx, VIRTIO_PCI_COMMON_Q_RESET, 2, 1);
}

VC_CHECK(pci_driver_feature_readback, .id = "PCI-COMMON-002",
	 .title = "driver_feature reads back the offered bits the driver wrote, in both words",
	 .spec = "1.2 4.1.4.3.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	struct vdev *d = ctx->d;
	uint64_t offered = drv_device_features(d);
	drv_reset(d, 100000);
	d->ops->set_status(d, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	for (unsigned sel = 0; sel < 2; sel++) {
		uint32_t w = (uint32_t)(offered >> (32 * sel));
		d->ops->set_driver_features(d, sel, w);
		vdev_wr(d, VC_SP_COMMON, VIRTIO_PCI_COMMON_GFSELECT, 4, sel);
		uint32_t r = (uint32_t)vdev_rd(d, VC_SP_COMMON, VIRTIO_PCI_COMMON_GF, 4);
		vc_expect(ctx, (r & w) == w, "driver_feature word %u reads 0x%08x after writing 0x%08x", sel, r, w);
	}
}

/* Device types whose chapter defines shared memory regions (1.2: gpu's
 * host-visible region, fs's DAX window). */
static int type_has_shm(uint32_t type) { return type == VIRTIO_ID_GPU || type == VIRTIO_ID_FS; }

VC_CHECK(mmio_shm_none, .id = "MMIO-SHM-002",
	 .title = "SHMLen reads all ones for every region ID 0..7 of a device type without shared memory",
	 .spec = "1.2 4.2.2", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_MMIO_V2))
{
	if (type_has_shm(ctx->d->device_id)) {
		vc_skip(ctx, "device type %u may have shared memory regions", ctx->d->device_id);
		return;
	}
	for (uint32_t id = 0; id < 8; id++) {
		mwreg(ctx, VIRTIO_MMIO_SHM_SEL, id);
		uint64_t lo = mreg(ctx, VIRTIO_MMIO_SHM_LEN_LOW), hi = mreg(ctx, VIRTIO_MMIO_SHM_LEN_HIGH);
		vc_expect(ctx, lo == 0xffffffffu && hi == 0xffffffffu, "region %u: SHMLen 0x%08llx%08llx", id,
			  (unsigned long long)hi, (unsigned long long)lo);
	}
}

VC_CHECK(pci_shm_caps, .id = "PCI-SHM-001",
	 .title = "Every shared memory capability is a 64-bit capability inside its BAR with a unique region ID",
	 .spec = "1.2 4.1.4.7.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	const struct vdev *d = ctx->d;
	unsigned found = 0, ids = 0;
	for (unsigned i = 0; i < d->nvcaps; i++) {
		const struct vc_vcap *c = &d->vcaps[i];
		if (c->cfg_type != VIRTIO_PCI_CAP_SHARED_MEMORY_CFG)
			continue;
		found++;
		vc_expect(ctx, c->cap_len >= 24, "shared memory cap at 0x%02x has cap_len %u (virtio_pci_cap64 is 24)",
			  c->cap_off, c->cap_len);
		const struct pci_bar *bar = c->bar < 6 ? &d->pci->bar[c->bar] : 0;
		vc_expect(ctx, bar && bar->present && c->offset64 + c->length64 <= bar->size &&
				       c->offset64 + c->length64 >= c->offset64,
			  "region %u (offset 0x%llx length 0x%llx) is not inside BAR %u", c->id,
			  (unsigned long long)c->offset64, (unsigned long long)c->length64, c->bar);
		vc_expect(ctx, c->id >= 32 || !(ids & (1u << c->id)), "region ID %u presented twice", c->id);
		if (c->id < 32)
			ids |= 1u << c->id;
	}
	if (!found)
		vc_skip(ctx, "no shared memory capability");
}

VC_CHECK(pci_vendor_caps, .id = "PCI-VNDR-001",
	 .title = "A vendor data capability has a vendor_id other than 0x1AF4 and a size that is a multiple of 4",
	 .spec = "1.2 4.1.4.8.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	const struct vdev *d = ctx->d;
	unsigned found = 0;
	for (unsigned i = 0; i < d->nvcaps; i++) {
		const struct vc_vcap *c = &d->vcaps[i];
		if (c->cfg_type != VIRTIO_PCI_CAP_VENDOR_CFG)
			continue;
		found++;
		/* struct virtio_pci_vndr_data: cap_vndr, cap_next, cap_len, cfg_type, vendor_id (le16) */
		uint32_t vendor = pci_cfg_read(d->pci, c->cap_off + 4, 2);
		vc_expect(ctx, vendor != VIRTIO_PCI_VENDOR_ID, "vendor data capability at 0x%02x has vendor_id 0x1af4",
			  c->cap_off);
		vc_expect(ctx, c->cap_len % 4 == 0, "vendor data capability at 0x%02x is %u bytes", c->cap_off, c->cap_len);
	}
	if (!found)
		vc_skip(ctx, "no vendor data capability");
}

VC_CHECK(pci_header, .id = "PCI-HDR-001",
	 .title = "The function has a type 0 header and a capability list (Status bit 4, pointer at 0x40 or above, aligned)",
	 .spec = "1.2 4.1.1", .level = VC_MUST, .transports = VC_TR_ANY_PCI)
{
	const struct pci_fn *f = ctx->d->pci;
	uint32_t hdr = pci_cfg_read(f, 0x0e, 1) & 0x7f, status = pci_cfg_read(f, 0x06, 2);
	uint32_t ptr = pci_cfg_read(f, 0x34, 1);
	vc_expect(ctx, hdr == 0, "header type %u", hdr);
	vc_expect(ctx, status & 0x10, "Status 0x%04x lacks Capabilities List", status);
	vc_expect(ctx, ptr >= 0x40 && !(ptr & 3), "capabilities pointer 0x%02x", ptr);
}
