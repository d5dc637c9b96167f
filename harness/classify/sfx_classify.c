/* Side-effect classes from observations: groups the guest's experiment steps
 * by (space, offset, width), names each register from the transport or probe
 * layout, and claims every class the steps and the device-side events prove,
 * one evidence line per class. Nothing here knows what a device is supposed
 * to do: a class is claimed only when an observation shows it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "layouts/layout.h"
#include "harness/classify/sfx_classify.h"
#include "harness/collect/device_events.h"
#include "harness/util/vec.h"
#include "harness/collect/vhost_user.h"
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_pci.h"

#define EVIDENCE_MAX 640
#define SHOWN_EVENTS 3   /* device events quoted per evidence line */
#define EVENT_CHARS 72   /* of each quoted event */
#define SHOWN_CHANGES 4  /* changed offsets quoted per evidence line */

typedef unsigned long long ull;

/* ---- names from the layouts ------------------------------------------------ */

struct layout_reg {
	uint32_t off;
	const char *name, *access;
	uint8_t width, versions;
};
#define MMIO_ROW(off, id, name, acc, ver) { off, name, acc, 4, ver },
#define PCI_ROW(off, id, name, w, acc) { off, name, acc, w, 3 },
static const struct layout_reg mmio_regs[] = { VIRTIO_MMIO_REGS(MMIO_ROW) };
static const struct layout_reg pci_common_regs[] = { VIRTIO_PCI_COMMON_REGS(PCI_ROW) };
static const struct layout_reg pci_legacy_regs[] = { VIRTIO_PCI_LEGACY_REGS(PCI_ROW) };
#undef MMIO_ROW
#undef PCI_ROW

/* What the layouts say about one offset; name NULL when they say nothing.
 * A config field's offset and size say where in it the offset falls. */
struct layout_info {
	const char *name, *access;
	uint8_t width;
	uint32_t field_off, field_size;
};

struct naming {
	enum vc_transport tr; /* VC_TR__COUNT: unknown */
	const struct vc_layout *probe;
};

static struct layout_info transport_info(enum vc_transport tr, uint32_t off)
{
	const struct layout_reg *t = mmio_regs;
	size_t n = VC_ARRAY_SIZE(mmio_regs);
	unsigned version = tr == VC_TR_MMIO_V1 ? 1 : 2;
	if (tr == VC_TR_PCI_MODERN)
		t = pci_common_regs, n = VC_ARRAY_SIZE(pci_common_regs), version = 3;
	else if (tr == VC_TR_PCI_LEGACY)
		t = pci_legacy_regs, n = VC_ARRAY_SIZE(pci_legacy_regs), version = 3;
	for (size_t i = 0; i < n; i++)
		if (t[i].off == off && (t[i].versions & version))
			return (struct layout_info){ t[i].name, t[i].access, t[i].width, off, t[i].width };
	return (struct layout_info){ 0 };
}

static struct layout_info layout_info(const struct naming *nm, enum vc_sfx_space sp, uint32_t off)
{
	static const char *const field_access[] = { "r", "rw", "w" }; /* enum vc_field_access */
	int mmio = nm->tr == VC_TR_MMIO_V1 || nm->tr == VC_TR_MMIO_V2;
	const struct vc_cfg_field *f;
	if (nm->tr >= VC_TR__COUNT)
		return (struct layout_info){ 0 };
	switch (sp) {
	case VC_SFX_SP_TRANSPORT:
		return transport_info(nm->tr, off);
	case VC_SFX_SP_ISR:
		return (struct layout_info){ "ISR", "r", 1, 0, 1 };
	case VC_SFX_SP_NOTIFY:
		return mmio ? (struct layout_info){ "QueueNotify", "w", 4, 0, 4 }
			    : (struct layout_info){ "queue_notify", "w", 2, 0, 2 };
	case VC_SFX_SP_CONFIG:
		f = vc_layout_field_at(nm->probe, off);
		if (f && f->access < VC_ARRAY_SIZE(field_access))
			return (struct layout_info){ f->name, field_access[f->access], f->width, f->offset, f->size };
		/* a gap between fields is reserved; past the last, the layout says nothing */
		if (nm->probe && off < vc_layout_config_size(nm->probe, ~0ull))
			return (struct layout_info){ "(reserved)", NULL, 1, off, 1 };
		break;
	default:
		break;
	}
	return (struct layout_info){ 0 };
}

/* ---- the register set -------------------------------------------------------- */

struct ctx {
	const struct vc_sfx_obs *obs;
	size_t nobs;
	struct vc_register *regs;
	size_t nregs, cap;
	struct naming nm;
	uint8_t clock[VC_SFX_WINDOW_MAX / 8]; /* config bytes seen moving on their own */
	/* The generation and the config-interrupt bit moved with a config
	 * byte's own time series: the device announces its clock's ticks. */
	int gen_clock, isr_clock;
};

static struct vc_register *reg_find(const struct ctx *c, enum vc_sfx_space sp, uint32_t off, uint8_t width)
{
	for (size_t i = 0; i < c->nregs; i++)
		if (c->regs[i].space == sp && c->regs[i].off == off && c->regs[i].width == width)
			return &c->regs[i];
	return NULL;
}

/* The register that takes claims about an offset seen only as a change
 * elsewhere: the narrowest one at that offset once the set is sorted. */
static struct vc_register *reg_at(const struct ctx *c, enum vc_sfx_space sp, uint32_t off)
{
	for (size_t i = 0; i < c->nregs; i++)
		if (c->regs[i].space == sp && c->regs[i].off == off)
			return &c->regs[i];
	return NULL;
}

static void reg_add(struct ctx *c, enum vc_sfx_space sp, uint32_t off, uint8_t width)
{
	if (reg_find(c, sp, off, width))
		return;
	struct vc_register *r = VEC_PUSH(c->regs, c->nregs, c->cap);
	r->space = sp, r->off = off, r->width = width;
}

