/* What a running check sees: its device and the report calls. One check
 * ends with one verdict; several report calls roll up, worst wins, and the
 * first detail of the worst kind is kept. */
#ifndef VC_CTX_H
#define VC_CTX_H
#include "suites/check.h"
#include "guests/lib/vdev.h"

struct vc_ctx {
	struct vdev *d;
	const struct vc_check *check;
	enum vc_verdict verdict;
	char detail[200];
};

void vc_report(struct vc_ctx *ctx, enum vc_verdict v, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* report(pass, ...) as in kvm-unit-tests: FAIL for a MUST, WARN for a SHOULD/MAY. */
void vc_expect(struct vc_ctx *ctx, int ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define vc_fail(ctx, ...) vc_report(ctx, VC_FAIL, __VA_ARGS__)
#define vc_warn(ctx, ...) vc_report(ctx, VC_WARN, __VA_ARGS__)
#define vc_skip(ctx, ...) vc_report(ctx, VC_SKIP, __VA_ARGS__)

#endif
