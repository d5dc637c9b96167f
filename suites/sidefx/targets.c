/* What the experiments touch on one device: every register its interface
 * defines (the shared register tables), the PCI ISR byte and notify address,
 * and every byte of its config window at each width the transport allows. */
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_pci.h"
#include "guests/lib/access.h"
#include "layouts/layout.h"
#include "suites/sidefx/sfx.h"
#include <string.h>


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

/* The features that gate the layout's field at `off` (0: none, or no
 * field there): a write series negotiates them first, as a driver using
 * the field would. */
static uint64_t gate_at(const struct vc_layout *p, const struct vdev *d, unsigned off)
{
	const struct vc_cfg_field *f = p ? vc_layout_field_at(p, off) : NULL;
	return f && (f->features & d->offered) ? f->features : 0;
}

/* Every byte of the active window at width 1, then every aligned 2 and 4
 * bytes: all readable and writable, whatever the layout declares (a byte
 * the spec calls read-only that stores a write is what is looked for). */
static void config_targets(struct vdev *d, const struct sfx_window *w, struct sfx_set *s)
{
	const struct vc_layout *p = vc_layout_find(d->device_id);
	s->win = w;
	s->cfg_first = s->n;
	for (unsigned width = 1; width <= 4; width *= 2)
		for (unsigned off = 0; off + width <= w->active; off += width) {
			struct sfx_target *t = add(s, VC_SFX_SP_CONFIG, off, width, "rw", 0);
			if (!t)
				return;
			t->features = gate_at(p, d, off);
		}
}

void sfx_targets(struct vdev *d, const struct sfx_window *w, struct sfx_set *s)
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
	config_targets(d, w, s);
}