static int reg_cmp(const void *a, const void *b)
{
	const struct vc_register *x = a, *y = b;
	if (x->space != y->space)
		return x->space < y->space ? -1 : 1;
	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return (x->width > y->width) - (x->width < y->width);
}

static void name_all(struct ctx *c)
{
	for (size_t i = 0; i < c->nregs; i++) {
		struct vc_register *r = &c->regs[i];
		struct layout_info li = layout_info(&c->nm, r->space, r->off);
		free(r->name_buf), r->name_buf = NULL;
		r->name = li.name;
		r->spec_access = li.access;
		if (r->space == VC_SFX_SP_CONFIG && li.access)
			r->field_off = li.field_off, r->field_size = li.field_size, r->field_width = li.width;
		/* Bytes of one field can behave differently: a register inside a
		 * field is named by where in it it starts. */
		if (li.name && !li.access) {
			char buf[48];
			snprintf(buf, sizeof(buf), "(reserved 0x%x)", (unsigned)r->off);
			r->name = r->name_buf = vc_xstrdup(buf);
		} else if (li.name && r->space == VC_SFX_SP_CONFIG && r->off > li.field_off) {
			char buf[96];
			snprintf(buf, sizeof(buf), "%s+0x%x", li.name, (unsigned)(r->off - li.field_off));
			r->name = r->name_buf = vc_xstrdup(buf);
		}
	}
}

static int is_own(const struct vc_sfx_obs *o, const struct vc_register *r)
{
	return o->exp != VC_SFX_EVENT && o->space == r->space && o->off == r->off && o->width == r->width;
}

static int faulted(const struct vc_sfx_obs *o) { return o->fault_read || o->fault_write; }

/* A step's change list names other offsets; an event addresses no register,
 * so every offset it lists is news. */
static int about_self(const struct vc_sfx_obs *o, uint32_t off)
{
	return o->exp != VC_SFX_EVENT && off == o->off;
}

/* A config byte whose own time series, read alone with nothing written,
 * moved: it changes by the clock, so its moving during another step is no
 * effect of that step (a read, a write) and no bank of the register written. */
static int by_clock(const struct ctx *c, const struct vc_sfx_obs *o, uint32_t off)
{
	return o->exp != VC_SFX_EVENT && o->space == VC_SFX_SP_CONFIG && off < VC_SFX_WINDOW_MAX &&
	       (c->clock[off / 8] >> (off % 8) & 1);
}

static int is_generation(const struct vc_register *r);
static int is_interrupt_status(const struct ctx *c, const struct vc_register *r);

/* The generation counter (or the interrupt status) of a device whose
 * config clock is announced moves with each announced tick, whatever step
 * is under way: a device that keeps ConfigGeneration honest before
 * DRIVER_OK (4.2.2.1: it MUST change when a driver could see the config
 * inconsistent) bumps it between any two accesses, and that is no effect
 * of the access (QEMU's front-ends drop the notice before DRIVER_OK, Xen's
 * ioreq backends need not). */
static int by_announced_clock(const struct ctx *c, const struct vc_sfx_obs *o, uint32_t off)
{
	if (o->exp == VC_SFX_EVENT || (!c->gen_clock && !c->isr_clock))
		return 0;
	const struct vc_register *r = reg_at(c, o->space, off);
	return r && ((c->gen_clock && is_generation(r)) || (c->isr_clock && is_interrupt_status(c, r)));
}

/* Neither the step's own register nor one that moves by itself. */
static int not_caused(const struct ctx *c, const struct vc_sfx_obs *o, uint32_t off)
{
	return about_self(o, off) || by_clock(c, o, off) || by_announced_clock(c, o, off);
}

static void find_clocks(struct ctx *c)
{
	for (size_t i = 0; i < c->nobs; i++) {
		const struct vc_sfx_obs *o = &c->obs[i];
		if (o->exp == VC_SFX_TIME && o->space == VC_SFX_SP_CONFIG && o->width == 1 && o->distinct > 1 &&
		    !faulted(o) && o->off < VC_SFX_WINDOW_MAX) {
			c->clock[o->off / 8] |= (uint8_t)(1u << (o->off % 8));
			c->gen_clock |= o->gen_changed == 1;
			c->isr_clock |= o->isr_config == 1;
		}
	}
}

static int has_reads(const struct ctx *c, const struct vc_register *r)
{
	for (size_t i = 0; i < c->nobs; i++)
		if (is_own(&c->obs[i], r) && c->obs[i].exp == VC_SFX_READ2 && c->obs[i].nv && !faulted(&c->obs[i]))
			return 1;
	return 0;
}

/* Declared write-only, or (layout unknown) never read by the experiments. */
static int write_only(const struct ctx *c, const struct vc_register *r)
{
	if (r && r->spec_access)
		return !strchr(r->spec_access, 'r');
	return r && !has_reads(c, r);
}

/* A change that a write to a write-only register explains as acknowledging
 * bits: only bits it wrote disappeared (InterruptACK clearing
 * InterruptStatus). That is write-clears, not a selector at work. */
static int is_ack(const struct vc_sfx_obs *o, const struct vc_sfx_change *ch, int wo)
{
	uint64_t gone = ch->before & ~ch->after;
	return wo && o->has_wv && gone && !(ch->after & ~ch->before) && !(gone & ~o->wv);
}

static int writer_acks(const struct ctx *c, const struct vc_sfx_obs *o, const struct vc_sfx_change *ch)
{
	return is_ack(o, ch, write_only(c, reg_find(c, o->space, o->off, o->width)));
}

/* Offsets a step reports changed that no step addressed still need a
 * register to carry banked or volatile claims. */
