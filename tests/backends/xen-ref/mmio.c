/* The device-wide registers of the virtio-mmio v2 window and the access
 * dispatch (mmio.h). Section numbers are VIRTIO 1.4's; "4.2.2" is the
 * register table of virtio-mmio. Queue registers are in queues.c, the
 * configuration space in config.c. */
#include "mmio.h"

#include "vcheck/virtio_ids.h"
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_status.h"

#include <string.h>

#define MMIO_VERSION 2 /* 4.2.2 Version: 0x2, the non-legacy layout */

int xr_mmio_init(struct xr_mmio *m, const struct vu_device_opts *o, struct xr_dma *dma,
		 xr_raise_fn *raise, void *raise_ctx, struct xr_trace *trace, uint64_t now_ms)
{
	memset(m, 0, sizeof *m);
	m->dev_opts = *o;
	m->dma = dma;
	m->raise = raise;
	m->raise_ctx = raise_ctx;
	m->trace = trace;
	m->features = XR_FEATURES;
	return vu_device_init(&m->dev, o, now_ms);
}

void xr_mmio_interrupt(struct xr_mmio *m, uint32_t bits, const char *what)
{
	m->isr |= bits;
	xr_trace_event(m->trace, "irq %s (InterruptStatus 0x%x)", what, m->isr);
	xr_trace_flush(m->trace);
	/* Raised for every event, even with the bit already pending: the
	 * driver acknowledges only the bits it read, and an edge is all a
	 * Xen SPI gives it. */
	if (m->raise(m->raise_ctx) == 0)
		m->n.irqs++;
	else
		m->n.irq_failed++;
}

void xr_mmio_needs_reset(struct xr_mmio *m, const char *why)
{
	m->n.needs_reset++;
	xr_trace_event(m->trace, "needs-reset %s", why);
	/* 2.1.2: the device SHOULD set DEVICE_NEEDS_RESET when it needs a
	 * reset; once it has, with DRIVER_OK set, it MUST send a configuration
	 * change notification. */
	m->status |= VIRTIO_STATUS_DEVICE_NEEDS_RESET;
	if (m->status & VIRTIO_STATUS_DRIVER_OK)
		xr_mmio_interrupt(m, VIRTIO_MMIO_INT_CONFIG, "config (needs reset)");
}

/* 4.2.2 Status: writing 0 resets the device. 4.2.2.1: on reset the device
 * clears InterruptStatus and every queue's QueueReady; features, selectors
 * and the configuration return to power-on. ConfigGeneration moves on
 * instead of starting over: the configuration changed. */
static void reset(struct xr_mmio *m, uint64_t now_ms)
{
	m->status = m->isr = 0;
	m->device_features_sel = m->driver_features_sel = m->queue_sel = m->shm_sel = 0;
	m->driver_features = 0;
	m->driver_features_beyond = 0;
	xr_queues_reset(m);
	/* the driver revokes its grants after a reset: hold none of them */
	xr_dma_release_all(m->dma);
	vu_device_init(&m->dev, &m->dev_opts, now_ms); /* options checked by xr_mmio_init */
	m->generation++;
	m->n.resets++;
	xr_trace_event(m->trace, "reset");
}

/* 2.2.1 / 3.1.1 step 5: the device refuses FEATURES_OK (it stays clear on
 * read back) when the driver accepted a bit it does not offer; 6.1: a
 * device that offers VERSION_1 may refuse a driver that leaves it out. */
static int features_acceptable(const struct xr_mmio *m)
{
	return !m->driver_features_beyond && !(m->driver_features & ~m->features) &&
	       (m->driver_features & (1ull << VIRTIO_F_VERSION_1));
}

static void write_status(struct xr_mmio *m, uint32_t v, uint64_t now_ms)
{
	if (!v) {
		reset(m, now_ms);
		return;
	}
	uint32_t was = m->status;
	v &= 0xff; /* 2.1: the device status field is 8 bits */
	if ((v & VIRTIO_STATUS_FEATURES_OK) && !(was & VIRTIO_STATUS_FEATURES_OK) && !features_acceptable(m)) {
		v &= ~VIRTIO_STATUS_FEATURES_OK;
		xr_trace_event(m->trace, "refused FEATURES_OK (driver features 0x%llx%s)",
			       (unsigned long long)m->driver_features, m->driver_features_beyond ? " and above 63" : "");
	}
	/* DEVICE_NEEDS_RESET is the device's to set; only a reset clears it */
	m->status = v | (was & VIRTIO_STATUS_DEVICE_NEEDS_RESET);
	/* 3.1.1 step 8: the device is live; buffers the driver made available
	 * before DRIVER_OK wait for no further notification */
	if ((v & VIRTIO_STATUS_DRIVER_OK) && !(was & VIRTIO_STATUS_DRIVER_OK))
		xr_queue_serve(m, XR_QUEUE_STATUS);
}

/* 4.2.2 DriverFeatures: 32 bits of the accepted set, chosen by
 * DriverFeaturesSel. After FEATURES_OK the set is settled (3.1.1: the
 * driver accepts no feature after it), so later writes are dropped. */
static void write_driver_features(struct xr_mmio *m, uint32_t v)
{
	if (m->status & VIRTIO_STATUS_FEATURES_OK)
		return;
	if (m->driver_features_sel == 0)
		m->driver_features = (m->driver_features & ~0xffffffffull) | v;
	else if (m->driver_features_sel == 1)
		m->driver_features = (m->driver_features & 0xffffffffull) | (uint64_t)v << 32;
	else
		m->driver_features_beyond |= v != 0;
}

