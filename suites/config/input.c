/* virtio-input's select/subsel config protocol (VIRTIO 1.2 5.8.4, 5.8.5.2). */
#include "vcheck/dev/input.h"
#include "vcheck/virtio_ids.h"
#include "suites/ctx.h"

#define CFG_UNSET 0x00
#define CFG_ID_NAME 0x01
#define CFG_ID_SERIAL 0x02
#define CFG_ID_DEVIDS 0x03
#define CFG_EV_BITS 0x11
#define CFG_ABS_INFO 0x12
#define EV_ABS 0x03
#define ABS_AXES 0x40 /* evdev ABS_MAX + 1 */

static unsigned query(struct vc_ctx *ctx, unsigned sel, unsigned subsel)
{
	uint64_t size = 0;
	ctx->d->ops->config_write(ctx->d, INPUT_CFG_SELECT, 1, sel);
	ctx->d->ops->config_write(ctx->d, INPUT_CFG_SUBSEL, 1, subsel);
	ctx->d->ops->config_read(ctx->d, INPUT_CFG_SIZE, 1, &size);
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
	ctx->d->ops->config_read(ctx->d, INPUT_CFG_U, 1, &first);
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
	ctx->d->ops->config_read(ctx->d, INPUT_CFG_SELECT, 1, &sel);
	ctx->d->ops->config_read(ctx->d, INPUT_CFG_SUBSEL, 1, &sub);
	vc_expect(ctx, sel == CFG_EV_BITS && sub == 0x01, "select 0x%llx subsel 0x%llx, wrote 0x11 0x01",
		  (unsigned long long)sel, (unsigned long long)sub);
}

static uint8_t union_byte(struct vc_ctx *ctx, unsigned i)
{
	uint64_t b = 0;
	ctx->d->ops->config_read(ctx->d, INPUT_CFG_U + i, 1, &b);
	return (uint8_t)b;
}

/* 5.8.4: "Strings do not include a NUL terminator": size counts the
 * characters, so none of them is NUL. */
VC_CHECK(input_strings_unterminated, .id = "INPUT-CFG-006",
	 .title = "ID_NAME and ID_SERIAL hold no NUL within their size (strings carry no terminator)",
	 .spec = "1.2 5.8.4", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_INPUT)
{
	static const unsigned sel[] = { CFG_ID_NAME, CFG_ID_SERIAL };
	for (unsigned s = 0; s < 2; s++) {
		unsigned n = query(ctx, sel[s], 0);
		for (unsigned i = 0; i < n && i < 128; i++)
			if (!union_byte(ctx, i)) {
				vc_fail(ctx, "select 0x%02x: NUL at byte %u of size %u", sel[s], i, n);
				break;
			}
	}
}

/* ABS_INFO is a supported combination exactly for the axes EV_BITS/EV_ABS
 * lists (5.8.4), and then holds the 20-byte virtio_input_absinfo. */
VC_CHECK(input_abs_info_axes, .id = "INPUT-CFG-007",
	 .title = "ABS_INFO answers (with 20 bytes) for exactly the axes EV_BITS lists under EV_ABS",
	 .spec = "1.2 5.8.5.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_INPUT)
{
	uint8_t axes[ABS_AXES / 8] = { 0 };
	unsigned n = query(ctx, CFG_EV_BITS, EV_ABS);
	for (unsigned i = 0; i < n && i < sizeof(axes); i++)
		axes[i] = union_byte(ctx, i);
	for (unsigned axis = 0; axis < ABS_AXES; axis++) {
		int listed = (axes[axis / 8] >> (axis % 8)) & 1;
		unsigned size = query(ctx, CFG_ABS_INFO, axis);
		vc_expect(ctx, listed ? size == 20 : size == 0, "axis 0x%02x %s EV_ABS: ABS_INFO size %u", axis,
			  listed ? "in" : "not in", size);
	}
}