static void add_targets(struct ctx *c)
{
	for (size_t i = 0; i < c->nobs; i++) {
		const struct vc_sfx_obs *o = &c->obs[i];
		if (o->exp != VC_SFX_WRITE && o->exp != VC_SFX_EVENT)
			continue;
		for (unsigned k = 0; k < o->nch && k < VC_SFX_MAX_CHANGES; k++) {
			uint32_t off = o->ch[k].off;
			if (not_caused(c, o, off) || reg_at(c, o->space, off))
				continue;
			if (o->exp == VC_SFX_WRITE && !writer_acks(c, o, &o->ch[k]))
				reg_add(c, o->space, off, o->width);
			else if (o->exp == VC_SFX_EVENT) {
				uint8_t w = layout_info(&c->nm, o->space, off).width;
				if (!w)
					w = o->space == VC_SFX_SP_CONFIG ? 1 : (o->width ? o->width : 4);
				reg_add(c, o->space, off, w);
			}
		}
	}
}

/* ---- evidence text ------------------------------------------------------------- */

static void addf(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	if (len + 1 >= size)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

static void label(char *buf, size_t size, const struct ctx *c, enum vc_sfx_space sp, uint32_t off)
{
	const struct vc_register *r = reg_at(c, sp, off);
	if (r && r->name)
		addf(buf, size, "%s", r->name);
	else
		addf(buf, size, "%s+0x%x", vc_sfx_space_name(sp), (unsigned)off);
}


static int event_is(const char *ev, const char *name)
{
	size_t n = strlen(name);
	return !strncmp(ev, name, n) && (ev[n] == ' ' || ev[n] == '\0');
}

static int step_has_event(const struct vc_sfx_obs *o, const char *ev)
{
	size_t n = strcspn(ev, " ");
	for (size_t i = 0; i < o->ndev_events; i++)
		if (strcspn(o->dev_events[i], " ") == n && !strncmp(o->dev_events[i], ev, n))
			return 1;
	return 0;
}

/* The reset's own events: its status write, and whatever every reset step
 * shows whichever register it followed (QEMU lowers the IRQ on each one).
 * What is left in one reset step is what undoing that register's writes
 * did; a single reset step cannot be told from the reset itself. */
static int reset_own(const struct ctx *c, const char *ev)
{
	if (event_is(ev, "virtio_set_status"))
		return 1;
	for (size_t i = 0; i < c->nobs; i++)
		if (c->obs[i].exp == VC_SFX_RESET && !step_has_event(&c->obs[i], ev))
			return 0;
	return 1;
}

/* Quotes the action events of a step, a few of them, its vhost-user
 * messages first as one phrase ("backend: vhost-user SET_CONFIG (25)
 * answered"); returns how many action events there are. */
static unsigned actions(const struct ctx *c, const struct vc_sfx_obs *o, char *buf, size_t size)
{
	char *kept[64], vu[EVIDENCE_MAX / 2];
	size_t nkept = 0;
	unsigned n = 0, shown = 0;
	struct vc_vu_msg m;
	buf[0] = '\0';
	for (size_t i = 0; i < o->ndev_events; i++) {
		char *e = o->dev_events[i];
		if (!vc_sfx_event_is_action(e) || (o->exp == VC_SFX_RESET && reset_own(c, e)))
			continue;
		n++;
		if (vc_vu_parse(e, &m) == 0 && nkept < VC_ARRAY_SIZE(kept))
			kept[nkept++] = e;
	}
	if (vc_vu_describe(kept, nkept, vu, sizeof(vu)))
		addf(buf, size, "backend: vhost-user %s", vu);
	for (size_t i = 0; i < o->ndev_events; i++) {
		const char *e = o->dev_events[i];
		if (!vc_sfx_event_is_action(e) || (o->exp == VC_SFX_RESET && reset_own(c, e)) || vc_vu_parse(e, &m) == 0)
			continue;
		if (shown < SHOWN_EVENTS)
			addf(buf, size, "%s%.*s", shown ? "; " : buf[0] ? "; device: " : "device: ", EVENT_CHARS, e);
		shown++;
	}
	if (shown > SHOWN_EVENTS)
		addf(buf, size, " (+%u more)", shown - SHOWN_EVENTS);
	return n;
}

/* Requests a step sent the backend, bit = request number. */
static uint64_t backend_requests(const struct vc_sfx_obs *o)
{
	uint64_t bits = 0;
	struct vc_vu_msg m;
	for (size_t i = 0; i < o->ndev_events; i++)
		if (vc_vu_parse(o->dev_events[i], &m) == 0 && m.to_backend && m.req < 64)
			bits |= 1ull << m.req;
	return bits;
}

/* "<off> <before>><after>, ..." for the changes a step lists, acks left out
 * when the caller counts them elsewhere. */
static void changes(char *buf, size_t size, const struct ctx *c, const struct vc_sfx_obs *o, int skip_acks)
{
	unsigned shown = 0, hidden = o->more;
	buf[0] = '\0';
	for (unsigned k = 0; k < o->nch && k < VC_SFX_MAX_CHANGES; k++) {
		const struct vc_sfx_change *ch = &o->ch[k];
		if (not_caused(c, o, ch->off) || (skip_acks && writer_acks(c, o, ch)))
			continue;
		if (shown++ >= SHOWN_CHANGES) {
			hidden++;
			continue;
		}
		addf(buf, size, "%s", shown > 1 ? ", " : "");
		label(buf, size, c, o->space, ch->off);
		addf(buf, size, " 0x%llx>0x%llx", (ull)ch->before, (ull)ch->after);
	}
	if (hidden)
		addf(buf, size, "%s(+%u more)", shown ? " " : "", hidden);
}

/* ---- claims ----------------------------------------------------------------------- */

struct claims {
	char *line[VC_SFX_C__COUNT];
	unsigned more[VC_SFX_C__COUNT]; /* further steps proving the same class */
	char *backend_read;             /* a read the front-end answered from its backend */
	char *backend_write;            /* a write it forwarded, which the device kept nothing of */
};

static void claim(struct claims *cl, enum vc_sfx_class k, const struct vc_sfx_obs *o, const char *fmt, ...)
{
	if (cl->line[k]) {
		cl->more[k]++;
		return;
	}
	char buf[EVIDENCE_MAX] = "";
	addf(buf, sizeof(buf), "%s: %s #%lu ", vc_sfx_class_name(k), vc_sfx_experiment_name(o->exp), o->seq);
	size_t len = strlen(buf);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf + len, sizeof(buf) - len, fmt, ap);
	va_end(ap);
	cl->line[k] = vc_xstrdup(buf);
}

