/* virtio-mmio identification registers (VIRTIO 1.2 4.2.2.1). */
#include "vcheck/virtio_mmio.h"
#include "suites/ctx.h"

VC_CHECK(mmio_magic, .id = "MMIO-ID-001", .title = "MagicValue reads 0x74726976",
	 .spec = "1.2 4.2.2.1", .level = VC_MUST, .transports = VC_TR_ANY_MMIO)
{
	uint64_t v;
	int st = ctx->d->ops->reg_read(ctx->d, VIRTIO_MMIO_MAGIC_VALUE, 4, &v);
	vc_expect(ctx, st == 0 && v == VIRTIO_MMIO_MAGIC, "MagicValue 0x%llx", (unsigned long long)v);
}

VC_CHECK(mmio_version, .id = "MMIO-ID-002", .title = "Version reads 2 (1 for a legacy device)",
	 .spec = "1.2 4.2.2.1", .level = VC_MUST, .transports = VC_TR_ANY_MMIO)
{
	uint64_t v;
	int st = ctx->d->ops->reg_read(ctx->d, VIRTIO_MMIO_VERSION, 4, &v);
	unsigned want = ctx->d->ops->kind == VC_TR_MMIO_V1 ? 1 : 2;
	vc_expect(ctx, st == 0 && v == want, "Version %llu, expected %u", (unsigned long long)v, want);
}

VC_CHECK(mmio_ident_stable, .id = "MMIO-ID-003",
	 .title = "Identification registers read the same after reset",
	 .spec = "1.2 4.2.2.1", .level = VC_MUST, .transports = VC_TR_ANY_MMIO)
{
	static const unsigned regs[] = { VIRTIO_MMIO_MAGIC_VALUE, VIRTIO_MMIO_VERSION,
					 VIRTIO_MMIO_DEVICE_ID, VIRTIO_MMIO_VENDOR_ID };
	uint64_t before[4], after;
	for (unsigned i = 0; i < 4; i++)
		ctx->d->ops->reg_read(ctx->d, regs[i], 4, &before[i]);
	ctx->d->ops->set_status(ctx->d, 0);
	for (unsigned i = 0; i < 4; i++) {
		ctx->d->ops->reg_read(ctx->d, regs[i], 4, &after);
		vc_expect(ctx, after == before[i], "register 0x%03x changed 0x%llx -> 0x%llx",
			  regs[i], (unsigned long long)before[i], (unsigned long long)after);
	}
}
