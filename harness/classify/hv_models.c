/* Hypervisor models: what serving a register takes under kvm, xen, gunyah
 * and page, from its classes, identity and the transport facts. Each model
 * is a small table of rules with a reason naming the rule; a register's
 * verdict is the worst rule that applies (emulable < special-case <
 * sync-backend < cannot-work; n/a outranks all), with that rule's reason.
 * The rules follow reference/xen-virtio.md and gunyah-virtio-mmio.md. */
#include <string.h>
#include "harness/classify/hv_models.h"
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_pci.h"
#include "vcheck/virtio_status.h"

#define BIT(k) VC_SFX_CLASS_BIT(VC_SFX_C_##k)
#define VOLATILE (BIT(VOLATILE_NOTIFIED) | BIT(VOLATILE_SILENT))
#define WRITES (BIT(LATCH) | BIT(SELECTOR) | BIT(WRITE_TRIGGERS) | BIT(WRITE_CLEARS) | BIT(VALIDATED))
#define ALL_CLASSES ((1u << VC_SFX_C__COUNT) - 1)

struct rule {
	enum vc_hv_verdict v;
	const char *why; /* NULL: no rule */
};

/* Worse replaces better; on a tie the later rule wins, so the general rule
 * comes first and the specific one after it. */
static void weigh(struct vc_hv_judgement *j, enum vc_hv_verdict v, const char *why)
{
	if (v >= j->verdict)
		j->verdict = v, j->reason = why;
}

static void weigh_classes(struct vc_hv_judgement *j, uint32_t classes, const struct rule *table)
{
	for (int k = 0; k < VC_SFX_C__COUNT; k++)
		if ((classes & VC_SFX_CLASS_BIT(k)) && table[k].why)
			weigh(j, table[k].v, table[k].why);
}

static int is_mmio(enum vc_transport t) { return t == VC_TR_MMIO_V1 || t == VC_TR_MMIO_V2; }

/* A write the device model forwarded to a vhost-user backend (QEMU's
 * front-end sends SET_CONFIG from the trapped access itself). */
static int forwards_writes(const struct vc_register *r)
{
	return r->backend_on_write && (r->classes & BIT(WRITE_TRIGGERS));
}

/* What Linux's Xen grant-DMA driver and Gunyah's backend both demand. */
#define GRANT_FEATURES (VIRTIO_BIT(VIRTIO_F_VERSION_1) | VIRTIO_BIT(VIRTIO_F_ACCESS_PLATFORM))

static int writable(const struct vc_register *r) { return r->spec_access && strchr(r->spec_access, 'w'); }

static int is_device_features(const struct vc_register *r, enum vc_transport t)
{
	if (r->space != VC_SFX_SP_TRANSPORT)
		return 0;
	return is_mmio(t) ? r->off == VIRTIO_MMIO_DEVICE_FEATURES
			  : t == VC_TR_PCI_MODERN && r->off == VIRTIO_PCI_COMMON_DF;
}

static int is_queue_notify(const struct vc_register *r, enum vc_transport t)
{
	if (r->space == VC_SFX_SP_NOTIFY)
		return 1;
	if (r->space != VC_SFX_SP_TRANSPORT)
		return 0;
	return (is_mmio(t) && r->off == VIRTIO_MMIO_QUEUE_NOTIFY) ||
	       (t == VC_TR_PCI_LEGACY && r->off == VIRTIO_PCI_LEGACY_QUEUE_NOTIFY);
}

/* ---- kvm: every access traps to the VMM, which runs the device as it is ---- */

static const struct rule kvm_classes[VC_SFX_C__COUNT] = {
	[VC_SFX_C_FAULTING] = { VC_HV_EMULABLE, "the VMM reproduces the abort" },
};

static void judge_kvm(const struct vc_register *r, const struct vc_hv_facts *f, struct vc_hv_judgement *j)
{
	weigh(j, VC_HV_EMULABLE, "every access traps synchronously to the VMM, which runs the device model as it is");
	weigh_classes(j, r->classes, kvm_classes);
	if (forwards_writes(r))
		weigh(j, VC_HV_EMULABLE, "the VMM forwards the write to the vhost-user backend from the trapped access, "
					 "before the vCPU resumes");
}

