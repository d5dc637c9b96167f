/* One real request per device type QEMU answers without host privileges. */
#include "vcheck/blk_pattern.h"
#include "vcheck/virtio_ids.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"
#include "guests/lib/format.h"
#include <string.h>
#include "suites/virtqueue/blkreq.h"
#include "suites/virtqueue/request.h"
#include "guests/lib/virtqueue.h"

VC_CHECK(vq_blk_read, .id = "VQ-BLK-001",
	 .title = "A block read of sector 0 returns status OK and the disk's contents",
	 .spec = "1.2 5.2.6.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BLOCK)
{
	struct vq vq;
	if (vc_start_queue(ctx, 0, &vq))
		return;
	struct blk_req_hdr *hdr = vq_alloc(sizeof(*hdr), 16);
	uint8_t *data = vq_alloc(VC_BLK_SECTOR, 512), *status = vq_alloc(1, 1);
	*status = 0xff;
	struct vq_buf b[3] = { { hdr, sizeof(*hdr), 0 }, { data, VC_BLK_SECTOR, 1 }, { status, 1, 1 } };
	uint32_t len = 0;
	if (vc_exchange(ctx, &vq, b, 3, &len))
		return;
	vc_expect(ctx, *status == 0, "request status %u", *status);
	for (unsigned i = 0; i < VC_BLK_SECTOR; i++)
		if (data[i] != vc_blk_pattern_byte(0, i)) {
			vc_fail(ctx, "byte %u reads 0x%02x, vcheck's disk pattern holds 0x%02x there (a disk of "
				"your own: `vcheck disk FILE SIZE` writes the pattern)", i, data[i], vc_blk_pattern_byte(0, i));
			break;
		}
	vc_expect(ctx, len >= VC_BLK_SECTOR + 1, "used length %u, wrote at least %u", len, VC_BLK_SECTOR + 1);
}

VC_CHECK(vq_console_write, .id = "VQ-CON-001",
	 .title = "Console port 0 transmits a line (the host checks it reached the chardev)",
	 .spec = "1.2 5.3.6", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_CONSOLE)
{
	struct vq vq;
	if (vc_start_queue(ctx, 1, &vq)) /* port 0 transmitq */
		return;
	char *line = vq_alloc(64, 8);
	int n = vc_snprintf(line, 64, "vcheck console %s %s\n", vc_transport_name(ctx->d->ops->kind), ctx->d->loc);
	struct vq_buf b = { line, (uint32_t)n, 0 };
	uint32_t len;
	vc_exchange(ctx, &vq, &b, 1, &len); /* a transmit buffer comes back used */
}

VC_CHECK(vq_net_transmit, .id = "VQ-NET-001",
	 .title = "The network device consumes a transmitted frame",
	 .spec = "1.2 5.1.6.2.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_NET)
{
	struct vq vq;
	if (vc_start_queue(ctx, 1, &vq)) /* transmitq1 */
		return;
	/* The header is 12 bytes with VERSION_1, 10 on a legacy interface
	 * without MRG_RXBUF (5.1.6). */
	unsigned hdr = drv_has_features_ok(ctx->d) ? 12 : 10;
	uint8_t *frame = vq_alloc(hdr + 60, 16);
	static const uint8_t eth[14] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x52, 0x54, 0, 0x12, 0x34, 0x56, 0x88, 0xb5 };
	memcpy(frame + hdr, eth, sizeof(eth));
	struct vq_buf b = { frame, hdr + 60, 0 };
	uint32_t len;
	vc_exchange(ctx, &vq, &b, 1, &len); /* a transmit buffer comes back used */
}