static const char *notice(const struct vc_sfx_obs *o)
{
	if (o->isr_config == 1 && o->gen_changed == 1)
		return "config interrupt, generation moved";
	if (o->isr_config == 1)
		return "config interrupt";
	if (o->gen_changed == 1)
		return "generation moved";
	if (o->isr_config == 0 && o->gen_changed == 0)
		return "no config interrupt, generation unchanged";
	return "no notification recorded";
}

/* Notified when every change came with a notification (config interrupt
 * or generation); a window where another byte's notices fell says nothing
 * about this one, so a per-change count (nt) decides where there is one. */
static enum vc_sfx_class volatility(const struct vc_sfx_obs *o)
{
	if (o->exp == VC_SFX_TIME && o->has_notified)
		return o->distinct > 1 && o->notified + 1 >= o->distinct ? VC_SFX_C_VOLATILE_NOTIFIED
									   : VC_SFX_C_VOLATILE_SILENT;
	return o->isr_config == 1 || o->gen_changed == 1 ? VC_SFX_C_VOLATILE_NOTIFIED : VC_SFX_C_VOLATILE_SILENT;
}

/* The value before any write: the first of the two reads. */
struct prior {
	int known;
	uint64_t v;
};

static struct prior prior_value(const struct ctx *c, const struct vc_register *r)
{
	for (size_t i = 0; i < c->nobs; i++) {
		const struct vc_sfx_obs *o = &c->obs[i];
		if (is_own(o, r) && o->exp == VC_SFX_READ2 && o->nv && !faulted(o))
			return (struct prior){ 1, o->v[0] };
	}
	return (struct prior){ 0, 0 };
}

/* ---- rules, one function per kind of step ------------------------------------------ */

/* A read the front-end forwarded to its backend (vhost-user GET_CONFIG) is
 * no side effect by itself: the value is the backend's at that moment.
 * Said once, beside the classes, with the step that shows it. */
static void backend_read(struct claims *cl, const struct ctx *c, const struct vc_sfx_obs *o)
{
	char buf[EVIDENCE_MAX] = "", line[EVIDENCE_MAX + 64], vu[EVIDENCE_MAX / 2];
	if (cl->backend_read || !(backend_requests(o) & (1ull << VC_VU_GET_CONFIG)))
		return;
	/* the messages themselves: a GET_CONFIG carries the read, it is no action */
	char *kept[64];
	size_t nkept = 0;
	struct vc_vu_msg m;
	for (size_t i = 0; i < o->ndev_events && nkept < VC_ARRAY_SIZE(kept); i++)
		if (vc_vu_parse(o->dev_events[i], &m) == 0)
			kept[nkept++] = o->dev_events[i];
	if (vc_vu_describe(kept, nkept, vu, sizeof(vu)))
		snprintf(buf, sizeof(buf), "backend: vhost-user %s", vu);
	for (size_t i = 0; i < o->ndev_events; i++)
		if (!strncmp(o->dev_events[i], VC_EVENTS_NOT_KEPT, strlen(VC_EVENTS_NOT_KEPT))) {
			const char *counts = o->dev_events[i] + strlen(VC_EVENTS_NOT_KEPT);
			addf(buf, sizeof(buf), "; not kept%s", counts);
		}
	snprintf(line, sizeof(line), "backend-read: %s #%lu the read was answered by the backend; %s",
		 vc_sfx_experiment_name(o->exp), o->seq, buf);
	cl->backend_read = vc_xstrdup(line);
}

static void on_read2(struct claims *cl, const struct ctx *c, const struct vc_sfx_obs *o)
{
	char buf[EVIDENCE_MAX];
	backend_read(cl, c, o);
	if (o->nv >= 2 && o->v[0] != o->v[1]) {
		/* only bits disappearing is a read clearing them; anything else mutates */
		enum vc_sfx_class k = o->v[1] & ~o->v[0] ? VC_SFX_C_READ_MUTATES : VC_SFX_C_READ_CLEARS;
		claim(cl, k, o, "read 0x%llx then 0x%llx", (ull)o->v[0], (ull)o->v[1]);
	}
	changes(buf, sizeof(buf), c, o, 0);
	if (buf[0])
		claim(cl, VC_SFX_C_READ_MUTATES, o, "reading changed %s", buf);
}

/* Other offsets a write changed: acknowledged bits, else a selector. */
/* The device status register of the transport's register space. */
static int status_off(const struct ctx *c, uint32_t *off)
{
	switch (c->nm.tr) {
	case VC_TR_MMIO_V1: case VC_TR_MMIO_V2: *off = VIRTIO_MMIO_STATUS; return 1;
	case VC_TR_PCI_MODERN: *off = VIRTIO_PCI_COMMON_STATUS; return 1;
	case VC_TR_PCI_LEGACY: *off = VIRTIO_PCI_LEGACY_STATUS; return 1;
	default: return 0;
	}
}

/* A write to another register that took the device status to 0 reset the
 * device (legacy QueuePFN = 0, 4.2.4; queue_address = 0 on the legacy PCI
 * header): what it changed elsewhere is the reset's doing, not the mark of
 * a selector or of banked registers. */
static const struct vc_sfx_change *write_reset(const struct ctx *c, const struct vc_sfx_obs *o)
{
	uint32_t st;
	if (o->exp != VC_SFX_WRITE || o->space != VC_SFX_SP_TRANSPORT || !status_off(c, &st) || o->off == st)
		return NULL;
	for (unsigned k = 0; k < o->nch && k < VC_SFX_MAX_CHANGES; k++)
		if (o->ch[k].off == st && o->ch[k].before && !o->ch[k].after)
			return &o->ch[k];
	return NULL;
}

