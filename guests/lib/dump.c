#include "vcheck/virtio_status.h"
#include "guests/lib/dump.h"
#include "guests/lib/format.h"
#include "layouts/layout.h"
#include "guests/lib/pci.h"
#include "guests/lib/record.h"
#include "guests/lib/vdev.h"

#define MAX_PROBED_QUEUES 256 /* transports without a queue count */
#define CFG_CHUNK 64
#define RAW_CONFIG_BYTES 256 /* unknown device type: dump this much */
#define TAIL_BYTES 4         /* read past the end, to see where the device stops */

static void dump_ident(struct vdev *d)
{
	rec_begin("dev");
	rec_u64("d", d->index);
	rec_str("loc", d->loc);
	rec_str("transport", vc_transport_name(d->ops->kind));
	rec_u64("id", d->device_id);
	rec_hex("vendor", d->vendor_id);
	if (d->version)
		rec_u64("ver", d->version);
	if (d->pci) {
		rec_hex("pcidev", d->pci->device);
		rec_u64("rev", d->pci->revision);
		rec_hex("subsys", d->pci->subsys);
	}
	rec_end();
}

static void dump_features(struct vdev *d)
{
	d->offered = 0;
	for (unsigned sel = 0; sel < d->ops->feature_words; sel++) {
		uint32_t w = d->ops->get_device_features(d, sel);
		if (sel < 2)
			d->offered |= (uint64_t)w << (32 * sel);
		rec_begin("feat");
		rec_u64("d", d->index);
		rec_u64("sel", sel);
		rec_hex("val", w);
		rec_end();
	}
}

/* One "queues" record lists the sizes of consecutive queues from q, so a
 * device with many queues costs a few console lines, not one per queue. */
static void flush_queues(struct vdev *d, unsigned first, const char *list)
{
	if (!list[0])
		return;
	rec_begin("queues");
	rec_u64("d", d->index);
	rec_u64("q", first);
	rec_str("max", list);
	rec_end();
}

static void dump_queues(struct vdev *d)
{
	char list[600];
	unsigned len = 0, first = 0;
	unsigned n = d->ops->num_queues(d);
	unsigned limit = n ? n : MAX_PROBED_QUEUES;
	list[0] = 0;
	unsigned faults = d->faults;
	for (unsigned q = 0; q < limit; q++) {
		uint32_t max = d->ops->queue_num_max(d, q);
		/* A selection that faulted ends the list as a 0 does (drv_queue_count). */
		if (!n && (max == 0 || d->faults != faults))
			break;
		if (len > sizeof(list) - 16) {
			flush_queues(d, first, list);
			len = 0, first = q;
		}
		len += (unsigned)vc_snprintf(list + len, sizeof(list) - len, "%s%u", len ? "," : "", max);
	}
	flush_queues(d, first, list[0] && len ? list : "");
}

static void read_config(struct vdev *d, unsigned off, unsigned len, uint8_t *buf)
{
	for (unsigned i = 0; i < len; i++) {
		uint64_t v = 0xff;
		d->ops->config_read(d, off + i, 1, &v);
		buf[i] = (uint8_t)v;
	}
}

static void dump_config(struct vdev *d)
{
	const struct vc_layout *p = vc_layout_find(d->device_id);
	unsigned size = p ? vc_layout_config_size(p, d->offered) : RAW_CONFIG_BYTES;
	if (p && p->dynamic_size) {
		uint8_t head[CFG_CHUNK];
		read_config(d, 0, size < CFG_CHUNK ? size : CFG_CHUNK, head);
		size = p->dynamic_size(size, head);
	}
	uint8_t buf[CFG_CHUNK];
	for (unsigned off = 0; off < size; off += CFG_CHUNK) {
		unsigned n = size - off < CFG_CHUNK ? size - off : CFG_CHUNK;
		read_config(d, off, n, buf);
		rec_begin("cfg");
		rec_u64("d", d->index);
		rec_u64("off", off);
		rec_bytes("hex", buf, n);
		rec_end();
	}
	uint8_t tail[TAIL_BYTES];
	read_config(d, size, TAIL_BYTES, tail);
	rec_begin("cfg");
	rec_u64("d", d->index);
	rec_u64("off", size);
	rec_bytes("hex", tail, TAIL_BYTES);
	rec_str("past", "end");
	rec_end();
}

void vc_dump_device(struct vdev *d)
{
	dump_ident(d);
	/* Reading features and config is allowed once DRIVER is set (3.1.1). */
	d->ops->set_status(d, 0);
	d->ops->set_status(d, VIRTIO_STATUS_ACKNOWLEDGE);
	d->ops->set_status(d, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	dump_features(d);
	dump_queues(d);
	dump_config(d);
	d->ops->set_status(d, 0);
}
