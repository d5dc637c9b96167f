/* virtio-gpu controlq requests (VIRTIO 1.2 5.7.6.5, 5.7.6.7, 5.7.6.8):
 * display info, fencing, EDID and a 2D resource's life. None needs a host
 * display: QEMU answers them with -display none. */
#include "vcheck/dev/gpu.h"
#include "vcheck/virtio_ids.h"
#include <string.h>
#include "suites/virtqueue/request.h"

#define GPU_CMD_GET_DISPLAY_INFO 0x0100u
#define GPU_CMD_RESOURCE_CREATE_2D 0x0101u
#define GPU_CMD_RESOURCE_UNREF 0x0102u
#define GPU_CMD_GET_EDID 0x010au
#define GPU_RESP_OK_NODATA 0x1100u
#define GPU_RESP_OK_EDID 0x1104u
#define GPU_FLAG_FENCE 1u
#define GPU_FORMAT_B8G8R8A8_UNORM 1
#define GPU_RESP_OK_DISPLAY_INFO 0x1101u
#define GPU_MAX_SCANOUTS 16

struct gpu_ctrl_hdr { uint32_t type, flags; uint64_t fence_id; uint32_t ctx_id; uint8_t ring_idx, padding[3]; };
struct gpu_rect { uint32_t x, y, width, height; };
struct gpu_display_info {
	struct gpu_ctrl_hdr hdr;
	struct { struct gpu_rect r; uint32_t enabled, flags; } pmodes[GPU_MAX_SCANOUTS];
};
_Static_assert(sizeof(struct gpu_ctrl_hdr) == 24, "virtio_gpu_ctrl_hdr is 24 bytes");
_Static_assert(sizeof(struct gpu_display_info) == 408, "virtio_gpu_resp_display_info is 408 bytes");

VC_CHECK(vq_gpu_display_info, .id = "VQ-GPU-001",
	 .title = "GET_DISPLAY_INFO on controlq returns OK_DISPLAY_INFO with scanout 0 enabled",
	 .spec = "1.2 5.7.6.8", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_GPU)
{
	struct vq vq;
	if (vc_start_queue(ctx, 0, &vq))
		return;
	struct gpu_ctrl_hdr *cmd = vq_alloc(sizeof(*cmd), 8);
	struct gpu_display_info *info = vq_alloc(sizeof(*info), 8);
	cmd->type = GPU_CMD_GET_DISPLAY_INFO;
	struct vq_buf b[2] = { { cmd, sizeof(*cmd), 0 }, { info, sizeof(*info), 1 } };
	uint32_t len;
	if (vc_exchange(ctx, &vq, b, 2, &len))
		return;
	if (info->hdr.type != GPU_RESP_OK_DISPLAY_INFO) {
		vc_fail(ctx, "response type 0x%x, expected OK_DISPLAY_INFO 0x1101", info->hdr.type);
		return;
	}
	/* QEMU's default is one scanout, enabled from realize on. */
	vc_expect(ctx, info->pmodes[0].enabled == 1, "scanout 0 enabled = %u", info->pmodes[0].enabled);
	vc_expect(ctx, info->pmodes[0].r.width && info->pmodes[0].r.height, "scanout 0 is %ux%u",
		  info->pmodes[0].r.width, info->pmodes[0].r.height);
	vc_expect(ctx, len >= sizeof(*info), "used length %u, the response is %u bytes", len, (unsigned)sizeof(*info));
}

/* One command with a response of `rlen` bytes on controlq; -1 (reported)
 * when the device does not answer. */
static int gpu_command(struct vc_ctx *ctx, uint64_t want, const void *cmd, unsigned clen, void *resp, unsigned rlen)
{
	struct vq vq;
	if (drv_start(ctx->d, want)) {
		vc_skip(ctx, "FEATURES_OK refused for 0x%llx", (unsigned long long)want);
		return -1;
	}
	if (vc_setup_queue(ctx, 0, &vq))
		return -1;
	void *c = vq_alloc(clen, 8), *r = vq_alloc(rlen, 8);
	memcpy(c, cmd, clen);
	memset(r, 0, rlen);
	struct vq_buf b[2] = { { c, clen, 0 }, { r, rlen, 1 } };
	uint32_t len;
	if (vc_exchange(ctx, &vq, b, 2, &len))
		return -1;
	memcpy(resp, r, rlen);
	return 0;
}

