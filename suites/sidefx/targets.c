/* What the experiments touch on one device: every register its interface
 * defines (the shared register tables), the PCI ISR byte and notify address,
 * and every config field of its layout at the field's natural width. */
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_pci.h"
#include "guests/lib/access.h"
#include "layouts/layout.h"
#include "suites/sidefx/sfx.h"
#include <string.h>

#define RAW_CONFIG_BYTES 64 /* unknown device type: its first 64 config bytes, one by one */
#define SMALL_FIELD 8       /* fields up to this size are experimented on chunk by chunk */

/* The target added, or NULL when the set is full. */
static struct sfx_target *add(struct sfx_set *s, unsigned sp, unsigned off, unsigned w, const char *acc,
			      int snap_only)
{
	if (s->n >= SFX_MAX_TARGETS)
		return NULL;
	/* A chunk after a field's first belongs to the target before it. */
	uint16_t head = snap_only ? s->t[s->n - 1].head : (uint16_t)s->n;
	s->t[s->n] = (struct sfx_target){ .sp = (uint8_t)sp, .width = (uint8_t)w, .off = (uint16_t)off,
		.readable = strchr(acc, 'r') != NULL, .writable = strchr(acc, 'w') != NULL,
		.in_snapshot_only = (uint8_t)snap_only, .head = head };
	return &s->t[s->n++];
}

static void mmio_targets(struct vdev *d, struct sfx_set *s)
{
	unsigned ver = d->version == 1 ? 1 : 2;
#define SFX_MMIO_ADD(off, id, name, acc, vers) \
	if ((vers) & ver)                       \
		add(s, VC_SFX_SP_TRANSPORT, off, 4, acc, 0);
	VIRTIO_MMIO_REGS(SFX_MMIO_ADD)
#undef SFX_MMIO_ADD
}

static void pci_modern_targets(struct vdev *d, struct sfx_set *s)
{
#define SFX_COMMON_ADD(off, id, name, w, acc) add(s, VC_SFX_SP_TRANSPORT, off, w, acc, 0);
	VIRTIO_PCI_COMMON_REGS(SFX_COMMON_ADD)
#undef SFX_COMMON_ADD
	if (d->len[VC_SP_ISR])
		add(s, VC_SFX_SP_ISR, 0, 1, "r", 0);
	if (d->len[VC_SP_NOTIFY])
		add(s, VC_SFX_SP_NOTIFY, 0, 2, "w", 0);
}

static void pci_legacy_targets(struct sfx_set *s)
{
#define SFX_LEGACY_ADD(off, id, name, w, acc) add(s, VC_SFX_SP_TRANSPORT, off, w, acc, 0);
	VIRTIO_PCI_LEGACY_REGS(SFX_LEGACY_ADD)
#undef SFX_LEGACY_ADD
}

/* A field is split into chunks of its natural width; a large one (a
 * string, a bitmap) is experimented on through its first chunk only, but
 * snapshotted whole so a selector's effect on it shows. */
static void field_targets(struct sfx_set *s, const struct vc_cfg_field *f)
{
	const char *acc = f->access == VC_FA_RO ? "r" : f->access == VC_FA_WO ? "w" : "rw";
	unsigned w = f->width ? f->width : 1;
	for (unsigned o = 0; o + w <= f->size; o += w) {
		struct sfx_target *t = add(s, VC_SFX_SP_CONFIG, f->offset + o, w, acc, f->size > SMALL_FIELD && o > 0);
		if (t)
			t->features = f->features;
	}
}

/* A field whose size the device states at run time (virtio-9p's tag,
 * tag_len bytes): the size the probe's dynamic_size computes from the
 * config head, less the field's offset; 0 when it cannot be read. */
static unsigned runtime_size(struct vdev *d, const struct vc_layout *p, const struct vc_cfg_field *f)
{
	uint8_t head[8];
	unsigned fixed = vc_layout_config_size(p, d->offered);
	if (!p->dynamic_size)
		return 0;
	for (unsigned i = 0; i < sizeof(head); i++) {
		uint64_t v = 0;
		if (d->ops->config_read(d, i, 1, &v) != VC_ACC_OK)
			return 0;
		head[i] = (uint8_t)v;
	}
	unsigned total = p->dynamic_size(fixed, head);
	return total > f->offset ? total - f->offset : 0;
}

static void config_targets(struct vdev *d, struct sfx_set *s)
{
	const struct vc_layout *p = vc_layout_find(d->device_id);
	if (!p) {
		/* No layout says where fields start or how wide they are: bytes
		 * are the one width every field can be read at. */
		for (unsigned i = 0; i < RAW_CONFIG_BYTES; i++)
			add(s, VC_SFX_SP_CONFIG, i, 1, "rw", 0);
		return;
	}
	for (unsigned i = 0; i < p->nfields; i++) {
		struct vc_cfg_field f = p->fields[i];
		if (f.features && !(f.features & d->offered))
			continue;
		if (!f.size)
			f.size = runtime_size(d, p, &f);
		field_targets(s, &f);
	}
}

void sfx_targets(struct vdev *d, struct sfx_set *s)
{
	s->n = 0;
	switch (d->ops->kind) {
	case VC_TR_MMIO_V1:
	case VC_TR_MMIO_V2:
		mmio_targets(d, s);
		break;
	case VC_TR_PCI_MODERN:
		pci_modern_targets(d, s);
		break;
	default:
		pci_legacy_targets(s);
		break;
	}
	config_targets(d, s);
}
