/* virtio-iommu requests that name what does not exist (VIRTIO 1.2
 * 5.13.6.2 to 5.13.6.7.2). None of them attaches or maps anything, so the
 * DMA of the other devices in the cell is never touched. */
#include "vcheck/virtio_ids.h"
#include "guests/lib/pci.h"
#include "suites/virtqueue/request.h"
#include <string.h>

enum { T_ATTACH = 1, T_DETACH = 2, T_MAP = 3, T_UNMAP = 4, T_PROBE = 5 };
enum { S_NOENT = 6 };
#define MAP_F_READ 1u
#define IOMMU_PROBE_SIZE 32
#define NO_DOMAIN 0xfffffff0u /* never attached to in these checks */

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* An endpoint ID (bus << 8 | devfn) on the IOMMU's own bus whose function
 * reads vendor 0xffff: no device there. */
static uint32_t absent_endpoint(const struct pci_fn *self)
{
	unsigned self_devfn = self->dev << 3 | self->fn;
	for (unsigned devfn = 0xff; devfn > 0; devfn--) {
		struct pci_fn probe = { .cfg = self->cfg - ((uintptr_t)self_devfn << 12) + ((uintptr_t)devfn << 12) };
		if (pci_cfg_read(&probe, 0, 2) == 0xffff)
			return self->bus << 8 | devfn;
	}
	return ~0u;
}

/* Sends `len` request bytes (type in byte 0) and returns the status byte
 * of a `reply`-byte writable tail, or -1 (reported) on a timeout. */
static int iommu_request(struct vc_ctx *ctx, const uint8_t *req, unsigned len, unsigned reply, uint32_t *used)
{
	struct vq vq;
	if (vc_start_queue(ctx, 0, &vq))
		return -1;
	uint8_t *out = vq_alloc(len, 8), *in = vq_alloc(reply, 8);
	memcpy(out, req, len);
	memset(in, 0xff, reply);
	struct vq_buf b[2] = { { out, len, 0 }, { in, reply, 1 } };
	if (vc_exchange(ctx, &vq, b, 2, used))
		return -1;
	return in[reply - 4];
}

#define IOMMU_REQ(ident, ...) \
	VC_CHECK(ident, .transports = VC_TR_ANY_PCI, .device_id = VIRTIO_ID_IOMMU, __VA_ARGS__)

/* ATTACH and DETACH: head, domain, endpoint, then flags and reserved. */
static void endpoint_request(struct vc_ctx *ctx, uint8_t type)
{
	uint32_t ep = absent_endpoint(ctx->d->pci), used;
	uint8_t req[20] = { type };
	put_le(req + 4, 1, 4);
	put_le(req + 8, ep, 4);
	int st = iommu_request(ctx, req, sizeof(req), 4, &used);
	if (st >= 0)
		vc_expect(ctx, st == S_NOENT, "status %d for endpoint 0x%x, expected NOENT (6)", st, ep);
}

IOMMU_REQ(vq_iommu_attach_noent, .id = "VQ-IOMMU-001",
	  .title = "ATTACH of an endpoint that does not exist is rejected with VIRTIO_IOMMU_S_NOENT",
	  .spec = "1.2 5.13.6.3.2", .level = VC_MUST)
{
	endpoint_request(ctx, T_ATTACH);
}

IOMMU_REQ(vq_iommu_detach_noent, .id = "VQ-IOMMU-002",
	  .title = "DETACH of an endpoint that does not exist is rejected with VIRTIO_IOMMU_S_NOENT",
	  .spec = "1.2 5.13.6.4.2", .level = VC_MUST)
{
	endpoint_request(ctx, T_DETACH);
}

/* MAP and UNMAP of virt 0 .. 0xfff in a domain nobody created: head,
 * domain, virt_start, virt_end, then phys_start and flags (MAP) or
 * reserved (UNMAP). */
static void domain_request(struct vc_ctx *ctx, uint8_t type, unsigned len)
{
	uint8_t req[36] = { type };
	uint32_t used;
	put_le(req + 4, NO_DOMAIN, 4);
	put_le(req + 16, 0xfff, 8);
	if (type == T_MAP)
		put_le(req + 32, MAP_F_READ, 4);
	int st = iommu_request(ctx, req, len, 4, &used);
	if (st >= 0)
		vc_expect(ctx, st == S_NOENT, "status %d, expected NOENT (6)", st);
}

IOMMU_REQ(vq_iommu_map_noent, .id = "VQ-IOMMU-003",
	  .title = "MAP into a domain that does not exist is rejected with VIRTIO_IOMMU_S_NOENT",
	  .spec = "1.2 5.13.6.5.2", .level = VC_SHOULD)
{
	domain_request(ctx, T_MAP, 36);
}

IOMMU_REQ(vq_iommu_unmap_noent, .id = "VQ-IOMMU-004",
	  .title = "UNMAP from a domain that does not exist is answered with VIRTIO_IOMMU_S_NOENT",
	  .spec = "1.2 5.13.6.6.2", .level = VC_SHOULD)
{
	domain_request(ctx, T_UNMAP, 28);
}

/* The writable part is probe_size bytes of properties, then the tail. */
IOMMU_REQ(vq_iommu_probe_noent, .id = "VQ-IOMMU-005",
	  .title = "PROBE of an endpoint that does not exist is rejected with VIRTIO_IOMMU_S_NOENT",
	  .spec = "1.2 5.13.6.7.2", .level = VC_SHOULD, .features = 1ull << 4 /* VIRTIO_IOMMU_F_PROBE */)
{
	uint64_t probe_size = 0;
	ctx->d->ops->config_read(ctx->d, IOMMU_PROBE_SIZE, 4, &probe_size);
	if (probe_size > 4096) {
		vc_skip(ctx, "probe_size %llu is larger than this check's buffer", (unsigned long long)probe_size);
		return;
	}
	uint32_t ep = absent_endpoint(ctx->d->pci), used;
	uint8_t req[72] = { T_PROBE };
	put_le(req + 4, ep, 4);
	int st = iommu_request(ctx, req, sizeof(req), (unsigned)probe_size + 4, &used);
	if (st >= 0)
		vc_expect(ctx, st == S_NOENT, "status %d for endpoint 0x%x, expected NOENT (6)", st, ep);
}

IOMMU_REQ(vq_iommu_unknown_type, .id = "VQ-IOMMU-006",
	  .title = "A request of an unknown type is returned unwritten, with used length 0",
	  .spec = "1.2 5.13.6.2", .level = VC_SHOULD)
{
	uint8_t req[20] = { 0x7f };
	uint32_t used = ~0u;
	int st = iommu_request(ctx, req, sizeof(req), 4, &used);
	if (st >= 0)
		vc_expect(ctx, used == 0 && st == 0xff, "used length %u, tail status byte 0x%02x (was 0xff)", used, st);
}
