/* virtio-mem requests on the guest-request queue (VIRTIO 1.2 5.15.6,
 * 5.15.6.3.2 to 5.15.6.6.2): requests the device must refuse, a state
 * query and unplug-all. Nothing is ever plugged. */
#include "vcheck/dev/mem.h"
#include "vcheck/virtio_ids.h"
#include "suites/virtqueue/request.h"
#include <string.h>

enum { REQ_PLUG = 0, REQ_UNPLUG = 1, REQ_UNPLUG_ALL = 2, REQ_STATE = 3 };
enum { RESP_ACK = 0, RESP_ERROR = 3 };
#define STATE_UNPLUGGED 1

struct mem_req { uint16_t type, padding[3]; uint64_t addr; uint16_t nb_blocks, pad2[3]; };
struct mem_resp { uint16_t type, padding[3]; uint16_t state; };
_Static_assert(sizeof(struct mem_req) == 24, "virtio_mem_req is 24 bytes");

static uint64_t cfg64(struct vc_ctx *ctx, unsigned off)
{
	uint64_t lo = 0, hi = 0;
	ctx->d->ops->config_read(ctx->d, off, 4, &lo);
	ctx->d->ops->config_read(ctx->d, off + 4, 4, &hi);
	return (lo & 0xffffffffu) | hi << 32;
}

/* One request on queue 0; the response, or -1 (reported) on a timeout. */
static int mem_request(struct vc_ctx *ctx, uint16_t type, uint64_t addr, uint16_t nb_blocks, struct mem_resp *out)
{
	struct vq vq;
	if (vc_start_queue(ctx, 0, &vq))
		return -1;
	struct mem_req *req = vq_alloc(sizeof(*req), 8);
	struct mem_resp *resp = vq_alloc(16, 8);
	*req = (struct mem_req){ .type = type, .addr = addr, .nb_blocks = nb_blocks };
	memset(resp, 0xff, 16);
	struct vq_buf b[2] = { { req, sizeof(*req), 0 }, { resp, 16, 1 } };
	uint32_t len;
	if (vc_exchange(ctx, &vq, b, 2, &len))
		return -1;
	*out = *resp;
	return 0;
}

#define MEM_REQ(ident, ...) \
	VC_CHECK(ident, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_MEM, .level = VC_MUST, __VA_ARGS__)

static void expect_error(struct vc_ctx *ctx, uint16_t type, uint64_t addr, uint16_t nb_blocks, const char *what)
{
	struct mem_resp r;
	if (!mem_request(ctx, type, addr, nb_blocks, &r))
		vc_expect(ctx, r.type == RESP_ERROR, "%s: response type %u, expected ERROR (3)", what, r.type);
}

MEM_REQ(vq_mem_plug_unaligned, .id = "VQ-MEM-001",
	.title = "PLUG at an address not aligned to block_size is rejected with VIRTIO_MEM_RESP_ERROR",
	.spec = "1.2 5.15.6.3.2")
{
	uint64_t addr = cfg64(ctx, MEM_CFG_ADDR) + cfg64(ctx, MEM_CFG_BLOCK_SIZE) / 2;
	expect_error(ctx, REQ_PLUG, addr, 1, "half a block in");
}

MEM_REQ(vq_mem_plug_zero, .id = "VQ-MEM-002",
	.title = "PLUG of 0 blocks is rejected with VIRTIO_MEM_RESP_ERROR", .spec = "1.2 5.15.6.3.2")
{
	expect_error(ctx, REQ_PLUG, cfg64(ctx, MEM_CFG_ADDR), 0, "nb_blocks 0");
}

/* Nothing is plugged after a reset of a device nobody plugged into. */
MEM_REQ(vq_mem_unplug_unplugged, .id = "VQ-MEM-003",
	.title = "UNPLUG of a block that is not plugged is rejected with VIRTIO_MEM_RESP_ERROR",
	.spec = "1.2 5.15.6.4.2")
{
	if (cfg64(ctx, MEM_CFG_PLUGGED_SIZE)) {
		vc_skip(ctx, "plugged_size is not 0");
		return;
	}
	expect_error(ctx, REQ_UNPLUG, cfg64(ctx, MEM_CFG_ADDR), 1, "first block");
}

MEM_REQ(vq_mem_state_outside, .id = "VQ-MEM-004",
	.title = "STATE of the block just past usable_region_size is rejected with VIRTIO_MEM_RESP_ERROR",
	.spec = "1.2 5.15.6.6.2")
{
	expect_error(ctx, REQ_STATE, cfg64(ctx, MEM_CFG_ADDR) + cfg64(ctx, MEM_CFG_USABLE_REGION_SIZE), 1, "past the usable region");
}

MEM_REQ(vq_mem_state_unplugged, .id = "VQ-MEM-005",
	.title = "STATE of an unplugged block inside the usable region answers ACK with VIRTIO_MEM_STATE_UNPLUGGED",
	.spec = "1.2 5.15.6.6.2")
{
	if (cfg64(ctx, MEM_CFG_PLUGGED_SIZE) || cfg64(ctx, MEM_CFG_USABLE_REGION_SIZE) < cfg64(ctx, MEM_CFG_BLOCK_SIZE)) {
		vc_skip(ctx, "no unplugged block inside the usable region (plugged_size 0x%llx, usable_region_size 0x%llx)",
			(unsigned long long)cfg64(ctx, MEM_CFG_PLUGGED_SIZE), (unsigned long long)cfg64(ctx, MEM_CFG_USABLE_REGION_SIZE));
		return;
	}
	struct mem_resp r;
	if (!mem_request(ctx, REQ_STATE, cfg64(ctx, MEM_CFG_ADDR), 1, &r))
		vc_expect(ctx, r.type == RESP_ACK && r.state == STATE_UNPLUGGED, "response type %u, state %u", r.type,
			  r.state);
}

MEM_REQ(vq_mem_unplug_all, .id = "VQ-MEM-006",
	.title = "UNPLUG_ALL is acknowledged and leaves plugged_size at 0", .spec = "1.2 5.15.6.5.2")
{
	struct mem_resp r;
	if (mem_request(ctx, REQ_UNPLUG_ALL, 0, 0, &r))
		return;
	uint64_t plugged = cfg64(ctx, MEM_CFG_PLUGGED_SIZE);
	vc_expect(ctx, r.type == RESP_ACK, "response type %u, expected ACK (0)", r.type);
	vc_expect(ctx, plugged == 0, "plugged_size 0x%llx after UNPLUG_ALL", (unsigned long long)plugged);
}