/* ---- xen: synchronous ioreqs to the backend, grant DMA on Arm ---------------- */

struct transport_rule {
	enum vc_transport t;
	struct rule rule;
	int final; /* no register rule can change it */
};

static const struct transport_rule xen_transports[] = {
	{ VC_TR_MMIO_V1,
	  { VC_HV_CANNOT_WORK, "legacy virtio-mmio has no ACCESS_PLATFORM; grant DMA impossible" }, 1 },
	{ VC_TR_MMIO_V2,
	  { VC_HV_EMULABLE, "every access is a synchronous ioreq: the vCPU stays blocked in Xen until the "
			    "backend answers, and Arm has no posted (buffered) ioreqs" }, 0 },
	{ VC_TR_PCI_MODERN,
	  { VC_HV_EMULABLE, "Xen on Arm exposes virtio-mmio only; x86 HVM virtio-pci goes through QEMU "
			    "synchronously (grant DMA forced, as on Arm)" }, 0 },
	{ VC_TR_PCI_LEGACY,
	  { VC_HV_NOT_APPLICABLE, "Xen on Arm exposes virtio-mmio only, and the model's x86 HVM path is "
				  "modern virtio-pci through QEMU" }, 1 },
};

static const struct rule xen_classes[VC_SFX_C__COUNT] = {
	[VC_SFX_C_FAULTING] = { VC_HV_CANNOT_WORK, "a completed ioreq always returns data (handle_ioserv has "
						   "no abort path): the device's abort cannot reach the guest" },
};


static void judge_xen(const struct vc_register *r, const struct vc_hv_facts *f, struct vc_hv_judgement *j)
{
	for (size_t i = 0; i < sizeof(xen_transports) / sizeof(xen_transports[0]); i++) {
		if (xen_transports[i].t != f->transport)
			continue;
		weigh(j, xen_transports[i].rule.v, xen_transports[i].rule.why);
		if (xen_transports[i].final)
			return;
	}
	weigh_classes(j, r->classes, xen_classes);
	if (forwards_writes(r))
		weigh(j, VC_HV_EMULABLE, "the ioreq completes only after the device model forwarded the write to its "
					 "vhost-user backend");
	/* The model's Xen uses grant DMA, as the xen personality does: the
	 * default on Arm for a backend outside dom0 (and with grant_usage=1),
	 * and x86 HVM's virtio-pci with XEN_VIRTIO_FORCE_GRANT. Linux's
	 * grant-DMA driver refuses a device without VERSION_1 and
	 * ACCESS_PLATFORM on either transport. A backend in dom0 can do
	 * without grants, mapping guest memory itself: Xen 4.17's libxl gives
	 * it no grant-DMA IOMMU, and the xen-arm64-ioreq target ran such a
	 * device (xen-ref-gpa) through the whole catalogue. */
	if (!is_device_features(r, f->transport))
		return;
	if (!(f->offered & VIRTIO_BIT(VIRTIO_F_VERSION_1)))
		weigh(j, VC_HV_CANNOT_WORK, "grant DMA needs VERSION_1 and ACCESS_PLATFORM, and the device does not "
					    "offer VERSION_1");
	else if (!(f->offered & VIRTIO_BIT(VIRTIO_F_ACCESS_PLATFORM)))
		weigh(j, VC_HV_SPECIAL_CASE, "no ACCESS_PLATFORM: grant DMA cannot drive the device (a backend outside "
					     "dom0, grant_usage=1, Linux's XEN_VIRTIO_FORCE_GRANT), only guest-physical "
					     "addresses that a backend in dom0 maps as foreign pages, as Xen 4.17's libxl "
					     "sets up for a dom0 backend");
}

/* ---- gunyah (design 1): reads hit a page, writes trap to the hypervisor ------ */

/* A register Gunyah's virtio_mmio emulation knows, or a config range it
 * hard-codes. Per class the register holds: `ok` classes the base verdict
 * covers, `special` ones its own emulation reproduces, `deny` ones it rules
 * out; any other class goes to the space's class table, else `outside`.
 *
 * The model judges every access the device takes, writes a driver must not
 * make included: the checks make them, and a hypervisor that aborts where
 * the device ignores is a difference the guest sees. So `aborts` (Gunyah
 * has no write handler here, the write is an external abort) is
 * cannot-work unless the device was seen to abort the write as well. */
