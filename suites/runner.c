/* Runs every applicable check on every device. The device is reset before
 * each check, so no check inherits another's state, and once after the last
 * (every reset costs the VMM a walk over all its queues). Between checks the
 * runner waits for the reset to complete, as a driver must before it
 * reinitialises (2.4.2): a personality whose backend acknowledges resets
 * later reads DEVICE_NEEDS_RESET until then. */
#include <stdarg.h>
#include "suites/ctx.h"
#include "guests/lib/driver.h"
#include "vcheck/records.h"
#include "arch/cpu.h"
#include "guests/lib/format.h"
#include "guests/lib/options.h"
#include "guests/lib/pci.h"
#include "guests/lib/personality/personality.h"
#include "guests/lib/record.h"
#include "suites/runner.h"
#include <string.h>
#include "suites/verdict_batch.h"
#include "guests/lib/virtqueue.h"

/* Long enough for any backend that acknowledges at its next wait point;
 * short enough that a device which never completes a reset (the
 * reset-ignored plant) costs the run little. The checks that judge reset
 * time have their own bounds. */
#define RESET_WAIT_US 20000

/* Worst wins; the first detail given at the winning level is kept. */
static void raise_verdict(struct vc_ctx *ctx, enum vc_verdict v, const char *fmt, va_list ap)
{
	if (v < ctx->verdict || (v == ctx->verdict && ctx->detail[0]))
		return;
	vc_vsnprintf(ctx->detail, sizeof(ctx->detail), fmt, ap);
	ctx->verdict = v;
}

void vc_report(struct vc_ctx *ctx, enum vc_verdict v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	raise_verdict(ctx, v, fmt, ap);
	va_end(ap);
}

void vc_expect(struct vc_ctx *ctx, int ok, const char *fmt, ...)
{
	if (ok)
		return;
	va_list ap;
	va_start(ap, fmt);
	raise_verdict(ctx, ctx->check->level == VC_MUST ? VC_FAIL : VC_WARN, fmt, ap);
	va_end(ap);
}

/* `rules`: the personality's transport rules that fired during the check
 * (personality.h), so a verdict that differs between personalities comes
 * with its cause. */
/* Guest time of one check and of the reset before it, in microseconds;
 * kept only under vcheck.profile (-1: not measured). */
struct check_time {
	long long us, reset_us;
};

static long long us_since(uint64_t t0)
{
	return (long long)((cpu_ticks() - t0) * 1000000 / cpu_ticks_per_sec());
}

static void emit(const struct vdev *d, const struct vc_check *c, enum vc_verdict v,
		 const char *detail, const char *rules, struct check_time t)
{
	rec_begin("check");
	rec_u64("d", d->index);
	rec_str("id", c->id);
	rec_str("v", vc_verdict_name(v));
	if (detail[0])
		rec_str("detail", detail);
	if (rules[0])
		rec_str("rules", rules);
	if (t.us >= 0) {
		rec_u64("us", (uint64_t)t.us);
		rec_u64("reset_us", (uint64_t)t.reset_us);
	}
	rec_end();
}

/* Careful mode (a boot after the VMM died): the check about to run is said
 * first, with nothing batched before it, so the host can name the check
 * that killed the VMM from the last record it got. */
static void begin(const struct vdev *d, const struct vc_check *c)
{
	vc_batch_flush(d);
	rec_begin("begin");
	rec_u64("d", d->index);
	rec_str("id", c->id);
	rec_end();
}

/* An aborted access is the check's result whatever else it saw: a driver
 * would have taken the abort (DESIGN.md, FAULT). */
static void report_fault(struct vc_ctx *ctx)
{
	const struct vdev *d = ctx->d;
	vc_report(ctx, VC_FAULT, "%u-byte %s of %s+0x%x aborted", d->first_fault.width,
		  d->first_fault.write ? "write" : "read", vdev_space_name(d->first_fault.sp),
		  d->first_fault.off);
}

