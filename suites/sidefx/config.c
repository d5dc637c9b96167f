/* Experiments on the config window, with a cost bounded per byte: every
 * byte (and every aligned 2 and 4 bytes) is read twice and written a few
 * values, and the window is snapshotted a fixed number of times per
 * series, never per step. Through a vhost-user front-end each config read
 * is a round trip to the backend, so a snapshot per step would cost the
 * square of the window (a 256-byte window once took 1.6 million GET_CONFIG
 * messages); here it is a few snapshots per target. */
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_status.h"
#include "guests/lib/access.h"
#include "guests/lib/driver.h"
#include "suites/sidefx/sfx.h"
#include <string.h>

#define GROUPS 16          /* read-pass groups checked for effects on other bytes */
#define TIMING_US 200000   /* how long moving bytes are watched at most */
#define TIMING_GAP_US 2000
#define TIMING_MOVES 2     /* a byte seen moving this often is watched enough */

static struct sfx_snap before, after, prev;
static uint8_t latched[SFX_MAX_TARGETS];

/* Two reads in a row, recorded; `ch` when snapshots bracket it. */
static void read_pair(struct vdev *d, const struct sfx_set *s, unsigned i, int bracket)
{
	const struct sfx_target *t = &s->t[i];
	struct sfx_rec r;
	sfx_rec_init(&r);
	if (bracket)
		sfx_snapshot(d, s, VC_SFX_SP_CONFIG, (int)i, &before);
	uint64_t a = 0, b = 0;
	int fa = sfx_read(d, t, &a) != VC_ACC_OK, fb = sfx_read(d, t, &b) != VC_ACC_OK;
	sfx_rec_pair(&r, "v", a, b);
	if (fa || fb)
		sfx_rec_kv(&r, "fr", 1);
	if (bracket) {
		sfx_snapshot(d, s, VC_SFX_SP_CONFIG, (int)i, &after);
		sfx_rec_changes(&r, s, VC_SFX_SP_CONFIG, (int)i, &before, &after);
	}
	sfx_emit(d, t, VC_SFX_READ2, &r);
}

/* Whether a compared byte differs between a and b. */
static int others_moved(const struct sfx_set *s, const struct sfx_snap *a, const struct sfx_snap *b)
{
	for (unsigned k = 0; k < s->win->active; k++) {
		unsigned i = s->cfg_first + k;
		if (a->ok[i] && b->ok[i] && a->v[i] != b->v[i])
			return 1;
	}
	return 0;
}

/* The read pass: every config target read twice, in groups bracketed by
 * snapshots. A group whose reads changed another byte is read again target
 * by target, each bracketed, so the step that did it carries the change. */
void sfx_config_reads(struct vdev *d, const struct sfx_set *s)
{
	unsigned first = s->cfg_first, n = s->n - first, per = (n + GROUPS - 1) / GROUPS;
	sfx_prepare(d);
	for (unsigned g = first; g < s->n; g += per ? per : 1) {
		unsigned end = g + per < s->n ? g + per : s->n;
		sfx_snapshot(d, s, VC_SFX_SP_CONFIG, -1, &prev);
		for (unsigned i = g; i < end; i++)
			read_pair(d, s, i, 0);
		sfx_snapshot(d, s, VC_SFX_SP_CONFIG, -1, &after);
		if (!others_moved(s, &prev, &after))
			continue;
		for (unsigned i = g; i < end; i++)
			read_pair(d, s, i, 1);
	}
}

/* What to write: the value read (write-back: a write-one-to-clear byte
 * clears, a trigger fires on any write), one bit flipped (a latch or a
 * selector shows), all bits flipped (past a selector's last entry,
 * outside a validated range). Wider targets: write-back and all flipped,
 * to see whether a device treats a wide access as its bytes. */
static unsigned series(const struct sfx_target *t, uint64_t pre, uint64_t *v)
{
	uint64_t m = sfx_mask(t->width);
	if (t->width == 1) {
		v[0] = pre, v[1] = (pre ^ 1) & m, v[2] = ~pre & m;
		return 3;
	}
	v[0] = pre, v[1] = ~pre & m;
	return 2;
}

/* One step: write, read back twice (a byte that only keeps a value until
 * it is read shows as rb then rb2), and where `snap`, the window against
 * `prev`. Returns the other bytes that changed. */