struct gy_reg {
	uint32_t lo, hi;
	struct rule base;
	uint32_t ok, special, deny;
	const char *special_why, *outside;
	const char *aborts; /* why a write aborts, or NULL: Gunyah emulates writes here */
	/* The aborting write is one a driver must never make (a read-only
	 * register): the hypervisor differs from the device only for a broken
	 * driver, a special case, not a register that cannot work. */
	uint8_t aborts_ro;
};

#define GY_PAGE "read from the page the backend filled at setup"
#define GY_QUEUE_PULL "banked per queue in Gunyah; the backend pulls it with get_queue_info at DRIVER_OK"

/* Both ends of a range, or one register. */
#define AT(off) .lo = VIRTIO_MMIO_##off, .hi = VIRTIO_MMIO_##off
#define FROM_TO(a, b) .lo = VIRTIO_MMIO_##a, .hi = VIRTIO_MMIO_##b
#define GY_LEGACY { VC_HV_CANNOT_WORK, "legacy register: Gunyah's virtio_mmio is Version 2 only and faults writes here" }
#define GY_ONLY(reg) "Gunyah emulates " reg " itself: other behaviour cannot reach the guest"
#define GY_STORES(reg) "Gunyah only stores " reg " for the backend to pull at DRIVER_OK: a device that reacts to " \
		       "the write cannot be reproduced"
/* Reference section 2: the registers vdevice.c has no write handler for. */
#define GY_ABORTS(reg) "Gunyah has no write handler for " reg ": a write aborts the guest (reference section 2), " \
		       "where the device was not seen to abort one; reads come from the page"
#define GY_RO_ABORTS(reg) GY_ABORTS(reg) " (a driver must not write it, virtio 1.2 4.2.2.2: a special case, not a failure)"

