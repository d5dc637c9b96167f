/* Feature dependencies from each device's "Feature bit requirements",
 * tabled in layouts/ (VIRTIO 1.2 2.2.2). */
#include "vcheck/virtio_status.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"
#include "layouts/layout.h"

static const struct vc_layout *deps_of(struct vc_ctx *ctx)
{
	const struct vc_layout *p = vc_layout_find(ctx->d->device_id);
	if (!p || !p->ndeps)
		vc_skip(ctx, "no feature dependencies known for device type %u", ctx->d->device_id);
	return p && p->ndeps ? p : NULL;
}

VC_CHECK(feat_dep_offered, .id = "FEAT-DEP-001",
	 .title = "No feature is offered without a feature it requires",
	 .spec = "1.2 2.2.2", .level = VC_MUST, .transports = VC_TR_ALL)
{
	const struct vc_layout *p = deps_of(ctx);
	uint64_t offered = drv_device_features(ctx->d);
	for (unsigned i = 0; p && i < p->ndeps; i++) {
		const struct vc_feature_dep *dep = &p->deps[i];
		if ((offered >> dep->bit) & 1)
			vc_expect(ctx, (offered & dep->requires) != 0,
				  "bit %u offered without any of 0x%llx", dep->bit, (unsigned long long)dep->requires);
	}
}

VC_CHECK(feat_dep_refused, .id = "FEAT-DEP-002",
	 .title = "FEATURES_OK is refused when an accepted feature lacks what it requires",
	 .spec = "1.2 2.2.2", .level = VC_SHOULD, .transports = VC_TR_MODERN)
{
	const struct vc_layout *p = deps_of(ctx);
	uint64_t offered = drv_device_features(ctx->d);
	unsigned tried = 0;
	for (unsigned i = 0; p && i < p->ndeps; i++) {
		const struct vc_feature_dep *dep = &p->deps[i];
		if (!((offered >> dep->bit) & 1) || !(offered & dep->requires))
			continue;
		tried++;
		uint8_t s = drv_negotiate(ctx->d, offered & ~dep->requires);
		if (s & VIRTIO_STATUS_FEATURES_OK)
			vc_warn(ctx, "lenient: FEATURES_OK kept with bit %u accepted without 0x%llx", dep->bit,
				(unsigned long long)dep->requires);
	}
	if (p && !tried)
		vc_skip(ctx, "no offered feature with an offered requirement");
}