/* A wait the personality cut short (drv_expired) reports the timeout the
 * check wrote, though it did not wait that long: say why. */
static void note_decided(struct vc_ctx *ctx)
{
	if (ctx->verdict == VC_PASS)
		return;
	size_t n = strlen(ctx->detail);
	vc_snprintf(ctx->detail + n, sizeof(ctx->detail) - n,
		    "%s(waits cut: the device behind set DEVICE_NEEDS_RESET, unseen by the driver)", n ? " " : "");
}

static int applies(const struct vc_check *c, const struct vdev *d)
{
	return (c->transports & VC_TR_BIT(d->ops->kind)) &&
	       (c->device_id == 0 || c->device_id == d->device_id);
}

/* The register counts of a device right after its last reset. */
struct reset_mark {
	unsigned writes, faults, cfg_writes;
	int valid;
};

/* A check that wrote nothing to the device (its registers or any PCI
 * config space) and took no abort left it as the reset did: reading virtio
 * registers changes nothing a reset would restore (ISR's read-to-clear
 * only clears what a reset clears too), and another reset would cost the
 * VMM a walk over its queues for nothing. */
static struct reset_mark mark_now(const struct vdev *d)
{
	return (struct reset_mark){ .writes = d->writes, .faults = d->faults,
				    .cfg_writes = pci_cfg_write_count(), .valid = 1 };
}

static int still_reset(const struct vdev *d, struct reset_mark m)
{
	struct reset_mark now = mark_now(d);
	return m.valid && now.writes == m.writes && now.faults == m.faults && now.cfg_writes == m.cfg_writes;
}

unsigned vc_run_checks(struct vdev *d, const struct vc_options *o)
{
	static char rules[200];
	static const struct check_time untimed = { -1, -1 };
	struct reset_mark clean = { 0 };
	unsigned n = 0;
	for (const struct vc_check *c = vc_check_first(); c; c = vc_check_next(c)) {
		if (!applies(c, d) || !vc_options_runs(o, c->id, vc_check_rank(c), d->index))
			continue;
		n++;
		if ((d->offered & c->features) != c->features) {
			if (o->profile || o->careful || vc_batch_add(d, VC_SKIP, c, VC_SKIP_UNOFFERED))
				emit(d, c, VC_SKIP, VC_SKIP_UNOFFERED, "", o->profile ? (struct check_time){ 0, 0 } : untimed);
			continue;
		}
		if (o->careful)
			begin(d, c);
		struct vc_ctx ctx = { .d = d, .check = c, .verdict = VC_PASS };
		struct check_time t = { 0, 0 };
		uint64_t t0 = cpu_ticks();
		if (!still_reset(d, clean)) {
			drv_reset(d, RESET_WAIT_US);
			clean = mark_now(d);
		}
		vq_mem_reset();
		vc_personality_take_rules(d, 0, rules, sizeof(rules)); /* the reset's, not the check's */
		t.reset_us = us_since(t0);
		unsigned faults = d->faults, decided = drv_waits_decided();
		d->first_fault.valid = 0;
		t0 = cpu_ticks();
		if (o->hangin[0] && !strcmp(o->hangin, c->id))
			for (;;)
				cpu_relax(); /* the harness's own test of a check that never returns */
		c->fn(&ctx);
		t.us = us_since(t0);
		if (d->faults != faults && !c->judges_faults)
			report_fault(&ctx);
		if (drv_waits_decided() != decided)
			note_decided(&ctx);
		vc_personality_take_rules(d, c->features, rules, sizeof(rules));
		if (o->profile || o->careful || rules[0] || vc_batch_add(d, ctx.verdict, c, ctx.detail))
			emit(d, c, ctx.verdict, ctx.detail, rules, o->profile ? t : untimed);
	}
	vc_batch_flush(d);
	d->ops->set_status(d, 0); /* leave the device as found */
	return n;
}
