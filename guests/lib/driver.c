#include "vcheck/virtio_status.h"
#include "arch/cpu.h"
#include "guests/lib/driver.h"
#include "layouts/layout.h"
#include "guests/lib/personality/personality.h"
#include "guests/lib/run_clock.h"

uint64_t drv_micros(void)
{
	return cpu_ticks() * 1000000ull / cpu_ticks_per_sec();
}

/* Deadlines are on the running clock (run_clock.h): a window is as long as
 * the time the guest really had, however loaded the host is. */
static struct vc_run_clock run_clock;

uint64_t drv_deadline(unsigned timeout_us) { return vc_run_clock_own(&run_clock, drv_micros()) + timeout_us; }

/* A wait also ends when the personality says its outcome is decided: the
 * device behind it gave up where the driver can never see it, so nothing
 * the guest waits for will come, and waiting out the deadline would only
 * cost time (the check's record names the rule, device-status-lost). */
static unsigned waits_decided;

int drv_expired(uint64_t deadline)
{
	uint64_t now = vc_run_clock_poll(&run_clock, drv_micros());
	if (!vc_personality()->idle)
		return now > deadline; /* direct, xen: no backend turn, one clock read */
	if (vc_personality_idle()) {
		waits_decided++;
		return 1;
	}
	/* The backend's turn stands for a backend VM running beside the
	 * guest: its time counts, as wall time would. */
	return vc_run_clock_own(&run_clock, drv_micros()) > deadline;
}

unsigned drv_waits_decided(void) { return waits_decided; }

void drv_delay_us(unsigned us)
{
	uint64_t until = drv_deadline(us);
	while (!drv_expired(until))
		;
}

uint64_t drv_device_features(struct vdev *d)
{
	uint64_t f = d->ops->get_device_features(d, 0);
	if (d->ops->feature_words > 1)
		f |= (uint64_t)d->ops->get_device_features(d, 1) << 32;
	return f;
}

int drv_reset(struct vdev *d, unsigned timeout_us)
{
	d->ops->set_status(d, 0);
	uint64_t until = drv_deadline(timeout_us);
	while (d->ops->get_status(d) != 0)
		if (drv_expired(until))
			return -1;
	return 0;
}

int drv_has_features_ok(const struct vdev *d)
{
	return d->ops->kind != VC_TR_MMIO_V1 && d->ops->kind != VC_TR_PCI_LEGACY;
}

uint8_t drv_negotiate(struct vdev *d, uint64_t features)
{
	drv_reset(d, 100000);
	d->ops->set_status(d, VIRTIO_STATUS_ACKNOWLEDGE);
	d->ops->set_status(d, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	d->ops->set_driver_features(d, 0, (uint32_t)features);
	if (d->ops->feature_words > 1)
		d->ops->set_driver_features(d, 1, (uint32_t)(features >> 32));
	if (drv_has_features_ok(d))
		d->ops->set_status(d, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
					      VIRTIO_STATUS_FEATURES_OK);
	return d->ops->get_status(d);
}

int drv_unoffered_device_bit(uint64_t offered)
{
	for (int b = 0; b < 24; b++)
		if (!(offered & (1ull << b)))
			return b;
	return -1;
}

int drv_start(struct vdev *d, uint64_t want)
{
	uint64_t offered = drv_device_features(d);
	const struct vc_layout *p = vc_layout_find(d->device_id);
	want |= VIRTIO_BIT(VIRTIO_F_VERSION_1) | (p ? p->driver_accepts : 0) |
		vc_personality()->driver_accepts;
	uint8_t s = drv_negotiate(d, offered & want);
	return !drv_has_features_ok(d) || (s & VIRTIO_STATUS_FEATURES_OK) ? 0 : -1;
}

uint8_t drv_driver_ok(struct vdev *d)
{
	d->ops->set_status(d, (uint8_t)(d->ops->get_status(d) | VIRTIO_STATUS_DRIVER_OK));
	return d->ops->get_status(d);
}

unsigned drv_queue_count(struct vdev *d)
{
	unsigned n = d->ops->num_queues(d);
	if (n)
		return n;
	/* A selection that faulted (a hypervisor that aborts QueueSel past its
	 * queues, as Gunyah's does) ends the count as a 0 would. That abort is
	 * the counting method's answer, not a result of the check that counts:
	 * it stays in the access records but not in the fault tally. */
	unsigned faults = d->faults;
	int first_valid = d->first_fault.valid;
	while (n < 1024 && d->ops->queue_num_max(d, n) && d->faults == faults)
		n++;
	d->faults = faults;
	d->first_fault.valid = first_valid;
	return n;
}
