/* The Gunyah-style personality's backend VM: the real QEMU device, driven
 * the way the downstream backend driver and crosvm-gunyah drive theirs
 * (reference/gunyah-virtio-mmio.md sections 3 to 5):
 * - at setup it uploads the register image once (identity, feature words,
 *   QueueNumMax, config bytes, and for virtio-input every select/subsel
 *   answer the hypervisor will serve);
 * - later, at the guest's wait points, it takes the notification: acks a
 *   reset after resetting the device, replays driver features and queues
 *   on DRIVER_OK, forwards held notifies once that is done, and raises the
 *   guest's interrupt for used buffers. Config changes never reach the
 *   guest: this stack has no later config upload and only asserts bit 0. */
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_pci.h"
#include "vcheck/virtio_status.h"
#include "guests/lib/driver.h"
#include "guests/lib/personality/gunyah.h"
#include "layouts/layout.h"
#include "guests/lib/record.h"

#define RESET_US 100000
#define INPUT_SEL_EV_BITS 0x11
#define INPUT_SEL_ABS_INFO 0x12

static void store32(struct gh_page *p, unsigned off, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
	gh_backend_store(p, off, b, 4);
}

static unsigned config_size(const struct vdev *r)
{
	unsigned n = vc_layout_config_size(vc_layout_find(r->device_id), ~0ull);
	const struct vc_vcap *c = vdev_find_vcap(r, VIRTIO_PCI_CAP_DEVICE_CFG);
	if (!n)
		n = c ? c->length : VIRTIO_MMIO_WINDOW - VIRTIO_MMIO_CONFIG;
	return n > GH_PAGE_SIZE - VIRTIO_MMIO_CONFIG ? GH_PAGE_SIZE - VIRTIO_MMIO_CONFIG : n;
}

static void upload_config(struct gh_dev *g)
{
	struct vdev *r = &g->real;
	unsigned n = config_size(r);
	for (unsigned i = 0; i < n; i++) {
		uint64_t v = 0;
		r->ops->config_read(r, i, 1, &v);
		uint8_t b = (uint8_t)v;
		gh_backend_store(&g->page, VIRTIO_MMIO_CONFIG + i, &b, 1);
	}
}

/* virtio_input_configure/set_data: every answer the device gives, so the
 * hypervisor can serve select/subsel without asking (5.8.4). */
static void upload_input(struct gh_dev *g)
{
	static const uint8_t selects[] = { 1, 2, 3, 0x10, INPUT_SEL_EV_BITS, INPUT_SEL_ABS_INFO };
	struct vdev *r = &g->real;
	for (unsigned i = 0; i < sizeof(selects); i++) {
		unsigned subs = selects[i] == INPUT_SEL_EV_BITS ? 0x20 : selects[i] == INPUT_SEL_ABS_INFO ? 0x40 : 1;
		for (unsigned sub = 0; sub < subs; sub++) {
			uint64_t size = 0, v = 0;
			uint8_t u[128];
			r->ops->config_write(r, 0, 1, selects[i]);
			r->ops->config_write(r, 1, 1, sub);
			r->ops->config_read(r, 2, 1, &size);
			if (!size || size > sizeof(u))
				continue;
			for (unsigned b = 0; b < size; b++) {
				r->ops->config_read(r, 8 + b, 1, &v);
				u[b] = (uint8_t)v;
			}
			if (gh_input_set_data(&g->page, selects[i], (uint8_t)sub, (uint8_t)size, u))
				rec_log("gunyah: %s: input answers past %u dropped", r->loc, GH_INPUT_MAX);
		}
	}
	r->ops->config_write(r, 0, 1, 0);
	r->ops->config_write(r, 1, 1, 0);
}

static void upload_features(struct gh_dev *g)
{
	struct vdev *r = &g->real;
	for (unsigned sel = 0; sel < 2; sel++) {
		uint32_t f = r->ops->get_device_features(r, sel);
		if (gh_backend_set_dev_features(&g->page, sel, f)) {
			rec_log("gunyah: %s: feature word %u 0x%08x refused (needs VERSION_1 and "
				"ACCESS_PLATFORM, no NOTIFICATION_DATA)", r->loc, sel, f);
			g->standing |= 1u << GH_UPLOAD_REFUSED;
			g->fired_at[GH_UPLOAD_REFUSED] = VIRTIO_MMIO_DEVICE_FEATURES;
		}
	}
}