static const struct gy_reg gy_transport[] = {
	{ FROM_TO(MAGIC_VALUE, VENDOR_ID),
	  .base = { VC_HV_EMULABLE, GY_PAGE "; Gunyah faults writes here" },
	  .ok = BIT(CONSTANT) | BIT(FAULTING), .aborts_ro = 1, .aborts = GY_RO_ABORTS("the identification registers"),
	  .outside = "Gunyah serves it from the page the backend filled at setup and faults writes: a value that "
		     "moves or reacts cannot reach the guest" },
	{ AT(DEVICE_FEATURES),
	  .base = { VC_HV_SPECIAL_CASE, "Gunyah copies banked_dev_feat[sel] into the page on each "
					"DeviceFeaturesSel write; only sel < 2 (words 0 and 1) exist" },
	  .ok = BIT(CONSTANT) | BIT(BANKED) | BIT(FAULTING), .aborts_ro = 1, .aborts = GY_RO_ABORTS("DeviceFeatures"),
	  .outside = GY_ONLY("DeviceFeatures (the backend's two words in the page)") },
	{ AT(DEVICE_FEATURES_SEL),
	  .base = { VC_HV_SPECIAL_CASE, "emulated in Gunyah: sel < 2, else the write faults; the write refreshes "
					"DeviceFeatures in the page" },
	  .ok = BIT(SELECTOR) | BIT(FAULTING),
	  .outside = GY_ONLY("DeviceFeaturesSel") },
	{ AT(DRIVER_FEATURES),
	  .base = { VC_HV_SPECIAL_CASE, "stored in banked_drv_feat[sel]; the backend pulls it at DRIVER_OK" },
	  .ok = BIT(LATCH) | BIT(BANKED),
	  .outside = GY_STORES("DriverFeatures") },
	{ AT(DRIVER_FEATURES_SEL),
	  .base = { VC_HV_SPECIAL_CASE, "emulated in Gunyah: sel < 2, else the write faults" },
	  .ok = BIT(SELECTOR) | BIT(FAULTING),
	  .outside = GY_ONLY("DriverFeaturesSel") },
	{ AT(GUEST_PAGE_SIZE), .base = GY_LEGACY, .ok = ALL_CLASSES },
	{ AT(QUEUE_SEL),
	  .base = { VC_HV_SPECIAL_CASE, "emulated in Gunyah: QueueSel < configured queues, else the write faults; "
					"it copies the banked num_max and ready into the page" },
	  .ok = BIT(SELECTOR) | BIT(FAULTING),
	  .outside = GY_ONLY("QueueSel") },
	{ AT(QUEUE_NUM_MAX),
	  .base = { VC_HV_EMULABLE, GY_PAGE },
	  .ok = BIT(CONSTANT) | BIT(FAULTING),
	  .special = BIT(BANKED), .special_why = "QueueSel copies the backend's banked num_max into the page",
	  .aborts_ro = 1, .aborts = GY_RO_ABORTS("QueueNumMax"),
	  .outside = "Gunyah serves QueueNumMax from the page: a value that moves or reacts cannot reach the guest" },
	{ AT(QUEUE_NUM),
	  .base = { VC_HV_SPECIAL_CASE, GY_QUEUE_PULL },
	  .ok = BIT(LATCH) | BIT(BANKED),
	  .outside = GY_STORES("QueueNum") },
	{ FROM_TO(QUEUE_ALIGN, QUEUE_PFN), .base = GY_LEGACY, .ok = ALL_CLASSES },
	{ AT(QUEUE_READY),
	  .base = { VC_HV_SPECIAL_CASE, "page plus banked ready per queue: QueueSel refreshes it, reset clears it, "
					"the backend pulls it at DRIVER_OK" },
	  .ok = BIT(LATCH) | BIT(BANKED),
	  .outside = GY_STORES("QueueReady") },
	/* Posting is Gunyah's own per-register code, as InterruptACK's is: the
	 * vCPU never waits, so what the device does on a notify happens when
	 * the backend runs, and not before it has taken DRIVER_OK. */
	{ AT(QUEUE_NOTIFY),
	  .base = { VC_HV_SPECIAL_CASE, "posted: Gunyah sets the queue's bit and raises the backend's VIRQ without "
					"waiting; the backend serves it when it runs, and only once it has taken "
					"DRIVER_OK (reference sections 2 and 4): a device that acts on the notify "
					"before the write returns or before DRIVER_OK is not reproduced" },
	  .ok = BIT(WRITE_TRIGGERS) | BIT(SELECTOR),
	  .outside = "Gunyah only posts QueueNotify to the backend: other behaviour cannot reach the guest" },
	{ AT(INTERRUPT_STATUS),
	  .base = { VC_HV_SPECIAL_CASE, "the backend ORs bits into the page (assert_virq) and InterruptACK clears "
					"them in the hypervisor" },
	  .ok = BIT(CONSTANT) | BIT(BANKED) | VOLATILE | BIT(FAULTING), .aborts_ro = 1, .aborts = GY_RO_ABORTS("InterruptStatus"),
	  .outside = GY_ONLY("InterruptStatus (served from the page)") },
	{ AT(INTERRUPT_ACK),
	  .base = { VC_HV_SPECIAL_CASE, "the hypervisor clears the acknowledged bits of InterruptStatus in the page; "
					"the backend is not told" },
	  .ok = BIT(WRITE_CLEARS) | BIT(WRITE_TRIGGERS) | BIT(SELECTOR),
	  .outside = GY_ONLY("InterruptACK") },
	{ AT(STATUS),
	  .base = { VC_HV_SPECIAL_CASE, "stored as written; DRIVER_OK/FAILED/reset posted; reset completes when the "
					"backend acknowledges (DEVICE_NEEDS_RESET until then)" },
	  .ok = BIT(LATCH) | BIT(WRITE_TRIGGERS),
	  .outside = "Gunyah stores Status as written and never refuses it (FEATURES_OK included): a device that "
		     "refuses, alters or otherwise reacts to a Status write cannot be reproduced" },
	{ FROM_TO(QUEUE_DESC_LOW, QUEUE_DEVICE_HIGH),
	  .base = { VC_HV_SPECIAL_CASE, GY_QUEUE_PULL },
	  .ok = BIT(LATCH) | BIT(BANKED),
	  .outside = GY_STORES("queue addresses") },
	{ FROM_TO(SHM_SEL, SHM_BASE_HIGH),
	  .base = { VC_HV_EMULABLE, GY_PAGE " (normally 0)" },
	  .ok = BIT(CONSTANT) | BIT(FAULTING), .aborts = GY_ABORTS("the shared memory registers"),
	  .outside = "writes fault in Gunyah: the page holds only what the backend wrote at setup" },
	{ AT(QUEUE_RESET),
	  .base = { VC_HV_EMULABLE, GY_PAGE " (normally 0)" },
	  .ok = BIT(CONSTANT) | BIT(FAULTING),
	  .aborts = GY_ABORTS("QueueReset") ": per-queue reset (RING_RESET, virtio 1.2 2.6.1) cannot work",
	  .outside = "writes fault in Gunyah: the page holds only what the backend wrote at setup" },
	{ AT(CONFIG_GENERATION),
	  .base = { VC_HV_EMULABLE, GY_PAGE "; only the backend writes it" },
	  .ok = BIT(CONSTANT) | BIT(FAULTING), .aborts_ro = 1, .aborts = GY_RO_ABORTS("ConfigGeneration"),
	  .outside = "only the backend's mapping can bump it, and no Gunyah backend updates the page after setup" },
};