static unsigned step(struct vdev *d, const struct sfx_set *s, unsigned i, uint64_t val, int snap, int repeat,
		     const uint64_t *was)
{
	const struct sfx_target *t = &s->t[i];
	struct sfx_rec r;
	sfx_rec_init(&r);
	if (was) /* the series' first step: what the target held before it */
		sfx_rec_kv(&r, "was", *was);
	int fw = sfx_write(d, t, val) != VC_ACC_OK;
	uint64_t rb = 0, rb2 = 0;
	int fr = sfx_read(d, t, &rb) != VC_ACC_OK;
	fr |= sfx_read(d, t, &rb2) != VC_ACC_OK;
	sfx_rec_kv(&r, "wv", val);
	sfx_rec_kv(&r, "rb", rb);
	sfx_rec_kv(&r, "rb2", rb2);
	if (repeat)
		sfx_rec_kv(&r, "rep", 1);
	if (fr || fw)
		sfx_rec_kv(&r, fw ? "fw" : "fr", 1);
	unsigned changed = 0;
	if (snap) {
		sfx_snapshot(d, s, VC_SFX_SP_CONFIG, (int)i, &after);
		changed = sfx_rec_changes(&r, s, VC_SFX_SP_CONFIG, (int)i, &prev, &after);
		prev = after;
	}
	sfx_emit(d, t, VC_SFX_WRITE, &r);
	if (!fw && !fr && rb == val && rb2 == val)
		latched[i] = 1;
	return changed;
}

static void reset_step(struct vdev *d, const struct sfx_set *s, unsigned i)
{
	struct sfx_rec r;
	sfx_rec_init(&r);
	sfx_prepare(d);
	uint64_t rb = 0;
	if (sfx_read(d, &s->t[i], &rb) == VC_ACC_OK)
		sfx_rec_kv(&r, "rb", rb);
	else
		sfx_rec_kv(&r, "fr", 1);
	sfx_emit(d, &s->t[i], VC_SFX_RESET, &r);
}

int sfx_config_writes(struct vdev *d, const struct sfx_set *s, unsigned i)
{
	const struct sfx_target *t = &s->t[i];
	uint64_t pre = 0, v[3];
	sfx_prepare_for(d, t);
	sfx_snapshot(d, s, VC_SFX_SP_CONFIG, (int)i, &prev);
	if (sfx_read(d, t, &pre) != VC_ACC_OK)
		pre = 0;
	unsigned n = series(t, pre, v), changed = 0;
	latched[i] = 0;
	for (unsigned k = 0; k < n; k++) /* snapshots after the 2nd and last */
		changed += step(d, s, i, v[k], k >= 1, 0, k ? 0 : &pre);
	/* The same value once more: a selector leaves the window as it was,
	 * a trigger acts again (write-triggers, not a selector). */
	int trigger = changed && step(d, s, i, v[n - 1], 1, 1, 0);
	reset_step(d, s, i);
	sfx_forget_features(d, t);
	return trigger ? SFX_WROTE_TRIGGER : changed ? SFX_WROTE_SELECTS : SFX_WROTE_QUIET;
}

int sfx_config_latched(unsigned i) { return latched[i]; }

/* In the watch only the candidates are read, a byte each: on a device
 * whose every access is slow (an ioreq round trip under Xen, a millisecond
 * under TCG) a whole-window snapshot takes longer than a byte ticks, and
 * each interval would hold several changes and their notices at once. */
static void watch_read(struct vdev *d, const struct sfx_set *s, const struct sfx_window *w,
		       const uint8_t *moved, struct sfx_snap *out)
{
	for (unsigned k = 0; k < w->active; k++) {
		unsigned i = s->cfg_first + k;
		uint64_t v = 0;
		out->ok[i] = sfx_bit(moved, k) && d->ops->config_read(d, k, 1, &v) == VC_ACC_OK;
		out->v[i] = (uint8_t)v;
	}
}

/* Volatility: the bytes that moved since the scan, or during it, are
 * watched at DRIVER_OK, where a device's config-change notification takes
 * effect (QEMU drops it before: no interrupt, no generation bump), with
 * ConfigGeneration and the interrupt status beside them. A byte that
 * moves here is unstable: no later snapshot compares it. */