int gh_backend_setup(struct gh_dev *g)
{
	struct vdev *r = &g->real;
	drv_reset(r, RESET_US);
	unsigned vqs = drv_queue_count(r);
	if (vqs > GH_MAX_VQS) {
		rec_log("gunyah: %s has %u queues; the page serves %u", r->loc, vqs, GH_MAX_VQS);
		g->standing |= 1u << GH_QUEUES_CAPPED;
		g->fired_at[GH_QUEUES_CAPPED] = VIRTIO_MMIO_QUEUE_SEL;
	}
	vqs = vqs > GH_MAX_VQS ? GH_MAX_VQS : vqs ? vqs : 1;
	if (gh_configure(&g->page, vqs, r->device_id == GH_DEVICE_INPUT ? GH_DEVICE_INPUT : 0))
		return -1;
	store32(&g->page, VIRTIO_MMIO_MAGIC_VALUE, VIRTIO_MMIO_MAGIC);
	store32(&g->page, VIRTIO_MMIO_VERSION, 2);
	store32(&g->page, VIRTIO_MMIO_DEVICE_ID, r->device_id);
	store32(&g->page, VIRTIO_MMIO_VENDOR_ID, r->vendor_id);
	upload_features(g);
	for (unsigned q = 0; q < vqs; q++)
		gh_backend_set_queue_num_max(&g->page, q, r->ops->queue_num_max(r, q));
	upload_config(g);
	if (r->device_id == GH_DEVICE_INPUT)
		upload_input(g);
	return 0;
}

/* DRIVER_OK: what crosvm's handle_driver_ok does, on the real device. */
static void replay_driver_ok(struct gh_dev *g)
{
	struct vdev *r = &g->real;
	uint64_t f = gh_backend_get_drv_features(&g->page, 0) |
		     (uint64_t)gh_backend_get_drv_features(&g->page, 1) << 32;
	if (!(drv_negotiate(r, f) & VIRTIO_STATUS_FEATURES_OK)) {
		gh_backend_update_status(&g->page, VIRTIO_STATUS_DEVICE_NEEDS_RESET);
		gh_note(g, GH_BACKEND_REFUSED, VIRTIO_MMIO_STATUS);
		return;
	}
	g->replayed = 0;
	for (unsigned q = 0; q < g->page.vqs_num; q++) {
		struct gh_queue i;
		if (gh_backend_get_queue_info(&g->page, q, &i) || !i.ready)
			continue;
		g->replayed |= 1ull << q;
		r->ops->queue_setup(r, q, i.num, i.desc[0] | (uint64_t)i.desc[1] << 32,
				    i.driver[0] | (uint64_t)i.driver[1] << 32,
				    i.device[0] | (uint64_t)i.device[1] << 32);
	}
	drv_driver_ok(r);
	g->driver_ok = 1;
}

static void forward_interrupts(struct gh_dev *g)
{
	struct vdev *r = &g->real;
	uint32_t isr = r->ops->interrupt_status(r);
	if (!isr)
		return;
	r->ops->interrupt_ack(r, isr);
	if (isr & VIRTIO_MMIO_INT_VRING)
		gh_backend_assert_virq(&g->page, VIRTIO_MMIO_INT_VRING);
}

int gh_backend_run(struct gh_dev *g)
{
	struct vdev *r = &g->real;
	uint64_t vqs;
	uint32_t reason;
	gh_backend_get_notification(&g->page, &vqs, &reason);
	if (reason & GH_REASON_RESET) {
		drv_reset(r, RESET_US);
		g->driver_ok = 0, g->pending = 0, vqs = 0;
		gh_backend_ack_reset(&g->page);
	}
	/* Buffers the guest published and notified before the device is told
	 * DRIVER_OK reach it out of the order a driver wrote them. */
	if ((vqs || g->pending) && !g->driver_ok)
		gh_note(g, GH_NOTIFY_HELD, VIRTIO_MMIO_QUEUE_NOTIFY);
	if (reason & GH_REASON_DRIVER_OK)
		replay_driver_ok(g);
	if (reason & GH_REASON_FAILED)
		r->ops->set_status(r, (uint8_t)(r->ops->get_status(r) | VIRTIO_STATUS_FAILED));
	g->pending |= vqs;
	for (unsigned q = 0; g->driver_ok && g->pending; q++)
		if (g->pending & (1ull << q)) {
			g->pending &= ~(1ull << q);
			if (!(g->replayed & (1ull << q)))
				gh_note(g, GH_QUEUE_NOT_REPLAYED, VIRTIO_MMIO_QUEUE_READY);
			r->ops->notify(r, q);
		}
	if (!g->driver_ok)
		return 0;
	forward_interrupts(g);
	/* Like the downstream backends, this one never calls
	 * backend_update_status for a device that gave up. */
	if (!(r->ops->get_status(r) & VIRTIO_STATUS_DEVICE_NEEDS_RESET))
		return 0;
	gh_note(g, GH_DEVICE_STATUS_LOST, VIRTIO_MMIO_STATUS);
	return 1;
}