static const struct gy_reg gy_transport_other = {
	.base = { VC_HV_EMULABLE, GY_PAGE }, .ok = BIT(CONSTANT) | BIT(FAULTING),
	.aborts = GY_ABORTS("an offset it does not emulate"),
	.outside = "Gunyah faults writes to offsets it does not emulate and serves reads from the page",
};

#define GY_INPUT "Gunyah hard-codes virtio-input select/subsel: a write makes the hypervisor fill size and u from " \
		 "data the backend registered"

static const struct gy_reg gy_input[] = {
	{ .lo = 0, .hi = 1, .base = { VC_HV_SPECIAL_CASE, GY_INPUT },
	  .ok = BIT(SELECTOR) | BIT(LATCH) | BIT(BANKED) | BIT(CONSTANT),
	  /* What select reads back after a value with no data (QEMU: 0) is
	   * whatever the hypervisor's own emulation does. */
	  .special = BIT(VALIDATED), .special_why = GY_INPUT,
	  .outside = "Gunyah emulates virtio-input select/subsel itself: other behaviour cannot reach the guest" },
	{ .lo = 2, .hi = UINT32_MAX, .base = { VC_HV_EMULABLE, GY_PAGE },
	  .ok = BIT(CONSTANT) | BIT(FAULTING),
	  .special = BIT(BANKED), .special_why = GY_INPUT, .deny = WRITES,
	  .aborts_ro = 1, /* size and u are the device's to write (virtio 1.2 5.8.4) */
	  .aborts = "Gunyah faults virtio-input config writes other than select and subsel (reference section 3), "
		    "where the device was not seen to abort one",
	  .outside = "Gunyah faults virtio-input config writes other than select and subsel" },
};

#define GY_NO_TRAP "reads are served from the register page with no trap: a read that clears or mutates cannot " \
		   "reach the backend"

static const struct rule gy_transport_classes[VC_SFX_C__COUNT] = {
	[VC_SFX_C_CONSTANT] = { VC_HV_EMULABLE, GY_PAGE },
	[VC_SFX_C_READ_CLEARS] = { VC_HV_SYNC_BACKEND, GY_NO_TRAP },
	[VC_SFX_C_READ_MUTATES] = { VC_HV_SYNC_BACKEND, GY_NO_TRAP },
};

#define GY_STORED "config writes are stored in the page, never forwarded: "

static const struct rule gy_config_classes[VC_SFX_C__COUNT] = {
	[VC_SFX_C_CONSTANT] = { VC_HV_EMULABLE, GY_PAGE },
	[VC_SFX_C_LATCH] = { VC_HV_EMULABLE, "stored in the page; the backend never sees it" },
	[VC_SFX_C_SELECTOR] = { VC_HV_SYNC_BACKEND, GY_STORED "what other fields show afterwards needs the backend "
							      "to answer" },
	[VC_SFX_C_BANKED] = { VC_HV_SYNC_BACKEND, "the page holds one bank: the one a selector picks needs the "
						  "backend to answer" },
	[VC_SFX_C_READ_CLEARS] = { VC_HV_SYNC_BACKEND, GY_NO_TRAP },
	[VC_SFX_C_READ_MUTATES] = { VC_HV_SYNC_BACKEND, GY_NO_TRAP },
	[VC_SFX_C_WRITE_TRIGGERS] = { VC_HV_CANNOT_WORK, GY_STORED "the device action never happens" },
	[VC_SFX_C_WRITE_CLEARS] = { VC_HV_SYNC_BACKEND, GY_STORED "clearing bits needs the backend to answer" },
	[VC_SFX_C_VALIDATED] = { VC_HV_SYNC_BACKEND, GY_STORED "refusing or altering one needs the backend to answer" },
	[VC_SFX_C_VOLATILE_NOTIFIED] = { VC_HV_CANNOT_WORK, "no later config update path: config interrupts are "
							    "never raised" },
	[VC_SFX_C_VOLATILE_SILENT] = { VC_HV_CANNOT_WORK, "no later config update path: config interrupts are never "
							  "raised" },
	[VC_SFX_C_FAULTING] = { VC_HV_SYNC_BACKEND, "reads never trap and generic config writes are stored: only a "
						    "synchronous backend reproduces the abort" },
};

