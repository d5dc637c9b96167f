/* Device reset through the status field (VIRTIO 1.2 2.1.2, 3.1.1). */
#include "vcheck/virtio_status.h"
#include "suites/ctx.h"

VC_CHECK(status_reset_reads_zero, .id = "STATUS-RESET-001",
	 .title = "Status reads 0 after the driver writes 0",
	 .spec = "1.2 2.1.2", .level = VC_MUST, .transports = VC_TR_ALL)
{
	struct vdev *d = ctx->d;
	d->ops->set_status(d, VIRTIO_STATUS_ACKNOWLEDGE);
	d->ops->set_status(d, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	uint8_t mid = d->ops->get_status(d);
	vc_expect(ctx, mid == (VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER),
		  "status reads 0x%02x after ACKNOWLEDGE|DRIVER", mid);
	d->ops->set_status(d, 0);
	uint8_t s = d->ops->get_status(d);
	vc_expect(ctx, s == 0, "status reads 0x%02x after reset", s);
}
