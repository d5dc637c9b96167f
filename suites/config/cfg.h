/* Config-space access for the per-device checks. static inline so the
 * host's descriptor-only catalogue build never emits them (suites/check.h). */
#ifndef VC_CFG_H
#define VC_CFG_H
#include "suites/ctx.h"

/* A field at its natural width; a 64-bit field as two 32-bit halves, low
 * first, as drivers must read it (4.1.3.1, 4.2.2.2). ~0 on a fault. */
static inline uint64_t vc_cfg(struct vc_ctx *ctx, unsigned off, unsigned width)
{
	uint64_t lo = ~0ull, hi = 0;
	struct vdev *d = ctx->d;
	if (width == 8) {
		if (d->ops->config_read(d, off, 4, &lo) || d->ops->config_read(d, off + 4, 4, &hi))
			return ~0ull;
		return (lo & 0xffffffffu) | hi << 32;
	}
	if (d->ops->config_read(d, off, width, &lo))
		return ~0ull;
	return lo;
}

static inline void vc_cfg_set(struct vc_ctx *ctx, unsigned off, unsigned width, uint64_t v)
{
	ctx->d->ops->config_write(ctx->d, off, width, v);
}

/* Whether the device offers any of `bits`; SKIP with `what` otherwise. */
static inline int vc_offers_any(struct vc_ctx *ctx, uint64_t offered, uint64_t bits, const char *what)
{
	if (offered & bits)
		return 1;
	vc_skip(ctx, "%s not offered", what);
	return 0;
}
#endif