static void write_changes(struct claims *cl, const struct ctx *c, const struct vc_sfx_obs *o)
{
	char buf[EVIDENCE_MAX] = "";
	if (write_reset(c, o))
		return; /* on_write said it */
	for (unsigned k = 0; k < o->nch && k < VC_SFX_MAX_CHANGES; k++) {
		const struct vc_sfx_change *ch = &o->ch[k];
		if (about_self(o, ch->off) || !writer_acks(c, o, ch))
			continue;
		label(buf, sizeof(buf), c, o->space, ch->off);
		claim(cl, VC_SFX_C_WRITE_CLEARS, o, "wrote 0x%llx; %s 0x%llx>0x%llx", (ull)o->wv, buf,
		      (ull)ch->before, (ull)ch->after);
		buf[0] = '\0';
	}
	changes(buf, sizeof(buf), c, o, 1);
	if (buf[0])
		claim(cl, VC_SFX_C_SELECTOR, o, "wrote 0x%llx; changed %s", (ull)o->wv, buf);
}

struct writes {
	const struct vc_sfx_obs *latched, *refused;
	int triggered; /* a repeated write changed other bytes again */
	int read_only; /* the layout declares the register read-only */
};

/* What the read-back says about the write. */
static void write_readback(struct claims *cl, const struct vc_sfx_obs *o, struct prior b, struct writes *w)
{
	if (!o->has_wv || !o->has_rb)
		return;
	/* Write-one-to-clear: the bits written that were set are gone, and the
	 * write set nothing the register did not hold (else a validated
	 * register falling back to 0 on a value it refuses looks the same). */
	if (b.known && (b.v & o->wv) && o->rb == (b.v & ~o->wv) && (!(o->wv & ~b.v) || o->rb)) {
		claim(cl, VC_SFX_C_WRITE_CLEARS, o, "wrote 0x%llx over 0x%llx, read back 0x%llx", (ull)o->wv,
		      (ull)b.v, (ull)o->rb);
		return;
	}
	if (o->rb == o->wv && (b.known ? o->wv != b.v : o->wv != 0)) {
		claim(cl, VC_SFX_C_LATCH, o, "wrote 0x%llx, read back 0x%llx%s", (ull)o->wv, (ull)o->rb,
		      w->read_only ? " (a ghost latch: the layout calls it read-only)" : "");
		if (!w->latched)
			w->latched = o;
		return;
	}
	if (o->rb == o->wv)
		return;
	if (!w->refused)
		w->refused = o;
	/* a read-back equal to the old value is a write ignored, not refused */
	if (b.known && o->rb != b.v)
		claim(cl, VC_SFX_C_VALIDATED, o, "wrote 0x%llx, read back 0x%llx (was 0x%llx)", (ull)o->wv,
		      (ull)o->rb, (ull)b.v);
}

/* Two read-backs with nothing written between: a byte that keeps a value
 * only until it is read (a mailbox), or moves when read. */
static void readback_twice(struct claims *cl, const struct vc_sfx_obs *o)
{
	if (!o->has_rb || !o->has_rb2 || o->rb == o->rb2)
		return;
	enum vc_sfx_class k = o->rb2 & ~o->rb ? VC_SFX_C_READ_MUTATES : VC_SFX_C_READ_CLEARS;
	claim(cl, k, o, "wrote 0x%llx, read back 0x%llx then 0x%llx", (ull)o->wv, (ull)o->rb, (ull)o->rb2);
}

/* The same value written again changed other bytes again: the write acts
 * each time (a doorbell), where a selector would leave them as they were. */
static int repeat_trigger(struct claims *cl, const struct ctx *c, const struct vc_sfx_obs *o, struct writes *w)
{
	char buf[EVIDENCE_MAX] = "";
	if (!o->repeat || !o->nch)
		return 0;
	changes(buf, sizeof(buf), c, o, 1);
	if (!buf[0])
		return 0;
	claim(cl, VC_SFX_C_WRITE_TRIGGERS, o, "wrote 0x%llx again; changed %s again", (ull)o->wv, buf);
	w->triggered = 1;
	return 1;
}

/* The step's device-side actions are a vhost-user front-end carrying the
 * config access to its backend (SET_CONFIG with the window, GET_CONFIG for
 * the read-backs) and nothing else. */
static int forwarded_only(const struct vc_sfx_obs *o)
{
	uint64_t carry = (1ull << VC_VU_SET_CONFIG) | (1ull << VC_VU_GET_CONFIG);
	struct vc_vu_msg m;
	if (o->space != VC_SFX_SP_CONFIG || !(backend_requests(o) & (1ull << VC_VU_SET_CONFIG)) ||
	    (backend_requests(o) & ~carry))
		return 0;
	for (size_t i = 0; i < o->ndev_events; i++)
		if (vc_sfx_event_is_action(o->dev_events[i]) && vc_vu_parse(o->dev_events[i], &m) != 0)
			return 0;
	return 1;
}

/* A config write a vhost-user front-end forwarded, after which the device
 * read back what it held before and nothing else moved: the backend was
 * told and kept nothing, which is no action of the device's (an honest
 * backend ignoring a reserved byte). Said once, beside the classes; a
 * write the device kept is a write to the backend (write-triggers). */
static int forwarded_and_dropped(struct claims *cl, const struct ctx *c, const struct vc_sfx_obs *o,
				 struct prior b)
{
	if (!forwarded_only(o) || !o->has_rb || !b.known || o->rb != b.v || o->more)
		return 0;
	for (unsigned k = 0; k < o->nch && k < VC_SFX_MAX_CHANGES; k++)
		if (!by_clock(c, o, o->ch[k].off))
			return 0;
	if (!cl->backend_write) {
		char line[EVIDENCE_MAX];
		snprintf(line, sizeof(line), "backend-write: wr #%lu wrote 0x%llx, forwarded to the backend "
			 "(vhost-user SET_CONFIG), which kept nothing of it: read back 0x%llx", o->seq, (ull)o->wv,
			 (ull)o->rb);
		cl->backend_write = vc_xstrdup(line);
	}
	return 1;
}