void sfx_config_timing(struct vdev *d, const struct sfx_set *s, struct sfx_window *w, uint8_t *moved)
{
	static uint8_t moves[VC_SFX_WINDOW_MAX], noted[VC_SFX_WINDOW_MAX], pending[VC_SFX_WINDOW_MAX];
	static uint8_t early[VC_SFX_WINDOW_MAX]; /* a notice in the last interval, its change not yet seen */
	static uint8_t scan_unstable[VC_SFX_WINDOW_MAX / 8];
	unsigned candidates = 0;
	/* a byte that moved between the scan's two reads is watched too (the
	 * snapshots here read it), or a fast clock would never be timed */
	memcpy(scan_unstable, w->unstable, sizeof(scan_unstable));
	memset(w->unstable, 0, sizeof(w->unstable));
	for (unsigned k = 0; k < w->active; k++) {
		moves[k] = noted[k] = pending[k] = early[k] = 0;
		if (sfx_bit(scan_unstable, k))
			sfx_set_bit(moved, k);
		candidates += sfx_bit(moved, k);
	}
	if (!candidates || drv_start(d, 0) || !(drv_driver_ok(d) & VIRTIO_STATUS_DRIVER_OK)) {
		memcpy(w->unstable, scan_unstable, sizeof(scan_unstable));
		sfx_prepare(d);
		return;
	}
	sfx_mark(d);
	d->ops->interrupt_ack(d, d->ops->interrupt_status(d));
	uint32_t gen0 = d->ops->config_generation(d), gen = gen0, isr = 0;
	sfx_snapshot(d, s, VC_SFX_SP_CONFIG, -1, &before);
	prev = before;
	unsigned samples = 0;
	for (uint64_t t0 = drv_micros(); drv_micros() - t0 < TIMING_US;) {
		drv_delay_us(TIMING_GAP_US);
		watch_read(d, s, w, moved, &after);
		samples += samples < 0xffff;
		/* a notification in this interval: the config interrupt, or the
		 * generation moved (acknowledged at once, so each interval's own) */
		uint32_t bits = d->ops->interrupt_status(d), g = d->ops->config_generation(d);
		d->ops->interrupt_ack(d, bits);
		int note = (bits & VIRTIO_MMIO_INT_CONFIG) || g != gen; /* bit 1 on both transports */
		isr |= bits, gen = g;
		unsigned watched = 0;
		for (unsigned k = 0; k < w->active; k++) {
			unsigned i = s->cfg_first + k;
			/* a change counts as notified when the notice came with it,
			 * in the interval after, or in the one before (the backend's
			 * message and the value it announces race the sample: a
			 * device may announce and then show, or show and then
			 * announce) */
			int late = pending[k] && note;
			noted[k] += late;
			pending[k] = 0;
			if (after.ok[i] && prev.ok[i] && after.v[i] != prev.v[i] && moves[k] < 255) {
				int with = note || early[k];
				moves[k]++;
				noted[k] += with;
				pending[k] = !with;
				early[k] = 0;
			} else {
				early[k] = note && !late;
			}
			watched += sfx_bit(moved, k) && moves[k] < TIMING_MOVES;
		}
		prev = after;
		if (!watched)
			break;
	}
	/* the notice of the last change may come after the last sample */
	drv_delay_us(TIMING_GAP_US);
	uint32_t late = d->ops->interrupt_status(d);
	if ((late & VIRTIO_MMIO_INT_CONFIG) || d->ops->config_generation(d) != gen)
		for (unsigned k = 0; k < w->active; k++)
			noted[k] += pending[k];
	isr |= late;
	d->ops->interrupt_ack(d, isr);
	uint32_t gen1 = d->ops->config_generation(d);
	for (unsigned k = 0; k < w->active; k++) {
		if (sfx_bit(scan_unstable, k))
			sfx_set_bit(w->unstable, k); /* it moved in the scan, if not here */
		if (!moves[k])
			continue;
		unsigned i = s->cfg_first + k;
		struct sfx_rec r;
		sfx_rec_init(&r);
		sfx_rec_pair(&r, "v", before.v[i], after.v[i]);
		sfx_rec_kv(&r, "n", moves[k] + 1u);
		sfx_rec_kv(&r, "isr", isr);
		sfx_rec_pair(&r, "gen", gen0, gen1);
		sfx_rec_kv(&r, "nt", noted[k]); /* of its changes, those a notification came with */
		/* how often it was read: a byte that moves with each read changed
		 * at every sample, a clock slower than the samples did not */
		sfx_rec_kv(&r, "sm", samples);
		sfx_emit(d, &s->t[i], VC_SFX_TIME, &r);
		sfx_set_bit(w->unstable, k);
	}
	sfx_prepare(d);
}
