/* The configuration space at 0x100 of the window (4.2.2 "Config"),
 * served by vcheck-vu-ref's device model (../vu-ref/device.c) as QEMU's
 * vhost-user front-end would drive it, and ConfigGeneration with the
 * configuration change notifications. Section numbers are VIRTIO 1.4's. */
#include "mmio.h"

#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_status.h"

#include <string.h>

/* Accesses that do not fit inside config-size read 0 and write nothing. */
static int fits(const struct xr_mmio *m, uint32_t off, unsigned size)
{
	return size && size <= sizeof(uint64_t) && off < m->dev_opts.config_size &&
	       size <= m->dev_opts.config_size - off;
}

/* 4.2.2: registers and config are little-endian, as is the host (dma.c). */
uint64_t xr_config_read(struct xr_mmio *m, uint32_t off, unsigned size, uint64_t now_ms)
{
	uint8_t b[sizeof(uint64_t)] = { 0 };
	if (!fits(m, off, size) || vu_device_get_config(&m->dev, off, size, b, now_ms) < 0)
		return 0;
	uint64_t v;
	memcpy(&v, b, sizeof v);
	return v;
}

/* vu-ref's README "How a write is seen": the front-end passes its copy of
 * the range with the written bytes replaced. An access writes every byte
 * it covers, so the copy of [off, off+size) is the value written. */
void xr_config_write(struct xr_mmio *m, uint32_t off, unsigned size, uint64_t v, uint64_t now_ms)
{
	if (!fits(m, off, size))
		return;
	uint8_t b[sizeof(uint64_t)];
	memcpy(b, &v, sizeof b);
	vu_device_set_config(&m->dev, off, size, b, now_ms);
	/* a write may have queued a change (the planted trigger at 7) */
	xr_mmio_tick(m, now_ms);
}

/* 4.2.2 ConfigGeneration / 2.5.1: it changes whenever the configuration
 * may have changed, so it moves for every change the device announces,
 * before DRIVER_OK too. The notification itself waits for DRIVER_OK:
 * the driver is ready for it only then (3.1.1 step 8), and QEMU's
 * virtio_notify_config holds it back the same way. */
void xr_mmio_tick(struct xr_mmio *m, uint64_t now_ms)
{
	char why[VU_NOTICE_LEN];
	while (vu_device_take_notice(&m->dev, now_ms, why)) {
		m->generation++;
		m->n.config_changes++;
		xr_trace_event(m->trace, "config-change %s (generation %u)", why, m->generation);
		if (m->status & VIRTIO_STATUS_DRIVER_OK)
			xr_mmio_interrupt(m, VIRTIO_MMIO_INT_CONFIG, "config");
	}
}

int xr_mmio_next_ms(const struct xr_mmio *m, uint64_t now_ms) { return vu_device_next_notice_ms(&m->dev, now_ms); }