static void on_write(struct claims *cl, const struct ctx *c, const struct vc_sfx_obs *o, struct prior b,
		     struct writes *w)
{
	char buf[EVIDENCE_MAX], ch[EVIDENCE_MAX];
	readback_twice(cl, o);
	if (repeat_trigger(cl, c, o, w)) {
		write_readback(cl, o, b, w);
		return;
	}
	const struct vc_sfx_change *rst = write_reset(c, o);
	unsigned acts = actions(c, o, buf, sizeof(buf));
	if (acts && !rst && forwarded_and_dropped(cl, c, o, b))
		acts = 0;
	if (acts || rst) {
		/* a reset, or a step that reached a backend, says more than another */
		char **line = &cl->line[VC_SFX_C_WRITE_TRIGGERS];
		if (*line && ((rst && !strstr(*line, "a device reset")) ||
			      (!strstr(*line, "backend: ") && strstr(buf, "backend: ")))) {
			free(*line), *line = NULL;
			cl->more[VC_SFX_C_WRITE_TRIGGERS]++;
		}
		changes(ch, sizeof(ch), c, o, 0);
		if (rst)
			claim(cl, VC_SFX_C_WRITE_TRIGGERS, o, "wrote 0x%llx: a device reset (status 0x%llx>0x0, changed %s)%s%s",
			      (ull)o->wv, (ull)rst->before, ch, acts ? "; " : "", buf);
		else
			claim(cl, VC_SFX_C_WRITE_TRIGGERS, o, "wrote 0x%llx; %s", (ull)o->wv, buf);
	}
	write_changes(cl, c, o);
	write_readback(cl, o, b, w);
}

static void on_own(struct claims *cl, const struct ctx *c, const struct vc_sfx_obs *o, struct prior b,
		   struct writes *w)
{
	char buf[EVIDENCE_MAX];
	if (faulted(o)) {
		const char *what = o->fault_read && o->fault_write ? "read and write" : o->fault_read ? "read" : "write";
		claim(cl, VC_SFX_C_FAULTING, o, "%s aborted", what);
		return; /* an aborted access read nothing worth comparing */
	}
	switch (o->exp) {
	case VC_SFX_READ2:
		on_read2(cl, c, o);
		break;
	case VC_SFX_WRITE:
		on_write(cl, c, o, b, w);
		break;
	case VC_SFX_RESET:
		if (actions(c, o, buf, sizeof(buf)))
			claim(cl, VC_SFX_C_WRITE_TRIGGERS, o, "reset; %s", buf);
		break;
	case VC_SFX_TIME:
		backend_read(cl, c, o);
		if (o->distinct > 1)
			claim(cl, volatility(o), o, "read 0x%llx first, 0x%llx last, %u distinct values; %s",
			      (ull)o->v[0], (ull)o->v[1], o->distinct, notice(o));
		break;
	case VC_SFX_SWEEP: {
		/* the offsets the sweep changed, less the listed ones that move
		 * on their own */
		unsigned excused = 0;
		for (unsigned k = 0; k < o->nch && k < VC_SFX_MAX_CHANGES; k++)
			excused += not_caused(c, o, o->ch[k].off);
		if (o->distinct > excused)
			claim(cl, VC_SFX_C_SELECTOR, o, "wrote 0x%llx: %u offsets differ from value 0", (ull)o->wv,
			      o->distinct - excused);
		break;
	}
	default:
		break;
	}
}

/* Claims a step about another register makes about this one: banked when a
 * write elsewhere changed it, volatile when a host event did. */
/* The generation counter moves with a host event's config change (4.1.4.3,
 * 4.2.2): the event step says so in gen=, not in its config changes. */
static int is_generation(const struct vc_register *r)
{
	return r->space == VC_SFX_SP_TRANSPORT && r->name &&
	       (!strcmp(r->name, "ConfigGeneration") || !strcmp(r->name, "config_generation"));
}

/* The register that is the interrupt's own status (virtio-mmio
 * InterruptStatus, the PCI ISR in its capability or the legacy header):
 * the device sets its bits when it notifies (2.3, 4.1.4.5, 4.2.2). */
static int is_interrupt_status(const struct ctx *c, const struct vc_register *r)
{
	if (r->space == VC_SFX_SP_ISR)
		return 1;
	if (r->space != VC_SFX_SP_TRANSPORT)
		return 0;
	if (c->nm.tr == VC_TR_MMIO_V1 || c->nm.tr == VC_TR_MMIO_V2)
		return r->off == VIRTIO_MMIO_INTERRUPT_STATUS;
	return c->nm.tr == VC_TR_PCI_LEGACY && r->off == VIRTIO_PCI_LEGACY_ISR;
}

/* Bits of the interrupt status the idle device did not show, with no
 * write to it in between: the device set them, and said so by notifying
 * (sfx_interrupt provokes exactly that with a request). */
static void interrupt_raised(struct claims *cl, const struct ctx *c, const struct vc_register *r,
			     const struct vc_sfx_obs *o, struct prior b)
{
	if (!b.known || !is_interrupt_status(c, r) || o->exp != VC_SFX_READ2 || !o->nv || !(o->v[0] & ~b.v))
		return;
	claim(cl, VC_SFX_C_VOLATILE_NOTIFIED, o, "read 0x%llx where the idle device read 0x%llx, no write to it: "
	      "the device set bits 0x%llx as it notified", (ull)o->v[0], (ull)b.v, (ull)(o->v[0] & ~b.v));
}

/* Config changes are listed byte by byte: a wider register holds each of
 * its bytes. Elsewhere a change names a register by its offset. */
