/* virtio-mem configuration (VIRTIO 1.2 5.15.4, 5.15.4.2). */
#include "vcheck/dev/mem.h"
#include "vcheck/virtio_ids.h"
#include "suites/config/cfg.h"
#include "suites/virtqueue/ring.h"

#define MEM_CHECK(ident, ...) \
	VC_CHECK(ident, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_MEM, .level = VC_MUST, __VA_ARGS__)

MEM_CHECK(mem_block_pow2, .id = "MEM-CFG-001", .title = "block_size is a power of two", .spec = "1.2 5.15.4.2")
{
	uint64_t b = vc_cfg(ctx, MEM_CFG_BLOCK_SIZE, 8);
	vc_expect(ctx, b && !(b & (b - 1)), "block_size 0x%llx", (unsigned long long)b);
}

MEM_CHECK(mem_block_multiples, .id = "MEM-CFG-002",
	  .title = "addr, region_size, usable_region_size, plugged_size and requested_size are multiples of block_size",
	  .spec = "1.2 5.15.4.2")
{
	static const struct { unsigned off; const char *name; } f[] = {
		{ MEM_CFG_ADDR, "addr" }, { MEM_CFG_REGION_SIZE, "region_size" }, { MEM_CFG_USABLE_REGION_SIZE, "usable_region_size" },
		{ MEM_CFG_PLUGGED_SIZE, "plugged_size" }, { MEM_CFG_REQUESTED_SIZE, "requested_size" },
	};
	uint64_t b = vc_cfg(ctx, MEM_CFG_BLOCK_SIZE, 8);
	if (!b || (b & (b - 1))) {
		vc_skip(ctx, "block_size 0x%llx is no power of two (MEM-CFG-001)", (unsigned long long)b);
		return;
	}
	for (unsigned i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		uint64_t v = vc_cfg(ctx, f[i].off, 8);
		vc_expect(ctx, !(v & (b - 1)), "%s 0x%llx, block_size 0x%llx", f[i].name, (unsigned long long)v,
			  (unsigned long long)b);
	}
}

MEM_CHECK(mem_usable_covers_requested, .id = "MEM-CFG-003",
	  .title = "usable_region_size is at least requested_size", .spec = "1.2 5.15.4.2")
{
	uint64_t usable = vc_cfg(ctx, MEM_CFG_USABLE_REGION_SIZE, 8), requested = vc_cfg(ctx, MEM_CFG_REQUESTED_SIZE, 8);
	vc_expect(ctx, usable >= requested, "usable_region_size 0x%llx < requested_size 0x%llx",
		  (unsigned long long)usable, (unsigned long long)requested);
}

/* A device reset is not a system reset: these four stay put across one. */
MEM_CHECK(mem_fixed_fields, .id = "MEM-CFG-004",
	  .title = "block_size, node_id, addr and region_size do not change over DRIVER_OK and a device reset",
	  .spec = "1.2 5.15.4.2")
{
	static const struct { unsigned off, width; const char *name; } f[] = {
		{ MEM_CFG_BLOCK_SIZE, 8, "block_size" }, { MEM_CFG_NODE_ID, 2, "node_id" },
		{ MEM_CFG_ADDR, 8, "addr" }, { MEM_CFG_REGION_SIZE, 8, "region_size" },
	};
	uint64_t before[4];
	for (unsigned i = 0; i < 4; i++)
		before[i] = vc_cfg(ctx, f[i].off, f[i].width);
	if (vc_negotiate(ctx, 0))
		return;
	drv_driver_ok(ctx->d);
	drv_reset(ctx->d, 100000);
	for (unsigned i = 0; i < 4; i++) {
		uint64_t after = vc_cfg(ctx, f[i].off, f[i].width);
		vc_expect(ctx, after == before[i], "%s 0x%llx -> 0x%llx", f[i].name, (unsigned long long)before[i],
			  (unsigned long long)after);
	}
}
