/* Driver-writable config fields of balloon and gpu (VIRTIO 1.2 5.5.4, 5.7.4). */
#include "vcheck/dev/balloon.h"
#include "vcheck/dev/gpu.h"
#include "vcheck/virtio_ids.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"

VC_CHECK(balloon_actual_latch, .id = "BALLOON-CFG-001",
	 .title = "The balloon's actual field reads back what the driver wrote",
	 .spec = "1.2 5.5.4", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BALLOON)
{
	drv_start(ctx->d, 0);
	uint64_t v = 0;
	ctx->d->ops->config_write(ctx->d, BALLOON_CFG_ACTUAL, 4, 3);
	ctx->d->ops->config_read(ctx->d, BALLOON_CFG_ACTUAL, 4, &v);
	vc_expect(ctx, v == 3, "actual reads %llu after writing 3", (unsigned long long)v);
}

VC_CHECK(gpu_events_initial, .id = "GPU-CFG-001",
	 .title = "events_read is 0 after reset: no display event is pending before the driver starts",
	 .spec = "1.2 5.7.4", .level = VC_SHOULD, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_GPU)
{
	uint64_t v = ~0ull;
	ctx->d->ops->config_read(ctx->d, GPU_CFG_EVENTS_READ, 4, &v);
	vc_expect(ctx, v == 0, "events_read 0x%llx", (unsigned long long)v);
}

/* 5.5.4: the driver writes its poison value there during initialisation. */
VC_CHECK(balloon_poison_latch, .id = "BALLOON-CFG-002",
	 .title = "With PAGE_POISON negotiated, poison_val reads back what the driver wrote",
	 .spec = "1.2 5.5.4", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BALLOON,
	 .features = 1ull << BALLOON_F_PAGE_POISON)
{
	if (drv_start(ctx->d, 1ull << BALLOON_F_PAGE_POISON)) {
		vc_skip(ctx, "FEATURES_OK refused with PAGE_POISON");
		return;
	}
	uint64_t v = 0;
	ctx->d->ops->config_write(ctx->d, BALLOON_CFG_POISON_VAL, 4, 0xaa55aa55u);
	ctx->d->ops->config_read(ctx->d, BALLOON_CFG_POISON_VAL, 4, &v);
	vc_expect(ctx, v == 0xaa55aa55u, "poison_val reads 0x%llx after writing 0xaa55aa55", (unsigned long long)v);
}
