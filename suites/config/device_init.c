/* Device-type initialisation requirements that need no virtqueue
 * (VIRTIO 1.2 5.2.5.2 block, 5.3.5.1 console). */
#include "vcheck/dev/blk.h"
#include "vcheck/dev/console.h"
#include "vcheck/virtio_ids.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"
#include "guests/lib/format.h"

VC_CHECK(blk_flush_with_wce, .id = "BLK-FEAT-001",
	 .title = "A block device offering CONFIG_WCE offers FLUSH",
	 .spec = "1.2 5.2.5.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BLOCK)
{
	uint64_t f = drv_device_features(ctx->d);
	if (!(f & (1ull << BLK_F_CONFIG_WCE)))
		vc_skip(ctx, "CONFIG_WCE not offered");
	else
		vc_expect(ctx, (f & (1ull << BLK_F_FLUSH)) != 0, "CONFIG_WCE without FLUSH (features 0x%llx)",
			  (unsigned long long)f);
}

VC_CHECK(blk_flush_offered, .id = "BLK-FEAT-002",
	 .title = "A block device offers FLUSH",
	 .spec = "1.2 5.2.5.2", .level = VC_SHOULD, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BLOCK)
{
	uint64_t f = drv_device_features(ctx->d);
	vc_expect(ctx, (f & (1ull << BLK_F_FLUSH)) != 0, "FLUSH not offered (features 0x%llx)", (unsigned long long)f);
}

/* The line goes out through emerg_wr one character at a time; the host test
 * looks for it in the console chardev file (the device side of the check). */
VC_CHECK(console_emerg_unconfigured, .id = "CON-EMERG-001",
	 .title = "emerg_wr accepts writes on an unconfigured device",
	 .spec = "1.2 5.3.5.1", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_CONSOLE)
{
	if (!(drv_device_features(ctx->d) & (1ull << CONSOLE_F_EMERG_WRITE))) {
		vc_skip(ctx, "EMERG_WRITE not offered");
		return;
	}
	char line[64];
	int n = vc_snprintf(line, sizeof(line), "vcheck emerg %s %s\n", vc_transport_name(ctx->d->ops->kind), ctx->d->loc);
	for (int i = 0; i < n; i++)
		if (ctx->d->ops->config_write(ctx->d, CONSOLE_CFG_EMERG_WR, 4, (uint8_t)line[i])) {
			vc_report(ctx, VC_FAULT, "write %d to emerg_wr aborted", i);
			return;
		}
}
