/* Register I/O by experiment space, snapshots of a space, and the state
 * write experiments start from. Everything goes through the transport ops
 * or the vdev funnel, so each access is one load or store. */
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_pci.h"
#include "vcheck/virtio_status.h"
#include "guests/lib/access.h"
#include "guests/lib/driver.h"
#include "suites/sidefx/sfx.h"

uint64_t sfx_mask(unsigned width) { return width >= 8 ? ~0ull : (1ull << (8 * width)) - 1; }

/* Queue 0's notify address inside the notify window (4.1.4.4). */
static unsigned notify_offset(struct vdev *d)
{
	d->ops->reg_write(d, VIRTIO_PCI_COMMON_Q_SELECT, 2, 0);
	uint64_t noff = 0;
	d->ops->reg_read(d, VIRTIO_PCI_COMMON_Q_NOFF, 2, &noff);
	return (unsigned)noff * d->notify_mult;
}

int sfx_read(struct vdev *d, const struct sfx_target *t, uint64_t *v)
{
	*v = 0;
	switch (t->sp) {
	case VC_SFX_SP_TRANSPORT:
		return d->ops->reg_read(d, t->off, t->width, v);
	case VC_SFX_SP_ISR:
		return vdev_read(d, VC_SP_ISR, t->off, t->width, v);
	case VC_SFX_SP_CONFIG:
		return d->ops->config_read(d, t->off, t->width, v);
	default:
		return VC_ACC_BADWIDTH; /* notify is write-only */
	}
}

int sfx_write(struct vdev *d, const struct sfx_target *t, uint64_t v)
{
	switch (t->sp) {
	case VC_SFX_SP_TRANSPORT:
		return d->ops->reg_write(d, t->off, t->width, v);
	case VC_SFX_SP_NOTIFY:
		return vdev_write(d, VC_SP_NOTIFY, notify_offset(d), t->width, v);
	case VC_SFX_SP_CONFIG:
		return d->ops->config_write(d, t->off, t->width, v);
	default:
		return VC_ACC_BADWIDTH; /* the ISR byte is read-only */
	}
}

static struct sfx_bytes window_now;

/* Config is read through the window: its bytes, a word per access where
 * the word holds no unstable byte and none of the skipped target's; the
 * wider config targets are not part of a snapshot. */
static void config_snapshot(struct vdev *d, const struct sfx_set *s, int skip, struct sfx_snap *out)
{
	const struct sfx_target *own = skip >= 0 && s->t[skip].sp == VC_SFX_SP_CONFIG ? &s->t[skip] : 0;
	unsigned lo = own ? own->off : 0, hi = own ? own->off + own->width : 0;
	sfx_window_read_except(d, s->win, lo, hi, &window_now);
	for (unsigned k = 0; k < s->win->active; k++) {
		unsigned i = s->cfg_first + k;
		out->ok[i] = sfx_bit(window_now.ok, k) && !(k >= lo && k < hi);
		out->v[i] = window_now.b[k];
	}
}

void sfx_snapshot(struct vdev *d, const struct sfx_set *s, unsigned sp, int skip, struct sfx_snap *out)
{
	for (unsigned i = 0; i < s->n; i++) {
		const struct sfx_target *t = &s->t[i];
		out->ok[i] = (int)i != skip && t->sp != VC_SFX_SP_CONFIG && (t->sp == sp || sp == VC_SFX_SP__COUNT) &&
			     t->readable && sfx_read(d, t, &out->v[i]) == VC_ACC_OK;
	}
	if (sp == VC_SFX_SP_CONFIG && s->win && s->win->active)
		config_snapshot(d, s, skip, out);
}

uint32_t sfx_snap_hash(const struct sfx_set *s, unsigned sp, const struct sfx_snap *a)
{
	uint32_t h = 2166136261u;
	for (unsigned i = 0; i < s->n; i++) {
		if (s->t[i].sp != sp || !a->ok[i])
			continue;
		for (unsigned b = 0; b < 8; b++) {
			h ^= (uint8_t)(a->v[i] >> (8 * b));
			h *= 16777619u;
		}
	}
	return h;
}

static void acknowledge(struct vdev *d)
{
	drv_reset(d, 100000);
	d->ops->set_status(d, VIRTIO_STATUS_ACKNOWLEDGE);
	d->ops->set_status(d, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
}

void sfx_prepare(struct vdev *d)
{
	acknowledge(d);
	sfx_mark(d);
}

/* The selectors at 0, as a driver sets them before it uses what they
 * select: a reset need not clear them (QEMU's virtio-pci keeps
 * driver_feature_select), and a series must not start on whatever the one
 * before it left. Only the selectors: the feature words stay as the reset
 * left them (QEMU's virtio-mmio keeps DriverFeatures across one, which the
 * Status experiment shows). The reset step, which shows what a reset keeps,
 * does not come through here. */
static void selectors_at_zero(struct vdev *d)
{
	d->ops->get_device_features(d, 0);
	d->ops->queue_num_max(d, 0);
	if (d->ops->kind == VC_TR_PCI_MODERN)
		d->ops->reg_write(d, VIRTIO_PCI_COMMON_GFSELECT, 4, 0);
	else if (d->ops->kind == VC_TR_MMIO_V2 || d->ops->kind == VC_TR_MMIO_V1)
		d->ops->reg_write(d, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 4, 0);
}

void sfx_prepare_for(struct vdev *d, const struct sfx_target *t)
{
	uint64_t gate = t->features & d->offered;
	if (gate)
		drv_start(d, gate); /* resets first; a refusal leaves the field ungated, as before */
	else
		acknowledge(d);
	selectors_at_zero(d);
	sfx_mark(d);
}

void sfx_forget_features(struct vdev *d, const struct sfx_target *t)
{
	if (!(t->features & d->offered))
		return;
	drv_negotiate(d, 0); /* resets, then driver features 0 in every word */
	drv_reset(d, 100000); /* the selector is the next series' (selectors_at_zero) */
	sfx_mark(d);
}