static const struct gy_reg *gy_find(const struct gy_reg *t, size_t n, uint32_t off)
{
	for (size_t i = 0; i < n; i++)
		if (off >= t[i].lo && off <= t[i].hi)
			return &t[i];
	return NULL;
}

static void gy_weigh(struct vc_hv_judgement *j, uint32_t classes, const struct gy_reg *e, const struct rule *table)
{
	weigh(j, e->base.v, e->base.why);
	if (e->aborts && !(classes & BIT(FAULTING)))
		weigh(j, e->aborts_ro ? VC_HV_SPECIAL_CASE : VC_HV_CANNOT_WORK, e->aborts);
	for (int k = 0; k < VC_SFX_C__COUNT; k++) {
		uint32_t b = VC_SFX_CLASS_BIT(k);
		if (!(classes & b) || (e->ok & b))
			continue;
		if (e->special & b)
			weigh(j, VC_HV_SPECIAL_CASE, e->special_why);
		else if (!(e->deny & b) && table[k].why)
			weigh(j, table[k].v, table[k].why);
		else
			weigh(j, VC_HV_CANNOT_WORK, e->outside);
	}
}

/* Generic config writes land in the page and stay there, across reset too
 * (reference section 3): a field the device keeps read-only reads back
 * whatever a driver wrote. Seen latching, storing is what it does. */
static void gy_config_read_only(const struct vc_register *r, struct vc_hv_judgement *j)
{
	if (!r->spec_access || strcmp(r->spec_access, "r") || (r->classes & (BIT(LATCH) | BIT(FAULTING))))
		return;
	weigh(j, VC_HV_SPECIAL_CASE, GY_STORED "a field declared read-only reads back what a driver wrote (until "
					       "the backend rewrites the page), where the device keeps its value (virtio "
					       "1.2 2.5); only per-field code that drops the write, as Gunyah has for "
					       "virtio-input alone, reproduces it");
}

static void gy_config(const struct vc_register *r, const struct vc_hv_facts *f, struct vc_hv_judgement *j)
{
	const struct gy_reg *e = NULL;
	if (f->device_id == 18) /* VIRTIO_ID_INPUT: the one type Gunyah emulates config for */
		e = gy_find(gy_input, sizeof(gy_input) / sizeof(gy_input[0]), r->off);
	if (e) {
		gy_weigh(j, r->classes, e, gy_config_classes);
	} else {
		weigh(j, VC_HV_EMULABLE, "no side effect seen: " GY_PAGE);
		weigh_classes(j, r->classes, gy_config_classes);
		gy_config_read_only(r, j);
	}
	if (forwards_writes(r))
		weigh(j, VC_HV_CANNOT_WORK, GY_STORED "the vhost-user backend the device model forwards it to never "
						      "receives it");
	/* 8-bit accesses are allowed at 0x100+, aligned 32-bit anywhere: a
	 * 16-bit field has no write of its own width. A driver writes only
	 * the writable ones; on a read-only field the abort differs from the
	 * device only for a driver that breaks 2.5, a special case. */
	if ((r->width == 2 || (writable(r) && r->width == 8)) && !(r->classes & BIT(FAULTING)))
		weigh(j, writable(r) ? VC_HV_CANNOT_WORK : VC_HV_SPECIAL_CASE,
		      "Gunyah takes only 8-bit and aligned 32-bit config writes; other sizes "
		      "fault (reference section 1), where the device takes them");
}

