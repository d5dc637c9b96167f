/* Reserved feature bits a device offers about the platform and the ring
 * (VIRTIO 1.2 6, 6.2), valid subsets (2.2.2), and notification data (2.9,
 * 4.1.5.2, 4.2.3.3). */
#include "vcheck/virtio_ids.h"
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_pci.h"
#include "layouts/layout.h"
#include "guests/lib/pci.h"
#include "suites/virtqueue/ring.h"

/* What a driver must add to any subset it accepts: the probe's
 * driver_accepts, and ACCESS_PLATFORM, which a device MAY insist on (6.2). */
static uint64_t always(struct vc_ctx *ctx, uint64_t offered)
{
	const struct vc_layout *p = vc_layout_find(ctx->d->device_id);
	return (VIRTIO_BIT(VIRTIO_F_VERSION_1) | VIRTIO_BIT(VIRTIO_F_ACCESS_PLATFORM) | (p ? p->driver_accepts : 0)) &
	       offered;
}

/* `f` plus, transitively, whatever the probe's dependency table says it
 * needs (all offered alternatives). */
static uint64_t with_deps(const struct vc_layout *p, uint64_t f, uint64_t offered)
{
	for (uint64_t prev = 0; p && prev != f;) {
		prev = f;
		for (unsigned i = 0; i < p->ndeps; i++)
			if ((f >> p->deps[i].bit) & 1)
				f |= p->deps[i].requires & offered;
	}
	return f;
}

VC_CHECK(feat_subset_minimal, .id = "FEAT-SUB-001",
	 .title = "The minimal subset (VERSION_1 and what the device may insist on) keeps FEATURES_OK",
	 .spec = "1.2 2.2.2", .level = VC_SHOULD, .transports = VC_TR_MODERN)
{
	uint64_t offered = drv_device_features(ctx->d);
	uint8_t s = drv_negotiate(ctx->d, always(ctx, offered));
	vc_expect(ctx, s & VIRTIO_STATUS_FEATURES_OK, "FEATURES_OK refused for 0x%llx",
		  (unsigned long long)always(ctx, offered));
}

VC_CHECK(feat_subset_each, .id = "FEAT-SUB-002",
	 .title = "Each offered feature alone, with the features it requires, keeps FEATURES_OK",
	 .spec = "1.2 2.2.2", .level = VC_SHOULD, .transports = VC_TR_MODERN)
{
	uint64_t offered = drv_device_features(ctx->d);
	const struct vc_layout *p = vc_layout_find(ctx->d->device_id);
	if (drv_reset(ctx->d, 100000)) {
		vc_fail(ctx, "Status did not read 0 within 100 ms of a reset");
		return;
	}
	for (unsigned b = 0; b < 64; b++) {
		if (!((offered >> b) & 1))
			continue;
		uint64_t f = with_deps(p, always(ctx, offered) | (1ull << b), offered);
		uint8_t s = drv_negotiate(ctx->d, f);
		if (!(s & VIRTIO_STATUS_FEATURES_OK)) {
			vc_expect(ctx, 0, "FEATURES_OK refused for bit %u (features 0x%llx)", b, (unsigned long long)f);
			return;
		}
	}
}

VC_CHECK(feat_sr_iov, .id = "FEAT-SRIOV-001",
	 .title = "VIRTIO_F_SR_IOV is offered only by a PCI device with an SR-IOV capability",
	 .spec = "1.2 6.2", .level = VC_MUST, .transports = VC_TR_ALL & ~VC_TR_BIT(VC_TR_PCI_LEGACY))
{
	if (!(drv_device_features(ctx->d) & VIRTIO_BIT(VIRTIO_F_SR_IOV)))
		return;
	if (!ctx->d->pci) {
		vc_fail(ctx, "SR_IOV offered by a device that is not on PCI");
		return;
	}
	/* PCIe extended capabilities start at 0x100; SR-IOV is ID 0x0010. */
	for (unsigned off = 0x100, n = 0; off >= 0x100 && n < 64; n++) {
		uint32_t h = pci_cfg_read(ctx->d->pci, off, 4);
		if ((h & 0xffff) == 0x0010)
			return;
		off = h >> 20;
	}
	vc_fail(ctx, "SR_IOV offered without an SR-IOV extended capability");
}