static uint32_t read_reg(struct xr_mmio *m, uint32_t off)
{
	switch (off) {
	case VIRTIO_MMIO_MAGIC_VALUE: return VIRTIO_MMIO_MAGIC; /* 4.2.2: 0x74726976, "virt" */
	case VIRTIO_MMIO_VERSION: return MMIO_VERSION;
	case VIRTIO_MMIO_DEVICE_ID: return VIRTIO_ID_INPUT;
	case VIRTIO_MMIO_VENDOR_ID: return XR_VENDOR_ID;
	/* 4.2.2 DeviceFeatures: bits 32*sel .. 32*sel+31; none above 63 */
	case VIRTIO_MMIO_DEVICE_FEATURES:
		return m->device_features_sel < 2 ? (uint32_t)(m->features >> (32 * m->device_features_sel)) : 0;
	case VIRTIO_MMIO_INTERRUPT_STATUS: return m->isr;
	case VIRTIO_MMIO_STATUS: return m->status;
	/* 4.2.2 SHMLen: a region that does not exist has length -1. The
	 * device has none; its base reads all ones as well. */
	case VIRTIO_MMIO_SHM_LEN_LOW:
	case VIRTIO_MMIO_SHM_LEN_HIGH:
	case VIRTIO_MMIO_SHM_BASE_LOW:
	case VIRTIO_MMIO_SHM_BASE_HIGH: return 0xffffffffu;
	case VIRTIO_MMIO_CONFIG_GENERATION: return m->generation;
	}
	return xr_queue_read(m, off);
}

static void write_reg(struct xr_mmio *m, uint32_t off, uint32_t v, uint64_t now_ms)
{
	switch (off) {
	case VIRTIO_MMIO_DEVICE_FEATURES_SEL: m->device_features_sel = v; return;
	case VIRTIO_MMIO_DRIVER_FEATURES: write_driver_features(m, v); return;
	case VIRTIO_MMIO_DRIVER_FEATURES_SEL: m->driver_features_sel = v; return;
	/* 4.2.2 InterruptACK: the bits written are handled */
	case VIRTIO_MMIO_INTERRUPT_ACK: m->isr &= ~v; return;
	case VIRTIO_MMIO_STATUS: write_status(m, v, now_ms); return;
	case VIRTIO_MMIO_SHM_SEL: m->shm_sel = v; return;
	}
	xr_queue_write(m, off, v);
}

/* 4.2.2.2: the driver uses 32-bit aligned accesses for the registers
 * before the configuration space; anything else reads 0 and writes
 * nothing, as QEMU's virtio-mmio answers it. Offsets no register has
 * (the legacy ones included, 4.2.4) do the same. */
static int register_access(uint32_t off, unsigned size) { return size == 4 && !(off & 3); }

static uint64_t read_one(struct xr_mmio *m, uint32_t off, unsigned size, uint64_t now_ms)
{
	uint64_t v = 0;
	if (off >= VIRTIO_MMIO_CONFIG && off < XR_WINDOW)
		v = xr_config_read(m, off - VIRTIO_MMIO_CONFIG, size, now_ms);
	else if (off < VIRTIO_MMIO_CONFIG && register_access(off, size))
		v = read_reg(m, off);
	xr_trace_access(m->trace, 'r', off, size, v);
	return v;
}

static void write_one(struct xr_mmio *m, uint32_t off, unsigned size, uint64_t v, uint64_t now_ms)
{
	xr_trace_access(m->trace, 'w', off, size, v);
	if (off >= VIRTIO_MMIO_CONFIG && off < XR_WINDOW)
		xr_config_write(m, off - VIRTIO_MMIO_CONFIG, size, v, now_ms);
	else if (off < VIRTIO_MMIO_CONFIG && register_access(off, size))
		write_reg(m, off, (uint32_t)v, now_ms);
}

static uint64_t mask(unsigned size) { return size >= 8 ? ~0ull : (1ull << (8 * size)) - 1; }

/* Every access first announces the config changes due by now, so that no
 * read sees a changed byte before ConfigGeneration has moved for it. An
 * 8-byte access is two 4-byte ones, low half first, as QEMU splits it. */
uint64_t xr_mmio_read(struct xr_mmio *m, uint32_t off, unsigned size, uint64_t now_ms)
{
	m->n.reads++;
	xr_mmio_tick(m, now_ms);
	if (size == 8)
		return read_one(m, off, 4, now_ms) | read_one(m, off + 4, 4, now_ms) << 32;
	return read_one(m, off, size, now_ms) & mask(size);
}

void xr_mmio_write(struct xr_mmio *m, uint32_t off, unsigned size, uint64_t value, uint64_t now_ms)
{
	m->n.writes++;
	xr_mmio_tick(m, now_ms);
	if (size == 8) {
		write_one(m, off, 4, value & 0xffffffffu, now_ms);
		write_one(m, off + 4, 4, value >> 32, now_ms);
		return;
	}
	write_one(m, off, size, value & mask(size), now_ms);
}

void xr_mmio_end(struct xr_mmio *m)
{
	xr_dma_release_all(m->dma);
	xr_trace_flush(m->trace);
}