static int covers(const struct vc_register *r, uint32_t off)
{
	if (r->space == VC_SFX_SP_CONFIG)
		return off >= r->off && off < r->off + r->width;
	return off == r->off;
}

/* A config byte's time series, read with nothing written, during which
 * the generation moved or the config interrupt came: the device moved them
 * as it announced the byte's ticks, on its own. */
static void clock_notice(struct claims *cl, const struct ctx *c, const struct vc_register *r,
			 const struct vc_sfx_obs *o)
{
	if (o->exp != VC_SFX_TIME || o->space != VC_SFX_SP_CONFIG || o->distinct < 2 || faulted(o))
		return;
	if ((o->gen_changed == 1 && is_generation(r)) || (o->isr_config == 1 && is_interrupt_status(c, r)))
		claim(cl, VC_SFX_C_VOLATILE_NOTIFIED, o, "moved on its own while config byte 0x%x was only being "
		      "read (%s)", o->off, notice(o));
}

static void on_other(struct claims *cl, const struct ctx *c, const struct vc_register *r, const struct vc_sfx_obs *o)
{
	char who[160] = "";
	if (o->exp == VC_SFX_EVENT && o->isr_bits > 0 && is_interrupt_status(c, r))
		claim(cl, VC_SFX_C_VOLATILE_NOTIFIED, o, "%s set bits 0x%lx; %s", o->event[0] ? o->event : "event",
		      o->isr_bits, notice(o));
	if (o->exp == VC_SFX_EVENT && o->gen_changed == 1 && is_generation(r))
		claim(cl, VC_SFX_C_VOLATILE_NOTIFIED, o, "%s moved it; %s", o->event[0] ? o->event : "event",
		      notice(o));
	for (unsigned k = 0; k < o->nch && k < VC_SFX_MAX_CHANGES; k++) {
		const struct vc_sfx_change *ch = &o->ch[k];
		if (!covers(r, ch->off) || not_caused(c, o, ch->off))
			continue;
		if (o->exp == VC_SFX_WRITE && write_reset(c, o)) {
			continue; /* claimed on the register whose write reset the device */
		} else if (o->exp == VC_SFX_WRITE && !writer_acks(c, o, ch)) {
			who[0] = '\0';
			label(who, sizeof(who), c, o->space, o->off);
			claim(cl, VC_SFX_C_BANKED, o, "changed 0x%llx>0x%llx when %s was written 0x%llx",
			      (ull)ch->before, (ull)ch->after, who, (ull)o->wv);
		} else if (o->exp == VC_SFX_SWEEP) {
			who[0] = '\0';
			label(who, sizeof(who), c, o->space, o->off);
			claim(cl, VC_SFX_C_BANKED, o, "read 0x%llx, not 0x%llx, with %s at 0x%llx", (ull)ch->after,
			      (ull)ch->before, who, (ull)o->wv);
		} else if (o->exp == VC_SFX_EVENT) {
			claim(cl, volatility(o), o, "%s changed it 0x%llx>0x%llx; %s", o->event[0] ? o->event : "event",
			      (ull)ch->before, (ull)ch->after, notice(o));
		}
	}
}

/* ---- constant: never seen to change ------------------------------------------------- */

struct seen {
	unsigned reads;
	uint64_t first;
	const struct vc_sfx_obs *first_obs;
	int differs;
};

static void see(struct seen *s, const struct vc_sfx_obs *o, uint64_t v)
{
	if (!s->reads++)
		s->first = v, s->first_obs = o;
	else if (v != s->first)
		s->differs = 1;
}

static void see_own(struct seen *s, const struct vc_sfx_obs *o)
{
	if (faulted(o))
		return;
	if (o->exp == VC_SFX_READ2 || o->exp == VC_SFX_TIME)
		for (unsigned i = 0; i < o->nv && i < 2; i++)
			see(s, o, o->v[i]);
	if ((o->exp == VC_SFX_WRITE || o->exp == VC_SFX_RESET) && o->has_rb)
		see(s, o, o->rb);
	if (o->exp == VC_SFX_TIME && o->distinct > 1)
		s->differs = 1;
}

static int listed_changed(const struct vc_sfx_obs *o, const struct vc_register *r)
{
	for (unsigned k = 0; k < o->nch && k < VC_SFX_MAX_CHANGES; k++)
		if (covers(r, o->ch[k].off) && !about_self(o, o->ch[k].off))
			return 1;
	return 0;
}

static void constant(struct claims *cl, const struct ctx *c, const struct vc_register *r)
{
	struct seen s = { 0 };
	for (int k = 0; k < VC_SFX_C__COUNT; k++)
		if (cl->line[k] && k != VC_SFX_C_FAULTING)
			return;
	/* a write-only register reads back nothing it holds */
	if (r->spec_access && !strchr(r->spec_access, 'r'))
		return;
	for (size_t i = 0; i < c->nobs; i++) {
		const struct vc_sfx_obs *o = &c->obs[i];
		if (is_own(o, r))
			see_own(&s, o);
		else if (o->space == r->space && listed_changed(o, r))
			s.differs = 1;
	}
	if (s.reads && !s.differs)
		claim(cl, VC_SFX_C_CONSTANT, s.first_obs, "read 0x%llx in all %u reads", (ull)s.first, s.reads);
}

/* ---- per register ---------------------------------------------------------------------- */

static void emit(struct vc_register *r, struct claims *cl)
{
	r->evidence = vc_xcalloc(VC_SFX_C__COUNT + 2, sizeof(*r->evidence));
	for (int k = 0; k < VC_SFX_C__COUNT; k++) {
		char *line = cl->line[k];
		if (!line)
			continue;
		if (cl->more[k]) {
			char buf[EVIDENCE_MAX + 48];
			snprintf(buf, sizeof(buf), "%s; %u more steps show it", line, cl->more[k]);
			free(line);
			line = vc_xstrdup(buf);
		}
		r->classes |= VC_SFX_CLASS_BIT(k);
		r->evidence[r->nevidence++] = line;
	}
	if (cl->backend_read)
		r->evidence[r->nevidence++] = cl->backend_read;
	if (cl->backend_write)
		r->evidence[r->nevidence++] = cl->backend_write;
}