#define GY_FEATURE_DENIED (VIRTIO_BIT(VIRTIO_F_NOTIFICATION_DATA))
#define GY_MAX_VQS 16 /* VIRTIO_MMIO_MAX_VQS */

/* What the device as a whole must be for the backend to stand behind the
 * page: its feature offer passes backend_set_dev_features (reference
 * section 2), its queues fit the banked registers (section 6). */
static void gy_device_facts(enum vc_sfx_space sp, uint32_t off, const struct vc_hv_facts *f,
			    struct vc_hv_judgement *j)
{
	if (sp != VC_SFX_SP_TRANSPORT)
		return;
	if (off == VIRTIO_MMIO_DEVICE_FEATURES &&
	    ((f->offered & GRANT_FEATURES) != GRANT_FEATURES || (f->offered & GY_FEATURE_DENIED)))
		weigh(j, VC_HV_CANNOT_WORK, "Gunyah's backend_set_dev_features denies a feature word without VERSION_1 "
					    "and ACCESS_PLATFORM or with NOTIFICATION_DATA (reference section 2): "
					    "this device's offer is refused");
	if (off == VIRTIO_MMIO_QUEUE_SEL && f->nqueues > GY_MAX_VQS)
		weigh(j, VC_HV_CANNOT_WORK, "Gunyah banks at most 16 queues (VIRTIO_MMIO_MAX_VQS, reference section 6): "
					    "QueueSel past them aborts, and this device has more");
}

/* A register of a device seen on virtio-pci, as the same device shows it
 * behind Gunyah's page: the virtio-mmio register that plays its part, the
 * page's QueueNotify for the notification area, or -1 where the page has
 * no counterpart (the ISR's read-to-clear, MSI-X vectors, num_queues,
 * notify offsets and data: a driver behind the page never meets them). */
static int gy_pci_as_mmio(const struct vc_register *r)
{
	if (r->space == VC_SFX_SP_NOTIFY)
		return VIRTIO_MMIO_QUEUE_NOTIFY;
	if (r->space != VC_SFX_SP_TRANSPORT)
		return -1;
	return virtio_pci_common_as_mmio(r->off);
}

/* A transport register judged as the page's register at mmio offset `off`. */
static void gy_transport_reg(enum vc_sfx_space sp, uint32_t off, uint32_t classes, const struct vc_hv_facts *f,
			     struct vc_hv_judgement *j)
{
	const struct gy_reg *e = gy_find(gy_transport, sizeof(gy_transport) / sizeof(gy_transport[0]), off);
	gy_weigh(j, classes, e ? e : &gy_transport_other, gy_transport_classes);
	gy_device_facts(sp, off, f, j);
}

static void judge_gunyah(const struct vc_register *r, const struct vc_hv_facts *f, struct vc_hv_judgement *j)
{
	if (f->transport != VC_TR_MMIO_V2 && f->transport != VC_TR_PCI_MODERN) {
		weigh(j, VC_HV_NOT_APPLICABLE, f->transport == VC_TR_MMIO_V1
			? "Gunyah's virtio_mmio object is Version 2 only: the legacy registers fault"
			: "Gunyah's page is a modern virtio-mmio window: a legacy-only interface cannot stand behind it");
		return;
	}
	if (r->space == VC_SFX_SP_CONFIG) {
		gy_config(r, f, j); /* device config means the same on every transport */
		return;
	}
	if (f->transport == VC_TR_PCI_MODERN) {
		/* The guest reaches the device through the page whatever bus the
		 * backend has it on (the gunyah personality fronts pci-modern
		 * devices too); the PCI access widths never reach the page. */
		int off = gy_pci_as_mmio(r);
		if (off < 0) {
			weigh(j, VC_HV_NOT_APPLICABLE, "behind Gunyah's virtio-mmio page this virtio-pci register has no "
						       "counterpart: a driver there never accesses it");
			return;
		}
		/* What only a read-back shows (a PCI selector reads back, QEMU
		 * alters an out-of-range queue_select) cannot reach a driver
		 * behind the page when the counterpart is write-only there. */
		uint32_t classes = r->classes;
		const char *acc = virtio_mmio_reg_info((unsigned)off).access;
		if (acc && !strcmp(acc, "w"))
			classes &= ~(BIT(LATCH) | BIT(VALIDATED));
		gy_transport_reg(r->space, (uint32_t)off, classes, f, j);
		return;
	}
	gy_transport_reg(r->space, r->space == VC_SFX_SP_NOTIFY ? VIRTIO_MMIO_QUEUE_NOTIFY : r->off, r->classes, f, j);
	if (writable(r) && r->width != 4)
		weigh(j, VC_HV_CANNOT_WORK, "only aligned 32-bit writes outside config; other sizes fault");
}