VC_CHECK(feat_access_platform, .id = "FEAT-AP-001",
	 .title = "With ACCESS_PLATFORM negotiated and identity-mapped DMA, the entropy device serves a request",
	 .spec = "1.2 6", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = VIRTIO_BIT(VIRTIO_F_ACCESS_PLATFORM))
{
	struct vq vq;
	if (vc_split_start(ctx, VIRTIO_BIT(VIRTIO_F_ACCESS_PLATFORM), 0, 0, &vq))
		return;
	struct vq_buf b = { vq_alloc(64, 64), 64, 1 };
	vq_add(&vq, 0, &b, 1);
	vq_kick(&vq);
	struct vq_used_elem e;
	vc_expect(ctx, vq_wait_elem(&vq, VC_RING_WAIT_US, &e) == 0 && e.len > 0 && e.len <= 64,
		  "no used buffer of 1..64 bytes within 1 s");
}

VC_CHECK(feat_in_order, .id = "FEAT-INORDER-001",
	 .title = "With IN_ORDER negotiated, buffers are used in the order they were made available",
	 .spec = "1.2 6.2", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_RNG,
	 .features = VIRTIO_BIT(VIRTIO_F_IN_ORDER))
{
	struct vq vq;
	if (vc_split_start(ctx, VIRTIO_BIT(VIRTIO_F_IN_ORDER), 0, 0, &vq))
		return;
	for (unsigned h = 0; h < 4; h++) {
		struct vq_buf b = { vq_alloc(16, 16), 16, 1 };
		vq_add(&vq, h, &b, 1);
	}
	vq_kick(&vq);
	/* In order, the device may return one used element for a batch
	 * (2.7.9): its id is the last buffer of the batch. */
	unsigned expect = 0;
	while (expect < 4) {
		struct vq_used_elem e;
		if (vq_wait_elem(&vq, VC_RING_WAIT_US, &e)) {
			vc_fail(ctx, "buffer %u not used within 1 s", expect);
			return;
		}
		if (e.id < expect || e.id > 3) {
			vc_fail(ctx, "used id %u while buffer %u was next in order", e.id, expect);
			return;
		}
		expect = e.id + 1;
	}
}

/* ---- VIRTIO_F_NOTIFICATION_DATA ---- */

/* Notifies queue q with the split-ring notification value (2.9):
 * vqn in bits 0..15, the next available index in bits 16..31. */
static void notify_with_data(struct vdev *d, unsigned q, uint16_t next_avail)
{
	uint32_t v = q | (uint32_t)next_avail << 16;
	if (d->pci) {
		d->ops->queue_num_max(d, q); /* selects q */
		unsigned off = (unsigned)vdev_rd(d, VC_SP_COMMON, VIRTIO_PCI_COMMON_Q_NOFF, 2) * d->notify_mult;
		vdev_wr(d, VC_SP_NOTIFY, off, 4, v);
	} else {
		d->ops->reg_write(d, VIRTIO_MMIO_QUEUE_NOTIFY, 4, v);
	}
}

static void notification_data(struct vc_ctx *ctx)
{
	struct vq vq;
	if (vc_split_start(ctx, VIRTIO_BIT(VIRTIO_F_NOTIFICATION_DATA), 0, 0, &vq))
		return;
	struct vq_buf b = { vq_alloc(64, 64), 64, 1 };
	vq_add(&vq, 0, &b, 1);
	notify_with_data(ctx->d, 0, vq.next_avail);
	struct vq_used_elem e;
	vc_expect(ctx, vq_wait_elem(&vq, VC_RING_WAIT_US, &e) == 0, "no used buffer within 1 s of the notification");
}

VC_CHECK(notif_data_mmio, .id = "NOTIF-DATA-001",
	 .title = "With NOTIFICATION_DATA, a QueueNotify write carrying the next available index is served",
	 .spec = "1.2 4.2.3.3", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_MMIO_V2), .device_id = VIRTIO_ID_RNG,
	 .features = VIRTIO_BIT(VIRTIO_F_NOTIFICATION_DATA))
{
	notification_data(ctx);
}

VC_CHECK(notif_data_pci, .id = "NOTIF-DATA-002",
	 .title = "With NOTIFICATION_DATA, a 32-bit notify write carrying the next available index is served",
	 .spec = "1.2 4.1.5.2", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN), .device_id = VIRTIO_ID_RNG,
	 .features = VIRTIO_BIT(VIRTIO_F_NOTIFICATION_DATA))
{
	notification_data(ctx);
}
