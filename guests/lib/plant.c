#include "vcheck/virtio_status.h"
#include "guests/lib/plant.h"
#include "vcheck/plants.h"
#include <string.h>
#include "guests/lib/vdev.h"

#define INNER(d) ((d)->inner)

/* reset-ignored: a write of 0 to Status never reaches the device. */
static void reset_ignored_set_status(struct vdev *d, uint8_t s)
{
	if (s != 0)
		INNER(d)->set_status(d, s);
}

/* features-sel-echo: selectors past 1 return word 1 again (QEMU's mmio bug). */
static uint32_t sel_echo_features(struct vdev *d, unsigned sel)
{
	return INNER(d)->get_device_features(d, sel > 1 ? 1 : sel);
}

/* fok-refused: FEATURES_OK never reads back set. */
static uint8_t fok_refused_status(struct vdev *d)
{
	return (uint8_t)(INNER(d)->get_status(d) & ~VIRTIO_STATUS_FEATURES_OK);
}

/* config-torn: wide config reads return a value the bytes never held. */
static int config_torn_read(struct vdev *d, unsigned off, unsigned w, uint64_t *v)
{
	int st = INNER(d)->config_read(d, off, w, v);
	if (w > 1)
		*v ^= 1;
	return st;
}

/* queue-odd: queues report a size that is not a power of 2. */
static uint32_t queue_odd_max(struct vdev *d, unsigned q)
{
	uint32_t m = INNER(d)->queue_num_max(d, q);
	return m ? m - 1 : 0;
}

/* irq-stuck: the used-buffer interrupt bit always reads set. */
static uint32_t irq_stuck_status(struct vdev *d)
{
	return INNER(d)->interrupt_status(d) | 1u;
}

/* config-dropped: config writes never reach the device. */
static int config_dropped_write(struct vdev *d, unsigned off, unsigned w, uint64_t v)
{
	(void)d, (void)off, (void)w, (void)v;
	return 0;
}

/* config-forgotten: after a device reset, every config field the driver
 * wrote reads its value from before the write again, until the driver
 * writes it anew: a device that reloads its defaults on reset. Kept per
 * device, the first write of a field wins (its value before any write). */
#define FORGET_MAX 16
struct forgotten {
	unsigned n;
	struct { uint16_t off; uint8_t width, reverted; uint64_t old; } f[FORGET_MAX];
};
static struct forgotten forgets[64];

static int forget_find(struct forgotten *f, unsigned off, unsigned w)
{
	for (unsigned i = 0; i < f->n; i++)
		if (f->f[i].off == off && f->f[i].width == w)
			return (int)i;
	return -1;
}

static int forget_write(struct vdev *d, unsigned off, unsigned w, uint64_t v)
{
	struct forgotten *f = &forgets[d->index];
	int i = forget_find(f, off, w);
	uint64_t old;
	if (i >= 0)
		f->f[i].reverted = 0;
	else if (f->n < FORGET_MAX && !INNER(d)->config_read(d, off, w, &old))
		f->f[f->n++] = (typeof(f->f[0])){ (uint16_t)off, (uint8_t)w, 0, old };
	return INNER(d)->config_write(d, off, w, v);
}

static int forget_read(struct vdev *d, unsigned off, unsigned w, uint64_t *v)
{
	struct forgotten *f = &forgets[d->index];
	int st = INNER(d)->config_read(d, off, w, v), i = forget_find(f, off, w);
	if (!st && i >= 0 && f->f[i].reverted)
		*v = f->f[i].old;
	return st;
}

static void forget_on_reset(struct vdev *d, uint8_t s)
{
	INNER(d)->set_status(d, s);
	struct forgotten *f = &forgets[d->index];
	for (unsigned i = 0; s == 0 && i < f->n; i++)
		f->f[i].reverted = 1;
}

/* Each plant's overrides (only those members set), indexed by the shared
 * list (vcheck/plants.h), whose names they answer to. */
static const struct vc_transport_ops plants[VC_PLANT__COUNT] = {
	[VC_PLANT_RESET_IGNORED] = { .set_status = reset_ignored_set_status },
	[VC_PLANT_FEATURES_SEL_ECHO] = { .get_device_features = sel_echo_features },
	[VC_PLANT_FOK_REFUSED] = { .get_status = fok_refused_status },
	[VC_PLANT_CONFIG_TORN] = { .config_read = config_torn_read },
	[VC_PLANT_QUEUE_ODD] = { .queue_num_max = queue_odd_max },
	[VC_PLANT_IRQ_STUCK] = { .interrupt_status = irq_stuck_status },
	[VC_PLANT_CONFIG_DROPPED] = { .config_write = config_dropped_write },
	[VC_PLANT_CONFIG_FORGOTTEN] = { .config_write = forget_write, .config_read = forget_read,
					.set_status = forget_on_reset },
};

static const char *const plant_names[VC_PLANT__COUNT] = {
#define PLANT_NAME(id, name) [VC_PLANT_##id] = name,
	VC_PLANTS(PLANT_NAME)
#undef PLANT_NAME
};

/* One wrapped table per device: the real ops with the plant's overrides. */
static struct vc_transport_ops wrapped[64];

int vc_plant(struct vdev *d, const char *name)
{
	for (unsigned i = 0; i < sizeof(plants) / sizeof(plants[0]); i++) {
		if (strcmp(plant_names[i], name) != 0)
			continue;
		if (d->index >= 64)
			return -1;
		struct vc_transport_ops *w = &wrapped[d->index];
		const struct vc_transport_ops *o = &plants[i];
		*w = *d->ops;
#define OVERRIDE(m) if (o->m) w->m = o->m
		OVERRIDE(set_status);
		OVERRIDE(get_status);
		OVERRIDE(get_device_features);
		OVERRIDE(config_read);
		OVERRIDE(config_write);
		OVERRIDE(queue_num_max);
		OVERRIDE(interrupt_status);
#undef OVERRIDE
		d->inner = d->ops;
		d->ops = w;
		return 0;
	}
	return -1;
}
