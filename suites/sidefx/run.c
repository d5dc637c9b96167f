/* Side-effect discovery on one device: two reads of every readable target,
 * write experiments on every writable one (each on a freshly reset device),
 * sweeps of whatever turned out to select, reads over time, around a
 * provoked interrupt and around a host-triggered event. Leaves the device
 * reset, as found. */
#include "suites/sidefx/sfx.h"

static struct sfx_set set;

/* Write experiments, config fields first: a transport write can start the
 * device with nothing negotiated (Status all ones sets FEATURES_OK and
 * DRIVER_OK), which a vhost-user backend refuses by dropping the connection
 * (libvhost-user: "virtio legacy devices aren't supported"); config writes
 * made before that still reach the backend. Each write series starts on a
 * freshly reset device either way. */
static void write_space(struct vdev *d, int config)
{
	for (unsigned i = 0; i < set.n; i++) {
		const struct sfx_target *t = &set.t[i];
		if (!t->writable || t->in_snapshot_only || (t->sp == VC_SFX_SP_CONFIG) != config)
			continue;
		if (sfx_write_values(d, &set, (int)i))
			sfx_sweep(d, &set, (int)i);
	}
}

unsigned vc_run_sidefx(struct vdev *d)
{
	sfx_targets(d, &set);
	sfx_prepare(d);
	for (unsigned i = 0; i < set.n; i++)
		if (set.t[i].readable && !set.t[i].in_snapshot_only)
			sfx_read_twice(d, &set, (int)i);
	write_space(d, 1);
	write_space(d, 0);
	sfx_timing(d, &set);
	sfx_interrupt(d, &set);
	sfx_events(d, &set);
	d->ops->set_status(d, 0);
	return set.n;
}
