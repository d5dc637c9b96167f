/* virtio-input's select/subsel config protocol (VIRTIO 1.2 5.8.4, 5.8.5.2). */
#include "vcheck/virtio_ids.h"
#include "ctx.h"

#define SELECT 0
#define SUBSEL 1
#define SIZE 2
#define UNION 8
#define CFG_UNSET 0x00
#define CFG_ID_NAME 0x01
#define CFG_ID_DEVIDS 0x03
#define CFG_EV_BITS 0x11

static unsigned query(struct vc_ctx *ctx, unsigned sel, unsigned subsel)
{
	uint64_t size = 0;
	ctx->d->ops->config_write(ctx->d, SELECT, 1, sel);
	ctx->d->ops->config_write(ctx->d, SUBSEL, 1, subsel);
	ctx->d->ops->config_read(ctx->d, SIZE, 1, &size);
	return (unsigned)size;
}

VC_CHECK(input_unset_size0, .id = "INPUT-CFG-001",
	 .title = "size reads 0 for VIRTIO_INPUT_CFG_UNSET and for an undefined select",
	 .spec = "1.2 5.8.5.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_INPUT)
{
	unsigned a = query(ctx, CFG_UNSET, 0), b = query(ctx, 0x7f, 0);
	vc_expect(ctx, a == 0, "CFG_UNSET gives size %u", a);
	vc_expect(ctx, b == 0, "undefined select 0x7f gives size %u", b);
}

VC_CHECK(input_name, .id = "INPUT-CFG-002",
	 .title = "ID_NAME gives a non-empty name within the 128-byte union",
	 .spec = "1.2 5.8.4", .level = VC_SHOULD, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_INPUT)
{
	unsigned n = query(ctx, CFG_ID_NAME, 0);
	vc_expect(ctx, n > 0 && n <= 128, "ID_NAME size %u", n);
	uint64_t first = 0;
	ctx->d->ops->config_read(ctx->d, UNION, 1, &first);
	vc_expect(ctx, n == 0 || (first >= 0x20 && first < 0x7f), "name starts with byte 0x%02llx",
		  (unsigned long long)first);
}

VC_CHECK(input_devids, .id = "INPUT-CFG-003",
	 .title = "ID_DEVIDS gives the 8-byte bustype/vendor/product/version structure",
	 .spec = "1.2 5.8.4", .level = VC_SHOULD, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_INPUT)
{
	unsigned n = query(ctx, CFG_ID_DEVIDS, 0);
	vc_expect(ctx, n == 8, "ID_DEVIDS size %u", n);
}

VC_CHECK(input_ev_bits_syn, .id = "INPUT-CFG-004",
	 .title = "EV_BITS describes at least one event type the device sends (EV_KEY, EV_REL or EV_ABS)",
	 .spec = "1.2 5.8.4", .level = VC_SHOULD, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_INPUT)
{
	unsigned key = query(ctx, CFG_EV_BITS, 0x01), rel = query(ctx, CFG_EV_BITS, 0x02),
		 abs = query(ctx, CFG_EV_BITS, 0x03);
	vc_expect(ctx, key || rel || abs, "EV_KEY %u, EV_REL %u, EV_ABS %u bitmap bytes", key, rel, abs);
}

VC_CHECK(input_select_latch, .id = "INPUT-CFG-005",
	 .title = "select and subsel read back what the driver wrote",
	 .spec = "1.2 5.8.4", .level = VC_SHOULD, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_INPUT)
{
	query(ctx, CFG_EV_BITS, 0x01);
	uint64_t sel = 0, sub = 0;
	ctx->d->ops->config_read(ctx->d, SELECT, 1, &sel);
	ctx->d->ops->config_read(ctx->d, SUBSEL, 1, &sub);
	vc_expect(ctx, sel == CFG_EV_BITS && sub == 0x01, "select 0x%llx subsel 0x%llx, wrote 0x11 0x01",
		  (unsigned long long)sel, (unsigned long long)sub);
}
