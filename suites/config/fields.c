/* Device configuration space, walked through the layouts
 * (VIRTIO 1.2 2.5 and each device's "Device configuration layout"). */
#include "vcheck/virtio_status.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"
#include "layouts/layout.h"

/* 64-bit fields are read as two 32-bit halves, as drivers must (4.1.3.1, 4.2.2.2). */
static int read_field(struct vdev *d, const struct vc_cfg_field *f, uint64_t *v)
{
	uint64_t lo = 0, hi = 0;
	unsigned w = f->width > 4 ? 4 : f->width;
	int st = d->ops->config_read(d, f->offset, w, &lo);
	if (f->width == 8 && !st)
		st = d->ops->config_read(d, f->offset + 4, 4, &hi);
	*v = lo | hi << 32;
	return st;
}

static uint64_t read_bytes(struct vdev *d, unsigned off, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++) {
		uint64_t b = 0;
		d->ops->config_read(d, off + i, 1, &b);
		v |= (b & 0xff) << (8 * i);
	}
	return v;
}

static int present(const struct vc_cfg_field *f, uint64_t offered)
{
	return f->size && (!f->features || (f->features & offered)) && f->width == f->size;
}

static const struct vc_layout *layout(struct vc_ctx *ctx)
{
	const struct vc_layout *p = vc_layout_find(ctx->d->device_id);
	if (!p || !p->nfields)
		vc_skip(ctx, "device type %u has no config layout", ctx->d->device_id);
	return p && p->nfields ? p : NULL;
}

VC_CHECK(cfg_width_consistent, .id = "CFG-WIDTH-001",
	 .title = "Every present scalar field reads the same at its natural width as byte by byte",
	 .spec = "1.2 2.5", .level = VC_MUST, .transports = VC_TR_ALL)
{
	const struct vc_layout *p = layout(ctx);
	struct vdev *d = ctx->d;
	uint64_t offered = drv_device_features(d);
	for (unsigned i = 0; p && i < p->nfields; i++) {
		const struct vc_cfg_field *f = &p->fields[i];
		uint64_t wide;
		if (!present(f, offered))
			continue;
		if (read_field(d, f, &wide)) {
			vc_report(ctx, VC_FAULT, "%s: %u-byte read aborted", f->name, f->width);
			continue;
		}
		uint64_t narrow = read_bytes(d, f->offset, f->size);
		vc_expect(ctx, wide == narrow, "%s: 0x%llx at width %u, 0x%llx byte-wise", f->name,
			  (unsigned long long)wide, f->width, (unsigned long long)narrow);
	}
}

VC_CHECK(cfg_before_features_ok, .id = "CFG-PRE-001",
	 .title = "Every field of an offered feature is readable before FEATURES_OK",
	 .spec = "1.2 2.5.2", .level = VC_MUST, .transports = VC_TR_ALL)
{
	const struct vc_layout *p = layout(ctx);
	struct vdev *d = ctx->d;
	d->ops->set_status(d, VIRTIO_STATUS_ACKNOWLEDGE);
	d->ops->set_status(d, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	uint64_t offered = drv_device_features(d);
	for (unsigned i = 0; p && i < p->nfields; i++) {
		uint64_t v;
		if (present(&p->fields[i], offered) && read_field(d, &p->fields[i], &v))
			vc_report(ctx, VC_FAULT, "%s: read aborted before FEATURES_OK", p->fields[i].name);
	}
}

/* Reads every present field until the generation is the same before and after. */
static void generation_loop(struct vc_ctx *ctx)
{
	const struct vc_layout *p = layout(ctx);
	struct vdev *d = ctx->d;
	uint64_t offered = drv_device_features(d);
	unsigned tries = 0;
	uint32_t before, after;
	do {
		before = d->ops->config_generation(d);
		for (unsigned i = 0; p && i < p->nfields; i++) {
			uint64_t v;
			if (present(&p->fields[i], offered))
				read_field(d, &p->fields[i], &v);
		}
		after = d->ops->config_generation(d);
	} while (before != after && ++tries < 16);
	vc_expect(ctx, before == after, "generation still moving after 16 passes (0x%x -> 0x%x)", before, after);
}

VC_CHECK(cfg_generation_mmio, .id = "CFG-GEN-001",
	 .title = "A full read of the config space settles under the ConfigGeneration loop",
	 .spec = "1.2 4.2.2.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_MMIO_V2))
{
	generation_loop(ctx);
}

VC_CHECK(cfg_generation_pci, .id = "CFG-GEN-002",
	 .title = "A full read of the config space settles under the config_generation loop",
	 .spec = "1.2 4.1.4.3.1", .level = VC_MUST, .transports = VC_TR_BIT(VC_TR_PCI_MODERN))
{
	generation_loop(ctx);
}

VC_CHECK(cfg_readonly_write, .id = "CFG-RO-001",
	 .title = "A write to a read-only config field does not change it",
	 .spec = "1.2 2.5", .level = VC_SHOULD, .transports = VC_TR_ALL)
{
	const struct vc_layout *p = layout(ctx);
	struct vdev *d = ctx->d;
	uint64_t offered = drv_device_features(d);
	drv_negotiate(d, offered);
	for (unsigned i = 0; p && i < p->nfields; i++) {
		const struct vc_cfg_field *f = &p->fields[i];
		uint64_t before, after;
		if (f->access != VC_FA_RO || !present(f, offered) || f->width > 4 || read_field(d, f, &before))
			continue;
		d->ops->config_write(d, f->offset, f->width, ~before);
		read_field(d, f, &after);
		if (after != before)
			vc_warn(ctx, "lenient: read-only %s changed 0x%llx -> 0x%llx on a write", f->name,
				(unsigned long long)before, (unsigned long long)after);
	}
}
