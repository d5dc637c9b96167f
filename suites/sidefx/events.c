/* Reads around a host-triggered event: the guest brings the device to
 * DRIVER_OK (QEMU's virtio_notify_config raises the config interrupt and
 * bumps ConfigGeneration only then), snapshots config, asks the host for the
 * device type's event with an "ask" record (the host answers over QMP,
 * harness/run/host_events.c) and watches config, ConfigGeneration, the
 * interrupt status and, for virtio-input, the eventq's used ring until they
 * settle or a bound passes. One "sfx x=ev" record says what moved; a host
 * that never answers costs the bound once per device and yields a record
 * with nothing changed. */
#include "vcheck/dev/net.h"
#include "vcheck/records.h"
#include "vcheck/virtio_ids.h"
#include "vcheck/virtio_status.h"
#include "guests/lib/driver.h"
#include "guests/lib/record.h"
#include "suites/sidefx/sfx.h"
#include "guests/lib/virtqueue.h"

#define WAIT_US 300000   /* the host answers within milliseconds */
#define SETTLE_US 5000   /* a change followed by this much quiet is complete */
/* Between two looks: each look is many trapped reads holding QEMU's big
 * lock, which the host's QMP command needs to run at all. */
#define LOOK_GAP_US 200
#define INPUT_BUFS 8     /* an input report is a few events, one buffer each */

struct ev_kind {
	uint32_t device_id;
	/* the target's event.NAME keys for this device type's models, in
	 * order; a second event undoes the first, so the device is back as it
	 * was for the next interface of a transitional device */
	const char *names[2];
	uint64_t want;    /* features to negotiate beyond the defaults */
};

static const struct ev_kind kinds[] = {
	{ VIRTIO_ID_NET, { "link-down", "link-up" }, VIRTIO_BIT(NET_F_STATUS) },
	{ VIRTIO_ID_BLOCK, { "grow", "shrink" }, 0 },
	{ VIRTIO_ID_BALLOON, { "inflate", "deflate" }, 0 },
	{ VIRTIO_ID_INPUT, { "input", 0 }, 0 },
	{ VIRTIO_ID_MEM, { "request", "release" }, 0 },
};

/* What the watch saw; isr accumulates because a PCI ISR read clears it. */
struct seen {
	uint32_t isr, gen;
	uint16_t used;
};

static struct sfx_snap before, cur, last;
static uint8_t input_buf[INPUT_BUFS][8];

static const struct ev_kind *kind_of(const struct vdev *d)
{
	for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].device_id == d->device_id)
			return &kinds[i];
	return 0;
}

static int config_equal(const struct sfx_set *s, const struct sfx_snap *a, const struct sfx_snap *b)
{
	for (unsigned i = 0; i < s->n; i++)
		if (s->t[i].sp == VC_SFX_SP_CONFIG && a->ok[i] && b->ok[i] && a->v[i] != b->v[i])
			return 0;
	return 1;
}

/* An event is seen only by a driver that is up; virtio-input also needs
 * eventq buffers, or QEMU drops the event. */
static int bring_up(struct vdev *d, const struct ev_kind *k, struct vq *vq)
{
	vq_mem_reset();
	if (drv_start(d, k->want))
		return -1;
	if (d->device_id == VIRTIO_ID_INPUT) {
		struct vq_buf b[INPUT_BUFS];
		for (unsigned i = 0; i < INPUT_BUFS; i++)
			b[i] = (struct vq_buf){ input_buf[i], sizeof(input_buf[i]), 1 };
		if (vq_setup(d, 0, 0, vq) || vq_post_each(vq, b, INPUT_BUFS))
			return -1;
	}
	return drv_driver_ok(d) & VIRTIO_STATUS_DRIVER_OK ? 0 : -1;
}

static uint16_t used_idx(const struct vq *vq)
{
	return vq ? *(volatile uint16_t *)&vq->used->idx : 0;
}

static void ask(const struct vdev *d, const char *name)
{
	rec_begin("ask");
	rec_u64("d", d->index);
	rec_str("ev", name);
	rec_end();
}

/* Polls until something moved and then stayed put for SETTLE_US, or WAIT_US
 * passed. `last` ends as the final config snapshot. */
static void watch(struct vdev *d, const struct sfx_set *s, const struct vq *vq,
		  const struct seen *start, struct seen *now)
{
	uint64_t t0 = drv_micros(), quiet_since = t0;
	struct seen prev = *start;
	last = before;
	*now = *start;
	while (drv_micros() - t0 < WAIT_US) {
		drv_delay_us(LOOK_GAP_US);
		sfx_snapshot(d, s, VC_SFX_SP_CONFIG, -1, &cur);
		now->isr |= d->ops->interrupt_status(d);
		now->gen = d->ops->config_generation(d);
		now->used = used_idx(vq);
		uint64_t t = drv_micros();
		if (!config_equal(s, &cur, &last) || now->isr != prev.isr || now->gen != prev.gen ||
		    now->used != prev.used) {
			last = cur, prev = *now, quiet_since = t;
			continue;
		}
		int moved = !config_equal(s, &last, &before) || now->isr != start->isr ||
			    now->gen != start->gen || now->used != start->used;
		if (moved && t - quiet_since >= SETTLE_US)
			break;
	}
}

static void report(const struct vdev *d, const struct sfx_set *s, const char *name,
		   const struct seen *a, const struct seen *b)
{
	struct sfx_target t = { .sp = VC_SFX_SP_CONFIG, .width = 1, .readable = 1 };
	for (unsigned i = 0; i < s->n; i++)
		if (s->t[i].sp == VC_SFX_SP_CONFIG && before.ok[i] && last.ok[i] && before.v[i] != last.v[i]) {
			t.off = s->t[i].off;
			break;
		}
	struct sfx_rec r;
	sfx_rec_init(&r);
	sfx_rec_str(&r, "ev", name);
	sfx_rec_kv(&r, "isr", b->isr);
	sfx_rec_pair(&r, "gen", a->gen, b->gen);
	if (d->device_id == VIRTIO_ID_INPUT)
		sfx_rec_kv(&r, "n", (uint16_t)(b->used - a->used));
	sfx_rec_changes(&r, s, VC_SFX_SP_CONFIG, -1, &before, &last);
	sfx_emit(d, &t, VC_SFX_EVENT, &r);
}

static void one_event(struct vdev *d, const struct sfx_set *s, const struct vq *q, const char *name)
{
	sfx_mark(d);
	sfx_snapshot(d, s, VC_SFX_SP_CONFIG, -1, &before);
	/* Whatever came before is not this event's doing. */
	d->ops->interrupt_ack(d, d->ops->interrupt_status(d));
	struct seen a = { 0, d->ops->config_generation(d), used_idx(q) }, b;
	ask(d, name);
	watch(d, s, q, &a, &b);
	d->ops->interrupt_ack(d, b.isr);
	report(d, s, name, &a, &b);
}

void sfx_events(struct vdev *d, const struct sfx_set *s)
{
	const struct ev_kind *k = kind_of(d);
	struct vq vq;
	if (!k || bring_up(d, k, &vq))
		return;
	const struct vq *q = d->device_id == VIRTIO_ID_INPUT ? &vq : 0;
	for (unsigned i = 0; i < 2 && k->names[i]; i++)
		one_event(d, s, q, k->names[i]);
	sfx_prepare(d);
}
