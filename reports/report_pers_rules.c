/* A check's transport rules ("reset-posted@0x70") read back into the
 * register they name and the side-effect model's verdict for it.
 *
 * The offset is the virtio-mmio offset on the page the guest saw; from
 * 0x100 on it is device config at offset-0x100. The model's register comes
 * from the --models run: a cell of the same target whose device has the
 * same model, preferring the same interface as the personality's device
 * (the Gunyah front is virtio-mmio v2 on every transport, so its registers
 * are those of the mmio-v2 side-effect cell), then the same transport, then
 * the same location; a device QEMU offers on virtio-pci only (iommu, mem)
 * is judged from its pci-modern cell, where the models name the common-
 * configuration field that plays the mmio register's part. Config offsets
 * mean the same on every transport. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reports/report_personalities.h"
#include "vcheck/virtio_pci.h"
#include "harness/util/vec.h"
#include "layouts/layout.h"

static int same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static int device_score(const struct rep_cell *mc, const struct rep_device *md, const struct rep_cell *cell,
			const struct rep_device *dev)
{
	if (!md->has_registers || !same(md->model, dev->model))
		return -1;
	return 4 * same(md->interface, dev->interface) + 2 * same(mc->transport, cell->transport) +
	       same(md->location, dev->location);
}

static const struct rep_device *model_device(const struct rep_run *models, const struct rep_cell *cell,
					     const struct rep_device *dev)
{
	const struct rep_device *best = NULL;
	int best_score = -1;
	for (size_t i = 0; models && i < models->ncells; i++) {
		const struct rep_cell *mc = &models->cells[i];
		if (!same(mc->target, cell->target))
			continue;
		for (size_t k = 0; k < mc->ndevices; k++) {
			int s = device_score(mc, &mc->devices[k], cell, dev);
			if (s > best_score)
				best_score = s, best = &mc->devices[k];
		}
	}
	return best;
}

static unsigned long parse_hex(const char *s, int *ok)
{
	char *end;
	unsigned long v = s ? strtoul(s, &end, 0) : 0;
	*ok = s && end != s && !*end;
	return v;
}

/* The width a driver reads the config field at `off` with (its layout's),
 * 0 when no layout names it. */
static unsigned natural_width(const struct rep_device *md, unsigned long off)
{
	const struct vc_cfg_field *f = vc_layout_field_at(vc_layout_find(md->device_id), (unsigned)off);
	return f && f->offset == off ? f->width : 0;
}

/* The register at a transport offset, or the config field holding a
 * config offset. Config is examined at every width: the register at the
 * field's natural width, else the first one there, else the one that
 * holds the offset. */
static const struct rep_register *find_register(const struct rep_device *md, int config, unsigned long off)
{
	const struct rep_register *holder = NULL, *first = NULL;
	unsigned want = config && md ? natural_width(md, off) : 0;
	for (size_t i = 0; md && i < md->nregs; i++) {
		const struct rep_register *r = &md->regs[i];
		int ok;
		unsigned long start = parse_hex(r->offset, &ok);
		if (!ok || !same(r->space, config ? "config" : "transport"))
			continue;
		if (start == off && (!config || r->width == want))
			return r;
		if (start == off && !first)
			first = r;
		if (config && !holder && start < off && off < start + (r->width ? r->width : 1))
			holder = r;
	}
	return first ? first : holder;
}

static void name_register(struct rep_rule *r, unsigned long off)
{
	const char *name = off < VIRTIO_MMIO_CONFIG ? virtio_mmio_reg_name((unsigned)off) : NULL;
	if (off >= VIRTIO_MMIO_CONFIG) {
		snprintf(r->reg, sizeof(r->reg), "config+0x%lx", off - VIRTIO_MMIO_CONFIG);
		r->field = r->model_reg ? r->model_reg->name : NULL;
	} else if (name) {
		snprintf(r->reg, sizeof(r->reg), "%s", name);
	} else {
		snprintf(r->reg, sizeof(r->reg), "0x%03lx", off);
	}
}

/* Rules name registers by their virtio-mmio offset (the page's); on a
 * virtio-pci interface the same register is the common-configuration field
 * that plays its part (vcheck/virtio_pci.h), or a space of its own (the
 * ISR, the notification area). */
static const char *pci_name(unsigned long mmio_off)
{
	if (mmio_off == VIRTIO_MMIO_INTERRUPT_STATUS)
		return "ISR";
	if (mmio_off == VIRTIO_MMIO_QUEUE_NOTIFY)
		return "queue_notify";
	int common = virtio_mmio_as_pci_common((unsigned)mmio_off);
	return common < 0 ? NULL : virtio_pci_common_name((unsigned)common);
}

static const struct rep_register *find_by_name(const struct rep_device *md, const char *name)
{
	for (size_t i = 0; md && name && i < md->nregs; i++)
		if (md->regs[i].name && !strcmp(md->regs[i].name, name) && !same(md->regs[i].space, "config"))
			return &md->regs[i];
	return NULL;
}

static void resolve(const char *wire, const struct rep_device *md, int model, struct rep_rule *r)
{
	const char *at = strchr(wire, '@');
	size_t len = at ? (size_t)(at - wire) : strlen(wire);
	snprintf(r->name, sizeof(r->name), "%.*s", (int)len, wire);
	r->verdict = REP_HV_NONE;
	int ok;
	unsigned long off = parse_hex(at ? at + 1 : NULL, &ok);
	if (!ok)
		return; /* a rule without a register: shown by name only */
	int config = off >= VIRTIO_MMIO_CONFIG;
	int mmio = md && md->interface && !strncmp(md->interface, "mmio-", 5);
	if (md && model >= 0 && (config || mmio))
		r->model_reg = find_register(md, config, config ? off - VIRTIO_MMIO_CONFIG : off);
	else if (md && model >= 0)
		r->model_reg = find_by_name(md, pci_name(off));
	if (r->model_reg)
		r->verdict = r->model_reg->models[model].verdict;
	name_register(r, off);
}

void rep_rules_resolve(const struct rep_check *k, const struct rep_cell *cell, const struct rep_device *dev,
		       const struct rep_run *models, int model, struct rep_diff *d)
{
	const struct rep_device *md = model >= 0 ? model_device(models, cell, dev) : NULL;
	d->rules = vc_xcalloc(k->nrules + 1, sizeof(*d->rules));
	for (d->nrules = 0; d->nrules < k->nrules; d->nrules++)
		resolve(k->rules[d->nrules], md, model, &d->rules[d->nrules]);
}