static void backend_traffic(const struct ctx *c, struct vc_register *r)
{
	for (size_t i = 0; i < c->nobs; i++) {
		const struct vc_sfx_obs *o = &c->obs[i];
		if (!is_own(o, r) || faulted(o))
			continue;
		if (o->exp == VC_SFX_WRITE)
			r->backend_on_write |= backend_requests(o);
		else if (o->exp == VC_SFX_READ2 || o->exp == VC_SFX_TIME)
			r->backend_on_read |= backend_requests(o);
	}
}

/* The register's own time series moved less often than it was read. */
static int ticks_slower_than_reads(const struct ctx *c, const struct vc_register *r)
{
	for (size_t i = 0; i < c->nobs; i++) {
		const struct vc_sfx_obs *o = &c->obs[i];
		if (is_own(o, r) && o->exp == VC_SFX_TIME && !faulted(o) && o->samples && o->distinct > 1 &&
		    o->distinct - 1 < o->samples)
			return 1;
	}
	return 0;
}

static void unclaim(struct claims *cl, enum vc_sfx_class k)
{
	free(cl->line[k]);
	cl->line[k] = NULL;
	cl->more[k] = 0;
}

static void classify_one(const struct ctx *c, struct vc_register *r)
{
	struct claims cl = { { 0 }, { 0 }, NULL, NULL };
	struct writes w = { .read_only = r->spec_access && !strchr(r->spec_access, 'w') };
	struct prior b = prior_value(c, r);
	int target = r->space == VC_SFX_SP_CONFIG || reg_at(c, r->space, r->off) == r;
	for (size_t i = 0; i < c->nobs; i++) {
		const struct vc_sfx_obs *o = &c->obs[i];
		if (is_own(o, r)) {
			/* the series says what the target held before it: an earlier
			 * experiment may have moved it since the two reads */
			if (o->has_was && !faulted(o))
				b = (struct prior){ 1, o->was };
			on_own(&cl, c, o, b, &w);
			if (!faulted(o))
				interrupt_raised(&cl, c, r, o, b);
			/* A write series runs without resets between its steps: each
			 * write meets the value the one before it left (its read-back),
			 * and the next series the value its reset step read. */
			if ((o->exp == VC_SFX_WRITE || o->exp == VC_SFX_RESET) && o->has_rb && !faulted(o))
				b = (struct prior){ 1, o->rb };
		} else if (target && (o->space == r->space ||
				      (o->exp == VC_SFX_EVENT && (is_generation(r) || is_interrupt_status(c, r))))) {
			on_other(&cl, c, r, o);
		}
		if (target && !is_own(o, r))
			clock_notice(&cl, c, r, o);
	}
	/* latching one value and refusing another is validation too */
	if (w.latched && w.refused && !cl.line[VC_SFX_C_VALIDATED])
		claim(&cl, VC_SFX_C_VALIDATED, w.refused, "wrote 0x%llx, read back 0x%llx, though wr #%lu latched 0x%llx",
		      (ull)w.refused->wv, (ull)w.refused->rb, w.latched->seq, (ull)w.latched->wv);
	/* A value that moves by itself, or with each read, makes every
	 * read-back a sample of its clock or its counter: no write can be said
	 * to have latched or been refused. */
	if (cl.line[VC_SFX_C_VOLATILE_SILENT] || cl.line[VC_SFX_C_VOLATILE_NOTIFIED] ||
	    cl.line[VC_SFX_C_READ_MUTATES]) {
		unclaim(&cl, VC_SFX_C_LATCH);
		unclaim(&cl, VC_SFX_C_VALIDATED);
	}
	/* sampling a register that moves with each read moves it: its time
	 * series shows the reads, not a clock. A time series that held still
	 * between some of its samples is a clock's, and the two reads that
	 * differed saw it tick (reads a millisecond apart, as through Xen's
	 * ioreq, meet a fast clock often). */
	if (cl.line[VC_SFX_C_READ_MUTATES]) {
		if (ticks_slower_than_reads(c, r))
			unclaim(&cl, VC_SFX_C_READ_MUTATES);
		else
			unclaim(&cl, VC_SFX_C_VOLATILE_SILENT);
	}
	/* a trigger proven by repeating a write is not a selector */
	if (w.triggered)
		unclaim(&cl, VC_SFX_C_SELECTOR);
	constant(&cl, c, r);
	emit(r, &cl);
	backend_traffic(c, r);
}

struct vc_register *vc_sfx_classify_for(const struct vc_sfx_obs *obs, size_t nobs, enum vc_transport transport,
					uint32_t device_id, size_t *nregs)
{
	struct ctx c = { .obs = obs, .nobs = nobs, .nm = { transport, NULL } };
	if (transport < VC_TR__COUNT)
		c.nm.probe = vc_layout_find(device_id);
	for (size_t i = 0; i < nobs; i++)
		if (obs[i].exp != VC_SFX_EVENT) /* an event addresses no register itself */
			reg_add(&c, obs[i].space, obs[i].off, obs[i].width);
	name_all(&c); /* write-only registers decide which changes are acks */
	find_clocks(&c);
	add_targets(&c);
	if (c.nregs)
		qsort(c.regs, c.nregs, sizeof(*c.regs), reg_cmp);
	name_all(&c);
	for (size_t i = 0; i < c.nregs; i++)
		classify_one(&c, &c.regs[i]);
	*nregs = c.nregs;
	return c.regs;
}

struct vc_register *vc_sfx_classify(const struct vc_sfx_obs *obs, size_t nobs, size_t *nregs)
{
	return vc_sfx_classify_for(obs, nobs, VC_TR__COUNT, 0, nregs);
}
