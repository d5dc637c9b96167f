/* MSI-X vectors of the virtqueues (VIRTIO 1.2 4.1.5.1.2.1): mapping to any
 * vector of the table, unmapping, failure read back as NO_VECTOR, all
 * unmapped by a reset. The configuration vector has PCI-MSIX-001..003. */
#include "vcheck/virtio_pci.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"
#include "guests/lib/pci.h"

#define PCI_CAP_MSIX 0x11

/* MSI-X Table Size, or 0 (and SKIP) without an MSI-X capability. */
static unsigned table_size(struct vc_ctx *ctx)
{
	unsigned off = pci_find_cap(ctx->d->pci, PCI_CAP_MSIX, 0);
	if (!off)
		vc_skip(ctx, "no MSI-X capability");
	return off ? (pci_cfg_read(ctx->d->pci, off + 2, 2) & 0x7ff) + 1 : 0;
}

/* Writes queue q's vector (unless `v` is ~0) and returns what it reads. */
static uint64_t queue_vector(struct vdev *d, unsigned q, uint64_t v)
{
	uint64_t got = ~0ull;
	d->ops->reg_write(d, VIRTIO_PCI_COMMON_Q_SELECT, 2, q);
	if (v != ~0ull)
		d->ops->reg_write(d, VIRTIO_PCI_COMMON_Q_MSIX, 2, v);
	d->ops->reg_read(d, VIRTIO_PCI_COMMON_Q_MSIX, 2, &got);
	return got;
}

#define MSIX_CHECK(ident, ...) \
	VC_CHECK(ident, .transports = VC_TR_BIT(VC_TR_PCI_MODERN), __VA_ARGS__)

MSIX_CHECK(pci_msix_queue_reset, .id = "PCI-MSIX-004",
	   .title = "Every queue_msix_vector reads NO_VECTOR after a reset, mapped before or not",
	   .spec = "1.2 4.1.5.1.2.1", .level = VC_MUST)
{
	struct vdev *d = ctx->d;
	unsigned n = table_size(ctx), nq = d->ops->num_queues(d);
	if (!n)
		return;
	for (unsigned q = 0; q < nq; q++)
		queue_vector(d, q, 0);
	drv_reset(d, 100000);
	for (unsigned q = 0; q < nq; q++) {
		uint64_t v = queue_vector(d, q, ~0ull);
		vc_expect(ctx, v == VIRTIO_MSI_NO_VECTOR, "queue %u vector 0x%llx after reset", q, (unsigned long long)v);
	}
}

MSIX_CHECK(pci_msix_queue_map, .id = "PCI-MSIX-005",
	   .title = "Every queue maps to the first and the last vector of the MSI-X table and reads it back",
	   .spec = "1.2 4.1.5.1.2.1", .level = VC_MUST)
{
	struct vdev *d = ctx->d;
	unsigned n = table_size(ctx), nq = d->ops->num_queues(d);
	for (unsigned q = 0; n && q < nq; q++) {
		uint64_t first = queue_vector(d, q, 0), last = queue_vector(d, q, n - 1);
		vc_expect(ctx, first == 0 && last == n - 1, "queue %u: vector 0 reads 0x%llx, vector %u reads 0x%llx", q,
			  (unsigned long long)first, n - 1, (unsigned long long)last);
	}
}

MSIX_CHECK(pci_msix_queue_out_of_range, .id = "PCI-MSIX-006",
	   .title = "A queue vector beyond the MSI-X table reads back as NO_VECTOR (mapping failure)",
	   .spec = "1.2 4.1.5.1.2.1", .level = VC_MUST)
{
	unsigned n = table_size(ctx);
	if (!n)
		return;
	uint64_t v = queue_vector(ctx->d, 0, n);
	vc_expect(ctx, v == VIRTIO_MSI_NO_VECTOR, "queue 0 vector %u of a %u-entry table reads 0x%llx", n, n,
		  (unsigned long long)v);
}

MSIX_CHECK(pci_msix_unmap, .id = "PCI-MSIX-007",
	   .title = "Writing NO_VECTOR unmaps a mapped configuration or queue vector",
	   .spec = "1.2 4.1.5.1.2.1", .level = VC_MUST)
{
	struct vdev *d = ctx->d;
	if (!table_size(ctx))
		return;
	d->ops->reg_write(d, VIRTIO_PCI_COMMON_MSIX, 2, 0);
	d->ops->reg_write(d, VIRTIO_PCI_COMMON_MSIX, 2, VIRTIO_MSI_NO_VECTOR);
	uint64_t cfg = ~0ull;
	d->ops->reg_read(d, VIRTIO_PCI_COMMON_MSIX, 2, &cfg);
	queue_vector(d, 0, 0);
	uint64_t q0 = queue_vector(d, 0, VIRTIO_MSI_NO_VECTOR);
	vc_expect(ctx, cfg == VIRTIO_MSI_NO_VECTOR, "config_msix_vector reads 0x%llx after unmapping",
		  (unsigned long long)cfg);
	vc_expect(ctx, q0 == VIRTIO_MSI_NO_VECTOR, "queue 0 vector reads 0x%llx after unmapping", (unsigned long long)q0);
}

MSIX_CHECK(pci_msix_table_size, .id = "PCI-MSIX-008",
	   .title = "An MSI-X capability offers between 2 and 0x800 vectors",
	   .spec = "1.2 4.1.5.1.2.1", .level = VC_SHOULD)
{
	unsigned n = table_size(ctx);
	vc_expect(ctx, !n || (n >= 2 && n <= 0x800), "MSI-X Table Size %u", n);
}
