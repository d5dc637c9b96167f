/* Driver-side sequences every check builds on, written once against the
 * transport ops table (as Linux virtio_dev_probe / virtio_finalize_features). */
#ifndef VC_DRIVER_H
#define VC_DRIVER_H
#include <stdint.h>
#include "guests/lib/vdev.h"

/* DeviceFeatures words 0 and 1, as one 64-bit value. */
uint64_t drv_device_features(struct vdev *d);
/* Writes 0 and waits until Status reads 0; 0 on success, -1 after timeout_us. */
int drv_reset(struct vdev *d, unsigned timeout_us);
/* reset, ACKNOWLEDGE, DRIVER, write `features` (both words where the
 * transport has them), then FEATURES_OK on transports that have it.
 * Returns Status as read back afterwards. */
uint8_t drv_negotiate(struct vdev *d, uint64_t features);
/* Whether the transport uses FEATURES_OK (legacy interfaces do not). */
int drv_has_features_ok(const struct vdev *d);
uint64_t drv_micros(void);
/* Waiting: every polling loop asks drv_expired(deadline) once per turn.
 * A turn of a wait loop is where a personality's posted backend gets the CPU
 * (personality.h), as a backend VM runs while the guest vCPU spins. */
uint64_t drv_deadline(unsigned timeout_us);
int drv_expired(uint64_t deadline);
/* How many waits ended early so far because the personality decided them
 * (a device behind it gave up unseen, personality.h). */
unsigned drv_waits_decided(void);
/* Waits `us` microseconds, wait points included. */
void drv_delay_us(unsigned us);
/* Negotiates `want` (plus VERSION_1 when offered) limited to what is offered;
 * 0 when the device accepted (legacy: always), -1 when FEATURES_OK was refused. */
int drv_start(struct vdev *d, uint64_t want);
/* Sets DRIVER_OK on top of the negotiated status; returns Status read back. */
uint8_t drv_driver_ok(struct vdev *d);
/* Number of queues: the transport's count, or probed by QueueNumMax until
 * it reads 0 (virtio-mmio and legacy PCI have no count register). */
unsigned drv_queue_count(struct vdev *d);
/* Lowest feature bit of `mask` not set in `offered`, in the device-specific
 * range 0..23, or -1. */
int drv_unoffered_device_bit(uint64_t offered);
#endif