VC_CHECK(vq_gpu_fence, .id = "VQ-GPU-002",
	 .title = "A fenced command's response carries VIRTIO_GPU_FLAG_FENCE and the request's fence_id",
	 .spec = "1.2 5.7.6.5", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_GPU)
{
	struct gpu_ctrl_hdr cmd = { .type = GPU_CMD_GET_DISPLAY_INFO, .flags = GPU_FLAG_FENCE,
				    .fence_id = 0x5ca1ab1e0000f00dull };
	static struct gpu_display_info info;
	if (gpu_command(ctx, 0, &cmd, sizeof(cmd), &info, sizeof(info)))
		return;
	vc_expect(ctx, info.hdr.flags & GPU_FLAG_FENCE, "response flags 0x%x", info.hdr.flags);
	vc_expect(ctx, info.hdr.fence_id == cmd.fence_id, "response fence_id 0x%llx, sent 0x%llx",
		  (unsigned long long)info.hdr.fence_id, (unsigned long long)cmd.fence_id);
}

struct gpu_get_edid { struct gpu_ctrl_hdr hdr; uint32_t scanout, padding; };
struct gpu_resp_edid { struct gpu_ctrl_hdr hdr; uint32_t size, padding; uint8_t edid[1024]; };

/* The blob is VESA EDID: 128-byte blocks starting with the fixed header. */
VC_CHECK(vq_gpu_edid, .id = "VQ-GPU-003",
	 .title = "With EDID negotiated, GET_EDID for scanout 0 returns OK_EDID with an EDID blob",
	 .spec = "1.2 5.7.6.8", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_GPU,
	 .features = 1ull << GPU_F_EDID)
{
	static const uint8_t header[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };
	struct gpu_get_edid cmd = { .hdr = { .type = GPU_CMD_GET_EDID }, .scanout = 0 };
	static struct gpu_resp_edid r;
	if (gpu_command(ctx, 1ull << GPU_F_EDID, &cmd, sizeof(cmd), &r, sizeof(r)))
		return;
	if (r.hdr.type != GPU_RESP_OK_EDID) {
		vc_fail(ctx, "response type 0x%x, expected OK_EDID 0x1104", r.hdr.type);
		return;
	}
	vc_expect(ctx, r.size >= 128 && r.size <= 1024 && r.size % 128 == 0, "EDID size %u", r.size);
	vc_expect(ctx, !memcmp(r.edid, header, 8), "EDID starts %02x %02x %02x %02x, not the EDID header", r.edid[0],
		  r.edid[1], r.edid[2], r.edid[3]);
}

struct gpu_create_2d { struct gpu_ctrl_hdr hdr; uint32_t resource_id, format, width, height; };
struct gpu_unref { struct gpu_ctrl_hdr hdr; uint32_t resource_id, padding; };

VC_CHECK(vq_gpu_resource_2d, .id = "VQ-GPU-004",
	 .title = "RESOURCE_CREATE_2D of a small B8G8R8A8 resource, then RESOURCE_UNREF, each answer OK_NODATA",
	 .spec = "1.2 5.7.6.8", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_GPU)
{
	struct vq vq;
	if (vc_start_queue(ctx, 0, &vq))
		return;
	struct gpu_create_2d *create = vq_alloc(sizeof(*create), 8);
	struct gpu_unref *unref = vq_alloc(sizeof(*unref), 8);
	struct gpu_ctrl_hdr *r1 = vq_alloc(sizeof(*r1), 8), *r2 = vq_alloc(sizeof(*r2), 8);
	*create = (struct gpu_create_2d){ { .type = GPU_CMD_RESOURCE_CREATE_2D }, 1, GPU_FORMAT_B8G8R8A8_UNORM, 64, 64 };
	*unref = (struct gpu_unref){ { .type = GPU_CMD_RESOURCE_UNREF }, 1, 0 };
	struct vq_buf c[2] = { { create, sizeof(*create), 0 }, { r1, sizeof(*r1), 1 } };
	struct vq_buf u[2] = { { unref, sizeof(*unref), 0 }, { r2, sizeof(*r2), 1 } };
	uint32_t len;
	if (vc_exchange(ctx, &vq, c, 2, &len))
		return;
	vc_expect(ctx, r1->type == GPU_RESP_OK_NODATA, "RESOURCE_CREATE_2D answered 0x%x", r1->type);
	if (vc_exchange(ctx, &vq, u, 2, &len))
		return;
	vc_expect(ctx, r2->type == GPU_RESP_OK_NODATA, "RESOURCE_UNREF answered 0x%x", r2->type);
}