/* ---- page: every read from a snapshot taken at setup, only notify forwarded -- */

#define PG_NOWHERE "writes go nowhere: "

static const struct rule page_classes[VC_SFX_C__COUNT] = {
	[VC_SFX_C_CONSTANT] = { VC_HV_EMULABLE, "read from the snapshot taken at setup" },
	[VC_SFX_C_LATCH] = { VC_HV_SYNC_BACKEND, PG_NOWHERE "reading back what was written needs a backend that "
							    "stores it" },
	[VC_SFX_C_SELECTOR] = { VC_HV_SYNC_BACKEND, PG_NOWHERE "what other registers show after the write needs a "
							       "backend" },
	[VC_SFX_C_BANKED] = { VC_HV_SYNC_BACKEND, "the snapshot holds one bank: the others need a backend that follows "
						  "the selector" },
	[VC_SFX_C_READ_CLEARS] = { VC_HV_SYNC_BACKEND, "reads come from the snapshot: a read's side effect needs a "
						       "backend" },
	[VC_SFX_C_READ_MUTATES] = { VC_HV_SYNC_BACKEND, "reads come from the snapshot: a read's side effect needs a "
							"backend" },
	[VC_SFX_C_WRITE_TRIGGERS] = { VC_HV_SYNC_BACKEND, PG_NOWHERE "the device action needs a backend that sees "
								     "the write" },
	[VC_SFX_C_WRITE_CLEARS] = { VC_HV_SYNC_BACKEND, PG_NOWHERE "clearing bits needs a backend" },
	[VC_SFX_C_VALIDATED] = { VC_HV_SYNC_BACKEND, PG_NOWHERE "refusing or altering a write needs a backend" },
	[VC_SFX_C_VOLATILE_NOTIFIED] = { VC_HV_CANNOT_WORK, "the snapshot is taken once at setup and never follows "
							    "the device" },
	[VC_SFX_C_VOLATILE_SILENT] = { VC_HV_CANNOT_WORK, "the snapshot is taken once at setup and never follows the "
							  "device" },
	[VC_SFX_C_FAULTING] = { VC_HV_SYNC_BACKEND, "a snapshot never aborts: reproducing the fault needs a trapping "
						    "backend" },
};

static void judge_page(const struct vc_register *r, const struct vc_hv_facts *f, struct vc_hv_judgement *j)
{
	if (is_queue_notify(r, f->transport)) {
		weigh(j, VC_HV_EMULABLE, "QueueNotify is the one access the page model forwards");
		return;
	}
	if (!r->classes)
		weigh(j, VC_HV_SYNC_BACKEND, PG_NOWHERE "a register not seen to be constant needs a backend");
	weigh_classes(j, r->classes, page_classes);
	if (forwards_writes(r))
		weigh(j, VC_HV_SYNC_BACKEND, PG_NOWHERE "the write has to reach the vhost-user backend before the guest "
							"goes on, which takes a synchronous backend");
}

/* ---- all models ---------------------------------------------------------------- */

typedef void judge_fn(const struct vc_register *r, const struct vc_hv_facts *f, struct vc_hv_judgement *j);

static judge_fn *const judges[VC_HV__COUNT] = {
	[VC_HV_KVM] = judge_kvm,
	[VC_HV_XEN] = judge_xen,
	[VC_HV_GUNYAH] = judge_gunyah,
	[VC_HV_PAGE] = judge_page,
};

void vc_hv_judge(struct vc_register *r, const struct vc_hv_facts *facts)
{
	for (int m = 0; m < VC_HV__COUNT; m++) {
		r->models[m] = (struct vc_hv_judgement){ VC_HV_EMULABLE, NULL };
		judges[m](r, facts, &r->models[m]);
	}
}
