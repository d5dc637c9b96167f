/* The device's config window, whole: its size as the transport states it,
 * which bytes move between reads, and the active part the write
 * experiments cover. A layout never limits what is read here: a vendor's
 * extension sits in bytes no layout names. */
#include "vcheck/virtio_pci.h"
#include "guests/lib/access.h"
#include "guests/lib/record.h"
#include "layouts/layout.h"
#include "suites/sidefx/sfx.h"
#include <string.h>

#define MMIO_CONFIG 0x100      /* virtio-mmio: config from 0x100 to the window's end (4.2.2) */
/* The active part is capped so that its targets (every byte at widths 1,
 * 2 and 4) fit the target set; a larger live window is cut, and said so. */
#define ACTIVE_MAX 512

static struct sfx_bytes first, second;

unsigned sfx_window_size(struct vdev *d, unsigned cfgsize)
{
	unsigned n = 0;
	switch (d->ops->kind) {
	case VC_TR_MMIO_V1:
	case VC_TR_MMIO_V2:
		n = d->len[VC_SP_MMIO] > MMIO_CONFIG ? d->len[VC_SP_MMIO] - MMIO_CONFIG : 0;
		break;
	case VC_TR_PCI_MODERN:
		n = d->len[VC_SP_DEVICE];
		break;
	default:
		n = d->len[VC_SP_LEGACY] > VIRTIO_PCI_LEGACY_CONFIG_NOMSIX ?
			    d->len[VC_SP_LEGACY] - VIRTIO_PCI_LEGACY_CONFIG_NOMSIX : 0;
		break;
	}
	if (cfgsize)
		n = cfgsize;
	return n < VC_SFX_WINDOW_MAX ? n : VC_SFX_WINDOW_MAX;
}

static int excluded(const struct sfx_window *w, unsigned i, unsigned lo, unsigned hi)
{
	return sfx_bit(w->unstable, i) || (i >= lo && i < hi);
}

static void read_byte(struct vdev *d, unsigned i, struct sfx_bytes *out)
{
	uint64_t v = 0;
	if (d->ops->config_read(d, i, 1, &v) == VC_ACC_OK) {
		out->b[i] = (uint8_t)v;
		sfx_set_bit(out->ok, i);
	}
}

/* Bytes [0, end) but those excluded: a word at a time where none of its
 * bytes is excluded and the word reads, else byte by byte. */
static void read_range(struct vdev *d, const struct sfx_window *w, unsigned end, unsigned lo, unsigned hi,
		       struct sfx_bytes *out)
{
	memset(out->ok, 0, (end + 7) / 8);
	for (unsigned o = 0; o < end; o += 4) {
		int whole = o + 4 <= end;
		for (unsigned k = 0; whole && k < 4; k++)
			whole = !excluded(w, o + k, lo, hi);
		uint64_t v = 0;
		if (whole && d->ops->config_read(d, o, 4, &v) == VC_ACC_OK) {
			for (unsigned k = 0; k < 4; k++) {
				out->b[o + k] = (uint8_t)(v >> (8 * k));
				sfx_set_bit(out->ok, o + k);
			}
			continue;
		}
		for (unsigned k = o; k < o + 4 && k < end; k++)
			if (!excluded(w, k, lo, hi))
				read_byte(d, k, out);
	}
}

void sfx_window_read_except(struct vdev *d, const struct sfx_window *w, unsigned lo, unsigned hi,
			    struct sfx_bytes *out)
{
	read_range(d, w, w->active, lo, hi, out);
}

void sfx_window_read(struct vdev *d, const struct sfx_window *w, struct sfx_bytes *out)
{
	read_range(d, w, w->active, 0, 0, out);
}

/* The device's own config ends where the window's fill begins: the value
 * of its last byte, repeated to the end (QEMU answers past config_len
 * itself). A tail byte that keeps a write is live all the same. */
static unsigned live_end(struct vdev *d, const struct sfx_window *w, unsigned floor)
{
	unsigned end = 0;
	uint8_t fill = sfx_bit(first.ok, w->size - 1) ? first.b[w->size - 1] : 0;
	for (unsigned i = 0; i < w->size; i++)
		if (!sfx_bit(first.ok, i) || first.b[i] != fill || sfx_bit(w->unstable, i))
			end = i + 1;
	if (end < floor)
		end = floor;
	for (unsigned i = end; i < w->size; i++) {
		uint64_t rb = fill;
		d->ops->config_write(d, i, 1, (uint8_t)~fill);
		if (d->ops->config_read(d, i, 1, &rb) == VC_ACC_OK && rb != fill)
			end = i + 1;
	}
	return end;
}

void sfx_window_scan(struct vdev *d, unsigned cfgsize, struct sfx_window *w)
{
	memset(w, 0, sizeof(*w));
	w->size = sfx_window_size(d, cfgsize);
	if (!w->size)
		return;
	read_range(d, w, w->size, 0, 0, &first);
	read_range(d, w, w->size, 0, 0, &second);
	for (unsigned i = 0; i < w->size; i++)
		if (sfx_bit(first.ok, i) != sfx_bit(second.ok, i) || first.b[i] != second.b[i])
			sfx_set_bit(w->unstable, i);
	const struct vc_layout *p = vc_layout_find(d->device_id);
	unsigned named = p ? vc_layout_config_size(p, d->offered) : 0;
	unsigned end = live_end(d, w, named < w->size ? named : w->size);
	end = (end + 3) & ~3u;
	w->active = end < w->size ? end : w->size;
	if (w->active > ACTIVE_MAX) {
		rec_log("sidefx: config window of %u live bytes, experiments cover the first %u", w->active,
			ACTIVE_MAX);
		w->active = ACTIVE_MAX;
	}
}

void sfx_window_moved(struct vdev *d, struct sfx_window *w, uint8_t *moved)
{
	read_range(d, w, w->active, 0, 0, &second);
	for (unsigned i = 0; i < w->active; i++)
		if (sfx_bit(first.ok, i) && sfx_bit(second.ok, i) && first.b[i] != second.b[i])
			sfx_set_bit(moved, i);
}
