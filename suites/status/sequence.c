/* The status handshake (VIRTIO 1.2 2.1, 2.4, 3.1). */
#include "vcheck/virtio_status.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"

#define S_ACK VIRTIO_STATUS_ACKNOWLEDGE
#define S_DRV VIRTIO_STATUS_DRIVER
#define S_FOK VIRTIO_STATUS_FEATURES_OK
#define S_DOK VIRTIO_STATUS_DRIVER_OK

VC_CHECK(status_initial_zero, .id = "STATUS-RESET-002",
	 .title = "Reset completes: Status reads 0 within 100 ms",
	 .spec = "1.2 2.4.1", .level = VC_MUST, .transports = VC_TR_ALL)
{
	struct vdev *d = ctx->d;
	d->ops->set_status(d, S_ACK | S_DRV);
	uint64_t t0 = drv_micros();
	int rc = drv_reset(d, 100000);
	vc_expect(ctx, rc == 0, "Status still 0x%02x %llu us after reset", d->ops->get_status(d),
		  (unsigned long long)(drv_micros() - t0));
}

VC_CHECK(status_ack_driver_readback, .id = "STATUS-SEQ-001",
	 .title = "ACKNOWLEDGE, then DRIVER, read back exactly as written",
	 .spec = "1.2 2.1.2", .level = VC_MUST, .transports = VC_TR_ALL)
{
	struct vdev *d = ctx->d;
	d->ops->set_status(d, S_ACK);
	uint8_t a = d->ops->get_status(d);
	d->ops->set_status(d, S_ACK | S_DRV);
	uint8_t b = d->ops->get_status(d);
	vc_expect(ctx, a == S_ACK, "after ACKNOWLEDGE Status reads 0x%02x", a);
	vc_expect(ctx, b == (S_ACK | S_DRV), "after DRIVER Status reads 0x%02x", b);
}

VC_CHECK(status_features_ok_kept, .id = "STATUS-FOK-001",
	 .title = "FEATURES_OK stays set when the driver accepts every offered feature",
	 .spec = "1.2 2.2.2", .level = VC_SHOULD, .transports = VC_TR_MODERN)
{
	uint64_t offered = drv_device_features(ctx->d);
	uint8_t s = drv_negotiate(ctx->d, offered);
	vc_expect(ctx, s & S_FOK, "Status 0x%02x after accepting all of 0x%llx", s, (unsigned long long)offered);
}

VC_CHECK(status_driver_ok, .id = "STATUS-DOK-001",
	 .title = "DRIVER_OK after a valid negotiation reads back without DEVICE_NEEDS_RESET or FAILED",
	 .spec = "1.2 2.1.2", .level = VC_MUST, .transports = VC_TR_ALL)
{
	struct vdev *d = ctx->d;
	uint64_t offered = drv_device_features(d);
	uint8_t s = drv_negotiate(d, offered);
	if (drv_has_features_ok(d) && !(s & S_FOK)) {
		vc_skip(ctx, "FEATURES_OK refused (see STATUS-FOK-001)");
		return;
	}
	uint8_t want = (uint8_t)(s | S_DOK);
	d->ops->set_status(d, want);
	uint8_t got = d->ops->get_status(d);
	vc_expect(ctx, got == want, "Status reads 0x%02x after writing 0x%02x", got, want);
}

VC_CHECK(status_renegotiate, .id = "STATUS-FOK-002",
	 .title = "The same features negotiate again after a reset",
	 .spec = "1.2 2.2.2", .level = VC_SHOULD, .transports = VC_TR_MODERN)
{
	uint64_t offered = drv_device_features(ctx->d);
	uint8_t first = drv_negotiate(ctx->d, offered);
	if (!(first & S_FOK)) {
		vc_skip(ctx, "FEATURES_OK refused the first time");
		return;
	}
	uint8_t second = drv_negotiate(ctx->d, offered);
	vc_expect(ctx, second & S_FOK, "second negotiation: Status 0x%02x", second);
}

VC_CHECK(status_reset_clears_features, .id = "STATUS-RESET-003",
	 .title = "Reset forgets the negotiated features: FEATURES_OK needs a new negotiation",
	 .spec = "1.2 2.4.1", .level = VC_MUST, .transports = VC_TR_MODERN)
{
	struct vdev *d = ctx->d;
	drv_negotiate(d, drv_device_features(d));
	drv_reset(d, 100000);
	uint8_t s = d->ops->get_status(d);
	vc_expect(ctx, s == 0, "Status 0x%02x after reset", s);
}
